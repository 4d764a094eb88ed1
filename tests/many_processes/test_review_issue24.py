"""Review of issue 24 (Redis-shared limits and switch, panic across accounts): each test is a
way a second process, a flaky Redis or a hurried operator broke what was built."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from htx_swap import (
    AccountLimiters,
    AsyncSwapClient,
    HtxCredentials,
    HtxError,
    InvalidRequestError,
    RedisRateLimiter,
    RedisSwitchCoordinator,
    SwapClient,
    panic_accounts,
)
from htx_swap._cli.accounts_cli import _exit_code, read_accounts
from htx_swap._model.errors import AuthenticationError, ServiceUnavailableError
from htx_swap._redis.accounts import AccountsPanicReport
from htx_swap_mock import MockExchange

from bench.redis_server import RedisServer
from tests.many_processes.slow_proxy import SlowProxy

ORDER = 771038212360937472
KEYS = {"main-key": "main-secret", "hedge-key": "hedge-secret"}


def _credentials(exchange: MockExchange) -> HtxCredentials:
    return HtxCredentials(exchange.access_key, exchange.secret_key)


# -- panic across accounts ------------------------------------------------------------------


def test_a_refused_key_never_hides_another_accounts_doubt() -> None:
    """One account's key refused (3), another's panic in doubt (4): the exit code must say the
    doubt; 3 tells a script "nothing was processed", which is false for the second account."""
    report = AccountsPanicReport(
        {},
        {
            "revoked": AuthenticationError("key refused", code=1017, may_have_reached=False),
            "main": ServiceUnavailableError("busy", code=None, may_have_reached=True),
        },
    )
    assert report.refused == ["revoked"]
    assert _exit_code(report) == 4


def _environ() -> dict[str, str]:
    return {"R_ACCESS": "review-access", "R_SECRET": "review-very-secret\n"}


def test_a_secret_from_the_accounts_file_is_not_in_a_traceback_s_locals(
    tmp_path: Path,
) -> None:
    """A pasted secret with a trailing newline: the error names the field, and no frame of its
    traceback holds the key (tools such as Sentry record locals)."""
    path = tmp_path / "accounts.toml"
    path.write_text('[accounts.main]\naccess_key_env = "R_ACCESS"\nsecret_key_env = "R_SECRET"\n')
    with pytest.raises(InvalidRequestError) as caught:  # (no local of this frame holds it)
        read_accounts(str(path), _environ())
    shown = "".join(
        traceback.TracebackException.from_exception(caught.value, capture_locals=True).format()
    )
    assert "review-very-secret" not in shown
    assert "accounts.main" in str(caught.value)  # which account's key is wrong


def test_one_account_failing_oddly_keeps_every_other_accounts_report(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An account whose panic raised something unexpected: the other accounts' panics ran and
    cancelled; their reports must not be thrown away with it."""
    with MockExchange(credentials=KEYS) as exchange:
        exchange.add_order("BTC-USD", ORDER)
        original = SwapClient.panic

        def panic(self: SwapClient, *args: Any, **kwargs: Any) -> Any:
            if self._engine.auth.credentials.access_key == "hedge-key":
                raise RuntimeError("the hedge account's thread broke")
            return original(self, *args, **kwargs)

        monkeypatch.setattr(SwapClient, "panic", panic)
        report = panic_accounts(
            {
                "main": HtxCredentials("main-key", "main-secret"),
                "hedge": HtxCredentials("hedge-key", "hedge-secret"),
            },
            contract_codes=["BTC-USD"],
            base_url=exchange.url,
        )
    assert report.reports["main"].clean
    assert set(report.errors) == {"hedge"}
    assert report.errors["hedge"].may_have_reached
    assert not report.clean


# -- the shared dead man's switch ------------------------------------------------------------


def test_redis_losing_its_data_never_stops_live_holders_refreshing(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    import redis as redis_py

    coordinator = RedisSwitchCoordinator(redis.url, account="flushed")
    raw = redis_py.Redis.from_url(redis.url)
    states = []
    with SwapClient(_credentials(htx_exchange), base_url=htx_exchange.url) as client:
        try:
            with client.dead_mans_switch(5, refresh=0.2, coordinator=coordinator):
                raw.flushall()  # a restart without persistence, a failover to an empty replica
                time.sleep(7.0)  # past the switch's 5 s: a live holder keeps it armed
                states.append(htx_exchange.cancel_after())
        except HtxError:
            pass  # leaving may say "left armed": the holder cannot know it was alone
    raw.close()
    state = states[0]
    assert state.fired == 0, "HTX fired the switch while its holder was alive"


def test_a_holder_joining_while_the_last_one_leaves_is_not_left_unprotected(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    credentials = _credentials(htx_exchange)
    joined, release = threading.Event(), threading.Event()

    class Leaving(RedisSwitchCoordinator):
        def leave(self, *, clean: bool) -> Any:
            answer = super().leave(clean=clean)  # "last": this holder will turn it off
            start_joiner()  # another process joins and arms in the meantime
            assert joined.wait(10)
            return answer

    def joiner() -> None:
        coordinator = RedisSwitchCoordinator(redis.url, account="race")
        with (
            SwapClient(credentials, base_url=htx_exchange.url) as client,
            client.dead_mans_switch(5, refresh=4, coordinator=coordinator),
        ):
            joined.set()
            release.wait(10)

    thread = threading.Thread(target=joiner)

    def start_joiner() -> None:
        thread.start()

    try:
        with (
            SwapClient(credentials, base_url=htx_exchange.url) as client,
            client.dead_mans_switch(5, refresh=4, coordinator=Leaving(redis.url, account="race")),
        ):
            pass
        armed = htx_exchange.cancel_after().armed  # the joiner is inside its block
    finally:
        release.set()
        thread.join(15)
    assert armed, "the switch is off while a live holder holds it"


# -- RedisRateLimiter ------------------------------------------------------------------------


@pytest.fixture
def slow_redis(redis: RedisServer) -> Iterator[str]:
    """A Redis answering every command 0.15 s late: slow, yet inside ``redis_timeout``."""
    with SlowProxy(redis.port, delay=0.15) as proxy:
        yield f"redis://127.0.0.1:{proxy.port}/0"


@pytest.mark.asyncio
async def test_a_slow_redis_never_blocks_the_async_clients_event_loop(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    """Redis answering 1 s late (inside ``redis_timeout``): a loop blocked on it would lag 1 s
    a round trip; a loaded host's own jitter stays well under 0.5 s."""
    ids = [str(ORDER + n) for n in range(3)]
    for order_id in ids:
        htx_exchange.add_order("BTC-USD", order_id)
    lags: list[float] = []

    async def heartbeat() -> None:
        while True:
            before = time.monotonic()
            await asyncio.sleep(0.01)
            lags.append(time.monotonic() - before - 0.01)

    with SlowProxy(redis.port, delay=1.0) as proxy:
        slow = f"redis://127.0.0.1:{proxy.port}/0"
        limiters = AccountLimiters.on_redis(slow, account="loop", redis_timeout=2.0)
        beat = asyncio.create_task(heartbeat())
        async with AsyncSwapClient(
            _credentials(htx_exchange), base_url=htx_exchange.url, limiters=limiters
        ) as client:
            await asyncio.gather(*(client.cancel("BTC-USD", order_ids=[i]) for i in ids))
        beat.cancel()
        await asyncio.gather(beat, return_exceptions=True)
        trade = limiters.trade
        assert isinstance(trade, RedisRateLimiter)
        trade.close()  # (its releases done before the proxy goes)
    assert max(lags) < 0.5, f"the event loop was blocked {max(lags):.2f} s"


def test_a_slow_redis_never_holds_a_call_past_its_bound(
    slow_redis: str, htx_exchange: MockExchange
) -> None:
    htx_exchange.add_order("BTC-USD", ORDER)
    limiter = RedisRateLimiter(
        slow_redis, account="bound", limit=72, period=3.0, redis_timeout=0.25
    )
    with SwapClient(
        _credentials(htx_exchange), base_url=htx_exchange.url, rate_limiter=limiter, timeout=0.3
    ) as client:
        started = time.monotonic()
        with contextlib.suppress(HtxError):
            client.cancel("BTC-USD", order_ids=[str(ORDER)])
        took = time.monotonic() - started
    limiter.close()
    assert took < 0.3 + 0.15, f"a cancel bounded at 0.3 s took {took:.2f} s"


DYING = """
import sys, time
from htx_swap import HtxCredentials, RedisRateLimiter, SwapClient
exchange, redis_url, key, secret = sys.argv[1:5]
limiter = RedisRateLimiter(redis_url, account="dies", limit=1, period=1.0)
with SwapClient(HtxCredentials(key, secret), base_url=exchange, rate_limiter=limiter,
                timeout=3.0) as client:
    client.cancel("BTC-USD", order_ids=["771038212360937400"])
"""


def test_a_process_killed_mid_request_frees_its_slot_within_its_requests_bound(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    import os
    import subprocess
    import sys

    from htx_swap_mock.faults import delay

    htx_exchange.inject(delay(30), path="/swap-api/v1/swap_cancel")  # the child hangs in it
    htx_exchange.add_order("BTC-USD", ORDER)
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            DYING,
            htx_exchange.url,
            redis.url,
            htx_exchange.access_key,
            htx_exchange.secret_key,
        ],
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        end = time.monotonic() + 20
        while not htx_exchange.received and time.monotonic() < end:
            time.sleep(0.02)
        assert htx_exchange.received, "the child never sent"
        child.kill()  # mid-request: its slot is never released
    finally:
        child.kill()
        child.wait()
    limiter = RedisRateLimiter(redis.url, account="dies", limit=1, period=1.0)
    with SwapClient(
        _credentials(htx_exchange), base_url=htx_exchange.url, rate_limiter=limiter
    ) as client:
        # the child's attempt was bounded at 3 s, the period is 1 s: 10 s is plenty
        result = client.cancel_and_confirm("BTC-USD", order_ids=[str(ORDER)], deadline=10.0)
    assert result.cancelled == [str(ORDER)], repr(result)[:400]


def test_redis_lost_mid_burst_never_forgets_this_process_s_own_slots(
    redis_factory: Callable[..., RedisServer],
) -> None:
    server = redis_factory()
    limiter = RedisRateLimiter(
        server.url, account="forget", limit=4, period=2.0, share=0.5, retry_after=5.0
    )
    for _ in range(4):  # the whole bucket, on Redis, answered just now
        assert limiter.acquire() == 0.0
        limiter.release()
    server.stop()  # Redis lost mid-burst
    assert limiter.acquire() > 0, "a 5th request within the period: HTX answers 429"


def test_a_holder_refused_at_entry_does_not_count_as_a_dead_holder(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    survivor = RedisSwitchCoordinator(redis.url, account="refused-join")
    refused = RedisSwitchCoordinator(redis.url, account="refused-join")
    wrong = HtxCredentials(htx_exchange.access_key, "not-the-secret")
    with SwapClient(_credentials(htx_exchange), base_url=htx_exchange.url) as client:
        with client.dead_mans_switch(5, refresh=1, coordinator=survivor):
            with (
                SwapClient(wrong, base_url=htx_exchange.url) as other,
                pytest.raises(AuthenticationError) as caught,
                other.dead_mans_switch(5, coordinator=refused),
            ):
                pytest.fail("entered")
            assert not caught.value.may_have_reached  # nothing it sent was processed
        assert survivor.last_exit == "last"
    assert not htx_exchange.cancel_after().armed


def test_a_password_in_the_url_s_query_is_never_shown(
    htx_exchange: MockExchange, caplog: pytest.LogCaptureFixture
) -> None:
    """redis-py reads ``?password=`` too: it is masked like the one before the host."""
    import logging

    from htx_swap import SwitchCoordinationError

    url = "redis://127.0.0.1:1/0?db=0&password=query-s3cret"
    limiter = RedisRateLimiter(url, account="query", limit=1, period=1.0)
    coordinator = RedisSwitchCoordinator(url, account="query")
    with caplog.at_level(logging.WARNING, logger="htx_swap.redis"):
        assert limiter.acquire() == 0.0  # on the fallback, with its one warning
    with pytest.raises(SwitchCoordinationError) as caught:
        coordinator.join(5)
    shown = " ".join([repr(limiter), repr(coordinator), str(caught.value), caplog.text])
    assert "cannot be reached" in caplog.text
    assert "query-s3cret" not in shown
    assert "password=***" in repr(limiter)
    assert "db=0" in repr(limiter)


def test_one_key_named_twice_is_refused_before_anything_is_sent() -> None:
    """A hurried operator lists one key under two names: two panics at once of one account,
    each in buckets of its own, would over-run HTX's (which counts per account)."""
    with pytest.raises(InvalidRequestError) as caught:
        panic_accounts(
            {
                "main": HtxCredentials("main-key", "main-secret"),
                "copy": HtxCredentials("main-key", "main-secret"),
            },
            base_url="http://127.0.0.1:9",
        )
    assert caught.value.field == "accounts['copy']"
    assert "main-secret" not in str(caught.value)
