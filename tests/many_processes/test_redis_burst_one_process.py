"""A burst of takes in one process, through a ``RedisRateLimiter`` on a healthy Redis: every
take is answered by Redis (none from the local fallback), however many wait at once; the
fallback is for a Redis that is slow or unreachable, never for the process's own backlog.

Redis here answers each round trip 50 ms late (a real redis-server behind ``SlowProxy``, as a
Redis across a datacenter would): well inside ``redis_timeout`` (0.25 s), but 150 takes each
queued behind the round trips of the takes before them waited far past it and fell back
(bench section 9: 122 fallback slots, 213 HTTP 429).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import pytest
import redis as redis_py
from htx_swap import RedisRateLimiter

from bench.redis_server import RedisServer
from tests.many_processes.slow_proxy import SlowProxy

LIMIT, PERIOD, BURST = 72, 3.0, 150
LATE = 0.05  # seconds each Redis answer comes late: healthy, inside redis_timeout


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
    assert not any(fallback), f"{sum(fallback)} of {BURST} takes got a fallback slot"
    assert not limiter.on_fallback
    assert limiter.last_error is None, repr(limiter.last_error)
    assert waits.count(0.0) == LIMIT  # Redis's bucket, whole, and not one slot more
    assert all(wait > 0 for wait in waits if wait != 0.0)


def test_a_burst_of_sync_takes_on_a_healthy_redis_never_falls_back(
    redis: RedisServer, late_redis: str
) -> None:
    limiter = RedisRateLimiter(late_redis, account="burst-sync", limit=LIMIT, period=PERIOD)
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
    limiter = RedisRateLimiter(late_redis, account="burst-async", limit=LIMIT, period=PERIOD)
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
