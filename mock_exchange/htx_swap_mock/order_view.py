"""What swap_order_info says about an order: the doc page's fields, and which orders it shows.

The numbers are derived the way a coin-margined swap derives them, so that they are plausible
and consistent: a contract is worth 100 USD (BTC) or 10 USD (every other coin); turnover is in
USD; the fee is charged in the coin at a maker rate of 0.02 % and written negative (paid), as
HTX's examples show; margin stays frozen for the untraded part while the order can still trade.
With the doc page's own example order (THETA-USD, 1 contract at 0.6, leverage 20) this gives
its ``margin_frozen`` of 0.8333….

Ids are exact: ``order_id`` is the integer itself (a JSON number, even above 2**53) and
``order_id_str`` its decimal text; decimals stay ``Decimal`` for the encoder in ``bodies``.
"""

from __future__ import annotations

from decimal import Decimal

from htx_swap_mock.lifecycle import Order, OrderKind, OrderState
from htx_swap_mock.orders import IdKind

__all__ = [
    "CANCELLED_VISIBLE_MS",
    "CLIENT_ID_VISIBLE_MS",
    "FEE_RATE",
    "JsonValue",
    "contract_size",
    "open_order_fields",
    "order_info_fields",
    "tpsl_open_fields",
    "trailing_open_fields",
    "trigger_open_fields",
    "visible",
]

JsonValue = None | bool | int | str | Decimal | list["JsonValue"] | dict[str, "JsonValue"]

FEE_RATE = Decimal("0.0002")
# The doc page: cancelled orders can be read for the last 2 hours only, and orders are found by
# client order id for 8 hours after they were placed.
CANCELLED_VISIBLE_MS = 2 * 3600 * 1000
CLIENT_ID_VISIBLE_MS = 8 * 3600 * 1000
_PLACES = Decimal("1E-18")  # HTX's decimals carry 18 places
# While the order can still trade, the untraded part keeps its margin frozen.
_FROZEN_STATES = {
    OrderState.READY,
    OrderState.OPEN,
    OrderState.PARTIALLY_FILLED,
    OrderState.CANCELLING,
}


def contract_size(symbol: str) -> Decimal:
    """Face value of one contract in USD: 100 for BTC, 10 for the other coins."""
    return Decimal(100) if symbol == "BTC" else Decimal(10)


def visible(order: Order, kind: IdKind, now: float) -> bool:
    """Whether order info shows ``order`` at ``now`` (server clock, seconds) when asked by
    ``kind`` of id."""
    now_ms = now * 1000
    if kind is IdKind.CLIENT_ORDER_ID and now_ms - order.created_at > CLIENT_ID_VISIBLE_MS:
        return False
    cancelled = order.state in {OrderState.CANCELLED, OrderState.PARTIALLY_CANCELLED}
    return not (cancelled and now_ms - order.canceled_at > CANCELLED_VISIBLE_MS)


def order_info_fields(order: Order) -> dict[str, JsonValue]:
    """One entry of ``data``, keys in the order of the page's example."""
    symbol = order.contract_code.split("-", 1)[0]
    size = contract_size(symbol)
    traded = order.trade_volume
    turnover = traded * size
    fee = -(turnover / order.price * FEE_RATE).quantize(_PLACES) if traded else Decimal(0)
    frozen = (
        (order.remaining * size / order.price / order.lever_rate).quantize(_PLACES)
        if order.state in _FROZEN_STATES
        else Decimal(0)
    )
    return {
        "symbol": symbol,
        "contract_code": order.contract_code,
        "volume": order.volume,
        "price": order.price,
        "order_price_type": "limit",
        "order_type": 1,  # quotation: an ordinary order
        "direction": order.direction.value,
        "offset": order.offset.value,
        "lever_rate": order.lever_rate,
        "order_id": int(order.order_id),
        "client_order_id": None if order.client_order_id is None else int(order.client_order_id),
        "created_at": order.created_at,
        "trade_volume": traded,
        "trade_turnover": turnover,
        "fee": fee,
        "trade_avg_price": order.price if traded else None,  # limit orders fill at their price
        "margin_frozen": frozen,
        "profit": Decimal(0),
        "status": order.status,
        "order_source": "api",
        "order_id_str": order.order_id,
        "fee_asset": symbol,
        "liquidation_type": "0",
        "canceled_at": order.canceled_at,
        "real_profit": Decimal(0),
        # canceled_source is left out: the page lists it as optional and documents only
        # system cancels (timeout, self-dealing), which this exchange does not make.
        "is_tpsl": 0,
        "self_match_prevent": 1,  # the page's default
    }


# swap_openorders' entry begins with these order-info fields, in this order.
_SHARED_WITH_ORDER_INFO = (
    "symbol",
    "contract_code",
    "volume",
    "price",
    "order_price_type",
    "order_type",
    "direction",
    "offset",
    "lever_rate",
    "order_id",
    "client_order_id",
    "created_at",
    "trade_volume",
    "trade_turnover",
    "fee",
    "trade_avg_price",
    "margin_frozen",
    "profit",
    "status",
    "order_source",
    "order_id_str",
    "fee_asset",
)


def open_order_fields(order: Order) -> dict[str, JsonValue]:
    """One entry of swap_openorders' ``orders``, keys in the order of the page's example:
    order info's numbers, ``update_time``, and ``liquidation_type``/``canceled_at`` null as the
    example shows them for an open order (``self_match_prevent`` as the page's table lists)."""
    info = order_info_fields(order)
    fields = {name: info[name] for name in _SHARED_WITH_ORDER_INFO}
    fields["liquidation_type"] = None
    fields["canceled_at"] = None
    fields["is_tpsl"] = 0
    fields["update_time"] = order.updated_at
    fields["real_profit"] = Decimal(0)
    fields["self_match_prevent"] = 1
    return fields


def _symbol(order: Order) -> str:
    return order.contract_code.split("-", 1)[0]


def trigger_open_fields(order: Order) -> dict[str, JsonValue]:
    """One entry of swap_trigger_openorders' ``orders``, keys as in the page's example."""
    return {
        "symbol": _symbol(order),
        "contract_code": order.contract_code,
        "trigger_type": order.trigger_type,
        "volume": order.volume,
        "order_type": 1,
        "direction": order.direction.value,
        "offset": order.offset.value,
        "lever_rate": order.lever_rate,
        "order_id": int(order.order_id),
        "order_id_str": order.order_id,
        "order_source": "api",
        "trigger_price": order.trigger_price,
        "order_price": order.price,
        "created_at": order.created_at,
        "order_price_type": "limit",
        "status": order.status,
    }


def tpsl_open_fields(order: Order) -> dict[str, JsonValue]:
    """One entry of swap_tpsl_openorders' ``orders``, keys as in the page's example (no
    offset or lever rate: a TP/SL order closes a position)."""
    return {
        "symbol": _symbol(order),
        "contract_code": order.contract_code,
        "volume": order.volume,
        "order_type": 1,
        "direction": order.direction.value,
        "order_id": int(order.order_id),
        "order_id_str": order.order_id,
        "order_source": "api",
        "trigger_type": order.trigger_type,
        "trigger_price": order.trigger_price,
        "order_price": order.price,
        "created_at": order.created_at,
        "order_price_type": "limit",
        "status": order.status,
        "tpsl_order_type": order.tpsl_order_type,
        "source_order_id": None,
        "relation_tpsl_order_id": "-1",  # the page: "-1" unless set together with its twin
    }


def trailing_open_fields(order: Order) -> dict[str, JsonValue]:
    """One entry of swap_track_openorders' ``orders``, keys as in the page's example;
    ``active_price`` is the order's price, never reached here (``is_active`` 0)."""
    return {
        "symbol": _symbol(order),
        "contract_code": order.contract_code,
        "volume": order.volume,
        "order_type": 1,
        "direction": order.direction.value,
        "offset": order.offset.value,
        "lever_rate": order.lever_rate,
        "order_id": int(order.order_id),
        "order_id_str": order.order_id,
        "order_source": "api",
        "created_at": order.created_at,
        "order_price_type": "formula_price",
        "status": order.status,
        "callback_rate": order.callback_rate,
        "active_price": order.price,
        "is_active": 0,
    }


OPEN_FIELDS = {
    OrderKind.LIMIT: open_order_fields,
    OrderKind.TRIGGER: trigger_open_fields,
    OrderKind.TPSL: tpsl_open_fields,
    OrderKind.TRAILING: trailing_open_fields,
}
