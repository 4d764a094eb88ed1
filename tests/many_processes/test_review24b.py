"""Hostile review of the redesigned ``RedisRateLimiter`` (issue 24: one round trip per
process's waiting takes, one round-trip thread per limiter, the fallback only on a failed
round trip). Each test is a defect found by using it, each fixed since."""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pytest
import redis as redis_py
from htx_swap import InvalidRequestError, RedisRateLimiter, RedisSwitchCoordinator
from htx_swap_mock import MockExchange

from bench.redis_server import RedisServer, free_port
from bench.shared_burst import RateCounter, burst
from tests.many_processes.slow_proxy import SlowProxy


def _in_flight(server: RedisServer, account: str, bucket: str = "trade") -> int:
    raw = redis_py.Redis.from_url(server.url)
    try:
        return int(raw.zcard(f"htx_swap:{{{account}}}:{bucket}:in_flight"))
    finally:
        raw.close()


def _first_free_slot_within(limiter: RedisRateLimiter, seconds: float) -> bool:
    """Whether ``limiter`` takes a slot (on Redis) within ``seconds``, asking as told."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        wait = limiter.take()
        if wait == 0.0:
            return not limiter.fallback_slot()
        time.sleep(min(wait, max(0.0, end - time.monotonic()), 0.1))
    return False


@pytest.fixture
def interrupt_after() -> Iterator[Callable[[float], None]]:
    """Raise ``KeyboardInterrupt`` in the main thread ``seconds`` from now (Ctrl-C)."""

    def ctrl_c(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, ctrl_c)

    def arm(seconds: float) -> None:
        signal.setitimer(signal.ITIMER_REAL, seconds)

    yield arm
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def test_a_sync_take_interrupted_mid_round_trip_gives_its_slot_back(
    redis: RedisServer, interrupt_after: Callable[[float], None]
) -> None:
    with SlowProxy(redis.port, 0.3) as proxy:
        slow = RedisRateLimiter(
            f"redis://127.0.0.1:{proxy.port}/0",
            account="ctrl-c",
            limit=1,
            period=0.5,
            redis_timeout=3.0,  # the round trip itself succeeds (no fallback involved)
            hold=30,
        )
        time.sleep(0.8)  # the warm-up's script load is through
        interrupt_after(0.1)  # the take's round trip is under way (its answer 0.3 s late)
        with pytest.raises(KeyboardInterrupt):
            slow.take()
        time.sleep(1.5)  # the round trip lands on Redis and is answered
        assert not slow.on_fallback
    other = RedisRateLimiter(redis.url, account="ctrl-c", limit=1, period=0.5, hold=30)
    assert _first_free_slot_within(other, 2.0), "the interrupted take's slot is still held"
    assert _in_flight(redis, "ctrl-c") == 1  # the other's own only


def test_slots_granted_by_a_round_trip_that_timed_out_are_given_back(
    redis_factory: Callable[..., RedisServer],
) -> None:
    server = redis_factory()
    paused = RedisRateLimiter(
        server.url, account="paused", limit=1, period=0.5, hold=30, retry_after=0.3
    )
    time.sleep(0.3)  # warmed
    process = server._process
    assert process is not None
    process.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        assert paused.take() == 0.0  # on a local slot, within its bound
        assert time.monotonic() - started < 1.0
        time.sleep(0.5)  # Redis stays silent past the round trip's socket timeout
        assert paused.on_fallback  # the round trip failed
    finally:
        process.send_signal(signal.SIGCONT)
    time.sleep(0.3)  # Redis runs what it had read meanwhile
    paused.release()
    time.sleep(1.0)  # two periods: the local slot's period is over too
    other = RedisRateLimiter(server.url, account="paused", limit=1, period=0.5, hold=30)
    assert _first_free_slot_within(other, 2.0), (
        f"{_in_flight(server, 'paused')} slot(s) in flight on Redis that no process holds"
    )


def _take_in_a_forked_child(limiter: RedisRateLimiter, answers: Any) -> None:
    started = time.monotonic()
    wait = limiter.take()
    answers.put((wait, limiter.fallback_slot(), time.monotonic() - started))


def test_a_limiter_used_after_fork_still_counts_on_redis(redis: RedisServer) -> None:
    limiter = RedisRateLimiter(redis.url, account="forked", limit=10, period=1.0, hold=30)
    assert limiter.take() == 0.0  # the round-trip thread exists in the parent
    assert not limiter.fallback_slot()
    context = multiprocessing.get_context("fork")
    answers = context.Queue()
    child = context.Process(target=_take_in_a_forked_child, args=(limiter, answers))
    child.start()
    try:
        wait, local, _ = answers.get(timeout=20)
    finally:
        child.join(10)
    assert wait == 0.0
    assert not local, "the child's take went out on a local slot with Redis up"
    assert _in_flight(redis, "forked") == 2  # the parent's slot and the child's
    limiter.release()


SECRET_URLS = [
    "redis://:hunter#2secret@127.0.0.1:6379/0",
    "redis://:hunter/2secret@127.0.0.1:6379/0",
    "redis://:hunter?2secret@127.0.0.1:6379/0",
]


@pytest.mark.parametrize("url", SECRET_URLS)
@pytest.mark.parametrize("build", ["limiter", "coordinator"])
def test_a_password_with_url_delimiters_never_shows_in_the_error(url: str, build: str) -> None:
    def construct() -> object:
        if build == "limiter":
            return RedisRateLimiter(url, account="main", limit=72, period=3.0)
        return RedisSwitchCoordinator(url, account="main")

    with pytest.raises(InvalidRequestError) as raised:
        construct()
    shown = f"{raised.value} {raised.value!r} {raised.value.args!r}"
    assert "2secret" not in shown, shown
    assert "hunter" not in shown, shown


def test_the_fallback_share_of_a_small_bucket_stays_a_share() -> None:
    down = RedisRateLimiter(
        f"redis://127.0.0.1:{free_port()}/0",
        account="small",
        limit=1,
        period=0.25,
        share=0.25,
        retry_after=60,
    )
    sent = 0
    end = time.monotonic() + 1.0  # four periods: a quarter of one slot a period is one slot
    while time.monotonic() < end:
        wait = down.take()
        if wait == 0.0:
            assert down.fallback_slot()
            sent += 1
            down.release()
        else:
            time.sleep(min(wait, 0.05))
    assert sent <= 2, f"{sent} requests in 4 periods on a quarter of a 1-slot bucket"


def test_slots_answered_while_redis_was_away_are_given_back_on_rejoin(
    redis_factory: Callable[..., RedisServer],
) -> None:
    server = redis_factory()
    limiter = RedisRateLimiter(
        server.url, account="away", limit=2, period=0.5, hold=30, retry_after=0.3
    )
    time.sleep(0.3)  # warmed
    assert limiter.take() == 0.0
    assert limiter.take() == 0.0
    assert not limiter.fallback_slot()
    process = server._process
    assert process is not None
    process.send_signal(signal.SIGSTOP)
    try:
        limiter.take()  # the bucket is full anyway: the round trip times out, on the fallback
        time.sleep(0.5)  # the round trip's socket timeout has passed
        assert limiter.on_fallback
        limiter.release()  # both requests answered while Redis is away
        limiter.release()
    finally:
        process.send_signal(signal.SIGCONT)
    time.sleep(1.0)  # past retry_after and two periods
    assert _first_free_slot_within(limiter, 2.0), (  # rejoins, and its answered slots are free
        f"{_in_flight(server, 'away')} slot(s) in flight on Redis, answered long ago"
    )
    limiter.release()
    other = RedisRateLimiter(server.url, account="away", limit=2, period=0.5, hold=30)
    assert _first_free_slot_within(other, 2.0), (
        f"{_in_flight(server, 'away')} slot(s) in flight on Redis, answered long ago"
    )


class _FaultAfter(RateCounter):
    """The exchange's request log; once ``after`` answers came (mid-burst), ``fault`` runs in
    a thread of its own."""

    def __init__(self, after: int, fault: Callable[[], None]) -> None:
        super().__init__()
        self.after, self.fault = after, fault
        self.thread: threading.Thread | None = None

    def __call__(self, line: str) -> None:
        super().__call__(line)
        if self.thread is None and self.answers >= self.after:
            self.thread = threading.Thread(target=self.fault, daemon=True)
            self.thread.start()


def _burst_with(
    server: RedisServer, fault: Callable[[], None], after: int = 100
) -> tuple[int, int]:
    counter = _FaultAfter(after, fault)  # mid-burst: in the second window of 72
    with MockExchange(request_log=counter) as exchange:
        outcome = burst(exchange, counter, processes=4, per_process=45, redis_url=server.url)
    assert counter.thread is not None
    counter.thread.join(10)
    return outcome.refused_by_exchange, outcome.fallback


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_after_a_pause_mid_burst_no_slot_stays_in_flight_on_redis(
    redis_factory: Callable[..., RedisServer],
) -> None:
    server = redis_factory()
    process = server._process
    assert process is not None

    def pause() -> None:
        process.send_signal(signal.SIGSTOP)
        time.sleep(3.5)  # across the first window's end, when every process asks
        process.send_signal(signal.SIGCONT)

    refused, fallback = _burst_with(server, pause, after=60)
    assert fallback > 0  # the pause was met
    assert refused == 0  # held (the fallback's share)
    assert _in_flight(server, "bench") == 0, "every request was answered, every process done"


@pytest.mark.slow
def test_redis_restarted_without_its_data_mid_burst_meets_no_429(
    redis_factory: Callable[..., RedisServer],
) -> None:
    server = redis_factory()

    def restart() -> None:
        server.stop()
        time.sleep(0.3)
        server.start()

    refused, _ = _burst_with(server, restart)
    assert refused == 0


def test_a_take_with_no_time_left_is_still_counted_on_redis(redis: RedisServer) -> None:
    limiter = RedisRateLimiter(redis.url, account="no-time", limit=5, period=1.0)
    assert limiter.take(within=0.0) == 0.0  # sent on a local slot, marked
    assert limiter.fallback_slot()
    assert limiter.take() == 0.0  # a round trip: it carries what was sent uncounted
    assert not limiter.fallback_slot()
    time.sleep(0.3)
    raw = redis_py.Redis.from_url(redis.url)
    try:
        counted = sum(
            int(raw.zcard(f"htx_swap:{{no-time}}:trade:{key}")) for key in ("in_flight", "answered")
        )
    finally:
        raw.close()
    assert counted == 2, f"{counted} of the 2 slots sent counted on Redis"
