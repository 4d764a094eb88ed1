"""Deadlines (no Send past them, no Sleep past them, a call's total time bounded) and
rate-limit slots (taken, released at the answer, abandoned when not sent)."""

from __future__ import annotations

import contextlib
import functools
import random
from typing import Any

import httpx
import pytest
from htx_swap._engine.limiter import POLL_INTERVAL, RateLimiter
from htx_swap._engine.steps import Send, Sleep
from htx_swap._model.errors import (
    APIConnectionError,
    APITimeoutError,
    DeadlineExceededError,
    HtxError,
)

from tests.engine.fakes import (
    CANCEL,
    TIMESTAMP,
    WALL_START,
    Answer,
    Driver,
    FakeClock,
    cancel_ok,
    cancel_one,
    htx_error,
    ids,
    make_engine,
    order,
    order_info_ok,
    response,
    timestamp_ok,
)

EPSILON = 1e-9


def _random_answer(rng: random.Random, timeout: float, request: httpx.Request) -> Any:
    duration = rng.choice([0.0, 0.01, timeout / 2, timeout * 0.99, timeout * 3])
    if request.method == "GET":
        return (timestamp_ok(int((WALL_START + rng.uniform(-5, 5)) * 1000)), duration)
    failures: list[Answer] = [
        APIConnectionError("reset", may_have_reached=True),
        APIConnectionError("refused", may_have_reached=False),
        APITimeoutError("slow"),
        response(503, ""),
        htx_error(1032),
        htx_error(1003),
        response(429, "", **{"Retry-After": str(rng.choice([0, 1, 4, 30, 59]))}),
    ]
    ids_asked = "1,2" if b"1,2" in request.content else "1"
    if request.url.path.endswith("swap_order_info"):
        ok: Answer = order_info_ok(*(order(i, rng.choice([3, 7])) for i in ids_asked.split(",")))
    else:
        ok = cancel_ok(ids_asked.split(","))
    return (ok if rng.random() < 0.3 else rng.choice(failures), duration)


def _check_bounds(driver: Driver, start: float, deadline: float) -> None:
    for record in driver.records:
        assert record.end <= deadline + EPSILON, record
        if isinstance(record.step, Send):
            assert record.step.until <= deadline + EPSILON, record
            timeouts = record.step.request.extensions["timeout"]
            assert all(v <= record.step.until - record.start + EPSILON for v in timeouts.values())
        if isinstance(record.step, Sleep):
            assert record.start + record.step.seconds <= deadline + EPSILON, record
    assert start <= driver.clock.now <= deadline + EPSILON


@pytest.mark.parametrize("seed", range(6))
def test_a_call_never_runs_past_call_time(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(60):
        clock = FakeClock(now=rng.uniform(0, 100))
        timeout = rng.choice([0.5, 1.0, 3.0])
        engine = make_engine(
            clock,
            timeout=timeout,
            max_retries=rng.choice([0, 1, 2, 4]),
            backoff_initial=rng.choice([0.0, 0.1, 0.5]),
            backoff_max=rng.choice([0.5, 2.0, 8.0]),
        )
        start, bound = clock.now, engine.call_time()
        driver = Driver(clock, responder=functools.partial(_random_answer, rng, timeout))
        with contextlib.suppress(HtxError):
            driver.run(cancel_one(engine, "1", "2"))
        _check_bounds(driver, start, start + bound)


@pytest.mark.parametrize("seed", range(4))
def test_cancel_and_confirm_never_runs_past_its_deadline(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(40):
        clock = FakeClock(now=rng.uniform(0, 100))
        timeout = rng.choice([0.1, 0.5, 1.0])
        engine = make_engine(clock, timeout=timeout, backoff_initial=0.05, backoff_max=0.2)
        deadline = rng.choice([0.05, 0.3, 1.0, 2.5])
        start = clock.now
        driver = Driver(clock, responder=functools.partial(_random_answer, rng, timeout))
        outcome = driver.run(engine.cancel_and_confirm("BTC-USD", ids("1", "2"), deadline, None))
        _check_bounds(driver, start, start + deadline)
        every = [*outcome.cancelled, *outcome.filled, *outcome.pending]
        every += [e.order_id for e in outcome.failed]
        assert sorted(every) == ["1", "2"]


def test_call_time_is_the_documented_bound() -> None:
    clock = FakeClock()
    engine = make_engine(clock, timeout=2.0, max_retries=3, backoff_initial=0.5, backoff_max=4.0)
    assert engine.call_time() == (3 + 2) * 2.0 + 3 * (4.0 + 0.5)


def test_an_attempt_of_timeout_parts_is_bounded_by_their_sum() -> None:
    clock = FakeClock(now=5.0)
    parts = httpx.Timeout(connect=1.0, read=2.0, write=3.0, pool=4.0)
    engine = make_engine(clock, timeout=parts)
    assert engine.attempt_time() == 10.0
    assert engine.call_time() == 4 * 10.0 + 2 * 8.5
    driver = Driver(clock, [cancel_ok(["1"])])
    driver.run(cancel_one(engine, "1"))
    [send] = driver.sends()
    assert send.until == 15.0
    assert send.request.extensions["timeout"] == {
        "connect": 1.0,
        "read": 2.0,
        "write": 3.0,
        "pool": 4.0,
    }


def test_an_attempt_that_overruns_is_a_timeout_and_retried() -> None:
    clock = FakeClock()
    driver = Driver(clock, [(cancel_ok(["1"]), 5.0), cancel_ok(["1"])])
    result = driver.run(cancel_one(make_engine(clock, timeout=1.0), "1"))
    assert isinstance(driver.records[0].answer, APITimeoutError)
    assert driver.records[0].end == 1.0
    assert result.attempts == 2


def test_request_timeouts_shrink_to_the_time_left() -> None:
    clock = FakeClock()
    engine = make_engine(clock, timeout=1.0)
    driver = Driver(clock, [cancel_ok(["1"]), order_info_ok(order("1", 7))])
    driver.run(engine.cancel_and_confirm("BTC-USD", ids("1"), 0.4, None))
    for send in driver.sends():
        assert send.until <= 0.4
        assert max(send.request.extensions["timeout"].values()) <= 0.4


def test_a_chunk_not_sent_before_the_deadline_fails_unsent() -> None:
    clock = FakeClock()
    engine = make_engine(clock, timeout=1.0)
    many = [str(i) for i in range(1, 21)]
    # the first chunk's answer takes the whole 1 s deadline: the second is never sent
    driver = Driver(clock, [(cancel_ok(many[:10]), 1.0)])
    result = driver.run(engine.cancel_ids("swap_cancel", "BTC-USD", ids(*many), 1.0, None))
    assert result.successes == many[:10]
    assert [e.order_id for e in result.errors] == many[10:]
    for error in result.errors:
        assert isinstance(error.cause, DeadlineExceededError)
        assert error.may_have_reached is False
        assert error.cause.may_have_reached is False
    assert len(driver.sends()) == 1


def test_an_unsent_chunk_is_failed_in_cancel_and_confirm() -> None:
    clock = FakeClock()
    engine = make_engine(clock, timeout=1.0)
    many = [str(i) for i in range(1, 21)]
    driver = Driver(clock, [(cancel_ok(many[:10]), 1.0)])
    outcome = driver.run(engine.cancel_and_confirm("BTC-USD", ids(*many), 1.0, None))
    # never sent, so proven not cancelled by this call: failed, not pending
    assert [e.order_id for e in outcome.failed] == many[10:]
    assert outcome.pending == many[:10]  # accepted, and no time was left to poll
    assert outcome.in_doubt == []
    assert driver.kinds().count(CANCEL) == 1


# -- rate-limit slots ---------------------------------------------------------------------------


def _in_use(limiter: RateLimiter) -> float:
    """What the next ``acquire`` says, the slot given back when one was taken."""
    wait = limiter.acquire()
    if wait == 0.0:
        limiter.abandon()
    return wait


def test_a_slot_is_released_at_the_answer() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1, 3.0, clock=clock.monotonic)
    engine = make_engine(clock, limiters={"trade": limiter})
    driver = Driver(clock, [(cancel_ok(["1"]), 0.5)])
    driver.run(cancel_one(engine, "1"))
    # released at 0.5 (the answer), so the slot is free again one period later
    assert _in_use(limiter) == pytest.approx(3.0)
    clock.now = 3.5
    assert _in_use(limiter) == 0.0


def test_a_slot_is_released_after_a_failure_too() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1, 3.0, clock=clock.monotonic)
    engine = make_engine(clock, max_retries=0, limiters={"trade": limiter})
    driver = Driver(clock, [(APIConnectionError("reset"), 0.25)])
    with pytest.raises(APIConnectionError):
        driver.run(cancel_one(engine, "1"))
    assert _in_use(limiter) == pytest.approx(3.0)  # answered at 0.25: not stuck in flight


def test_a_full_limiter_makes_the_next_request_wait_for_its_slot() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1, 3.0, clock=clock.monotonic)
    engine = make_engine(clock, limiters={"trade": limiter})
    many = [str(i) for i in range(1, 21)]
    driver = Driver(clock, [(cancel_ok(many[:10]), 0.5), cancel_ok(many[10:])])
    result = driver.run(engine.cancel_ids("swap_cancel", "BTC-USD", ids(*many), None, None))
    assert result.successes == many
    assert driver.kinds() == ["fanout", CANCEL, "sleep", CANCEL]
    assert driver.sleeps() == [pytest.approx(3.0)]
    assert driver.records[-1].start == pytest.approx(3.5)


def test_a_slot_wait_past_the_deadline_is_not_slept() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1, 3.0, clock=clock.monotonic)
    engine = make_engine(clock, limiters={"trade": limiter})
    many = [str(i) for i in range(1, 21)]
    driver = Driver(clock, [cancel_ok(many[:10])])
    result = driver.run(engine.cancel_ids("swap_cancel", "BTC-USD", ids(*many), 2.0, None))
    assert driver.sleeps() == []
    assert [e.order_id for e in result.errors] == many[10:]
    assert all(isinstance(e.cause, DeadlineExceededError) for e in result.errors)
    assert all(not e.may_have_reached for e in result.errors)
    assert _in_use(limiter) == pytest.approx(3.0)  # only the first request's slot counts


def test_a_slot_taken_for_a_request_not_sent_is_abandoned() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2, 3.0, clock=clock.monotonic)
    engine = make_engine(clock, limiters={"trade": limiter})
    many = [str(i) for i in range(1, 21)]
    # the second chunk gets a slot, but the deadline has passed by then: not sent
    driver = Driver(clock, [(cancel_ok(many[:10]), 1.0)])
    result = driver.run(engine.cancel_ids("swap_cancel", "BTC-USD", ids(*many), 1.0, None))
    assert len(driver.sends()) == 1
    assert all(isinstance(e.cause, DeadlineExceededError) for e in result.errors)
    # one slot counted (the answered request); the abandoned one is free
    assert limiter.acquire() == 0.0
    assert limiter.acquire() == pytest.approx(3.0)


def test_a_leaked_slot_would_show() -> None:
    """The check above can fail: a slot never given back blocks the limiter."""
    clock = FakeClock()
    limiter = RateLimiter(2, 3.0, clock=clock.monotonic)
    assert limiter.acquire() == 0.0  # taken and never released nor abandoned
    limiter.acquire()
    limiter.release()
    assert limiter.acquire() == pytest.approx(3.0)


def test_a_flow_closed_during_its_send_gives_its_slot_back() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1, 3.0, clock=clock.monotonic)
    engine = make_engine(clock, limiters={"trade": limiter})
    flow = cancel_one(engine, "1")
    assert isinstance(next(flow), Send)  # the slot is taken, the request is on its way
    flow.close()  # what task.cancel() does to the flow of a cancelled request
    assert limiter.acquire() != POLL_INTERVAL  # the slot is not held in flight forever


def test_a_resync_get_takes_no_trade_slot() -> None:
    clock = FakeClock()
    limiter = RateLimiter(72, 3.0, clock=clock.monotonic)
    engine = make_engine(clock, limiters={"trade": limiter})
    driver = Driver(
        clock, [htx_error(1003), timestamp_ok(int(WALL_START * 1000)), cancel_ok(["1"])]
    )
    driver.run(cancel_one(engine, "1"))
    assert driver.kinds() == [CANCEL, TIMESTAMP, CANCEL]
    assert len(limiter._answered) == 2  # two cancels counted, the GET is not a trade request


def test_one_cancel_chunk_stays_within_call_time() -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    driver = Driver(clock, responder=lambda _: response(429, "", **{"Retry-After": "10"}))
    result = driver.run(engine.cancel_ids("swap_cancel", "BTC-USD", ids("1"), None, None))
    assert isinstance(result.errors[0].cause, HtxError)
    assert clock.now <= engine.call_time()


def test_cancel_many_stays_within_call_time() -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    many = [str(i) for i in range(1, 31)]
    driver = Driver(clock, responder=lambda _: response(429, "", **{"Retry-After": "10"}))
    result = driver.run(engine.cancel_ids("swap_cancel", "BTC-USD", ids(*many), None, None))
    assert len(result.errors) == 30
    assert clock.now <= engine.call_time()
