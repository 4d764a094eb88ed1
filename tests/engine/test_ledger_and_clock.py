"""The attempt ledger (a call's doubt is that of any attempt) and the clock resync on 1003."""

from __future__ import annotations

from urllib.parse import parse_qs

import httpx
import pytest
from htx_swap._engine.engine import Ledger
from htx_swap._engine.steps import Send
from htx_swap._model.errors import (
    APIConnectionError,
    APITimeoutError,
    ClockSkewError,
    HtxError,
    RateLimitError,
    ResponseParseError,
    ServiceUnavailableError,
    TimestampError,
)
from htx_swap._wire.signing import format_timestamp

from tests.engine.fakes import (
    CANCEL,
    TIMESTAMP,
    WALL_START,
    Driver,
    FakeClock,
    ScriptItem,
    cancel_ok,
    cancel_one,
    htx_error,
    ids,
    make_engine,
    response,
    timestamp_ok,
)


def dropped() -> APIConnectionError:
    """An answer lost after the request was sent (fresh each time: raising one stamps it)."""
    return APIConnectionError("reset after sending", may_have_reached=True)


def refused() -> APIConnectionError:
    """A connection never made: the request never left."""
    return APIConnectionError("connection refused", may_have_reached=False)


# -- the ledger ---------------------------------------------------------------------------------


def test_a_possibly_reached_attempt_marks_the_raised_error() -> None:
    clock = FakeClock()
    driver = Driver(clock, [dropped(), htx_error(1032), htx_error(1032)])
    with pytest.raises(RateLimitError) as raised:
        driver.run(cancel_one(make_engine(clock), "1"))
    # the last answer (1032) proves only that attempt was refused; the first may have cancelled
    assert raised.value.may_have_reached is True
    assert len(driver.sends()) == 3


def test_no_attempt_reached_then_the_error_says_so() -> None:
    clock = FakeClock()
    driver = Driver(clock, [refused(), htx_error(1032), htx_error(1032)])
    with pytest.raises(RateLimitError) as raised:
        driver.run(cancel_one(make_engine(clock), "1"))
    assert raised.value.may_have_reached is False


def test_a_reached_attempt_in_the_middle_counts() -> None:
    clock = FakeClock()
    driver = Driver(clock, [refused(), response(503, ""), refused()])
    with pytest.raises(APIConnectionError) as raised:
        driver.run(cancel_one(make_engine(clock), "1"))
    assert raised.value.may_have_reached is True  # the 503 may have been processed


def test_per_id_errors_of_a_failed_chunk_carry_the_calls_doubt() -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    flow = engine.cancel_ids("swap_cancel", "BTC-USD", ids("1", "2"), None, None)
    driver = Driver(clock, [dropped(), htx_error(1032), htx_error(1032)])
    result = driver.run(flow)
    assert [e.order_id for e in result.errors] == ["1", "2"]
    assert all(e.may_have_reached for e in result.errors)
    assert all(isinstance(e.cause, RateLimitError) for e in result.errors)
    assert all(e.err_code == 1032 for e in result.errors)
    assert result.attempts == 3


def test_per_id_refusals_after_a_reached_attempt_carry_it() -> None:
    clock = FakeClock()
    driver = Driver(clock, [dropped(), cancel_ok(["1"], [("2", 1061)])])
    result = driver.run(cancel_one(make_engine(clock), "1", "2"))
    assert result.successes == ["1"]
    [error] = result.errors
    assert (error.order_id, error.err_code, error.may_have_reached) == ("2", 1061, True)
    assert result.inferred_successes == []


@pytest.mark.parametrize("code", [1062, 1071])
def test_already_cancelling_after_a_reached_attempt_is_an_inferred_success(code: int) -> None:
    clock = FakeClock()
    driver = Driver(clock, [dropped(), cancel_ok(["1"], [("2", code)])])
    result = driver.run(cancel_one(make_engine(clock), "1", "2"))
    assert result.successes == ["1", "2"]
    assert result.inferred_successes == ["2"]
    assert result.errors == []
    assert result.attempts == 2


@pytest.mark.parametrize("first", [False, True], ids=["first-attempt", "after-refused"])
def test_already_cancelling_without_a_reached_attempt_stays_an_error(first: bool) -> None:
    clock = FakeClock()
    script: list[httpx.Response | HtxError] = [refused()] if first else []
    driver = Driver(clock, [*script, cancel_ok([], [("2", 1071)])])
    result = driver.run(cancel_one(make_engine(clock), "2"))
    assert result.successes == []
    assert result.inferred_successes == []
    [error] = result.errors
    assert (error.err_code, error.may_have_reached) == (1071, False)


def test_ledger_stamp_never_clears_an_errors_own_doubt() -> None:
    error = APITimeoutError("slow", may_have_reached=True)
    assert Ledger(attempts=1, may_have_reached=False).stamp(error).may_have_reached is True


# -- clock resync -------------------------------------------------------------------------------


def _timestamp_param(request: httpx.Request) -> str:
    return parse_qs(request.url.query.decode())["Timestamp"][0]


@pytest.mark.parametrize(
    "stale",
    [
        htx_error(1003),
        htx_error(12001),
        response(
            200,
            {"status": "error", "err-code": "api-signature-not-valid", "err-msg": "无效的提交时间"},
        ),
    ],
    ids=["1003", "12001", "gateway-submission-time"],
)
def test_a_timestamp_error_resyncs_once_and_retries(stale: httpx.Response) -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    # the GET takes 0.2 s; HTX's clock is 120 s ahead of ours at the GET's midpoint
    server_ms = int((WALL_START + 0.1 + 120) * 1000)
    driver = Driver(clock, [stale, (timestamp_ok(server_ms), 0.2), cancel_ok(["1"])])
    result = driver.run(cancel_one(engine, "1"))
    assert result.successes == ["1"]
    assert driver.kinds() == [CANCEL, TIMESTAMP, CANCEL]
    assert engine.auth.offset == pytest.approx(120.0, abs=1e-3)
    get = driver.sends(TIMESTAMP)[0].request
    assert get.method == "GET"
    assert "Signature" not in get.url.query.decode()
    first, retried = (s.request for s in driver.sends(CANCEL))
    assert _timestamp_param(first) == format_timestamp(WALL_START)
    assert _timestamp_param(retried) == format_timestamp(WALL_START + 0.2 + 120)


def test_a_second_timestamp_error_is_raised_after_one_resync() -> None:
    clock = FakeClock()
    server_ms = int((WALL_START + 30) * 1000)
    driver = Driver(clock, [htx_error(1003), timestamp_ok(server_ms), htx_error(1003)])
    with pytest.raises(TimestampError):
        driver.run(cancel_one(make_engine(clock), "1"))
    assert driver.kinds() == [CANCEL, TIMESTAMP, CANCEL]


@pytest.mark.parametrize(
    "bad",
    [timestamp_ok("soon"), timestamp_ok(-5), response(200, "<html>"), response(200, {"x": 1})],
    ids=["string", "negative", "html", "no-ts"],
)
def test_a_malformed_clock_answer_raises_the_timestamp_error_from_it(bad: httpx.Response) -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    driver = Driver(clock, [htx_error(1003), bad])
    with pytest.raises(TimestampError) as raised:
        driver.run(cancel_one(engine, "1"))
    assert isinstance(raised.value.__cause__, ResponseParseError)
    assert raised.value.may_have_reached is False  # 1003 refused the only cancel sent
    assert engine.auth.offset == 0.0
    assert driver.kinds() == [CANCEL, TIMESTAMP]


def test_a_resync_that_cannot_connect_is_retried_then_is_the_cause() -> None:
    clock = FakeClock()
    driver = Driver(clock, [htx_error(1003), refused(), refused(), refused()])
    with pytest.raises(TimestampError) as raised:
        driver.run(cancel_one(make_engine(clock), "1"))
    assert isinstance(raised.value.__cause__, APIConnectionError)
    assert driver.kinds() == [CANCEL, TIMESTAMP, "sleep", TIMESTAMP, "sleep", TIMESTAMP]


def test_doubt_before_the_resync_carries_through_it() -> None:
    clock = FakeClock()
    server_ms = int(WALL_START * 1000)
    script: list[ScriptItem] = [
        dropped(),
        htx_error(1003),
        timestamp_ok(server_ms),
        cancel_ok([], [("1", 1071)]),
    ]
    driver = Driver(clock, script)
    result = driver.run(cancel_one(make_engine(clock), "1"))
    # the dropped first attempt may have cancelled: 1071 after the resync is its success
    assert result.inferred_successes == ["1"]
    assert result.attempts == 3  # cancels sent; the GET is not a cancel attempt


def test_doubt_before_the_resync_marks_its_failure() -> None:
    clock = FakeClock()
    driver = Driver(clock, [dropped(), htx_error(1003), timestamp_ok("x")])
    with pytest.raises(TimestampError) as raised:
        driver.run(cancel_one(make_engine(clock), "1"))
    assert raised.value.may_have_reached is True


@pytest.mark.parametrize("ahead", [7200.0, -7200.0])
def test_an_absurd_server_clock_is_not_applied(ahead: float) -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    driver = Driver(clock, [timestamp_ok(int((WALL_START + ahead) * 1000))])
    with pytest.raises(ClockSkewError) as raised:
        driver.run(engine.sync_clock())
    assert raised.value.offset == pytest.approx(ahead)
    assert engine.auth.offset == 0.0


def test_an_absurd_server_clock_during_a_call_is_the_timestamp_errors_cause() -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    skewed = timestamp_ok(int((WALL_START + 7200) * 1000))
    driver = Driver(clock, [htx_error(1003), skewed, cancel_ok(["1"])])
    with pytest.raises(TimestampError) as raised:
        driver.run(cancel_one(engine, "1"))
    assert isinstance(raised.value.__cause__, ClockSkewError)
    assert engine.auth.offset == 0.0
    assert len(driver.script) == 1


def test_sync_clock_alone_returns_and_applies_the_offset() -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    driver = Driver(clock, [(timestamp_ok(int((WALL_START + 0.25 - 2.5) * 1000)), 0.5)])
    offset = driver.run(engine.sync_clock())
    assert offset == pytest.approx(-2.5, abs=1e-3)
    assert engine.auth.offset == offset


def test_a_busy_answer_to_the_resync_is_retried() -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    driver = Driver(
        clock,
        [
            htx_error(1003),
            response(503, ""),
            timestamp_ok(int(WALL_START * 1000)),
            cancel_ok(["1"]),
        ],
    )
    assert driver.run(cancel_one(engine, "1")).successes == ["1"]
    assert driver.kinds() == [CANCEL, TIMESTAMP, "sleep", TIMESTAMP, CANCEL]
    assert not isinstance(driver.records[1].answer, ServiceUnavailableError)  # it was a Response


def test_the_resync_does_not_renew_the_retry_budget() -> None:
    clock = FakeClock()
    busy = [response(503, ""), response(503, "")]
    resync = [htx_error(1003), timestamp_ok(int(WALL_START * 1000))]
    driver = Driver(clock, [*busy, *resync], responder=lambda _: response(503, ""))
    with pytest.raises(ServiceUnavailableError):
        driver.run(cancel_one(make_engine(clock, max_retries=2), "1"))
    # the 3 the policy allows, and the one retry after the resync
    assert driver.kinds().count(CANCEL) <= 2 + 2


def test_the_resync_get_is_bounded_by_the_calls_timeout() -> None:
    clock = FakeClock()
    engine = make_engine(clock, timeout=5.0)
    driver = Driver(
        clock, [htx_error(1003), timestamp_ok(int(WALL_START * 1000)), cancel_ok(["1"])]
    )
    flow = engine.cancel_one("swap_cancel", "BTC-USD", ids("1"), httpx.Timeout(0.2))
    driver.run(flow)
    for record in driver.records:
        if isinstance(record.step, Send):
            assert record.step.until - record.start <= 0.2 + 1e-9, record.step.where
