"""Which failures are retried, how often, after how long, and when a retry is not worth it."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest
from htx_swap._engine.policy import RetryPolicy, next_delay
from htx_swap._model.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    HtxApiError,
    HtxError,
    RateLimitError,
    ResponseParseError,
    ServerError,
    ServiceUnavailableError,
)

from tests.engine.fakes import (
    CANCEL,
    Driver,
    FakeClock,
    cancel_ok,
    cancel_one,
    htx_error,
    make_engine,
    response,
)

RETRIED: dict[str, Callable[[], httpx.Response | HtxError]] = {
    "dropped-after-send": lambda: APIConnectionError("reset", may_have_reached=True),
    "connect-refused": lambda: APIConnectionError("refused", may_have_reached=False),
    "read-timeout": lambda: APITimeoutError("slow", may_have_reached=True),
    "429": lambda: response(429, ""),
    "1032": lambda: htx_error(1032),
    "502": lambda: response(502, "<html>bad gateway</html>"),
    "503": lambda: response(503, ""),
    "504": lambda: response(504, ""),
    "1004": lambda: htx_error(1004),
}

NOT_RETRIED: dict[str, tuple[Callable[[], httpx.Response | HtxError], type[HtxError]]] = {
    "business-1051": (lambda: htx_error(1051), HtxApiError),
    "auth-1017": (lambda: htx_error(1017), AuthenticationError),
    "gateway-signature": (
        lambda: response(
            200, {"status": "error", "err-code": "api-signature-not-valid", "err-msg": "bad"}
        ),
        AuthenticationError,
    ),
    "500": (lambda: response(500, "oops"), ServerError),
    "not-json-200": (lambda: response(200, "<html>cloudflare</html>"), ResponseParseError),
    "wrong-shape-200": (lambda: response(200, {"status": "ok", "data": 3}), ResponseParseError),
    "redirect": (lambda: response(302, "", location="https://elsewhere"), APIStatusError),
}


@pytest.mark.parametrize("name", RETRIED)
def test_transient_failures_are_retried(name: str) -> None:
    clock = FakeClock()
    driver = Driver(clock, [RETRIED[name](), cancel_ok(["1"])])
    result = driver.run(cancel_one(make_engine(clock), "1"))
    assert result.successes == ["1"]
    assert result.attempts == 2
    assert driver.kinds() == [CANCEL, "sleep", CANCEL]
    assert 0.5 <= driver.sleeps()[0] < 1.0  # backoff_initial, plus jitter below backoff_initial


@pytest.mark.parametrize("name", NOT_RETRIED)
def test_other_failures_are_raised_at_once(name: str) -> None:
    make, expected = NOT_RETRIED[name]
    clock = FakeClock()
    driver = Driver(clock, [make(), cancel_ok(["1"])])
    with pytest.raises(expected) as raised:
        driver.run(cancel_one(make_engine(clock), "1"))
    assert not isinstance(raised.value, ServiceUnavailableError | RateLimitError)
    assert driver.kinds() == [CANCEL]
    assert len(driver.script) == 1  # the success was never asked for


@pytest.mark.parametrize("max_retries", [0, 1, 3])
def test_attempts_are_max_retries_plus_one(max_retries: int) -> None:
    clock = FakeClock()
    driver = Driver(clock, responder=lambda _: response(503, ""))
    with pytest.raises(ServiceUnavailableError):
        driver.run(cancel_one(make_engine(clock, max_retries=max_retries), "1"))
    assert len(driver.sends()) == max_retries + 1
    assert len(driver.sleeps()) == max_retries


def test_backoff_doubles_up_to_its_cap_with_bounded_jitter() -> None:
    clock = FakeClock()
    driver = Driver(clock, responder=lambda _: APIConnectionError("reset"))
    engine = make_engine(clock, max_retries=5, backoff_initial=0.5, backoff_max=2.0)
    with pytest.raises(APIConnectionError):
        driver.run(cancel_one(engine, "1"))
    sleeps = driver.sleeps()
    assert len(sleeps) == 5
    for sleep, base in zip(sleeps, [0.5, 1.0, 2.0, 2.0, 2.0], strict=True):
        assert base <= sleep < base + 0.5, sleeps


def test_backoff_without_jitter_is_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("htx_swap._engine.policy.random.random", lambda: 0.0)
    clock = FakeClock()
    driver = Driver(clock, responder=lambda _: response(503, ""))
    engine = make_engine(clock, max_retries=4, backoff_initial=0.25, backoff_max=1.0)
    with pytest.raises(ServiceUnavailableError):
        driver.run(cancel_one(engine, "1"))
    assert driver.sleeps() == [0.25, 0.5, 1.0, 1.0]


def test_jitter_never_reaches_backoff_initial(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("htx_swap._engine.policy.random.random", lambda: 0.999999)
    policy = RetryPolicy(5, 0.5, 8.0)
    assert [policy.backoff(n) for n in (1, 2, 5, 6)] == pytest.approx(
        [0.5 + 0.4999995, 1.4999995, 8.4999995, 8.4999995]
    )


def test_retry_after_is_honoured_exactly() -> None:
    clock = FakeClock()
    driver = Driver(clock, [response(429, "", **{"Retry-After": "3"}), cancel_ok(["1"])])
    result = driver.run(cancel_one(make_engine(clock), "1"))
    assert result.successes == ["1"]
    assert driver.sleeps() == [3.0]


def test_retry_after_zero_retries_without_sleeping() -> None:
    clock = FakeClock()
    driver = Driver(clock, [htx_error(1032, headers={"Retry-After": "0"}), cancel_ok(["1"])])
    result = driver.run(cancel_one(make_engine(clock), "1"))
    assert result.attempts == 2
    assert driver.kinds() == [CANCEL, CANCEL]


def test_recovery_time_is_honoured() -> None:
    # recovery-time is epoch ms read against the real wall clock (error_map uses time.time)
    recovery = str(int((time.time() + 5) * 1000))
    clock = FakeClock()
    driver = Driver(clock, [htx_error(1032, headers={"recovery-time": recovery}), cancel_ok(["1"])])
    driver.run(cancel_one(make_engine(clock), "1"))
    [sleep] = driver.sleeps()
    assert 4.0 < sleep <= 5.0


@pytest.mark.parametrize("header", ["Retry-After", "recovery-time"])
def test_server_wait_beyond_max_server_wait_is_raised_at_once(header: str) -> None:
    # recovery-time is read against the real wall clock: made here, not at collection
    value = "61" if header == "Retry-After" else str(int((time.time() + 90) * 1000))
    headers = {header: value}
    clock = FakeClock()
    driver = Driver(clock, [response(429, "", **headers), cancel_ok(["1"])])
    # a deadline far enough that only max_server_wait (60 s) can refuse the wait
    engine = make_engine(clock, timeout=100.0)
    with pytest.raises(RateLimitError) as raised:
        driver.run(cancel_one(engine, "1"))
    assert raised.value.retry_after is not None
    assert raised.value.retry_after > 60
    assert driver.kinds() == [CANCEL]


def test_max_server_wait_is_the_policys() -> None:
    clock = FakeClock()
    driver = Driver(clock, [response(429, "", **{"Retry-After": "3"}), cancel_ok(["1"])])
    with pytest.raises(RateLimitError):
        driver.run(cancel_one(make_engine(clock, max_server_wait=2.0), "1"))
    assert driver.kinds() == [CANCEL]


def test_no_retry_whose_wait_ends_past_the_deadline() -> None:
    clock = FakeClock()
    engine = make_engine(clock)  # call_time: 4 * 1 + 2 * 8.5 = 21 s
    assert engine.call_time() == 21.0
    wait = {"Retry-After": "11"}
    driver = Driver(clock, [response(429, "", **wait), response(429, "", **wait), cancel_ok(["1"])])
    with pytest.raises(RateLimitError):
        driver.run(cancel_one(engine, "1"))
    # 11 s fit in the 21 s; after it only 10 s were left, and 11 s more would pass the deadline
    assert driver.kinds() == [CANCEL, "sleep", CANCEL]
    assert clock.now == 11.0


def test_backoff_past_the_deadline_is_not_slept() -> None:
    clock = FakeClock()
    engine = make_engine(clock)  # call_time 21 s
    retry_after = {"Retry-After": "19"}
    # 19 s waited, then a 503 answered after a full 1 s attempt: 1 s left, and the second
    # backoff is 1 s plus jitter: it would end at or past the deadline, so it is not slept
    driver = Driver(clock, [response(429, "", **retry_after), (response(503, ""), 1.0)])
    with pytest.raises(ServiceUnavailableError):
        driver.run(cancel_one(engine, "1"))
    assert driver.sleeps() == [19.0]
    assert len(driver.sends()) == 2
    assert clock.now == 20.0


@pytest.mark.parametrize(
    ("attempts", "time_left", "expected"),
    [(1, None, True), (2, None, True), (3, None, False), (1, 10.0, True), (1, 0.5, False)],
)
def test_next_delay_counts_attempts_and_time_left(
    monkeypatch: pytest.MonkeyPatch, attempts: int, time_left: float | None, expected: bool
) -> None:
    monkeypatch.setattr("htx_swap._engine.policy.random.random", lambda: 0.0)
    delay = next_delay(attempts, APIConnectionError("reset"), RetryPolicy(2, 0.5, 8.0), time_left)
    assert (delay is not None) is expected
