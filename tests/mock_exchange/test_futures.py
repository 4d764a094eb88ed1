"""The local exchange's coin-margined delivery futures (``/api/v1/contract_*``): requests signed
by ``htx_swap.HtxAuth`` and sent with httpx, as a client would send them.

Contracts are named by symbol (and contract code or type), books are per contract code, the
futures' buckets are apart from the swaps', and a settlement window refuses cancels with 1056 /
1059 until it is closed.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from htx_swap import HtxAuth, HtxCredentials
from htx_swap_mock import CONTRACT_TYPES, MockExchange, faults
from htx_swap_mock.products import contract_type_of, futures_contract_code

API = "/api/v1/"
BIG = 771038212360937472  # above 2**53
# Thursday 2023-12-28 12:00 UTC: this week delivers Fri 12-29, next week Fri 2024-01-05, and
# the quarter is the last Friday of March 2024 (December's is this week's).
THURSDAY = dt.datetime(2023, 12, 28, 12, tzinfo=dt.UTC).timestamp()


def _now() -> float:
    return THURSDAY


@pytest.fixture(scope="module")
def exchange() -> Iterator[MockExchange]:
    with MockExchange(rate_limit=None, clock=_now, timestamp_tolerance=10**10) as ex:
        yield ex


@pytest.fixture
def ex(exchange: MockExchange) -> MockExchange:
    exchange.reset()
    return exchange


def post(ex: MockExchange, endpoint: str, body: dict[str, Any]) -> httpx.Response:
    """A signed POST of ``body`` to the futures ``endpoint`` (a path under /api/v1/)."""
    auth = HtxAuth(HtxCredentials(ex.access_key, ex.secret_key))
    with httpx.Client(base_url=ex.url, auth=auth, timeout=10) as client:
        return client.post(API + endpoint, json=body)


def answer(ex: MockExchange, endpoint: str, body: dict[str, Any]) -> dict[str, Any]:
    response = post(ex, endpoint, body)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


def error_code(ex: MockExchange, endpoint: str, body: dict[str, Any]) -> int:
    document = answer(ex, endpoint, body)
    assert document["status"] == "error", document
    code: int = document["err_code"]
    return code


# -- contract codes ------------------------------------------------------------------------


def test_three_contract_types_per_symbol_from_the_clock(ex: MockExchange) -> None:
    assert CONTRACT_TYPES == ("this_week", "next_week", "quarter")
    assert ex.futures_contract_codes("btc") == {
        "this_week": "BTC231229",
        "next_week": "BTC240105",
        "quarter": "BTC240329",
    }
    # Friday before 08:00 UTC still trades this week's contract; at 08:00 it has delivered.
    friday = dt.datetime(2023, 12, 29, 7, 59, tzinfo=dt.UTC).timestamp()
    assert futures_contract_code("ETH", "this_week", friday) == "ETH231229"
    assert futures_contract_code("ETH", "this_week", friday + 60) == "ETH240105"
    with pytest.raises(ValueError, match="contract_type"):
        ex.futures_contract_code("BTC", "next_quarter")


def test_an_order_has_the_contract_type_of_its_code() -> None:
    assert contract_type_of("BTC231229", THURSDAY) == "this_week"
    assert contract_type_of("BTC240105", THURSDAY) == "next_week"
    assert contract_type_of("BTC240329", THURSDAY) == "quarter"
    assert contract_type_of("BTC240628", THURSDAY) == "next_quarter"


# -- cancel by id ----------------------------------------------------------------------------


def test_cancel_by_symbol_finds_the_order_in_any_contract(ex: MockExchange) -> None:
    quarter = ex.futures_contract_code("BTC", "quarter")
    ex.add_order(quarter, BIG)
    ex.add_order("BTC231229", 2, client_order_id=9001)
    document = answer(ex, "contract_cancel", {"symbol": "btc", "order_id": f"{BIG},3"})
    assert document["data"]["successes"] == str(BIG)
    assert [e["err_code"] for e in document["data"]["errors"]] == [1061]
    assert ex.order_state(quarter, BIG) == "cancelled"
    by_client = answer(ex, "contract_cancel", {"symbol": "BTC", "client_order_id": "9001"})
    assert by_client["data"]["successes"] == "9001"


def test_another_symbol_and_the_swaps_never_reach_a_futures_order(ex: MockExchange) -> None:
    ex.add_order("BTC231229", 5)
    nothing = answer(ex, "contract_cancel", {"symbol": "ETH", "order_id": "5"})
    assert [e["err_code"] for e in nothing["data"]["errors"]] == [1061]
    auth = HtxAuth(HtxCredentials(ex.access_key, ex.secret_key))
    with httpx.Client(base_url=ex.url, auth=auth) as client:
        swap = client.post(
            "/swap-api/v1/swap_cancel", json={"contract_code": "BTC231229", "order_id": "5"}
        )
    assert swap.json()["err_code"] == 1014  # a delivery code is no swap contract
    assert ex.order_state("BTC231229", 5) == "open"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"order_id": "1"}, 1066),  # symbol is required
        ({"symbol": "BTC-USD", "order_id": "1"}, 1014),  # not a symbol
        ({"symbol": "BTC", "order_id": ",".join(str(n) for n in range(1, 12))}, 1052),
        ({"symbol": "BTC"}, 1051),
        ({"symbol": "BTC", "order_id": "1.5"}, 1067),
    ],
)
def test_bad_cancels_are_refused(ex: MockExchange, body: dict[str, Any], code: int) -> None:
    assert error_code(ex, "contract_cancel", body) == code


def test_order_info_carries_contract_code_and_type(ex: MockExchange) -> None:
    ex.add_order("BTC240105", BIG)
    document = answer(ex, "contract_order_info", {"symbol": "BTC", "order_id": str(BIG)})
    (order,) = document["data"]
    assert (order["symbol"], order["contract_code"], order["contract_type"]) == (
        "BTC",
        "BTC240105",
        "next_week",
    )
    assert order["order_id_str"] == str(BIG)
    assert post(ex, "contract_order_info", {"symbol": "BTC", "order_id": str(BIG)}).text.count(
        f'"order_id":{BIG}'
    )  # the exact JSON number, not a rounded float


# -- cancel-alls -----------------------------------------------------------------------------


def _seed_btc_and_eth(ex: MockExchange) -> None:
    ex.add_order("BTC231229", 1)
    ex.add_order("BTC240105", 2, direction="sell")
    ex.add_order("BTC240329", 3)
    ex.add_order("ETH231229", 4)
    ex.add_order("BTC-USD", 5)  # a swap of the same coin


@pytest.mark.parametrize(
    ("narrowing", "cancelled"),
    [
        ({}, {1, 2, 3}),
        ({"contract_type": "this_week"}, {1}),
        ({"contract_code": "btc240329"}, {3}),
        ({"contract_code": "BTC240329", "contract_type": "this_week"}, {3}),  # the code wins
        ({"direction": "sell"}, {2}),
    ],
)
def test_cancel_all_narrows_by_code_type_and_direction(
    ex: MockExchange, narrowing: dict[str, str], cancelled: set[int]
) -> None:
    _seed_btc_and_eth(ex)
    document = answer(ex, "contract_cancelall", {"symbol": "BTC", **narrowing})
    assert {int(i) for i in document["data"]["successes"].split(",")} == cancelled
    assert ex.order_state("ETH231229", 4) == "open"
    assert ex.order_state("BTC-USD", 5) == "open"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"contract_type": "quarter"}, 1066),
        ({"symbol": "BTC", "contract_code": "ETH231229"}, 1014),  # another symbol's contract
        ({"symbol": "BTC", "contract_code": "BTC-USD"}, 1014),
        ({"symbol": "BTC", "contract_type": "next_quarter"}, 1014),  # documented, not listed
        ({"symbol": "BTC", "contract_type": "monthly"}, 1067),
        ({"symbol": "BTC", "offset": "both"}, 1067),
        ({"symbol": "XRP"}, 1051),  # nothing to cancel
    ],
)
def test_bad_cancel_alls_are_refused(ex: MockExchange, body: dict[str, Any], code: int) -> None:
    _seed_btc_and_eth(ex)
    assert error_code(ex, "contract_cancelall", body) == code


def test_tpsl_cancel_all_takes_a_contract_code_alone(ex: MockExchange) -> None:
    ex.add_order("BTC231229", 7, kind="tpsl", offset="close")
    assert error_code(ex, "contract_tpsl_cancelall", {}) == 1066
    document = answer(ex, "contract_tpsl_cancelall", {"contract_code": "BTC231229"})
    assert document["data"]["successes"] == "7"


@pytest.mark.parametrize(
    ("kind", "word"), [("trigger", "trigger"), ("tpsl", "tpsl"), ("trailing", "track")]
)
def test_strategy_cancels_and_open_orders(ex: MockExchange, kind: str, word: str) -> None:
    code = ex.futures_contract_code("ETH", "next_week")
    ex.add_order(code, 11, kind=kind, offset="close")
    ex.add_order("ETH-USD", 12, kind=kind, offset="close")
    page = answer(ex, f"contract_{word}_openorders", {"symbol": "ETH"})["data"]
    assert [(o["order_id_str"], o["contract_type"]) for o in page["orders"]] == [
        ("11", "next_week")
    ]
    assert error_code(ex, f"contract_{word}_openorders", {}) == 1066
    assert error_code(ex, f"contract_{word}_cancel", {"symbol": "ETH"}) == 1066
    done = answer(ex, f"contract_{word}_cancel", {"symbol": "ETH", "order_id": "11,12"})
    assert done["data"]["successes"] == "11"
    assert [e["order_id"] for e in done["data"]["errors"]] == ["12"]  # the swap's order


def test_open_orders_without_a_symbol_list_every_futures_order_only(ex: MockExchange) -> None:
    _seed_btc_and_eth(ex)
    page = answer(ex, "contract_openorders", {})["data"]
    assert sorted(o["contract_code"] for o in page["orders"]) == [
        "BTC231229",
        "BTC240105",
        "BTC240329",
        "ETH231229",
    ]
    assert {o["symbol"] for o in page["orders"]} == {"BTC", "ETH"}
    eth = answer(ex, "contract_openorders", {"symbol": "eth"})["data"]
    assert [o["order_id_str"] for o in eth["orders"]] == ["4"]


# -- buckets ---------------------------------------------------------------------------------


def test_futures_buckets_are_apart_from_the_swaps(ex: MockExchange) -> None:
    ex.rate_limit = (1, 60.0)
    ex.futures_rate_limit = (2, 60.0)
    ex.futures_read_rate_limit = (1, 60.0)
    try:
        first = post(ex, "contract_cancel", {"symbol": "BTC", "order_id": "1"})
        assert first.headers["Ratelimit-Limit"] == "2"
        assert post(ex, "contract_cancel", {"symbol": "BTC", "order_id": "1"}).status_code == 200
        refused = post(ex, "contract_cancel", {"symbol": "BTC", "order_id": "1"})
        assert (refused.status_code, refused.json()["err_code"]) == (429, 1032)
        # the swaps' trade bucket and the futures' read bucket still have room
        auth = HtxAuth(HtxCredentials(ex.access_key, ex.secret_key))
        with httpx.Client(base_url=ex.url, auth=auth) as client:
            swap = client.post(
                "/swap-api/v1/swap_cancel", json={"contract_code": "BTC-USD", "order_id": "1"}
            )
        assert swap.status_code == 200
        assert (
            post(ex, "contract_order_info", {"symbol": "BTC", "order_id": "1"}).status_code == 200
        )
        assert post(ex, "contract_openorders", {}).status_code == 429  # one read per minute
    finally:
        ex.rate_limit = None
        ex.futures_rate_limit = None
        ex.futures_read_rate_limit = None


def test_the_default_futures_limits_are_htx_s() -> None:
    with MockExchange() as ex:
        assert (ex.futures_rate_limit, ex.futures_read_rate_limit) == ((36, 3.0), (36, 3.0))
        assert ex.rate_limit == (72, 3.0)
        answer_headers = post(ex, "contract_openorders", {}).headers
        assert answer_headers["Ratelimit-Limit"] == "36"
        assert answer_headers["Ratelimit-Interval"] == "3000"


def test_a_strategy_cancel_has_its_own_five_per_second(ex: MockExchange) -> None:
    ex.strategy_cancel_rate_limit = (1, 60.0)
    try:
        assert (
            post(ex, "contract_trigger_cancel", {"symbol": "BTC", "order_id": "1"}).status_code
            == 200
        )
        assert (
            post(ex, "contract_trigger_cancel", {"symbol": "BTC", "order_id": "1"}).status_code
            == 429
        )
        # another endpoint, and the swaps' same endpoint, count apart
        assert (
            post(ex, "contract_tpsl_cancel", {"symbol": "BTC", "order_id": "1"}).status_code == 200
        )
        auth = HtxAuth(HtxCredentials(ex.access_key, ex.secret_key))
        with httpx.Client(base_url=ex.url, auth=auth) as client:
            swap = client.post(
                "/swap-api/v1/swap_trigger_cancel",
                json={"contract_code": "BTC-USD", "order_id": "1"},
            )
        assert swap.status_code == 200
    finally:
        ex.strategy_cancel_rate_limit = None


# -- settlement ------------------------------------------------------------------------------

CANCELS = [
    ("contract_cancel", {"symbol": "BTC", "order_id": "1"}),
    ("contract_cancelall", {"symbol": "BTC"}),
    ("contract_trigger_cancel", {"symbol": "BTC", "order_id": "1"}),
    ("contract_trigger_cancelall", {"symbol": "BTC"}),
    ("contract_tpsl_cancel", {"symbol": "BTC", "order_id": "1"}),
    ("contract_tpsl_cancelall", {"contract_code": "BTC231229"}),
    ("contract_track_cancel", {"symbol": "BTC", "order_id": "1"}),
    ("contract_track_cancelall", {"symbol": "BTC"}),
]


@pytest.mark.parametrize(("delivery", "code"), [(False, 1056), (True, 1059)])
@pytest.mark.parametrize(("endpoint", "body"), CANCELS)
def test_a_settlement_window_refuses_every_futures_cancel(
    ex: MockExchange, endpoint: str, body: dict[str, Any], delivery: bool, code: int
) -> None:
    ex.add_order("BTC231229", 1)
    ex.open_settlement(delivery=delivery)
    assert error_code(ex, endpoint, body) == code
    assert ex.order_state("BTC231229", 1) == "open"
    ex.close_settlement()
    assert ex.settlement is None
    assert answer(ex, endpoint, body)["status"] in {"ok", "error"}  # processed as usual again


def test_a_settlement_window_covers_its_symbols_only(ex: MockExchange) -> None:
    ex.add_order("BTC231229", 1)
    ex.add_order("ETH231229", 2)
    ex.add_order("BTC-USD", 3)
    window = ex.open_settlement("eth")
    assert (int(window.code), window.symbols) == (1056, frozenset({"ETH"}))
    assert error_code(ex, "contract_cancel", {"symbol": "ETH", "order_id": "2"}) == 1056
    # reads, other symbols and the swaps go on
    info = answer(ex, "contract_order_info", {"symbol": "ETH", "order_id": "2"})
    assert info["data"][0]["status"] == 3
    assert (
        answer(ex, "contract_cancel", {"symbol": "BTC", "order_id": "1"})["data"]["successes"]
        == "1"
    )
    auth = HtxAuth(HtxCredentials(ex.access_key, ex.secret_key))
    with httpx.Client(base_url=ex.url, auth=auth) as client:
        swap = client.post(
            "/swap-api/v1/swap_cancel", json={"contract_code": "BTC-USD", "order_id": "3"}
        )
    assert swap.json()["data"]["successes"] == "3"


def test_the_admin_api_opens_and_closes_a_settlement_window(ex: MockExchange) -> None:
    ex.add_order("BTC231229", 1)
    with httpx.Client(base_url=ex.url) as admin:
        opened = admin.post("/_mock/settlement", json={"code": 1059, "symbols": ["btc"]})
        assert opened.json() == {
            "settlement": {
                "code": 1059,
                "message": "Delivering contracts. Unable to place/cancel orders currently.",
                "symbols": ["BTC"],
            }
        }
        assert admin.get("/_mock/settlement").json() == opened.json()
        assert error_code(ex, "contract_cancel", {"symbol": "BTC", "order_id": "1"}) == 1059
        assert admin.post("/_mock/settlement", json={"code": 1032}).status_code == 400
        assert admin.delete("/_mock/settlement").json() == {"settlement": None}
        futures = admin.get("/_mock/futures").json()
        assert futures == {
            "contract_codes": {"this_week": "231229", "next_week": "240105", "quarter": "240329"},
            "settlement": None,
        }
    assert (
        answer(ex, "contract_cancel", {"symbol": "BTC", "order_id": "1"})["data"]["successes"]
        == "1"
    )


def test_reset_closes_the_window(ex: MockExchange) -> None:
    ex.open_settlement()
    ex.reset()
    assert ex.settlement is None


# -- faults, signature, dead man's switch ----------------------------------------------------


def test_faults_apply_to_futures_paths(ex: MockExchange) -> None:
    ex.add_order("BTC231229", 1)
    ex.inject(faults.drop(), path=API + "contract_cancel", after_processing=True)
    with pytest.raises(httpx.TransportError):
        post(ex, "contract_cancel", {"symbol": "BTC", "order_id": "1"})
    assert ex.order_state("BTC231229", 1) == "cancelled"  # processed, the answer lost
    ex.inject(faults.partial_answer(named=1), path=API + "contract_cancel")
    ex.add_order("BTC231229", 2)
    ex.add_order("BTC231229", 3)
    cut = answer(ex, "contract_cancel", {"symbol": "BTC", "order_id": "2,3"})
    assert cut["data"]["successes"] == "2"


def test_a_bad_signature_is_the_gateway_s_error(ex: MockExchange) -> None:
    auth = HtxAuth(HtxCredentials(ex.access_key, "not-the-secret"))
    with httpx.Client(base_url=ex.url, auth=auth) as client:
        refused = client.post(API + "contract_cancel", json={"symbol": "BTC", "order_id": "1"})
    assert refused.json()["err-code"] == "api-signature-not-valid"
    assert ex.received[-1].signature_valid is False


def test_contract_cancel_after_cancels_only_futures_orders() -> None:
    clock = [THURSDAY]
    with MockExchange(
        rate_limit=None,
        clock=lambda: clock[0],
        timestamp_tolerance=10**10,
        cancel_after_min_timeout_ms=1,
    ) as ex:
        ex.add_order("BTC231229", 1)
        ex.add_order("BTC-USD", 2)
        armed = answer(ex, "contract-cancel-after", {"on_off": 1, "time_out": 1000})
        assert armed["code"] == 200
        assert ex.cancel_after(product="futures").armed
        assert not ex.cancel_after().armed  # the swaps' switch is another one
        clock[0] += 2
        deadline = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=5)
        while ex.order_state("BTC231229", 1) != "cancelled" and dt.datetime.now(dt.UTC) < deadline:
            time.sleep(0.01)
        assert ex.order_state("BTC231229", 1) == "cancelled"
        assert ex.order_state("BTC-USD", 2) == "open"
        assert ex.cancel_after(product="futures").cancelled == ("1",)


def test_the_fixture_serves_futures(htx_exchange: MockExchange) -> None:
    code = htx_exchange.futures_contract_code("BTC")
    htx_exchange.add_order(code, BIG)
    document = answer(htx_exchange, "contract_cancel", {"symbol": "BTC", "order_id": str(BIG)})
    assert document["data"]["successes"] == str(BIG)
    assert htx_exchange.order_state(code, BIG) == "cancelled"


def test_the_swaps_never_see_futures_orders() -> None:
    """swap_openorders of every contract, and a firing swap-cancel-after, leave the futures'
    orders alone (each product sees only its own contracts)."""
    clock = [THURSDAY]
    with MockExchange(
        rate_limit=None,
        clock=lambda: clock[0],
        timestamp_tolerance=10**10,
        cancel_after_min_timeout_ms=1,
    ) as ex:
        ex.add_order("BTC231229", 1)
        ex.add_order("BTC-USD", 2)
        auth = HtxAuth(HtxCredentials(ex.access_key, ex.secret_key))
        with httpx.Client(base_url=ex.url, auth=auth) as client:
            page = client.post("/swap-api/v1/swap_openorders", json={}).json()["data"]
            assert [o["contract_code"] for o in page["orders"]] == ["BTC-USD"]
            armed = client.post("/swap-api/v1/swap-cancel-after", json={"on_off": 1, "time_out": 1})
            assert armed.json()["code"] == 200
        clock[0] += 2
        deadline = time.monotonic() + 5
        while ex.order_state("BTC-USD", 2) != "cancelled" and time.monotonic() < deadline:
            time.sleep(0.01)
        assert ex.order_state("BTC-USD", 2) == "cancelled"
        assert ex.order_state("BTC231229", 1) == "open"
        assert ex.cancel_after().cancelled == ("2",)
