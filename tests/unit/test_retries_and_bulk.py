"""Retries, how a retried cancel is reported, the client-side limiter and cancel_many."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from htx_swap import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    HtxApiError,
    RateLimiter,
    RateLimitError,
    ServerError,
    ServiceUnavailableError,
)
from htx_swap._engine.policy import RetryPolicy, next_delay

from tests.unit.fake_htx import FakeHtx, ok_body
from tests.unit.test_client import MODES, _business, json_response, run, text_response


def _cancel(mode: str, fake: FakeHtx, retries: int, ids: list[str] | None = None) -> Any:
    return run(
        mode, fake, "cancel", {"max_retries": retries}, "BTC-USD", order_ids=ids or ["1", "2"]
    )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "transient",
    [
        lambda: httpx.ConnectError("refused"),
        lambda: httpx.ReadTimeout("slow"),
        lambda: text_response(503, ""),
        lambda: text_response(502, "<html>bad gateway</html>"),
        lambda: text_response(504, ""),
        lambda: text_response(429, "", **{"Retry-After": "0"}),
        lambda: _business(1004),
        lambda: _business(1032),
    ],
    ids=["connect", "read-timeout", "503", "502", "504", "429", "1004", "1032"],
)
def test_transient_failure_then_success(mode: str, transient: Any) -> None:
    fake = FakeHtx()
    fake.queue(transient())
    result = _cancel(mode, fake, retries=2)
    assert result.successes == ["1", "2"]
    assert result.attempts == 2
    assert len(fake.requests) == 2
    assert all(fake.signatures_valid)


@pytest.mark.parametrize("mode", MODES)
def test_retries_stop_after_max_retries(mode: str) -> None:
    fake = FakeHtx()
    fake.queue(*(text_response(503, "") for _ in range(5)))
    with pytest.raises(ServiceUnavailableError):
        _cancel(mode, fake, retries=2)
    assert len(fake.requests) == 3


@pytest.mark.parametrize("mode", MODES)
def test_zero_retries_turns_them_off(mode: str) -> None:
    fake = FakeHtx()
    fake.queue(httpx.ConnectError("refused"))
    with pytest.raises(APIConnectionError):
        _cancel(mode, fake, retries=0)
    assert len(fake.requests) == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("code", [1051, 1061, 1017, 1052])
def test_business_errors_are_never_retried(mode: str, code: int) -> None:
    fake = FakeHtx()
    fake.queue(_business(code))
    with pytest.raises(HtxApiError):
        _cancel(mode, fake, retries=2)
    assert len(fake.requests) == 1


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("status", "error_class"),
    [(403, AuthenticationError), (500, ServerError), (404, APIStatusError)],
)
def test_500_403_404_are_not_retried(mode: str, status: int, error_class: type[Exception]) -> None:
    fake = FakeHtx()
    fake.queue(text_response(status, ""))
    with pytest.raises(error_class):
        _cancel(mode, fake, retries=2)
    assert len(fake.requests) == 1


def test_retry_after_beyond_the_cap_is_raised_not_waited() -> None:
    fake = FakeHtx()
    fake.queue(text_response(429, "", **{"Retry-After": "3600"}))
    with pytest.raises(RateLimitError) as caught:
        _cancel("sync", fake, retries=2)
    assert caught.value.retry_after == 3600
    assert len(fake.requests) == 1


def test_every_retry_is_signed_afresh() -> None:
    clock = [1603871877.0]

    def advancing() -> float:
        clock[0] += 1.0
        return clock[0]

    fake = FakeHtx()
    fake.queue(text_response(503, ""), text_response(503, ""))
    result = run(
        "sync", fake, "cancel", {"max_retries": 2, "clock": advancing}, "BTC-USD", order_ids=["1"]
    )
    assert result.attempts == 3
    stamps = [dict(httpx.QueryParams(r.url.query.decode()))["Timestamp"] for r in fake.requests]
    assert len(set(stamps)) == 3
    assert fake.signatures_valid == [True, True, True]


def _drop_after_processing(request: httpx.Request) -> httpx.Response:
    raise httpx.RemoteProtocolError("peer closed connection without sending complete message")


@pytest.mark.parametrize("mode", MODES)
def test_retried_cancel_reports_repeat_cancel_as_inferred_success(mode: str) -> None:
    # Attempt 1 reached the exchange (the answer was lost); attempt 2 hears "repeated cancel"
    # for the order attempt 1 cancelled and "does not exist" for a truly unknown one.
    fake = FakeHtx()
    errors = [
        {"order_id": "1", "err_code": 1071, "err_msg": "Repeated withdraw."},
        {"order_id": "2", "err_code": 1062, "err_msg": "Cancelling."},
        {"order_id": "3", "err_code": 1061, "err_msg": "This order doesnt exist."},
    ]
    fake.queue(_drop_after_processing, json_response(200, ok_body(["4"], errors)))
    result = _cancel(mode, fake, retries=2, ids=["1", "2", "3", "4"])
    assert sorted(result.successes) == ["1", "2", "4"]
    assert result.inferred_successes == ["1", "2"]
    assert [e.order_id for e in result.errors] == ["3"]
    assert result.attempts == 2


@pytest.mark.parametrize("mode", MODES)
def test_repeat_cancel_after_a_never_sent_attempt_stays_an_error(mode: str) -> None:
    fake = FakeHtx()
    errors = [{"order_id": "1", "err_code": 1071, "err_msg": "Repeated withdraw."}]
    fake.queue(httpx.ConnectError("refused"), json_response(200, ok_body(["2"], errors)))
    result = _cancel(mode, fake, retries=2)
    assert result.successes == ["2"]
    assert result.inferred_successes == []
    assert [e.err_code for e in result.errors] == [1071]


def test_repeat_cancel_on_first_attempt_is_an_error() -> None:
    fake = FakeHtx()
    errors = [{"order_id": "1", "err_code": 1071, "err_msg": "Repeated withdraw."}]
    fake.queue(json_response(200, ok_body([], errors)))
    result = _cancel("sync", fake, retries=2, ids=["1"])
    assert result.successes == []
    assert result.errors[0].err_code == 1071


def test_backoff_grows_and_is_capped() -> None:
    policy = RetryPolicy(backoff_initial=0.5, backoff_max=8.0)
    waits = [policy.backoff(n) for n in range(1, 9)]
    assert 0.5 <= waits[0] <= 1.0
    assert 1.0 <= waits[1] <= 1.5
    assert all(w <= 8.5 for w in waits)
    assert waits[-1] >= 8.0


def test_next_delay_decides_each_retry() -> None:
    # The retry decision tenacity used to make (htx_swap.retries) is now the pure
    # policy.next_delay: the same rules, checked without a client.
    policy = RetryPolicy(max_retries=2, backoff_initial=0.5, backoff_max=8.0)
    reset = APIConnectionError("reset")
    first = next_delay(1, reset, policy, None)
    assert first is not None
    assert 0.5 <= first <= 1.0
    second = next_delay(2, reset, policy, None)
    assert second is not None
    assert 1.0 <= second <= 1.5
    assert next_delay(3, reset, policy, None) is None  # max_retries spent
    assert next_delay(1, reset, RetryPolicy(max_retries=0), None) is None
    assert next_delay(1, HtxApiError("no such order", code=1061), policy, None) is None
    assert next_delay(1, ServerError("HTTP 500", status_code=500), policy, None) is None
    assert next_delay(1, reset, policy, 0.4) is None  # the wait would end past the deadline
    told = RateLimitError("slow down", code=1032, retry_after=2.0)
    assert next_delay(1, told, policy, None) == 2.0  # the server's wait, not the backoff
    too_long = RateLimitError("banned", code=1032, retry_after=3600.0)
    assert next_delay(1, too_long, policy, None) is None  # past max_server_wait: raised at once


def test_limiter_counts_each_slot_from_its_answer() -> None:
    now = [0.0]
    limiter = RateLimiter(3, 1.0, clock=lambda: now[0])
    assert [limiter.acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert 0 < limiter.acquire() <= 0.01  # all three in flight: look again soon
    now[0] = 0.2
    limiter.release()  # the first answer came back at t=0.2: its slot is free at t=1.2
    assert limiter.acquire() == pytest.approx(1.0)
    now[0] = 0.7
    limiter.release()
    limiter.release()
    assert limiter.acquire() == pytest.approx(0.5)  # still the slot answered at t=0.2
    now[0] = 1.2
    assert limiter.acquire() == 0.0
    assert limiter.acquire() > 0  # the other two free at t=1.7
    now[0] = 1.7
    assert [limiter.acquire(), limiter.acquire()] == [0.0, 0.0]
    assert limiter.acquire() > 0
    with pytest.raises(ValueError, match="max_requests"):
        RateLimiter(0, 1.0)


def test_limiter_release_without_acquire_changes_nothing() -> None:
    limiter = RateLimiter(1, 1.0, clock=lambda: 0.0)
    limiter.release()
    assert limiter.acquire() == 0.0


@pytest.mark.parametrize("mode", MODES)
def test_cancel_many_chunks_by_ten_and_merges(mode: str) -> None:
    fake = FakeHtx()
    ids = [str(768503271974985728 + n) for n in range(25)]
    result = run(mode, fake, "cancel_many", None, "BTC-USD", order_ids=ids)
    assert sorted(result.successes) == sorted(ids)
    sent = [body["order_id"].split(",") for body in fake.bodies()]
    assert sorted(len(chunk) for chunk in sent) == [5, 10, 10]
    assert sorted(i for chunk in sent for i in chunk) == sorted(ids)


@pytest.mark.parametrize("mode", MODES)
def test_cancel_many_keeps_other_chunks_when_one_fails(mode: str) -> None:
    fake = FakeHtx()

    def fail_second_chunk(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if body["order_id"].startswith("11,"):
            return text_response(500, "<html>boom</html>")
        ids = body["order_id"].split(",")
        return json_response(200, ok_body(ids))

    fake.queue(*(fail_second_chunk for _ in range(3)))
    ids = [str(n) for n in range(1, 31)]
    result = run(mode, fake, "cancel_many", None, "BTC-USD", order_ids=ids)
    assert sorted(result.successes, key=int) == [str(n) for n in (*range(1, 11), *range(21, 31))]
    failed = sorted((e.order_id for e in result.errors), key=int)
    assert failed == [str(n) for n in range(11, 21)]
    assert all(e.err_code == -1 and "ServerError" in e.err_msg for e in result.errors)
    assert all(e.cause is not None for e in result.errors)
    # A 500 may have been processed: each of its ids says so (the truthful-outcome rule).
    assert all(e.may_have_reached for e in result.errors)


@pytest.mark.parametrize("mode", MODES)
def test_cancel_many_validates_everything_before_sending(mode: str) -> None:
    from htx_swap import InvalidRequestError

    fake = FakeHtx()
    ids = [str(n) for n in range(1, 40)] + ["bad"]
    with pytest.raises(InvalidRequestError, match=r"order_ids\[39\]"):
        run(mode, fake, "cancel_many", None, "BTC-USD", order_ids=ids)
    assert fake.requests == []
