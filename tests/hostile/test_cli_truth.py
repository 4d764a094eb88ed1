"""The CLI tells each id's truth: ``accepted``, ``refused`` (with HTX's code), ``not_sent`` (never
left) or ``unknown`` (may have reached HTX), in the table and in ``--json`` (with
``may_have_reached`` per id and no ``"ts": 0`` placeholder). Exit 0 only when every id was
accepted; 4 when any is unknown.

Findings covered: a read timeout printed ``refused -1`` for ids whose cancel may have taken, and
``--json`` carried ``"ts": 0`` for a call that never got an answer.
"""

from __future__ import annotations

import functools
import json
import socket
from collections.abc import Callable, Iterator

import pytest
from htx_swap import SwapClient, cli
from htx_swap_mock import MockExchange, faults

from tests.hostile.support import BTC, CANCEL_PATH

ACCESS, SECRET = "cli-truth-access", "cli-truth-canary-secret-61f2"
IDS = ["768503271974985728", "771038212360937472"]


@pytest.fixture
def ex(
    htx_exchange_factory: Callable[..., MockExchange], monkeypatch: pytest.MonkeyPatch
) -> MockExchange:
    monkeypatch.setenv("HTX_ACCESS_KEY", ACCESS)
    monkeypatch.setenv("HTX_SECRET_KEY", SECRET)
    # The CLI's client with its real retry count but a short backoff (as tests/integration do).
    quick = functools.partial(SwapClient, backoff_initial=0.01, backoff_max=0.02)
    monkeypatch.setattr(cli, "SwapClient", quick)
    exchange = htx_exchange_factory(rate_limit=None, credentials={ACCESS: SECRET})
    for order_id in IDS:
        exchange.add_order(BTC, order_id)
    return exchange


@pytest.fixture
def closed_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("HTX_ACCESS_KEY", ACCESS)  # credentials are read before anything is sent
    monkeypatch.setenv("HTX_SECRET_KEY", SECRET)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{probe.getsockname()[1]}"


def _run(
    capsys: pytest.CaptureFixture[str], url: str, *extra: str, ids: list[str] = IDS
) -> tuple[int, str]:
    argv = ["cancel", BTC, "--order-id", ",".join(ids), "--base-url", url, "--timeout", "0.5"]
    code = cli.main([*argv, *extra])
    captured = capsys.readouterr()
    assert SECRET not in captured.out + captured.err
    return code, captured.out


def _entries(document: object, order_id: str) -> list[dict[str, object]]:
    """Every JSON object in ``document`` that is about ``order_id``."""
    found: list[dict[str, object]] = []
    if isinstance(document, dict):
        if document.get("id") == order_id:
            found.append(document)
        for value in document.values():
            found += _entries(value, order_id)
    elif isinstance(document, list):
        for value in document:
            found += _entries(value, order_id)
    return found


def _zero_ts(document: object) -> bool:
    if isinstance(document, dict):
        if document.get("ts") == 0:
            return True
        return any(_zero_ts(value) for value in document.values())
    if isinstance(document, list):
        return any(_zero_ts(value) for value in document)
    return False


def _row(table: str, order_id: str) -> list[str]:
    rows = [line.split() for line in table.splitlines() if line.startswith(order_id)]
    assert len(rows) == 1, table
    return rows[0]


UNKNOWN_FAULTS = [
    pytest.param(faults.stall(30), id="read-timeout"),
    pytest.param(faults.drop(), id="dropped-answer"),
    pytest.param(faults.html_502(), id="5xx"),
]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("fault", UNKNOWN_FAULTS)
def test_a_cancel_that_may_have_reached_is_unknown_in_the_table(
    ex: MockExchange, capsys: pytest.CaptureFixture[str], fault: faults.Fault
) -> None:
    ex.inject(fault, times=None, path=CANCEL_PATH)
    code, out = _run(capsys, ex.url)
    assert code == 4, out
    for order_id in IDS:
        row = _row(out, order_id)
        assert row[1] == "unknown", out
    assert "refused -1" not in " ".join(out.split()), out


@pytest.mark.timeout(20)
@pytest.mark.parametrize("fault", UNKNOWN_FAULTS)
def test_a_cancel_that_may_have_reached_is_unknown_in_json(
    ex: MockExchange, capsys: pytest.CaptureFixture[str], fault: faults.Fault
) -> None:
    ex.inject(fault, times=None, path=CANCEL_PATH)
    code, out = _run(capsys, ex.url, "--json")
    assert code == 4, out
    document = json.loads(out)
    assert not _zero_ts(document), out
    for order_id in IDS:
        entries = _entries(document, order_id)
        assert entries, out
        assert all(entry.get("may_have_reached") is True for entry in entries), out
        assert any("unknown" in entry.values() for entry in entries), out


@pytest.mark.timeout(20)
def test_never_sent_is_not_sent(closed_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, closed_url, "--json")
    assert code != 0
    document = json.loads(out)
    assert not _zero_ts(document), out
    for order_id in IDS:
        entries = _entries(document, order_id)
        assert entries, out
        assert all(entry.get("may_have_reached") is False for entry in entries), out
        assert any("not_sent" in entry.values() for entry in entries), out


@pytest.mark.timeout(20)
def test_never_sent_is_not_sent_in_the_table(
    closed_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(capsys, closed_url)
    assert code != 0
    for order_id in IDS:
        assert _row(out, order_id)[1] == "not_sent", out


@pytest.mark.timeout(20)
def test_refused_keeps_htxs_code_and_accepted_stays_accepted(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(capsys, ex.url, "--json", ids=[IDS[0], "5"])  # 5 does not exist: 1061
    assert code == 1, out
    document = json.loads(out)
    accepted = [e for e in _entries(document, IDS[0]) if "accepted" in e.values()]
    assert accepted, out
    assert all(e.get("may_have_reached") is True for e in accepted), out
    refused = [e for e in _entries(document, "5") if "refused" in e.values()]
    assert refused, out
    assert all(1061 in e.values() or "1061" in e.values() for e in refused), out
