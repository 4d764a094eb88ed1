"""openapi.yaml against HTX's page for Get Information of an Order, as for the cancel page:
every check passes on the real spec and catches a broken copy of the spec or of the page."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from htx_swap_client import Client
from htx_swap_client.api.trade import swap_order_info
from htx_swap_client.models import (
    HtxErrorResponse,
    HtxGatewayErrorResponse,
    SwapOrderInfo,
    SwapOrderInfoOk,
    SwapOrderInfoRequest,
)
from htx_swap_client.types import UNSET

from tests.contract import checks
from tests.contract.htx_doc import DocPage, parse_doc_page

Check = Callable[[dict[str, Any], DocPage], list[str]]
ALL_CHECKS: list[Check] = [
    checks.check_operation,
    checks.check_servers,
    checks.check_request_schema,
    checks.check_response_schema,
    checks.check_id_limits,
    checks.check_examples,
]
PATH = "/swap-api/v1/swap_order_info"
EXACT_ID = "771043577949732864"  # the page's order_id_str; its order_id prints JS-rounded
EXPECTED_MODEL = {
    "documented": SwapOrderInfoOk,
    "nothing_found": SwapOrderInfoOk,
    "business_error": HtxErrorResponse,
    "gateway_error": HtxGatewayErrorResponse,
}


def _op(spec: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = spec["paths"][PATH]["post"]
    return op


def _schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    schema: dict[str, Any] = spec["components"]["schemas"][name]
    return schema


def _response_examples(spec: dict[str, Any]) -> dict[str, Any]:
    examples: dict[str, Any] = _op(spec)["responses"]["200"]["content"][checks.RESPONSE_MEDIA][
        "examples"
    ]
    return examples


def _documented_order(spec: dict[str, Any]) -> dict[str, Any]:
    order: dict[str, Any] = _response_examples(spec)["documented"]["value"]["data"][0]
    return order


def _parse(body: str) -> SwapOrderInfoOk | HtxErrorResponse | HtxGatewayErrorResponse | None:
    """Through the generated public codec, and through the generated client's own path (an
    answer labelled text/plain, as HTX sends it): both must give the same model."""
    public = swap_order_info.parse_body(json.loads(body))

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=body.encode(), headers={"Content-Type": checks.RESPONSE_MEDIA}
        )

    transport = httpx.MockTransport(answer)
    client = Client(base_url="https://api.hbdm.com", httpx_args={"transport": transport})
    request = SwapOrderInfoRequest(contract_code="THETA-USD", order_id=EXACT_ID)
    assert swap_order_info.sync(client=client, body=request) == public
    return public


def test_page_reads_as_expected_structure(order_info_page: DocPage) -> None:
    assert order_info_page.path == PATH
    assert order_info_page.method == "POST"
    assert [f.name for f in order_info_page.request_fields] == [
        "order_id",
        "client_order_id",
        "contract_code",
    ]
    assert {f.name for f in order_info_page.response_fields} == {"status", "data", "ts"}
    (data,) = (f for f in order_info_page.response_fields if f.name == "data")
    assert data.type == "array"
    names = {f.name for f in data.children}
    assert {"order_id", "order_id_str", "status", "trade_volume", "canceled_at"} <= names
    assert {f.name: f.type for f in data.children}["trade_avg_price"] == "number"  # decimal
    assert set(order_info_page.examples) == {"Request example", "Success Example"}


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.__name__)
def test_spec_agrees_with_page(
    check: Check, spec: dict[str, Any], order_info_page: DocPage
) -> None:
    assert check(spec, order_info_page) == []


def test_operation_records_the_page_and_has_no_security(spec: dict[str, Any]) -> None:
    op = _op(spec)
    assert op["operationId"] == "swap_order_info"
    assert "security" not in op
    assert op["x-htx-doc"].startswith("https://www.htx.com/")
    assert set(op["x-htx-order-status"]) == {1, 2, 3, 4, 5, 6, 7, 10, 11}


def test_page_prints_the_id_rounded_and_the_spec_keeps_it_exact(
    order_info_page: DocPage, spec: dict[str, Any]
) -> None:
    page_order = order_info_page.examples["Success Example"]["data"][0]
    assert page_order["order_id_str"] == EXACT_ID
    assert page_order["order_id"] != int(EXACT_ID)  # the page's JavaScript rounding
    assert float(page_order["order_id"]) == float(EXACT_ID)
    spec_order = _documented_order(spec)
    assert spec_order["order_id"] == int(spec_order["order_id_str"]) == int(EXACT_ID)


def test_documented_success_example_parses_with_exact_id(spec: dict[str, Any]) -> None:
    raw = json.dumps(_response_examples(spec)["documented"]["value"])
    assert EXACT_ID in raw  # a JSON number with all 18 digits
    parsed = _parse(raw)
    assert isinstance(parsed, SwapOrderInfoOk)
    assert isinstance(parsed.data, list)
    (order,) = parsed.data
    assert isinstance(order, SwapOrderInfo)
    assert order.order_id == int(EXACT_ID)  # Python's json keeps integers exact
    assert order.order_id_str == EXACT_ID
    assert order.client_order_id is None
    assert order.trade_avg_price is None
    assert order.status == 3


@pytest.mark.parametrize("name", sorted(EXPECTED_MODEL))
def test_spec_response_examples_parse_into_their_model(spec: dict[str, Any], name: str) -> None:
    example = _response_examples(spec)[name]["value"]
    parsed = _parse(json.dumps(example))
    assert type(parsed) is EXPECTED_MODEL[name]
    assert parsed is not None
    assert parsed.to_dict() == example


def test_every_response_example_has_a_model_expectation(spec: dict[str, Any]) -> None:
    assert set(_response_examples(spec)) == set(EXPECTED_MODEL)


def test_request_examples_round_trip(spec: dict[str, Any]) -> None:
    media = _op(spec)["requestBody"]["content"][checks.REQUEST_MEDIA]
    for example in media["examples"].values():
        value = example["value"]
        assert SwapOrderInfoRequest.from_dict(value).to_dict() == value


SPEC_BREAKS: list[tuple[str, Callable[[dict[str, Any]], None], Check, str]] = [
    (
        "volume-integer",
        lambda s: _schema(s, "SwapOrderInfo")["properties"]["volume"].__setitem__(
            "type", "integer"
        ),
        checks.check_response_schema,
        "response.data.volume: documented as number",
    ),
    (
        "order-id-string",
        lambda s: _schema(s, "SwapOrderInfo")["properties"]["order_id"].update(
            {"type": "string", "format": ""}
        ),
        checks.check_response_schema,
        "response.data.order_id: documented as integer/int64",
    ),
    (
        "status-dropped",
        lambda s: _schema(s, "SwapOrderInfo")["properties"].pop("status"),
        checks.check_response_schema,
        "response.data.status: documented but missing",
    ),
    (
        "confirmation-field-optional",  # the looseness never reaches what a confirmation needs
        lambda s: _schema(s, "SwapOrderInfo")["required"].remove("status"),
        checks.check_response_schema,
        "response.data.status: documented required=True, spec says False",
    ),
    (
        "loosened-field-dropped",  # optional is excused, absent from the spec is not
        lambda s: _schema(s, "SwapOrderInfo")["properties"].pop("symbol"),
        checks.check_response_schema,
        "response.data.symbol: documented but missing",
    ),
    (
        "page-optional-made-required",  # only required-on-the-page may be looser, not the reverse
        lambda s: _schema(s, "SwapOrderInfo")["required"].append("canceled_source"),
        checks.check_response_schema,
        "response.data.canceled_source: documented required=False, spec says True",
    ),
    (
        "fifty-one-ids",
        lambda s: _schema(s, "SwapOrderInfoRequest")["properties"]["order_id"].__setitem__(
            "pattern", "^[1-9][0-9]{0,18}(,[1-9][0-9]{0,18}){0,50}$"
        ),
        checks.check_id_limits,
        "pattern accepts 51 ids",
    ),
    (
        "example-id-other",
        # rounds to another double: not the id the page shows, whatever the rounding
        lambda s: _documented_order(s).__setitem__("order_id", 771043577949733888),
        checks.check_examples,
        "'Success Example' differs",
    ),
    (
        "example-null-filled",
        lambda s: _documented_order(s).__setitem__("client_order_id", 0),
        checks.check_examples,
        "'Success Example' differs",
    ),
    (
        "example-status-string",
        lambda s: _documented_order(s).__setitem__("status", "3"),
        checks.check_examples,
        "response example 'documented'",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "check", "expected"),
    [pytest.param(m, c, e, id=name) for name, m, c, e in SPEC_BREAKS],
)
def test_check_catches_broken_spec(
    mutate: Callable[[dict[str, Any]], None],
    check: Check,
    expected: str,
    spec: dict[str, Any],
    order_info_page: DocPage,
) -> None:
    mutate(spec)
    problems = check(spec, order_info_page)
    assert any(expected in problem for problem in problems), problems


PAGE_BREAKS: list[tuple[str, str, str, Check, str]] = [
    ("limit-20", "maximum 50 orders", "maximum 20 orders", checks.check_id_limits, "20"),
    (
        "decimal-to-long",
        "| volume | decimal | true |",
        "| volume | long | true |",
        checks.check_response_schema,
        "volume",
    ),
    (
        "optional-made-required",
        "| canceled\\_source | string | false |",
        "| canceled\\_source | string | true |",
        checks.check_response_schema,
        "canceled_source",
    ),
    (
        "example-id-str-changed",
        '"771043577949732864"',
        '"771043577949732865"',
        checks.check_examples,
        "Success Example",
    ),
    (
        "new-field",
        "| is\\_tpsl | int | true |",
        "| is\\_tpsl | int | true |  |  |\n| reduce\\_only | int | true |",
        checks.check_response_schema,
        "reduce_only",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "check", "expected"),
    [pytest.param(o, n, c, e, id=name) for name, o, n, c, e in PAGE_BREAKS],
)
def test_check_catches_broken_page(
    old: str,
    new: str,
    check: Check,
    expected: str,
    spec: dict[str, Any],
    order_info_page_text: str,
) -> None:
    assert old in order_info_page_text, "the break must change the page"
    problems = check(spec, parse_doc_page(order_info_page_text.replace(old, new, 1)))
    assert any(expected in problem for problem in problems), problems


MINIMAL_ORDER = {
    "order_id": int(EXACT_ID),
    "order_id_str": EXACT_ID,
    "status": 7,
    "volume": 1,
    "trade_volume": 0,
    "contract_code": "THETA-USD",
}


def test_required_is_deliberately_looser_than_the_page_only_where_named(
    spec: dict[str, Any], order_info_page: DocPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page marks every order field required; the spec requires only what a confirmation
    needs. check_response_schema excuses exactly the other page-required fields, by name."""
    (data,) = (f for f in order_info_page.response_fields if f.name == "data")
    page_required = {f.name for f in data.children if f.required}
    assert page_required >= checks.CONFIRMATION_FIELDS
    assert set(_schema(spec, "SwapOrderInfo")["required"]) == checks.CONFIRMATION_FIELDS
    loosened = {name.removeprefix("response.data.") for name in checks.LOOSENED_REQUIRED[PATH]}
    assert loosened == page_required - checks.CONFIRMATION_FIELDS
    # Without the excuse the same check reports every loosened field, and nothing else.
    monkeypatch.setitem(checks.LOOSENED_REQUIRED, PATH, frozenset())
    problems = checks.check_response_schema(spec, order_info_page)
    assert sorted(problems) == sorted(
        f"response.data.{name}: documented required=True, spec says False" for name in loosened
    )


def test_an_order_with_only_the_confirmation_fields_parses() -> None:
    parsed = swap_order_info.parse_body({"status": "ok", "data": [MINIMAL_ORDER], "ts": 1})
    assert isinstance(parsed, SwapOrderInfoOk)
    assert isinstance(parsed.data, list)
    (order,) = parsed.data
    assert order.order_id == int(EXACT_ID)
    assert order.status == 7
    assert order.client_order_id is UNSET
    assert order.trade_avg_price is UNSET
    assert order.canceled_at is UNSET
    assert order.to_dict() == MINIMAL_ORDER


@pytest.mark.parametrize("field", sorted(checks.CONFIRMATION_FIELDS))
def test_an_order_without_a_confirmation_field_does_not_parse(field: str) -> None:
    order = {key: value for key, value in MINIMAL_ORDER.items() if key != field}
    with pytest.raises((KeyError, TypeError, ValueError, AttributeError)):
        swap_order_info.parse_body({"status": "ok", "data": [order], "ts": 1})
