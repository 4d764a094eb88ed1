"""Hostile review 25b of issue 25 (records and telemetry, now that a call decides once whether
anything watches it): defects found by using the SDK against raw loopback servers and the local
exchange. Each test is marked ``xfail(strict=True)`` until its defect is fixed."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import Any

import httpx
import pytest
from htx_swap import AsyncSwapClient, CancelResult, HtxCredentials, HtxError, SwapClient
from htx_swap._engine import calls
from htx_swap._observe.hooks import HookError, HookRequest
from htx_swap_mock import MockExchange
from opentelemetry.sdk.trace import SpanProcessor

from tests.hostile.raw_server import RawRequest, RawServer, http_response
from tests.hostile.support import BTC, CREDS, MODES, TIMESTAMP_PATH, cancel_ok, json_answers
from tests.production.otel_support import telemetry

BASE = 768503271974985728  # order ids above 2**53


def _ids(count: int) -> list[str]:
    return [str(BASE + i) for i in range(count)]


def _run(mode: str, base_url: str, method: str, *args: Any, **kwargs: Any) -> Any:
    """``method`` on a client of ``mode`` (rate limits off); the exception it raised, if any."""
    options: dict[str, Any] = {"rate_limiter": None, "read_rate_limiter": None}
    options.update(kwargs.pop("options", {}))
    try:
        if mode == "sync":
            with SwapClient(CREDS, base_url=base_url, **options) as client:
                return getattr(client, method)(*args, **kwargs)

        async def go() -> Any:
            async with AsyncSwapClient(CREDS, base_url=base_url, **options) as client:
                return await getattr(client, method)(*args, **kwargs)

        return asyncio.run(go())
    except Exception as exc:  # the test inspects it
        return exc


# -- 1. the 1,000-record bound drops the clock resync and keeps the oldest record -------------

CHUNKS = 999  # 999 cancel requests, one retried after a clock resync: 1,001 requests in all


def _resync_on_the_last_chunk() -> tuple[Any, list[int]]:
    """A server answering every cancel but the last-but-one to arrive with its ids cancelled,
    that one with 12001 (timestamp), so the client resyncs its clock and sends it again."""
    seen = [0]
    lock = threading.Lock()

    def answer(request: RawRequest) -> bytes:
        if request.path == TIMESTAMP_PATH:
            now = int(time.time() * 1000)
            return json.dumps({"status": "ok", "data": now, "ts": now}).encode()
        with lock:
            seen[0] += 1
            count = seen[0]
        if count == CHUNKS:
            error = {"status": "error", "err_code": 12001, "err_msg": "Invalid submission time."}
            return json.dumps({**error, "ts": 1}).encode()
        return cancel_ok(json.loads(request.body)["order_id"])

    return json_answers(answer), seen


@pytest.mark.timeout(60)
@pytest.mark.parametrize("watched", [False, True])
@pytest.mark.parametrize("mode", MODES)
def test_past_1000_attempts_the_log_is_the_last_1000_clock_resync_included(
    mode: str, watched: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(calls, "watched", lambda: watched)
    script, _ = _resync_on_the_last_chunk()
    with RawServer(script) as server:
        result = _run(mode, server.url, "cancel_many", BTC, order_ids=_ids(CHUNKS * 10))
        sent = [r.path for r in server.requests]

    assert isinstance(result, CancelResult), result
    assert len(sent) == CHUNKS + 2  # every chunk, the resync and the retried chunk
    operations = [r.operation for r in result.attempt_log]
    assert len(operations) == 1000
    # the clock resync is among the last 1,000 requests sent: README says it is on record
    assert "get_timestamp" in operations, "the clock resync is missing from attempt_log"
    assert [r.htx_code for r in result.attempt_log].count(12001) == 1


# -- 2. the dead man's switch's status carries no attempt --------------------------------------


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_the_dead_mans_switch_status_carries_its_attempts(
    mode: str, htx_exchange: MockExchange
) -> None:
    creds = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    options: dict[str, Any] = {"base_url": htx_exchange.url, "rate_limiter": None}
    if mode == "sync":
        with SwapClient(creds, **options) as client:
            public = client.cancel_after(5.0)
            with client.dead_mans_switch(5.0) as switch:
                status = switch.status
    else:

        async def go() -> tuple[Any, Any]:
            async with AsyncSwapClient(creds, **options) as client:
                public = await client.cancel_after(5.0)
                async with client.dead_mans_switch(5.0) as switch:
                    return public, switch.status

        public, status = asyncio.run(go())

    assert [r.operation for r in public.attempt_log] == ["swap_cancel_after"]
    assert status.armed
    assert [r.operation for r in status.attempt_log] == ["swap_cancel_after"]


# -- 3. a hook that raises does not end a multi-request call -----------------------------------


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_a_hook_that_raises_ends_a_cancel_many_as_the_readme_says(mode: str) -> None:
    ids = _ids(35)
    called: list[HookRequest] = []

    def hook(request: HookRequest) -> None:
        called.append(request)
        if ids[12] in request.content.decode():
            raise ValueError("a bug in the caller's hook")

    def answer(request: RawRequest) -> bytes:
        return cancel_ok(json.loads(request.body)["order_id"])

    with RawServer(json_answers(answer)) as server:
        done = _run(
            mode,
            server.url,
            "cancel_many",
            BTC,
            order_ids=ids,
            options={"event_hooks": {"request": [hook]}},
        )

    assert isinstance(done, HookError), done
    assert done.may_have_reached is False  # a request hook's: that request was never sent


# -- 4. a call ended by something other than an HtxError: its span says GeneratorExit ---------


class _Interrupt(BaseException):
    """What a caller's transport may raise (a KeyboardInterrupt, a SystemExit, a bug)."""


def _stall(conn: Any) -> None:
    """Read the request, answer nothing for as long as the test runs."""
    if conn.read_request() is not None:
        conn.sleep(10)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_an_interrupted_calls_span_names_what_interrupted_it(mode: str) -> None:
    otel = telemetry()
    with RawServer(_stall) as server:
        if mode == "sync":  # the caller's transport raises out of the send

            def handler(request: httpx.Request) -> httpx.Response:
                raise _Interrupt

            own = httpx.Client(transport=httpx.MockTransport(handler))
            with (
                SwapClient(CREDS, base_url=server.url, rate_limiter=None, http_client=own) as c,
                pytest.raises(_Interrupt),
            ):
                c.cancel(BTC, order_ids=_ids(1))
            own.close()
            expected = "_Interrupt"
        else:  # the caller's own time bound cancels the call mid-attempt

            async def go() -> None:
                async with AsyncSwapClient(CREDS, base_url=server.url, rate_limiter=None) as c:
                    await asyncio.wait_for(c.cancel(BTC, order_ids=_ids(1)), 0.3)

            with pytest.raises(TimeoutError):
                asyncio.run(go())
            expected = "CancelledError"

    call = [s for s in otel.spans() if s.name == "htx.cancel"]
    assert len(call) == 1, [s.name for s in otel.spans()]
    assert call[0].attributes.get("error.type") == expected
    assert call[0].status.status_code.name == "ERROR"


# -- 5. past 1,000 attempts the call span and the log line undercount them --------------------


@pytest.mark.timeout(60)
def test_past_1000_attempts_the_call_span_and_log_line_count_every_attempt(
    caplog: pytest.LogCaptureFixture,
) -> None:
    otel = telemetry()
    chunks = 1001

    def answer(request: RawRequest) -> bytes:
        return cancel_ok(json.loads(request.body)["order_id"])

    with RawServer(json_answers(answer)) as server, caplog.at_level("INFO", logger="htx_swap"):
        result = _run("sync", server.url, "cancel_many", BTC, order_ids=_ids(chunks * 10))
        sent = len(server.requests)

    assert isinstance(result, CancelResult), result
    assert sent == result.attempts == chunks
    call = [s for s in otel.spans() if s.name == "htx.cancel_many"]
    assert len(call) == 1
    assert call[0].attributes["htx.attempts"] == chunks
    lines = [r for r in caplog.records if "cancel_many" in r.getMessage()]
    assert lines, caplog.text
    assert f"{chunks} attempt(s)" in lines[-1].getMessage(), lines[-1].getMessage()


# -- 6. the call's log line and its span disagree on may_have_reached -------------------------


@pytest.mark.timeout(30)
def test_the_calls_log_line_and_span_agree_on_may_have_reached(
    caplog: pytest.LogCaptureFixture,
) -> None:
    otel = telemetry()
    refused = _ids(1)[0]

    def answer(request: RawRequest) -> bytes:
        order_id = json.loads(request.body)["order_id"]
        return cancel_ok("", [{"order_id": order_id, "err_code": 1061, "err_msg": "not exist"}])

    with RawServer(json_answers(answer)) as server, caplog.at_level("INFO", logger="htx_swap"):
        result = _run("sync", server.url, "cancel", BTC, order_ids=[refused])

    assert isinstance(result, CancelResult), result
    assert [(e.err_code, e.may_have_reached) for e in result.errors] == [(1061, False)]
    span = [s for s in otel.spans() if s.name == "htx.cancel"]
    assert len(span) == 1
    assert span[0].attributes["htx.may_have_reached"] is False
    lines = [r for r in caplog.records if "htx_swap: cancel " in r.getMessage()]
    assert len(lines) == 1, caplog.text
    assert lines[0].may_have_reached is False  # type: ignore[attr-defined]


# -- 7. a chunk's cause leaves out the clock resync its chunk made ----------------------------


def _stale_chunk_and_no_clock(stale: str) -> Any:
    """Cancels answered with their ids cancelled, but the one naming ``stale`` answered 12001
    (timestamp), and the server's clock unreadable: that chunk's resync fails."""

    def answer(request: RawRequest) -> bytes:
        if request.path == TIMESTAMP_PATH:
            return b"<html>no clock here</html>"
        order_id = json.loads(request.body)["order_id"]
        if stale in order_id:
            error = {"status": "error", "err_code": 12001, "err_msg": "Invalid submission time."}
            return json.dumps({**error, "ts": 1}).encode()
        return cancel_ok(order_id)

    return json_answers(answer)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_a_chunks_cause_carries_its_clock_resync_as_cancels_error_does(mode: str) -> None:
    ids = _ids(25)
    options = {"backoff_initial": 0.001, "backoff_max": 0.001}
    with RawServer(_stale_chunk_and_no_clock(ids[12])) as server:
        single = _run(mode, server.url, "cancel", BTC, order_ids=ids[10:20], options=options)
        many = _run(mode, server.url, "cancel_many", BTC, order_ids=ids, options=options)

    operations = [r.operation for r in single.attempt_log]
    assert operations == ["swap_cancel", "get_timestamp"], single.attempt_log
    assert isinstance(many, CancelResult), many
    causes = {id(e.cause): e.cause for e in many.errors if e.cause is not None}
    assert len(causes) == 1, many.errors
    (cause,) = causes.values()
    assert type(cause) is type(single)
    assert [r.operation for r in cause.attempt_log] == operations


# -- 8. a clean panic counts as in doubt, an entry counted as an id ---------------------------


@pytest.mark.timeout(30)
def test_a_clean_panic_is_not_in_doubt_in_its_telemetry(htx_exchange: MockExchange) -> None:
    from htx_swap_mock import faults

    otel = telemetry()
    htx_exchange.add_order(BTC, _ids(1)[0])
    htx_exchange.inject(faults.http_503(), times=1, path="/swap-api/v1/swap_cancelall")
    creds = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    quick: dict[str, Any] = {"backoff_initial": 0.001, "backoff_max": 0.001}
    with SwapClient(creds, base_url=htx_exchange.url, **quick) as client:
        report = client.panic([BTC])

    assert report.clean, report
    assert not any(entry.errors for entry in report.entries)
    span = [s for s in otel.spans() if s.name == "htx.panic"]
    assert len(span) == 1
    assert span[0].attributes["htx.in_doubt"] == 0
    assert span[0].attributes["htx.outcome"] == "accepted"
    doubt = [
        p.value
        for p in otel.points().get("htx.client.ids", [])
        if p.attributes.get("htx.outcome") == "in_doubt"
    ]
    assert sum(doubt) == 0


# -- 9. the 1,000-record bound does not reach the cancel result inside an outcome --------------


@pytest.mark.timeout(60)
def test_a_cancel_and_confirm_keeps_at_most_1000_records_in_its_cancel_result(
    htx_exchange_factory: Any,
) -> None:
    exchange = htx_exchange_factory(rate_limit=None)
    ids = _ids(10010)
    for order_id in ids:
        exchange.add_order(BTC, order_id)
    creds = HtxCredentials(exchange.access_key, exchange.secret_key)
    limits: dict[str, Any] = {"rate_limiter": None, "read_rate_limiter": None}
    with SwapClient(creds, base_url=exchange.url, **limits) as client:
        outcome = client.cancel_and_confirm(BTC, order_ids=ids, via="poll", deadline=60)

    assert len(outcome.cancelled) == len(ids)
    assert outcome.cancel_result.attempts == 1001
    assert len(outcome.attempt_log) == 1000
    assert len(outcome.cancel_result.attempt_log) <= 1000


# -- 10. requests cut off mid-fan-out are sent but on no record -------------------------------


def _one_read_fails_fast(failing: str) -> Any:
    """Order-info reads: the one naming ``failing`` refused (1014) at once, the others answered
    after a second, so the fail-fast fan-out cuts them off mid-send."""

    def script(conn: Any) -> None:
        while (request := conn.read_request()) is not None:
            if failing in json.loads(request.body)["order_id"]:
                conn.sleep(0.2)
                body = {"status": "error", "err_code": 1014, "err_msg": "refused", "ts": 1}
            else:
                conn.sleep(1.0)
                body = {"status": "ok", "data": [], "ts": 1}
            headers = {"Content-Type": "application/json"}
            conn.send(http_response(200, json.dumps(body).encode(), headers))

    return script


@pytest.mark.timeout(30)
def test_requests_cut_off_mid_fan_out_are_on_record() -> None:
    otel = telemetry()
    ids = _ids(150)  # three reads of 50
    with RawServer(_one_read_fails_fast(ids[0])) as server:
        error = _run("async", server.url, "order_info", BTC, order_ids=ids)
        sent = len(server.requests)

    assert sent == 3
    assert isinstance(error, HtxError), error
    attempts = [s for s in otel.spans() if s.name.startswith("POST ")]
    call = [s for s in otel.spans() if s.name == "htx.order_info"]
    assert len(attempts) == sent
    assert call[0].attributes["htx.attempts"] == sent
    assert len(error.attempt_log) == sent


# -- 11. cancel_and_confirm's telemetry ignores what the confirmation proved -------------------


@pytest.mark.timeout(30)
def test_a_confirmed_cancel_is_not_in_doubt_in_its_telemetry(htx_exchange: MockExchange) -> None:
    from htx_swap_mock import faults

    otel = telemetry()
    ids = _ids(2)
    for order_id in ids:
        htx_exchange.add_order(BTC, order_id)
    cancel_path = "/swap-api/v1/swap_cancel"
    htx_exchange.inject(faults.drop(), times=None, path=cancel_path, after_processing=True)
    creds = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    with SwapClient(creds, base_url=htx_exchange.url, max_retries=0) as client:
        outcome = client.cancel_and_confirm(BTC, order_ids=ids, via="poll")

    assert sorted(outcome.cancelled) == ids
    assert outcome.in_doubt == []
    assert outcome.pending == []
    assert outcome.failed == []
    span = [s for s in otel.spans() if s.name == "htx.cancel_and_confirm"]
    assert len(span) == 1
    assert span[0].attributes["htx.in_doubt"] == 0
    assert span[0].attributes["htx.outcome"] != "in_doubt"
    doubt = [
        p.value
        for p in otel.points().get("htx.client.ids", [])
        if p.attributes.get("htx.outcome") == "in_doubt"
    ]
    assert sum(doubt) == 0


# -- 12. an exporter's exception escapes the SDK's call, the cancel's outcome lost ------------


class _RaisingProcessor(SpanProcessor):
    """A span processor with a bug (an exporter that raises), while ``where`` names a hook."""

    where: str | None = None

    def on_start(self, span: Any, parent_context: Any = None) -> None:
        if self.where == "start":
            raise RuntimeError("a span processor's bug on start")

    def on_end(self, span: Any) -> None:
        if self.where == "end":
            raise RuntimeError("a span processor's bug on end")


_RAISING: list[_RaisingProcessor] = []  # added once to the process's tracer provider


def _raising_processor() -> _RaisingProcessor:
    telemetry()  # the process's provider, set once
    if not _RAISING:
        from opentelemetry import trace

        processor = _RaisingProcessor()
        trace.get_tracer_provider().add_span_processor(processor)  # type: ignore[attr-defined]
        _RAISING.append(processor)
    return _RAISING[0]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("where", ["start", "end"])
@pytest.mark.parametrize("mode", MODES)
def test_a_raising_span_processor_never_loses_a_cancels_outcome(mode: str, where: str) -> None:
    processor = _raising_processor()
    order_id = _ids(1)[0]

    def answer(request: RawRequest) -> bytes:
        return cancel_ok(json.loads(request.body)["order_id"])

    processor.where = where
    try:
        with RawServer(json_answers(answer)) as server:
            done = _run(mode, server.url, "cancel", BTC, order_ids=[order_id])
            sent = len(server.requests)
    finally:
        processor.where = None

    assert sent == 1, done
    assert isinstance(done, CancelResult), repr(done)
    assert done.successes == [order_id]


# -- 13. a call decided quiet still records part of its metrics -------------------------------


@pytest.mark.timeout(30)
def test_a_quiet_call_records_no_metric(
    htx_exchange: MockExchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    otel = telemetry()
    # the decision made before the application set its providers (they are set once a process)
    monkeypatch.setattr(calls, "watched", lambda: False)
    order_id = _ids(1)[0]
    htx_exchange.add_order(BTC, order_id)
    creds = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    with SwapClient(creds, base_url=htx_exchange.url) as client:
        outcome = client.cancel_and_confirm(BTC, order_ids=[order_id], via="poll")

    assert outcome.cancelled == [order_id]
    assert otel.spans() == []
    assert otel.points() == {}


# -- 14. the async switch's refreshes join the trace of whatever span was current at entry ----


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_the_switchs_refresh_spans_are_not_children_of_an_ended_span(
    mode: str, htx_exchange: MockExchange
) -> None:
    from opentelemetry import trace

    otel = telemetry()
    tracer = trace.get_tracer("review25b")
    creds = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    if mode == "sync":
        with SwapClient(creds, base_url=htx_exchange.url) as client:
            with tracer.start_as_current_span("bot-start"):
                switch = client.dead_mans_switch(5.0, refresh=0.1)
                switch.__enter__()
            time.sleep(0.35)
            switch.__exit__(None, None, None)
    else:

        async def go() -> None:
            async with AsyncSwapClient(creds, base_url=htx_exchange.url) as client:
                with tracer.start_as_current_span("bot-start"):
                    switch = client.dead_mans_switch(5.0, refresh=0.1)
                    await switch.__aenter__()
                await asyncio.sleep(0.35)
                await switch.__aexit__(None, None, None)

        asyncio.run(go())

    spans = otel.spans()
    (start,) = [s for s in spans if s.name == "bot-start"]
    later = [s for s in spans if s.name.startswith("POST ") and s.start_time > start.end_time]
    assert len(later) >= 2  # refreshes and the turn-off
    assert [s.parent for s in later if s.parent is not None] == []
