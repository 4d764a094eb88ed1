"""The USDT-M (v5) API's shapes, for ``codec``: JSON-array bodies and signed GET queries
out; per-item codes, order states as words and cursor pages in. Imported when a USDT-M
operation is first used.

Answers become the same holders the swap API's do (``CancelAnswer``, ``OrderInfoAnswer``,
``OpenOrder``), so ``engine.reconcile``, ``confirm`` and ``family`` judge them by one set of
rules. Ids are exact strings whether HTX sends them as strings or as JSON numbers (integers
beyond 2**53 included); a fraction is never an id.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from types import ModuleType
from typing import Any, get_args, get_type_hints

from htx_swap_client.models import HtxV5ErrorResponse

from htx_swap._model.errors import HtxApiError, InvalidRequestError
from htx_swap._model.order_info import OrderInfo, OrderStatus
from htx_swap._model.record import Record
from htx_swap._model.reports import OpenOrder
from htx_swap._model.results import OrderCancelError, RateLimit
from htx_swap._wire.body import Answer
from htx_swap._wire.codec import (
    _FIELD_NAMES,
    CancelAnswer,
    OrderInfoAnswer,
    Payload,
    _envelope,
    _exact_id,
    _optional,
    _parsed,
)
from htx_swap._wire.error_map import parse_error

__all__ = [
    "OK",
    "STATES",
    "V5Page",
    "cancel_decoder",
    "encode",
    "order_info_decoder",
    "page_decoder",
]

OK = 200  # a v5 answer's, and a v5 item's, success code
NOT_FOUND = frozenset({1061})  # "this order doesn't exist": nothing to read, never a guess
# HTX's order states (words) as the swap API's status codes, so one rule judges both
STATES = {
    "new": OrderStatus.SUBMITTED,
    "partially_filled": OrderStatus.PARTIALLY_FILLED,
    "filled": OrderStatus.FILLED,
    "partially_canceled": OrderStatus.PARTIALLY_FILLED_CANCELLED,
    "canceled": OrderStatus.CANCELLED,
    "rejected": OrderStatus.FAILED,  # final, nothing of it filled
}
_NO_SUCCESS = "code 200, but the answer matches none of the success shapes"


@functools.cache
def _body_of(name: str, module: ModuleType) -> tuple[str, Any]:
    """How operation ``name`` sends its fields, read once from its generated ``module``:
    ("query", None) for a GET, ("items", the model of one entry) for a JSON array, ("object",
    the request model) for a JSON object."""
    body = get_type_hints(module.request_kwargs).get("body")
    if body is None:
        return "query", None
    if getattr(body, "__origin__", None) is list:
        (item,) = get_args(body)
        return "items", item
    return "object", body


def encode(name: str, module: ModuleType, fields: dict[str, object]) -> Payload:
    """The v5 request of operation ``name`` (its generated ``module``): a JSON object, a
    JSON array of one ``{contract_code, id}`` per id, or a GET's parameters (one id each)."""
    shape, model = _body_of(name, module)
    wire = {_FIELD_NAMES.get(k, k): v for k, v in fields.items() if v is not None}
    if shape == "query":  # a GET: its parameters, signed with the auth ones
        for key, value in wire.items():
            if isinstance(value, list):
                if len(value) != 1:
                    raise InvalidRequestError(key, "a v5 read names one id")
                wire[key] = value[0]
        params = module.request_kwargs(**wire)["params"]
        return tuple((key, _text(value)) for key, value in params.items())
    if shape == "items":  # a JSON array of one entry per id
        code = wire.pop("contract_code")
        ((key, ids),) = wire.items()
        assert isinstance(ids, list)
        items = [model.from_dict({"contract_code": code, key: i}).to_dict() for i in ids]
        return json.dumps(items, separators=(",", ":")).encode()
    return json.dumps(model(**wire).to_dict(), separators=(",", ":")).encode()


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _success(response: Answer, parse: Callable[[object], object]) -> tuple[Any, dict[str, Any]]:
    """The generated success model of a v5 answer, and its decoded body; an error code is
    raised by ``_envelope``, and a 200 that fits no success shape (HtxV5ErrorResponse, data
    null) is an odd answer."""
    body = _envelope(response)
    ok = _parsed(response, parse, body)
    if isinstance(ok, HtxV5ErrorResponse) or getattr(ok, "data", None) is None:
        raise parse_error(response, _NO_SUCCESS)
    return ok, body


def _ts(value: object) -> int | None:
    value = _optional(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def cancel_decoder(
    parse: Callable[[object], object], key: str, every_item_named: bool = False
) -> Callable[[Answer], CancelAnswer]:
    """The decoder of a per-item cancel answer, each item named by its ``key`` (the id kind
    asked with): code 200 accepted, any other refused with that code and message. An item
    that names no such id decides nothing (the ids it may concern stay unanswered); in a
    cancel-all's answer (``every_item_named``: no ids were asked, so none would stay
    unanswered) it is an odd answer, in doubt, never an empty book."""

    def decode(response: Answer) -> CancelAnswer:
        ok, _ = _success(response, parse)
        if not isinstance(ok.data, list):
            raise parse_error(response, _NO_SUCCESS)
        successes: list[str] = []
        errors: list[OrderCancelError] = []
        for item in ok.data:
            raw, code, message = getattr(item, key, None), item.code, _optional(item.message)
            if isinstance(code, bool) or not isinstance(code, int):
                raise parse_error(response, f"item code {code!r} is not an integer")
            if message is not None and not isinstance(message, str):
                raise parse_error(response, f"item message {message!r} is not a string")
            if _optional(raw) is None:
                if every_item_named:
                    raise parse_error(response, f"an item (code {code}) names no {key}")
                continue
            order_id = _exact_id(raw, response)
            if code == OK:
                successes.append(order_id)
            else:
                errors.append(OrderCancelError(order_id, code, message or f"code {code}"))
        return CancelAnswer(successes, errors, _ts(ok.ts), RateLimit.from_headers(response.headers))

    return decode


def _decimal(value: object, name: str) -> Decimal | None:
    """A number HTX sends as a string (or a JSON number), exact; None when left out."""
    value = _optional(value)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValueError(f"{name} is {value!r}, not a number")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{name} is {value!r}, not a number") from None
    if not number.is_finite():
        raise ValueError(f"{name} is {value!r}, not a number")
    return number


def _required(value: object, name: str) -> Decimal:
    number = _decimal(value, name)
    if number is None:
        raise ValueError(f"{name} is missing")
    return number


def _id(value: object, name: str) -> str | None:
    value = _optional(value)
    if value is None:
        return None
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not (text.isascii() and text.isdigit()):
        raise ValueError(f"{name} {value!r} is not a decimal id")
    return text


def _word(value: object, name: str) -> str:
    value = _optional(value)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} is {value!r}, not a word")
    return value


def _opt_text(value: object) -> str | None:
    value = _optional(value)
    return value if isinstance(value, str) else None


def _status(state: str) -> OrderStatus:
    return STATES.get(state, OrderStatus.UNKNOWN)


def _millis(value: object) -> int | None:
    value = _optional(value)
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _order(raw: Any) -> OrderInfo:  # noqa: ANN401 - a generated model
    order_id = _id(raw.order_id, "order_id")
    if order_id is None:
        raise ValueError("order_id is missing")
    state = _word(raw.state, "state")
    status = _status(state)
    lever = _optional(raw.lever_rate)
    return OrderInfo(
        order_id=order_id,
        client_order_id=_id(raw.client_order_id, "client_order_id"),
        contract_code=_word(raw.contract_code, "contract_code"),
        status=status,
        status_code=int(status),
        state=state,
        volume=_required(raw.volume, "volume"),
        trade_volume=_required(raw.trade_volume, "trade_volume"),
        price=_decimal(raw.price, "price"),
        trade_avg_price=_decimal(raw.trade_avg_price, "trade_avg_price"),
        direction=_opt_text(raw.side),
        order_price_type=_opt_text(raw.type_),
        lever_rate=lever if isinstance(lever, int) and not isinstance(lever, bool) else None,
        fee=_decimal(raw.fee, "fee"),
        created_at=_millis(raw.created_time),
    )


def order_info_decoder(parse: Callable[[object], object]) -> Callable[[Answer], OrderInfoAnswer]:
    """The decoder of one order read: the order, or nothing when HTX says it does not exist
    (the order is not listed; never guessed cancelled or filled)."""

    def decode(response: Answer) -> OrderInfoAnswer:
        try:
            ok, _ = _success(response, parse)
        except HtxApiError as error:
            if error.code in NOT_FOUND and not error.may_have_reached:
                return OrderInfoAnswer([], [])
            raise
        try:
            return OrderInfoAnswer([_order(ok.data)], [])
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            return OrderInfoAnswer([], [f"order: unreadable ({exc})"])

    return decode


class V5Page(Record):
    """One page of a cursor listing: the orders read, a line per entry that could not be,
    how many entries it held, and the cursor of its last entry (None when it named none)."""

    __slots__ = ("entries", "last", "orders", "problems")

    def __init__(
        self, orders: list[OpenOrder], problems: list[str], entries: int, last: str | None
    ) -> None:
        self.orders = orders
        self.problems = problems
        self.entries = entries
        self.last = last


def _limit_order(raw: Any) -> OpenOrder:  # noqa: ANN401 - a generated model
    order = _order(raw)
    return OpenOrder(
        kind="limit",
        order_id=order.order_id,
        contract_code=order.contract_code,
        direction=order.direction or "",
        offset=_opt_text(raw.position_side),
        volume=order.volume,
        status=order.status_code,
        client_order_id=order.client_order_id,
        price=order.price,
    )


def _algo_order(raw: Any) -> OpenOrder:  # noqa: ANN401 - a generated model
    algo_id = _id(raw.algo_id, "algo_id")
    if algo_id is None:
        raise ValueError("algo_id is missing")
    side = _optional(raw.side)
    return OpenOrder(
        kind="algo",
        order_id=algo_id,
        contract_code=_word(raw.contract_code, "contract_code"),
        direction=side if isinstance(side, str) else "",
        offset=None,
        volume=_decimal(raw.volume, "volume") or Decimal(0),
        status=int(_status(_word(raw.state, "state"))),
        client_order_id=_id(raw.algo_client_order_id, "algo_client_order_id"),
        trigger_price=_decimal(raw.trigger_price, "trigger_price"),
    )


def page_decoder(kind: str) -> Callable[[Answer], V5Page]:
    """The decoder of one page of open ``kind`` ("limit" or "algo") orders; each entry read
    on its own (one that cannot be read is a line in ``problems``)."""
    from htx_swap_client import models

    model, read, id_key = (
        (models.UsdtOrder, _limit_order, "order_id")
        if kind == "limit"
        else (models.UsdtAlgoOrder, _algo_order, "algo_id")
    )
    name = "usdt_open_orders" if kind == "limit" else "usdt_algo_open_orders"
    from htx_swap._wire.codec import _module

    parse = _module(name).parse_body

    def decode(response: Answer) -> V5Page:
        ok, body = _success(response, parse)
        entries = body.get("data")
        if not isinstance(ok.data, list) or not isinstance(entries, list):
            raise parse_error(response, _NO_SUCCESS)
        orders: list[OpenOrder] = []
        problems: list[str] = []
        last: str | None = None
        for position, entry in enumerate(entries):
            if isinstance(entry, dict):
                cursor = entry.get("id", entry.get(id_key))
                last = str(cursor) if isinstance(cursor, str | int) else None
            try:
                if not isinstance(entry, dict):
                    raise TypeError("not an object")
                orders.append(read(model.from_dict(entry)))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                problems.append(f"order #{position}: unreadable ({exc})")
        return V5Page(orders, problems, len(entries), last)

    return decode
