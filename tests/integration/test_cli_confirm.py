"""``htx-swap cancel --confirm``: the final state of each order, in a table or JSON, with exit
codes that tell a fully cancelled batch from one where an order filled or stayed pending."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from htx_swap import cli
from htx_swap._cli.cli_render import outcome_document, render_outcome
from htx_swap._engine.confirm import CancelOutcome
from htx_swap._model.results import CancelResult, OrderCancelError
from htx_swap.cli import EXIT_BAD_INPUT, EXIT_OK, EXIT_PARTIAL, main
from htx_swap_mock import MockExchange


@pytest.fixture
def exchange(monkeypatch: pytest.MonkeyPatch) -> Iterator[MockExchange]:
    with MockExchange(cancel_delay=0.05) as running:
        monkeypatch.setenv("HTX_ACCESS_KEY", running.access_key)
        monkeypatch.setenv("HTX_SECRET_KEY", running.secret_key)
        yield running


def _run(exchange: MockExchange, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["cancel", "BTC-USD", "--base-url", exchange.url, *args]
    return main(argv, out=out, err=err), out.getvalue(), err.getvalue()


def test_confirm_table_shows_final_states(exchange: MockExchange) -> None:
    exchange.add_order("BTC-USD", 1)
    exchange.add_order("BTC-USD", 2, on_cancel="fill")
    code, out, err = _run(exchange, "--order-id", "1,2,3", "--confirm")
    assert code == EXIT_PARTIAL  # one filled, one not found: not everything was cancelled
    assert err == ""
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()[1:4]}
    assert rows == {"1": "cancelled", "2": "filled", "3": "failed"}
    assert "1061" in out
    assert out.splitlines()[-1] == "1 cancelled, 1 filled first, 1 failed, 0 still pending"
    assert exchange.secret_key not in out


def test_confirm_json_and_exit_ok_when_all_cancelled(exchange: MockExchange) -> None:
    exchange.add_order("BTC-USD", 9223372036854775807, state="partially_filled", trade_volume=3)
    code, out, _ = _run(exchange, "--order-id", "9223372036854775807", "--confirm", "--json")
    assert code == EXIT_OK
    answer = json.loads(out)
    assert answer["cancelled"] == ["9223372036854775807"]
    assert answer["filled"] == answer["pending"] == answer["failed"] == []
    (entry,) = answer["orders"]
    assert entry["id"] == "9223372036854775807"
    assert entry["state"] == "cancelled"
    assert entry["order"] == {
        "status": 5,
        "state": "partially_filled_cancelled",
        "volume": "10",
        "trade_volume": "3",
    }


def test_confirm_deadline_reports_pending(exchange: MockExchange) -> None:
    exchange.add_order("BTC-USD", 7, on_cancel="never")
    code, out, _ = _run(exchange, "--order-id", "7", "--confirm", "--deadline", "0.3", "--json")
    assert code == EXIT_PARTIAL
    assert json.loads(out)["pending"] == ["7"]


def test_bad_deadline_is_bad_input(exchange: MockExchange) -> None:
    code, _, err = _run(exchange, "--order-id", "7", "--confirm", "--deadline", "-1")
    assert code == EXIT_BAD_INPUT
    assert "deadline" in err
    assert exchange.received == []


def test_deadline_without_confirm_is_bad_input(exchange: MockExchange) -> None:
    code, _, err = _run(exchange, "--order-id", "7", "--deadline", "3")
    assert code == EXIT_BAD_INPUT
    assert "--deadline" in err
    assert exchange.received == []


def test_missing_ca_cert_is_bad_input(exchange: MockExchange, tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-ca.pem")
    code, _, err = _run(exchange, "--order-id", "7", "--ca-cert", missing)
    assert code == EXIT_BAD_INPUT
    assert "--ca-cert" in err
    assert exchange.received == []


def test_a_failed_cancel_that_may_have_reached_is_unknown_never_failed() -> None:
    """An id in ``failed`` whose cancel may have reached HTX (a retry answered 1063 after a lost
    attempt) is in doubt: shown ``unknown``, exit 4."""
    doubt = OrderCancelError("11", 1063, "The order has been executed.", may_have_reached=True)
    refused = OrderCancelError("12", 1061, "This order doesnt exist.")
    result = CancelResult(successes=[], errors=[doubt, refused], ts=1)
    outcome = CancelOutcome([], [], [doubt, refused], [], {}, cancel_result=result)
    rows = {line.split()[0]: line.split()[1] for line in render_outcome(outcome).splitlines()[1:3]}
    assert rows == {"11": "unknown", "12": "failed"}
    orders = outcome_document(outcome)["orders"]
    assert isinstance(orders, list)
    states = [(o["id"], o["state"]) for o in orders]
    assert states == [("11", "unknown"), ("12", "failed")]
    assert cli._outcome_exit(outcome) == cli.EXIT_ERROR
