"""``panic`` and the buckets a strategy cancel counts in (hostile review a02, a28/a03, a03).

Findings: an open order the SDK could not read (``direction`` missing) was dropped and panic
reported CLEAN (a02); ``panic()`` without contract codes found contracts from open limit orders
only (HTX lists trigger, TP/SL and trailing orders per contract), so it called an account clean
that it could not see whole (a28/a03); a trigger, TP/SL or trailing cancel took a slot in its own
5-per-second bucket but not in the 72-per-3-s trade bucket, where HTX counts it too, so a burst
of strategy cancels after limit cancels met HTTP 429 (a03).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from htx_swap import (
    AsyncSwapClient,
    CancelResult,
    HtxCredentials,
    RateLimiter,
    ResponseParseError,
    SwapClient,
)
from htx_swap._wire import codec
from htx_swap_mock import MockExchange

from tests.engine.fakes import Driver, FakeClock, cancel_ok, ids, make_engine
from tests.hostile.raw_server import RawRequest, RawServer
from tests.hostile.support import BTC, MODES, call, json_answers
from tests.hostile.test_review_cli import UNREADABLE

ETH = "ETH-USD"
STRATEGY_KINDS = ("trigger", "tpsl", "trailing")


# -- a02: an unreadable open order keeps panic from being clean ----------------------------


def _unreadable_book(request: RawRequest) -> bytes:
    if "openorders" in request.path:
        orders = [UNREADABLE] if request.path.endswith("/swap_openorders") else []
        data = {"orders": orders, "total_page": 1, "current_page": 1, "total_size": len(orders)}
        return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()
    body = {"status": "error", "err_code": 1051, "err_msg": "No cancellable orders.", "ts": 1}
    return json.dumps(body).encode()


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_a02_panic_with_an_open_order_missing_direction_is_not_clean(mode: str) -> None:
    assert "direction" not in UNREADABLE
    with RawServer(json_answers(_unreadable_book)) as server:
        called = call(mode, server.url, "panic", [BTC], deadline=1.0)
    report = called.value
    assert report is not None, called
    assert not report.clean
    (limit,) = [entry for entry in report.entries if entry.kind == "limit"]
    assert not limit.verified_empty
    assert any(isinstance(error, ResponseParseError) for error in limit.errors)


# -- a28/a03: panic() without contracts is never clean --------------------------------------


@pytest.fixture
def ex(htx_exchange_factory: Callable[..., MockExchange]) -> MockExchange:
    return htx_exchange_factory(rate_limit=None)


def _panic(mode: str, ex: MockExchange, codes: list[str] | None) -> Any:
    credentials = HtxCredentials(ex.access_key, ex.secret_key)
    called = call(mode, ex.url, "panic", codes, credentials=credentials, deadline=3.0)
    assert called.value is not None, called
    return called.value


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_a28_panic_without_contracts_on_an_empty_account_is_not_clean(
    mode: str, ex: MockExchange
) -> None:
    report = _panic(mode, ex, None)
    assert report.complete is False
    assert report.clean is False


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_a28_panic_with_named_contracts_on_an_empty_account_is_clean(
    mode: str, ex: MockExchange
) -> None:
    report = _panic(mode, ex, [BTC, ETH])
    assert report.complete is True
    assert report.clean is True


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_a03_panic_without_contracts_cannot_see_strategy_only_contracts(
    mode: str, ex: MockExchange
) -> None:
    ex.add_order(BTC, 1001)
    ex.add_order(ETH, 2001, kind="trigger", direction="sell", offset="close")
    ex.add_order(ETH, 2002, kind="tpsl", tpsl_order_type="sl")
    ex.add_order(ETH, 2003, kind="trailing")
    report = _panic(mode, ex, None)
    assert report.contract_codes == [BTC]  # ETH-USD cannot be found from limit orders
    assert report.complete is False
    assert report.clean is False  # though every contract it read came back empty
    assert all(entry.verified_empty for entry in report.entries)


# -- a03: a strategy cancel counts in its own bucket and in the trade bucket ---------------


@pytest.mark.parametrize("name", ["swap_trigger_cancel", "swap_tpsl_cancel", "swap_track_cancel"])
def test_a03_engine_a_strategy_cancel_takes_its_own_bucket_and_the_trade_bucket(
    name: str,
) -> None:
    clock = FakeClock()
    trade = RateLimiter(72, 3.0, clock=clock.monotonic)
    own = RateLimiter(5, 1.0, clock=clock.monotonic)
    engine = make_engine(clock, limiters={"trade": trade, name: own})
    facts = codec.facts(name)
    assert facts.rate_limit_bucket == name
    assert facts.permission == "trade"
    buckets = engine.limiters_for(facts)
    assert len(buckets) == 2
    assert any(b is own for b in buckets)
    assert any(b is trade for b in buckets)
    (only,) = engine.limiters_for(codec.facts("swap_cancel"))  # the trade bucket, once
    assert only is trade


def test_a03_engine_a_strategy_cancel_waits_for_a_trade_slot() -> None:
    clock = FakeClock()
    trade = RateLimiter(1, 3.0, clock=clock.monotonic)  # one trade request per 3 s
    own = RateLimiter(5, 1.0, clock=clock.monotonic)
    engine = make_engine(clock, limiters={"trade": trade, "swap_trigger_cancel": own})
    many = [str(i) for i in range(1, 21)]
    driver = Driver(clock, [(cancel_ok(many[:10]), 0.5), cancel_ok(many[10:])])
    flow = engine.cancel_ids("swap_trigger_cancel", BTC, ids(*many), None, None)
    result = driver.run(flow)
    assert result.successes == many
    # its own bucket had room; the trade bucket did not: the second chunk waited for it
    assert driver.sleeps() == [pytest.approx(3.0)]
    assert driver.records[-1].start == pytest.approx(3.5)


LIMIT_IDS = [str(i) for i in range(1, 61)]  # 60 trade requests first: 12 slots of 72 left
STRATEGY_IDS = {
    kind: [str(base + i) for i in range(10)]
    for kind, base in (("trigger", 1000), ("tpsl", 2000), ("trailing", 3000))
}


@pytest.fixture
def limited(htx_exchange_factory: Callable[..., MockExchange]) -> MockExchange:
    """HTX's limits on: 72 trade requests per 3 s per key, 5 per second per strategy cancel
    endpoint, strategy cancels counted in both."""
    exchange = htx_exchange_factory()
    assert exchange.rate_limit == (72, 3.0)
    assert exchange.strategy_cancel_rate_limit == (5, 1.0)
    for order_id in LIMIT_IDS:
        exchange.add_order(BTC, order_id)
    for order_id in STRATEGY_IDS["trigger"]:
        exchange.add_order(BTC, order_id, kind="trigger", direction="sell", offset="close")
    for order_id in STRATEGY_IDS["tpsl"]:
        exchange.add_order(BTC, order_id, kind="tpsl", tpsl_order_type="sl")
    for order_id in STRATEGY_IDS["trailing"]:
        exchange.add_order(BTC, order_id, kind="trailing")
    return exchange


def _assert_no_429(results: dict[str, list[CancelResult]]) -> None:
    """max_retries=0: an HTTP 429 would be a chunk error, not a success."""
    for kind, wanted in {"limit": LIMIT_IDS, **STRATEGY_IDS}.items():
        got = results[kind]
        assert [e for r in got for e in r.errors] == [], kind
        assert [i for r in got for i in r.successes] == wanted, kind


@pytest.mark.slow  # waits seconds on purpose (rate limits, a switch running out)
@pytest.mark.timeout(60)
def test_a03_sync_strategy_cancels_after_limit_cancels_meet_no_429(limited: MockExchange) -> None:
    credentials = HtxCredentials(limited.access_key, limited.secret_key)
    results: dict[str, list[CancelResult]] = {kind: [] for kind in ("limit", *STRATEGY_KINDS)}
    with SwapClient(credentials, base_url=limited.url, max_retries=0) as client:
        methods = {
            "trigger": client.cancel_trigger,
            "tpsl": client.cancel_tpsl,
            "trailing": client.cancel_trailing,
        }
        for order_id in LIMIT_IDS:
            results["limit"].append(client.cancel(BTC, order_ids=[order_id]))

        def burst(kind: str) -> None:
            for order_id in STRATEGY_IDS[kind]:
                results[kind].append(methods[kind](BTC, order_ids=[order_id]))

        threads = [threading.Thread(target=burst, args=(kind,)) for kind in STRATEGY_KINDS]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    _assert_no_429(results)


@pytest.mark.slow  # waits seconds on purpose (rate limits, a switch running out)
@pytest.mark.timeout(60)
def test_a03_async_strategy_cancels_after_limit_cancels_meet_no_429(
    limited: MockExchange,
) -> None:
    credentials = HtxCredentials(limited.access_key, limited.secret_key)
    results: dict[str, list[CancelResult]] = {kind: [] for kind in ("limit", *STRATEGY_KINDS)}

    async def run() -> None:
        async with AsyncSwapClient(credentials, base_url=limited.url, max_retries=0) as client:
            methods = {
                "trigger": client.cancel_trigger,
                "tpsl": client.cancel_tpsl,
                "trailing": client.cancel_trailing,
            }
            for order_id in LIMIT_IDS:
                results["limit"].append(await client.cancel(BTC, order_ids=[order_id]))

            async def burst(kind: str) -> None:
                for order_id in STRATEGY_IDS[kind]:
                    results[kind].append(await methods[kind](BTC, order_ids=[order_id]))

            await asyncio.gather(*(burst(kind) for kind in STRATEGY_KINDS))

    asyncio.run(run())
    _assert_no_429(results)
