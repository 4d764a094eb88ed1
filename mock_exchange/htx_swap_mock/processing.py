"""What the exchange does with a request that no fault pre-empted: route, authenticate,
rate-limit, validate, then cancel or read orders. Synchronous and free of I/O, so it runs
atomically on the server's event loop.

One table of endpoints is built from each product of ``products.PRODUCTS`` (its paths, its
buckets, how its requests name contracts): the swaps' and the delivery futures' endpoints are
the same actions on the same books, each seeing only its own product's contracts."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from htx_swap_mock import bodies
from htx_swap_mock.asgi import Reply
from htx_swap_mock.cancel_request import (
    CLOSE_TRADE_TYPES,
    CancelAllRequest,
    ContractReader,
    IdsRequest,
    OpenOrdersRequest,
    RequestRejected,
    parse_cancel_after_body,
    parse_cancel_all_body,
    parse_cancel_body,
    parse_open_orders_body,
    parse_order_info_body,
    parse_strategy_cancel_body,
)
from htx_swap_mock.codes import (
    GATEWAY_CODE,
    GATEWAY_STALE_TIMESTAMP_MESSAGE,
    NO_CANCELLABLE_ORDERS_MESSAGE,
    ErrorCode,
    gateway_message,
)
from htx_swap_mock.lifecycle import Order, OrderKind
from htx_swap_mock.order_view import OPEN_FIELDS, JsonValue, order_info_fields, visible
from htx_swap_mock.orders import CancelOutcome, IdKind
from htx_swap_mock.products import (
    FUTURES,
    PRODUCTS,
    SWAP,
    Contracts,
    Need,
    Product,
    contract_type_of,
)
from htx_swap_mock.recording import ReceivedRequest
from htx_swap_mock.settings import TimestampErrorStyle
from htx_swap_mock.state import ExchangeState
from htx_swap_mock.usdt_routes import USDT_ROUTES

__all__ = [
    "ALL_CANCEL_PATHS",
    "CANCEL_AFTER_PATH",
    "CANCEL_ALL_PATHS",
    "CANCEL_PATH",
    "FUTURES_CANCEL_ALL_PATHS",
    "FUTURES_CANCEL_PATHS",
    "FUTURES_OPEN_ORDERS_PATHS",
    "OPEN_ORDERS_PATHS",
    "ORDER_INFO_PATH",
    "PRIVATE_PATHS",
    "STRATEGY_CANCEL_PATHS",
    "TIMESTAMP_PATH",
    "nothing_done",
    "process",
]

TIMESTAMP_PATH = "/api/v1/timestamp"
# How each kind is spelled in its endpoints' names: swap_cancel, swap_trigger_cancel, …
_KIND_WORD = {
    OrderKind.LIMIT: "",
    OrderKind.TRIGGER: "trigger_",
    OrderKind.TPSL: "tpsl_",
    OrderKind.TRAILING: "track_",
}


def _paths(product: Product, verb: str) -> dict[OrderKind, str]:
    """kind -> the product's path of ``verb`` ("cancel", "cancelall", "openorders")."""
    return {kind: product.path(_KIND_WORD[kind] + verb) for kind in OrderKind}


CANCEL_PATHS = _paths(SWAP, "cancel")
CANCEL_ALL_PATHS = _paths(SWAP, "cancelall")
OPEN_ORDERS_PATHS = _paths(SWAP, "openorders")
CANCEL_PATH = CANCEL_PATHS[OrderKind.LIMIT]
ORDER_INFO_PATH = SWAP.path("order_info")
CANCEL_AFTER_PATH = SWAP.cancel_after_path
FUTURES_CANCEL_PATHS = _paths(FUTURES, "cancel")
FUTURES_CANCEL_ALL_PATHS = _paths(FUTURES, "cancelall")
FUTURES_OPEN_ORDERS_PATHS = _paths(FUTURES, "openorders")
# The cancels by id of every product (a fault may edit their answers id by id).
ALL_CANCEL_PATHS = frozenset(
    path for product in PRODUCTS for path in _paths(product, "cancel").values()
)
# The swaps' six endpoints whose pages say "5 times per second" (on top of the trade bucket);
# the futures' six likewise (on top of theirs).
STRATEGY_CANCEL_PATHS = frozenset(
    path
    for kind in OrderKind
    if kind.strategy
    for path in (CANCEL_PATHS[kind], CANCEL_ALL_PATHS[kind])
)
_PLAIN = "text/plain; charset=utf-8"

# What an authentic, admitted request does: the request and ``ts`` in, the answer's body out.
Action = Callable[[ExchangeState, ReceivedRequest, int], bytes]
# The body of an ok answer in which nothing happened (a fault's cut answer).
Nothing = Callable[[int], bytes]
_NOTHING = CancelOutcome((), ())


def _nothing_cancelled(ts: int) -> bytes:
    return bodies.cancel_ok_body(_NOTHING, ts)


def _nothing_found(ts: int) -> bytes:
    return bodies.order_info_body([], ts)


def _empty_page(ts: int) -> bytes:
    return bodies.open_orders_body([], total_page=0, current_page=1, total_size=0, ts_ms=ts)


@dataclass(frozen=True)
class _Endpoint:
    bucket: str  # the product's bucket of the interface's permission, as its page gives it
    act: Action
    nothing: Nothing
    own_limit: bool = False  # counted per endpoint too (the strategy cancels' 5 per second)
    method: str = "POST"  # the v5 reads are GET, their query signed


def _rejected(rejected: RequestRejected, ts: int) -> bytes:
    return bodies.business_error_body(rejected.code, rejected.message, ts)


def _reader(product: Product, state: ExchangeState) -> ContractReader:
    """How ``product``'s requests name contracts, at the exchange's time."""
    return lambda data, need: product.contracts(data, need, state.now())


def _settling(product: Product, state: ExchangeState, contracts: str | Contracts) -> bytes | None:
    """The whole-request refusal (1056 / 1059) of a delivery futures cancel while a settlement
    window covers its symbol; None when the cancel may go ahead."""
    window = state.settlement
    if window is None or not product.settles or not isinstance(contracts, Contracts):
        return None
    if not window.covers(contracts):
        return None
    return bodies.business_error_body(window.code, window.code.message, state.now_ms())


_Parsed = TypeVar("_Parsed", IdsRequest, CancelAllRequest)


def _admitted(
    product: Product, state: ExchangeState, parsed: _Parsed | RequestRejected, ts: int
) -> _Parsed | bytes:
    """The parsed cancel, or the answer refusing it (bad input, or a settlement under way)."""
    if isinstance(parsed, RequestRejected):
        return _rejected(parsed, ts)
    refused = _settling(product, state, parsed.contract_code)
    return parsed if refused is None else refused


def _cancel(product: Product, state: ExchangeState, request: ReceivedRequest, ts: int) -> bytes:
    parsed = _admitted(product, state, parse_cancel_body(request.body, _reader(product, state)), ts)
    if isinstance(parsed, bytes):
        return parsed
    delay = state.settings.cancel_delay
    outcome = state.orders.cancel(parsed.contract_code, parsed.ids, parsed.kind, delay=delay)
    return bodies.cancel_ok_body(outcome, ts)


def _strategy_cancel(
    product: Product, kind: OrderKind, state: ExchangeState, request: ReceivedRequest, ts: int
) -> bytes:
    """swap_trigger_cancel, swap_tpsl_cancel, swap_track_cancel (and the futures' likewise):
    the plain cancel's rules on the kind's own book, by order id only (unknown 1061, already
    cancelled 1071, per id)."""
    reader = _reader(product, state)
    parsed = _admitted(product, state, parse_strategy_cancel_body(request.body, reader), ts)
    if isinstance(parsed, bytes):
        return parsed
    if parsed.kind is not IdKind.ORDER_ID:  # only client_order_id sent: no order_id here
        code = ErrorCode.FIELD_EMPTY
        return bodies.business_error_body(code, code.message.format("order_id"), ts)
    outcome = state.book(kind).cancel(parsed.contract_code, parsed.ids, IdKind.ORDER_ID)
    return bodies.cancel_ok_body(outcome, ts)


def _cancel_all(
    product: Product, kind: OrderKind, state: ExchangeState, request: ReceivedRequest, ts: int
) -> bytes:
    """The cancel-alls: every cancellable order of the contract(s) named with that
    direction/offset; 1051 "No cancellable orders." when there is none."""
    requested = parse_cancel_all_body(
        request.body,
        with_offset=kind is not OrderKind.TPSL,
        contracts=_reader(product, state),
        need=Need.SYMBOL_OR_CODE if kind in product.code_is_enough else Need.REQUIRED,
    )
    parsed = _admitted(product, state, requested, ts)
    if isinstance(parsed, bytes):
        return parsed
    outcome = state.book(kind).cancel_matching(
        parsed.contract_code,
        direction=parsed.direction,
        offset=parsed.offset,
        delay=state.settings.cancel_delay,
    )
    if not outcome.successes:
        code = ErrorCode.NO_ORDERS_TO_CANCEL
        return bodies.business_error_body(code, NO_CANCELLABLE_ORDERS_MESSAGE, ts)
    return bodies.cancel_ok_body(outcome, ts)


def _product_fields(
    product: Product, fields: dict[str, JsonValue], order: Order, now: float
) -> dict[str, JsonValue]:
    """An order's answer fields as its product's pages show them: a delivery contract's
    ``symbol`` is its coin, followed by its ``contract_type`` (at the exchange's time)."""
    if not product.settles:
        return fields
    return {
        "symbol": product.symbol_of(order.contract_code),
        "contract_type": contract_type_of(order.contract_code, now),
        **{name: value for name, value in fields.items() if name != "symbol"},
    }


def _order_info(product: Product, state: ExchangeState, request: ReceivedRequest, ts: int) -> bytes:
    parsed = parse_order_info_body(request.body, _reader(product, state))
    if isinstance(parsed, RequestRejected):
        return _rejected(parsed, ts)
    now = state.now()
    found = state.orders.lookup(parsed.contract_code, parsed.ids, parsed.kind)
    shown = [
        _product_fields(product, order_info_fields(order), order, now)
        for order in found
        if visible(order, parsed.kind, now)
    ]
    return bodies.order_info_body(shown, ts)


def _sort_key(sort_by: str) -> Callable[[Order], tuple[int, int]]:
    if sort_by == "update_time":
        return lambda order: (order.updated_at, int(order.order_id))
    return lambda order: (order.created_at, int(order.order_id))


def _page(orders: list[Order], parsed: OpenOrdersRequest) -> tuple[list[Order], int]:
    """Newest first by ``sort_by``; the page asked for, and the number of pages."""
    ordered = sorted(orders, key=_sort_key(parsed.sort_by), reverse=True)
    total_page = math.ceil(len(ordered) / parsed.page_size)
    start = (parsed.page_index - 1) * parsed.page_size
    return ordered[start : start + parsed.page_size], total_page


def _open_orders(
    product: Product, kind: OrderKind, state: ExchangeState, request: ReceivedRequest, ts: int
) -> bytes:
    """The open-orders queries: not-final orders of the kind's book, paged, each in its page's
    shape (exact JSON-number ``order_id`` plus ``order_id_str``, decimals exact)."""
    parsed = parse_open_orders_body(
        request.body,
        contract_required=kind.strategy,
        contracts=_reader(product, state),
        **({"trade_types": CLOSE_TRADE_TYPES} if kind is OrderKind.TPSL else {}),
    )
    if isinstance(parsed, RequestRejected):
        return _rejected(parsed, ts)
    orders = state.book(kind).open_orders(parsed.contract_code)
    if parsed.trade_type is not None:
        direction, offset = parsed.trade_type
        orders = [o for o in orders if o.direction is direction and o.offset is offset]
    page, total_page = _page(orders, parsed)
    fields, now = OPEN_FIELDS[kind], state.now()
    return bodies.open_orders_body(
        [_product_fields(product, fields(order), order, now) for order in page],
        total_page=total_page,
        current_page=parsed.page_index,
        total_size=len(orders),
        ts_ms=ts,
    )


def _cancel_after(
    product: Product, state: ExchangeState, request: ReceivedRequest, ts: int
) -> bytes:
    """The dead man's switch of the request's key for the product: arm (or refresh) or turn
    off. Its answers, errors included, come in the page's own envelope
    ``{code, msg, data, ts}``."""
    settings = state.settings
    parsed = parse_cancel_after_body(
        request.body, min_time_out=settings.cancel_after_min_timeout_ms
    )
    if isinstance(parsed, RequestRejected):
        return bodies.cancel_after_error_body(parsed.code, parsed.message, ts)
    assert request.access_key is not None  # only authentic requests get here
    switches = state.switches_of(product)
    if parsed.on:
        switch = switches.arm(request.access_key, parsed.time_out, ts)
    else:
        switch = switches.disarm(request.access_key)
    return bodies.cancel_after_body(ts, switch.trigger_time, ts)


def _nothing_switched(ts: int) -> bytes:
    return bodies.cancel_after_body(ts, 0, ts)


def _endpoints(product: Product) -> dict[str, _Endpoint]:
    """The product's 14 private endpoints: the same actions, its paths, buckets and naming."""
    trade, read = product.trade_bucket, product.read_bucket
    table = {
        product.path("cancel"): _Endpoint(trade, partial(_cancel, product), _nothing_cancelled),
        product.path("order_info"): _Endpoint(read, partial(_order_info, product), _nothing_found),
        product.cancel_after_path: _Endpoint(
            trade, partial(_cancel_after, product), _nothing_switched
        ),
    }
    cancel, cancel_all = _paths(product, "cancel"), _paths(product, "cancelall")
    for kind, path in _paths(product, "openorders").items():
        if kind.strategy:
            table[cancel[kind]] = _Endpoint(
                trade,
                partial(_strategy_cancel, product, kind),
                _nothing_cancelled,
                own_limit=True,
            )
        table[cancel_all[kind]] = _Endpoint(
            trade,
            partial(_cancel_all, product, kind),
            _nothing_cancelled,
            own_limit=kind.strategy,
        )
        # swap_track_openorders' page gives it the Trade permission; the others Read.
        bucket = trade if kind in product.trade_open_orders else read
        table[path] = _Endpoint(bucket, partial(_open_orders, product, kind), _empty_page)
    return table


def _usdt_endpoints() -> dict[str, _Endpoint]:
    """The USDT-M (v5) family: see usdt_routes."""
    return {
        path: _Endpoint(route.bucket, route.act, route.nothing, method=route.method)
        for path, route in USDT_ROUTES.items()
    }


_PRIVATE = {
    **{path: endpoint for product in PRODUCTS for path, endpoint in _endpoints(product).items()},
    **_usdt_endpoints(),
}
PRIVATE_PATHS = frozenset(_PRIVATE)


def nothing_done(path: str, ts: int) -> bytes:
    """An ok answer to ``path`` in which nothing happened: nothing cancelled, found or
    switched (what a cut answer to a request that was never processed shows)."""
    endpoint = _PRIVATE.get(path)
    return _nothing_cancelled(ts) if endpoint is None else endpoint.nothing(ts)


def process(state: ExchangeState, request: ReceivedRequest) -> Reply:
    if request.path == TIMESTAMP_PATH:
        if request.method not in {"GET", "HEAD"}:
            return Reply(405, b"Method Not Allowed", _PLAIN, (("Allow", "GET"),))
        return Reply(200, bodies.timestamp_body(state.now_ms()))
    endpoint = _PRIVATE.get(request.path)
    if endpoint is None:
        return Reply(404, b"Not Found", _PLAIN)
    if request.method != endpoint.method:
        return Reply(405, b"Method Not Allowed", _PLAIN, (("Allow", endpoint.method),))
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
    # A strategy cancel is counted by its own endpoint first, then in the trade bucket; the
    # headers describe the endpoint's own count when it has one.
    own = state.endpoint_limiter(request.path) if endpoint.own_limit else None
    for limiter in (own, state.limiter_for(endpoint.bucket)):
        if limiter is None:
            continue
        decision = limiter.hit(request.access_key)
        if not headers or not decision.allowed:
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
    return Reply(200, endpoint.act(state, request, ts), headers=headers)
