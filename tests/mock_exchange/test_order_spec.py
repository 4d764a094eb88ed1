"""``OrderSpec``, the one frozen order specification, and seeding every kind through
``MockExchange``, the admin API and the pytest fixture."""

from __future__ import annotations

import doctest
from decimal import Decimal

import attrs
import httpx
import pytest
from htx_swap_mock import MockExchange, Order, OrderKind, OrderSpec, OrderState, order_spec
from htx_swap_mock.lifecycle import Offset, OnCancel
from htx_swap_mock.orders import OrderBook

BTC = "BTC-USD"
BIG = 768503271974985728


def test_docstring_example() -> None:
    result = doctest.testmod(order_spec)
    assert result.attempted > 0
    assert result.failed == 0


def test_spec_is_frozen_and_converted() -> None:
    spec = OrderSpec("btc-usd", str(BIG), state=4, volume="10", price=0.6, direction="sell")
    assert (spec.contract_code, spec.order_id, spec.kind) == (BTC, str(BIG), OrderKind.LIMIT)
    assert (spec.state, spec.price, spec.trade_volume) == (
        OrderState.PARTIALLY_FILLED,
        Decimal("0.6"),
        None,
    )
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        spec.state = OrderState.OPEN  # type: ignore[misc]
    assert attrs.evolve(spec, state="open").state is OrderState.OPEN


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"kind": "stop"}, "OrderKind"),
        ({"kind": "trigger", "state": "filled"}, "open or cancelled"),
        ({"kind": "tpsl", "client_order_id": 1}, "client_order_id"),
        ({"kind": "trailing", "on_cancel": "never"}, "at once"),
        ({"kind": "trigger", "trigger_price": 0}, "> 0"),
        ({"trigger_type": "eq"}, "trigger_type"),
        ({"tpsl_order_type": "both"}, "tpsl_order_type"),
        ({"callback_rate": "-0.01"}, "> 0"),
    ],
)
def test_inconsistent_specs(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OrderSpec(BTC, 1, **options)  # type: ignore[arg-type]


def test_a_book_takes_only_its_kind() -> None:
    with pytest.raises(ValueError, match="trigger book"):
        OrderBook(kind=OrderKind.TRIGGER).add(OrderSpec(BTC, 1))


def test_strategy_orders_do_not_fill_or_partially_cancel() -> None:
    with MockExchange(rate_limit=None) as ex:
        ex.add_order(BTC, 1, kind="trigger")
        with pytest.raises(KeyError):  # fill_order is for the limit book
            ex.fill_order(BTC, 1)
        with pytest.raises(ValueError, match="open or cancelled"):
            ex.set_order_state(BTC, 1, "partially_filled", kind="trigger")
        moved = ex.set_order_state(BTC, 1, "cancelled", kind="trigger")
        assert (moved.state, moved.status) == (OrderState.CANCELLED, 6)


def test_add_order_keywords_still_work_and_add_takes_a_spec() -> None:
    with MockExchange(rate_limit=None) as ex:
        limit = ex.add_order(
            BTC,
            1,
            client_order_id=9001,
            volume=4,
            price=50000,
            direction="sell",
            offset="close",
            state="partially_filled",
            trade_volume=1,
            on_cancel="fill",
            lever_rate=5,
        )
        assert (limit.kind, limit.trade_volume, limit.on_cancel) == (
            OrderKind.LIMIT,
            Decimal(1),
            OnCancel.FILL,
        )
        trailing = ex.add(OrderSpec(BTC, BIG, kind="trailing", callback_rate="0.02"))
        assert isinstance(trailing, Order)
        assert ex.order(BTC, BIG, kind="trailing") == trailing
        assert ex.order(BTC, BIG) is None  # not in the limit book
        assert [o.kind for o in ex.orders(kind=None)] == [OrderKind.LIMIT, OrderKind.TRAILING]
        assert ex.orders() == [limit]  # the limit book, as before
        assert ex.open_orders(kind="trailing") == [trailing]


def test_admin_seeds_every_kind(client: httpx.Client, ex: MockExchange) -> None:
    orders = [
        {"contract_code": BTC, "order_id": str(BIG), "kind": "trigger", "trigger_price": "59000"},
        {"contract_code": BTC, "order_id": "2", "kind": "tpsl", "tpsl_order_type": "sl"},
        {"contract_code": BTC, "order_id": "3", "kind": "trailing", "direction": "sell"},
        {"contract_code": BTC, "order_id": "4"},
    ]
    seeded = client.post("/_mock/orders", json={"orders": orders}).json()["orders"]
    assert [(o["kind"], o["order_id"], o["status"]) for o in seeded] == [
        ("trigger", str(BIG), 2),
        ("tpsl", "2", 2),
        ("trailing", "3", 2),
        ("limit", "4", 3),
    ]
    assert seeded[0]["trigger_price"] == "59000"
    assert seeded[1]["offset"] == "close"  # TP/SL closes
    assert "trigger_price" not in seeded[3]
    assert ex.order_state(BTC, 2, kind="tpsl") is OrderState.OPEN
    listed = client.get("/_mock/orders").json()["orders"]
    assert [o["kind"] for o in listed] == ["limit", "trigger", "tpsl", "trailing"]
    moved = client.post(
        "/_mock/orders/state",
        json={"contract_code": BTC, "order_id": "3", "kind": "trailing", "state": "cancelled"},
    )
    assert moved.json()["order"]["status"] == 6
    bad = client.post(
        "/_mock/orders", json={"contract_code": BTC, "order_id": "5", "kind": "trigger", "state": 6}
    )
    assert bad.status_code == 400
    assert "open or cancelled" in bad.json()["error"]
    unknown_kind = client.post(
        "/_mock/orders/state", json={"contract_code": BTC, "order_id": "3", "kind": "x", "state": 3}
    )
    assert unknown_kind.status_code == 400


def test_fixture_seeds_kinds(htx_exchange: MockExchange) -> None:
    order = htx_exchange.add_order(BTC, BIG, kind="tpsl", offset="open")
    assert order.offset is Offset.CLOSE
    assert htx_exchange.order_state(BTC, BIG, kind=OrderKind.TPSL) is OrderState.OPEN
    assert htx_exchange.cancel_after().armed is False
