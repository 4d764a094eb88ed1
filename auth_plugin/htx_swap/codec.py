"""The only bridge to the generated ``htx_swap_client``: request bodies out, typed answers in.

Every endpoint is read one way: the body is decoded as JSON whatever its content type says (HTX
sends ``text/plain``), fractions as ``Decimal`` and integers exact; an error envelope becomes an
exception (``error_map``); the rest goes through the generated public parser of the operation
(``parse_body``), or, for lists where one bad entry must not hide the others, through the
generated model of one entry. Only public generated names are used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import httpx
from htx_swap_client.api.reference import get_timestamp
from htx_swap_client.api.trade import swap_cancel
from htx_swap_client.models import SwapCancelOk, SwapCancelRequest, SwapOrderInfo
from htx_swap_client.models import SwapOrderInfoRequest, TimestampResponse
from htx_swap_client.operations import OPERATIONS, OperationFacts
from htx_swap_client.types import Unset

from htx_swap.error_map import envelope_error, parse_error, status_error
from htx_swap.order_info import OrderInfo, OrderStatus
from htx_swap.results import OrderCancelError, RateLimit

__all__ = [
    "OPERATIONS",
    "CancelAnswer",
    "OperationFacts",
    "OrderInfoAnswer",
    "decode_cancel",
    "decode_order_info",
    "decode_timestamp",
    "encode",
    "facts",
]

_DECIMAL_ID = re.compile(r"[0-9]+")
_REQUEST_MODELS: dict[str, Callable[..., Any]] = {
    "swap_cancel": SwapCancelRequest,
    "swap_order_info": SwapOrderInfoRequest,
}
_FIELD_NAMES = {"order_ids": "order_id", "client_order_ids": "client_order_id"}


def facts(name: str) -> OperationFacts:
    """The operation's facts from ``openapi.yaml`` (method, path, ids per request, bucket)."""
    return OPERATIONS[name]


def encode(name: str, **fields: object) -> bytes:
    """The JSON body of operation ``name``, built with its generated request model.

    ``order_ids``/``client_order_ids`` lists are joined with commas as HTX wants; fields that
    are None are left out.
    """
    wire: dict[str, object] = {}
    for key, value in fields.items():
        if value is None:
            continue
        if key in _FIELD_NAMES and isinstance(value, list):
            wire[_FIELD_NAMES[key]] = ",".join(value)
        else:
            wire[key] = value
    model = _REQUEST_MODELS[name](**wire)
    return json.dumps(model.to_dict(), separators=(",", ":")).encode()


def _json(response: httpx.Response) -> object:
    try:
        return json.loads(response.content, parse_float=Decimal)
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, deep nesting
        if response.status_code != 200:
            raise status_error(response) from None
        raise parse_error(response, "not JSON") from None


def _envelope(response: httpx.Response) -> dict[str, Any]:
    """The decoded body of a success answer; raises the right ``HtxError`` for the rest."""
    body = _json(response)
    if isinstance(body, dict):
        error = envelope_error(response, body)
        if error is not None:
            raise error
    if response.status_code != 200:
        raise status_error(response)
    if not isinstance(body, dict):
        raise parse_error(response, "matches none of HTX's answer shapes")
    return body


def _parsed(response: httpx.Response, parse: Callable[[object], object], body: object) -> object:
    try:
        return parse(body)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise parse_error(response, "matches none of HTX's answer shapes") from None


def _exact_id(raw: object, response: httpx.Response) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise parse_error(response, f"order id {raw!r} is not a string")
    text = str(raw)
    if not _DECIMAL_ID.fullmatch(text):
        raise parse_error(response, f"order id {text!r} is not decimal")
    return text


@attrs.frozen
class CancelAnswer:
    """A cancel answer as HTX sent it: ids it accepted, per-id refusals, its time."""

    successes: list[str]
    errors: list[OrderCancelError]
    ts: int
    rate_limit: RateLimit | None


def decode_cancel(response: httpx.Response) -> CancelAnswer:
    """Any cancel of the family (they share ``swap_cancel``'s answer shape)."""
    ok = _parsed(response, swap_cancel.parse_body, _envelope(response))
    if not isinstance(ok, SwapCancelOk):
        raise parse_error(response, "matches none of HTX's answer shapes")
    data = ok.data
    if isinstance(data, Unset) or not isinstance(data.successes, str):
        raise parse_error(response, "data.successes is not a string")
    if isinstance(ok.ts, bool) or not isinstance(ok.ts, int):
        raise parse_error(response, "ts is not an integer")
    errors = []
    for item in data.errors if isinstance(data.errors, list) else []:
        code, message = item.err_code, item.err_msg
        if isinstance(code, bool) or not isinstance(code, int) or not isinstance(message, str):
            raise parse_error(response, "data.errors holds an entry of the wrong types")
        errors.append(OrderCancelError(_exact_id(item.order_id, response), code, message))
    successes = [_exact_id(part, response) for part in data.successes.split(",") if part]
    return CancelAnswer(successes, errors, ok.ts, RateLimit.from_headers(response.headers))


def decode_timestamp(response: httpx.Response) -> int:
    """The server's clock in epoch milliseconds."""
    parsed = _parsed(response, get_timestamp.parse_body, _envelope(response))
    ts = parsed.ts if isinstance(parsed, TimestampResponse) else None
    if isinstance(ts, bool) or not isinstance(ts, int) or not 0 < ts < 10**15:
        raise parse_error(response, f"server time {ts!r} is not epoch milliseconds")
    return ts


@attrs.frozen
class OrderInfoAnswer:
    """The orders HTX found, and a line for each entry that could not be read."""

    orders: list[OrderInfo]
    problems: list[str]


def _optional(value: object) -> object:
    return None if isinstance(value, Unset) else value


def _decimal(value: object, name: str) -> Decimal | None:
    value = _optional(value)
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise ValueError(f"{name} is {value!r}, not a number")


def _required_decimal(value: object, name: str) -> Decimal:
    number = _decimal(value, name)
    if number is None:
        raise ValueError(f"{name} is missing")
    return number


def _int(value: object, name: str) -> int | None:
    value = _optional(value)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ValueError(f"{name} is {value!r}, not an integer")


def _text(value: object, name: str) -> str | None:
    value = _optional(value)
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{name} is {value!r}, not a string")


def _order(raw: SwapOrderInfo) -> OrderInfo:
    order_id = _int(raw.order_id, "order_id")
    order_id_str = _text(raw.order_id_str, "order_id_str")
    if order_id is None or order_id_str is None or str(order_id) != order_id_str:
        # A float somewhere between HTX and here would round the number: never guess which.
        raise ValueError(f"order_id {order_id} and order_id_str {order_id_str!r} disagree")
    client_order_id = _int(raw.client_order_id, "client_order_id")
    status_code = _int(raw.status, "status")
    contract_code = _text(raw.contract_code, "contract_code")
    if status_code is None or contract_code is None:
        raise ValueError("status or contract_code is missing")
    return OrderInfo(
        order_id=order_id_str,
        client_order_id=None if client_order_id is None else str(client_order_id),
        contract_code=contract_code,
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


def decode_order_info(response: httpx.Response) -> OrderInfoAnswer:
    """Each order read on its own: one that cannot be read is a line in ``problems`` and never
    hides the others."""
    body = _envelope(response)
    if body.get("status") != "ok" or not isinstance(body.get("data"), list):
        raise parse_error(response, "matches none of HTX's answer shapes")
    orders: list[OrderInfo] = []
    problems: list[str] = []
    for position, item in enumerate(body["data"]):
        try:
            if not isinstance(item, dict):
                raise TypeError("not an object")
            orders.append(_order(SwapOrderInfo.from_dict(item)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            order_id = item.get("order_id_str") if isinstance(item, dict) else None
            problems.append(f"order #{position} ({order_id or 'no id'}): unreadable ({exc})")
    return OrderInfoAnswer(orders, problems)

