"""What the exchange does with a request that no fault pre-empted: route, authenticate,
rate-limit, validate, then cancel or read orders. Synchronous and free of I/O, so it runs
atomically on the server's event loop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from htx_swap_mock import bodies
from htx_swap_mock.asgi import Reply
from htx_swap_mock.cancel_request import (
    RequestRejected,
    parse_cancel_body,
    parse_order_info_body,
)
from htx_swap_mock.codes import (
    GATEWAY_CODE,
    GATEWAY_STALE_TIMESTAMP_MESSAGE,
    ErrorCode,
    gateway_message,
)
from htx_swap_mock.order_view import order_info_fields, visible
from htx_swap_mock.recording import ReceivedRequest
from htx_swap_mock.settings import TimestampErrorStyle
from htx_swap_mock.state import ExchangeState, RateBucket

__all__ = ["CANCEL_PATH", "ORDER_INFO_PATH", "PRIVATE_PATHS", "TIMESTAMP_PATH", "process"]

CANCEL_PATH = "/swap-api/v1/swap_cancel"
ORDER_INFO_PATH = "/swap-api/v1/swap_order_info"
TIMESTAMP_PATH = "/api/v1/timestamp"
_PLAIN = "text/plain; charset=utf-8"

# What an authentic, admitted request does: its JSON body and ``ts`` in, the answer's body out.
Action = Callable[[ExchangeState, bytes, int], bytes]


@dataclass(frozen=True)
class _Endpoint:
    bucket: RateBucket  # the interface's permission, as HTX's doc page gives it
    act: Action


def _rejected(rejected: RequestRejected, ts: int) -> bytes:
    return bodies.business_error_body(rejected.code, rejected.message, ts)


def _cancel(state: ExchangeState, body: bytes, ts: int) -> bytes:
    parsed = parse_cancel_body(body)
    if isinstance(parsed, RequestRejected):
        return _rejected(parsed, ts)
    delay = state.settings.cancel_delay
    outcome = state.orders.cancel(parsed.contract_code, parsed.ids, parsed.kind, delay=delay)
    return bodies.cancel_ok_body(outcome, ts)


def _order_info(state: ExchangeState, body: bytes, ts: int) -> bytes:
    parsed = parse_order_info_body(body)
    if isinstance(parsed, RequestRejected):
        return _rejected(parsed, ts)
    now = state.now()
    found = state.orders.lookup(parsed.contract_code, parsed.ids, parsed.kind)
    shown = [order_info_fields(order) for order in found if visible(order, parsed.kind, now)]
    return bodies.order_info_body(shown, ts)


_PRIVATE: dict[str, _Endpoint] = {
    CANCEL_PATH: _Endpoint(RateBucket.TRADE, _cancel),
    ORDER_INFO_PATH: _Endpoint(RateBucket.READ, _order_info),
}
PRIVATE_PATHS = frozenset(_PRIVATE)


def process(state: ExchangeState, request: ReceivedRequest) -> Reply:
    if request.path == TIMESTAMP_PATH:
        if request.method not in {"GET", "HEAD"}:
            return Reply(405, b"Method Not Allowed", _PLAIN, (("Allow", "GET"),))
        return Reply(200, bodies.timestamp_body(state.now_ms()))
    endpoint = _PRIVATE.get(request.path)
    if endpoint is None:
        return Reply(404, b"Not Found", _PLAIN)
    if request.method != "POST":
        return Reply(405, b"Method Not Allowed", _PLAIN, (("Allow", "POST"),))
    return _private(state, request, endpoint)


def _private(state: ExchangeState, request: ReceivedRequest, endpoint: _Endpoint) -> Reply:
    """A signed endpoint: the same checks, in the same order, whatever it then does."""
    ts = state.now_ms()
    settings = state.settings
    failure = request.auth_failure
    if not request.signature_valid:
        assert failure is not None  # an invalid signature always has its reason
        message = gateway_message(failure, request.auth_detail)
        return Reply(
            settings.gateway_error_status, bodies.gateway_error_body(GATEWAY_CODE, message)
        )
    # Authentic from here on: the request counts against its key's quota in its endpoint's
    # bucket, and every answer says how much of that bucket is left.
    assert request.access_key is not None
    headers: tuple[tuple[str, str], ...] = ()
    limiter = state.limiter_for(endpoint.bucket)
    if limiter is not None:
        decision = limiter.hit(request.access_key)
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
    return Reply(200, endpoint.act(state, request.body, ts), headers=headers)
