"""Typed order information (``POST /swap-api/v1/swap_order_info``): where a cancel's real
outcome shows.

The body is decoded with decimals for JSON fractions (prices and volumes stay exact) and then
handed to the generated ``SwapOrderInfoOk`` model; this module checks the types the generator
does not and builds ``OrderInfo`` values. ``order_id`` arrives as a JSON number above 2**53:
Python's ``json`` keeps it exact, and it must agree with ``order_id_str``.
"""

from __future__ import annotations

import enum
import json
from decimal import Decimal

import attrs
import httpx
from htx_swap_client.models import (
    HtxErrorResponse,
    HtxGatewayErrorResponse,
    SwapOrderInfo,
    SwapOrderInfoOk,
)

from htx_swap.responses import _parse_error, _status_error, error_from_shape

__all__ = ["MAX_IDS_PER_ORDER_INFO", "OrderInfo", "OrderStatus", "parse_order_info_response"]

MAX_IDS_PER_ORDER_INFO = 50  # HTX's page: "maximum 50 orders"


class OrderStatus(enum.IntEnum):
    """HTX's order status codes."""

    READY_TO_SUBMIT = 1
    READY_TO_SUBMIT_2 = 2  # HTX documents 1 and 2 alike: "Ready to submit the orders"
    SUBMITTED = 3
    PARTIALLY_FILLED = 4
    PARTIALLY_FILLED_CANCELLED = 5  # partly filled, the rest cancelled
    FILLED = 6
    CANCELLED = 7
    FAILED = 10
    CANCELLING = 11

    @property
    def is_final(self) -> bool:
        """Whether the order can no longer change: 5, 6, 7 or 10."""
        return self in _FINAL


_FINAL = frozenset(
    {
        OrderStatus.PARTIALLY_FILLED_CANCELLED,
        OrderStatus.FILLED,
        OrderStatus.CANCELLED,
        OrderStatus.FAILED,
    }
)


@attrs.frozen
class OrderInfo:
    """One order as HTX reports it. Ids are exact strings; prices and volumes are ``Decimal``."""

    order_id: str
    client_order_id: str | None
    contract_code: str
    status: OrderStatus
    volume: Decimal
    trade_volume: Decimal
    price: Decimal
    trade_avg_price: Decimal | None  # None while nothing traded
    direction: str
    offset: str
    order_price_type: str
    lever_rate: int
    fee: Decimal
    created_at: int  # epoch ms
    canceled_at: int | None  # epoch ms; None when HTX sends 0 or null (not cancelled)

    @property
    def is_final(self) -> bool:
        return self.status.is_final


def _decimal(value: object, field: str, response: httpx.Response) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    raise _parse_error(response, f"order field {field} is {value!r}, not a number")


def _int(value: object, field: str, response: httpx.Response) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _parse_error(response, f"order field {field} is {value!r}, not an integer")


def _text(value: object, field: str, response: httpx.Response) -> str:
    if isinstance(value, str):
        return value
    raise _parse_error(response, f"order field {field} is {value!r}, not a string")


def _order(raw: SwapOrderInfo, response: httpx.Response) -> OrderInfo:
    order_id = _int(raw.order_id, "order_id", response)
    order_id_str = _text(raw.order_id_str, "order_id_str", response)
    if str(order_id) != order_id_str:
        # A float somewhere between HTX and here would round the number: never guess which.
        raise _parse_error(
            response, f"order_id {order_id} and order_id_str {order_id_str!r} disagree"
        )
    client_raw = raw.client_order_id
    client_order_id = (
        None if client_raw is None else str(_int(client_raw, "client_order_id", response))
    )
    code = _int(raw.status, "status", response)
    try:
        status = OrderStatus(code)
    except ValueError:
        raise _parse_error(response, f"order {order_id_str} has unknown status {code}") from None
    avg = raw.trade_avg_price
    canceled_raw = raw.canceled_at  # 0 or null while not cancelled
    canceled_at = None if canceled_raw is None else _int(canceled_raw, "canceled_at", response)
    return OrderInfo(
        order_id=order_id_str,
        client_order_id=client_order_id,
        contract_code=_text(raw.contract_code, "contract_code", response),
        status=status,
        volume=_decimal(raw.volume, "volume", response),
        trade_volume=_decimal(raw.trade_volume, "trade_volume", response),
        price=_decimal(raw.price, "price", response),
        trade_avg_price=None if avg is None else _decimal(avg, "trade_avg_price", response),
        direction=_text(raw.direction, "direction", response),
        offset=_text(raw.offset, "offset", response),
        order_price_type=_text(raw.order_price_type, "order_price_type", response),
        lever_rate=_int(raw.lever_rate, "lever_rate", response),
        fee=_decimal(raw.fee, "fee", response),
        created_at=_int(raw.created_at, "created_at", response),
        canceled_at=canceled_at or None,
    )


def _body(response: httpx.Response) -> object:
    # HTX sends JSON as text/plain: decode whatever the content type says. Fractions become
    # Decimal (prices stay exact); integers are exact in Python anyway.
    try:
        return json.loads(response.content, parse_float=Decimal)
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, deep nesting
        if response.status_code != 200:
            raise _status_error(response) from None
        raise _parse_error(response, "not JSON") from None


def parse_order_info_response(response: httpx.Response) -> list[OrderInfo]:
    """The orders found; raises an ``HtxError`` for every other answer."""
    body = _body(response)
    status = body.get("status") if isinstance(body, dict) else None
    if status == "ok" and response.status_code == 200:
        assert isinstance(body, dict)
        try:
            ok = SwapOrderInfoOk.from_dict(body)
            orders = ok.data if isinstance(ok.data, list) else []
        except KeyError as exc:
            raise _parse_error(response, f"an order lacks the field {exc}") from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise _parse_error(response, f"unexpected order info shape ({exc})") from None
        return [_order(raw, response) for raw in orders]
    if status == "error" and isinstance(body, dict):
        shape: HtxErrorResponse | HtxGatewayErrorResponse
        try:
            if "err_code" in body:
                shape = HtxErrorResponse.from_dict(body)
            else:
                shape = HtxGatewayErrorResponse.from_dict(body)
        except (KeyError, TypeError, ValueError):
            raise _parse_error(response, "matches none of HTX's answer shapes") from None
        raise error_from_shape(response, shape)
    if response.status_code != 200:
        raise _status_error(response)
    raise _parse_error(response, "matches none of HTX's answer shapes")
