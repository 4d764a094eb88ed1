"""An order as a frozen value, HTX's status codes, and the pure transitions of its life: a
cancel accepted, the cancel taking effect, fills.

Time is passed in, never read here. A cancel accepted with a delay leaves the order
``cancelling`` with a ``PendingCancel`` that says what it becomes and when; ``settle`` applies it
once that time has come. The order book settles an order whenever it is read, so the state is
computed lazily from the clock: deterministic, and no background task is needed.

>>> from htx_swap_mock.order_spec import OrderSpec
>>> order = new_order(OrderSpec("BTC-USD", 1, state=4, volume=10, trade_volume=4), created_at=0)
>>> order.state, order.status
(<OrderState.PARTIALLY_FILLED: 'partially_filled'>, 4)
>>> accepted = accept_cancel(order, now=100.0, delay=0.5)
>>> accepted.status, settle(accepted, 100.4).status, settle(accepted, 100.5).status
(11, 11, 5)
>>> settle(accepted, 100.5).canceled_at
100500
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from htx_swap_mock.order_spec import OrderSpec

__all__ = [
    "DEFAULT_LEVER_RATE",
    "DEFAULT_PRICE",
    "DEFAULT_VOLUME",
    "STRATEGY_STATES",
    "Direction",
    "Offset",
    "OnCancel",
    "Order",
    "OrderKind",
    "OrderState",
    "PendingCancel",
    "Quantity",
    "accept_cancel",
    "check_kind_state",
    "fill",
    "implied_trade_volume",
    "move",
    "new_order",
    "parse_state",
    "partial_fill_volume",
    "settle",
    "to_decimal",
]

# What a seeded order has unless told otherwise: 10 contracts (so that a partial fill is a
# whole number of contracts), a BTC-like price and the leverage of the doc page's example.
DEFAULT_VOLUME = Decimal(10)
DEFAULT_PRICE = Decimal(60000)
DEFAULT_LEVER_RATE = 20

Quantity = Decimal | int | float | str


class OrderState(enum.StrEnum):
    """What an order is; ``status`` is HTX's code for it in swap_order_info."""

    READY = "ready"  # 1: ready to submit (HTX's 2 means the same and is not modelled apart)
    OPEN = "open"  # 3: submitted, nothing traded
    PARTIALLY_FILLED = "partially_filled"  # 4
    PARTIALLY_CANCELLED = "partially_cancelled"  # 5: partially filled, the rest cancelled
    FILLED = "filled"  # 6
    CANCELLED = "cancelled"  # 7
    CANCELLING = "cancelling"  # 11: a cancel was accepted and has not taken effect yet

    @property
    def status(self) -> int:
        return _STATUS[self]

    @property
    def cancellable(self) -> bool:
        return self in {OrderState.READY, OrderState.OPEN, OrderState.PARTIALLY_FILLED}

    @property
    def final(self) -> bool:
        return self in {
            OrderState.PARTIALLY_CANCELLED,
            OrderState.FILLED,
            OrderState.CANCELLED,
        }


_STATUS: dict[OrderState, int] = {
    OrderState.READY: 1,
    OrderState.OPEN: 3,
    OrderState.PARTIALLY_FILLED: 4,
    OrderState.PARTIALLY_CANCELLED: 5,
    OrderState.FILLED: 6,
    OrderState.CANCELLED: 7,
    OrderState.CANCELLING: 11,
}
_BY_STATUS = {code: state for state, code in _STATUS.items()}


class OnCancel(enum.StrEnum):
    """What happens to an order once a cancel of it is accepted (the cancel itself is always
    accepted and listed in ``successes``, as on HTX: acceptance says nothing of the outcome)."""

    CANCEL = "cancel"  # ends cancelled (7), or 5 if it had traded
    FILL = "fill"  # fills before the cancel takes effect: ends filled (6)
    PARTIAL_FILL = "partial_fill"  # trades part of the rest first: ends 5
    NEVER = "never"  # stays cancelling (11) for good


class OrderKind(enum.StrEnum):
    """Which of HTX's order books an order is in. Each kind has its own cancel, cancel-all and
    open-orders endpoints; ids of every kind are positive 64-bit integers, kept exact."""

    LIMIT = "limit"  # swap_cancel, swap_cancelall, swap_openorders, swap_order_info
    TRIGGER = "trigger"  # swap_trigger_cancel, swap_trigger_cancelall, swap_trigger_openorders
    TPSL = "tpsl"  # swap_tpsl_cancel, swap_tpsl_cancelall, swap_tpsl_openorders
    TRAILING = "trailing"  # swap_track_cancel, swap_track_cancelall, swap_track_openorders

    @property
    def strategy(self) -> bool:
        """Trigger, TP/SL and trailing orders: they wait (open) until cancelled; no fills,
        no client order ids, a cancel takes effect at once."""
        return self is not OrderKind.LIMIT


# A strategy order's status code as its open-orders page gives it: 2 "ready to submit" /
# "submitted" while it waits, 6 "cancelled" (the strategy pages' history code).
_STRATEGY_STATUS: dict[OrderState, int] = {OrderState.OPEN: 2, OrderState.CANCELLED: 6}
STRATEGY_STATES = frozenset(_STRATEGY_STATUS)


class Direction(enum.StrEnum):
    BUY = "buy"
    SELL = "sell"


class Offset(enum.StrEnum):
    OPEN = "open"
    CLOSE = "close"


@dataclass(frozen=True)
class PendingCancel:
    """An accepted cancel that takes effect at ``effective_at`` (server clock, POSIX seconds),
    leaving the order in ``state`` with ``trade_volume`` traded."""

    effective_at: float
    state: OrderState
    trade_volume: Decimal


@dataclass(frozen=True)
class Order:
    """An order as it is now: what it was seeded with (see ``OrderSpec``) and where its life
    has taken it."""

    contract_code: str  # upper case
    order_id: str  # decimal, exact: ids above 2**53 never go through float
    client_order_id: str | None
    state: OrderState
    volume: Decimal = DEFAULT_VOLUME
    price: Decimal = DEFAULT_PRICE
    direction: Direction = Direction.BUY
    offset: Offset = Offset.OPEN
    lever_rate: int = DEFAULT_LEVER_RATE
    trade_volume: Decimal = Decimal(0)
    created_at: int = 0  # ms, server clock
    canceled_at: int = 0  # ms when a cancel took effect; 0 otherwise, as the doc page shows
    on_cancel: OnCancel = OnCancel.CANCEL
    pending: PendingCancel | None = None
    kind: OrderKind = OrderKind.LIMIT
    updated_at: int = 0  # ms, server clock: the last change (swap_openorders' update_time)
    # Strategy orders only (trigger, TP/SL): fires when the price is >= ("ge") or <= ("le")
    # trigger_price; ``price`` is then the order price. Trailing: ``price`` is the active price.
    trigger_type: str = "ge"
    trigger_price: Decimal | None = None
    tpsl_order_type: str = "tp"  # TP/SL: "tp" take-profit, "sl" stop-loss
    callback_rate: Decimal = Decimal("0.01")  # trailing: 0.01 is 1 %

    @property
    def status(self) -> int:
        """HTX's status code for the order in its own book's terms."""
        if self.kind.strategy:
            return _STRATEGY_STATUS[self.state]
        return self.state.status

    @property
    def remaining(self) -> Decimal:
        return self.volume - self.trade_volume


def to_decimal(value: Quantity, name: str) -> Decimal:
    """A finite decimal from an int, a decimal string, a Decimal or a float (read as written,
    ``0.6`` is 0.6). ValueError names ``name`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise ValueError(f"{name} must be a number, got {value!r}")
    try:
        number = Decimal(repr(value) if isinstance(value, float) else value)
    except InvalidOperation:
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"{name} must be finite, got {value!r}")
    return number


def parse_state(value: OrderState | str | int) -> OrderState:
    """A state from itself, its name (``"filled"``) or HTX's status code (``6``)."""
    if isinstance(value, int) and not isinstance(value, bool):
        if value not in _BY_STATUS:
            raise ValueError(f"no order state has status {value}")
        return _BY_STATUS[value]
    if not isinstance(value, str):
        raise ValueError(f"not an order state: {value!r}")
    try:
        return OrderState(value)
    except ValueError:
        known = ", ".join(state.value for state in OrderState)
        raise ValueError(f"order state must be one of {known}, got {value!r}") from None


def partial_fill_volume(volume: Decimal, traded: Decimal) -> Decimal:
    """What a partial fill trades: half of the rest, in whole contracts while two or more
    remain.

    >>> partial_fill_volume(Decimal(10), Decimal(0)), partial_fill_volume(Decimal(3), Decimal(0))
    (Decimal('5'), Decimal('1'))
    >>> partial_fill_volume(Decimal(10), Decimal(9))
    Decimal('0.5')
    """
    rest = volume - traded
    return rest // 2 if rest >= 2 else rest / 2


def implied_trade_volume(state: OrderState, volume: Decimal, traded: Decimal | None) -> Decimal:
    """The trade volume of an order in ``state``: ``traded`` checked against the state, or what
    the state implies when None (all of it when filled, half when partially filled)."""
    if state is OrderState.FILLED:
        if traded is not None and traded != volume:
            raise ValueError("a filled order has trade_volume == volume")
        return volume
    if state in {OrderState.PARTIALLY_FILLED, OrderState.PARTIALLY_CANCELLED}:
        if traded is None:
            return partial_fill_volume(volume, Decimal(0))
        if not 0 < traded < volume:
            raise ValueError(f"an order that is {state} has 0 < trade_volume < volume")
        return traded
    if state is OrderState.CANCELLING:
        if traded is not None and not 0 <= traded < volume:
            raise ValueError("a cancelling order has 0 <= trade_volume < volume")
        return traded or Decimal(0)
    if traded:  # ready, open, cancelled: nothing traded, by definition of the state
        hint = (
            " (partially_cancelled is the state for that)" if state is OrderState.CANCELLED else ""
        )
        raise ValueError(f"an order that is {state} has trade_volume 0{hint}")
    return Decimal(0)


def new_order(spec: OrderSpec, *, created_at: int) -> Order:
    """The order ``spec`` describes (already checked), placed at ``created_at`` (ms). A seeded
    ``cancelled``/``partially_cancelled`` order has ``canceled_at == created_at``; a seeded
    ``cancelling`` one stays so until moved."""
    return Order(
        contract_code=spec.contract_code,
        order_id=spec.order_id,
        client_order_id=spec.client_order_id,
        state=spec.state,
        volume=spec.volume,
        price=spec.price,
        direction=spec.direction,
        offset=spec.offset,
        lever_rate=spec.lever_rate,
        trade_volume=implied_trade_volume(spec.state, spec.volume, spec.trade_volume),
        created_at=created_at,
        canceled_at=created_at if _is_cancelled(spec.state) else 0,
        on_cancel=spec.on_cancel,
        kind=spec.kind,
        updated_at=created_at,
        trigger_type=spec.trigger_type,
        trigger_price=spec.price if spec.trigger_price is None else spec.trigger_price,
        tpsl_order_type=spec.tpsl_order_type,
        callback_rate=spec.callback_rate,
    )


def _is_cancelled(state: OrderState) -> bool:
    return state in {OrderState.CANCELLED, OrderState.PARTIALLY_CANCELLED}


def _ms(seconds: float) -> int:
    return int(seconds * 1000)


def _cancel_result(order: Order) -> tuple[OrderState, Decimal] | None:
    """The final state and trade volume an accepted cancel leads to; None: it never ends."""
    behaviour = order.on_cancel
    if behaviour is OnCancel.NEVER:
        return None
    if behaviour is OnCancel.FILL:
        return OrderState.FILLED, order.volume
    traded = order.trade_volume
    if behaviour is OnCancel.PARTIAL_FILL:
        traded += partial_fill_volume(order.volume, traded)
    return (OrderState.PARTIALLY_CANCELLED if traded else OrderState.CANCELLED), traded


def accept_cancel(order: Order, *, now: float, delay: float) -> Order:
    """``order`` (cancellable) once a cancel of it is accepted at ``now``: cancelling, and
    final ``delay`` seconds later (at once for 0) as its ``on_cancel`` says."""
    result = _cancel_result(order)
    if result is None:
        return replace(order, state=OrderState.CANCELLING, pending=None, updated_at=_ms(now))
    if order.kind.strategy:  # a waiting strategy order has nothing to trade: cancelled at once
        delay = 0.0
    pending = PendingCancel(now + max(0.0, delay), *result)
    cancelling = replace(order, state=OrderState.CANCELLING, pending=pending, updated_at=_ms(now))
    return settle(cancelling, now)


def settle(order: Order, now: float) -> Order:
    """``order`` as it is at ``now``: a pending cancel whose time has come has taken effect."""
    pending = order.pending
    if pending is None or now < pending.effective_at:
        return order
    return replace(
        order,
        state=pending.state,
        trade_volume=pending.trade_volume,
        pending=None,
        canceled_at=_ms(pending.effective_at) if _is_cancelled(pending.state) else 0,
        updated_at=_ms(pending.effective_at),
    )


def fill(order: Order, volume: Quantity | None = None, *, now: float | None = None) -> Order:
    """``order`` (open or partially filled) after trading ``volume`` more (None: all the rest)
    at ``now``: filled when nothing remains, else partially filled."""
    if order.kind.strategy:
        raise ValueError(f"a {order.kind} order does not fill; only limit orders do")
    if order.state not in {OrderState.OPEN, OrderState.PARTIALLY_FILLED}:
        raise ValueError(
            f"only an open or partially filled order can fill, not a {order.state} one"
        )
    amount = order.remaining if volume is None else to_decimal(volume, "volume")
    if not 0 < amount <= order.remaining:
        raise ValueError(f"fill volume must be > 0 and <= {order.remaining}, got {amount}")
    traded = order.trade_volume + amount
    state = OrderState.FILLED if traded == order.volume else OrderState.PARTIALLY_FILLED
    updated = order.updated_at if now is None else _ms(now)
    return replace(order, state=state, trade_volume=traded, updated_at=updated)


def move(order: Order, state: OrderState | str | int, *, now: float) -> Order:
    """``order`` put into ``state`` by hand: its trade volume kept when the state allows it,
    else what the state implies; a pending cancel is forgotten."""
    target = parse_state(state)
    check_kind_state(order.kind, target)
    try:
        traded = implied_trade_volume(target, order.volume, order.trade_volume)
    except ValueError:
        traded = implied_trade_volume(target, order.volume, None)
    return replace(
        order,
        state=target,
        trade_volume=traded,
        pending=None,
        canceled_at=_ms(now) if _is_cancelled(target) else 0,
        updated_at=_ms(now),
    )


def check_kind_state(kind: OrderKind, state: OrderState) -> None:
    """ValueError unless an order of ``kind`` can be in ``state``: a strategy order is open
    (waiting to trigger) or cancelled."""
    if kind.strategy and state not in STRATEGY_STATES:
        raise ValueError(f"a {kind} order is open or cancelled, not {state}")
