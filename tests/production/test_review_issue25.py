"""Review of issue 25 (traces, metrics, attempt records, hooks, with_options, JSON) by a
production user with strict security and a hostile server: each test failed before its fix."""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from htx_swap import (
    AsyncSwapClient,
    CancelResult,
    HtxError,
    InvalidRequestError,
    SwapClient,
    instrument_httpx,
)
from htx_swap._observe import telemetry
from htx_swap._observe.hooks import HookResponse
from htx_swap._observe.otel_httpx import redact_httpx_span
from htx_swap_mock import MockExchange

from tests.hostile.raw_server import RawConnection, RawServer, http_response
from tests.production.client_support import run
from tests.production.conftest import ACCESS, BTC, CANARY, CREDS, ORDER_A
from tests.production.otel_support import telemetry as exporters

CANCEL = "/swap-api/v1/swap_cancel"


def _signed_values(server: RawServer) -> set[str]:
    """The access key and every signature the client sent, raw and percent-encoded."""
    found = {ACCESS, CANARY}
    for request in server.requests:
        query = urlsplit(request.target).query
        for value in parse_qs(query).get("Signature", []):
            found.add(value)
        found.update(part.partition("=")[2] for part in query.split("&") if part.startswith("Sig"))
    found.discard("HmacSHA256")
    found.discard("2")
    return found


def _echo(conn: RawConnection) -> None:
    """A hostile (or merely careless) server that echoes the signed request target into an
    id's error message, a ``ratelimit-*`` header and ``Cf-Ray``."""
    while (request := conn.read_request()) is not None:
        body = {
            "status": "ok",
            "data": {
                "errors": [
                    {"order_id": ORDER_A, "err_code": 1061, "err_msg": f"bad {request.target}"}
                ],
                "successes": "",
            },
            "ts": 1,
        }
        headers = {
            "Content-Type": "application/json",
            "ratelimit-remaining": f"9 {request.target}",
            "Cf-Ray": request.target,
        }
        conn.send(http_response(200, json.dumps(body).encode(), headers))


def test_a_signed_url_echoed_by_the_server_reaches_no_json_record_or_span() -> None:
    otel = exporters()
    telemetry.reset()
    with RawServer(_echo) as server:
        result = run("sync", server.url, "cancel", BTC, order_ids=[ORDER_A])
        secrets = _signed_values(server)
    assert isinstance(result, CancelResult), result
    assert len(secrets) > 2  # the access key, the canary and the signature
    shown = [
        result.to_json(attempts=True),
        json.dumps(result.to_dict()),
        repr(result.attempt_log[0].rate_limit),
        str(result.attempt_log[0].request_id),
        "\n".join(span.to_json() for span in otel.spans()),
    ]
    for text in shown:
        leaked = [s for s in secrets if s in text]
        assert not leaked, (leaked, text)
    assert "AccessKeyId=***" in shown[0]


def test_server_chosen_codes_do_not_grow_the_rate_limited_metric_labels() -> None:
    otel = exporters()
    telemetry.reset()
    counter = itertools.count()

    def script(conn: RawConnection) -> None:
        while conn.read_request() is not None:
            body = {"status": "error", "err-code": f"evil-{next(counter)}", "err-msg": "x"}
            conn.send(http_response(429, json.dumps(body).encode(), {"Retry-After": "0"}))

    with RawServer(script) as server:
        for _ in range(3):
            failed = run("sync", server.url, "cancel", BTC, order_ids=[ORDER_A])
            assert isinstance(failed, HtxError)
    points = otel.points()["htx.client.rate_limited"]
    labels = {json.dumps(dict(p.attributes), sort_keys=True) for p in points}
    assert sum(p.value for p in points) >= 6  # every 429 counted
    assert len(labels) == 1, labels  # one series, whatever the server calls its code
    assert "evil" not in "".join(labels)


def test_an_htx_error_from_a_response_hook_keeps_an_unanswered_attempts_doubt(mode: str) -> None:
    def silent(conn: RawConnection) -> None:
        conn.read_request()
        conn.sleep(3)  # the cancel went out; no answer comes

    def give_up(response: HookResponse) -> None:
        if response.error is not None:
            raise HtxError("the bot's own give-up on a timeout")

    with RawServer(silent) as server:
        failed = run(
            mode,
            server.url,
            "cancel",
            BTC,
            order_ids=[ORDER_A],
            options={"timeout": 0.3, "max_retries": 0, "event_hooks": {"response": [give_up]}},
        )
    assert isinstance(failed, HtxError), failed
    # the request was sent and may have been processed: a hook cannot make it "refused"
    assert failed.may_have_reached is True
    assert failed.attempt_log[-1].may_have_reached is True


def test_a_with_options_client_confirms_by_the_push_as_its_parent_does() -> None:
    with SwapClient(CREDS, base_url="http://127.0.0.1:9") as client:
        urgent = client.with_options(timeout=2.0, max_retries=0)
        assert urgent._push_via("auto") == client._push_via("auto")


def _httpx_spans(otel: Any) -> list[Any]:
    spans = [s for s in otel.spans() if s.name == "POST"]  # httpx's instrumentation's name
    assert spans, [s.name for s in otel.spans()]
    return spans


def _assert_redacted(otel: Any) -> None:
    for span in _httpx_spans(otel):
        urls = [str(span.attributes[k]) for k in ("http.url", "url.full") if k in span.attributes]
        assert urls, dict(span.attributes)
        assert all("AccessKeyId=***" in url for url in urls), urls
    text = "\n".join(span.to_json() for span in otel.spans())
    assert ACCESS not in text
    assert CANARY not in text


def test_httpx_instrumentation_spans_hold_no_access_key(mode: str, exchange: MockExchange) -> None:
    pytest.importorskip("opentelemetry.instrumentation.httpx")
    otel = exporters()
    telemetry.reset()
    exchange.add_order(BTC, ORDER_A)
    if mode == "sync":
        own = httpx.Client()
        instrument_httpx(own)
        with SwapClient(CREDS, base_url=exchange.url, http_client=own) as client:
            result = client.cancel(BTC, order_ids=[ORDER_A])
        own.close()
    else:

        async def go() -> CancelResult:
            own = httpx.AsyncClient()
            instrument_httpx(own)
            async with AsyncSwapClient(CREDS, base_url=exchange.url, http_client=own) as client:
                done = await client.cancel(BTC, order_ids=[ORDER_A])
            await own.aclose()
            return done

        result = asyncio.run(go())
    assert result.successes == [ORDER_A]
    _assert_redacted(otel)


def test_instrument_httpx_for_the_process_redacts_the_sdks_own_clients(
    exchange: MockExchange,
) -> None:
    instrumentation = pytest.importorskip("opentelemetry.instrumentation.httpx")
    otel = exporters()
    telemetry.reset()
    instrument_httpx()
    try:
        instrument_httpx()  # twice: nothing more
        for mode in ("sync", "async"):
            exchange.add_order(BTC, ORDER_A)
            result = run(mode, exchange.url, "cancel", BTC, order_ids=[ORDER_A])
            assert isinstance(result, CancelResult), result
            assert result.successes == [ORDER_A]
        # the async client's httpx transport is instrumented; the sync client's own
        # DeadlineTransport is not httpx's, so it makes no httpx span at all
        assert len(_httpx_spans(otel)) == 1
        _assert_redacted(otel)
    finally:
        instrumentation.HTTPXClientInstrumentor().uninstrument()


def test_redact_httpx_span_rewrites_either_url_attribute() -> None:
    from opentelemetry import trace

    otel = exporters()
    signed = f"http://127.0.0.1:1/p?AccessKeyId={ACCESS}&Signature=REDACTED&Timestamp=t"
    tracer = trace.get_tracer("test")
    with tracer.start_as_current_span("POST", attributes={"url.full": signed}) as span:
        redact_httpx_span(span, None)
    with tracer.start_as_current_span("POST", attributes={"http.url": signed}) as span:
        redact_httpx_span(span, None)
    (new, old) = otel.spans()
    shown = "http://127.0.0.1:1/p?AccessKeyId=***&Signature=***&Timestamp=t"
    assert dict(new.attributes) == {"url.full": shown}  # the new semantic conventions
    assert dict(old.attributes) == {"http.url": shown}  # the old, instrumentation's default

    class Opaque:  # a span that does not show its attributes
        def __init__(self) -> None:
            self.set: dict[str, object] = {}

        def is_recording(self) -> bool:
            return True

        def set_attribute(self, key: str, value: object) -> None:
            self.set[key] = value

    opaque = Opaque()
    request = httpx.Request("POST", f"http://u:pw@127.0.0.1:1/p?AccessKeyId={ACCESS}&Signature=s")
    redact_httpx_span(opaque, request)  # type: ignore[arg-type]
    assert set(opaque.set) == {"url.full", "http.url"}
    for url in opaque.set.values():
        assert ACCESS not in str(url)
        assert "pw" not in str(url)
        assert "Signature=***" in str(url)


def test_instrument_httpx_refuses_a_client_instrumented_without_the_redaction() -> None:
    instrumentation = pytest.importorskip("opentelemetry.instrumentation.httpx")
    with httpx.Client() as plain, httpx.Client() as redacted:
        instrumentation.HTTPXClientInstrumentor.instrument_client(plain)
        with pytest.raises(InvalidRequestError, match=r"client.*access key"):
            instrument_httpx(plain)
        instrument_httpx(redacted)
        instrument_httpx(redacted)  # twice: nothing more


def test_a_huge_server_code_stays_out_of_records_and_spans() -> None:
    otel = exporters()
    telemetry.reset()

    def script(conn: RawConnection) -> None:
        while conn.read_request() is not None:
            body = {"status": "error", "err-code": "x" * 200_000, "err-msg": "y", "data": None}
            conn.send(http_response(200, json.dumps(body).encode()))

    with RawServer(script) as server:
        failed = run("sync", server.url, "cancel", BTC, order_ids=[ORDER_A])
    assert isinstance(failed, HtxError), failed
    # up to 1,000 records a call: each must stay small, whatever the server sent
    assert failed.attempt_log[0].htx_code == "x" * 64 + "…"  # README: cut to 64, with …
    assert len(failed.attempt_log[0].to_json()) < 2_000
    for span in otel.spans():
        assert all(len(str(v)) <= 200 for v in span.attributes.values()), span.name


def test_a_code_and_message_echoing_the_signed_url_reach_no_exception_or_log_extra(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def script(conn: RawConnection) -> None:
        while (request := conn.read_request()) is not None:
            target = request.target
            body = {"status": "error", "err-code": f"bad {target}", "err-msg": f"echo {target}"}
            conn.send(http_response(200, json.dumps(body).encode()))

    with caplog.at_level(logging.DEBUG, logger="htx_swap"), RawServer(script) as server:
        failed = run("sync", server.url, "cancel", BTC, order_ids=[ORDER_A])
        secrets = _signed_values(server)
    assert isinstance(failed, HtxError), failed
    extras = [getattr(r, "code", None) for r in caplog.records]
    shown = [str(failed), repr(failed), failed.full_message, repr(failed.attempt_log), *extras]
    for text in map(str, shown):
        leaked = [s for s in secrets if s in text]
        assert not leaked, (leaked, text)
