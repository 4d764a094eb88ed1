"""Order info is read tolerantly: a field the SDK does not need may be missing, one malformed
order does not hide the others, and an unknown status is ``OrderStatus.UNKNOWN`` for that order
only (``status_code`` keeps the raw number).

Findings covered: today a missing ``real_profit``/``is_tpsl``/``symbol``/... fails the whole
answer (the generated model requires every documented field), one bad order raises for all, and
a status code HTX adds later (say 42) makes every order of the answer unreadable.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from htx_swap import OrderInfo, OrderStatus

from tests.hostile.raw_server import RawServer
from tests.hostile.support import BTC, MODES, attr, call, json_answers

ORDER: dict[str, Any] = {
    "symbol": "BTC",
    "contract_code": BTC,
    "volume": 1,
    "price": 30000.5,
    "order_price_type": "limit",
    "order_type": 1,
    "direction": "buy",
    "offset": "open",
    "lever_rate": 20,
    "order_id": 771043577949732864,
    "client_order_id": None,
    "created_at": 1603872714279,
    "trade_volume": 0,
    "trade_turnover": 0,
    "fee": 0,
    "trade_avg_price": None,
    "margin_frozen": 0.0001,
    "profit": 0,
    "status": 3,
    "order_source": "api",
    "order_id_str": "771043577949732864",
    "fee_asset": "BTC",
    "liquidation_type": "0",
    "canceled_at": 0,
    "real_profit": 0,
    "is_tpsl": 0,
}


def _order(order_id: int, **changes: Any) -> dict[str, Any]:
    order = copy.deepcopy(ORDER)
    order.update(order_id=order_id, order_id_str=str(order_id))
    order.update(changes)
    return order


def _read(mode: str, *orders: dict[str, Any]) -> list[OrderInfo]:
    body = json.dumps({"status": "ok", "data": list(orders), "ts": 1603872729321}).encode()
    with RawServer(json_answers(lambda request: body)) as server:
        ids = [str(order["order_id_str"]) for order in orders]
        done = call(mode, server.url, "order_info", BTC, order_ids=ids, options={"timeout": 2.0})
    assert done.error is None, repr(done.error)
    assert isinstance(done.value, list)
    return done.value


UNNEEDED = [
    "real_profit",
    "is_tpsl",
    "symbol",
    "order_source",
    "margin_frozen",
    "liquidation_type",
    "profit",
    "fee_asset",
    "trade_turnover",
    "order_type",
]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("missing", UNNEEDED)
def test_an_order_lacking_an_unneeded_field_parses(mode: str, missing: str) -> None:
    order = _order(771043577949732864)
    del order[missing]
    (info,) = _read(mode, order)
    assert info.order_id == "771043577949732864"
    assert info.status is OrderStatus.SUBMITTED
    if hasattr(info, missing):
        assert getattr(info, missing) is None


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({"volume": "lots"}, id="volume-not-a-number"),
        pytest.param({"order_id_str": "1"}, id="ids-disagree"),
        pytest.param({"direction": None}, id="direction-null"),
    ],
)
def test_one_malformed_order_does_not_hide_the_others(mode: str, bad: dict[str, Any]) -> None:
    good_a, good_b = _order(768503271974985728), _order(771038212360937472, status=7)
    orders = _read(mode, good_a, _order(771038212360937999, **bad), good_b)
    by_id = {order.order_id: order for order in orders}
    assert by_id["768503271974985728"].status is OrderStatus.SUBMITTED
    assert by_id["771038212360937472"].status is OrderStatus.CANCELLED


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_an_unknown_status_is_unknown_for_that_order_only(mode: str) -> None:
    unknown = attr(OrderStatus, "UNKNOWN")
    orders = _read(mode, _order(768503271974985728, status=42), _order(771038212360937472))
    by_id = {order.order_id: order for order in orders}
    odd, plain = by_id["768503271974985728"], by_id["771038212360937472"]
    assert odd.status is unknown
    assert attr(odd, "status_code") == 42
    assert not odd.is_final  # never taken for a final state
    assert plain.status is OrderStatus.SUBMITTED
    assert attr(plain, "status_code") == 3
