"""The README's "In production" section against the code: the names it lists are the names
the SDK emits, the extra it names, the bound on records, and the CLI's JSON through
``to_dict``."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from htx_swap import CancelResult, RateLimiter, cli
from htx_swap_mock import MockExchange, faults

from tests.production.client_support import run
from tests.production.conftest import ACCESS, BTC, CANARY, ORDER_A
from tests.production.otel_support import telemetry

ROOT = Path(__file__).parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## In production\n", 1)[1].split("\n## ", 1)[0]


def _names(paragraph_start: str) -> set[str]:
    """The backticked dotted names of the README bullet that starts so."""
    bullet = next(b for b in SECTION.split("\n- ") if b.startswith(paragraph_start))
    return {n for n in re.findall(r"`([a-z_.]+)`", bullet) if "." in n}


def test_the_names_listed_are_those_emitted(exchange: MockExchange) -> None:
    otel = telemetry()
    exchange.add_order(BTC, ORDER_A)
    exchange.inject(faults.http_503(), times=1, path="/swap-api/v1/swap_cancel")
    assert isinstance(run("sync", exchange.url, "cancel", BTC, order_ids=[ORDER_A]), CancelResult)
    exchange.add_order(BTC, ORDER_A)
    exchange.inject(faults.http_429(retry_after=0), times=1, path="/swap-api/v1/swap_cancel")
    run("sync", exchange.url, "cancel_and_confirm", BTC, order_ids=[ORDER_A])
    full = RateLimiter(1, 0.2)
    full.acquire()  # the next call waits for the slot
    full.release()
    exchange.add_order(BTC, ORDER_A)
    run("sync", exchange.url, "cancel", BTC, order_ids=[ORDER_A], options={"rate_limiter": full})

    spans = otel.spans()
    points = otel.points()
    call_attributes = {k for s in spans if s.name.startswith("htx.") for k in s.attributes}
    call_events = {e.name for s in spans if s.name.startswith("htx.") for e in s.events}
    attempt_attributes = {k for s in spans if s.name.startswith("POST ") for k in s.attributes}
    assert _names("The call's span") <= call_attributes | call_events
    assert _names("An attempt's span") <= attempt_attributes
    assert _names("With a meter provider set") - {"htx.operation", "htx.outcome"} == set(points)
    everything = "".join(s.to_json() for s in spans) + json.dumps(
        {n: [dict(p.attributes) for p in ps] for n, ps in points.items()}
    )
    assert CANARY not in everything
    assert ACCESS not in everything
    assert "Signature" not in everything


def test_the_otel_extra_is_the_api_alone() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extra = project["optional-dependencies"]["otel"]
    assert [re.split(r"[<>=!~ ]", r)[0] for r in extra] == ["opentelemetry-api"]
    assert "pip install '.[otel]'" in SECTION


def test_a_call_keeps_the_records_of_its_last_attempts(
    exchange: MockExchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    from htx_swap._engine import calls

    assert "last 1,000" in SECTION
    assert calls.MAX_RECORDS == 1000
    monkeypatch.setattr(calls, "MAX_RECORDS", 2)
    exchange.add_order(BTC, ORDER_A)
    exchange.inject(faults.http_503(), times=2, path="/swap-api/v1/swap_cancel")

    result = run("sync", exchange.url, "cancel", BTC, order_ids=[ORDER_A])

    assert result.attempts == 3
    assert [r.attempt for r in result.attempt_log] == [2, 3]


def test_the_cli_builds_its_json_with_to_dict(
    exchange: MockExchange,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from htx_swap._model import serialize

    calls: list[str] = []
    real = serialize.to_dict

    def counted(value: object, **options: Any) -> dict[str, Any]:
        calls.append(type(value).__name__)
        return real(value, **options)

    monkeypatch.setattr(serialize, "to_dict", counted)
    monkeypatch.setenv("HTX_ACCESS_KEY", ACCESS)
    monkeypatch.setenv("HTX_SECRET_KEY", CANARY)
    exchange.add_order(BTC, ORDER_A)

    code = cli.main(["cancel", BTC, "--order-id", ORDER_A, "--base-url", exchange.url, "--json"])

    document = json.loads(capsys.readouterr().out)
    assert code == cli.EXIT_OK
    assert calls == ["CancelResult"]
    assert document["successes"] == [ORDER_A]


def test_the_cost_when_off_is_on_record() -> None:
    assert '`BENCHMARKS.md` ("In production: the cost when off")' in " ".join(SECTION.split())
    benchmarks = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert "\n## In production: the cost when off (issue 25)\n" in benchmarks


def test_the_cure_for_httpxs_spans_is_where_the_section_says() -> None:
    """The names the OpenTelemetry bullets give resolve; what each does is held by
    ``test_review_issue25`` (``instrument_httpx``, ``redact_httpx_span``) and
    ``test_httpx_instrumentation`` (httpx's spans without it)."""
    import htx_swap
    from htx_swap._observe import otel_httpx

    text = " ".join(SECTION.split())
    assert "No span and no metric of the SDK's own holds" in text
    assert (
        "turned on by `HTTPXClientInstrumentor` alone, httpx's spans hold your access key" in text
    )
    assert "`htx_swap.instrument_httpx(http_client)`" in text
    assert "`htx_swap._observe.otel_httpx.redact_httpx_span(span, request)`" in text
    assert htx_swap.instrument_httpx is otel_httpx.instrument_httpx
    assert callable(otel_httpx.redact_httpx_span)
