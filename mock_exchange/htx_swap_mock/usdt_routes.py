"""The v5 (USDT-M) endpoints: parse a request, act on ``ExchangeState.usdt``, answer in the v5
envelope ``{code, message, data, ts}``.

Routing, the signature check (GET queries signed like everything else), the USDT-M buckets and
faults are the shared ones of ``processing``: this module only says what each endpoint does,
as a table (``USDT_ROUTES``). Refusals of a request's own content come in the v5 envelope with
a swap error code (HTX documents no v5 codes: they are illustrative); per-order refusals of a
batch are per-item codes, the order's own refusal as a swap cancel gives it (1061 unknown,
1062 cancelling, 1063 filled, 1071 already cancelled).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from htx_swap_mock.bodies import dumps
from htx_swap_mock.cancel_request import RequestRejected, parse_cancel_after_body
from htx_swap_mock.codes import ErrorCode
from htx_swap_mock.lifecycle import Order
from htx_swap_mock.order_spec import is_valid_id
from htx_swap_mock.order_view import JsonValue
from htx_swap_mock.orders import IdKind, OrderBook
from htx_swap_mock.recording import ReceivedRequest
from htx_swap_mock.state import ExchangeState, RateBucket
from htx_swap_mock.usdt import (
    POSITION_SIDES,
    AlgoType,
    UsdtMarket,
    algo_order_fields,
    is_usdt_contract,
    usdt_order_fields,
)
from htx_swap_mock.verify import AUTH_PARAMETERS

__all__ = [
    "ALGO_CANCEL_PATH",
    "ALGO_OPEN_ORDERS_PATH",
    "CANCEL_AFTER_PATH",
    "CANCEL_ALL_PATH",
    "CANCEL_BATCH_PATH",
    "CANCEL_ORDER_PATH",
    "MAX_BATCH_IDS",
    "MAX_PAGE",
    "OPEN_ORDERS_PATH",
    "ORDER_INFO_PATH",
    "USDT_ROUTES",
    "UsdtRoute",
    "v5_body",
    "v5_error_body",
]

CANCEL_ORDER_PATH = "/v5/trade/cancel_order"
CANCEL_BATCH_PATH = "/v5/trade/cancel_batch_orders"
CANCEL_ALL_PATH = "/v5/trade/cancel_all_orders"
ORDER_INFO_PATH = "/v5/trade/order"
OPEN_ORDERS_PATH = "/v5/trade/order/opens"
ALGO_CANCEL_PATH = "/v5/algo/cancel_orders"
ALGO_OPEN_ORDERS_PATH = "/v5/algo/order/opens"
CANCEL_AFTER_PATH = "/v5/trade/cancel-after"
MAX_BATCH_IDS = 10
MAX_PAGE = 100
DEFAULT_PAGE = 10
INVALID_CONTRACT = "Invalid contract_code parameter"  # HTX's words (announcement, 2025-08)
_OK = 200

Action = Callable[[ExchangeState, ReceivedRequest, int], bytes]


@dataclass(frozen=True)
class UsdtRoute:
    method: str
    bucket: RateBucket
    act: Action
    nothing: Callable[[int], bytes]  # an ok answer in which nothing happened (a cut answer)


def v5_body(data: JsonValue, ts: int) -> bytes:
    return dumps({"code": _OK, "message": "Success", "data": data, "ts": ts})


def v5_error_body(code: int, message: str, ts: int) -> bytes:
    return dumps({"code": code, "message": message, "data": None, "ts": ts})


class _Refused(Exception):
    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def _input(field: str) -> _Refused:
    return _Refused(int(ErrorCode.INPUT_ERROR), f"Invalid {field} parameter")


def _object(body: bytes) -> dict[str, Any]:
    try:
        document = json.loads(body or b"null")
    except ValueError:
        raise _input("body") from None
    if not isinstance(document, dict):
        raise _input("body")
    return document


def _query(request: ReceivedRequest) -> dict[str, str]:
    """A GET's parameters (the signed query without its auth parameters); a repeated one is
    refused, since which value counts is ambiguous."""
    found: dict[str, str] = {}
    for name, value in request.query:
        if name in AUTH_PARAMETERS:
            continue
        if name in found:
            raise _input(name)
        found[name] = value
    return {name: value for name, value in found.items() if value != ""}


def _contract(data: dict[str, Any], *, required: bool) -> str | None:
    code = data.get("contract_code")
    if code is None or code == "":
        if required:
            raise _Refused(int(ErrorCode.CONTRACT_NOT_FOUND), INVALID_CONTRACT)
        return None
    if not is_usdt_contract(code):
        raise _Refused(int(ErrorCode.CONTRACT_NOT_FOUND), INVALID_CONTRACT)
    return str(code)


def _one_id(data: dict[str, Any], fields: tuple[str, str]) -> tuple[IdKind, str]:
    """The id a request names: the first field present wins (``order_id`` before the client's)."""
    for field, kind in zip(fields, (IdKind.ORDER_ID, IdKind.CLIENT_ORDER_ID), strict=True):
        value = data.get(field)
        if value is None or value == "":
            continue
        if not isinstance(value, str) or not is_valid_id(value):
            raise _input(field)
        return kind, value
    code = ErrorCode.FIELD_EMPTY
    raise _Refused(int(code), code.message.format(fields[0]))


def _guarded(act: Callable[[ExchangeState, ReceivedRequest, int], JsonValue]) -> Action:
    """An action whose refusals (``_Refused``) become v5 errors; its data a v5 success."""

    def run(state: ExchangeState, request: ReceivedRequest, ts: int) -> bytes:
        try:
            return v5_body(act(state, request, ts), ts)
        except _Refused as refused:
            return v5_error_body(refused.code, refused.message, ts)

    return run


def _find(book: OrderBook, contract: str | None, kind: IdKind, wanted: str) -> Order | None:
    """The order an id names, in one contract or (None) in any."""
    if contract is not None:
        found = book.lookup(contract, [wanted], kind)
        return found[0] if found else None
    for order in book.all():
        mine = order.order_id if kind is IdKind.ORDER_ID else order.client_order_id
        if mine == wanted:
            return order
    return None


def _cancel_items(
    state: ExchangeState, book: OrderBook, contract: str, kind: IdKind, ids: Sequence[str]
) -> list[JsonValue]:
    """Cancel ``ids`` of one contract by the swap book's rules; one item per id, in request
    order, naming the order by both its ids when it exists."""
    found = {id_: _find(book, contract, kind, id_) for id_ in ids}
    outcome = book.cancel(contract, list(ids), kind, delay=state.settings.cancel_delay)
    refused = {error.order_id: error for error in outcome.errors}
    items: list[JsonValue] = []
    for requested in ids:
        order = found[requested]
        order_id = order.order_id if order else (requested if kind is IdKind.ORDER_ID else None)
        client = order.client_order_id if order else (None if order_id else requested)
        error = refused.get(requested)
        items.append(
            {
                "order_id": order_id,
                "client_order_id": client,
                "code": _OK if error is None else error.err_code,
                "message": "Success" if error is None else error.err_msg,
            }
        )
    return items


def _cancel_order(state: ExchangeState, request: ReceivedRequest, ts: int) -> JsonValue:
    data = _object(request.body)
    contract = _contract(data, required=True)
    assert contract is not None
    kind, wanted = _one_id(data, ("order_id", "client_order_id"))
    (item,) = _cancel_items(state, state.usdt.orders, contract, kind, [wanted])
    assert isinstance(item, dict)
    if item["code"] != _OK:
        raise _Refused(int(str(item["code"])), str(item["message"]))
    return {"order_id": item["order_id"], "client_order_id": item["client_order_id"]}


def _id_list(data: dict[str, Any]) -> tuple[IdKind, list[str]]:
    for field, kind in (("order_id", IdKind.ORDER_ID), ("client_order_id", IdKind.CLIENT_ORDER_ID)):
        value = data.get(field)
        if value is None or value == []:
            continue
        if not isinstance(value, list) or not all(
            isinstance(item, str) and is_valid_id(item) for item in value
        ):
            raise _input(field)
        if len(value) > MAX_BATCH_IDS:
            code = ErrorCode.TOO_MANY_ORDERS
            raise _Refused(int(code), code.message)
        return kind, value
    code = ErrorCode.FIELD_EMPTY
    raise _Refused(int(code), code.message.format("order_id"))


def _cancel_batch(state: ExchangeState, request: ReceivedRequest, ts: int) -> JsonValue:
    data = _object(request.body)
    contract = _contract(data, required=True)
    assert contract is not None
    kind, ids = _id_list(data)
    return _cancel_items(state, state.usdt.orders, contract, kind, ids)


def _matches(market: UsdtMarket, order: Order, side: str | None, position: str | None) -> bool:
    if side is not None and order.direction.value != side:
        return False
    return position is None or market.position_side(order) == position


def _cancel_all(state: ExchangeState, request: ReceivedRequest, ts: int) -> JsonValue:
    data = _object(request.body)
    contract = _contract(data, required=False)
    side, position = data.get("side") or None, data.get("position_side") or None
    if side not in (None, "buy", "sell"):
        raise _input("side")
    if position not in (None, *POSITION_SIDES):
        raise _input("position_side")
    market = state.usdt
    chosen: dict[str, list[str]] = {}
    for order in market.orders.open_orders(contract):
        if order.state.cancellable and _matches(market, order, side, position):
            chosen.setdefault(order.contract_code, []).append(order.order_id)
    items: list[JsonValue] = []
    for code, ids in chosen.items():
        items += _cancel_items(state, market.orders, code, IdKind.ORDER_ID, ids)
    return items


def _order_info(state: ExchangeState, request: ReceivedRequest, ts: int) -> JsonValue:
    query = _query(request)
    contract = _contract(query, required=False)
    kind, wanted = _one_id(query, ("order_id", "client_order_id"))
    order = _find(state.usdt.orders, contract, kind, wanted)
    if order is None:
        code = ErrorCode.ORDER_NOT_FOUND
        raise _Refused(int(code), code.message)
    return usdt_order_fields(order, state.usdt, ts)


@dataclass(frozen=True)
class _Cursor:
    start: int
    limit: int
    forward: bool


def _cursor(query: dict[str, str]) -> _Cursor:
    start = query.get("from", "0")
    if start != "0" and not is_valid_id(start):
        raise _input("from")
    limit = query.get("limit", str(DEFAULT_PAGE))
    if not limit.isdigit() or not 1 <= int(limit) <= MAX_PAGE:
        raise _input("limit")
    direct = query.get("direct", "next")
    if direct not in ("next", "prev"):
        raise _input("direct")
    return _Cursor(int(start), int(limit), direct == "next")


def _page(orders: list[Order], cursor: _Cursor) -> list[Order]:
    """Oldest first by query id (the order id): the ``limit`` orders after ``from`` (next) or
    the ``limit`` orders just before it (prev; ``from`` 0 means from the newest)."""
    ordered = sorted(orders, key=lambda order: int(order.order_id))
    if cursor.forward:
        return [o for o in ordered if int(o.order_id) > cursor.start][: cursor.limit]
    before = [o for o in ordered if cursor.start == 0 or int(o.order_id) < cursor.start]
    return before[-cursor.limit :]


def _only(orders: list[Order], query: dict[str, str], fields: tuple[str, str]) -> list[Order]:
    """The orders an optional id of the query names (all when it names none)."""
    if not any(query.get(field) for field in fields):
        return orders
    kind, wanted = _one_id(query, fields)
    if kind is IdKind.ORDER_ID:
        return [o for o in orders if o.order_id == wanted]
    return [o for o in orders if o.client_order_id == wanted]


def _open_orders(state: ExchangeState, request: ReceivedRequest, ts: int) -> JsonValue:
    query = _query(request)
    contract = _contract(query, required=False)
    cursor = _cursor(query)
    market = state.usdt
    orders = _only(market.orders.open_orders(contract), query, ("order_id", "client_order_id"))
    return [usdt_order_fields(order, market, ts) for order in _page(orders, cursor)]


_ALGO_QUERY_TYPES = {"trigger", "tpsl", "trailing_stop", "sl", "tp"}


def _algo_open_orders(state: ExchangeState, request: ReceivedRequest, ts: int) -> JsonValue:
    query = _query(request)
    wanted = query.get("type")
    if wanted not in _ALGO_QUERY_TYPES:
        raise _input("type")
    kind = AlgoType.TPSL if wanted in ("sl", "tp") else AlgoType(wanted)
    contract = _contract(query, required=False)
    cursor = _cursor(query)
    market = state.usdt
    orders = market.algo[kind].open_orders(contract)
    if wanted in ("sl", "tp"):
        orders = [o for o in orders if o.tpsl_order_type == wanted]
    orders = _only(orders, query, ("algo_id", "algo_client_order_id"))
    return [algo_order_fields(order, kind, market) for order in _page(orders, cursor)]


def _algo_cancel(state: ExchangeState, request: ReceivedRequest, ts: int) -> JsonValue:
    """A JSON array of ``{contract_code, algo_id | algo_client_order_id}``; one answer item
    per entry, from whichever algo book holds the order (1061 when none does)."""
    try:
        entries = json.loads(request.body or b"null")
    except ValueError:
        raise _input("body") from None
    if not isinstance(entries, list) or not entries:
        raise _input("body")
    wanted: list[tuple[str, IdKind, str]] = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise _input("body")
        contract = _contract(entry, required=True)
        assert contract is not None
        kind, id_ = _one_id(entry, ("algo_id", "algo_client_order_id"))
        wanted.append((contract, kind, id_))
    market = state.usdt
    items: list[JsonValue] = []
    for contract, kind, id_ in wanted:
        book = next(
            (b for b in market.algo.values() if _find(b, contract, kind, id_) is not None),
            market.algo[AlgoType.TRIGGER],
        )
        (item,) = _cancel_items(state, book, contract, kind, [id_])
        assert isinstance(item, dict)
        items.append(
            {
                "algo_id": item["order_id"],
                "algo_client_order_id": item["client_order_id"],
                "code": item["code"],
                "message": item["message"],
            }
        )
    return items


def _cancel_after(state: ExchangeState, request: ReceivedRequest, ts: int) -> bytes:
    """The USDT-M dead man's switch of the request's key (apart from the swaps' switch)."""
    parsed = parse_cancel_after_body(
        request.body, min_time_out=state.settings.cancel_after_min_timeout_ms
    )
    if isinstance(parsed, RequestRejected):
        return v5_error_body(parsed.code, parsed.message, ts)
    assert request.access_key is not None  # only authentic requests get here
    switches = state.usdt.switches
    if parsed.on:
        switch = switches.arm(request.access_key, parsed.time_out, ts)
    else:
        switch = switches.disarm(request.access_key)
    return v5_body({"current_time": ts, "trigger_time": switch.trigger_time}, ts)


def _nothing(ts: int) -> bytes:
    return v5_body([], ts)


def _nothing_switched(ts: int) -> bytes:
    return v5_body({"current_time": ts, "trigger_time": 0}, ts)


def _nothing_found(ts: int) -> bytes:
    code = ErrorCode.ORDER_NOT_FOUND
    return v5_error_body(int(code), code.message, ts)


def _nothing_cancelled_one(ts: int) -> bytes:
    return v5_body({"order_id": None, "client_order_id": None}, ts)


_TRADE, _READ = RateBucket.USDT_TRADE, RateBucket.USDT_READ
USDT_ROUTES: dict[str, UsdtRoute] = {
    CANCEL_ORDER_PATH: UsdtRoute("POST", _TRADE, _guarded(_cancel_order), _nothing_cancelled_one),
    CANCEL_BATCH_PATH: UsdtRoute("POST", _TRADE, _guarded(_cancel_batch), _nothing),
    CANCEL_ALL_PATH: UsdtRoute("POST", _TRADE, _guarded(_cancel_all), _nothing),
    ORDER_INFO_PATH: UsdtRoute("GET", _READ, _guarded(_order_info), _nothing_found),
    OPEN_ORDERS_PATH: UsdtRoute("GET", _READ, _guarded(_open_orders), _nothing),
    ALGO_CANCEL_PATH: UsdtRoute("POST", _TRADE, _guarded(_algo_cancel), _nothing),
    ALGO_OPEN_ORDERS_PATH: UsdtRoute("GET", _READ, _guarded(_algo_open_orders), _nothing),
    CANCEL_AFTER_PATH: UsdtRoute("POST", _TRADE, _cancel_after, _nothing_switched),
}
