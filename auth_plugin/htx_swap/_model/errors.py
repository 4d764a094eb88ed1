"""One exception hierarchy: everything the SDK raises is an ``HtxError``.

Messages carry the HTTP status, HTX's code and message (kept as received, cut to a readable
length; the whole text stays on ``full_message``) and a short excerpt of the body with
signed-URL parameters redacted; never a secret.

Every error says whether the call it ends may have been processed by HTX all the same:
``may_have_reached`` is True when any attempt of the call (retries and the clock resync
included) could have reached the exchange. A cancel that raised with ``may_have_reached`` True
is in doubt: read the order's state before acting on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from htx_swap._model.redaction import redact

if TYPE_CHECKING:
    from htx_swap._model.attempts import AttemptRecord
    from htx_swap._model.reports import OpenOrder

__all__ = [
    "MAX_MESSAGE_CHARS",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "ClientClosedError",
    "ClockSkewError",
    "DeadlineExceededError",
    "HtxApiError",
    "HtxError",
    "InvalidRequestError",
    "OpenOrdersChangedError",
    "RateLimitError",
    "ResponseParseError",
    "ResponseTooLargeError",
    "ServerError",
    "ServiceUnavailableError",
    "SwitchMayBeArmedError",
    "TimestampError",
]

MAX_MESSAGE_CHARS = 500
MAX_CODE_CHARS = 64  # HTX's codes are short; a longer one a server sends is cut where shown


def _shown(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return f"{message[:MAX_MESSAGE_CHARS]}… ({len(message)} characters; see .full_message)"


class HtxError(Exception):
    """Base of every exception the SDK raises.

    ``may_have_reached``: whether the call may have been processed by HTX (any attempt).
    ``status_code``: the HTTP status when the error came from an answer, else None.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        body_excerpt: str = "",
        may_have_reached: bool = False,
    ) -> None:
        message = redact(message)  # a server's text may echo the signed query
        super().__init__(_shown(message))
        self.message = _shown(message)
        self.full_message = message
        self.status_code = status_code
        self.body_excerpt = body_excerpt
        self.may_have_reached = may_have_reached
        # every attempt of the call behind the error (``htx_swap._model.attempts.AttemptRecord``)
        self.attempt_log: tuple[AttemptRecord, ...] = ()


class InvalidRequestError(HtxError, ValueError):
    """The call's input is invalid; raised before any byte is sent. ``field`` names the input."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class ClientClosedError(HtxError):
    """The client was closed (``close()``/``aclose()``): before the request left
    (``may_have_reached`` False), or by another thread or task while its answer was read
    (True: it may have reached HTX)."""


class APIConnectionError(HtxError):
    """The request did not get a complete answer: refused, reset, dropped mid-response, TLS.

    ``may_have_reached`` is False only when the request surely never left (no connection)."""

    def __init__(
        self, message: str, *, may_have_reached: bool = True, status_code: int | None = None
    ) -> None:
        super().__init__(message, status_code=status_code, may_have_reached=may_have_reached)


class APITimeoutError(APIConnectionError):
    """An attempt (connect to last byte) took longer than the timeout."""


class DeadlineExceededError(APITimeoutError):
    """A call's ``deadline`` passed. ``may_have_reached`` is False when the request was never
    sent (its time was up first), True when the deadline passed while it was under way."""


class ResponseParseError(HtxError):
    """The body is not JSON, is cut short, or matches none of HTX's documented shapes.

    The request reached HTX: ``may_have_reached`` is True."""

    def __init__(
        self, message: str, *, status_code: int | None = None, body_excerpt: str = ""
    ) -> None:
        super().__init__(
            message, status_code=status_code, body_excerpt=body_excerpt, may_have_reached=True
        )


class OpenOrdersChangedError(HtxError):
    """An open-orders listing of several pages could not be read whole: each time it was read
    from page 1 again, a page said ``total_page`` or ``total_size`` had changed since the
    first (an order placed, filled or cancelled meanwhile shifts the pages, so an order open
    the whole time can fall between two of them). ``orders``: every order the reads saw,
    which is NOT the whole book; ``reads``: how many times it was read. A read changes
    nothing at HTX: ``may_have_reached`` is False."""

    def __init__(self, message: str, *, orders: list[OpenOrder], reads: int) -> None:
        super().__init__(message)
        self.orders = orders
        self.reads = reads


class ResponseTooLargeError(ResponseParseError):
    """The decoded answer grew past the client's ``max_response_bytes``; reading stopped."""


class ClockSkewError(ResponseParseError):
    """The server's clock answer is absurdly far from ours (``offset`` seconds); not applied."""

    def __init__(self, message: str, *, offset: float) -> None:
        super().__init__(message)
        self.offset = offset


class APIStatusError(HtxError):
    """An answer that is an error: an HTTP status the API does not document (a redirect
    included), or (the ``HtxApiError`` subclasses) HTX's own error answer. ``status_code`` is
    the HTTP status; catch this to catch every error answer."""


class ServerError(APIStatusError):
    """HTTP 5xx (other than 502/503/504) or an HTML error page from a proxy."""


class HtxApiError(APIStatusError):
    """HTX answered with an error. ``code`` is HTX's code: an int, or a string for the
    hyphenated gateway shape (``api-signature-not-valid``); ``None`` when only the HTTP status
    told the error. ``status_code`` is the HTTP status."""

    def __init__(
        self,
        message: str,
        *,
        code: int | str | None,
        status_code: int | None = None,
        body_excerpt: str = "",
        retry_after: float | None = None,
        may_have_reached: bool = False,
    ) -> None:
        super().__init__(
            message,
            status_code=status_code,
            body_excerpt=body_excerpt,
            may_have_reached=may_have_reached,
        )
        self.code = code
        self.retry_after = retry_after

    def __str__(self) -> str:
        code = None if self.code is None else redact(str(self.code))
        if code is not None and len(code) > MAX_CODE_CHARS:  # a server's text: bounded
            code = f"{code[:MAX_CODE_CHARS]}…"
        parts = [f"HTX error {code}" if code is not None else "HTX error"]
        if self.status_code is not None:
            parts.append(f"(HTTP {self.status_code})")
        return f"{' '.join(parts)}: {self.message}"


class AuthenticationError(HtxApiError):
    """Signature, key, IP binding or permission refused (403, 1017, 12002-12009, gateway)."""


class TimestampError(HtxApiError):
    """The request's Timestamp is too far from the server's clock (1003, 12001)."""


class RateLimitError(HtxApiError):
    """Rate limited (1032, HTTP 429). ``retry_after`` is in seconds when the server said."""


class ServiceUnavailableError(HtxApiError):
    """HTX is busy or down (1004, HTTP 502/503/504)."""


class SettlementError(HtxApiError):
    """The contract is in settlement or delivery (HTX 1056 / 1059): HTX refused the request
    as a whole and cancelled nothing (a refusal, never in doubt). Send it again once the
    settlement is over."""


class SwitchMayBeArmedError(HtxError):
    """Leaving a ``dead_mans_switch`` block could not prove the switch off: turning it off
    failed or was answered "still armed", or a refresh whose fate is unknown (no answer, or an
    answer that may have reached HTX) may land after the turn-off and arm it again. Unless it is
    turned off, HTX cancels every open order of the account when it runs out. ``__cause__`` is
    the refresh's failure, if one failed. ``may_have_reached`` is True."""

    def __init__(self, message: str) -> None:
        super().__init__(message, may_have_reached=True)
