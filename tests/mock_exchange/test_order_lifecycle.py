"""An order's life without HTTP: status codes, seeding rules, cancels (at once, delayed, with
each ``on_cancel``), fills, what order info shows and how its numbers are written."""

from __future__ import annotations

import doctest
import json
from decimal import Decimal
from types import ModuleType

import pytest
from htx_swap_mock import bodies, lifecycle, order_view
from htx_swap_mock.lifecycle import OnCancel, Order, OrderState, PendingCancel
from htx_swap_mock.order_spec import OrderSpec
from htx_swap_mock.orders import IdKind, OrderBook

BTC = "BTC-USD"
T0 = 1_700_000_000.0


class FakeClock:
    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def book(clock: FakeClock) -> OrderBook:
    return OrderBook(clock)


@pytest.mark.parametrize("module", [lifecycle, bodies])
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0


def test_every_state_has_htx_status_code() -> None:
    assert {state: state.status for state in OrderState} == {
        OrderState.READY: 1,
        OrderState.OPEN: 3,
        OrderState.PARTIALLY_FILLED: 4,
        OrderState.PARTIALLY_CANCELLED: 5,
        OrderState.FILLED: 6,
        OrderState.CANCELLED: 7,
        OrderState.CANCELLING: 11,
    }
    assert {s for s in OrderState if s.final} == {
        OrderState.PARTIALLY_CANCELLED,
        OrderState.FILLED,
        OrderState.CANCELLED,
    }
    for state in OrderState:
        assert lifecycle.parse_state(state.status) is state
        assert lifecycle.parse_state(state.value) is state


@pytest.mark.parametrize("bad", [2, 10, 0, "done", True, 3.0])
def test_unknown_states_are_refused(bad: object) -> None:
    with pytest.raises(ValueError, match="state"):
        lifecycle.parse_state(bad)  # type: ignore[arg-type]


def test_seeding_defaults_and_implied_trade_volume(book: OrderBook, clock: FakeClock) -> None:
    plain = book.add(OrderSpec(BTC, 1))
    assert (plain.volume, plain.price, plain.trade_volume) == (
        Decimal(10),
        Decimal(60000),
        Decimal(0),
    )
    assert (plain.direction, plain.offset, plain.lever_rate) == ("buy", "open", 20)
    assert (plain.created_at, plain.canceled_at) == (int(T0 * 1000), 0)
    assert book.add(OrderSpec(BTC, 2, state="filled")).trade_volume == 10
    assert book.add(OrderSpec(BTC, 3, state=4)).trade_volume == 5  # half, in whole contracts
    assert book.add(OrderSpec(BTC, 4, state="partially_cancelled", volume=3)).trade_volume == 1
    cancelled = book.add(OrderSpec(BTC, 5, state="cancelled"))
    assert cancelled.canceled_at == cancelled.created_at
    exact = book.add(OrderSpec(BTC, 6, volume="0.3", price=0.6, trade_volume="0.1", state=4))
    assert (exact.volume, exact.price, exact.trade_volume) == (
        Decimal("0.3"),
        Decimal("0.6"),  # a float is read as written, not as its binary value
        Decimal("0.1"),
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"state": "filled", "trade_volume": 3}, "filled"),
        ({"state": "cancelled", "trade_volume": 3}, "partially_cancelled"),
        ({"state": "open", "trade_volume": 1}, "trade_volume 0"),
        ({"state": "partially_filled", "trade_volume": 0}, "0 < trade_volume"),
        ({"state": "partially_filled", "trade_volume": 10}, "0 < trade_volume"),
        ({"state": "cancelling", "trade_volume": 10}, "cancelling"),
        ({"volume": 0}, "> 0"),
        ({"price": "-1"}, "> 0"),
        ({"volume": "NaN"}, "finite"),
        ({"volume": "ten"}, "volume"),
        ({"volume": True}, "volume"),
        ({"lever_rate": 0}, "lever_rate"),
        ({"direction": "up"}, "Direction"),
        ({"offset": "both"}, "Offset"),
        ({"on_cancel": "explode"}, "OnCancel"),
    ],
)
def test_inconsistent_orders_are_refused(
    book: OrderBook, options: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        book.add(OrderSpec(BTC, 1, **options))  # type: ignore[arg-type]
    assert book.all() == []


@pytest.mark.parametrize(
    ("seed", "on_cancel", "final", "traded"),
    [
        ("open", "cancel", OrderState.CANCELLED, Decimal(0)),
        ("ready", "cancel", OrderState.CANCELLED, Decimal(0)),
        ("partially_filled", "cancel", OrderState.PARTIALLY_CANCELLED, Decimal(5)),
        ("open", "fill", OrderState.FILLED, Decimal(10)),
        ("partially_filled", "fill", OrderState.FILLED, Decimal(10)),
        ("open", "partial_fill", OrderState.PARTIALLY_CANCELLED, Decimal(5)),
        ("partially_filled", "partial_fill", OrderState.PARTIALLY_CANCELLED, Decimal(7)),
    ],
)
@pytest.mark.parametrize("delay", [0.0, 0.5])
def test_each_cancel_outcome(
    book: OrderBook,
    clock: FakeClock,
    seed: str,
    on_cancel: str,
    final: OrderState,
    traded: Decimal,
    delay: float,
) -> None:
    book.add(OrderSpec(BTC, 1, state=seed, on_cancel=on_cancel))
    before = book.get(BTC, 1)
    assert before is not None
    outcome = book.cancel(BTC, ["1"], IdKind.ORDER_ID, delay=delay)
    assert outcome.successes == ("1",)  # accepted, whatever the order then becomes
    if delay:
        pending = book.get(BTC, 1)
        assert pending is not None
        assert (pending.state, pending.trade_volume) == (OrderState.CANCELLING, before.trade_volume)
        clock.now += delay - 0.001
        assert book.get(BTC, 1).state is OrderState.CANCELLING  # type: ignore[union-attr]
        clock.now += 0.001
    after = book.get(BTC, 1)
    assert after is not None
    assert (after.state, after.trade_volume, after.pending) == (final, traded, None)
    took_effect_ms = int((T0 + delay) * 1000)
    assert after.canceled_at == (0 if final is OrderState.FILLED else took_effect_ms)


def test_never_stays_cancelling(book: OrderBook, clock: FakeClock) -> None:
    book.add(OrderSpec(BTC, 1, on_cancel=OnCancel.NEVER))
    assert book.cancel(BTC, ["1"], IdKind.ORDER_ID, delay=0.0).successes == ("1",)
    clock.now += 86_400
    order = book.get(BTC, 1)
    assert order is not None
    assert (order.state, order.status, order.canceled_at) == (OrderState.CANCELLING, 11, 0)
    again = book.cancel(BTC, ["1"], IdKind.ORDER_ID)
    assert [error.err_code for error in again.errors] == [1062]


def test_cancels_during_and_after_a_delay(book: OrderBook, clock: FakeClock) -> None:
    book.add(OrderSpec(BTC, 1))
    book.add(OrderSpec(BTC, 2, on_cancel="fill"))
    book.cancel(BTC, ["1", "2"], IdKind.ORDER_ID, delay=1.0)
    during = book.cancel(BTC, ["1", "2"], IdKind.ORDER_ID, delay=1.0)
    assert [error.err_code for error in during.errors] == [1062, 1062]
    clock.now += 1.0
    after = book.cancel(BTC, ["1", "2"], IdKind.ORDER_ID, delay=1.0)
    assert [error.err_code for error in after.errors] == [1071, 1063]


def test_a_later_delay_change_leaves_accepted_cancels_alone(
    book: OrderBook, clock: FakeClock
) -> None:
    book.add(OrderSpec(BTC, 1))
    book.cancel(BTC, ["1"], IdKind.ORDER_ID, delay=2.0)
    book.add(OrderSpec(BTC, 2))
    book.cancel(BTC, ["2"], IdKind.ORDER_ID, delay=0.0)
    assert book.get(BTC, 1).state is OrderState.CANCELLING  # type: ignore[union-attr]
    assert book.get(BTC, 2).state is OrderState.CANCELLED  # type: ignore[union-attr]


def test_fills(book: OrderBook) -> None:
    book.add(OrderSpec(BTC, 1))
    partly = book.fill(BTC, 1, 3)
    assert (partly.state, partly.status) == (OrderState.PARTIALLY_FILLED, 4)
    assert partly.trade_volume == 3
    full = book.fill(BTC, 1)
    assert (full.state, full.status) == (OrderState.FILLED, 6)
    assert full.trade_volume == 10
    with pytest.raises(ValueError, match="only an open"):
        book.fill(BTC, 1)
    book.add(OrderSpec(BTC, 2))
    with pytest.raises(ValueError, match="<= 10"):
        book.fill(BTC, 2, 11)
    with pytest.raises(ValueError, match="> 0"):
        book.fill(BTC, 2, 0)
    with pytest.raises(KeyError):
        book.fill(BTC, 3)
    book.cancel(BTC, ["2"], IdKind.ORDER_ID, delay=5.0)
    with pytest.raises(ValueError, match="cancelling"):
        book.fill(BTC, 2)


def test_moving_by_hand(book: OrderBook, clock: FakeClock) -> None:
    book.add(OrderSpec(BTC, 1, state="partially_filled"))
    assert book.set_state(BTC, 1, "cancelling").trade_volume == 5  # kept: the state allows it
    filled = book.set_state(BTC, 1, 6)
    assert filled.state is OrderState.FILLED
    assert filled.trade_volume == 10
    clock.now += 1
    cancelled = book.set_state(BTC, 1, "cancelled")
    assert cancelled.trade_volume == 0  # a cancelled order traded nothing, by definition
    assert cancelled.canceled_at == int((T0 + 1) * 1000)
    book.add(OrderSpec(BTC, 2))
    book.cancel(BTC, ["2"], IdKind.ORDER_ID, delay=5.0)
    reopened = book.set_state(BTC, 2, "open")
    clock.now += 10
    assert reopened.pending is None
    assert book.get(BTC, 2).state is OrderState.OPEN  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="state"):
        book.set_state(BTC, 2, "melted")


def test_lookup_in_request_order_once_each(book: OrderBook) -> None:
    book.add(OrderSpec(BTC, 1, client_order_id=9001))
    book.add(OrderSpec(BTC, 2, client_order_id=9002))
    book.add(OrderSpec("ETH-USD", 3))
    found = book.lookup("btc-usd", ["2", "3", "1", "2", "4"], IdKind.ORDER_ID)
    assert [order.order_id for order in found] == ["2", "1"]
    by_client = book.lookup(BTC, ["9002", "9001", "2"], IdKind.CLIENT_ORDER_ID)
    assert [order.order_id for order in by_client] == ["2", "1"]


def test_order_info_visibility_windows(book: OrderBook, clock: FakeClock) -> None:
    order = book.add(OrderSpec(BTC, 1, client_order_id=9001))
    hour = 3600.0
    assert order_view.visible(order, IdKind.CLIENT_ORDER_ID, T0 + 8 * hour)
    assert not order_view.visible(order, IdKind.CLIENT_ORDER_ID, T0 + 8 * hour + 0.001)
    assert order_view.visible(order, IdKind.ORDER_ID, T0 + 100 * hour)  # open: always
    clock.now += hour
    book.cancel(BTC, ["1"], IdKind.ORDER_ID)
    cancelled = book.get(BTC, 1)
    assert cancelled is not None
    assert order_view.visible(cancelled, IdKind.ORDER_ID, T0 + 3 * hour)
    assert not order_view.visible(cancelled, IdKind.ORDER_ID, T0 + 3 * hour + 0.001)


def _order(**fields: object) -> Order:
    defaults: dict[str, object] = {
        "contract_code": BTC,
        "order_id": "1",
        "client_order_id": None,
        "state": OrderState.OPEN,
    }
    return Order(**{**defaults, **fields})  # type: ignore[arg-type]


def test_numbers_of_the_doc_page_example() -> None:
    order = _order(
        contract_code="THETA-USD", volume=Decimal(1), price=Decimal("0.6"), lever_rate=20
    )
    fields = order_view.order_info_fields(order)
    assert fields["margin_frozen"] == Decimal("0.833333333333333333")
    # ...which a float parser reads as the page prints it
    assert float(fields["margin_frozen"]) == 0.8333333333333334  # type: ignore[arg-type]
    assert (fields["symbol"], fields["fee_asset"], fields["trade_avg_price"]) == (
        "THETA",
        "THETA",
        None,
    )


def test_numbers_of_a_filled_btc_order() -> None:
    order = _order(
        state=OrderState.FILLED,
        volume=Decimal(4),
        price=Decimal(50000),
        trade_volume=Decimal(4),
        lever_rate=10,
    )
    fields = order_view.order_info_fields(order)
    assert fields["trade_turnover"] == 400  # 4 contracts of 100 USD
    assert fields["trade_avg_price"] == 50000
    assert fields["fee"] == Decimal("-0.0000016")  # 400 USD / 50000 * 0.02 %, in BTC, paid
    assert fields["margin_frozen"] == 0  # nothing left to trade


def test_cancelling_keeps_margin_frozen() -> None:
    open_order = _order(volume=Decimal(2), price=Decimal(40000), lever_rate=5)
    cancelling = _order(
        volume=Decimal(2), price=Decimal(40000), lever_rate=5, state=OrderState.CANCELLING
    )
    frozen = Decimal("0.001")  # 200 USD / 40000 / 5
    assert order_view.order_info_fields(open_order)["margin_frozen"] == frozen
    assert order_view.order_info_fields(cancelling)["margin_frozen"] == frozen


def test_exact_encoding_of_ids_and_decimals() -> None:
    big = 2**63 - 1
    text = bodies.encode_exact(
        {"order_id": big, "fee": Decimal("-0.030303030303030303"), "p": Decimal("1E+1")}
    )
    assert text == f'{{"order_id":{big},"fee":-0.030303030303030303,"p":10}}'
    assert json.loads(text, parse_float=Decimal)["fee"] == Decimal("-0.030303030303030303")
    with pytest.raises(ValueError, match="no number"):
        bodies.encode_exact(Decimal("Infinity"))


def test_pending_cancel_is_a_plain_value() -> None:
    pending = PendingCancel(T0, OrderState.CANCELLED, Decimal(0))
    order = _order(state=OrderState.CANCELLING, pending=pending)
    assert lifecycle.settle(order, T0 - 1) is order
    assert lifecycle.settle(order, T0).state is OrderState.CANCELLED
