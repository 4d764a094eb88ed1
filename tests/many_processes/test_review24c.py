"""Hostile review of ``RedisRateLimiter``'s fault recovery (issue 24: give-backs queued while
Redis is away and retried, the epoch, the exit flush). Each test is a defect found by using
it; each failed before its fix."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import textwrap
import threading
import time
from typing import Any

import redis as redis_py
from htx_swap import HtxCredentials, RedisRateLimiter, SwapClient
from htx_swap_mock import MockExchange

from bench.redis_server import RedisServer
from tests.many_processes.slow_proxy import SlowProxy


def _in_flight(server: RedisServer, account: str, bucket: str) -> int:
    raw = redis_py.Redis.from_url(server.url)
    try:
        return int(raw.zcard(f"htx_swap:{{{account}}}:{bucket}:in_flight"))
    finally:
        raw.close()


def test_close_sends_the_give_backs_that_waited_for_redis(redis: RedisServer) -> None:
    """Slots taken on Redis, given back while the network to Redis was cut, then Redis is
    reachable again and the limiter is closed (before its next retry): close() promises
    that "the slots queued to go back go first", and README that "a slot always goes back".
    They stay in flight on Redis instead, taking the bucket from every process."""
    with SlowProxy(redis.port) as proxy:
        limiter = RedisRateLimiter(
            proxy.url, account="r24c-close", limit=10, period=1.0, retry_after=30.0
        )
        try:
            for _ in range(3):
                assert limiter.take(within=2.0, lasts=20.0) == 0.0
                assert not limiter.fallback_slot()
            assert _in_flight(redis, "r24c-close", "trade") == 3
            proxy.cut = True
            for _ in range(3):
                limiter.release()
            deadline = time.monotonic() + 3.0
            while not limiter.on_fallback and time.monotonic() < deadline:
                time.sleep(0.05)
            assert limiter.on_fallback  # the round trip carrying them failed
            proxy.cut = False  # Redis answers again
        finally:
            limiter.close()
        assert _in_flight(redis, "r24c-close", "trade") == 0


EXITING_CHILD = textwrap.dedent(
    """
    import os, signal, sys, time
    from htx_swap import RedisRateLimiter

    url, count, redis_pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    limiters = [
        RedisRateLimiter(url, account="r24c-exit", limit=10, period=1.0, bucket=f"b{n}")
        for n in range(count)
    ]
    for limiter in limiters:
        assert limiter.take(within=3.0, lasts=5.0) == 0.0
    os.kill(redis_pid, signal.SIGSTOP)  # Redis paused: there, but silent
    for limiter in limiters:
        limiter.release()
    time.sleep(1.0)  # their round trips time out: the give-backs wait for Redis
    print("exiting", flush=True)
    """
)


def test_exit_with_many_limiters_and_a_paused_redis_stays_within_its_bound() -> None:
    """README: give-backs are sent "at exit (up to 5 s while Redis is there but silent)".
    20 limiters (5 accounts of 4 buckets, say) whose give-backs wait for a paused Redis: the
    process should be gone within 5 s (plus slack for a loaded host); it takes ~10 s."""
    with RedisServer() as server:
        process = server._process
        assert process is not None
        child = subprocess.Popen(
            [sys.executable, "-c", EXITING_CHILD, server.url, "20", str(process.pid)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "exiting"
            started = time.monotonic()
            child.wait(60)
            took = time.monotonic() - started
        finally:
            process.send_signal(signal.SIGCONT)
            if child.poll() is None:
                child.kill()
                child.wait()
            if child.stdout is not None:
                child.stdout.close()
        assert took < 7.0, f"the process took {took:.1f} s to exit"


def test_a_flapping_redis_is_not_warned_about_at_every_flap(redis: RedisServer) -> None:
    """README: when Redis cannot be reached the limiter "logs one warning". A link to Redis
    that drops every 0.7 s for 8 s (a flaky network, latency spikes past ``redis_timeout``)
    is warned about at every flap, twice: the log grows with the flaps, without bound."""
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Collect()
    logger = logging.getLogger("htx_swap.redis")
    logger.addHandler(handler)
    stop = threading.Event()
    try:
        with SlowProxy(redis.port) as proxy:
            limiter = RedisRateLimiter(
                proxy.url, account="r24c-flap", limit=72, period=3.0, retry_after=0.5
            )

            def flap() -> None:
                while not stop.wait(0.7):
                    proxy.cut = not proxy.cut
                proxy.cut = False

            flapper = threading.Thread(target=flap, daemon=True)
            flapper.start()
            try:
                end = time.monotonic() + 8.0
                while time.monotonic() < end:
                    if limiter.take(within=1.0, lasts=0.5) == 0.0:
                        limiter.release()
                    time.sleep(0.05)
            finally:
                stop.set()
                flapper.join(5)
                limiter.close()
    finally:
        logger.removeHandler(handler)
    lost = [message for message in records if "cannot be reached" in message]
    assert lost, "the flaps were met"
    assert len(lost) <= 2, f"{len(lost)} warnings that Redis cannot be reached in 8 s"


def _holds_left(server: RedisServer, account: str, bucket: str = "trade") -> list[float]:
    """Seconds left of each slot's hold in flight on Redis, by Redis's clock."""
    raw = redis_py.Redis.from_url(server.url)
    try:
        seconds, micros = raw.time()
        now = int(seconds) * 1_000_000 + int(micros)
        key = f"htx_swap:{{{account}}}:{bucket}:in_flight"
        members: list[Any] = list(raw.zrange(key, 0, -1, withscores=True))
        return [(float(member[1]) - now) / 1_000_000 for member in members]
    finally:
        raw.close()


def test_a_slot_restored_after_redis_lost_its_data_keeps_its_own_hold(
    redis: RedisServer,
) -> None:
    """README: "A slot in flight is held on Redis at most its request's own bound plus the
    period, so a process killed mid-request frees its slot then." A slot taken for a 1 s
    request (held 2.5 s), then Redis flushed, then the next take restores the bucket: the
    restored slot is held 60 s, so a process killed now takes it from every process for a
    minute."""
    limiter = RedisRateLimiter(redis.url, account="r24c-restore", limit=10, period=1.0)
    try:
        assert limiter.take(within=2.0, lasts=1.0) == 0.0
        assert not limiter.fallback_slot()
        assert max(_holds_left(redis, "r24c-restore")) <= 3.0
        raw = redis_py.Redis.from_url(redis.url)
        try:
            raw.flushall()  # Redis lost its data (a restart without it)
        finally:
            raw.close()
        assert limiter.take(within=2.0, lasts=1.0) == 0.0  # restores the bucket first
        assert not limiter.fallback_slot()
        holds = _holds_left(redis, "r24c-restore")
        assert len(holds) == 2  # the restored slot and the new one
        assert max(holds) <= 3.0, f"held {max(holds):.1f} s on Redis"
    finally:
        limiter.close()


def test_a_blip_with_a_nearly_empty_bucket_does_not_stall_every_process(
    redis: RedisServer,
) -> None:
    """README: "Back on Redis from a full bucket, the first process to rejoin holds every
    grant back for one period". Two processes (a limiter each) hold 2 of 72 slots; the
    network to one of them drops for one round trip. On its rejoin, every process's takes
    wait ~3 s (a period) with 70 slots free: a cancel with less than a period left is not
    sent ("waiting for a rate-limit slot")."""
    with SlowProxy(redis.port) as proxy:
        other = RedisRateLimiter(  # a loaded test machine never takes it off Redis
            redis.url, account="r24c-blip", limit=72, period=3.0, redis_timeout=1.0
        )
        blipped = RedisRateLimiter(
            proxy.url, account="r24c-blip", limit=72, period=3.0, retry_after=0.3
        )
        try:
            assert other.take(within=1.0, lasts=1.0) == 0.0
            assert blipped.take(within=1.0, lasts=1.0) == 0.0
            other.release()
            blipped.release()
            proxy.cut = True  # one round trip lost
            blipped.take(within=1.0, lasts=1.0)  # falls back: a local slot, or a wait for one
            deadline = time.monotonic() + 3.0
            while not blipped.on_fallback and time.monotonic() < deadline:
                time.sleep(0.02)
            proxy.cut = False
            time.sleep(0.4)  # past retry_after: the next take rejoins
            blipped.take(within=1.0, lasts=1.0)
            assert not blipped.on_fallback
            assert other.take(within=1.0, lasts=1.0) == 0.0, "3 of 72 slots taken"
        finally:
            other.close()
            blipped.close()


def test_a_cancel_in_another_process_goes_out_after_a_blip(redis: RedisServer) -> None:
    """The same blip as above, seen by a client of the process that never lost Redis: its
    cancel (a 2 s deadline, as a panic's leg may have) is not sent, though the account's
    bucket holds 2 slots of 72."""
    order_id = "771038212360937472"
    with SlowProxy(redis.port) as proxy, MockExchange() as exchange:
        exchange.add_order("BTC-USD", order_id)
        other = RedisRateLimiter(  # a loaded test machine never takes it off Redis
            redis.url, account="r24c-blip2", limit=72, period=3.0, redis_timeout=1.0
        )
        blipped = RedisRateLimiter(
            proxy.url, account="r24c-blip2", limit=72, period=3.0, retry_after=0.3
        )
        try:
            assert other.take(within=1.0, lasts=1.0) == 0.0
            assert blipped.take(within=1.0, lasts=1.0) == 0.0
            other.release()
            blipped.release()
            proxy.cut = True
            blipped.take(within=1.0, lasts=1.0)
            deadline = time.monotonic() + 3.0
            while not blipped.on_fallback and time.monotonic() < deadline:
                time.sleep(0.02)
            proxy.cut = False
            time.sleep(0.4)
            blipped.take(within=1.0, lasts=1.0)  # rejoins
            credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
            with SwapClient(credentials, base_url=exchange.url, rate_limiter=other) as client:
                outcome = client.cancel_and_confirm("BTC-USD", order_ids=[order_id], deadline=2.0)
            assert outcome.cancelled == [order_id], outcome.failed
        finally:
            other.close()
            blipped.close()
