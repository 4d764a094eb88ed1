"""swap_order_info over HTTP: HTX's shape, exact ids, every lifecycle path a cancel can take,
the request rules, auth, its own rate-limit bucket and faults."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from htx_swap_mock import MockExchange, OrderState, faults

from tests.contract.htx_doc import DocField, parse_doc_page
from tests.mock_exchange.helpers import (
    CANCEL_PATH,
    ORDER_INFO_PATH,
    cancel,
    order_info,
    utc_timestamp,
)

BTC = "BTC-USD"
BIG = "771043577949732864"  # the doc page's id; a float makes it 771043577949732900
BIG_CLIENT = "9223372036854775807"
DOC_PAGE = Path(__file__).resolve().parents[1] / "contract" / "htx_docs" / "swap_order_info.md"
# JSON Schema types of the doc page -> the Python types json.loads gives
PY_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
}


def _json(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200
    document: dict[str, Any] = json.loads(response.content)
    return document


def _info(client: httpx.Client, ex: MockExchange, **body: object) -> httpx.Response:
    return order_info(client, ex.access_key, ex.secret_key, body)


def _orders(client: httpx.Client, ex: MockExchange, **body: object) -> list[dict[str, Any]]:
    document = _json(_info(client, ex, **body))
    assert document["status"] == "ok", document
    orders: list[dict[str, Any]] = document["data"]
    return orders


def _one(client: httpx.Client, ex: MockExchange, order_id: str) -> dict[str, Any]:
    (order,) = _orders(client, ex, order_id=order_id, contract_code=BTC)
    return order


def _cancel(client: httpx.Client, ex: MockExchange, order_id: str) -> dict[str, Any]:
    body = {"order_id": order_id, "contract_code": BTC}
    return _json(cancel(client, ex.access_key, ex.secret_key, body))


@pytest.fixture(scope="module")
def doc_fields() -> dict[str, DocField]:
    page = parse_doc_page(DOC_PAGE.read_text(encoding="utf-8"))
    (data,) = [field for field in page.response_fields if field.name == "data"]
    return {field.name: field for field in data.children}


@pytest.fixture(scope="module")
def doc_example() -> dict[str, Any]:
    page = parse_doc_page(DOC_PAGE.read_text(encoding="utf-8"))
    example: dict[str, Any] = page.examples["Success Example"]["data"][0]
    return example


# -- the answer's shape ----------------------------------------------------------------------


def test_answer_shape_and_content_type(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    response = _info(client, ex, order_id="1", contract_code=BTC)
    assert response.headers["content-type"] == "text/plain;charset=UTF-8"
    document = _json(response)
    assert set(document) == {"status", "data", "ts"}
    assert document["status"] == "ok"
    assert isinstance(document["ts"], int)
    assert abs(document["ts"] - ex.server_time_ms()) < 5000
    assert len(document["data"]) == 1


@pytest.mark.parametrize("state", list(OrderState))
def test_fields_and_json_types_follow_the_doc_page(
    client: httpx.Client, ex: MockExchange, doc_fields: dict[str, DocField], state: OrderState
) -> None:
    ex.add_order(BTC, BIG, client_order_id=9001, state=state)
    order = _one(client, ex, BIG)
    # Every field the page lists, except canceled_source: optional, and only for system cancels.
    assert set(order) == set(doc_fields) - {"canceled_source"}
    nullable = {"client_order_id", "trade_avg_price"}  # null in the page's own example
    for name, value in order.items():
        allowed = PY_TYPES[doc_fields[name].type]
        if value is None:
            assert name in nullable, name
        else:
            assert isinstance(value, allowed), name
            assert not isinstance(value, bool), name
    assert order["status"] == state.status


def test_reproduces_the_doc_page_example(
    client: httpx.Client, ex: MockExchange, doc_example: dict[str, Any]
) -> None:
    ex.add_order("THETA-USD", BIG, volume=1, price="0.6", lever_rate=20)
    (order,) = _orders(client, ex, order_id=BIG, contract_code="theta-usd")
    differs = {
        "order_id": int(BIG),  # the page prints it rounded through a float
        "created_at": order["created_at"],  # now, not 2020
        "order_price_type": "limit",  # the page's order is post_only
        "self_match_prevent": 1,  # in the page's table (optional), not in its example
    }
    expected = {**doc_example, **differs}
    del expected["canceled_source"]  # the page shows a system-cancel source on an open order
    assert order == expected
    assert doc_example["order_id"] != int(BIG)  # the page's rounding, for the record


def test_ids_above_2_53_stay_exact_json_numbers(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, BIG, client_order_id=BIG_CLIENT, price="0.6")
    response = _info(client, ex, order_id=BIG, contract_code=BTC)
    raw = response.text
    assert f'"order_id":{BIG},' in raw  # a number literal, digit for digit
    assert f'"order_id_str":"{BIG}"' in raw
    assert f'"client_order_id":{BIG_CLIENT},' in raw
    assert '"price":0.6,' in raw  # decimals as short exact literals, not float noise
    as_text = json.loads(raw, parse_int=str)["data"][0]
    assert (as_text["order_id"], as_text["client_order_id"]) == (BIG, BIG_CLIENT)
    assert json.loads(raw, parse_float=float)["data"][0]["order_id"] == int(BIG)


# -- every lifecycle path --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "on_cancel", "status", "traded"),
    [
        ("open", "cancel", 7, 0),
        ("partially_filled", "cancel", 5, 5),
        ("open", "fill", 6, 10),
        ("open", "partial_fill", 5, 5),
        ("open", "never", 11, 0),
    ],
)
def test_cancel_then_read_each_final_state(
    client: httpx.Client,
    ex: MockExchange,
    seed: str,
    on_cancel: str,
    status: int,
    traded: int,
) -> None:
    ex.add_order(BTC, BIG, state=seed, on_cancel=on_cancel)
    # The cancel is accepted in every case, as on HTX: acceptance is not the outcome.
    assert _cancel(client, ex, BIG)["data"] == {"errors": [], "successes": BIG}
    order = _one(client, ex, BIG)
    assert (order["status"], order["trade_volume"]) == (status, traded)
    assert ex.order_state(BTC, BIG).status == status  # type: ignore[union-attr]
    cancelled = status in {5, 7}
    assert (order["canceled_at"] > 0) is cancelled
    assert (order["trade_avg_price"] is None) is (traded == 0)
    if status == 5:
        assert 0 < order["trade_volume"] < order["volume"]


def test_delay_shows_cancelling_then_cancelled(client: httpx.Client, ex: MockExchange) -> None:
    ex.cancel_delay = 0.2
    ex.add_order(BTC, BIG)
    ex.add_order(BTC, 2, on_cancel="fill")
    accepted_ms = ex.server_time_ms()
    assert _cancel(client, ex, f"{BIG},2")["data"]["successes"] == f"{BIG},2"
    during = {
        o["order_id_str"]: o for o in _orders(client, ex, order_id=f"{BIG},2", contract_code=BTC)
    }
    assert [(o["status"], o["canceled_at"]) for o in during.values()] == [(11, 0), (11, 0)]
    assert ex.order_state(BTC, BIG) is OrderState.CANCELLING
    second = _cancel(client, ex, BIG)  # a cancel of a cancelling order
    assert second["data"]["errors"][0]["err_code"] == 1062
    time.sleep(0.25)
    after = {
        o["order_id_str"]: o for o in _orders(client, ex, order_id=f"{BIG},2", contract_code=BTC)
    }
    assert (after[BIG]["status"], after["2"]["status"]) == (7, 6)
    assert ex.order_state(BTC, BIG) is OrderState.CANCELLED
    # It took effect 200 ms after it was accepted (± a ms of rounding), whenever it was read.
    assert accepted_ms + 199 <= after[BIG]["canceled_at"] < accepted_ms + 250
    assert after["2"]["canceled_at"] == 0


def test_never_outlasts_any_delay(client: httpx.Client, ex: MockExchange) -> None:
    ex.cancel_delay = 0.05
    ex.add_order(BTC, 1, on_cancel="never")
    _cancel(client, ex, "1")
    time.sleep(0.1)
    assert _one(client, ex, "1")["status"] == 11


def test_delay_runs_on_the_server_clock() -> None:
    now = [time.time()]
    with (
        MockExchange(clock=lambda: now[0], cancel_delay=30.0, rate_limit=None) as ex,
        httpx.Client(base_url=ex.url, timeout=5.0) as client,
    ):

        def read() -> int:
            body = {"order_id": "1", "contract_code": BTC}
            answer = order_info(
                client, ex.access_key, ex.secret_key, body, timestamp=utc_timestamp(now[0])
            )
            status: int = _json(answer)["data"][0]["status"]
            return status

        ex.add_order(BTC, 1, on_cancel="partial_fill")
        cancel(client, ex.access_key, ex.secret_key, {"order_id": "1", "contract_code": BTC})
        assert read() == 11
        now[0] += 29.999
        assert read() == 11
        now[0] += 0.001
        assert read() == 5


def test_fill_order_partly_then_fully(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1, volume=4, price=50000)
    ex.fill_order(BTC, 1, 1)
    partly = _one(client, ex, "1")
    assert (partly["status"], partly["trade_volume"], partly["trade_turnover"]) == (4, 1, 100)
    assert partly["trade_avg_price"] == 50000
    ex.fill_order(BTC, 1)
    filled = _one(client, ex, "1")
    assert (filled["status"], filled["trade_volume"], filled["margin_frozen"]) == (6, 4, 0)
    assert _cancel(client, ex, "1")["data"]["errors"][0]["err_code"] == 1063


# -- the request ----------------------------------------------------------------------------


def test_by_client_order_id(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, BIG, client_order_id=9001)
    ex.add_order(BTC, 2, client_order_id=9002)
    found = _orders(client, ex, client_order_id="9002,9001,9003", contract_code=BTC)
    assert [(o["order_id_str"], o["client_order_id"]) for o in found] == [
        ("2", 9002),
        (BIG, 9001),
    ]


def test_order_id_wins_over_client_order_id(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    ex.add_order(BTC, 2, client_order_id=9002)
    found = _orders(client, ex, order_id="1", client_order_id="9002", contract_code=BTC)
    assert [o["order_id"] for o in found] == [1]


def test_contract_code_is_case_insensitive_and_scopes_orders(
    client: httpx.Client, ex: MockExchange
) -> None:
    ex.add_order(BTC, 1)
    ex.add_order("ETH-USD", 2)
    found = _orders(client, ex, order_id="1,2", contract_code="bTc-uSd")
    assert [(o["order_id"], o["contract_code"]) for o in found] == [(1, BTC)]


def test_unknown_ids_are_absent(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    assert _orders(client, ex, order_id="3,4", contract_code=BTC) == []
    assert [o["order_id"] for o in _orders(client, ex, order_id="3,1,1", contract_code=BTC)] == [1]


def test_fifty_ids_are_allowed(client: httpx.Client, ex: MockExchange) -> None:
    for order_id in (1, 50):
        ex.add_order(BTC, order_id)
    ids = ",".join(str(i) for i in range(1, 51))
    assert [o["order_id"] for o in _orders(client, ex, order_id=ids, contract_code=BTC)] == [1, 50]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"order_id": ",".join(str(i) for i in range(1, 52)), "contract_code": BTC}, 1052),
        ({"contract_code": BTC}, 1051),
        ({"order_id": "", "client_order_id": "", "contract_code": BTC}, 1051),
        ({"order_id": "1,,2", "contract_code": BTC}, 1067),
        ({"order_id": "-1", "contract_code": BTC}, 1067),
        ({"client_order_id": "a", "contract_code": BTC}, 1065),
        ({"order_id": "1"}, 1066),
        ({"order_id": "1", "contract_code": "BTC USD"}, 1014),
    ],
)
def test_whole_request_business_errors(
    client: httpx.Client, ex: MockExchange, body: dict[str, object], code: int
) -> None:
    ex.add_order(BTC, 1)
    document = _json(_info(client, ex, **body))
    assert set(document) == {"status", "err_code", "err_msg", "ts"}
    assert (document["status"], document["err_code"]) == ("error", code)
    assert document["err_msg"]


def test_body_that_is_not_json(client: httpx.Client, ex: MockExchange) -> None:
    response = order_info(client, ex.access_key, ex.secret_key, b"order_id=1")
    assert _json(response)["err_code"] == 1030


def test_only_post(client: httpx.Client) -> None:
    response = client.get(ORDER_INFO_PATH)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


def test_reading_changes_nothing_and_is_recorded(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    _info(client, ex, order_id="1", contract_code=BTC)
    assert ex.order_state(BTC, 1) is OrderState.OPEN
    (record,) = ex.received
    assert (record.method, record.path, record.signature_valid) == ("POST", ORDER_INFO_PATH, True)
    assert record.json() == {"order_id": "1", "contract_code": BTC}


# -- auth, rate limit, faults -----------------------------------------------------------------


def test_bad_signature_is_refused_like_a_cancel(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    body = {"order_id": "1", "contract_code": BTC}
    document = _json(order_info(client, ex.access_key, "wrong-secret", body))
    assert set(document) == {"status", "err-code", "err-msg", "data"}
    assert document["err-code"] == "api-signature-not-valid"
    unknown = _json(order_info(client, "who", ex.secret_key, body))
    assert "Access key" in unknown["err-msg"]
    (first, second) = ex.received
    assert (first.signature_valid, second.auth_failure) == (False, "unknown_access_key")


def test_stale_timestamp(client: httpx.Client, ex: MockExchange) -> None:
    body = {"order_id": "1", "contract_code": BTC}
    stale = utc_timestamp(time.time() - 600)
    response = order_info(client, ex.access_key, ex.secret_key, body, timestamp=stale)
    assert _json(response)["err_code"] == 12001


@pytest.fixture(scope="module")
def limited_exchange() -> Iterator[MockExchange]:
    # Windows far longer than the test: refusals are deterministic.
    with MockExchange(rate_limit=(2, 60.0), read_rate_limit=(3, 60.0)) as exchange:
        yield exchange


@pytest.fixture
def limited(limited_exchange: MockExchange) -> Iterator[tuple[MockExchange, httpx.Client]]:
    limited_exchange.reset()
    with httpx.Client(base_url=limited_exchange.url, timeout=5.0) as http:
        yield limited_exchange, http


def test_reads_have_their_own_rate_limit_bucket(
    limited: tuple[MockExchange, httpx.Client],
) -> None:
    ex, client = limited
    ex.add_order(BTC, 1)
    remaining = []
    for _ in range(3):
        response = _info(client, ex, order_id="1", contract_code=BTC)
        assert response.headers["Ratelimit-Limit"] == "3"
        assert response.headers["Ratelimit-Interval"] == "60000"
        assert int(response.headers["ratelimit-reset"]) > ex.server_time_ms()
        remaining.append(response.headers["ratelimit-remaining"])
    assert remaining == ["2", "1", "0"]
    refused = _info(client, ex, order_id="1", contract_code=BTC)
    assert refused.status_code == 429
    assert int(refused.headers["retry-after"]) >= 1
    assert json.loads(refused.content)["err_code"] == 1032
    # The trade bucket is counted apart: cancels still go through, with their own headers.
    accepted = cancel(client, ex.access_key, ex.secret_key, {"order_id": "1", "contract_code": BTC})
    assert json.loads(accepted.content)["data"]["successes"] == "1"
    assert (accepted.headers["ratelimit-limit"], accepted.headers["ratelimit-remaining"]) == (
        "2",
        "1",
    )


def test_read_rate_limit_follows_rate_limit_by_default_and_can_change() -> None:
    assert MockExchange(rate_limit=(5, 1.0)).read_rate_limit == (5, 1.0)
    assert MockExchange(rate_limit=None).read_rate_limit is None
    ex = MockExchange(rate_limit=None, read_rate_limit=(7, 2.0))
    assert (ex.rate_limit, ex.read_rate_limit) == (None, (7, 2.0))
    ex.read_rate_limit = None
    assert ex.read_rate_limit is None
    ex.reset()
    assert ex.read_rate_limit == (7, 2.0)


def test_cancel_delay_is_validated() -> None:
    with pytest.raises(ValueError, match="cancel_delay"):
        MockExchange(cancel_delay=-1)
    ex = MockExchange(cancel_delay=0.5)
    assert ex.cancel_delay == 0.5
    with pytest.raises(ValueError, match="cancel_delay"):
        ex.cancel_delay = float("nan")
    ex.cancel_delay = 0
    ex.reset()
    assert ex.settings.cancel_delay == 0.5  # as constructed


def test_fault_on_the_order_info_path_only(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    rule = ex.inject(faults.http_500(), path=ORDER_INFO_PATH, times=None)
    assert _cancel(client, ex, "1")["data"]["successes"] == "1"  # another path: unaffected
    failed = _info(client, ex, order_id="1", contract_code=BTC)
    assert failed.status_code == 500
    assert json.loads(failed.content)["err_code"] == 1000
    assert rule.applied == 1
    assert [(r.path, r.fault) for r in ex.received] == [
        (CANCEL_PATH, None),
        (ORDER_INFO_PATH, "http_500"),
    ]


def test_truncated_order_info_before_processing(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    ex.inject(faults.truncated_body(), path=ORDER_INFO_PATH)
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        _info(client, ex, order_id="1", contract_code=BTC)
    assert ex.received[-1].fault == "truncated_body"
    assert _orders(client, ex, order_id="1", contract_code=BTC)[0]["status"] == 3


def test_delayed_answer_of_order_info(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    ex.inject(faults.delay(0.05), path=ORDER_INFO_PATH)
    started = time.monotonic()
    assert _orders(client, ex, order_id="1", contract_code=BTC)[0]["order_id"] == 1
    assert time.monotonic() - started >= 0.05
