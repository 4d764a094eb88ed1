"""``htx-swap usdt cancel|cancel-all|panic`` (issue 22, item 5): the swap commands' states,
exit codes, printable stream and one JSON schema, on USDT-margined contracts."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from htx_swap.cli import EXIT_BAD_INPUT, EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, main
from htx_swap_mock import MockExchange

from tests.hostile.raw_server import RawRequest, RawServer
from tests.hostile.support import json_answers

SCHEMA = json.loads((Path(__file__).parent / "cli_output.schema.json").read_text())
A, B = "1329854623927160832", "1329854623927160833"  # > 2**53


@pytest.fixture(scope="module")
def exchange() -> Iterator[MockExchange]:
    with MockExchange(rate_limit=None, usdt_rate_limit=None) as ex:
        yield ex


@pytest.fixture
def ex(exchange: MockExchange, monkeypatch: pytest.MonkeyPatch) -> MockExchange:
    exchange.reset()
    monkeypatch.setenv("HTX_ACCESS_KEY", exchange.access_key)
    monkeypatch.setenv("HTX_SECRET_KEY", exchange.secret_key)
    return exchange


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def as_json(*argv: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(*argv, "--json")
    found: dict[str, Any] = json.loads(out)
    jsonschema.validate(found, SCHEMA)
    assert found["product"] == "usdt"
    assert found["exit_code"] == code
    return code, found


def test_cancel_accepted_and_refused_is_partial(ex: MockExchange) -> None:
    ex.add_usdt_order("BTC-USDT", A)
    code, out, _ = run("usdt", "cancel", "BTC-USDT", "--order-id", f"{A},5", "--base-url", ex.url)
    assert code == EXIT_PARTIAL
    assert f"{A}  accepted" in out
    assert "refused   1061" in out


def test_cancel_confirm_and_its_document(ex: MockExchange) -> None:
    ex.add_usdt_order("BTC-USDT-261225", A)
    code, found = as_json(
        "usdt", "cancel", "BTC-USDT-261225", "--order-id", A, "--confirm", "--base-url", ex.url
    )
    assert (code, found["command"], found["cancelled"]) == (EXIT_OK, "cancel", [A])


def test_cancel_all_of_both_kinds(ex: MockExchange) -> None:
    ex.add_usdt_order("BTC-USDT", A)
    ex.add_usdt_order("BTC-USDT", B, algo_type="trigger", trigger_price=1)
    code, found = as_json("usdt", "cancel-all", "BTC-USDT", "--kind", "all", "--base-url", ex.url)
    assert code == EXIT_OK
    assert [(k["kind"], k["result"]["successes"]) for k in found["kinds"]] == [
        ("limit", [A]),
        ("algo", [B]),
    ]


def test_panic_on_named_contracts_is_clean(ex: MockExchange) -> None:
    ex.add_usdt_order("BTC-USDT", A)
    code, found = as_json("usdt", "panic", "BTC-USDT", "--base-url", ex.url)
    assert (code, found["clean"]) == (EXIT_OK, True)
    assert {e["kind"] for e in found["entries"]} == {"limit", "algo"}


def test_a_bad_contract_code_is_bad_input_and_nothing_is_sent(ex: MockExchange) -> None:
    code, found = as_json("usdt", "cancel", "BTC-USD", "--order-id", A, "--base-url", ex.url)
    assert code == EXIT_BAD_INPUT
    assert found["error"]["type"] == "InvalidRequestError"
    assert ex.received == []


def test_an_unanswered_id_is_unknown_never_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTX_ACCESS_KEY", "k")
    monkeypatch.setenv("HTX_SECRET_KEY", "s")
    items = [{"order_id": A, "client_order_id": None, "code": 200, "message": "Success"}]

    def answer(_: RawRequest) -> bytes:
        return json.dumps({"code": 200, "message": "Success", "data": items}).encode()

    with RawServer(json_answers(answer)) as server:
        code, found = as_json(
            "usdt", "cancel", "BTC-USDT", "--order-id", f"{A},{B}", "--base-url", server.url
        )
    assert code == EXIT_ERROR
    assert [(o["id"], o["state"]) for o in found["orders"]] == [(A, "accepted"), (B, "unknown")]
