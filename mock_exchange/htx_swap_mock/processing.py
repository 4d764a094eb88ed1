"""What the exchange does with a request that no fault pre-empted: route, authenticate,
rate-limit, validate and cancel. Synchronous and free of I/O, so it runs atomically on the
server's event loop."""

from __future__ import annotations

from htx_swap_mock import bodies
from htx_swap_mock.asgi import Reply
from htx_swap_mock.cancel_request import RequestRejected, parse_cancel_body
from htx_swap_mock.codes import (
    GATEWAY_CODE,
    GATEWAY_STALE_TIMESTAMP_MESSAGE,
    ErrorCode,
    gateway_message,
)
from htx_swap_mock.recording import ReceivedRequest
from htx_swap_mock.settings import TimestampErrorStyle
from htx_swap_mock.state import ExchangeState

__all__ = ["CANCEL_PATH", "TIMESTAMP_PATH", "process"]

CANCEL_PATH = "/swap-api/v1/swap_cancel"
TIMESTAMP_PATH = "/api/v1/timestamp"
_PLAIN = "text/plain; charset=utf-8"


def process(state: ExchangeState, request: ReceivedRequest) -> Reply:
    if request.path == TIMESTAMP_PATH:
        if request.method not in {"GET", "HEAD"}:
            return Reply(405, b"Method Not Allowed", _PLAIN, (("Allow", "GET"),))
        return Reply(200, bodies.timestamp_body(state.now_ms()))
    if request.path == CANCEL_PATH:
        if request.method != "POST":
            return Reply(405, b"Method Not Allowed", _PLAIN, (("Allow", "POST"),))
        return _cancel(state, request)
    return Reply(404, b"Not Found", _PLAIN)


def _cancel(state: ExchangeState, request: ReceivedRequest) -> Reply:
    ts = state.now_ms()
    settings = state.settings
    failure = request.auth_failure
    if not request.signature_valid:
        assert failure is not None  # an invalid signature always has its reason
        message = gateway_message(failure, request.auth_detail)
        return Reply(
            settings.gateway_error_status, bodies.gateway_error_body(GATEWAY_CODE, message)
        )
    # Authentic from here on: the request counts against its key's quota, and every answer
    # says how much is left.
    assert request.access_key is not None
    headers: tuple[tuple[str, str], ...] = ()
    if state.limiter is not None:
        decision = state.limiter.hit(request.access_key)
        headers = tuple(decision.headers(ts))
        if not decision.allowed:
            code = ErrorCode.RATE_LIMITED
            if settings.rate_limit_status == 429:
                headers += (("Retry-After", str(decision.retry_after)),)
            return Reply(
                settings.rate_limit_status,
                bodies.business_error_body(code, code.message, ts),
                headers=headers,
            )
    if failure is not None:  # a stale or malformed Timestamp
        if settings.timestamp_error == TimestampErrorStyle.GATEWAY:  # a str set by hand too
            body = bodies.gateway_error_body(GATEWAY_CODE, GATEWAY_STALE_TIMESTAMP_MESSAGE)
            return Reply(settings.gateway_error_status, body, headers=headers)
        code = ErrorCode.INVALID_SUBMISSION_TIME
        return Reply(200, bodies.business_error_body(code, code.message, ts), headers=headers)
    parsed = parse_cancel_body(request.body)
    if isinstance(parsed, RequestRejected):
        body = bodies.business_error_body(parsed.code, parsed.message, ts)
        return Reply(200, body, headers=headers)
    outcome = state.orders.cancel(parsed.contract_code, parsed.ids, parsed.kind)
    return Reply(200, bodies.cancel_ok_body(outcome, ts), headers=headers)
