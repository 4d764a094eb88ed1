"""Faults to inject: what goes wrong, for which requests, and whether before or after the
exchange processed the request.

A fault injected with ``after_processing=False`` (the default) answers instead of the exchange:
the cancel is not applied. With ``after_processing=True`` the exchange applies the cancel first
and the fault then replaces (or delays) its answer: the client sees a failure although the
orders were cancelled, which is what a client's retry logic must survive.

>>> from htx_swap_mock import faults
>>> fault = faults.delay(0.5)
>>> fault.kind, fault.seconds
(<FaultKind.DELAY: 'delay'>, 0.5)
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from dataclasses import dataclass

from htx_swap_mock.codes import GATEWAY_CODE, ErrorCode
from htx_swap_mock.recording import ReceivedRequest

__all__ = [
    "Fault",
    "FaultKind",
    "FaultPlan",
    "FaultRule",
    "RequestPredicate",
    "TricklePart",
    "business_error",
    "delay",
    "drop",
    "gateway_error",
    "gzip_bomb",
    "html_502",
    "http_429",
    "http_500",
    "http_503",
    "malformed_json",
    "oversize_body",
    "partial_answer",
    "stall",
    "trickle",
    "truncated_body",
    "unrequested_id",
]

RequestPredicate = Callable[[ReceivedRequest], bool]


class FaultKind(enum.StrEnum):
    DELAY = "delay"  # wait, then answer normally
    DROP = "drop"  # close the connection without sending a byte
    HTTP_500 = "http_500"
    HTML_502 = "html_502"  # a proxy's HTML error page, as Cloudflare sends
    HTTP_503 = "http_503"
    HTTP_429 = "http_429"  # with Retry-After and a 1032 body
    MALFORMED_JSON = "malformed_json"  # 200 whose body is not JSON
    TRUNCATED_BODY = "truncated_body"  # Content-Length promises more than is sent
    BUSINESS_ERROR = "business_error"
    GATEWAY_ERROR = "gateway_error"
    STALL = "stall"  # send nothing for a while, then close: only a client timeout ends it early
    TRICKLE = "trickle"  # the answer one byte at a time (its headers too, or only its body)
    GZIP_BOMB = "gzip_bomb"  # a small gzip body that decodes to a huge (valid JSON) answer
    OVERSIZE_BODY = "oversize_body"  # an honestly sized answer far larger than HTX's
    PARTIAL_ANSWER = "partial_answer"  # a cancel answer that names only some requested ids
    UNREQUESTED_ID = "unrequested_id"  # a cancel answer whose successes name an unasked id


class TricklePart(enum.StrEnum):
    HEADERS = "headers"  # from the status line on: nothing is complete until the last byte
    BODY = "body"  # the headers at once, then the body byte by byte


@dataclass(frozen=True)
class Fault:
    """One fault; build it with the functions of this module (``drop()``, ``delay(0.5)``…)."""

    kind: FaultKind
    seconds: float = 0.0  # DELAY, STALL
    json_body: bool = True  # HTTP_500: a JSON error body, or plain text
    retry_after: int | None = None  # HTTP_429
    code: int | str | None = None  # BUSINESS_ERROR (int), GATEWAY_ERROR (str)
    message: str = ""
    part: TricklePart = TricklePart.BODY  # TRICKLE
    size: int = 0  # GZIP_BOMB (decoded bytes), OVERSIZE_BODY (bytes sent)
    named: int = 0  # PARTIAL_ANSWER: how many of the requested ids the answer names
    order_id: str = ""  # UNREQUESTED_ID


def _seconds(seconds: float) -> float:
    if seconds < 0:
        raise ValueError("seconds must be >= 0")
    return float(seconds)


def delay(seconds: float) -> Fault:
    """Wait ``seconds``, then answer normally (interrupted if the client goes away)."""
    return Fault(FaultKind.DELAY, seconds=_seconds(seconds))


def drop() -> Fault:
    """Close the connection with no response at all: the client gets a transport error."""
    return Fault(FaultKind.DROP)


def http_500(*, json_body: bool = True) -> Fault:
    """HTTP 500 with HTX's 1000 "System error." JSON body, or a plain-text body."""
    return Fault(FaultKind.HTTP_500, json_body=json_body)


def html_502() -> Fault:
    """HTTP 502 with an HTML page, as a CDN in front of the exchange answers."""
    return Fault(FaultKind.HTML_502)


def http_503() -> Fault:
    """HTTP 503 with an HTML page (service unavailable)."""
    return Fault(FaultKind.HTTP_503)


def http_429(retry_after: int = 1) -> Fault:
    """HTTP 429 with ``Retry-After`` and a 1032 business error body."""
    if retry_after < 0:
        raise ValueError("retry_after must be >= 0")
    return Fault(FaultKind.HTTP_429, retry_after=retry_after)


def malformed_json() -> Fault:
    """HTTP 200 whose body is not valid JSON."""
    return Fault(FaultKind.MALFORMED_JSON)


def truncated_body() -> Fault:
    """HTTP 200 that declares a Content-Length, sends part of the body and closes."""
    return Fault(FaultKind.TRUNCATED_BODY)


def business_error(
    code: int = ErrorCode.SYSTEM_BUSY, message: str = ErrorCode.SYSTEM_BUSY.message
) -> Fault:
    """``{"status":"error","err_code":code,"err_msg":message,"ts":…}`` with HTTP 200."""
    return Fault(FaultKind.BUSINESS_ERROR, code=int(code), message=message)


def gateway_error(
    code: str = GATEWAY_CODE,
    message: str = "Signature not valid: Incorrect IP address [IP地址错误]",
) -> Fault:
    """``{"status":"error","err-code":code,"err-msg":message,"data":null}`` with HTTP 200."""
    return Fault(FaultKind.GATEWAY_ERROR, code=code, message=message)


def stall(seconds: float) -> Fault:
    """Send nothing for ``seconds``, then close the connection without an answer. A client
    whose read timeout is shorter sees a timeout; one that waits longer sees a dropped
    connection, never a late success."""
    return Fault(FaultKind.STALL, seconds=_seconds(seconds))


def trickle(part: TricklePart | str = TricklePart.BODY, *, seconds: float = 0.05) -> Fault:
    """The exchange's own answer, sent one byte every ``seconds``: from the status line on
    (``part="headers"``) or, the headers at once, only its body (``part="body"``). Each byte
    restarts a client's read timeout, so only a bound on the attempt as a whole ends it early;
    a client that waits gets the whole, correct answer. Ends when the client goes away."""
    return Fault(FaultKind.TRICKLE, seconds=_seconds(seconds), part=TricklePart(part))


def _size(size: int, least: int) -> int:
    if isinstance(size, bool) or not isinstance(size, int) or size < least:
        raise ValueError(f"size must be an int >= {least}, got {size!r}")
    return size


def gzip_bomb(decoded_bytes: int = 64 << 20) -> Fault:
    """HTTP 200, ``Content-Encoding: gzip``: a body of some tens of KiB that decodes to the
    exchange's own answer followed by spaces, ``decoded_bytes`` in all (valid JSON: a client
    that reads it whole sees an ordinary answer, having spent that much memory)."""
    return Fault(FaultKind.GZIP_BOMB, size=_size(decoded_bytes, 1024))


def oversize_body(size: int = 4 << 20) -> Fault:
    """HTTP 200 with a ``Content-Length`` of ``size`` bytes: the exchange's own answer followed
    by spaces (valid JSON), sent in 64 KiB pieces."""
    return Fault(FaultKind.OVERSIZE_BODY, size=_size(size, 1024))


def partial_answer(named: int = 1) -> Fault:
    """A cancel answer that names only the first ``named`` requested ids (in ``successes`` or
    ``errors``); the others are in neither. Before processing only the named ids are cancelled
    (the rest stay as they were); after processing every requested id was, and the answer
    still names only some. Requests that are not cancels of ids are answered normally."""
    if isinstance(named, bool) or not isinstance(named, int) or named < 0:
        raise ValueError(f"named must be an int >= 0, got {named!r}")
    return Fault(FaultKind.PARTIAL_ANSWER, named=named)


def unrequested_id(order_id: int | str = "99") -> Fault:
    """A cancel answer whose ``successes`` also name ``order_id``, which nobody asked about.
    After processing it is the exchange's own answer plus that id; before processing nothing
    was cancelled and the answer names that id alone."""
    text = str(order_id)
    if not text.isdigit():
        raise ValueError(f"order_id must be decimal digits, got {order_id!r}")
    return Fault(FaultKind.UNREQUESTED_ID, order_id=text)


class FaultRule:
    """An injected fault and the requests it applies to; returned by ``inject`` so a test can
    check how often it fired (``applied``) and how many uses are left (``remaining``)."""

    def __init__(
        self,
        fault: Fault,
        *,
        times: int | None,
        path: str | None,
        when: RequestPredicate | None,
        after_processing: bool,
    ) -> None:
        if times is not None and times < 1:
            raise ValueError("times must be >= 1, or None for every matching request")
        self.fault = fault
        self.path = path
        self.when = when
        self.after_processing = after_processing
        self._remaining = times
        self._applied = 0

    def __repr__(self) -> str:
        return (
            f"FaultRule({self.fault.kind.value}, remaining={self._remaining}, "
            f"applied={self._applied}, path={self.path!r}, "
            f"after_processing={self.after_processing})"
        )

    @property
    def remaining(self) -> int | None:
        """Uses left; None means unlimited."""
        return self._remaining

    @property
    def applied(self) -> int:
        return self._applied

    @property
    def exhausted(self) -> bool:
        return self._remaining == 0

    def _matches(self, request: ReceivedRequest) -> bool:
        if self.exhausted or (self.path is not None and request.path != self.path):
            return False
        return self.when is None or self.when(request)

    def _use(self) -> None:
        self._applied += 1
        if self._remaining is not None:
            self._remaining -= 1


class FaultPlan:
    """The injected rules, tried in the order they were added; the first match is used."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []

    def add(self, rule: FaultRule) -> FaultRule:
        with self._lock:
            self._rules.append(rule)
        return rule

    def take(self, request: ReceivedRequest) -> FaultRule | None:
        """The rule that applies to ``request``, its use counted; exhausted rules are dropped."""
        with self._lock:
            for rule in self._rules:
                if rule._matches(request):
                    rule._use()
                    self._rules = [r for r in self._rules if not r.exhausted]
                    return rule
        return None

    def pending(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
