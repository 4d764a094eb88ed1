"""swap-cancel-after, the dead man's switch: its own envelope, its rules, and a real countdown
that fires (short real waits: the minimum time_out and the check interval are lowered through
the exchange's settings; HTX's own are 5000 ms and about 10 ms)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from htx_swap_mock import CancelAfterState, MockExchange, OrderState, faults

from tests.mock_exchange.helpers import signed_post

BTC = "BTC-USD"
PATH = "/swap-api/v1/swap-cancel-after"
MIN_MS = 200  # the lowered minimum time_out of these tests


@pytest.fixture
def fast(ex: MockExchange) -> MockExchange:
    ex.settings.cancel_after_min_timeout_ms = MIN_MS
    ex.settings.cancel_after_check_interval = 0.005
    return ex


def _switch(client: httpx.Client, ex: MockExchange, body: dict[str, object]) -> Any:
    response = signed_post(client, PATH, ex.access_key, ex.secret_key, body)
    assert response.status_code == 200
    return json.loads(response.content)


def _wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> float:
    """Seconds until ``condition`` held; fails after ``timeout``."""
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > timeout:
            pytest.fail("timed out waiting")
        time.sleep(0.005)
    return time.monotonic() - start


def test_defaults_are_htx_numbers() -> None:
    exchange = MockExchange()
    assert exchange.settings.cancel_after_min_timeout_ms == 5000
    assert exchange.settings.cancel_after_check_interval == 0.01
    with pytest.raises(ValueError, match="cancel_after_min_timeout_ms"):
        MockExchange(cancel_after_min_timeout_ms=0)
    with pytest.raises(ValueError, match="cancel_after_check_interval"):
        MockExchange(cancel_after_check_interval=0)


def test_arming_answers_in_its_own_envelope(client: httpx.Client, ex: MockExchange) -> None:
    before = ex.server_time_ms()
    document = _switch(client, ex, {"on_off": 1, "time_out": 60000})
    assert list(document) == ["code", "msg", "data", "ts"]
    assert (document["code"], document["msg"]) == (200, "")
    data = document["data"]
    assert list(data) == ["current_time", "trigger_time"]
    assert before <= data["current_time"] <= ex.server_time_ms()
    assert data["trigger_time"] - data["current_time"] == 60000
    state = ex.cancel_after()
    assert (state.armed, state.time_out, state.trigger_time) == (True, 60000, data["trigger_time"])
    assert state.fired == 0


def test_default_time_out_is_5000(client: httpx.Client, ex: MockExchange) -> None:
    data = _switch(client, ex, {"on_off": 1})["data"]
    assert data["trigger_time"] - data["current_time"] == 5000
    assert _switch(client, ex, {"on_off": "0"})["data"]["trigger_time"] == 0
    assert not ex.cancel_after().armed


def test_a_whole_json_number_written_with_a_fraction_is_that_int(
    client: httpx.Client, ex: MockExchange
) -> None:
    """``6000.0`` is the int 6000 (JSON Schema's ``integer``, the spec's type, includes it;
    schemathesis sent it and the exchange refused it with 1067)."""
    data = _switch(client, ex, {"on_off": 1, "time_out": 6000.0})["data"]
    assert data["trigger_time"] - data["current_time"] == 6000


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({"on_off": 1, "time_out": 4999}, 1067, "Illegal time_out."),  # HTX's minimum
        ({"on_off": 1, "time_out": "soon"}, 1067, "Illegal time_out."),
        ({"on_off": 1, "time_out": 6000.5}, 1067, "Illegal time_out."),  # not a whole number
        ({"on_off": 2}, 1067, "Illegal on_off."),
        ({"on_off": True}, 1067, "Illegal on_off."),
        ({"time_out": 6000}, 1066, "on_off cannot be empty."),
    ],
)
def test_refusals_use_the_same_envelope(
    client: httpx.Client, ex: MockExchange, body: dict[str, object], code: int, message: str
) -> None:
    document = _switch(client, ex, body)
    assert (document["code"], document["msg"], document["data"]) == (code, message, None)
    assert isinstance(document["ts"], int)
    assert ex.cancel_after() == CancelAfterState()


def test_body_not_json_is_1030(client: httpx.Client, ex: MockExchange) -> None:
    response = signed_post(client, PATH, ex.access_key, ex.secret_key, b"on_off=1")
    assert json.loads(response.content)["code"] == 1030


def test_countdown_fires_and_cancels_open_limit_orders(
    client: httpx.Client, fast: MockExchange
) -> None:
    ex = fast
    ex.add_order(BTC, 1)
    ex.add_order("ETH-USD", 2, state="partially_filled")
    ex.add_order(BTC, 3, state="filled")
    ex.add_order(BTC, 4, kind="trigger")
    data = _switch(client, ex, {"on_off": 1, "time_out": MIN_MS})["data"]
    assert ex.order_state(BTC, 1) is OrderState.OPEN  # not before its time
    waited = _wait_for(lambda: ex.cancel_after().fired == 1)
    assert waited >= (MIN_MS - 50) / 1000
    state = ex.cancel_after()
    assert not state.armed
    assert state.fired_at >= data["trigger_time"]
    assert state.fired_at - data["trigger_time"] < 1000  # checked every few ms, not later
    assert state.cancelled == ("1", "2")
    assert ex.order_state(BTC, 1) is OrderState.CANCELLED
    assert ex.order_state("ETH-USD", 2) is OrderState.PARTIALLY_CANCELLED
    assert ex.order_state(BTC, 3) is OrderState.FILLED
    # The page speaks of pending orders: strategy orders are not in the limit book.
    assert ex.order_state(BTC, 4, kind="trigger") is OrderState.OPEN


def test_refreshing_postpones_and_off_disarms(client: httpx.Client, fast: MockExchange) -> None:
    ex = fast
    ex.add_order(BTC, 1)
    _switch(client, ex, {"on_off": 1, "time_out": 400})
    for _ in range(4):  # refreshed every 0.2 s for 0.8 s: never runs out
        time.sleep(0.2)
        _switch(client, ex, {"on_off": 1, "time_out": 400})
    assert ex.cancel_after().fired == 0
    assert ex.order_state(BTC, 1) is OrderState.OPEN
    _switch(client, ex, {"on_off": 0})
    time.sleep(0.6)  # longer than the countdown was
    assert ex.cancel_after().fired == 0
    assert ex.order_state(BTC, 1) is OrderState.OPEN


def test_switches_are_per_key(htx_exchange_factory: Callable[..., MockExchange]) -> None:
    ex = htx_exchange_factory(
        credentials={"k1": "s1", "k2": "s2"},
        rate_limit=None,
        cancel_after_min_timeout_ms=MIN_MS,
        cancel_after_check_interval=0.005,
    )
    with httpx.Client(base_url=ex.url, timeout=5.0) as client:
        signed_post(client, PATH, "k2", "s2", {"on_off": 1, "time_out": 60000})
    assert ex.cancel_after("k2").armed
    assert not ex.cancel_after().armed  # k1's own switch was never armed


def test_admin_shows_switches_and_sets_the_numbers(client: httpx.Client, ex: MockExchange) -> None:
    changed = client.post(
        "/_mock/settings",
        json={"cancel_after_min_timeout_ms": MIN_MS, "cancel_after_check_interval": 0.005},
    ).json()["settings"]
    assert (changed["cancel_after_min_timeout_ms"], changed["cancel_after_check_interval"]) == (
        MIN_MS,
        0.005,
    )
    assert client.get("/_mock/cancel_after").json() == {"switches": {}}
    ex.add_order(BTC, 1)
    data = _switch(client, ex, {"on_off": 1, "time_out": MIN_MS})["data"]
    _wait_for(lambda: ex.cancel_after().fired == 1)
    shown = client.get("/_mock/cancel_after").json()["switches"][ex.access_key]
    assert shown["armed"] is False
    assert (shown["fired"], shown["cancelled"], shown["time_out"]) == (1, ["1"], MIN_MS)
    assert shown["fired_at"] >= data["trigger_time"]
    bad = client.post("/_mock/settings", json={"cancel_after_check_interval": 0})
    assert bad.status_code == 400


def test_reset_forgets_switches(client: httpx.Client, ex: MockExchange) -> None:
    _switch(client, ex, {"on_off": 1, "time_out": 60000})
    ex.reset()
    assert ex.cancel_after() == CancelAfterState()


def test_rate_limited_and_faulted_like_any_trade_request(
    htx_exchange_factory: Callable[..., MockExchange],
) -> None:
    ex = htx_exchange_factory(rate_limit=(1, 60.0))
    with httpx.Client(base_url=ex.url, timeout=5.0) as client:
        first = signed_post(client, PATH, ex.access_key, ex.secret_key, {"on_off": 0})
        assert first.headers["Ratelimit-Limit"] == "1"
        limited = signed_post(client, PATH, ex.access_key, ex.secret_key, {"on_off": 0})
        assert limited.status_code == 429
        assert json.loads(limited.content)["err_code"] == 1032
        ex.rate_limit = None
        ex.inject(faults.http_500(), path=PATH)
        failed = signed_post(client, PATH, ex.access_key, ex.secret_key, {"on_off": 1})
        assert failed.status_code == 500
        assert not ex.cancel_after().armed  # the fault answered instead: nothing armed
