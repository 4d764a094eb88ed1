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

from htx_swap_mock.lifecycle import Order, OrderState
from htx_swap_mock.orders import IdKind

__all__ = [
    "CANCELLED_VISIBLE_MS",
    "CLIENT_ID_VISIBLE_MS",
    "FEE_RATE",
    "JsonValue",
    "contract_size",
    "order_info_fields",
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
