"""OpenTelemetry: a span per call, a child span per attempt, the metrics; with OpenTelemetry's
SDK and in-memory exporters (the ``dev`` extra), against the local exchange."""

from __future__ import annotations

import json
from typing import Any

import pytest
from htx_swap import CancelResult
from htx_swap_mock import MockExchange, OrderState, faults

from tests.production.client_support import run
from tests.production.conftest import ACCESS, BTC, CANARY, ORDER_A, ORDER_B
from tests.production.otel_support import telemetry

CANCEL_PATH = "/swap-api/v1/swap_cancel"


def _everything(spans: list[Any], points: dict[str, list[Any]]) -> str:
    """Every span and metric point as text: names, attributes, events."""
    parts = []
    for span in spans:
        parts.append(span.to_json())
    for name, found in points.items():
        parts.append(name)
        parts.extend(json.dumps(dict(p.attributes), default=str) for p in found)
    return "\n".join(parts)


def test_a_cancel_retried_once_is_one_call_span_two_attempt_spans_and_its_metrics(
    mode: str, exchange: MockExchange
) -> None:
    otel = telemetry()
    exchange.add_order(BTC, ORDER_A)
    exchange.add_order(BTC, ORDER_B)
    exchange.inject(faults.http_503(), times=1, path=CANCEL_PATH)

    result = run(mode, exchange.url, "cancel", BTC, order_ids=[ORDER_A, ORDER_B])

    assert isinstance(result, CancelResult), result
    spans = otel.spans()
    calls = [s for s in spans if s.name == "htx.cancel"]
    attempts = [s for s in spans if s.name == f"POST {CANCEL_PATH}"]
    assert len(calls) == 1, [s.name for s in spans]
    assert len(attempts) == 2, [s.name for s in spans]
    call = calls[0]
    assert all(a.parent is not None and a.parent.span_id == call.context.span_id for a in attempts)
    assert call.attributes["htx.operation"] == "cancel"
    assert call.attributes["htx.contract_code"] == BTC
    assert call.attributes["htx.ids"] == 2
    assert call.attributes["htx.attempts"] == 2
    assert call.attributes["htx.accepted"] == 2
    assert call.attributes["htx.refused"] == 0
    assert call.attributes["htx.in_doubt"] == 0
    retries = [e for e in call.events if e.name == "htx.retry"]
    assert len(retries) == 1
    assert retries[0].attributes["htx.seconds"] >= 0
    first, second = sorted(attempts, key=lambda s: s.attributes["htx.attempt"])
    assert first.attributes["http.response.status_code"] == 503
    assert first.attributes["error.type"] == "ServiceUnavailableError"
    assert first.attributes["htx.may_have_reached"] is True
    assert "htx.retry_in" in first.attributes
    assert second.attributes["http.response.status_code"] == 200
    assert second.attributes["http.request.resend_count"] == 1
    assert second.attributes["http.request.method"] == "POST"
    assert second.attributes["url.full"] == exchange.url + CANCEL_PATH  # no query string
    points = otel.points()
    duration = points["htx.client.call.duration"]
    assert [dict(p.attributes) for p in duration] == [
        {"htx.operation": "cancel", "htx.outcome": "accepted"}
    ]
    assert duration[0].count == 1
    ids = {p.attributes["htx.outcome"]: p.value for p in points["htx.client.ids"]}
    assert ids == {"accepted": 2}
    assert len(points["http.client.request.duration"]) == 2  # one per status: 503, 200
    everything = _everything(spans, points)
    assert CANARY not in everything
    assert ACCESS not in everything
    assert "Signature" not in everything
    assert "AccessKeyId" not in everything


def test_429_and_1032_are_counted_and_in_doubt_ids_by_outcome(
    mode: str, exchange: MockExchange
) -> None:
    otel = telemetry()
    exchange.add_order(BTC, ORDER_A)
    exchange.inject(faults.http_429(retry_after=0), times=1, path=CANCEL_PATH)
    exchange.inject(
        faults.business_error(1032, "The number of access exceeded the limit."),
        times=1,
        path=CANCEL_PATH,
    )
    exchange.inject(faults.drop(), times=None, path=CANCEL_PATH, after_processing=True)

    error = run(mode, exchange.url, "cancel", BTC, order_ids=[ORDER_A], options={"max_retries": 2})

    assert getattr(error, "may_have_reached", None) is True, error
    points = otel.points()
    limited = sorted(
        (p.attributes.get("http.response.status_code"), p.attributes.get("htx.code"), p.value)
        for p in points["htx.client.rate_limited"]
    )
    assert limited == [(200, "1032", 1), (429, "1032", 1)]  # the 429 carries 1032 too
    ids = {p.attributes["htx.outcome"]: p.value for p in points["htx.client.ids"]}
    assert ids == {"in_doubt": 1}
    (duration,) = points["htx.client.call.duration"]
    assert duration.attributes["htx.outcome"] == "in_doubt"
    (call,) = [s for s in otel.spans() if s.name == "htx.cancel"]
    assert call.attributes["htx.may_have_reached"] is True
    assert call.attributes["error.type"] == type(error).__name__
    assert not call.status.is_ok


@pytest.mark.parametrize("via", ["poll", "push"])
def test_confirmation_latency_is_recorded_per_order_shown_final(
    mode: str, via: str, exchange: MockExchange
) -> None:
    otel = telemetry()
    exchange.add_order(BTC, ORDER_A)
    exchange.add_order(BTC, ORDER_B)

    outcome = run(
        mode,
        exchange.url,
        "cancel_and_confirm",
        BTC,
        order_ids=[ORDER_A, ORDER_B],
        deadline=5,
        via=via,
    )

    assert sorted(outcome.cancelled) == sorted([ORDER_A, ORDER_B])
    assert exchange.order_state(BTC, ORDER_A) is OrderState.CANCELLED
    (latency,) = otel.points()["htx.client.confirm.latency"]
    assert latency.count == 2
    assert 0 <= latency.sum < 5 * 2
    names = [s.name for s in otel.spans()]
    assert names.count("htx.cancel_and_confirm") == 1
    # settled by order info (a read span), or by the order push (no read spent)
    assert ("POST /swap-api/v1/swap_order_info" in names) is (via == "poll")
    assert (outcome.reads == 0) is (via == "push")


def test_a_rate_limit_wait_is_an_event_on_the_call_span(mode: str, exchange: MockExchange) -> None:
    from htx_swap import RateLimiter

    otel = telemetry()
    exchange.add_order(BTC, ORDER_A)
    limiter = RateLimiter(1, 0.2)
    limiter.acquire()  # the bucket is full: the call waits for the slot
    limiter.release()

    result = run(
        mode, exchange.url, "cancel", BTC, order_ids=[ORDER_A], options={"rate_limiter": limiter}
    )

    assert isinstance(result, CancelResult), result
    (call,) = [s for s in otel.spans() if s.name == "htx.cancel"]
    waits = [e for e in call.events if e.name == "htx.rate_limit_wait"]
    assert waits
    assert waits[0].attributes["htx.seconds"] > 0


@pytest.mark.parametrize("method", ["cancel_all", "panic"])
def test_each_public_call_has_its_span(method: str, exchange: MockExchange) -> None:
    otel = telemetry()
    exchange.add_order(BTC, ORDER_A)
    args = (BTC,) if method == "cancel_all" else ([BTC],)

    run("sync", exchange.url, method, *args)

    assert [s.name for s in otel.spans()].count(f"htx.{method}") == 1


def test_the_dead_mans_switch_has_attempt_spans_only(exchange: MockExchange) -> None:
    from htx_swap import SwapClient

    from tests.production.conftest import CREDS

    otel = telemetry()
    with (
        SwapClient(CREDS, base_url=exchange.url, rate_limiter=None) as client,
        client.dead_mans_switch(30),
    ):
        pass

    names = [s.name for s in otel.spans()]
    assert names.count("POST /swap-api/v1/swap-cancel-after") == 2  # armed, then off
    assert not [n for n in names if n.startswith("htx.")]
