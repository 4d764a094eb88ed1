"""Hostile review 25c of issue 25 (records, telemetry, hooks, ``with_options``, JSON, and the
signed URL put in place without httpx parsing it again): defects found by using the SDK
against raw loopback servers. Each test failed before its fix."""

from __future__ import annotations

import json
from typing import Any

import pytest
from htx_swap import HtxCredentials

from tests.hostile.raw_server import RawConnection, RawRequest, RawServer, http_response
from tests.hostile.support import BTC, MODES, call
from tests.production.otel_support import telemetry

ACCESS = "review25c-canary-access-3b7e"
SECRET = "review25c-canary-secret-91fd"
CANARY_CREDS = HtxCredentials(ACCESS, SECRET)


def _everything_in(spans: list[Any], points: dict[str, list[Any]]) -> str:
    """Every span's name, attributes, events and status, and every metric point's attributes,
    as one text to search."""
    found = []
    for span in spans:
        events = [(event.name, dict(event.attributes or {})) for event in span.events]
        found.append([span.name, dict(span.attributes or {}), events, span.status.description])
    for name, data in points.items():
        found.extend([name, dict(point.attributes or {})] for point in data)
    return json.dumps(found, default=str)


# -- 1. a server echoing the access key plainly puts it on the attempt's span -----------------


def _echoing_the_access_key(conn: RawConnection) -> None:
    """Every request refused (1017), the access key echoed plainly (not as ``AccessKeyId=``)
    in the ``Cf-Ray`` header and in a string error code."""
    while conn.read_request() is not None:
        body = {"status": "error", "err_code": f"bad-key-{ACCESS}", "err_msg": "no", "ts": 1}
        headers = {"Cf-Ray": f"8f1c-{ACCESS}"}
        conn.send(http_response(200, json.dumps(body).encode(), headers))


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_a_server_echoing_the_access_key_puts_it_on_no_span(mode: str) -> None:
    watched = telemetry()
    with RawServer(_echoing_the_access_key) as server:
        called = call(mode, server.url, "cancel", BTC, order_ids=["1"], credentials=CANARY_CREDS)
    assert called.error is not None  # refused, as the server said
    spans = watched.spans()
    assert any(span.name == "POST /swap-api/v1/swap_cancel" for span in spans)
    recorded = _everything_in(spans, watched.points())
    assert SECRET not in recorded
    assert ACCESS not in recorded, "the access key is on a span"


# -- 2. a record keeps whatever headers a server sends: 1,000 records of ~90 KB each ----------

HUGE = 40_000  # characters in each of two headers: well within what httpx reads


def _huge_headers(conn: RawConnection) -> None:
    request: RawRequest | None
    while (request := conn.read_request()) is not None:
        body = json.loads(request.body)
        answer = {"status": "ok", "data": {"errors": [], "successes": body["order_id"]}, "ts": 1}
        headers = {"Cf-Ray": "r" * HUGE, "ratelimit-remaining": "9" * HUGE}
        conn.send(http_response(200, json.dumps(answer).encode(), headers))


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_a_record_holds_a_bounded_share_of_a_servers_headers(mode: str) -> None:
    with RawServer(_huge_headers) as server:
        called = call(mode, server.url, "cancel", BTC, order_ids=["1"])
    assert called.error is None, called.error
    (record,) = called.value.attempt_log
    assert record.status_code == 200
    # a record is what a support ticket quotes: a few hundred characters, whatever was sent
    assert len(record.to_json()) < 4_000, f"one record is {len(record.to_json())} characters"
    assert record.request_id == "r" * 64 + "…"
    assert record.rate_limit == {"ratelimit-remaining": "9" * 64 + "…"}
    assert record.headers is not None  # what it keeps of the answer: bounded too
    assert sum(len(name) + len(value) for name, value in record.headers.raw) < 200
