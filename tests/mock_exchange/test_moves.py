"""The market's own moves (issue 20): a trigger order that fires and becomes a limit order, and
an order placed while open orders are paged, on a schedule, from Python and from the admin
API."""

from __future__ import annotations

import json
import re
import textwrap
import time
from pathlib import Path
from typing import Any

import httpx
import htx_swap_mock
import pytest
from htx_swap_mock import MockExchange, OrderSpec, OrderState, moves

from tests.mock_exchange.helpers import signed_post

BTC = "BTC-USD"
TRIGGER = "771050000000000001"
FIRED = "771060000000000009"
API = "/swap-api/v1/"
OPEN_LIMIT = API + "swap_openorders"
OPEN_TRIGGER = API + "swap_trigger_openorders"


def _page(ex: MockExchange, client: httpx.Client, path: str, index: int, size: int) -> Any:
    body = {"contract_code": BTC, "page_index": index, "page_size": size}
    response = signed_post(client, path, ex.access_key, ex.secret_key, body)
    assert response.status_code == 200
    return json.loads(response.content)["data"]


def _ids(data: Any) -> list[str]:
    return [order["order_id_str"] for order in data["orders"]]


def _seed_trigger(ex: MockExchange) -> None:
    ex.add_order(BTC, TRIGGER, kind="trigger", direction="sell", offset="close", volume=3)


def test_a_trigger_fires_after_the_request_that_read_it(
    ex: MockExchange, client: httpx.Client
) -> None:
    _seed_trigger(ex)
    rule = ex.schedule(moves.fire_trigger(BTC, TRIGGER, FIRED), path=OPEN_TRIGGER)
    assert rule.done is None
    # the request that makes it due still sees the book before the move
    assert _ids(_page(ex, client, OPEN_TRIGGER, 1, 50)) == [TRIGGER]
    assert rule.done == f"trigger order {TRIGGER} fired: limit order {FIRED}"
    assert _ids(_page(ex, client, OPEN_TRIGGER, 1, 50)) == []
    assert _ids(_page(ex, client, OPEN_LIMIT, 1, 50)) == [FIRED]
    (limit,) = ex.open_orders(BTC)
    assert (limit.order_id, limit.direction.value, limit.offset.value) == (FIRED, "sell", "close")
    assert limit.volume == 3
    assert ex.order(BTC, TRIGGER, kind="trigger") is None  # it left the trigger book


def test_a_trigger_fires_at_a_time_on_the_server_clock(ex: MockExchange) -> None:
    _seed_trigger(ex)
    rule = ex.schedule(moves.fire_trigger(BTC, TRIGGER), in_seconds=0.05)
    assert ex.open_orders(BTC) == []
    stop = time.monotonic() + 5.0
    while rule.done is None and time.monotonic() < stop:  # the exchange's own timer fires it
        time.sleep(0.01)
    assert rule.done is not None
    assert [order.order_id for order in ex.open_orders(BTC)] == [TRIGGER]
    assert ex.open_orders(BTC, kind="trigger") == []


def test_a_trigger_no_longer_open_does_not_fire(ex: MockExchange, client: httpx.Client) -> None:
    _seed_trigger(ex)
    ex.set_order_state(BTC, TRIGGER, "cancelled", kind="trigger")
    rule = ex.schedule(moves.fire_trigger(BTC, TRIGGER), path=OPEN_TRIGGER)
    _page(ex, client, OPEN_TRIGGER, 1, 50)
    assert rule.done == f"trigger order {TRIGGER} is not open: not fired"
    assert ex.open_orders(BTC) == []


def test_an_order_placed_after_page_one_shifts_the_later_pages(
    ex: MockExchange, client: httpx.Client
) -> None:
    for order_id in range(1001, 1005):  # oldest first: 1004 heads the newest-first pages
        ex.add_order(BTC, order_id)
    placed = moves.place_order(OrderSpec(BTC, 2001))
    rule = ex.schedule(placed, path=OPEN_LIMIT, page_index=1, after=1)
    first = _page(ex, client, OPEN_LIMIT, 1, 2)
    assert (_ids(first), first["total_page"], first["total_size"]) == (["1004", "1003"], 2, 4)
    assert rule.done == "placed limit order 2001"
    second = _page(ex, client, OPEN_LIMIT, 2, 2)  # shifted by one: 1003 again, 1001 pushed out
    assert (_ids(second), second["total_page"], second["total_size"]) == (["1003", "1002"], 3, 5)
    assert _ids(_page(ex, client, OPEN_LIMIT, 1, 2)) == ["2001", "1004"]


def test_only_the_counted_request_makes_a_move_due(ex: MockExchange, client: httpx.Client) -> None:
    ex.add_order(BTC, 1001)
    rule = ex.schedule(moves.place_order(OrderSpec(BTC, 2001)), path=OPEN_LIMIT, page_index=2)
    _page(ex, client, OPEN_LIMIT, 1, 50)  # page 1: not counted
    assert (rule.seen, rule.done) == (0, None)
    _page(ex, client, OPEN_LIMIT, 2, 50)
    assert (rule.seen, rule.done) == (1, "placed limit order 2001")
    assert ex.order_state(BTC, 2001) is OrderState.OPEN
    assert ex.scheduled_moves() == [rule]
    ex.clear_moves()
    assert ex.scheduled_moves() == []


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        ({"after": 0}, "after"),
        ({"page_index": 0}, "page_index"),
        ({"in_seconds": 1, "path": OPEN_LIMIT}, "either"),
        ({"in_seconds": "soon"}, "in_seconds"),
    ],
)
def test_a_schedule_that_cannot_work_is_a_value_error(
    ex: MockExchange, arguments: dict[str, Any], problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        ex.schedule(moves.fire_trigger(BTC, TRIGGER), **arguments)
    with pytest.raises(ValueError, match="Move"):
        ex.schedule("fire", path=OPEN_LIMIT)  # type: ignore[arg-type]


def test_the_admin_api_schedules_lists_and_clears_moves(
    ex: MockExchange, client: httpx.Client
) -> None:
    _seed_trigger(ex)
    fire = {"move": "fire_trigger", "contract_code": BTC, "order_id": TRIGGER}
    added = client.post(
        "/_mock/moves", json={**fire, "limit_order_id": FIRED, "path": OPEN_TRIGGER}
    )
    assert added.status_code == 200, added.text
    assert added.json()["move"]["done"] is None
    order = {"contract_code": BTC, "order_id": "2001", "direction": "sell"}
    place = {"move": "place_order", "order": order, "path": OPEN_LIMIT, "page_index": 1}
    assert client.post("/_mock/moves", json=place).status_code == 200
    _page(ex, client, OPEN_TRIGGER, 1, 50)
    _page(ex, client, OPEN_LIMIT, 1, 50)
    listed = client.get("/_mock/moves").json()["moves"]
    assert [(m["move"], m["seen"], m["done"]) for m in listed] == [
        ("fire_trigger", 1, f"trigger order {TRIGGER} fired: limit order {FIRED}"),
        ("place_order", 1, "placed limit order 2001"),
    ]
    assert {o.order_id for o in ex.open_orders(BTC)} == {FIRED, "2001"}
    timed = client.post("/_mock/moves", json={**fire, "in_seconds": 60})
    assert timed.json()["move"]["due_at"] > ex.server_time_ms() / 1000
    assert client.delete("/_mock/moves").json() == {"moves": []}
    assert ex.scheduled_moves() == []


@pytest.mark.parametrize(
    "body",
    [
        {"move": "explode"},
        {"move": "fire_trigger", "contract_code": BTC},
        {"move": "fire_trigger", "contract_code": BTC, "order_id": "x"},
        {"move": "place_order"},
        {"move": "place_order", "order": {"contract_code": BTC}},
        {"move": "fire_trigger", "contract_code": BTC, "order_id": "1", "after": 0},
        {"move": "fire_trigger", "contract_code": BTC, "order_id": "1", "path": 3},
        {"move": "fire_trigger", "contract_code": BTC, "order_id": "1", "when": "now"},
    ],
)
def test_the_admin_api_refuses_a_move_it_cannot_make(
    ex: MockExchange, client: httpx.Client, body: dict[str, Any]
) -> None:
    response = client.post("/_mock/moves", json=body)
    assert response.status_code == 400
    assert response.json()["error"]
    assert ex.scheduled_moves() == []


def test_reset_forgets_scheduled_moves(ex: MockExchange) -> None:
    ex.schedule(moves.fire_trigger(BTC, TRIGGER), path=OPEN_TRIGGER)
    ex.reset()
    assert ex.scheduled_moves() == []


def test_the_readme_example_schedules_both_moves(ex: MockExchange, client: httpx.Client) -> None:
    readme = (Path(htx_swap_mock.__file__).parent / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    (example,) = [block for block in blocks if "moves.fire_trigger" in block]
    exec(textwrap.dedent(example), {"ex": ex})  # noqa: S102 - the README's own example
    _page(ex, client, OPEN_TRIGGER, 1, 50)
    _page(ex, client, OPEN_LIMIT, 1, 50)
    assert [rule.done for rule in ex.scheduled_moves()] == [
        "trigger order 1 fired: limit order 2",
        "placed limit order 99",
    ]
