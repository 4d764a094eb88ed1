"""swap_cancel over HTTP: every rule, in HTX's shapes and content type."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from htx_swap_mock import MockExchange, OrderState

from tests.mock_exchange.helpers import cancel

BTC = "BTC-USD"
BIG = "768503271974985728"
BIG2 = "771038212360937472"


def _cancel(client: httpx.Client, ex: MockExchange, **body: object) -> httpx.Response:
    return cancel(client, ex.access_key, ex.secret_key, body)


def _json(response: httpx.Response) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(response.content)
    return document


def test_answer_is_text_plain_like_htx(client: httpx.Client, ex: MockExchange) -> None:
    response = _cancel(client, ex, order_id="1", contract_code=BTC)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain;charset=UTF-8"


def test_documented_example(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, BIG2)
    response = _cancel(client, ex, order_id=f"{BIG},{BIG2}", contract_code="btc-usd")
    body = _json(response)
    assert body["status"] == "ok"
    assert body["data"] == {
        "errors": [{"order_id": BIG, "err_code": 1061, "err_msg": "This order doesnt exist."}],
        "successes": BIG2,
    }
    assert isinstance(body["ts"], int)
    # The ids travel as JSON strings, digit for digit.
    assert f'"successes":"{BIG2}"'.encode() in response.content
    assert ex.order_state(BTC, BIG2) is OrderState.CANCELLED


def test_every_per_order_rule(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    ex.add_order(BTC, 2, state="partially_filled")
    ex.add_order(BTC, 3, state=OrderState.FILLED)
    ex.add_order(BTC, 4, state=OrderState.CANCELLED)
    ex.add_order(BTC, 5, state=OrderState.CANCELLING)
    body = _json(_cancel(client, ex, order_id="1,2,3,4,5,6", contract_code=BTC))
    assert body["data"]["successes"] == "1,2"
    errors = {e["order_id"]: (e["err_code"], e["err_msg"]) for e in body["data"]["errors"]}
    assert errors == {
        "3": (1063, "The order has been executed."),
        "4": (1071, "Repeated withdraw."),
        "5": (1062, "Cancelling. Unable to cancel."),
        "6": (1061, "This order doesnt exist."),
    }
    assert ex.order_state(BTC, 1) is OrderState.CANCELLED
    assert ex.order_state(BTC, 3) is OrderState.FILLED


def test_second_cancel_is_a_repeated_cancel(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, BIG)
    first = _json(_cancel(client, ex, order_id=BIG, contract_code=BTC))
    second = _json(_cancel(client, ex, order_id=BIG, contract_code=BTC))
    assert first["data"] == {"errors": [], "successes": BIG}
    assert second["data"]["successes"] == ""
    assert second["data"]["errors"][0]["err_code"] == 1071


def test_by_client_order_id(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, BIG, client_order_id=9001)
    body = _json(_cancel(client, ex, client_order_id="9001,9002", contract_code=BTC))
    assert body["data"]["successes"] == "9001"
    assert body["data"]["errors"][0]["order_id"] == "9002"
    assert ex.order_state(BTC, BIG) is OrderState.CANCELLED


def test_order_id_wins_over_client_order_id(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    ex.add_order(BTC, 2, client_order_id=9002)
    body = _json(_cancel(client, ex, order_id="1", client_order_id="9002", contract_code=BTC))
    assert body["data"]["successes"] == "1"
    assert ex.order_state(BTC, 2) is OrderState.OPEN


def test_contract_code_scopes_orders(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order("ETH-USD", 1)
    body = _json(_cancel(client, ex, order_id="1", contract_code=BTC))
    assert body["data"]["errors"][0]["err_code"] == 1061
    assert ex.order_state("eth-usd", 1) is OrderState.OPEN


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"order_id": ",".join(str(i) for i in range(1, 12)), "contract_code": BTC}, 1052),
        ({"contract_code": BTC}, 1051),
        ({"order_id": "1,,2", "contract_code": BTC}, 1067),
        ({"client_order_id": "a", "contract_code": BTC}, 1065),
        ({"order_id": "1"}, 1066),
    ],
)
def test_whole_request_business_errors(
    client: httpx.Client, ex: MockExchange, body: dict[str, object], code: int
) -> None:
    ex.add_order(BTC, 1)
    response = _cancel(client, ex, **body)
    assert response.status_code == 200
    document = _json(response)
    assert set(document) == {"status", "err_code", "err_msg", "ts"}
    assert document["status"] == "error"
    assert document["err_code"] == code
    assert ex.order_state(BTC, 1) is OrderState.OPEN  # nothing of a refused request applies


def test_body_that_is_not_json(client: httpx.Client, ex: MockExchange) -> None:
    response = cancel(client, ex.access_key, ex.secret_key, b"order_id=1")
    assert _json(response)["err_code"] == 1030


def test_wrong_method_and_unknown_path(client: httpx.Client, ex: MockExchange) -> None:
    assert client.get("/swap-api/v1/swap_cancel").status_code == 405
    assert client.post("/api/v1/timestamp").status_code == 405
    assert client.get("/swap-api/v1/nope").status_code == 404


def test_set_order_state_between_cancels(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    ex.set_order_state(BTC, 1, OrderState.FILLED)
    body = _json(_cancel(client, ex, order_id="1", contract_code=BTC))
    assert body["data"]["errors"][0]["err_code"] == 1063
    with pytest.raises(KeyError):
        ex.set_order_state(BTC, 2, OrderState.FILLED)
    assert ex.order_state(BTC, 2) is None
