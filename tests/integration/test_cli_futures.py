"""``htx-swap futures cancel|cancel-all|panic``: the swap commands' states, exit codes, printable
stream and JSON schema on coin-M delivery futures (a contract named by symbol); ``htx-swap
cancel`` stays the coin-M swap command."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from htx_swap import cli
from htx_swap_mock import MockExchange, OrderState

ACCESS, SECRET = "futures-cli-access", "futures-cli-canary-secret-5c1d"
SCHEMA = json.loads((Path(__file__).parent / "cli_output.schema.json").read_text())
BIG = "768503271974985728"


@pytest.fixture(scope="module")
def shared() -> Iterator[MockExchange]:
    with MockExchange(credentials={ACCESS: SECRET}) as exchange:
        yield exchange


@pytest.fixture
def ex(shared: MockExchange, monkeypatch: pytest.MonkeyPatch) -> MockExchange:
    shared.reset()
    monkeypatch.setenv("HTX_ACCESS_KEY", ACCESS)
    monkeypatch.setenv("HTX_SECRET_KEY", SECRET)
    monkeypatch.setenv("HTX_BASE_URL", shared.url)
    return shared


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    """A ``--json`` run: its exit code and its one document, checked against the schema."""
    code = cli.main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert SECRET not in out + err
    (line,) = out.splitlines()
    document: dict[str, Any] = json.loads(line)
    jsonschema.validate(document, SCHEMA)
    assert document["exit_code"] == code
    return code, document


def test_futures_cancel_by_symbol(ex: MockExchange, capsys: pytest.CaptureFixture[str]) -> None:
    contract = ex.futures_contract_code("BTC", "quarter")
    ex.add_order(contract, BIG)
    code, document = run(capsys, "futures", "cancel", "BTC", "--order-id", BIG)
    assert code == cli.EXIT_OK
    assert (document["command"], document["product"]) == ("cancel", "futures")
    assert document["successes"] == [BIG]
    assert ex.order_state(contract, BIG) is OrderState.CANCELLED
    assert [r.path for r in ex.received] == ["/api/v1/contract_cancel"]


def test_futures_cancel_confirm_in_settlement_is_a_refusal(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    ex.add_order(ex.futures_contract_code("BTC", "quarter"), BIG)
    ex.open_settlement("BTC")
    code, document = run(
        capsys, "futures", "cancel", "BTC", "--order-id", BIG, "--confirm", "--deadline", "1"
    )
    assert document["failed"] == [BIG]
    assert document["in_doubt"] == []
    assert code == cli.EXIT_ERROR  # refused as a whole (its cause named), never "in doubt"
    (order,) = document["orders"]
    assert (order["state"], order["err_code"], order["may_have_reached"]) == ("failed", 1056, False)
    assert order["meaning"] == "in settlement: not cancelled, retry after it"


def test_futures_cancel_all_by_contract_type(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    quarter = ex.futures_contract_code("BTC", "quarter")
    week = ex.futures_contract_code("BTC", "this_week")
    ex.add_order(quarter, 1)
    ex.add_order(week, 2)
    code, document = run(capsys, "futures", "cancel-all", "BTC", "--contract-type", "quarter")
    assert code == cli.EXIT_OK
    assert document["kinds"][0]["result"]["successes"] == ["1"]
    assert ex.order_state(week, 2) is OrderState.OPEN
    (sent,) = [r.json() for r in ex.received]
    assert sent == {"symbol": "BTC", "contract_type": "quarter"}


def test_futures_cancel_all_by_contract_code(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    week = ex.futures_contract_code("ETH", "this_week")
    ex.add_order(week, 3)
    code, _ = run(capsys, "futures", "cancel-all", "ETH", "--contract-code", week, "--kind", "all")
    assert code == cli.EXIT_OK
    assert ex.order_state(week, 3) is OrderState.CANCELLED


def test_futures_panic_proves_the_symbols_clean(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    ex.add_order(ex.futures_contract_code("BTC", "quarter"), 1)
    ex.add_order(ex.futures_contract_code("ETH", "next_week"), 2)
    code, document = run(capsys, "futures", "panic", "BTC", "ETH")
    assert code == cli.EXIT_OK
    assert (document["clean"], document["contract_codes"]) == (True, ["BTC", "ETH"])


def test_futures_panic_in_settlement_is_not_clean(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    ex.add_order(ex.futures_contract_code("BTC", "quarter"), 1)
    ex.open_settlement("BTC", delivery=True)
    code, document = run(capsys, "futures", "panic", "BTC", "--deadline", "0.5")
    assert code == cli.EXIT_ERROR
    assert document["clean"] is False
    limit = next(e for e in document["entries"] if e["kind"] == "limit")
    assert limit["errors"][0]["type"] == "SettlementError"
    assert limit["errors"][0]["may_have_reached"] is False


@pytest.mark.parametrize(
    "argv",
    [
        ("futures", "cancel", "BTC-USD", "--order-id", "1"),
        ("futures", "cancel-all", "BTC", "--contract-code", "ETH231229"),
        ("futures", "cancel-all", "BTC", "--contract-code", "BTC2312"),
        ("futures", "cancel-all", "BTC", "--contract-type", "monthly"),
        ("futures", "cancel-all", "BTC", "--kind", "tpsl", "--offset", "open"),
        ("futures", "panic", "BTC", "--accounts", "accounts.toml"),
    ],
)
def test_futures_bad_input_exits_2_before_sending(
    argv: tuple[str, ...], ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    code, document = run(capsys, *argv)
    assert code == cli.EXIT_BAD_INPUT
    assert document["error"] is not None
    assert ex.received == []


def test_cancel_stays_the_swap_command(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    ex.add_order("BTC-USD", BIG)
    code, document = run(capsys, "cancel", "BTC-USD", "--order-id", BIG)
    assert code == cli.EXIT_OK
    assert "product" not in document
    assert [r.path for r in ex.received] == ["/swap-api/v1/swap_cancel"]


def test_futures_cancel_in_delivery_is_refused_never_in_doubt(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    ex.add_order(ex.futures_contract_code("BTC", "quarter"), BIG)
    ex.open_settlement("BTC", delivery=True)
    code, document = run(capsys, "futures", "cancel", "BTC", "--order-id", BIG)
    (order,) = document["orders"]
    assert (order["state"], order["err_code"], order["may_have_reached"]) == (
        "refused",
        1059,
        False,
    )
    assert document["unanswered"] == []
    assert code != cli.EXIT_OK
