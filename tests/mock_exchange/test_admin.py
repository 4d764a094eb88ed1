"""The /_mock admin API, as a test in another process would drive the exchange."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import httpx
import pytest
from htx_swap_mock import MockExchange, OrderState, TimestampErrorStyle

from tests.mock_exchange.helpers import cancel

BTC = "BTC-USD"
BIG = "768503271974985728"


def _json(response: httpx.Response) -> Any:
    assert response.headers["content-type"] == "application/json"
    return json.loads(response.content)


def test_seed_and_list_orders(client: httpx.Client, ex: MockExchange) -> None:
    one = client.post("/_mock/orders", json={"contract_code": "btc-usd", "order_id": BIG})
    (seeded,) = _json(one)["orders"]
    created_at = seeded.pop("created_at")
    assert isinstance(created_at, int)
    assert seeded.pop("updated_at") == created_at
    assert seeded == {
        "contract_code": BTC,
        "order_id": BIG,
        "client_order_id": None,
        "state": "open",
        "status": 3,
        "volume": "10",
        "price": "60000",
        "direction": "buy",
        "offset": "open",
        "lever_rate": 20,
        "trade_volume": "0",
        "canceled_at": 0,
        "on_cancel": "cancel",
        "cancel_effective_at": None,
        "kind": "limit",
    }
    many = client.post(
        "/_mock/orders",
        json={
            "orders": [
                {"contract_code": BTC, "order_id": "2", "client_order_id": "9", "state": "filled"},
                {"contract_code": BTC, "order_id": 3},
            ]
        },
    )
    assert len(_json(many)["orders"]) == 2
    assert ex.order_state(BTC, BIG) is OrderState.OPEN
    assert ex.order_state(BTC, 2) is OrderState.FILLED
    listed = _json(client.get("/_mock/orders"))["orders"]
    assert {order["order_id"] for order in listed} == {BIG, "2", "3"}


@pytest.mark.parametrize(
    "body",
    [
        {"order_id": "1"},
        {"contract_code": BTC, "order_id": "x"},
        {"contract_code": BTC, "order_id": "1", "state": "melted"},
        {"orders": "nope"},
    ],
)
def test_bad_orders_are_400(client: httpx.Client, ex: MockExchange, body: object) -> None:
    response = client.post("/_mock/orders", json=body)
    assert response.status_code == 400
    assert _json(response)["error"]
    assert ex.orders() == []


def test_faults_over_http(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    added = client.post(
        "/_mock/faults",
        json={"fault": "http_429", "retry_after": 9, "times": 2, "after_processing": True},
    )
    rule = _json(added)["fault"]
    assert rule["fault"]["kind"] == "http_429"
    assert (rule["remaining"], rule["after_processing"]) == (2, True)
    assert len(_json(client.get("/_mock/faults"))["faults"]) == 1
    response = cancel(client, ex.access_key, ex.secret_key, {"order_id": "1", "contract_code": BTC})
    assert response.status_code == 429
    assert response.headers["retry-after"] == "9"
    assert ex.order_state(BTC, 1) is OrderState.CANCELLED
    assert _json(client.get("/_mock/faults"))["faults"][0]["remaining"] == 1
    assert _json(client.delete("/_mock/faults")) == {"faults": []}
    assert ex.pending_faults() == []


@pytest.mark.parametrize(
    ("spec", "kind"),
    [
        ({"fault": "delay", "seconds": 0.5}, "delay"),
        ({"fault": "stall", "seconds": 2}, "stall"),
        ({"fault": "drop"}, "drop"),
        ({"fault": "http_500", "json_body": False}, "http_500"),
        ({"fault": "html_502"}, "html_502"),
        ({"fault": "http_503"}, "http_503"),
        ({"fault": "malformed_json"}, "malformed_json"),
        ({"fault": "truncated_body"}, "truncated_body"),
        ({"fault": "business_error", "code": 1004, "message": "busy"}, "business_error"),
        ({"fault": "gateway_error", "message": "no"}, "gateway_error"),
    ],
)
def test_every_fault_kind_can_be_injected(
    client: httpx.Client, ex: MockExchange, spec: dict[str, object], kind: str
) -> None:
    response = client.post("/_mock/faults", json={**spec, "path": "/nowhere"})
    assert response.status_code == 200
    (rule,) = ex.pending_faults()
    assert (rule.fault.kind.value, rule.path) == (kind, "/nowhere")


@pytest.mark.parametrize(
    "spec",
    [
        {"fault": "explode"},
        {"fault": "delay", "seconds": "soon"},
        {"fault": "delay", "seconds": -1},
        {"fault": "drop", "times": 0},
        {"fault": "drop", "times": "twice"},
        {"fault": "drop", "path": 3},
    ],
)
def test_bad_faults_are_400(client: httpx.Client, ex: MockExchange, spec: object) -> None:
    assert client.post("/_mock/faults", json=spec).status_code == 400
    assert ex.pending_faults() == []


def test_requests_are_listed_and_cleared(client: httpx.Client, ex: MockExchange) -> None:
    cancel(client, ex.access_key, ex.secret_key, {"order_id": "1", "contract_code": BTC})
    client.get("/_mock/orders")  # admin requests are not recorded
    (record,) = _json(client.get("/_mock/requests"))["requests"]
    assert record["path"] == "/swap-api/v1/swap_cancel"
    assert record["signature_valid"] is True
    assert json.loads(base64.b64decode(record["body_base64"])) == {
        "order_id": "1",
        "contract_code": BTC,
    }
    assert ["SignatureVersion", "2"] in record["query"]
    assert _json(client.delete("/_mock/requests")) == {"requests": []}
    assert ex.received == []


def test_settings_and_reset(client: httpx.Client, ex: MockExchange) -> None:
    changed = client.post(
        "/_mock/settings",
        json={
            "clock_offset": -600,
            "timestamp_error": "gateway",
            "gateway_error_status": 403,
            "rate_limit": [5, 1.5],
        },
    )
    settings = _json(changed)["settings"]
    assert settings["clock_offset"] == -600.0
    assert settings["rate_limit"] == [5, 1.5]
    assert ex.clock_offset == -600.0
    assert ex.settings.timestamp_error is TimestampErrorStyle.GATEWAY
    assert ex.rate_limit == (5, 1.5)
    stale = cancel(client, ex.access_key, ex.secret_key, {"order_id": "1", "contract_code": BTC})
    assert stale.status_code == 403
    assert "Invalid submission time" in json.loads(stale.content)["err-msg"]
    bad = client.post("/_mock/settings", json={"timestamp_error": "loud"})
    assert bad.status_code == 400
    ex.add_order(BTC, 1)
    assert _json(client.post("/_mock/reset")) == {"reset": True}
    assert (ex.orders(), ex.received, ex.clock_offset) == ([], [], 0.0)
    assert ex.rate_limit is None  # as the shared exchange was constructed
    assert _json(client.get("/_mock/settings"))["settings"]["timestamp_error"] == "business"


def test_unknown_admin_paths_and_methods(client: httpx.Client) -> None:
    assert client.get("/_mock/nothing").status_code == 404
    wrong = client.put("/_mock/orders", json={})
    assert wrong.status_code == 405
    assert wrong.headers["allow"] == "GET, POST"
    assert client.post("/_mock/orders", content=b"[").status_code == 400


def test_every_final_state_through_the_admin_api(client: httpx.Client, ex: MockExchange) -> None:
    changed = _json(client.post("/_mock/settings", json={"cancel_delay": 0.2}))
    assert changed["settings"]["cancel_delay"] == 0.2
    outcomes = ["cancel", "fill", "partial_fill", "never"]
    seeded = client.post(
        "/_mock/orders",
        json={
            "orders": [
                {"contract_code": BTC, "order_id": str(i), "on_cancel": on_cancel}
                for i, on_cancel in enumerate(outcomes, start=1)
            ]
        },
    )
    assert [order["on_cancel"] for order in _json(seeded)["orders"]] == outcomes
    body = {"order_id": "1,2,3,4", "contract_code": BTC}
    accepted = json.loads(cancel(client, ex.access_key, ex.secret_key, body).content)
    assert accepted["data"]["successes"] == "1,2,3,4"
    during = _json(client.get("/_mock/orders"))["orders"]
    assert {order["status"] for order in during} == {11}
    assert [order["cancel_effective_at"] is None for order in during] == [False] * 3 + [True]
    time.sleep(0.25)
    after = {order["order_id"]: order for order in _json(client.get("/_mock/orders"))["orders"]}
    assert [after[str(i)]["status"] for i in range(1, 5)] == [7, 6, 5, 11]
    assert after["2"]["trade_volume"] == "10"
    assert after["3"]["trade_volume"] == "5"


def test_seed_every_field_then_fill_and_move(client: httpx.Client, ex: MockExchange) -> None:
    seeded = client.post(
        "/_mock/orders",
        json={
            "contract_code": "eth-usd",
            "order_id": BIG,
            "client_order_id": 9001,
            "volume": 4,
            "price": 0.6,
            "direction": "sell",
            "offset": "close",
            "lever_rate": 5,
            "state": 4,
            "trade_volume": "1",
            "on_cancel": "partial_fill",
        },
    )
    (order,) = _json(seeded)["orders"]
    assert {k: order[k] for k in ("volume", "price", "trade_volume", "state", "status")} == {
        "volume": "4",
        "price": "0.6",
        "trade_volume": "1",
        "state": "partially_filled",
        "status": 4,
    }
    assert (order["direction"], order["offset"], order["lever_rate"]) == ("sell", "close", 5)
    fill = {"contract_code": "ETH-USD", "order_id": BIG, "volume": "2"}
    filled = _json(client.post("/_mock/orders/fill", json=fill))["order"]
    assert (filled["trade_volume"], filled["status"]) == ("3", 4)
    del fill["volume"]
    assert _json(client.post("/_mock/orders/fill", json=fill))["order"]["status"] == 6
    move = {"contract_code": "ETH-USD", "order_id": BIG, "state": "cancelling"}
    moved = _json(client.post("/_mock/orders/state", json=move))["order"]
    assert (moved["state"], moved["trade_volume"]) == ("cancelling", "0")
    assert ex.order_state("ETH-USD", BIG) is OrderState.CANCELLING


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/_mock/orders/fill", {"contract_code": BTC, "order_id": "2"}, 404),
        ("/_mock/orders/state", {"contract_code": BTC, "order_id": "2", "state": "open"}, 404),
        ("/_mock/orders/fill", {"order_id": "1"}, 400),
        ("/_mock/orders/fill", {"contract_code": BTC, "order_id": "1", "volume": 11}, 400),
        ("/_mock/orders/fill", {"contract_code": BTC, "order_id": "1", "volume": "x"}, 400),
        ("/_mock/orders/state", {"contract_code": BTC, "order_id": "1"}, 400),
        ("/_mock/orders/state", {"contract_code": BTC, "order_id": "1", "state": 99}, 400),
        ("/_mock/orders", {"contract_code": BTC, "order_id": "3", "colour": "red"}, 400),
        ("/_mock/orders", {"contract_code": BTC, "order_id": "3", "on_cancel": "later"}, 400),
        ("/_mock/orders", {"contract_code": BTC, "order_id": "3", "volume": [1]}, 400),
    ],
)
def test_bad_order_changes(
    client: httpx.Client, ex: MockExchange, path: str, body: object, status: int
) -> None:
    ex.add_order(BTC, 1)
    response = client.post(path, json=body)
    assert response.status_code == status
    assert _json(response)["error"]
    assert [(order.order_id, order.state) for order in ex.orders()] == [("1", OrderState.OPEN)]


def test_read_rate_limit_and_cancel_delay_settings(client: httpx.Client, ex: MockExchange) -> None:
    changed = client.post("/_mock/settings", json={"read_rate_limit": [9, 0.5], "cancel_delay": 1})
    settings = _json(changed)["settings"]
    assert (settings["read_rate_limit"], settings["cancel_delay"]) == ([9, 0.5], 1.0)
    assert (ex.read_rate_limit, ex.cancel_delay) == ((9, 0.5), 1.0)
    assert client.post("/_mock/settings", json={"cancel_delay": -1}).status_code == 400
    assert client.post("/_mock/settings", json={"read_rate_limit": [1]}).status_code == 400
    client.post("/_mock/reset")
    assert (ex.read_rate_limit, ex.cancel_delay) == (None, 0.0)  # as the shared one was built
