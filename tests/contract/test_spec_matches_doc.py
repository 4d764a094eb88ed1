"""openapi.yaml against HTX's page for Cancel an Order, and each check against a broken copy."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
from openapi_spec_validator import validate
from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

from tests.contract import checks
from tests.contract.htx_doc import DocError, DocPage, parse_doc_page

Check = Callable[[dict[str, Any], DocPage], list[str]]
ALL_CHECKS: list[Check] = [
    checks.check_operation,
    checks.check_servers,
    checks.check_request_schema,
    checks.check_response_schema,
    checks.check_id_limits,
    checks.check_examples,
]


def test_spec_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_broken_spec_is_not_valid_openapi(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    broken["paths"]["/swap-api/v1/swap_cancel"]["post"]["responses"] = "200"
    with pytest.raises(OpenAPIValidationError):
        validate(broken)


def test_page_reads_as_expected_structure(cancel_page: DocPage) -> None:
    # The parser found every part of the page the checks rely on.
    assert cancel_page.path == "/swap-api/v1/swap_cancel"
    assert cancel_page.title.startswith("GET ")  # the page's title says GET ...
    assert cancel_page.method == "POST"  # ... and its "Request type" says POST, which counts
    assert len(cancel_page.request_fields) == 3
    assert {f.name for f in cancel_page.response_fields} == {"status", "data", "ts"}
    assert set(cancel_page.examples) == {"Request example", "Success Example"}


@pytest.mark.parametrize("check", ALL_CHECKS, ids=lambda c: c.__name__)
def test_spec_agrees_with_page(check: Check, spec: dict[str, Any], cancel_page: DocPage) -> None:
    assert check(spec, cancel_page) == []


def test_operation_is_post_without_security(spec: dict[str, Any], cancel_page: DocPage) -> None:
    op = checks.operation(spec, cancel_page)
    assert op is not None
    assert op["operationId"] == "swap_cancel"
    assert op["tags"] == ["trade"]
    # A security scheme would make the generator add a Bearer header; HTX signs the query.
    assert "security" not in op
    assert "security" not in spec
    assert "securitySchemes" not in spec.get("components", {})
    assert spec["info"]["x-htx-signature"]["body-signed"] is False


SPEC = "/swap-api/v1/swap_cancel"
SCHEMAS = ("components", "schemas")


def _at(tree: dict[str, Any], *keys: str) -> dict[str, Any]:
    node = tree
    for key in keys:
        node = node[key]
    return node


def _op(spec: dict[str, Any]) -> dict[str, Any]:
    return _at(spec, "paths", SPEC, "post")


def _schema(spec: dict[str, Any], name: str) -> dict[str, Any]:
    return _at(spec, *SCHEMAS, name)


def _response_example(spec: dict[str, Any], name: str) -> dict[str, Any]:
    media = _at(_op(spec), "responses", "200", "content", checks.RESPONSE_MEDIA)
    return _at(media, "examples", name, "value")


def _request_example(spec: dict[str, Any]) -> dict[str, Any]:
    return _at(_op(spec), "requestBody", "content", "application/json", "examples", "documented")


# Each broken copy of the spec, the check that must catch it, and words its report must contain.
SPEC_BREAKS: list[tuple[str, Callable[[dict[str, Any]], None], Check, str]] = [
    (
        "method-get",
        lambda s: s["paths"][SPEC].__setitem__("get", s["paths"][SPEC].pop("post")),
        checks.check_operation,
        "documented method POST",
    ),
    (
        "summary",
        lambda s: _op(s).__setitem__("summary", "Cancel"),
        checks.check_operation,
        "summary",
    ),
    (
        "server-dropped",
        lambda s: s["servers"].pop(),
        checks.check_servers,
        "Request Address",
    ),
    (
        "server-description",
        lambda s: s["servers"][0].__setitem__("description", "Production"),
        checks.check_servers,
        "Request Address",
    ),
    (
        "contract-code-optional",
        lambda s: _schema(s, "SwapCancelRequest").__setitem__("required", []),
        checks.check_request_schema,
        "request.contract_code: documented required=True",
    ),
    (
        "order-id-integer",
        lambda s: _schema(s, "SwapCancelRequest")["properties"]["order_id"].__setitem__(
            "type", "integer"
        ),
        checks.check_request_schema,
        "request.order_id: documented as string",
    ),
    (
        "extra-request-field",
        lambda s: _schema(s, "SwapCancelRequest")["properties"].__setitem__(
            "direction", {"type": "string"}
        ),
        checks.check_request_schema,
        "request.direction: in the spec but not documented",
    ),
    (
        "eleven-ids",
        lambda s: _schema(s, "SwapCancelRequest")["properties"]["order_id"].__setitem__(
            "pattern", "^[1-9][0-9]{0,18}(,[1-9][0-9]{0,18}){0,10}$"
        ),
        checks.check_id_limits,
        "pattern accepts 11 ids",
    ),
    (
        "unanchored-pattern",
        lambda s: _schema(s, "SwapCancelRequest")["properties"]["client_order_id"].__setitem__(
            "pattern", "[1-9][0-9]*"
        ),
        checks.check_id_limits,
        "request.client_order_id",
    ),
    (
        "max-ids-extension",
        lambda s: _schema(s, "SwapCancelRequest")["properties"]["order_id"].__setitem__(
            "x-htx-max-ids", 20
        ),
        checks.check_id_limits,
        "x-htx-max-ids is not 10",
    ),
    (
        "successes-renamed",
        lambda s: _schema(s, "SwapCancelData")["properties"].__setitem__(
            "success", _schema(s, "SwapCancelData")["properties"].pop("successes")
        ),
        checks.check_response_schema,
        "response.data.successes: documented but missing",
    ),
    (
        "errors-not-array",
        lambda s: _schema(s, "SwapCancelData")["properties"].__setitem__(
            "errors", {"type": "object"}
        ),
        checks.check_response_schema,
        "response.data.errors: documented as array",
    ),
    (
        "nested-required",
        lambda s: _schema(s, "SwapCancelOrderError").__setitem__("required", ["order_id"]),
        checks.check_response_schema,
        "response.data.errors.err_code: documented required=True",
    ),
    (
        "ts-not-int64",
        lambda s: _schema(s, "SwapCancelOk")["properties"]["ts"].pop("format"),
        checks.check_response_schema,
        "response.ts: documented as integer/int64",
    ),
    (
        "status-value",
        lambda s: _schema(s, "HtxErrorResponse")["properties"]["status"].__setitem__(
            "enum", ["fail"]
        ),
        checks.check_response_schema,
        "response status values",
    ),
    (
        "example-id-rounded",
        lambda s: _response_example(s, "documented")["data"]["errors"][0].__setitem__(
            "order_id", "768503271974985700"
        ),
        checks.check_examples,
        "'Success Example' differs",
    ),
    (
        "request-example-changed",
        lambda s: _request_example(s)["value"].__setitem__("contract_code", "ETH-USD"),
        checks.check_examples,
        "'Request example' differs",
    ),
    (
        "example-invalid",
        lambda s: _response_example(s, "business_error").__setitem__("err_code", "1051"),
        checks.check_examples,
        "response example 'business_error'",
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
    cancel_page: DocPage,
) -> None:
    mutate(spec)
    problems = check(spec, cancel_page)
    assert any(expected in problem for problem in problems), problems


# Each broken copy of the page: (old text, new text, the check that must catch it, report words).
PAGE_BREAKS: list[tuple[str, str, str, Check | None, str]] = [
    ("limit-20", "maximum 10 orders", "maximum 20 orders", checks.check_id_limits, "20"),
    (
        "required-flipped",
        "| contract\\_code | string | true |",
        "| contract\\_code | string | false |",
        checks.check_request_schema,
        "contract_code",
    ),
    (
        "type-changed",
        "| err\\_code | int | true |",
        "| err\\_code | string | true |",
        checks.check_response_schema,
        "err_code",
    ),
    (
        "address-changed",
        "https://api.hbdm.vn",
        "https://api.hbdm.io",
        checks.check_servers,
        "Request Address",
    ),
    (
        "method-changed",
        "Request type: POST",
        "Request type: GET",
        checks.check_operation,
        "method GET",
    ),
    (
        "example-id-changed",
        '"771038212360937472"',
        '"771038212360937473"',
        checks.check_examples,
        "Success Example",
    ),
    (
        "status-values",
        '"ok" , "error"',
        '"ok" , "error", "pending"',
        checks.check_response_schema,
        "status values",
    ),
    ("list-unclosed", "| LIST\\_END |  | false |  |  |\n", "", None, "wrong kind of block"),
]


@pytest.mark.parametrize(
    ("old", "new", "check", "expected"),
    [pytest.param(o, n, c, e, id=name) for name, o, n, c, e in PAGE_BREAKS],
)
def test_check_catches_broken_page(
    old: str,
    new: str,
    check: Check | None,
    expected: str,
    spec: dict[str, Any],
    cancel_page_text: str,
) -> None:
    assert old in cancel_page_text, "the break must change the page"
    broken_text = cancel_page_text.replace(old, new, 1)
    if check is None:
        with pytest.raises(DocError, match=expected):
            parse_doc_page(broken_text)
        return
    problems = check(spec, parse_doc_page(broken_text))
    assert any(expected in problem for problem in problems), problems
