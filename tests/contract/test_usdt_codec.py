"""The generated codec of the USDT-M (v5) operations: GET reads carry their parameters in the
query (never a body), the batch cancel sends JSON arrays of ids, the algo cancel a JSON array
body, and every answer parses into its v5 member (a non-200 ``code`` never into a success)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from htx_swap_client.api.usdt import (
    usdt_algo_cancel_orders,
    usdt_algo_open_orders,
    usdt_cancel_after,
    usdt_cancel_all_orders,
    usdt_cancel_batch_orders,
    usdt_cancel_order,
    usdt_open_orders,
    usdt_order_info,
)
from htx_swap_client.models import (
    HtxV5ErrorResponse,
    UsdtAlgoCancelItem,
    UsdtCancelAfterRequest,
    UsdtCancelBatchOrdersRequest,
    UsdtCancelItemsOk,
    UsdtCancelOrderOk,
    UsdtOrderInfoOk,
)
from htx_swap_client.operations import OPERATIONS

BIG = "1329854623927160832"  # above 2**53


def test_get_operations_put_their_parameters_in_the_query() -> None:
    kwargs = usdt_order_info.request_kwargs(contract_code="BTC-USDT", order_id=BIG)
    assert usdt_order_info.METHOD == "GET"
    assert usdt_order_info.PATH == "/v5/trade/order"
    assert kwargs == {
        "method": "get",
        "url": "/v5/trade/order",
        "params": {"contract_code": "BTC-USDT", "order_id": BIG},
    }
    assert "json" not in kwargs
    assert "content" not in kwargs


def test_the_cursor_parameters_keep_their_wire_names() -> None:
    kwargs = usdt_open_orders.request_kwargs(
        contract_code="BTC-USDT-241122", from_=BIG, limit=100, direct="next"
    )
    assert kwargs["params"] == {
        "contract_code": "BTC-USDT-241122",
        "from": BIG,
        "limit": 100,
        "direct": "next",
    }
    algo = usdt_algo_open_orders.request_kwargs(type_="tpsl", from_="0")
    assert algo["params"] == {"type": "tpsl", "from": "0"}
    assert usdt_algo_open_orders.METHOD == "GET"


def test_the_batch_cancel_sends_arrays_of_exact_ids() -> None:
    body = UsdtCancelBatchOrdersRequest(contract_code="BTC-USDT", order_id=[BIG, "9001"])
    kwargs = usdt_cancel_batch_orders.request_kwargs(body=body)
    assert kwargs["json"] == {"contract_code": "BTC-USDT", "order_id": [BIG, "9001"]}
    assert json.loads(json.dumps(kwargs["json"]))["order_id"][0] == BIG


def test_the_algo_cancel_body_is_a_json_array() -> None:
    items = [
        UsdtAlgoCancelItem(contract_code="BTC-USDT", algo_id=BIG),
        UsdtAlgoCancelItem(contract_code="BTC-USDT-241122", algo_client_order_id="7"),
    ]
    kwargs = usdt_algo_cancel_orders.request_kwargs(body=items)
    assert kwargs["json"] == [
        {"contract_code": "BTC-USDT", "algo_id": BIG},
        {"contract_code": "BTC-USDT-241122", "algo_client_order_id": "7"},
    ]
    assert kwargs["headers"] == {"Content-Type": "application/json"}


def test_cancel_after_sends_on_off_as_text() -> None:
    body = UsdtCancelAfterRequest.from_dict({"on_off": "1", "time_out": 30000})
    assert usdt_cancel_after.request_kwargs(body=body)["json"] == {"on_off": "1", "time_out": 30000}


ORDER = {
    "order_id": BIG,
    "contract_code": "BTC-USDT",
    "state": "partially_canceled",
    "volume": "2",
    "trade_volume": "1",
}


@pytest.mark.parametrize(
    ("module", "body", "expected"),
    [
        (
            usdt_cancel_order,
            {"code": 200, "data": {"order_id": BIG, "client_order_id": None}},
            UsdtCancelOrderOk,
        ),
        (
            usdt_cancel_batch_orders,
            {
                "code": 200,
                "data": [{"order_id": BIG, "client_order_id": None, "code": 1061, "message": "x"}],
            },
            UsdtCancelItemsOk,
        ),
        (
            usdt_cancel_all_orders,
            {"code": 200, "data": []},
            UsdtCancelItemsOk,
        ),
        (
            usdt_order_info,
            {"code": 200, "data": ORDER, "message": None, "success": True},
            UsdtOrderInfoOk,
        ),
        (
            usdt_order_info,
            {"code": 1061, "message": "no", "data": None, "ts": 1},
            HtxV5ErrorResponse,
        ),
        # a non-200 code is an error, even when it carries data
        (usdt_order_info, {"code": 500, "message": "odd", "data": ORDER}, HtxV5ErrorResponse),
        (usdt_cancel_order, {"code": 1032, "message": None, "data": None}, HtxV5ErrorResponse),
    ],
)
def test_answers_parse_into_their_v5_member(
    module: Any, body: dict[str, Any], expected: type
) -> None:
    parsed = module.parse_body(json.loads(json.dumps(body)))
    assert type(parsed) is expected


def test_the_order_state_is_a_word_and_ids_stay_exact() -> None:
    parsed = usdt_order_info.parse_body(dict(ORDER_ANSWER))
    assert isinstance(parsed, UsdtOrderInfoOk)
    assert parsed.data.state == "partially_canceled"
    assert parsed.data.order_id == BIG
    # A state that is no word (the open-orders page's example prints 3) is never a success:
    # the union falls through to the error member, whose code 200 the client must then refuse
    # to read as a success or an error (an odd answer).
    odd = usdt_order_info.parse_body({"code": 200, "data": {**ORDER, "state": 3}})
    assert type(odd) is HtxV5ErrorResponse


ORDER_ANSWER = {"code": 200, "data": ORDER}


def test_the_usdt_operations_are_facts_of_their_own_product() -> None:
    usdt = {name: facts for name, facts in OPERATIONS.items() if facts.product == "usdt"}
    assert len(usdt) == 8
    assert {facts.rate_limit_bucket for facts in usdt.values()} == {"usdt_trade", "usdt_read"}
    assert {name for name, facts in usdt.items() if facts.doc_source == "third-party"} == {
        "usdt_algo_cancel_orders",
        "usdt_algo_open_orders",
        "usdt_cancel_after",
    }
    assert all(facts.envelope == "v5" for facts in usdt.values())
