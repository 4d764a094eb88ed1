"""The four open-orders queries (swap_openorders, swap_trigger_openorders,
swap_tpsl_openorders, swap_track_openorders): pages, filters, exact ids and decimals, each
entry in its page's shape, and the bucket each is counted in."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest
from htx_swap_mock import MockExchange, OrderKind

from tests.mock_exchange.helpers import signed_post

BTC = "BTC-USD"
BIG = 768503271974985728  # > 2**53
API = "/swap-api/v1/"
OPEN = {
    OrderKind.LIMIT: API + "swap_openorders",
    OrderKind.TRIGGER: API + "swap_trigger_openorders",
    OrderKind.TPSL: API + "swap_tpsl_openorders",
    OrderKind.TRAILING: API + "swap_track_openorders",
}
# Each page's example entry, keys in its order.
LIMIT_KEYS = [
    "symbol", "contract_code", "volume", "price", "order_price_type", "order_type",
    "direction", "offset", "lever_rate", "order_id", "client_order_id", "created_at",
    "trade_volume", "trade_turnover", "fee", "trade_avg_price", "margin_frozen", "profit",
    "status", "order_source", "order_id_str", "fee_asset", "liquidation_type", "canceled_at",
    "is_tpsl", "update_time", "real_profit", "self_match_prevent",
]  # fmt: skip
TRIGGER_KEYS = [
    "symbol", "contract_code", "trigger_type", "volume", "order_type", "direction", "offset",
    "lever_rate", "order_id", "order_id_str", "order_source", "trigger_price", "order_price",
    "created_at", "order_price_type", "status",
]  # fmt: skip
TPSL_KEYS = [
    "symbol", "contract_code", "volume", "order_type", "direction", "order_id",
    "order_id_str", "order_source", "trigger_type", "trigger_price", "order_price",
    "created_at", "order_price_type", "status", "tpsl_order_type", "source_order_id",
    "relation_tpsl_order_id",
]  # fmt: skip
TRAILING_KEYS = [
    "symbol", "contract_code", "volume", "order_type", "direction", "offset", "lever_rate",
    "order_id", "order_id_str", "order_source", "created_at", "order_price_type", "status",
    "callback_rate", "active_price", "is_active",
]  # fmt: skip


def _query(client: httpx.Client, ex: MockExchange, kind: OrderKind, body: dict[str, object]) -> Any:
    response = signed_post(client, OPEN[kind], ex.access_key, ex.secret_key, body)
    assert response.status_code == 200
    # Exact: ints stay ints at any size, decimals as Decimal.
    return json.loads(response.content, parse_float=Decimal)


def _page(client: httpx.Client, ex: MockExchange, kind: OrderKind, **body: object) -> Any:
    document = _query(client, ex, kind, body)
    assert document["status"] == "ok", document
    assert list(document["data"]) == ["orders", "total_page", "current_page", "total_size"]
    return document["data"]


def _ids(data: Any) -> list[int]:
    return [order["order_id"] for order in data["orders"]]


def test_limit_open_orders_every_contract_newest_first(
    client: httpx.Client, ex: MockExchange
) -> None:
    ex.add_order(BTC, BIG)
    ex.add_order("ETH-USD", 2)
    ex.add_order(BTC, 3, state="partially_filled")
    ex.add_order(BTC, 4, state="cancelling")
    ex.add_order(BTC, 5, state="filled")  # final: not open
    ex.add_order(BTC, 6, state="cancelled")
    ex.add_order(BTC, 7, kind="trigger")  # another book
    data = _page(client, ex, OrderKind.LIMIT)
    # Same millisecond: ties go by id, newest (largest) first.
    assert sorted(_ids(data)) == [2, 3, 4, BIG]
    assert (data["total_page"], data["current_page"], data["total_size"]) == (1, 1, 4)
    assert _ids(_page(client, ex, OrderKind.LIMIT, contract_code="eth-usd")) == [2]
    assert _ids(_page(client, ex, OrderKind.LIMIT, contract_code="")) != []  # empty: all


def test_limit_entry_in_the_page_shape_exact(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order("THETA-USD", BIG, volume=1, price="0.6", client_order_id=9001)
    response = signed_post(
        client, OPEN[OrderKind.LIMIT], ex.access_key, ex.secret_key, {"contract_code": "THETA-USD"}
    )
    assert b'"order_id":768503271974985728,' in response.content  # a JSON number, exact
    assert b'"margin_frozen":0.833333333333333333,' in response.content
    (entry,) = _page(client, ex, OrderKind.LIMIT)["orders"]
    assert list(entry) == LIMIT_KEYS
    assert (entry["order_id"], entry["order_id_str"]) == (BIG, str(BIG))
    assert entry["client_order_id"] == 9001
    assert (entry["price"], entry["volume"], entry["status"]) == (Decimal("0.6"), 1, 3)
    assert (entry["liquidation_type"], entry["canceled_at"], entry["trade_avg_price"]) == (
        None,
        None,
        None,
    )
    assert entry["update_time"] == entry["created_at"]


def test_pages(client: httpx.Client, ex: MockExchange) -> None:
    for order_id in range(1, 8):
        ex.add_order(BTC, order_id)
    first = _page(client, ex, OrderKind.LIMIT, page_size=3)
    assert (first["total_page"], first["current_page"], first["total_size"]) == (3, 1, 7)
    assert _ids(first) == [7, 6, 5]
    third = _page(client, ex, OrderKind.LIMIT, page_size=3, page_index=3)
    assert (_ids(third), third["current_page"]) == ([1], 3)
    beyond = _page(client, ex, OrderKind.LIMIT, page_size=3, page_index=9)
    assert (_ids(beyond), beyond["total_size"]) == ([], 7)
    assert len(_page(client, ex, OrderKind.LIMIT)["orders"]) == 7  # 20 by default
    empty = _page(client, ex, OrderKind.LIMIT, contract_code="ETH-USD")
    assert (empty["orders"], empty["total_page"], empty["total_size"]) == ([], 0, 0)


def test_sort_by_update_time(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    ex.add_order(BTC, 2)
    ex.clock_offset = 5.0  # later on the server clock
    ex.fill_order(BTC, 1, 2)  # order 1 changes last
    assert _ids(_page(client, ex, OrderKind.LIMIT)) == [2, 1]
    updated = _page(client, ex, OrderKind.LIMIT, sort_by="update_time")
    assert _ids(updated) == [1, 2]
    assert updated["orders"][0]["update_time"] > updated["orders"][0]["created_at"]


@pytest.mark.parametrize(
    ("trade_type", "expected"),
    [(0, [4, 3, 2, 1]), (1, [1]), (2, [3]), (3, [2]), (4, [4])],
)
def test_trade_type(
    client: httpx.Client, ex: MockExchange, trade_type: int, expected: list[int]
) -> None:
    pairs = [("buy", "open"), ("buy", "close"), ("sell", "open"), ("sell", "close")]
    for order_id, (direction, offset) in enumerate(pairs, start=1):
        ex.add_order(BTC, order_id, direction=direction, offset=offset)
    assert _ids(_page(client, ex, OrderKind.LIMIT, trade_type=trade_type)) == expected


@pytest.mark.parametrize(
    ("kind", "body", "code"),
    [
        (OrderKind.LIMIT, {"page_size": 51}, 1067),  # no more than 50
        (OrderKind.LIMIT, {"page_size": 0}, 1067),
        (OrderKind.LIMIT, {"page_index": 0}, 1067),
        (OrderKind.LIMIT, {"sort_by": "price"}, 1067),
        (OrderKind.LIMIT, {"trade_type": 5}, 1067),
        (OrderKind.LIMIT, {"contract_code": "??"}, 1014),
        (OrderKind.TRIGGER, {}, 1066),  # the strategy pages require contract_code
        (OrderKind.TPSL, {"page_size": 20}, 1066),
        (OrderKind.TRAILING, {}, 1066),
        (OrderKind.TPSL, {"contract_code": BTC, "trade_type": 1}, 1067),  # TP/SL: 0, 3, 4
    ],
)
def test_refusals(
    client: httpx.Client, ex: MockExchange, kind: OrderKind, body: dict[str, object], code: int
) -> None:
    document = _query(client, ex, kind, body)
    assert (document["status"], document["err_code"]) == ("error", code)


def test_fifty_per_page_is_allowed(client: httpx.Client, ex: MockExchange) -> None:
    for order_id in range(1, 52):
        ex.add_order(BTC, order_id)
    data = _page(client, ex, OrderKind.LIMIT, page_size=50, page_index="2")
    assert (_ids(data), data["total_page"]) == ([1], 2)


def test_trigger_open_orders(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(
        "THETA-USD",
        BIG,
        kind="trigger",
        volume=25,
        price="0.72",
        trigger_price="0.72",
        direction="sell",
        trigger_type="ge",
    )
    ex.add_order("THETA-USD", 2, kind="trigger", state="cancelled")
    ex.add_order("THETA-USD", 3)  # a limit order
    data = _page(client, ex, OrderKind.TRIGGER, contract_code="theta-usd")
    (entry,) = data["orders"]
    assert list(entry) == TRIGGER_KEYS
    assert entry == {
        "symbol": "THETA",
        "contract_code": "THETA-USD",
        "trigger_type": "ge",
        "volume": 25,
        "order_type": 1,
        "direction": "sell",
        "offset": "open",
        "lever_rate": 20,
        "order_id": BIG,
        "order_id_str": str(BIG),
        "order_source": "api",
        "trigger_price": Decimal("0.72"),
        "order_price": Decimal("0.72"),
        "created_at": entry["created_at"],
        "order_price_type": "limit",
        "status": 2,
    }
    assert data["total_size"] == 1


def test_tpsl_open_orders(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(
        "LTC-USD", BIG, kind="tpsl", volume=1, price=133, trigger_price=133, trigger_type="le"
    )
    ex.add_order("LTC-USD", 2, kind="tpsl", direction="sell", tpsl_order_type="sl")
    data = _page(client, ex, OrderKind.TPSL, contract_code="LTC-USD", trade_type=3)
    (entry,) = data["orders"]  # buy close only
    assert list(entry) == TPSL_KEYS
    assert (entry["order_id"], entry["order_id_str"], entry["status"]) == (BIG, str(BIG), 2)
    assert (entry["tpsl_order_type"], entry["trigger_type"], entry["trigger_price"]) == (
        "tp",
        "le",
        133,
    )
    assert (entry["source_order_id"], entry["relation_tpsl_order_id"]) == (None, "-1")
    sl = _page(client, ex, OrderKind.TPSL, contract_code="LTC-USD", trade_type=4)["orders"]
    assert [(o["order_id"], o["tpsl_order_type"]) for o in sl] == [(2, "sl")]


def test_trailing_open_orders(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(
        "LTC-USD", BIG, kind="trailing", direction="sell", price=179, callback_rate="0.003"
    )
    (entry,) = _page(client, ex, OrderKind.TRAILING, contract_code="LTC-USD")["orders"]
    assert list(entry) == TRAILING_KEYS
    assert (entry["callback_rate"], entry["active_price"], entry["is_active"]) == (
        Decimal("0.003"),
        179,
        0,
    )
    assert (entry["order_id"], entry["status"], entry["order_price_type"]) == (
        BIG,
        2,
        "formula_price",
    )


def test_buckets_follow_the_pages(htx_exchange_factory: Callable[..., MockExchange]) -> None:
    """Read permission for three of them; swap_track_openorders' page says Trade."""
    ex = htx_exchange_factory(rate_limit=(100, 60.0), read_rate_limit=(2, 60.0))
    body = {"contract_code": BTC}

    def status(kind: OrderKind) -> int:
        response = signed_post(client, OPEN[kind], ex.access_key, ex.secret_key, body)
        return response.status_code

    with httpx.Client(base_url=ex.url, timeout=5.0) as client:
        assert [status(OrderKind.TRAILING) for _ in range(3)] == [200, 200, 200]
        read = [status(OrderKind.LIMIT), status(OrderKind.TRIGGER), status(OrderKind.TPSL)]
        assert read == [200, 200, 429]
