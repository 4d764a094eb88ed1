"""``to_dict()`` / ``to_json()``: ids and Decimals as strings, ``json.loads(to_json())`` gives
``to_dict()`` back, and a cancel, a confirmed cancel and a panic give the document
``htx-swap --json`` prints (its schema)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
from htx_swap import CancelResult, HtxApiError, OrderCancelError
from htx_swap._cli.cli_render import cancel_document, outcome_document, panic_document
from htx_swap._model.attempts import AttemptRecord
from htx_swap._model.order_info import OrderInfo, OrderStatus
from htx_swap._model.reports import CancelAfterStatus, OpenOrder
from htx_swap_mock import MockExchange

from tests.production.client_support import run
from tests.production.conftest import BTC, ORDER_A, ORDER_B

BIG = "9007199254740993"  # 2**53 + 1: a float would change it
SCHEMA = Path(__file__).parents[1] / "integration" / "cli_output.schema.json"


def _round_trips(value: Any, **options: Any) -> dict[str, Any]:
    document: dict[str, Any] = value.to_dict(**options)
    assert json.loads(value.to_json(**options)) == document
    assert value.to_json(**options).isascii()
    return document


def test_ids_and_decimals_stay_exact_strings() -> None:
    info = OrderInfo(
        BIG, "42", BTC, OrderStatus.of(7), Decimal("1.10"), Decimal("0"), price=Decimal("1e-8")
    )
    order = OpenOrder(
        "trigger", BIG, BTC, "buy", "open", Decimal("3.000"), 3, None, None, Decimal("65000.5")
    )
    status = CancelAfterStatus(True, 1_700_000_000_000, 1_700_000_030_000)

    info_doc = _round_trips(info)
    order_doc = _round_trips(order)
    assert info_doc["order_id"] == BIG
    assert info_doc["client_order_id"] == "42"
    assert info_doc["volume"] == "1.10"
    assert info_doc["price"] == "1E-8"
    assert Decimal(info_doc["price"]) == info.price
    assert info_doc["status"] == "cancelled"
    assert info_doc["status_code"] == 7
    assert order_doc["order_id"] == BIG
    assert order_doc["volume"] == "3.000"
    assert order_doc["trigger_price"] == "65000.5"
    assert _round_trips(status) == {
        "armed": True,
        "current_time": 1_700_000_000_000,
        "trigger_time": 1_700_000_030_000,
    }


def test_a_result_is_the_clis_document_and_carries_its_attempts_on_request() -> None:
    headers = httpx.Headers({"Ratelimit-Limit": "72", "Cf-Ray": "r1", "Date": "x"})
    record = AttemptRecord("swap_cancel", 1, 200, None, 0.01, True, headers=headers)
    error = OrderCancelError(BIG, 1061, "This order doesnt exist.")
    failed = OrderCancelError(
        ORDER_B,
        -1,
        "x",
        cause=HtxApiError("busy", code=1004, status_code=200),
        may_have_reached=True,
    )
    result = CancelResult(
        successes=[ORDER_A], errors=[error, failed], ts=1, attempts=1, attempt_log=(record,)
    )

    document = _round_trips(result)
    assert document == cancel_document(result)
    assert [o["id"] for o in document["orders"]] == [ORDER_A, BIG, ORDER_B]
    assert "attempt_log" not in document
    full = _round_trips(result, attempts=True)
    assert full["attempt_log"] == [
        {
            "operation": "swap_cancel",
            "attempt": 1,
            "status_code": 200,
            "htx_code": None,
            "seconds": 0.01,
            "may_have_reached": True,
            "rate_limit": {"ratelimit-limit": "72"},
            "request_id": "r1",
            "error": None,
            "retry_in": None,
        }
    ]
    assert _round_trips(record) == full["attempt_log"][0]
    assert _round_trips(error) == {
        "order_id": BIG,
        "err_code": 1061,
        "err_msg": "This order doesnt exist.",
        "cause": None,
        "may_have_reached": False,
    }


@pytest.mark.parametrize("method", ["cancel", "cancel_and_confirm", "panic"])
def test_the_clis_documents_match_its_schema(method: str, exchange: MockExchange) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    exchange.add_order(BTC, ORDER_A)
    args: tuple[Any, ...] = (BTC,) if method != "panic" else ([BTC],)
    kwargs: dict[str, Any] = {"order_ids": [ORDER_A]} if method != "panic" else {}

    value = run("sync", exchange.url, method, *args, **kwargs)

    document = _round_trips(value)
    builder = {"cancel": cancel_document, "cancel_and_confirm": outcome_document}.get(
        method, panic_document
    )
    assert document == builder(value)  # type: ignore[operator]
    header: dict[str, Any] = {"command": "panic", "exit_code": 0, "error": None}
    if method != "panic":
        confirm = method == "cancel_and_confirm"
        header |= {"command": "cancel", "confirm": confirm, "id_field": "order_id"}
        header["contract_code"] = BTC
    validator = jsonschema.Draft202012Validator(schema)
    assert [e.message for e in validator.iter_errors({**header, **document})] == []
