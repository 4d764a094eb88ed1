"""Every attempt on record: ``attempt_log`` on results, outcomes, reports and errors, through
retries and the clock resync (sync and async, against the local exchange)."""

from __future__ import annotations

import httpx
from htx_swap import CancelResult, ServiceUnavailableError
from htx_swap._model.attempts import MAX_KEPT_HEADERS, AttemptRecord, kept_headers
from htx_swap_mock import MockExchange, faults

from tests.hostile.support import call, cancel_ok, mock_transport_client
from tests.production.client_support import run
from tests.production.conftest import BTC, ORDER_A, ORDER_B

CANCEL_PATH = "/swap-api/v1/swap_cancel"


def _shape(log: tuple[AttemptRecord, ...]) -> list[tuple[str, int, int | None, object, str | None]]:
    return [(r.operation, r.attempt, r.status_code, r.htx_code, r.error) for r in log]


def test_records_through_a_retry_and_a_clock_resync(mode: str, exchange: MockExchange) -> None:
    exchange.add_order(BTC, ORDER_A)
    exchange.inject(faults.http_503(), times=1, path=CANCEL_PATH)
    exchange.inject(faults.business_error(12001, "Invalid submission time."), times=1)

    result = run(mode, exchange.url, "cancel", BTC, order_ids=[ORDER_A])

    assert isinstance(result, CancelResult), result
    assert result.successes == [ORDER_A]
    assert result.attempts == 3  # the cancel's own attempts; the resync is on record too
    assert _shape(result.attempt_log) == [
        ("swap_cancel", 1, 503, None, "ServiceUnavailableError"),
        ("swap_cancel", 2, 200, 12001, "TimestampError"),
        ("get_timestamp", 1, 200, None, None),
        ("swap_cancel", 3, 200, None, None),
    ]
    first = result.attempt_log[0]
    assert first.may_have_reached is True
    assert first.retry_in is not None
    assert result.attempt_log[-1].retry_in is None
    assert all(r.seconds >= 0 for r in result.attempt_log)


def test_an_error_carries_every_attempt(mode: str, exchange: MockExchange) -> None:
    exchange.add_order(BTC, ORDER_A)
    exchange.inject(faults.business_error(1004, "System busy."), times=None, path=CANCEL_PATH)

    error = run(mode, exchange.url, "cancel", BTC, order_ids=[ORDER_A], options={"max_retries": 2})

    assert isinstance(error, ServiceUnavailableError), error
    assert _shape(error.attempt_log) == [
        ("swap_cancel", n, 200, 1004, type(error).__name__) for n in (1, 2, 3)
    ]
    assert [r.retry_in is not None for r in error.attempt_log] == [True, True, False]


def test_an_outcome_and_a_report_carry_the_polls_and_reads(
    mode: str, exchange: MockExchange
) -> None:
    exchange.add_order(BTC, ORDER_A)
    exchange.add_order(BTC, ORDER_B)

    outcome = run(
        mode, exchange.url, "cancel_and_confirm", BTC, order_ids=[ORDER_A, ORDER_B], via="poll"
    )
    report = run(mode, exchange.url, "panic", [BTC], deadline=5)
    status = run(mode, exchange.url, "cancel_after", 30)

    operations = [r.operation for r in outcome.attempt_log]
    assert operations[0] == "swap_cancel"
    assert "swap_order_info" in operations
    assert outcome.cancel_result.attempt_log[0].operation == "swap_cancel"
    assert {r.operation for r in report.attempt_log} >= {"swap_cancelall", "swap_openorders"}
    assert [r.operation for r in status.attempt_log] == ["swap_cancel_after"]


def test_a_chunk_that_failed_keeps_its_attempts_on_its_cause(mode: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503)

    done = call(
        mode,
        "https://api.hbdm.com",
        "cancel_many",
        BTC,
        order_ids=[ORDER_A],
        options={"max_retries": 1, "backoff_initial": 0.001, "backoff_max": 0.001},
        http_client=lambda m: mock_transport_client(m, handler),
    )
    (entry,) = done.value.errors
    assert entry.cause is not None
    assert [r.status_code for r in entry.cause.attempt_log] == [503, 503]
    assert len(done.value.attempt_log) == 2


def test_the_request_id_is_cf_ray_and_the_rate_limit_headers_are_kept(mode: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        headers = {
            "Cf-Ray": "8f1c2d3e4a5b6c7d-NRT",
            "Ratelimit-Limit": "72",
            "Ratelimit-Remaining": "71",
            "Ratelimit-Interval": "3000",
        }
        return httpx.Response(200, content=cancel_ok(ORDER_A), headers=headers)

    done = call(
        mode,
        "https://api.hbdm.com",
        "cancel",
        BTC,
        order_ids=[ORDER_A],
        http_client=lambda m: mock_transport_client(m, handler),
    )
    (record,) = done.value.attempt_log
    assert record.request_id == "8f1c2d3e4a5b6c7d-NRT"
    assert dict(record.rate_limit) == {
        "ratelimit-limit": "72",
        "ratelimit-remaining": "71",
        "ratelimit-interval": "3000",
    }
    assert record.status_code == 200
    assert record.htx_code is None
    assert record.error is None


def test_a_record_keeps_an_answers_small_headers_whole_and_of_large_ones_a_bounded_part() -> None:
    small = httpx.Headers({"Cf-Ray": "8f1c-NRT", "Ratelimit-Remaining": "71", "Date": "x"})
    assert kept_headers(small) is small  # HTX's answers: kept as they came, no copy
    many = [(f"ratelimit-x{n}", "7") for n in range(40)] + [("X-Padding", "p" * 5_000)]
    kept = kept_headers(httpx.Headers(many))
    assert [name for name, _ in kept.multi_items()] == [f"ratelimit-x{n}" for n in range(16)]
    record = AttemptRecord("swap_cancel", 1, 200, None, 0.01, True, headers=httpx.Headers(many))
    assert len(record.rate_limit) == MAX_KEPT_HEADERS  # bounded even on a record given them all


def test_a_call_keeps_at_most_the_last_max_records() -> None:
    from collections import deque

    from htx_swap._engine.calls import MAX_RECORDS

    trail: deque[int] = deque(maxlen=MAX_RECORDS)
    trail.extend(range(MAX_RECORDS + 5))
    assert len(trail) == MAX_RECORDS
    assert trail[0] == 5
