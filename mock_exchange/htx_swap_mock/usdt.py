"""USDT-margined contracts on HTX's v5 API: the market's books, switches and order views.

The swap machinery is reused as it is: each book is an ``orders.OrderBook`` (HTX's cancel
rules, the lifecycle, delayed cancels), the dead man's switches a ``cancel_after``
``DeadMansSwitches``. What is the v5 API's own is said here, as data: the exact contract codes
(``BTC-USDT``, ``BTC-USDT-YYMMDD``), order states as words, ``side``/``position_side`` for
``direction``/``offset``, the algo types, and the order objects of the v5 answers (every
number a decimal string, ids strings).
"""

from __future__ import annotations

import datetime
import enum
import re
import threading
from collections.abc import Callable
from decimal import Decimal

from htx_swap_mock.cancel_after import DeadMansSwitches
from htx_swap_mock.lifecycle import Direction, Offset, Order, OrderState
from htx_swap_mock.order_view import JsonValue
from htx_swap_mock.orders import OrderBook

__all__ = [
    "POSITION_SIDES",
    "AlgoType",
    "UsdtMarket",
    "algo_order_fields",
    "check_usdt_contract",
    "direction_offset",
    "is_usdt_contract",
    "position_side",
    "usdt_order_fields",
]

_CONTRACT = re.compile(r"[A-Z0-9]+-USDT(-[0-9]{6})?")
POSITION_SIDES = ("long", "short", "both")


class AlgoType(enum.StrEnum):
    """The algo books (``type`` of ``GET /v5/algo/order/opens``; ``sl``/``tp`` read the TP/SL
    book's stop-loss or take-profit orders)."""

    TRIGGER = "trigger"
    TPSL = "tpsl"
    TRAILING_STOP = "trailing_stop"


def is_usdt_contract(code: object) -> bool:
    """``BASE-USDT`` (perpetual) or ``BASE-USDT-YYMMDD`` (delivery), exact and upper case."""
    return isinstance(code, str) and bool(_CONTRACT.fullmatch(code))


def check_usdt_contract(code: str) -> str:
    if not is_usdt_contract(code):
        raise ValueError(f"not a USDT-M contract code (BTC-USDT or BTC-USDT-YYMMDD): {code!r}")
    return code


def direction_offset(side: str, position_side: str) -> tuple[Direction, Offset]:
    """The swap book's terms for a v5 order: buy long / sell short open, the others close
    (``both``, one-way mode: a buy opens, a sell closes)."""
    direction = Direction(side)
    if position_side not in POSITION_SIDES:
        raise ValueError(f"position_side must be one of {POSITION_SIDES}, got {position_side!r}")
    opens = {"long": Direction.BUY, "short": Direction.SELL, "both": Direction.BUY}
    return direction, Offset.OPEN if opens[position_side] is direction else Offset.CLOSE


def position_side(order: Order) -> str:
    buys_long = (order.direction is Direction.BUY) == (order.offset is Offset.OPEN)
    return "long" if buys_long else "short"


class UsdtMarket:
    """The USDT-M orders (a limit book and one book per algo type), apart from the swaps',
    with what the swap books do not hold: orders seeded as rejected and one-way orders."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.orders = OrderBook(clock)
        self.algo = {kind: OrderBook(clock) for kind in AlgoType}
        self.switches = DeadMansSwitches()
        self._lock = threading.Lock()
        self._rejected: set[str] = set()
        self._one_way: set[str] = set()

    def books(self) -> list[OrderBook]:
        return [self.orders, *self.algo.values()]

    def mark(self, order_id: str, *, rejected: bool, one_way: bool) -> None:
        with self._lock:
            for flag, ids in ((rejected, self._rejected), (one_way, self._one_way)):
                if flag:
                    ids.add(order_id)
                else:
                    ids.discard(order_id)

    def rejected(self, order: Order) -> bool:
        with self._lock:
            return order.order_id in self._rejected

    def position_side(self, order: Order) -> str:
        with self._lock:
            return "both" if order.order_id in self._one_way else position_side(order)

    def state_word(self, order: Order) -> str:
        """The v5 ``state``: ``rejected`` for an order seeded so; a cancel not yet in effect
        shows the state it came from."""
        if order.state is OrderState.CANCELLED and self.rejected(order):
            return "rejected"
        if order.state is OrderState.CANCELLING:
            return "partially_filled" if order.trade_volume else "new"
        return _WORDS[order.state]

    def clear(self) -> None:
        for book in self.books():
            book.clear()
        self.switches.clear()
        with self._lock:
            self._rejected.clear()
            self._one_way.clear()


_WORDS: dict[OrderState, str] = {
    OrderState.READY: "new",
    OrderState.OPEN: "new",
    OrderState.PARTIALLY_FILLED: "partially_filled",
    OrderState.PARTIALLY_CANCELLED: "partially_canceled",
    OrderState.FILLED: "filled",
    OrderState.CANCELLED: "canceled",
}


def _text(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def _contract_type(code: str, now_ms: int) -> str:
    """``swap`` for a perpetual; a delivery future's type by the days to its date."""
    if code.count("-") == 1:
        return "swap"
    expiry = datetime.datetime.strptime(code.rsplit("-", 1)[1], "%y%m%d").replace(
        tzinfo=datetime.UTC
    )
    days = (expiry.timestamp() * 1000 - now_ms) / 86_400_000
    return "this_week" if days <= 7 else "next_week" if days <= 14 else "quarter"


def usdt_order_fields(order: Order, market: UsdtMarket, now_ms: int) -> dict[str, JsonValue]:
    """An order as ``GET /v5/trade/order`` and ``/v5/trade/order/opens`` show it."""
    traded = order.trade_volume
    word = market.state_word(order)
    return {
        "id": order.order_id,
        "order_id": order.order_id,
        "client_order_id": order.client_order_id,
        "contract_code": order.contract_code,
        "contract_type": _contract_type(order.contract_code, now_ms),
        "side": order.direction.value,
        "position_side": market.position_side(order),
        "type": "limit",
        "price_match": None,
        "margin_mode": "cross",
        "price": _text(order.price),
        "volume": _text(order.volume),
        "lever_rate": order.lever_rate,
        "state": word,
        "order_source": "api",
        "reduce_only": False,
        "time_in_force": "gtc",
        "trade_avg_price": _text(order.price) if traded else None,
        "trade_volume": _text(traded),
        "trade_turnover": _text(traded * order.price),
        "fee_currency": "USDT",
        "fee": "0",
        "profit": "0",
        "cancel_reason": (
            "Limit order cancelation by the client"
            if word in {"canceled", "partially_canceled"}
            else None
        ),
        "created_time": str(order.created_at),
        "updated_time": str(order.updated_at or order.created_at),
        "self_match_prevent": "cancel_taker",
    }


def algo_order_fields(order: Order, kind: AlgoType, market: UsdtMarket) -> dict[str, JsonValue]:
    """An algo order as ``GET /v5/algo/order/opens`` shows it (fields as the SDKs read them)."""
    trigger = order.trigger_price if order.trigger_price is not None else order.price
    return {
        "id": order.order_id,
        "algo_id": order.order_id,
        "algo_client_order_id": order.client_order_id,
        "contract_code": order.contract_code,
        "type": kind.value if kind is not AlgoType.TPSL else order.tpsl_order_type,
        "state": market.state_word(order),
        "side": order.direction.value,
        "position_side": market.position_side(order),
        "volume": _text(order.volume),
        "trigger_price": _text(trigger),
        "created_time": str(order.created_at),
    }
