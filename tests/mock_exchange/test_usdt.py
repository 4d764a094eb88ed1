"""The local exchange's USDT-M (v5) family, through httpx signed by ``htx_swap.HtxAuth``: the v5
envelope, per-item codes, states as words, signed GET queries, the cursor, the algo book, the
v5 switch and the USDT-M buckets apart from the swaps'."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from htx_swap import HtxAuth, HtxCredentials
from htx_swap_mock import MockExchange, faults

BIG = 1329854623927160832  # above 2**53
PERP, FUTURE = "BTC-USDT", "BTC-USDT-261225"


@pytest.fixture
def v5(ex: MockExchange) -> Iterator[httpx.Client]:
    auth = HtxAuth(HtxCredentials(ex.access_key, ex.secret_key))
    with httpx.Client(base_url=ex.url, auth=auth, timeout=5.0) as http:
        yield http


def _ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["code"] == 200, body
    assert set(body) == {"code", "message", "data", "ts"}
    return body["data"]


def _error(response: httpx.Response) -> tuple[int, str]:
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["data"] is None
    return body["code"], body["message"]


def test_cancel_order_is_accepted_then_the_order_reads_canceled(
    ex: MockExchange, v5: httpx.Client
) -> None:
    ex.add_usdt_order(PERP, BIG, client_order_id=77)
    data = _ok(
        v5.post("/v5/trade/cancel_order", json={"contract_code": PERP, "order_id": str(BIG)})
    )
    assert data == {"order_id": str(BIG), "client_order_id": "77"}
    order = _ok(v5.get("/v5/trade/order", params={"contract_code": PERP, "client_order_id": "77"}))
    assert (order["order_id"], order["state"]) == (str(BIG), "canceled")
    # a second cancel is refused in the v5 envelope, with the swap book's code
    again = v5.post("/v5/trade/cancel_order", json={"contract_code": PERP, "order_id": str(BIG)})
    assert _error(again) == (1071, "Repeated withdraw.")


def test_a_delayed_cancel_reads_as_before_until_it_takes_effect(
    ex: MockExchange, v5: httpx.Client
) -> None:
    ex.cancel_delay = 0.3
    ex.add_usdt_order(PERP, BIG, state="partially_filled", volume=4)
    _ok(v5.post("/v5/trade/cancel_order", json={"contract_code": PERP, "order_id": str(BIG)}))
    read = {"contract_code": PERP, "order_id": str(BIG)}
    assert _ok(v5.get("/v5/trade/order", params=read))["state"] == "partially_filled"
    time.sleep(0.35)
    assert _ok(v5.get("/v5/trade/order", params=read))["state"] == "partially_canceled"


@pytest.mark.parametrize(
    "state", ["new", "partially_filled", "filled", "partially_canceled", "canceled", "rejected"]
)
def test_order_states_are_words(ex: MockExchange, v5: httpx.Client, state: str) -> None:
    ex.add_usdt_order(FUTURE, BIG, state=state, volume=4)
    order = _ok(v5.get("/v5/trade/order", params={"contract_code": FUTURE, "order_id": str(BIG)}))
    assert order["state"] == state
    assert order["contract_code"] == FUTURE
    assert ex.usdt_order_state(FUTURE, BIG) == state
    # every number a decimal string, ids strings
    assert isinstance(order["volume"], str)
    assert isinstance(order["trade_volume"], str)


def test_the_batch_answer_has_a_code_per_item(ex: MockExchange, v5: httpx.Client) -> None:
    ex.add_usdt_order(PERP, BIG)
    ex.add_usdt_order(PERP, BIG + 1, state="filled")
    ex.add_usdt_order(PERP, BIG + 2, state="canceled")
    ids = [str(BIG), str(BIG + 1), str(BIG + 2), "9"]
    data = _ok(
        v5.post("/v5/trade/cancel_batch_orders", json={"contract_code": PERP, "order_id": ids})
    )
    assert [(item["order_id"], item["code"]) for item in data] == [
        (str(BIG), 200),
        (str(BIG + 1), 1063),
        (str(BIG + 2), 1071),
        ("9", 1061),
    ]
    assert ex.usdt_order_state(PERP, BIG) == "canceled"


def test_the_batch_takes_at_most_ten_ids(ex: MockExchange, v5: httpx.Client) -> None:
    ids = [str(BIG + n) for n in range(11)]
    answer = v5.post("/v5/trade/cancel_batch_orders", json={"contract_code": PERP, "order_id": ids})
    assert _error(answer)[0] == 1052
    comma_joined = {"contract_code": PERP, "order_id": ",".join(ids[:2])}  # the swap form
    assert _error(v5.post("/v5/trade/cancel_batch_orders", json=comma_joined))[0] == 1030


@pytest.mark.parametrize("code", ["btc-usdt", "BTC-USD", "BTC-USDT-2412", "BTC-USDT-CQ", ""])
def test_contract_codes_are_exact(v5: httpx.Client, code: str) -> None:
    answer = v5.post("/v5/trade/cancel_order", json={"contract_code": code, "order_id": "1"})
    assert _error(answer) == (1014, "Invalid contract_code parameter")


def test_seeding_refuses_a_contract_of_another_product(ex: MockExchange) -> None:
    with pytest.raises(ValueError, match="USDT-M contract code"):
        ex.add_usdt_order("BTC-USD", 1)


def test_cancel_all_filters_by_side_and_position_side(ex: MockExchange, v5: httpx.Client) -> None:
    ex.add_usdt_order(PERP, 1, side="buy", position_side="long")
    ex.add_usdt_order(PERP, 2, side="sell", position_side="short")
    ex.add_usdt_order(PERP, 3, side="sell", position_side="long")  # closes a long
    ex.add_usdt_order(FUTURE, 4, side="sell", position_side="both")
    ex.add_order("BTC-USD", 5)  # a swap order is no USDT-M order
    body = {"side": "sell", "position_side": "long"}
    data = _ok(v5.post("/v5/trade/cancel_all_orders", json=body))
    assert [(item["order_id"], item["code"]) for item in data] == [("3", 200)]
    data = _ok(v5.post("/v5/trade/cancel_all_orders", json={}))
    assert sorted(item["order_id"] for item in data) == ["1", "2", "4"]
    assert _ok(v5.post("/v5/trade/cancel_all_orders", json={})) == []
    assert ex.order_state("BTC-USD", 5) is not None
    assert str(ex.order_state("BTC-USD", 5)) == "open"


def test_the_cursor_lists_every_open_order_once(ex: MockExchange, v5: httpx.Client) -> None:
    ids = [BIG + n * 7 for n in range(25)]
    for order_id in reversed(ids):
        ex.add_usdt_order(PERP if order_id % 2 else FUTURE, order_id)
    ex.add_usdt_order(PERP, BIG + 1000, state="filled")  # not open: never listed
    seen: list[str] = []
    cursor = "0"
    for _ in range(10):
        page = _ok(v5.get("/v5/trade/order/opens", params={"from": cursor, "limit": 10}))
        if not page:
            break
        seen += [order["order_id"] for order in page]
        cursor = page[-1]["id"]
    assert seen == [str(i) for i in ids]
    back = _ok(
        v5.get("/v5/trade/order/opens", params={"from": str(ids[5]), "limit": 3, "direct": "prev"})
    )
    assert [order["order_id"] for order in back] == [str(i) for i in ids[2:5]]
    only = _ok(v5.get("/v5/trade/order/opens", params={"contract_code": FUTURE, "limit": 100}))
    assert {order["contract_code"] for order in only} == {FUTURE}


@pytest.mark.parametrize(
    "params", [{"limit": 101}, {"limit": 0}, {"from": "-1"}, {"direct": "up"}, {"from": "01"}]
)
def test_bad_cursor_parameters_are_refused(v5: httpx.Client, params: dict[str, Any]) -> None:
    assert _error(v5.get("/v5/trade/order/opens", params=params))[0] == 1030


def test_a_get_query_changed_after_signing_is_refused(ex: MockExchange, v5: httpx.Client) -> None:
    ex.add_usdt_order(PERP, BIG)
    request = v5.build_request("GET", "/v5/trade/order", params={"order_id": str(BIG)})
    auth = HtxAuth(HtxCredentials(ex.access_key, ex.secret_key))
    signed = next(auth.auth_flow(request))
    tampered = signed.url.copy_add_param("contract_code", PERP)  # not in the signed text
    answer = v5.send(httpx.Request("GET", tampered), auth=None)
    assert answer.json()["err-code"] == "api-signature-not-valid"
    assert ex.received[-1].auth_failure is not None
    assert ex.received[-1].auth_failure.value == "bad_signature"


def test_a_read_is_a_get_and_a_cancel_a_post(v5: httpx.Client) -> None:
    wrong = v5.post("/v5/trade/order/opens", json={})
    assert (wrong.status_code, wrong.headers["allow"]) == (405, "GET")
    wrong = v5.get("/v5/trade/cancel_all_orders")
    assert (wrong.status_code, wrong.headers["allow"]) == (405, "POST")


def test_the_algo_book(ex: MockExchange, v5: httpx.Client) -> None:
    ex.add_usdt_order(PERP, 11, algo_type="trigger", trigger_price=70000)
    ex.add_usdt_order(PERP, 12, algo_type="tpsl", tpsl_order_type="sl", client_order_id=9001)
    ex.add_usdt_order(FUTURE, 13, algo_type="trailing_stop")
    ex.add_usdt_order(PERP, 14)  # a limit order: no algo order
    listed = _ok(v5.get("/v5/algo/order/opens", params={"type": "trigger"}))
    assert [(o["algo_id"], o["trigger_price"], o["type"]) for o in listed] == [
        ("11", "70000", "trigger")
    ]
    assert [o["algo_id"] for o in _ok(v5.get("/v5/algo/order/opens", params={"type": "sl"}))] == [
        "12"
    ]
    assert _ok(v5.get("/v5/algo/order/opens", params={"type": "tp"})) == []
    assert _error(v5.get("/v5/algo/order/opens", params={}))[0] == 1030  # type is required
    body = [
        {"contract_code": PERP, "algo_client_order_id": "9001"},
        {"contract_code": FUTURE, "algo_id": "13"},
        {"contract_code": PERP, "algo_id": "14"},  # a limit order's id: no algo order
    ]
    data = _ok(v5.post("/v5/algo/cancel_orders", json=body))
    assert [(i["algo_id"], i["algo_client_order_id"], i["code"]) for i in data] == [
        ("12", "9001", 200),
        ("13", None, 200),
        ("14", None, 1061),
    ]
    assert ex.usdt_order_state(PERP, 12, algo_type="tpsl") == "canceled"
    assert ex.usdt_order_state(PERP, 14) == "new"
    one_object = {"contract_code": PERP, "algo_id": "11"}  # HTX.Net's form: not an array
    assert _error(v5.post("/v5/algo/cancel_orders", json=one_object))[0] == 1030


def test_the_v5_switch_fires_on_usdt_orders_only(ex: MockExchange, v5: httpx.Client) -> None:
    ex.settings.cancel_after_min_timeout_ms = 100
    ex.settings.cancel_after_check_interval = 0.005
    ex.add_usdt_order(PERP, BIG)
    ex.add_order("BTC-USD", 5)
    data = _ok(v5.post("/v5/trade/cancel-after", json={"on_off": "1", "time_out": 100}))
    assert data["trigger_time"] - data["current_time"] == 100
    assert ex.usdt_cancel_after().armed
    assert not ex.cancel_after().armed  # the swap switch is another one
    deadline = time.monotonic() + 5
    while ex.usdt_cancel_after().fired == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert ex.usdt_cancel_after().cancelled == (str(BIG),)
    assert ex.usdt_order_state(PERP, BIG) == "canceled"
    assert str(ex.order_state("BTC-USD", 5)) == "open"
    off = _ok(v5.post("/v5/trade/cancel-after", json={"on_off": "0"}))
    assert off["trigger_time"] == 0
    assert (
        _error(v5.post("/v5/trade/cancel-after", json={"on_off": "1", "time_out": 99}))[0] == 1067
    )


def test_usdt_buckets_count_apart_from_the_swap_buckets() -> None:
    with MockExchange(rate_limit=(2, 60.0)) as exchange:
        auth = HtxAuth(HtxCredentials(exchange.access_key, exchange.secret_key))
        with httpx.Client(base_url=exchange.url, auth=auth, timeout=5.0) as http:
            for _ in range(2):  # the swap trade bucket, used up
                http.post("/swap-api/v1/swap_cancelall", json={"contract_code": "BTC-USD"})
            swap = http.post("/swap-api/v1/swap_cancelall", json={"contract_code": "BTC-USD"})
            assert swap.status_code == 429
            usdt = [http.post("/v5/trade/cancel_all_orders", json={}) for _ in range(3)]
            assert [r.status_code for r in usdt] == [200, 200, 429]
            assert usdt[2].json()["err_code"] == 1032
            assert usdt[0].headers["ratelimit-limit"] == "2"
            # the USDT-M read bucket is a third count
            assert http.get("/v5/trade/order/opens").status_code == 200
        assert exchange.usdt_rate_limits == ((2, 60.0), (2, 60.0))


def test_faults_apply_to_the_v5_family(ex: MockExchange, v5: httpx.Client) -> None:
    ex.add_usdt_order(PERP, BIG)
    ex.inject(faults.drop(), path="/v5/trade/cancel_batch_orders", after_processing=True)
    with pytest.raises(httpx.TransportError):
        v5.post(
            "/v5/trade/cancel_batch_orders", json={"contract_code": PERP, "order_id": [str(BIG)]}
        )
    assert ex.usdt_order_state(PERP, BIG) == "canceled"  # applied, the answer lost
    ex.inject(faults.truncated_body(), path="/v5/trade/order/opens")
    with pytest.raises(httpx.RemoteProtocolError):
        v5.get("/v5/trade/order/opens")


def test_reset_clears_the_usdt_market(ex: MockExchange) -> None:
    ex.add_usdt_order(PERP, BIG, state="rejected")
    ex.usdt_rate_limits = ((1, 1.0), None)
    ex.reset()
    assert ex.usdt_orders() == []
    constructed: tuple[object, object] = (None, None)  # the shared exchange: rate_limit=None
    assert ex.usdt_rate_limits == constructed


def test_the_pytest_fixture_serves_v5(htx_exchange: MockExchange) -> None:
    htx_exchange.add_usdt_order("ETH-USDT", 42)
    auth = HtxAuth(HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key))
    with httpx.Client(base_url=htx_exchange.url, auth=auth, timeout=5.0) as http:
        data = _ok(http.get("/v5/trade/order", params={"order_id": "42"}))
    assert (data["contract_code"], data["state"]) == ("ETH-USDT", "new")


def test_the_readme_v5_example_runs() -> None:
    """The USDT-M example of the mock's README, as printed."""
    readme = Path(__file__).resolve().parents[2] / "mock_exchange/htx_swap_mock/README.md"
    section = readme.read_text(encoding="utf-8").split("## USDT-margined contracts", 1)[1]
    block = section.split("```python\n", 1)[1].split("```", 1)[0]
    exec(compile(block, "README.md", "exec"), {})  # noqa: S102 - the README's own example


def test_partial_answer_leaves_v5_answers_as_they_are(ex: MockExchange, v5: httpx.Client) -> None:
    ex.add_usdt_order(PERP, BIG)
    ex.add_usdt_order(PERP, BIG + 1)
    ex.inject(faults.partial_answer(1), path="/v5/trade/cancel_batch_orders")
    ids = [str(BIG), str(BIG + 1)]
    data = _ok(
        v5.post("/v5/trade/cancel_batch_orders", json={"contract_code": PERP, "order_id": ids})
    )
    assert [item["code"] for item in data] == [200, 200]


def test_usdt_rate_limit_none_turns_the_usdt_buckets_off() -> None:
    with MockExchange(rate_limit=(1, 60.0), usdt_rate_limit=None) as exchange:
        assert exchange.usdt_rate_limits == (None, None)
        auth = HtxAuth(HtxCredentials(exchange.access_key, exchange.secret_key))
        with httpx.Client(base_url=exchange.url, auth=auth, timeout=5.0) as http:
            codes = [http.get("/v5/trade/order/opens").status_code for _ in range(3)]
        assert codes == [200, 200, 200]
