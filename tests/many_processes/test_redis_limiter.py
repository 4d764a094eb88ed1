"""``RedisRateLimiter`` against a real redis-server: one bucket for every process and host of
an account, Redis's clock, and the local fallback when Redis cannot be reached."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import pytest
import redis as redis_py
from htx_swap import (
    AccountLimiters,
    AsyncSwapClient,
    HtxCredentials,
    InvalidRequestError,
    RateLimiter,
    RedisRateLimiter,
    SwapClient,
)
from htx_swap._redis.redis_limiter import DEFAULT_SHARE
from htx_swap_mock import MockExchange

from bench.redis_server import RedisServer, free_port
from tests.many_processes.slow_proxy import SlowProxy

ORDER = 771038212360937472


def _limiter(url: str, account: str, **options: object) -> RedisRateLimiter:
    settings: dict[str, object] = {"limit": 3, "period": 1.0, **options}
    return RedisRateLimiter(url, account=account, **settings)  # type: ignore[arg-type]


def test_two_limiters_share_one_bucket(redis: RedisServer) -> None:
    one, two = _limiter(redis.url, "share"), _limiter(redis.url, "share")
    assert [one.acquire(), two.acquire(), one.acquire()] == [0.0, 0.0, 0.0]
    assert two.acquire() > 0  # the fourth slot of the account: wait, whoever asks
    one.release()  # the first answer came: its period starts now, by Redis's clock
    wait = _limiter(redis.url, "share").acquire()  # another process asks
    assert 0.7 < wait <= 1.0  # (a loaded host's new connection may take a while)
    assert isinstance(one, RateLimiter)  # accepted wherever a RateLimiter is


def test_a_slot_in_flight_is_held_until_its_answer(redis: RedisServer) -> None:
    one = _limiter(redis.url, "in-flight", limit=1)
    assert one.acquire() == 0.0
    # in flight, no answer yet: it frees a period after its answer at the earliest
    assert one.acquire() == pytest.approx(1.0, abs=0.05)
    one.abandon()  # not sent: given back unused, no period
    assert one.acquire() == 0.0


def test_accounts_have_buckets_of_their_own(redis: RedisServer) -> None:
    first, second = _limiter(redis.url, "acct-a", limit=1), _limiter(redis.url, "acct-b", limit=1)
    assert first.acquire() == 0.0
    assert second.acquire() == 0.0


def test_redis_time_rules_not_the_hosts_clocks(redis: RedisServer) -> None:
    """Two hosts' clocks 2 s apart (injected): both wait what Redis's clock says."""
    ahead = _limiter(redis.url, "clocks", limit=1, clock=lambda: time.monotonic() + 2.0)
    behind = _limiter(redis.url, "clocks", limit=1, clock=lambda: time.monotonic() - 2.0)
    assert ahead.acquire() == 0.0
    ahead.release()
    waits = [behind.acquire(), ahead.acquire()]
    assert all(0.8 < wait <= 1.0 for wait in waits), waits
    far_ahead = _limiter(redis.url, "clocks", limit=1, clock=lambda: time.monotonic() + 1e6)
    assert far_ahead.acquire() > 0.5  # a clock far ahead frees no slot


def test_on_redis_builds_every_bucket_of_the_account(redis: RedisServer) -> None:
    limiters = AccountLimiters.on_redis(redis.url, account="every")
    assert set(limiters) >= {"trade", "read"}
    assert all(isinstance(limiter, RedisRateLimiter) for limiter in limiters.values())
    assert (limiters.trade.max_requests, limiters.trade.period) == (72, 3.0)
    assert repr(limiters.trade).startswith("RedisRateLimiter(")


def test_bad_url_is_a_typed_error_at_construction() -> None:
    with pytest.raises(InvalidRequestError) as caught:
        RedisRateLimiter("http://127.0.0.1:6379", account="a", limit=1, period=1.0)
    assert caught.value.field == "url"
    with pytest.raises(InvalidRequestError) as caught:
        RedisRateLimiter("redis://127.0.0.1:6379", account="a b", limit=1, period=1.0)
    assert caught.value.field == "account"


def test_down_at_start_falls_back_to_a_share_logs_once_and_rejoins(
    redis_factory: Callable[..., RedisServer], caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    limiter = _limiter(url, "down", limit=8, retry_after=0.2)
    with caplog.at_level(logging.WARNING, logger="htx_swap.redis"):
        started = time.monotonic()
        taken = [limiter.acquire() for _ in range(3)]
        assert time.monotonic() - started < 1.0  # never waits on Redis
    assert taken[:2] == [0.0, 0.0]
    assert taken[2] > 0
    assert limiter.on_fallback
    assert limiter.fallback_slot() is False
    assert int(8 * DEFAULT_SHARE) == 2
    assert len([r for r in caplog.records if "cannot be reached" in r.message]) == 1
    limiter.release()
    server = redis_factory(port=port)  # Redis is back
    time.sleep(0.25)
    assert limiter.acquire() == 0.0
    assert not limiter.on_fallback
    # the fallback's two slots (one answered, one in flight) were counted on Redis
    raw = redis_py.Redis.from_url(server.url)
    assert raw.zcard("htx_swap:{down}:trade:answered") == 2
    assert raw.zcard("htx_swap:{down}:trade:in_flight") == 1


def test_lost_mid_burst_then_back(redis_factory: Callable[..., RedisServer]) -> None:
    server = redis_factory()
    limiter = _limiter(server.url, "mid", limit=4, share=0.5, retry_after=0.2)
    assert limiter.acquire() == 0.0
    assert not limiter.fallback_slot()
    server.stop()  # lost mid-burst
    assert limiter.acquire() == 0.0
    assert limiter.fallback_slot()
    assert limiter.on_fallback
    # the fallback holds 4 x 1/2 = 2 slots, this process's slot taken on Redis among them
    assert limiter.acquire() > 0
    server.start()
    time.sleep(0.25)
    assert limiter.acquire() == 0.0
    assert not limiter.fallback_slot()
    assert not limiter.on_fallback


def test_wrong_password_falls_back_with_a_clear_warning(
    redis_factory: Callable[..., RedisServer], caplog: pytest.LogCaptureFixture
) -> None:
    server = redis_factory(password="right-password")
    url = f"redis://:wrong-password@127.0.0.1:{server.port}/0"
    limiter = _limiter(url, "auth")
    with caplog.at_level(logging.WARNING, logger="htx_swap.redis"):
        assert limiter.acquire() == 0.0
    assert limiter.on_fallback
    assert "AuthenticationError" in caplog.text or "invalid" in caplog.text.lower()
    assert "wrong-password" not in caplog.text
    assert "wrong-password" not in repr(limiter)
    assert _limiter(server.url, "auth").acquire() == 0.0  # the right one is on Redis
    assert not _limiter(server.url, "auth").on_fallback


def test_slow_redis_never_holds_a_cancel_past_its_bound(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    """Redis answering 3 s late: the cancel goes out on the fallback, well before that."""
    htx_exchange.add_order("BTC-USD", ORDER)
    credentials = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    with SlowProxy(redis.port, delay=3.0) as proxy:
        limiters = AccountLimiters.on_redis(
            f"redis://127.0.0.1:{proxy.port}/0", account="slow", redis_timeout=0.2
        )
        with SwapClient(
            credentials, base_url=htx_exchange.url, limiters=limiters, timeout=1.0
        ) as client:
            started = time.monotonic()
            result = client.cancel("BTC-USD", order_ids=[str(ORDER)])
            assert time.monotonic() - started < 2.0
    assert result.successes == [str(ORDER)]
    assert result.rate_limit_fallback  # marked: the account's other processes did not count it


def test_results_are_marked_only_under_the_fallback(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    for n in range(2):
        htx_exchange.add_order("BTC-USD", ORDER + n)
    credentials = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    shared = AccountLimiters.on_redis(redis.url, account="marks")
    with SwapClient(credentials, base_url=htx_exchange.url, limiters=shared) as client:
        assert not client.cancel("BTC-USD", order_ids=[str(ORDER)]).rate_limit_fallback
    down = AccountLimiters.on_redis(f"redis://127.0.0.1:{free_port()}/0", account="marks")
    with SwapClient(credentials, base_url=htx_exchange.url, limiters=down) as client:
        assert client.cancel("BTC-USD", order_ids=[str(ORDER + 1)]).rate_limit_fallback
        many = [str(ORDER + 10 + n) for n in range(15)]  # two requests, merged
        for order_id in many:
            htx_exchange.add_order("BTC-USD", order_id)
        result = client.cancel_many("BTC-USD", order_ids=many)
        assert sorted(result.successes) == sorted(many)
        assert result.rate_limit_fallback


@pytest.mark.asyncio
async def test_async_client_through_redis_and_its_fallback(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    for n in range(2):
        htx_exchange.add_order("BTC-USD", ORDER + n)
    credentials = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    shared = RedisRateLimiter(redis.url, account="async", limit=72, period=3.0)
    async with AsyncSwapClient(
        credentials, base_url=htx_exchange.url, rate_limiter=shared
    ) as client:
        result = await client.cancel("BTC-USD", order_ids=[str(ORDER)])
    assert result.successes == [str(ORDER)]
    assert not result.rate_limit_fallback
    down = RedisRateLimiter(
        f"redis://127.0.0.1:{free_port()}/0", account="async", limit=72, period=3.0
    )
    async with AsyncSwapClient(credentials, base_url=htx_exchange.url, rate_limiter=down) as c:
        result = await c.cancel("BTC-USD", order_ids=[str(ORDER + 1)])
    assert result.successes == [str(ORDER + 1)]
    assert result.rate_limit_fallback


def test_import_htx_swap_does_not_import_redis() -> None:
    import subprocess
    import sys

    code = (
        "import sys, htx_swap; assert 'redis' not in sys.modules; "
        "htx_swap.panic_accounts; htx_swap.AccountsPanicReport; assert 'redis' not in sys.modules; "
        "htx_swap.RedisRateLimiter; htx_swap.RedisSwitchCoordinator; print('redis' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False"  # redis-py comes with the first limiter built


def test_waiters_of_one_process_do_not_ask_redis_before_a_slot_frees(
    redis: RedisServer,
) -> None:
    limiter = _limiter(redis.url, "gate", limit=1)
    raw = redis_py.Redis.from_url(redis.url)

    def scripts_run() -> int:
        stats = raw.info("commandstats")
        return sum(
            int(stats.get(f"cmdstat_{name}", {}).get("calls", 0)) for name in ("evalsha", "eval")
        )

    assert limiter.acquire() == 0.0
    limiter.release()
    end = time.monotonic() + 5.0  # its round trip, never waited for, has reached Redis
    while raw.zcard("htx_swap:{gate}:trade:answered") == 0 and time.monotonic() < end:
        time.sleep(0.01)
    before = scripts_run()
    waits = [limiter.acquire() for _ in range(50)]
    assert scripts_run() - before == 1  # one question to Redis; 49 answered from its reply
    # each waiter is handed its own turn: the one slot frees once per period
    assert waits == pytest.approx([n + waits[0] for n in range(50)], abs=0.01)
    assert 0 < waits[0] <= 1.0
    raw.close()


def test_accepted_wherever_a_rate_limiter_is(redis: RedisServer) -> None:
    trade = RedisRateLimiter(redis.url, account="anywhere", limit=72, period=3.0)
    read = RedisRateLimiter(redis.url, account="anywhere", bucket="read", limit=72, period=3.0)
    credentials = HtxCredentials("key", "secret")
    with SwapClient(credentials, rate_limiter=trade, read_rate_limiter=read) as client:
        assert client._engine.limiters["trade"] is trade
        assert client._engine.limiters["read"] is read
    limiters = AccountLimiters(trade=trade, read=read)
    assert limiters.trade is trade
    shared = AccountLimiters.on_redis(redis.url, account="anywhere")
    strategy = [name for name in shared if name.startswith("swap_")]
    assert strategy  # the trigger / TP-SL / trailing cancel buckets, on Redis too
    assert {"usdt_trade", "usdt_read"} <= set(shared)  # and the USDT-M ones (a UsdtClient's)
    with SwapClient(credentials, rate_limiter=shared.trade) as client:
        assert all(client._engine.limiters[name] is shared[name] for name in strategy)


@pytest.mark.parametrize(
    ("field", "value"),
    [("share", 0.0), ("share", 1.5), ("redis_timeout", 0), ("retry_after", -1), ("hold", 0.5)],
)
def test_bad_options_name_their_field(field: str, value: float) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        _limiter("redis://127.0.0.1:6379/0", "options", **{field: value})
    assert caught.value.field == field
