"""A burst of takes in one process, through a ``RedisRateLimiter`` on a healthy Redis: every
take is answered by Redis (none from the local fallback), however many wait at once; the
fallback is for a Redis that is slow or unreachable, never for the process's own backlog.

Redis here answers each round trip 0.1 s late (a real redis-server behind ``SlowProxy``, as a
Redis across a datacenter would): well inside ``redis_timeout`` (0.5 s here), but 150 takes
each queued behind the round trips of the takes before them waited far past it and fell back
(bench section 9: 122 fallback slots, 213 HTTP 429).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Iterator

import pytest
import redis as redis_py
from htx_swap import AccountLimiters, RedisRateLimiter
from htx_swap._redis.redis_limiter import connect

from bench.redis_server import RedisServer
from tests.many_processes.slow_proxy import SlowProxy

LIMIT, PERIOD, BURST = 72, 3.0, 150
LATE = 0.1  # seconds each Redis answer comes late: healthy, well inside redis_timeout
REDIS_TIMEOUT = 0.5  # (150 takes one behind the other: 15 of 8 workers' round trips, 1.5 s)


@pytest.fixture
def late_redis(redis: RedisServer) -> Iterator[str]:
    with SlowProxy(redis.port, delay=LATE) as proxy:
        yield f"redis://127.0.0.1:{proxy.port}/0"


def _scripts_run(url: str) -> int:
    raw = redis_py.Redis.from_url(url)
    try:
        stats = raw.info("commandstats")
    finally:
        raw.close()
    return sum(
        int(stats.get(f"cmdstat_{name}", {}).get("calls", 0)) for name in ("evalsha", "eval")
    )


def _check(limiter: RedisRateLimiter, waits: list[float], fallback: list[bool]) -> None:
    assert not any(fallback), (
        f"{sum(fallback)} of {BURST} takes got a fallback slot ({limiter.last_error!r})"
    )
    assert not limiter.on_fallback
    assert limiter.last_error is None, repr(limiter.last_error)
    assert waits.count(0.0) == LIMIT  # Redis's bucket, whole, and not one slot more
    assert all(wait > 0 for wait in waits if wait != 0.0)


def test_a_burst_of_sync_takes_on_a_healthy_redis_never_falls_back(
    redis: RedisServer, late_redis: str
) -> None:
    limiter = RedisRateLimiter(
        late_redis, account="burst-sync", limit=LIMIT, period=PERIOD, redis_timeout=REDIS_TIMEOUT
    )
    waits: list[float] = [-1.0] * BURST
    fallback: list[bool] = [False] * BURST
    go = threading.Barrier(BURST)

    def take(n: int) -> None:
        go.wait()
        waits[n] = limiter.take(within=10.0, lasts=5.0)
        fallback[n] = limiter.fallback_slot()

    threads = [threading.Thread(target=take, args=(n,)) for n in range(BURST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    limiter.close()
    _check(limiter, waits, fallback)


@pytest.mark.asyncio
async def test_a_burst_of_async_takes_on_a_healthy_redis_never_falls_back_and_shares_round_trips(
    redis: RedisServer, late_redis: str
) -> None:
    limiter = RedisRateLimiter(
        late_redis, account="burst-async", limit=LIMIT, period=PERIOD, redis_timeout=REDIS_TIMEOUT
    )
    before = _scripts_run(redis.url)

    async def take() -> tuple[float, bool]:
        wait = await limiter.take_async(within=10.0, lasts=5.0)
        return wait, limiter.fallback_slot()  # asked right after its take, as the engine does

    answers = await asyncio.gather(*(take() for _ in range(BURST)))
    asked = _scripts_run(redis.url) - before
    limiter.close()
    _check(limiter, [wait for wait, _ in answers], [marked for _, marked in answers])
    # the takes waiting at once share a round trip: a handful for 150, not one each
    assert asked <= 10, f"{asked} scripts run for {BURST} takes"


def test_takes_queued_behind_a_late_redis_all_fall_back_within_its_bound(
    redis: RedisServer,
) -> None:
    """Redis answering 3 s late: every one of 40 takes waiting at once is answered by the
    fallback within the round trip under way and its own (each ``redis_timeout``), however
    many wait with it."""
    timeout = 0.2
    with SlowProxy(redis.port, delay=3.0) as proxy:
        limiter = RedisRateLimiter(
            f"redis://127.0.0.1:{proxy.port}/0",
            account="late",
            limit=LIMIT,
            period=PERIOD,
            redis_timeout=timeout,
            retry_after=30.0,
        )
        took: list[float] = []
        go = threading.Barrier(40)

        def take() -> None:
            go.wait()
            started = time.monotonic()
            limiter.take(within=10.0, lasts=5.0)
            took.append(time.monotonic() - started)

        threads = [threading.Thread(target=take) for _ in range(40)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        limiter.close()
    assert len(took) == 40
    assert limiter.on_fallback
    # two round trips' bound, and a loaded host's slack (the calls' own bound is 10 s)
    assert max(took) < 2 * timeout + 0.6, f"a take waited {max(took):.2f} s for a late Redis"


def _calls(url: str, name: str) -> int:
    raw = redis_py.Redis.from_url(url)
    try:
        return int(raw.info("commandstats").get(f"cmdstat_{name}", {}).get("calls", 0))
    finally:
        raw.close()


def test_the_first_take_finds_the_connection_and_the_script_warm(redis: RedisServer) -> None:
    evals = _calls(redis.url, "eval")
    limiter = RedisRateLimiter(redis.url, account="warm", limit=LIMIT, period=PERIOD)
    assert limiter.take(within=10.0, lasts=5.0) == 0.0
    limiter.close()
    assert _calls(redis.url, "eval") == evals  # the script was loaded before: EVALSHA it was
    shared = AccountLimiters.on_redis(redis.url, account="warm-all")
    assert shared.read.take(within=10.0, lasts=5.0) == 0.0  # a bucket the warm-up did not ask
    assert _calls(redis.url, "eval") == evals


@pytest.mark.asyncio
async def test_a_take_cancelled_while_its_round_trip_is_under_way_gives_its_slot_back(
    redis: RedisServer,
) -> None:
    raw = redis_py.Redis.from_url(redis.url)
    with SlowProxy(redis.port, delay=0.3) as proxy:
        url = f"redis://127.0.0.1:{proxy.port}/0"
        limiter = RedisRateLimiter(
            url, account="cancelled", limit=1, period=PERIOD, redis_timeout=1.0
        )
        await asyncio.sleep(1.0)  # warmed (HELLO and the script, 0.3 s late each)
        task = asyncio.create_task(limiter.take_async(within=10.0, lasts=5.0))
        await asyncio.sleep(0.1)  # its round trip under way: Redis gives it the slot
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.sleep(1.0)  # the grant came, then went back in the next round trip
        limiter.close()
    assert raw.zcard("htx_swap:{cancelled}:trade:in_flight") == 0
    assert raw.zcard("htx_swap:{cancelled}:trade:answered") == 0  # unused: no period
    raw.close()


def test_a_call_out_of_time_sends_on_a_local_slot_counted_on_redis_and_redis_stays_on(
    redis: RedisServer,
) -> None:
    """A call whose own time runs out before a healthy Redis answers: its slot is local
    (marked), counted on Redis by the next round trip; the limiter stays on Redis."""
    raw = redis_py.Redis.from_url(redis.url)
    with SlowProxy(redis.port, delay=0.15) as proxy:
        url = f"redis://127.0.0.1:{proxy.port}/0"
        limiter = RedisRateLimiter(
            url, account="hurried", limit=LIMIT, period=PERIOD, redis_timeout=1.0
        )
        time.sleep(0.8)  # warmed (HELLO and the script, 0.15 s late each)
        assert limiter.take(within=0.05, lasts=5.0) == 0.0
        assert limiter.fallback_slot()  # marked: sent before Redis counted it
        assert not limiter.on_fallback  # Redis was not slow: the call was out of time
        time.sleep(0.6)  # the next round trip counts it, and gives back the late grant
        assert raw.zcard("htx_swap:{hurried}:trade:answered") == 1
        assert raw.zcard("htx_swap:{hurried}:trade:in_flight") == 0
        assert limiter.take(within=10.0, lasts=5.0) == 0.0
        assert not limiter.fallback_slot()
        limiter.close()
    raw.close()


def test_a_late_answer_sends_one_take_locally_and_the_limiter_stays_on_redis(
    redis: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Redis answering each command 0.15 s late, inside ``redis_timeout`` (0.4 s): a take on a
    cold connection (HELLO, NOSCRIPT, then EVAL: 0.45 s) is answered after its bound; it goes
    out on a local slot (marked), counted on Redis by the next round trip, with one warning,
    and the limiter stays on Redis: Redis failed no round trip."""
    raw = redis_py.Redis.from_url(redis.url)
    raw.script_flush()  # cold: NOSCRIPT, then EVAL
    with SlowProxy(redis.port, delay=0.15) as proxy:
        url = f"redis://127.0.0.1:{proxy.port}/0"
        cold = connect(url, timeout=0.4)  # given: not warmed
        limiter = RedisRateLimiter(
            url, account="late-once", limit=LIMIT, period=PERIOD, redis_timeout=0.4, client=cold
        )
        with caplog.at_level(logging.WARNING, logger="htx_swap.redis"):
            assert limiter.take(within=10.0, lasts=5.0) == 0.0
            assert limiter.fallback_slot()
            assert not limiter.on_fallback
            time.sleep(1.0)  # the late grant goes back; the local slot is counted
            assert limiter.take(within=10.0, lasts=5.0) == 0.0
            assert not limiter.fallback_slot()  # warm now: Redis's own slot
        limiter.close()
    assert raw.zcard("htx_swap:{late-once}:trade:answered") == 1  # the local slot, counted
    assert raw.zcard("htx_swap:{late-once}:trade:in_flight") == 1  # the second take's
    assert [r.message for r in caplog.records if "later than" in r.message] != []
    assert not [r for r in caplog.records if "cannot be reached" in r.message]
    raw.close()
