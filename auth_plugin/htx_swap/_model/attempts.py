"""Every attempt on record: ``AttemptRecord``, built by the engine (``watch``) once per request
sent; ``calls`` collects a call's records onto its result or error.

HTX's request id: HTX documents none. Its answers come through Cloudflare, whose ``Cf-Ray``
header identifies the request at the edge; that is the value kept as ``request_id`` (None when
the answer had no such header, as with the local exchange). Quote it with ``ts`` (HTX's answer
time) in a support ticket.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, ClassVar

import attrs
import httpx

from htx_swap._model.errors import MAX_CODE_CHARS, HtxApiError, HtxError
from htx_swap._model.redaction import redact
from htx_swap._model.serialize import Serializable

if TYPE_CHECKING:
    from htx_swap._wire.body import ReadAnswer

__all__ = [
    "MAX_KEPT_HEADERS",
    "MAX_KEPT_HEADER_BYTES",
    "REQUEST_ID_HEADER",
    "AttemptRecord",
    "kept_headers",
    "log_attempt",
    "record_of",
]

log = logging.getLogger("htx_swap")
REQUEST_ID_HEADER = "cf-ray"
# A record keeps an answer's headers whole up to this size (HTX's answers: under 1 KiB); past
# it, only the ``ratelimit-*`` and ``Cf-Ray`` ones (at most MAX_KEPT_HEADERS, each value cut to
# MAX_CODE_CHARS), so a call's 1,000 records stay small whatever a server sends
MAX_KEPT_HEADER_BYTES = 4096
MAX_KEPT_HEADERS = 16
# HTX's codes are short ("1032", "api-signature-not-valid"); a longer one a server sends is cut
# here, so a record, a span attribute and a log line stay small whatever the answer held


@attrs.frozen
class AttemptRecord(Serializable):
    """One request the SDK sent (or tried to send) within a call, as a support ticket would
    quote it.

    ``operation`` is the spec's operation (``swap_cancel``, ``get_timestamp`` for a clock
    resync); ``attempt`` counts from 1 within that request (2 is its first retry);
    ``status_code`` is the HTTP status (None without an answer); ``htx_code`` HTX's error code
    (None for an ``ok`` answer or without one); ``seconds`` the time from sending to the answer
    or the failure; ``may_have_reached`` whether this attempt may have been processed by HTX;
    ``rate_limit`` the answer's ``ratelimit-*`` headers by lower-case name; ``request_id`` the
    answer's ``Cf-Ray`` header (HTX documents no request id of its own); ``error`` the class
    name of the error the attempt met (None when it was answered and decoded;
    ``"Interrupted"`` when the call stopped waiting for its answer: a fan-out cut short);
    ``retry_in`` the pause before the next attempt when one followed.
    """

    # ``watch.kept`` builds an answered attempt's record by position: keep the fields' order
    operation: str
    attempt: int
    status_code: int | None
    htx_code: int | str | None
    seconds: float
    may_have_reached: bool
    error: str | None = None
    retry_in: float | None = None
    # the answer's headers as received (None without an answer); read on demand, so that an
    # attempt costs no header parsing of its own
    headers: httpx.Headers | None = attrs.field(default=None, repr=False, eq=False, hash=False)
    _serialized_properties: ClassVar[tuple[str, ...]] = ("rate_limit", "request_id")

    @property
    def rate_limit(self) -> dict[str, str]:
        """The answer's ``ratelimit-*`` headers by lower-case name (a repeated one joined with
        ", "): at most ``MAX_KEPT_HEADERS`` names, each value cut to ``MAX_CODE_CHARS``."""
        found: dict[str, str] = {}
        for raw_name, raw_value in self.headers.raw if self.headers is not None else ():
            lowered = raw_name.lower()
            if lowered.startswith(b"ratelimit-"):
                name = _shown(lowered.decode("latin-1"))
                if name not in found and len(found) == MAX_KEPT_HEADERS:
                    continue
                value = _shown(raw_value.decode("latin-1"))
                found[name] = _shown(f"{found[name]}, {value}") if name in found else value
        return found

    @property
    def request_id(self) -> str | None:
        """The answer's ``Cf-Ray`` header (HTX documents no request id of its own), cut to
        ``MAX_CODE_CHARS``."""
        found = None if self.headers is None else self.headers.get(REQUEST_ID_HEADER)
        return None if found is None else _shown(found)


def _shown(text: str) -> str:
    """A server's header text as a record gives it: redacted (a server may echo the signed
    URL) and bounded."""
    text = redact(text)
    return text if len(text) <= MAX_CODE_CHARS else text[:MAX_CODE_CHARS] + "…"


def kept_headers(headers: httpx.Headers) -> httpx.Headers:
    """``headers`` as a record keeps them: whole when they are at most
    ``MAX_KEPT_HEADER_BYTES`` (every answer of HTX's); else a copy of the ``ratelimit-*`` and
    ``Cf-Ray`` ones only, at most ``MAX_KEPT_HEADERS``, each value cut to ``MAX_CODE_CHARS``
    bytes and one more."""
    raw = headers.raw
    size = 0
    for name, value in raw:
        size += len(name) + len(value)
    if size <= MAX_KEPT_HEADER_BYTES:
        return headers
    wanted = [  # one byte more than shown: the record still shows the value was cut
        (name, value[: MAX_CODE_CHARS + 1])
        for name, value in raw
        if name.lower().startswith(b"ratelimit-") or name.lower() == b"cf-ray"
    ]
    return httpx.Headers(wanted[:MAX_KEPT_HEADERS])


def record_of(
    operation: str,
    attempt: int,
    seconds: float,
    answer: ReadAnswer | None,
    failure: HtxError | None,
    retry_in: float | None,
) -> AttemptRecord:
    """The record of one attempt: its ``answer`` when one came (status, headers), the
    ``failure`` it met (None: answered and decoded)."""
    status = answer.status_code if answer is not None else None
    if failure is not None and failure.status_code is not None:
        status = failure.status_code
    code = failure.code if isinstance(failure, HtxApiError) else None
    if isinstance(code, str):  # a server's text: redacted (it may echo the URL) and bounded
        code = redact(code)
        code = code if len(code) <= MAX_CODE_CHARS else code[:MAX_CODE_CHARS] + "…"
    return AttemptRecord(
        operation=operation,
        attempt=attempt,
        status_code=status,
        htx_code=code,
        seconds=seconds,
        may_have_reached=answer is not None or (failure is not None and failure.may_have_reached),
        error=None if failure is None else type(failure).__name__,
        retry_in=retry_in,
        headers=None if answer is None else kept_headers(answer.headers),
    )


def log_attempt(record: AttemptRecord, where: str) -> None:
    """One DEBUG line per attempt (callers check ``log.isEnabledFor`` first)."""
    log.debug(
        "htx_swap: %s attempt %d: %s in %.3f s%s",
        where,
        record.attempt,
        f"HTTP {record.status_code}" if record.status_code is not None else "no answer",
        record.seconds,
        "" if record.error is None else f" ({record.error}, code {record.htx_code})",
        extra={
            "operation": record.operation,
            "attempt": record.attempt,
            "status": record.status_code,
            "code": record.htx_code,
            "may_have_reached": record.may_have_reached,
        },
    )
