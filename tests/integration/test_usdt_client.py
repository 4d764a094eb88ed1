"""``UsdtClient`` / ``AsyncUsdtClient`` against the local exchange's v5 family (issue 22):
the same engine and flows as the swap clients, HTX's USDT-M buckets, every page of a cursor
listing, algo cancels, cancel-all filters, the switch and panic; and the lazy import."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from htx_swap import (
    AccountLimiters,
    AsyncUsdtClient,
    HtxCredentials,
    RateLimiter,
    SwapClient,
    UsdtClient,
)
from htx_swap_mock import MockExchange

MODES = ("sync", "async")
BIG = 1329854623927160832  # > 2**53


@pytest.fixture(scope="module")
def exchange() -> Iterator[MockExchange]:
    with MockExchange(rate_limit=None, usdt_rate_limit=None) as ex:
        yield ex


@pytest.fixture
def ex(exchange: MockExchange) -> MockExchange:
    exchange.reset()
    return exchange


def credentials(ex: MockExchange) -> HtxCredentials:
    return HtxCredentials(ex.access_key, ex.secret_key)


def call(mode: str, ex: MockExchange, method: str, *args: Any, **kwargs: Any) -> Any:
    options: dict[str, Any] = {"base_url": ex.url, "rate_limiter": None, "read_rate_limiter": None}
    if mode == "sync":
        with UsdtClient(credentials(ex), **options) as client:
            return getattr(client, method)(*args, **kwargs)

    async def run() -> Any:
        async with AsyncUsdtClient(credentials(ex), **options) as client:
            return await getattr(client, method)(*args, **kwargs)

    return asyncio.run(run())


def test_the_default_limiters_are_htx_usdt_buckets_and_swaps_keep_theirs() -> None:
    creds = HtxCredentials("a", "b")
    usdt = UsdtClient(creds)
    assert set(usdt._engine.limiters) == {"usdt_trade", "usdt_read"}
    assert all(
        (limiter.max_requests, limiter.period) == (72, 3.0)
        for limiter in usdt._engine.limiters.values()
        if limiter is not None
    )
    assert not any(name.startswith("usdt") for name in SwapClient(creds)._engine.limiters)
    mine = RateLimiter(5, 1.0)
    assert UsdtClient(creds, rate_limiter=mine)._engine.limiters["usdt_trade"] is mine
    account = AccountLimiters()
    shared = UsdtClient(creds, limiters=account)._engine.limiters
    assert shared == {"usdt_trade": account["usdt_trade"], "usdt_read": account["usdt_read"]}


@pytest.mark.parametrize("mode", MODES)
def test_cancel_many_and_order_info(mode: str, ex: MockExchange) -> None:
    ids = [str(BIG + i) for i in range(23)]
    for order_id in ids:
        ex.add_usdt_order("BTC-USDT-261225", order_id)
    result = call(mode, ex, "cancel_many", "BTC-USDT-261225", order_ids=[*ids, "9"])
    assert result.successes == ids
    assert [e.err_code for e in result.errors] == [1061]
    infos = call(mode, ex, "order_info", "BTC-USDT-261225", order_ids=ids[:3])
    assert [(o.order_id, o.state) for o in infos] == [(i, "canceled") for i in ids[:3]]


@pytest.mark.parametrize("mode", MODES)
def test_cancel_and_confirm_against_the_exchange(mode: str, ex: MockExchange) -> None:
    ex.add_usdt_order("BTC-USDT", BIG, on_cancel="fill")
    ex.add_usdt_order("BTC-USDT", BIG + 1)
    outcome = call(mode, ex, "cancel_and_confirm", "BTC-USDT", order_ids=[str(BIG), str(BIG + 1)])
    assert (outcome.filled, outcome.cancelled) == ([str(BIG)], [str(BIG + 1)])


@pytest.mark.parametrize("mode", MODES)
def test_open_orders_reads_every_page_exactly(mode: str, ex: MockExchange) -> None:
    ids = [str(BIG + i) for i in range(205)]
    for order_id in ids:
        ex.add_usdt_order("ETH-USDT", order_id)
    ex.add_usdt_order("BTC-USDT", 7, algo_type="trigger", trigger_price=70000)
    ex.add_usdt_order("BTC-USDT", 8, algo_type="tpsl")
    ex.add_usdt_order("BTC-USDT", 9, algo_type="trailing_stop")
    assert [o.order_id for o in call(mode, ex, "open_orders")] == ids
    algo = call(mode, ex, "open_orders", "BTC-USDT", kind="algo")
    assert sorted(o.order_id for o in algo) == ["7", "8", "9"]


@pytest.mark.parametrize("mode", MODES)
def test_cancel_algo_and_cancel_all_with_filters(mode: str, ex: MockExchange) -> None:
    ex.add_usdt_order("BTC-USDT", 7, algo_type="trigger", trigger_price=70000)
    result = call(mode, ex, "cancel_algo", "BTC-USDT", algo_ids=["7", "70"])
    assert result.successes == ["7"]
    assert [e.order_id for e in result.errors] == ["70"]
    ex.add_usdt_order("BTC-USDT", 11, side="buy")
    ex.add_usdt_order("BTC-USDT", 12, side="sell")
    result = call(mode, ex, "cancel_all", "BTC-USDT", side="sell")
    assert result.successes == ["12"]
    assert ex.usdt_order_state("BTC-USDT", 11) == "new"
    assert call(mode, ex, "cancel_all").successes == ["11"]
    assert call(mode, ex, "cancel_all").successes == []  # an empty book: an empty result


@pytest.mark.parametrize("mode", MODES)
def test_panic_cancels_limit_and_algo_orders_and_reads_them_back(
    mode: str, ex: MockExchange
) -> None:
    ex.add_usdt_order("BTC-USDT", 11)
    ex.add_usdt_order("BTC-USDT", 12, algo_type="tpsl")
    report = call(mode, ex, "panic", ["BTC-USDT"], deadline=5.0)
    assert report.clean
    assert sorted(i for e in report.entries for i in e.cancelled) == ["11", "12"]


@pytest.mark.parametrize("mode", MODES)
def test_cancel_after_arms_the_usdt_switch_only(mode: str, ex: MockExchange) -> None:
    status = call(mode, ex, "cancel_after", 10)
    assert status.armed
    assert ex.usdt_cancel_after().armed
    assert not call(mode, ex, "cancel_after", None).armed
    assert not ex.usdt_cancel_after().armed


def test_the_dead_mans_switch_turns_off_at_a_clean_exit(ex: MockExchange) -> None:
    with UsdtClient(credentials(ex), base_url=ex.url) as client, client.dead_mans_switch(6.0):
        assert ex.usdt_cancel_after().armed
    assert not ex.usdt_cancel_after().armed


def test_importing_htx_swap_does_not_load_the_usdt_code() -> None:
    code = (
        "import sys, htx_swap\n"
        "from htx_swap import SwapClient\n"
        "names = dir(htx_swap)\n"
        "assert 'UsdtClient' in names\n"
        "loaded = [m for m in ('htx_swap._products.usdt', 'htx_swap._clients.usdt_client',"
        " 'htx_swap._wire.v5_codec') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
        "htx_swap.UsdtClient\n"
        "assert 'htx_swap._clients.usdt_client' in sys.modules\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert run.returncode == 0, run.stderr


def test_the_admin_api_seeds_usdt_orders_for_the_bench(ex: MockExchange) -> None:
    import httpx

    orders = [{"contract_code": "BTC-USDT", "order_id": str(BIG)}]
    answer = httpx.post(f"{ex.url}/_mock/usdt_orders", json={"orders": orders})
    assert answer.status_code == 200
    assert [o.order_id for o in ex.usdt_open_orders()] == [str(BIG)]
    refused = httpx.post(f"{ex.url}/_mock/usdt_orders", json={"orders": [{"order_id": "1"}]})
    assert refused.status_code == 400


def test_the_async_usdt_client_has_every_method_of_the_sync_one() -> None:
    import inspect

    def public(cls: type) -> dict[str, inspect.Signature]:
        return {
            name: inspect.signature(getattr(cls, name))
            for name in dir(cls)
            if not name.startswith("_") and callable(getattr(cls, name))
        }

    sync, async_ = public(UsdtClient), public(AsyncUsdtClient)
    assert set(sync) - {"close"} == set(async_) - {"aclose"}
    names = {"cancel", "cancel_many", "order_info", "cancel_and_confirm", "cancel_all"}
    names |= {"cancel_algo", "open_orders", "cancel_after", "dead_mans_switch", "panic"}
    assert names <= set(sync)
    for name in names - {"dead_mans_switch"}:
        assert sync[name].parameters == async_[name].parameters, name
    assert not hasattr(UsdtClient, "cancel_trigger")  # the swap API's own methods stay there


def test_the_async_dead_mans_switch_turns_off_at_a_clean_exit(ex: MockExchange) -> None:
    async def run() -> bool:
        async with (
            AsyncUsdtClient(credentials(ex), base_url=ex.url) as client,
            client.dead_mans_switch(6.0),
        ):
            return ex.usdt_cancel_after().armed

    assert asyncio.run(run())
    assert not ex.usdt_cancel_after().armed


# -- what a USDT-M client shares with the swap clients, and what it has not (the merge with
# issues 23 and 25): hooks, with_options and attempt records yes; the order push no


@pytest.mark.parametrize("kind", [UsdtClient, AsyncUsdtClient])
def test_a_usdt_client_takes_no_push_url_and_has_no_order_updates(kind: Any) -> None:
    from htx_swap import InvalidRequestError

    with pytest.raises(InvalidRequestError, match="push_url") as caught:
        kind(HtxCredentials("a", "b"), push_url="wss://api.hbdm.com/swap-notification")
    assert "coin-M only" in str(caught.value)
    assert not hasattr(kind, "order_updates")


@pytest.mark.parametrize("mode", MODES)
def test_cancel_and_confirm_polls_and_refuses_a_push(mode: str, ex: MockExchange) -> None:
    from htx_swap import InvalidRequestError

    ex.add_usdt_order("BTC-USDT", BIG)
    for via in ("auto", "push"):
        with pytest.raises(InvalidRequestError, match="via"):
            call(mode, ex, "cancel_and_confirm", "BTC-USDT", order_ids=[str(BIG)], via=via)
    assert [o.order_id for o in ex.usdt_open_orders()] == [str(BIG)]  # nothing was sent
    outcome = call(mode, ex, "cancel_and_confirm", "BTC-USDT", order_ids=[str(BIG)])
    assert (outcome.cancelled, outcome.via) == ([str(BIG)], "poll")
    assert outcome.reads >= 1
    operations = [r.operation for r in outcome.attempt_log]
    assert operations[0] == "usdt_cancel_batch_orders"
    assert "usdt_order_info" in operations


@pytest.mark.parametrize("mode", MODES)
def test_event_hooks_with_options_and_attempt_records_cover_usdt_calls(
    mode: str, ex: MockExchange
) -> None:
    ex.add_usdt_order("BTC-USDT", BIG)
    seen: list[Any] = []
    options: dict[str, Any] = {"base_url": ex.url, "event_hooks": {"request": [seen.append]}}

    def cancel(client: Any) -> Any:
        return client.with_options(timeout=7.0, max_retries=0)

    if mode == "sync":
        with UsdtClient(credentials(ex), **options) as client:
            other = cancel(client)
            assert type(other) is UsdtClient
            result = other.cancel("BTC-USDT", order_ids=[str(BIG)])
    else:

        async def run() -> Any:
            async with AsyncUsdtClient(credentials(ex), **options) as client:
                other = cancel(client)
                assert type(other) is AsyncUsdtClient
                return await other.cancel("BTC-USDT", order_ids=[str(BIG)])

        result = asyncio.run(run())
    assert result.successes == [str(BIG)]
    assert [r.operation for r in seen] == ["usdt_cancel_batch_orders"]
    assert "Signature=***" in seen[0].url
    assert [(r.operation, r.attempt, r.status_code) for r in result.attempt_log] == [
        ("usdt_cancel_batch_orders", 1, 200)
    ]
