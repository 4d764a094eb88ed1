"""One exception hierarchy: everything the SDK raises is an ``HtxError``.

Messages carry the HTTP status, HTX's code and message (kept as received) and a short excerpt of
the body with signed-URL parameters redacted; never a secret.
"""

from __future__ import annotations

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "DeadlineExceededError",
    "HtxApiError",
    "HtxError",
    "InvalidRequestError",
    "RateLimitError",
    "ResponseParseError",
    "ServerError",
    "ServiceUnavailableError",
    "TimestampError",
]


class HtxError(Exception):
    """Base of every exception the SDK raises."""

    def __init__(
        self, message: str, *, status_code: int | None = None, body_excerpt: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.body_excerpt = body_excerpt


class InvalidRequestError(HtxError, ValueError):
    """The call's input is invalid; raised before any byte is sent. ``field`` names the input."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


class APIConnectionError(HtxError):
    """The request did not get a complete answer: refused, reset, dropped mid-response, TLS.

    ``may_have_reached`` is False only when the request surely never left (no connection)."""

    def __init__(
        self, message: str, *, may_have_reached: bool = True, status_code: int | None = None
    ) -> None:
        super().__init__(message, status_code=status_code)
        self.may_have_reached = may_have_reached


class APITimeoutError(APIConnectionError):
    """Connecting, sending, waiting for or reading the answer took longer than the timeout."""


class DeadlineExceededError(APITimeoutError):
    """A call's ``deadline`` passed. ``may_have_reached`` is False when the request was never
    sent (its time was up first), True when the deadline passed while it was under way."""


class ResponseParseError(HtxError):
    """The body is not JSON, is cut short, or matches none of HTX's documented shapes."""


class APIStatusError(HtxError):
    """An HTTP status the API does not document, with no HTX error in the body."""


class ServerError(APIStatusError):
    """HTTP 5xx (other than 502/503/504) or an HTML error page from a proxy."""


class HtxApiError(HtxError):
    """HTX answered ``status: error``. ``code`` is HTX's code: an int, or a string for the
    hyphenated gateway shape (``api-signature-not-valid``); ``None`` when only the HTTP status
    told the error."""

    def __init__(
        self,
        message: str,
        *,
        code: int | str | None,
        status_code: int | None = None,
        body_excerpt: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status_code=status_code, body_excerpt=body_excerpt)
        self.code = code
        self.retry_after = retry_after

    def __str__(self) -> str:
        parts = [f"HTX error {self.code}" if self.code is not None else "HTX error"]
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
