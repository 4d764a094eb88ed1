"""Hostile review 25d: what the ids-by-outcome counter and the call span say of a panic whose
cancel-all may have reached HTX."""

from __future__ import annotations

from typing import Any

from htx_swap import PanicReport
from htx_swap_mock import MockExchange, faults

from tests.production.client_support import run
from tests.production.conftest import BTC, ORDER_A
from tests.production.otel_support import telemetry

CANCEL_ALL_PATH = "/swap-api/v1/swap_cancelall"


def _ids_by_outcome(points: dict[str, list[Any]]) -> dict[str, int]:
    counted: dict[str, int] = {}
    for point in points.get("htx.client.ids", []):
        outcome = str(point.attributes["htx.outcome"])
        counted[outcome] = counted.get(outcome, 0) + int(point.value)
    return counted


def test_a_panic_whose_cancel_all_was_dropped_counts_no_id_refused(
    mode: str, exchange: MockExchange
) -> None:
    otel = telemetry()
    exchange.add_order(BTC, ORDER_A)
    exchange.inject(faults.drop(), times=None, path=CANCEL_ALL_PATH)

    report = run(mode, exchange.url, "panic", [BTC], deadline=2.0, options={"max_retries": 0})

    assert isinstance(report, PanicReport)
    (limit,) = [e for e in report.entries if e.kind == "limit"]
    assert limit.still_open
    assert not limit.verified_empty
    assert any(error.may_have_reached for error in limit.errors)  # the cancel may have reached
    (call,) = [s for s in otel.spans() if s.name == "htx.panic"]
    assert call.attributes["htx.outcome"] == "in_doubt"
    counted = _ids_by_outcome(otel.points())
    assert "refused" not in counted, counted  # HTX refused nothing: it never answered the cancel
    assert counted.get("in_doubt") == 1, counted
    assert call.attributes["htx.refused"] == 0
    assert call.attributes["htx.in_doubt"] == 1
