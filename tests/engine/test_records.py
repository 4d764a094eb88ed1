"""Every attempt on record, at the engine: a request cut off mid-send, the clock resync on its
request's ledger, the 1,000-record bound of merged results."""

from __future__ import annotations

import httpx
import pytest
from htx_swap._engine.calls import MAX_RECORDS
from htx_swap._engine.engine import ChunkFailed, Ledger, merge_results
from htx_swap._engine.steps import Send
from htx_swap._model.attempts import AttemptRecord
from htx_swap._model.errors import APIConnectionError, HtxError
from htx_swap._model.results import CancelResult
from htx_swap._observe.hooks import EventHooks, HookRequest
from htx_swap._wire import codec

from tests.engine.fakes import FakeClock, make_engine


def _record(number: int) -> AttemptRecord:
    return AttemptRecord("swap_cancel", number, 200, None, 0.01, True)


def test_merged_results_keep_the_records_of_their_last_1000_attempts() -> None:
    parts: list[CancelResult | ChunkFailed] = [
        CancelResult([str(n)], [], ts=n, attempts=1, attempt_log=(_record(n),))
        for n in range(MAX_RECORDS)
    ]
    failed = APIConnectionError("reset", may_have_reached=True)
    failed.attempt_log = (_record(MAX_RECORDS), _record(MAX_RECORDS + 1))
    parts.append(ChunkFailed(["x"], failed, 2))

    merged = merge_results(parts)

    assert merged.attempts == MAX_RECORDS + 2
    assert len(merged.attempt_log) == MAX_RECORDS
    assert [r.attempt for r in merged.attempt_log] == list(range(2, MAX_RECORDS + 2))


def _cancel_flow(engine_hooks: EventHooks | None = None) -> tuple[Ledger, object]:
    clock = FakeClock()
    engine = make_engine(clock)
    engine.hooks = engine_hooks
    ledger = Ledger()
    body = codec.encode("swap_cancel", contract_code="BTC-USD", order_id="1")
    decode = codec.decoder("swap_cancel", "order_id")
    flow = engine.call("swap_cancel", body, decode, ledger, clock.now + 5)
    return ledger, flow


def test_a_request_cut_off_mid_send_is_on_record_as_possibly_reached() -> None:
    ledger, flow = _cancel_flow()
    step = flow.send(None)  # type: ignore[attr-defined]
    assert isinstance(step, Send)

    flow.close()  # type: ignore[attr-defined]  # what a driver does to a flow it stops waiting for

    assert ledger.attempts == 1
    [record] = ledger.log
    assert (record.operation, record.attempt, record.status_code) == ("swap_cancel", 1, None)
    assert record.may_have_reached is True
    assert record.error == "Interrupted"


class _Stop(BaseException):
    """What a request hook may raise that is no ``Exception`` (a KeyboardInterrupt)."""


def test_a_request_a_hook_stopped_before_the_send_is_on_record_as_not_reached() -> None:
    def hook(request: HookRequest) -> None:
        raise _Stop

    ledger, flow = _cancel_flow(EventHooks([hook], []))
    with pytest.raises(_Stop):
        flow.send(None)  # type: ignore[attr-defined]

    [record] = ledger.log
    assert record.may_have_reached is False
    assert record.error == "_Stop"


def test_a_failed_clock_resync_is_on_the_record_of_the_request_it_was_for() -> None:
    ledger, flow = _cancel_flow()
    stale = httpx.Response(200, json={"status": "error", "err_code": 12001, "err_msg": "ts"})
    stale.read()
    step = flow.send(None)  # type: ignore[attr-defined]
    assert isinstance(step, Send)
    step = flow.send(stale)  # type: ignore[attr-defined]
    assert isinstance(step, Send)  # the clock read
    assert step.request.url.path == "/api/v1/timestamp"
    no_clock = httpx.Response(200, text="<html>no clock here</html>")
    no_clock.read()
    with pytest.raises(HtxError) as raised:
        flow.send(no_clock)  # type: ignore[attr-defined]

    operations = ["swap_cancel", "get_timestamp"]
    assert [r.operation for r in ledger.log] == operations
    assert [r.operation for r in raised.value.attempt_log] == operations
    assert ledger.attempts == 1  # the resync spends none of the request's retries
