"""The only bridge to the generated ``htx_swap_client``: request bodies out, typed answers in.

Every endpoint is read one way: the body is decoded as JSON whatever its content type says (HTX
sends ``text/plain``), fractions as ``Decimal`` and integers exact; an error envelope becomes an
exception (``error_map``); the rest goes through the generated public parser of the operation
(``parse_body``), or, for lists where one bad entry must not hide the others, through the
generated model of one entry. Only public generated names are used.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import json
from collections.abc import Callable
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar, get_type_hints

from htx_swap_client import models
from htx_swap_client.operations import OPERATIONS, OperationFacts
from htx_swap_client.types import Unset

from htx_swap._model.record import Record
from htx_swap._model.results import OrderCancelError, RateLimit
from htx_swap._wire.body import Answer
from htx_swap._wire.error_map import envelope_error, parse_error, status_error

if TYPE_CHECKING:
    from htx_swap._model.order_info import OrderInfo
    from htx_swap._model.reports import CancelAfterStatus, OpenOrder

__all__ = [
    "OPEN_ORDER_OPERATIONS",
    "OPERATIONS",
    "CancelAnswer",
    "OpenOrdersPage",
    "OperationFacts",
    "OrderInfoAnswer",
    "Payload",
    "decode_cancel",
    "decode_cancel_after",
    "decode_order_info",
    "decode_timestamp",
    "decoder",
    "encode",
    "facts",
    "open_orders_decoder",
    "order_info_decoder",
]

_FIELD_NAMES = {
    "order_ids": "order_id",
    "client_order_ids": "client_order_id",
    "algo_ids": "algo_id",
    "algo_client_order_ids": "algo_client_order_id",
}
# What a request carries: a JSON body, a GET's query parameters (signed with it), or nothing.
Payload = bytes | tuple[tuple[str, str], ...] | None
_SHAPELESS = "matches none of HTX's answer shapes"
_T = TypeVar("_T")


@functools.cache
def _module(name: str) -> ModuleType:
    """The generated module of operation ``name``, imported on first use (a plain cancel does
    not pay for the other operations)."""
    for tag in ("trade", "reference", "usdt"):
        with contextlib.suppress(ModuleNotFoundError):
            return importlib.import_module(f"htx_swap_client.api.{tag}.{name}")
    raise LookupError(f"no generated module for operation {name!r}")


@functools.cache
def _request_model(name: str) -> Callable[..., Any]:
    """The generated request model of ``name``: the type of its ``request_kwargs`` body."""
    body: Callable[..., Any] = get_type_hints(_module(name).request_kwargs)["body"]
    return body


def facts(name: str) -> OperationFacts:
    """The operation's facts from ``openapi.yaml`` (method, path, ids per request, bucket)."""
    return OPERATIONS[name]


def encode(name: str, **fields: object) -> Payload:
    """What operation ``name`` sends, built with its generated request model (a JSON body) or
    its generated ``request_kwargs`` (a GET's query parameters, as pairs).

    ``order_ids``/``client_order_ids`` lists are joined with commas as the swap API wants
    (kept as JSON arrays for the v5 API; one id for a v5 read); fields that are None are left
    out.
    """
    if codec_v5_style(name):
        from htx_swap._wire import v5_codec  # the USDT-M shapes: imported when first used

        return v5_codec.encode(name, _module(name), fields)
    wire: dict[str, object] = {}
    for key, value in fields.items():
        if key in _FIELD_NAMES and isinstance(value, list):
            wire[_FIELD_NAMES[key]] = ",".join(value)
        elif value is not None:
            wire[key] = value
    model = _request_model(name)(**wire)
    return json.dumps(model.to_dict(), separators=(",", ":")).encode()


def codec_v5_style(name: str) -> bool:
    """Whether operation ``name`` speaks the v5 API (its envelope, arrays, signed GETs)."""
    return OPERATIONS[name].envelope == "v5"


def _envelope(response: Answer) -> dict[str, Any]:
    """The decoded body of a success answer; raises the right ``HtxError`` for the rest."""
    try:
        body = json.loads(response.content, parse_float=Decimal)
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, deep nesting
        if response.status_code != 200:
            raise status_error(response) from None
        raise parse_error(response, "not JSON") from None
    error = envelope_error(response, body) if isinstance(body, dict) else None
    if error is not None:
        raise error
    if response.status_code != 200:
        raise status_error(response)
    if not isinstance(body, dict):
        raise parse_error(response, _SHAPELESS)
    return body


def _parsed(response: Answer, parse: Callable[[object], object], body: object) -> object:
    try:
        return parse(body)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise parse_error(response, _SHAPELESS) from None


def _exact_id(raw: object, response: Answer) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise parse_error(response, f"order id {raw!r} is not a string")
    text = str(raw)
    if not (text.isascii() and text.isdigit()):  # ASCII 0-9 only, at least one
        raise parse_error(response, f"order id {text!r} is not decimal")
    return text


class CancelAnswer(Record):
    """A cancel answer as HTX sent it: ids it accepted, per-id refusals, its time."""

    __slots__ = ("errors", "rate_limit", "successes", "ts")

    def __init__(
        self,
        successes: list[str],
        errors: list[OrderCancelError],
        ts: int | None,
        rate_limit: RateLimit | None,
    ) -> None:
        self.successes = successes
        self.errors = errors
        self.ts = ts
        self.rate_limit = rate_limit


def decoder(
    name: str, field: str = "order_ids", *, every_item_named: bool = False
) -> Callable[[Answer], CancelAnswer]:
    """The answer decoder of cancel operation ``name`` (the swap family shares one answer
    shape; a v5 answer names each item by the id kind ``field`` asked with; with
    ``every_item_named``, a cancel-all's, an item that names no such id is an odd answer)."""
    if codec_v5_style(name):
        from htx_swap._wire import v5_codec

        parse = _module(name).parse_body
        return v5_codec.cancel_decoder(parse, _FIELD_NAMES[field], every_item_named)
    return functools.partial(decode_cancel, parse=_module(name).parse_body)


def decode_cancel(
    response: Answer, parse: Callable[[object], object] | None = None
) -> CancelAnswer:
    """A cancel answer: ``{status: ok, data: {successes: "id,id", errors: [...]}, ts}``."""
    ok = _parsed(response, parse or _module("swap_cancel").parse_body, _envelope(response))
    data = getattr(ok, "data", None)
    ts = getattr(ok, "ts", None)
    if getattr(ok, "status", None) != "ok" or not isinstance(getattr(data, "successes", None), str):
        raise parse_error(response, "data.successes is not a string")
    if isinstance(ts, bool) or not isinstance(ts, int):
        raise parse_error(response, "ts is not an integer")
    errors = []
    raw_errors = getattr(data, "errors", [])
    for item in raw_errors if isinstance(raw_errors, list) else []:
        code, message = _optional(item.err_code), _optional(item.err_msg)
        code = -1 if code is None else code
        if isinstance(code, bool) or not isinstance(code, int) or not isinstance(message, str):
            raise parse_error(response, "data.errors holds an entry of the wrong types")
        errors.append(OrderCancelError(_exact_id(item.order_id, response), code, message))
    successes = [_exact_id(part, response) for part in data.successes.split(",") if part]  # type: ignore[union-attr]
    return CancelAnswer(successes, errors, ts, RateLimit.from_headers(response.headers))


def decode_timestamp(response: Answer) -> int:
    """The server's clock in epoch milliseconds."""
    parsed = _parsed(response, _module("get_timestamp").parse_body, _envelope(response))
    ts = getattr(parsed, "ts", None)
    if isinstance(ts, bool) or not isinstance(ts, int) or not 0 < ts < 10**15:
        raise parse_error(response, f"server time {ts!r} is not epoch milliseconds")
    return ts


class OrderInfoAnswer(Record):
    """The orders HTX found, and a line for each entry that could not be read."""

    __slots__ = ("orders", "problems")

    def __init__(self, orders: list[OrderInfo], problems: list[str]) -> None:
        self.orders = orders
        self.problems = problems


def _optional(value: object) -> object:
    return None if isinstance(value, Unset) else value


def _checked(value: object, name: str, kind: type[_T], what: str) -> _T | None:
    """``value`` if it is a ``kind`` (never a bool), None if it is null or left out; else a
    ``ValueError`` naming the field ``name``."""
    value = _optional(value)
    if value is None or (isinstance(value, kind) and not isinstance(value, bool)):
        return value
    raise ValueError(f"{name} is {value!r}, not {what}")


def _int(value: object, name: str) -> int | None:
    return _checked(value, name, int, "an integer")


def _text(value: object, name: str) -> str | None:
    return _checked(value, name, str, "a string")


def _decimal(value: object, name: str) -> Decimal | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return _checked(value, name, Decimal, "a number")


def _required_decimal(value: object, name: str) -> Decimal:
    number = _decimal(value, name)
    if number is None:
        raise ValueError(f"{name} is missing")
    return number


def _order_id(raw: Any) -> str:  # noqa: ANN401 - a generated model
    """The order's id: ``order_id`` (a JSON number) and ``order_id_str`` must both be there and
    say the same id."""
    order_id = _int(raw.order_id, "order_id")
    order_id_str = _text(raw.order_id_str, "order_id_str")
    if order_id is None or order_id_str is None or str(order_id) != order_id_str:
        # A float somewhere between HTX and here would round the number: never guess which.
        raise ValueError(f"order_id {order_id} and order_id_str {order_id_str!r} disagree")
    return order_id_str


def _each(
    entries: list[object], model: type[Any], read: Callable[[Any], _T], *, named: bool = False
) -> tuple[list[_T], list[str]]:
    """Each entry read on its own (into the generated ``model``, then by ``read``): one that
    cannot be read is a line in the problems (with its ``order_id_str`` when ``named``) and
    never hides the others."""
    found: list[_T] = []
    problems: list[str] = []
    for position, item in enumerate(entries):
        try:
            if not isinstance(item, dict):
                raise TypeError("not an object")
            found.append(read(model.from_dict(item)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            order_id = item.get("order_id_str") if isinstance(item, dict) else None
            label = f" ({order_id or 'no id'})" if named else ""
            problems.append(f"order #{position}{label}: unreadable ({exc})")
    return found, problems


def _order(raw: Any) -> OrderInfo:  # noqa: ANN401 - a generated model
    from htx_swap._model.order_info import OrderInfo, OrderStatus  # order info's own types: on use

    order_id = _order_id(raw)
    client_order_id = _int(raw.client_order_id, "client_order_id")
    status_code = _int(raw.status, "status")
    contract_code = _text(raw.contract_code, "contract_code")
    if status_code is None or contract_code is None:
        raise ValueError("status or contract_code is missing")
    return OrderInfo(
        order_id=order_id,
        client_order_id=None if client_order_id is None else str(client_order_id),
        contract_code=contract_code,
        contract_type=_text(getattr(raw, "contract_type", None), "contract_type"),
        status=OrderStatus.of(status_code),
        status_code=status_code,
        volume=_required_decimal(raw.volume, "volume"),
        trade_volume=_required_decimal(raw.trade_volume, "trade_volume"),
        price=_decimal(raw.price, "price"),
        trade_avg_price=_decimal(raw.trade_avg_price, "trade_avg_price"),
        direction=_text(raw.direction, "direction"),
        offset=_text(raw.offset, "offset"),
        order_price_type=_text(raw.order_price_type, "order_price_type"),
        lever_rate=_int(raw.lever_rate, "lever_rate"),
        fee=_decimal(raw.fee, "fee"),
        created_at=_int(raw.created_at, "created_at"),
        canceled_at=_int(raw.canceled_at, "canceled_at") or None,  # 0 while not cancelled
    )


def order_info_decoder(name: str) -> Callable[[Answer], OrderInfoAnswer]:
    """The answer decoder of order read ``name``: the v5 API's, or into its product's
    generated order model."""
    from htx_swap._engine.products import product_of

    if codec_v5_style(name):
        from htx_swap._wire import v5_codec

        return v5_codec.order_info_decoder(_module(name).parse_body)
    model_name = product_of(facts(name).product).order_model
    return functools.partial(decode_order_info, model_name=model_name)


def decode_order_info(response: Answer, model_name: str = "SwapOrderInfo") -> OrderInfoAnswer:
    """Each order read on its own (into the generated ``model_name``): one that cannot be read
    is a line in ``problems`` and never hides the others."""
    body = _envelope(response)
    if body.get("status") != "ok" or not isinstance(body.get("data"), list):
        raise parse_error(response, _SHAPELESS)
    orders, problems = _each(body["data"], getattr(models, model_name), _order, named=True)
    return OrderInfoAnswer(orders, problems)


def decode_cancel_after(response: Answer, name: str = "swap_cancel_after") -> CancelAfterStatus:
    """The dead man's switch's answer (operation ``name``), in its
    ``{code, msg | message, data, ts}`` envelope."""
    from htx_swap._model.reports import CancelAfterStatus

    parsed = _parsed(response, _module(name).parse_body, _envelope(response))
    data = getattr(parsed, "data", None)
    if getattr(parsed, "code", None) != 200 or data is None or isinstance(data, Unset):
        raise parse_error(response, _SHAPELESS)
    try:
        current = _int(data.current_time, "current_time")
        trigger = _int(data.trigger_time, "trigger_time")
    except ValueError as exc:
        raise parse_error(response, str(exc)) from None
    return CancelAfterStatus(
        armed=bool(trigger), current_time=current, trigger_time=trigger or None
    )


class OpenOrdersPage(Record):
    """One page of open orders, and a line for each entry that could not be read;
    ``total_page`` and ``total_size`` (None when HTX left it out) as that page gave them."""

    __slots__ = ("orders", "problems", "total_page", "total_size")

    def __init__(
        self,
        orders: list[OpenOrder],
        total_page: int,
        problems: list[str],
        total_size: int | None = None,
    ) -> None:
        self.orders = orders
        self.total_page = total_page
        self.problems = problems
        self.total_size = total_size


OPEN_ORDER_OPERATIONS = {
    "limit": ("swap_openorders", "SwapOpenOrder"),
    "trigger": ("swap_trigger_openorders", "SwapTriggerOpenOrder"),
    "tpsl": ("swap_tpsl_openorders", "SwapTpslOpenOrder"),
    "trailing": ("swap_track_openorders", "SwapTrackOpenOrder"),
}


def _of_coin(contract_code: str, symbol: str) -> bool:
    """Whether ``contract_code`` is a contract of coin ``symbol``: the code is the symbol, or
    starts with it and goes on with no letter ("BTC-USD", "BTC231229", "BTC-USDT").

    >>> _of_coin("BTC231229", "btc"), _of_coin("BTC-USD", "ETH"), _of_coin("BTCX-USD", "BTC")
    (True, False, False)
    """
    code, coin = contract_code.upper(), symbol.upper()
    return bool(coin) and code.startswith(coin) and not code[len(coin) : len(coin) + 1].isalpha()


def _open_order(kind: str, raw: Any) -> OpenOrder:  # noqa: ANN401 - a generated model
    from htx_swap._model.reports import OpenOrder

    order_id = _order_id(raw)
    contract_code = _text(raw.contract_code, "contract_code")
    direction = _text(raw.direction, "direction")
    status = _int(raw.status, "status")
    if contract_code is None or direction is None or status is None:
        raise ValueError("contract_code, direction or status is missing")
    symbol = _text(getattr(raw, "symbol", None), "symbol")
    if symbol is not None and not _of_coin(contract_code, symbol):
        # the entry contradicts itself: whose order it is cannot be told, so it is never
        # taken for one of the symbol asked for (nor cancelled as one)
        raise ValueError(f"its symbol {symbol!r} is not the coin of its contract {contract_code!r}")
    client_order_id = _int(getattr(raw, "client_order_id", None), "client_order_id")
    return OpenOrder(
        kind=kind,
        order_id=order_id,
        contract_code=contract_code,
        contract_type=_text(getattr(raw, "contract_type", None), "contract_type"),
        direction=direction,
        offset=_text(getattr(raw, "offset", None), "offset"),
        volume=_required_decimal(raw.volume, "volume"),
        status=status,
        client_order_id=None if client_order_id is None else str(client_order_id),
        price=_decimal(getattr(raw, "price", None), "price"),
        trigger_price=_decimal(getattr(raw, "trigger_price", None), "trigger_price"),
    )


def open_orders_decoder(
    kind: str, model_name: str | None = None
) -> Callable[[Answer], OpenOrdersPage]:
    """The decoder of one page of open orders of ``kind`` (into the generated ``model_name``;
    default the swap listing's); each order read on its own."""
    model_name = model_name or OPEN_ORDER_OPERATIONS[kind][1]

    def decode(response: Answer) -> OpenOrdersPage:
        body = _envelope(response)
        data = body["data"] if isinstance(body.get("data"), dict) else {}
        orders_raw, total = data.get("orders"), data.get("total_page")
        if body.get("status") != "ok" or not isinstance(orders_raw, list):
            raise parse_error(response, _SHAPELESS)
        if isinstance(total, bool) or not isinstance(total, int) or total < 0:
            raise parse_error(response, f"total_page {total!r} is not a page count")
        size = data.get("total_size")  # only compared between pages: an odd one is unknown
        size = size if isinstance(size, int) and not isinstance(size, bool) else None
        model = getattr(models, model_name)  # the generated model, imported on first use
        orders, problems = _each(orders_raw, model, functools.partial(_open_order, kind))
        return OpenOrdersPage(orders, total, problems, size)

    return decode
