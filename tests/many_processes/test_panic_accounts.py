"""``panic_accounts`` / ``panic_accounts_async`` and ``htx-swap panic --accounts FILE``: every
account at once, each in its own buckets; one account's key refused leaves the others' panics
whole, and its report says refused."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from htx_swap import (
    AccountsPanicReport,
    HtxCredentials,
    InvalidRequestError,
    panic_accounts,
    panic_accounts_async,
)
from htx_swap.cli import main
from htx_swap_mock import MockExchange, OrderState

CLI_SCHEMA = json.loads(
    (Path(__file__).parents[1] / "integration" / "cli_output.schema.json").read_text()
)
KEYS = {"main-key": "main-secret", "hedge-key": "hedge-secret"}
CONTRACT = "BTC-USD"
FIRST = 771038212360937472


@pytest.fixture(scope="module")
def exchange() -> Iterator[MockExchange]:
    with MockExchange(credentials=KEYS) as running:
        yield running


def _accounts() -> dict[str, HtxCredentials]:
    return {
        "main": HtxCredentials("main-key", "main-secret"),
        "hedge": HtxCredentials("hedge-key", "hedge-secret"),
        "revoked": HtxCredentials("revoked-key", "revoked-secret"),
    }


def _seed(exchange: MockExchange, base: int) -> list[str]:
    ids = [str(base), str(base + 1)]
    for order_id in ids:
        exchange.add_order(CONTRACT, order_id)
    return ids


def _check(report: AccountsPanicReport, ids: list[str], exchange: MockExchange) -> None:
    assert report.outcome("main") == "clean"
    assert report.outcome("hedge") == "clean"
    assert report.outcome("revoked") == "refused"
    assert report.refused == ["revoked"]
    assert not report.clean  # one account is not proven clean
    for order_id in ids:
        assert exchange.order_state(CONTRACT, order_id) == OrderState.CANCELLED


def test_one_refused_key_the_others_still_run(exchange: MockExchange) -> None:
    ids = _seed(exchange, FIRST)
    report = panic_accounts(_accounts(), contract_codes=[CONTRACT], base_url=exchange.url)
    assert set(report.reports) == {"main", "hedge", "revoked"}
    assert report.reports["main"].clean
    assert report.reports["hedge"].clean
    _check(report, ids, exchange)


def test_contracts_not_named_a_refused_key_is_an_error_of_its_own(
    exchange: MockExchange,
) -> None:
    _seed(exchange, FIRST + 10)
    report = panic_accounts(_accounts(), base_url=exchange.url)
    assert set(report.errors) == {"revoked"}
    assert report.refused == ["revoked"]
    assert not report.clean


def test_clean_only_when_every_account_is(exchange: MockExchange) -> None:
    accounts = {name: c for name, c in _accounts().items() if name != "revoked"}
    report = panic_accounts(accounts, contract_codes=[CONTRACT], base_url=exchange.url)
    assert report.clean
    assert report.refused == []


@pytest.mark.asyncio
async def test_async_twin(exchange: MockExchange) -> None:
    ids = _seed(exchange, FIRST + 20)
    report = await panic_accounts_async(
        _accounts(), contract_codes=[CONTRACT], base_url=exchange.url
    )
    _check(report, ids, exchange)


def test_bad_accounts_are_typed_errors_before_anything_is_sent() -> None:
    with pytest.raises(InvalidRequestError) as caught:
        panic_accounts({})
    assert caught.value.field == "accounts"
    with pytest.raises(InvalidRequestError) as caught:
        panic_accounts({"main": ("key", "secret")})  # type: ignore[dict-item]
    assert caught.value.field == "accounts['main']"


ACCOUNTS_TOML = """
[accounts.main]
access_key_env = "T_MAIN_ACCESS"
secret_key_env = "T_MAIN_SECRET"

[accounts.revoked]
access_key_env = "T_REVOKED_ACCESS"
secret_key_env = "T_REVOKED_SECRET"
"""


@pytest.fixture
def accounts_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    path = tmp_path / "accounts.toml"
    path.write_text(ACCOUNTS_TOML)
    for name, value in {
        "T_MAIN_ACCESS": "main-key",
        "T_MAIN_SECRET": "main-secret",
        "T_REVOKED_ACCESS": "revoked-key",
        "T_REVOKED_SECRET": "revoked-secret",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("HTX_ACCESS_KEY", raising=False)  # not needed with --accounts
    return str(path)


def test_cli_panics_every_account_of_the_file(exchange: MockExchange, accounts_file: str) -> None:
    ids = _seed(exchange, FIRST + 30)
    out, err = io.StringIO(), io.StringIO()
    argv = ["panic", CONTRACT, "--accounts", accounts_file, "--base-url", exchange.url]
    code = main(argv, out=out, err=err)
    assert code == 3, err.getvalue()  # a key refused
    text = out.getvalue()
    assert "== account main: CLEAN" in text
    assert "== account revoked: REFUSED" in text
    assert "main-secret" not in text
    assert "revoked-secret" not in text
    for order_id in ids:
        assert exchange.order_state(CONTRACT, order_id) == OrderState.CANCELLED
    out = io.StringIO()
    assert main([*argv, "--json"], out=out, err=err) == 3
    document = json.loads(out.getvalue())
    jsonschema.validate(document, CLI_SCHEMA)  # the one schema of every htx-swap --json run
    assert document["command"] == "panic"
    assert document["refused"] == ["revoked"]
    assert document["accounts"]["main"]["outcome"] == "clean"


def test_cli_names_the_missing_variable(
    tmp_path: Path, accounts_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("T_REVOKED_SECRET")
    err = io.StringIO()
    code = main(["panic", "--accounts", accounts_file], out=io.StringIO(), err=err)
    assert code == 2
    assert "accounts.revoked.secret_key_env" in err.getvalue()
    assert "main-secret" not in err.getvalue()
