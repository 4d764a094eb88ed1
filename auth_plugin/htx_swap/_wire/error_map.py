"""The one place where failures become the SDK's exceptions: transport errors, HTTP statuses and
HTX's four error envelopes.

- ``{"status": "error", "err_code": 1061, "err_msg": ...}``: the swap API's business errors;
- ``{"status": "error", "err-code": "api-signature-not-valid", "err-msg": ...}``: the gateway's;
- ``{"code": 1017, "msg": ..., "data": null}``: the dead man's switch endpoint's envelope;
- ``{"code": 1061, "message": ..., "data": null}``: the USDT-M v5 API's (success: code 200).
  HTX documents no v5 codes: the legacy tables below type them (auth, rate limit, busy) and
  any other code is an ``HtxApiError`` carrying it, never a success.

Each function also says whether the failed attempt may have been processed by HTX: only a
connection never made, or an answer that refuses the request as a whole (HTX's own error
envelope on a non-5xx status, 401/403/429), proves it was not.
"""

from __future__ import annotations

import contextlib
import datetime
import email.utils
import math
import ssl
import time

import httpx

from htx_swap._model.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    HtxApiError,
    HtxError,
    RateLimitError,
    ResponseParseError,
    ServerError,
    ServiceUnavailableError,
    SettlementError,
    TimestampError,
)
from htx_swap._model.redaction import excerpt, redact
from htx_swap._wire.body import Answer

__all__ = [
    "AUTH_CODES",
    "BUSY_CODES",
    "RATE_LIMIT_CODES",
    "SETTLEMENT_CODES",
    "SYSTEM_ERROR_CODES",
    "TIMESTAMP_CODES",
    "answered_by",
    "api_error",
    "envelope_error",
    "is_retryable",
    "parse_error",
    "retry_after_seconds",
    "status_error",
    "transport_error",
]

AUTH_CODES = frozenset({403, 1017} | set(range(12002, 12010)))
TIMESTAMP_CODES = frozenset({1003, 12001})
RATE_LIMIT_CODES = frozenset({1032})
BUSY_CODES = frozenset({1004})
SETTLEMENT_CODES = frozenset({1056, 1059})  # in settlement / in delivery: refused, try later
# "System error" / "system exception": HTX may have done part of the work before failing.
SYSTEM_ERROR_CODES = frozenset({1000, 1001})
UNAVAILABLE_STATUSES = frozenset({502, 503, 504})
REFUSING_STATUSES = frozenset({401, 403, 429})
_TIMESTAMP_HINTS = ("timestamp", "submission time", "提交时间")


def transport_error(exc: BaseException, where: str) -> HtxError:
    """An ``httpx`` (or socket/TLS) failure as an ``APIConnectionError``/``APITimeoutError``.

    The request surely never left only when no connection was made (connect refused or timed
    out, no free connection in the pool)."""
    connect_failed = httpx.ConnectError | httpx.ConnectTimeout | httpx.ProxyError | ssl.SSLError
    never_sent = isinstance(exc, connect_failed | httpx.PoolTimeout | httpx.UnsupportedProtocol)
    detail = redact(str(exc)) or "no detail"
    if isinstance(exc, httpx.RequestError):
        with contextlib.suppress(RuntimeError):  # httpx raises when it carries no request
            where = f"{exc.request.method} {redact(str(exc.request.url))}"
    message = f"{where}: {type(exc).__name__}: {detail}"
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return APITimeoutError(message, may_have_reached=not never_sent)
    return APIConnectionError(message, may_have_reached=not never_sent)


def retry_after_seconds(headers: httpx.Headers, now: float | None = None) -> float | None:
    """Seconds to wait from ``Retry-After`` (seconds or an HTTP date) or HTX's ``recovery-time``
    (epoch milliseconds); None when neither says a usable time."""
    now = time.time() if now is None else now
    value = headers.get("retry-after")
    if value is not None:
        try:
            seconds = float(value)
        except ValueError:
            try:
                parsed = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):  # neither seconds nor a date: not a wait to honour
                return None
            if parsed.tzinfo is None:  # an HTTP date is always GMT ("-0000" parses naive)
                parsed = parsed.replace(tzinfo=datetime.UTC)
            return max(0.0, parsed.timestamp() - now)
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        return max(0.0, int(headers["recovery-time"]) / 1000 - now)
    except (KeyError, ValueError, OverflowError):  # absent, not a number, or too big to be a time
        return None


def _error_class(code: int | str | None, status_code: int, message: str) -> type[HtxApiError]:
    if isinstance(code, str):
        # The gateway's api-signature-not-valid also covers a stale timestamp; only the
        # message tells, and a TimestampError lets the client resync its clock.
        if any(hint in message.lower() for hint in _TIMESTAMP_HINTS):
            return TimestampError
        if code.startswith("api-signature") or "access-key" in code or "api-key" in code:
            return AuthenticationError
    by_meaning: list[tuple[type[HtxApiError], bool]] = [
        (AuthenticationError, code in AUTH_CODES or status_code in {401, 403}),
        (TimestampError, code in TIMESTAMP_CODES),
        (RateLimitError, code in RATE_LIMIT_CODES or status_code == 429),
        (ServiceUnavailableError, code in BUSY_CODES or status_code in UNAVAILABLE_STATUSES),
        (SettlementError, code in SETTLEMENT_CODES),
    ]
    return next((cls for cls, matches in by_meaning if matches), HtxApiError)


def answered_by(response: Answer) -> str | None:
    """The host (and port, when not the scheme's default) an answer came from, as in
    ``api.hbdm.com`` or ``127.0.0.1:8080``; None when the answer does not say.

    >>> from htx_swap._wire.body import ReadAnswer
    >>> answered_by(ReadAnswer(200, httpx.Headers(), b"", httpx.URL("http://127.0.0.1:8080/x")))
    '127.0.0.1:8080'
    """
    try:
        url = getattr(response, "url", None)
    except RuntimeError:  # an httpx.Response built without its request
        return None
    if not isinstance(url, httpx.URL) or not url.host:
        return None
    return url.netloc.decode("ascii", "replace")


def api_error(
    response: Answer, code: int | str | None, message: str, *, may_have_reached: bool
) -> HtxApiError:
    cls = _error_class(code, response.status_code, message)
    host = answered_by(response)
    if issubclass(cls, AuthenticationError) and host is not None:
        # keys of one exchange sent to another (the local exchange's to the live one) fail as a
        # signature error: the host it came from says so at once
        message = f"{message} (from {host})"
    return cls(
        message,
        code=code,
        status_code=response.status_code,
        body_excerpt=excerpt(response.content),
        retry_after=retry_after_seconds(response.headers),
        may_have_reached=may_have_reached,
    )


def parse_error(response: Answer, problem: str) -> ResponseParseError:
    return ResponseParseError(
        f"HTTP {response.status_code}: {problem}; body starts {excerpt(response.content)!r}",
        status_code=response.status_code,
        body_excerpt=excerpt(response.content),
    )


def status_error(response: Answer) -> HtxError:
    """The error for an answer whose HTTP status is not 200 and whose body is no HTX error."""
    status = response.status_code
    reached = status not in REFUSING_STATUSES and not 400 <= status < 500
    if status in REFUSING_STATUSES or status in UNAVAILABLE_STATUSES:
        reason = f"HTTP {status} {response.reason_phrase}".strip()
        return api_error(response, None, reason, may_have_reached=reached)
    cls = ServerError if status >= 500 else APIStatusError
    where = ""
    if 300 <= status < 400:  # never followed: the SDK talks to the URL it was given only
        where = f" (redirect to {redact(response.headers.get('location', '?'))!r}, not followed)"
    return cls(
        f"HTTP {status} {response.reason_phrase}{where}; body starts {excerpt(response.content)!r}",
        status_code=status,
        body_excerpt=excerpt(response.content),
        may_have_reached=reached,
    )


def _code(value: object) -> int | str | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    return value


def envelope_error(response: Answer, body: dict[str, object]) -> HtxError | None:
    """The exception for one of HTX's four error envelopes, or None when ``body`` is none of
    them. A non-5xx answer in HTX's own error envelope refused the request as a whole."""
    if body.get("status") == "error" and "err_code" in body:
        code, message = _code(body.get("err_code")), body.get("err_msg")
    elif body.get("status") == "error" and "err-code" in body:
        raw = body.get("err-code")
        code, message = (str(raw) if raw is not None else None), body.get("err-msg")
    elif "code" in body and "status" not in body and ("msg" in body or "message" in body):
        # the code envelope ({code, msg}) and the v5 one ({code, message}): 200 is success
        code = _code(body.get("code"))
        message = body.get("msg", body.get("message"))
        if code == 200:
            return None
        if isinstance(code, str) and code.strip() == "200":  # success, spelled oddly: in doubt
            return parse_error(response, f"code {code!r} is text: success or not, unknown")
        if message is None and "message" in body:  # v5 allows a null message
            message = f"code {code}"
    else:
        return None
    if code is None or not isinstance(message, str):
        return parse_error(response, "an error answer without a usable code and message")
    reached = response.status_code >= 500 or code in SYSTEM_ERROR_CODES
    if code in SETTLEMENT_CODES:  # a refusal as a whole, whatever the HTTP status
        reached = False
    return api_error(response, code, str(message), may_have_reached=reached)


def is_retryable(error: BaseException) -> bool:
    """Connection faults and timeouts, HTTP 429/502/503/504, HTX 1004 (busy) and 1032 (rate
    limited). Never business errors: a retry cannot fix them."""
    return isinstance(error, APIConnectionError | RateLimitError | ServiceUnavailableError)
