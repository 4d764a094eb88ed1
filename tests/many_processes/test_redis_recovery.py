"""``RedisRateLimiter`` recovering what Redis lost: a bucket Redis forgot (flushed, restarted
without its data) is restored from what the process knows, and a process falling back while
the bucket was full counts the other processes' slots until Redis said they free."""

from __future__ import annotations

import time
from collections.abc import Callable

import redis as redis_py
from htx_swap import RedisRateLimiter

from bench.redis_server import RedisServer


def test_a_bucket_redis_forgot_is_restored_from_this_process_s_own_slots(
    redis: RedisServer,
) -> None:
    limiter = RedisRateLimiter(redis.url, account="flushed-bucket", limit=2, period=2.0)
    for _ in range(2):  # the whole bucket, answered just now
        assert limiter.take() == 0.0
        assert not limiter.fallback_slot()
        limiter.release()
    raw = redis_py.Redis.from_url(redis.url)
    try:
        raw.flushall()  # Redis lost its data (a restart without it)
    finally:
        raw.close()
    wait = limiter.take()
    assert wait > 0, "a 3rd request within the period: HTX answers 429"
    assert not limiter.on_fallback
    other = RedisRateLimiter(redis.url, account="flushed-bucket", limit=2, period=2.0)
    assert other.take() > 0  # the restored slots count for every process


def test_falling_back_from_a_full_bucket_counts_the_others_slots_until_they_free(
    redis_factory: Callable[..., RedisServer],
) -> None:
    server = redis_factory()
    other = RedisRateLimiter(server.url, account="full", limit=4, period=1.0)
    mine = RedisRateLimiter(server.url, account="full", limit=4, period=1.0, share=0.5)
    assert other.take() == 0.0
    other.release()  # frees about 1.0 s from now
    time.sleep(0.5)
    for _ in range(3):  # free about 1.5 s from now
        assert other.take() == 0.0
        other.release()
    started = time.monotonic()
    first_free = mine.take()  # the bucket is full: Redis names when its slots free
    assert 0 < first_free < 1.0
    server.stop()  # Redis lost while 3 of the others' slots are still in their period
    time.sleep(first_free + 0.05)
    assert mine.take() > 0, "its 2 fallback slots on top of the others' 3: 5 of 4"
    assert mine.on_fallback
    time.sleep(max(0.0, 1.1 - (time.monotonic() - started)))  # the others' 3 have freed
    assert mine.take() == 0.0
    assert mine.fallback_slot()
