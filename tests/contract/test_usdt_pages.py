"""openapi.yaml's USDT-M (v5) operations against HTX's pages (and, for the three HTX publishes
no page for, against the notes' transcriptions).

The v5 pages' tables describe the request parameters (the query of a GET, the body of a POST)
and the answer's ``data`` (not the envelope, which only their examples show). Each check
returns what differs; a test compares that with the page's known disagreements recorded below
(a new difference, or one fixed, fails). Broken copies of the spec and of the pages show that
each check bites.
"""

from __future__ import annotations

import copy
import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.contract import checks
from tests.contract.htx_doc import DocField, DocPage, parse_doc_page

DOCS = Path(__file__).resolve().parent / "htx_docs"
PAGES = (
    "usdt_cancel_order",
    "usdt_cancel_batch_orders",
    "usdt_cancel_all_orders",
    "usdt_order_info",
    "usdt_open_orders",
)
TRANSCRIPTIONS = ("usdt_algo_cancel_orders", "usdt_algo_open_orders", "usdt_cancel_after")
TRANSCRIBED = "Not a copy of an HTX page."
ITEM_FIELDS = [  # per-item code and message: the pages' examples show them, their tables not
    "data.code: in the spec but not documented",
    "data.message: in the spec but not documented",
]
MOCK_ALGO_FIELDS = [  # the local exchange's fields, not in the notes (UNCONFIRMED)
    f"data.{name}: in the spec but not documented"
    for name in (
        "algo_client_order_id",
        "contract_code",
        "created_time",
        "id",
        "position_side",
        "side",
    )
]
# operationId -> {check name: the page's known disagreements}
KNOWN: dict[str, dict[str, list[str]]] = {
    "usdt_cancel_order": {
        # the page prints both ids as JSON numbers, rounded through JavaScript; its table
        # types them String, and the spec sends the exact strings
        "examples": ["the page's 'Request example' differs from the spec's documented example"],
    },
    "usdt_cancel_batch_orders": {"response": ITEM_FIELDS},
    "usdt_cancel_all_orders": {
        "response": ITEM_FIELDS,
        "servers": ["the page lists the servers in another order"],
    },
    "usdt_order_info": {
        "response": [
            "data.reduce_only: documented as string, spec says boolean",  # the example: false
        ],
        # the page's example prints order_id as a rounded JSON number, has no ts
        "examples": ["the page's 'Success Example' differs from the spec's documented example"],
    },
    "usdt_open_orders": {
        "request": ["from: documented as integer, spec says string"],  # exact, as ids are
        "response": [
            # one order object for both reads: the order-info page's fields (the example here
            # shows price_protect too)
            "data.cancel_reason: in the spec but not documented",
            "data.price_protect: in the spec but not documented",
            "data.created_time: documented as integer, spec says string",  # the example: text
            "data.sl_trigger_price_type: documented as integer, spec says string",
            "data.tp_trigger_price_type: documented as integer, spec says string",
            "data.updated_time: documented as integer, spec says string",
        ],
        # the page's example: limit as the text "2", empty ids; state as the number 3
        "examples": [
            "the page's 'Request example' differs from the spec's documented example",
            "the page's 'Success Example' is not in the spec (state 3 is no word)",
        ],
    },
    "usdt_algo_open_orders": {"response": MOCK_ALGO_FIELDS},
    "usdt_cancel_after": {},
    "usdt_algo_cancel_orders": {},
}
# Fields the spec requires of an order whatever the page marks (what identifies and judges it).
IDENTIFYING = {"order_id", "contract_code", "state", "volume", "trade_volume", "algo_id"}


@functools.cache
def _page(op_id: str) -> DocPage:
    return parse_doc_page((DOCS / f"{op_id}.md").read_text(encoding="utf-8"))


# path -> the text of its page (or transcription)
_TEXTS = {
    _page(name).path: (DOCS / f"{name}.md").read_text(encoding="utf-8")
    for name in (*PAGES, *TRANSCRIPTIONS)
}


def _op(spec: dict[str, Any], page: DocPage) -> dict[str, Any]:
    return checks.operation(spec, page) or {}


def _type(spec: dict[str, Any], schema: dict[str, Any]) -> tuple[str, str]:
    schema = checks.resolve(spec, schema)
    declared = schema.get("type", "")
    kinds = [declared] if isinstance(declared, str) else [k for k in declared if k != "null"]
    return "|".join(kinds), schema.get("format", "")


def _request_fields(spec: dict[str, Any], op: dict[str, Any]) -> dict[str, tuple[str, bool]]:
    """name -> (type, required): a GET's query parameters, a POST's body (an array body: one
    item's fields)."""
    if "parameters" in op:
        return {
            p["name"]: (_type(spec, p["schema"])[0], bool(p.get("required")))
            for p in op["parameters"]
        }
    schema = checks.resolve(spec, op["requestBody"]["content"][checks.REQUEST_MEDIA]["schema"])
    if schema.get("type") == "array":
        schema = checks.resolve(spec, schema["items"])
    required = set(schema.get("required", []))
    return {
        name: (_type(spec, prop)[0], name in required)
        for name, prop in schema.get("properties", {}).items()
    }


def check_request(spec: dict[str, Any], page: DocPage) -> list[str]:
    fields = _request_fields(spec, _op(spec, page))
    return _compare(
        {f.name: (f.type, f.required) for f in page.request_fields}, fields, "", relaxed=False
    )


def _success_data(spec: dict[str, Any], op: dict[str, Any]) -> dict[str, Any]:
    """The ``data`` schema of the success member (code 200) of the 200 answer; an array's
    items."""
    union = checks.resolve(spec, op["responses"]["200"]["content"][checks.RESPONSE_MEDIA]["schema"])
    (ok,) = [
        checks.resolve(spec, member)
        for member in union["oneOf"]
        if checks.resolve(spec, member)["properties"].get("code", {}).get("enum") == [200]
    ]
    data = checks.resolve(spec, ok["properties"]["data"])
    return checks.resolve(spec, data["items"]) if data.get("type") == "array" else data


def check_response(spec: dict[str, Any], page: DocPage) -> list[str]:
    data = _success_data(spec, _op(spec, page))
    required = set(data.get("required", []))
    fields = {
        name: (_type(spec, prop)[0], name in required)
        for name, prop in data.get("properties", {}).items()
    }
    documented = {f.name: (f.type, f.required) for f in page.response_fields}
    return _compare(documented, fields, "data.", relaxed=True)


def _compare(
    documented: dict[str, tuple[str, bool]],
    specified: dict[str, tuple[str, bool]],
    where: str,
    *,
    relaxed: bool,
) -> list[str]:
    """Names, types and required-ness. ``relaxed`` (answers): a field the page requires may be
    optional in the spec unless it identifies or judges an order; never the reverse."""
    problems = [
        f"{where}{name}: documented but missing from the spec"
        for name in sorted(documented.keys() - specified.keys())
    ]
    problems += [
        f"{where}{name}: in the spec but not documented"
        for name in sorted(specified.keys() - documented.keys())
    ]
    for name in sorted(documented.keys() & specified.keys()):
        (doc_type, doc_required), (spec_type, spec_required) = documented[name], specified[name]
        if doc_type != spec_type:
            problems.append(f"{where}{name}: documented as {doc_type}, spec says {spec_type}")
        loosened = doc_required and not spec_required and name not in IDENTIFYING
        if doc_required != spec_required and not (relaxed and loosened):
            problems.append(
                f"{where}{name}: documented required={doc_required}, spec says {spec_required}"
            )
    return problems


def check_operation(spec: dict[str, Any], page: DocPage) -> list[str]:
    problems = checks.check_operation(spec, page)
    op = _op(spec, page)
    if op.get("tags") != ["usdt"] or op.get("x-htx-product") != "usdt":
        problems.append("not tagged and marked as a usdt operation")
    return problems


def check_servers(spec: dict[str, Any], page: DocPage) -> list[str]:
    if checks.check_servers(spec, page) and sorted(page.servers) == sorted(
        (s["url"], s["description"]) for s in spec["servers"]
    ):
        return ["the page lists the servers in another order"]
    return checks.check_servers(spec, page)


def check_extensions(spec: dict[str, Any], page: DocPage) -> list[str]:
    """Permission, envelope, source (the page's address, or third-party without one), and
    the USDT-M bucket of the page's permission, 72 per 3 s (the pages' shared limit)."""
    op = _op(spec, page)
    problems = []
    permission = page.permission.lower()
    if op.get("x-htx-permission") != permission:
        problems.append(f"x-htx-permission {op.get('x-htx-permission')!r}, page {permission!r}")
    if op.get("x-htx-envelope") != "v5":
        problems.append(f"x-htx-envelope {op.get('x-htx-envelope')!r} is not v5")
    if page.source:
        if op.get("x-htx-doc") != page.source or "x-htx-doc-source" in op:
            problems.append(f"x-htx-doc {op.get('x-htx-doc')!r} is not the page's {page.source!r}")
    elif op.get("x-htx-doc-source") != "third-party" or "x-htx-doc" in op:
        problems.append("no HTX page: x-htx-doc-source must be third-party, without x-htx-doc")
    bucket = {"trade": "usdt_trade", "read": "usdt_read"}.get(permission)
    expected = {"bucket": bucket, "requests": 72, "period_seconds": 3}
    if op.get("x-htx-rate-limit") != expected:
        problems.append(f"x-htx-rate-limit {op.get('x-htx-rate-limit')} is not {expected}")
    said = " ".join(_text(page).split())
    if page.rate_limit and not re.search(r"72 (times every |requests/)3 seconds", said):
        problems.append("the page's rate limit does not say 72 per 3 seconds")
    return problems


def _text(page: DocPage) -> str:
    return _TEXTS[page.path]


def _documented_example(media: dict[str, Any]) -> Any:
    return media.get("examples", {}).get("documented", {}).get("value")


def check_examples(spec: dict[str, Any], page: DocPage) -> list[str]:
    """The page's examples against the spec's ``documented`` examples (a GET's: its
    parameters' examples); every spec example validates against its schema."""
    op = _op(spec, page)
    response = op["responses"]["200"]["content"][checks.RESPONSE_MEDIA]
    problems = []
    for heading, example in page.examples.items():
        if heading.lower().startswith("request"):
            if "parameters" in op:
                spec_value = {p["name"]: p["example"] for p in op["parameters"] if "example" in p}
            else:
                spec_value = _documented_example(op["requestBody"]["content"][checks.REQUEST_MEDIA])
        else:
            spec_value = _documented_example(response)
            if spec_value is None:
                problems.append(f"the page's {heading!r} is not in the spec (state 3 is no word)")
                continue
        if not checks.same_as_page(example, spec_value):
            problems.append(f"the page's {heading!r} differs from the spec's documented example")
    medias = [("response", response)]
    if "requestBody" in op:
        medias.append(("request", op["requestBody"]["content"][checks.REQUEST_MEDIA]))
    for label, media in medias:
        for name, example in media.get("examples", {}).items():
            for error in checks.validate_against(spec, media["schema"], example.get("value")):
                problems.append(f"{label} example {name!r}: {error}")
    return problems


CHECKS: dict[str, Callable[[dict[str, Any], DocPage], list[str]]] = {
    "operation": check_operation,
    "servers": check_servers,
    "request": check_request,
    "response": check_response,
    "extensions": check_extensions,
    "examples": check_examples,
}


def test_every_usdt_page_is_covered(spec: dict[str, Any]) -> None:
    copies = {p.stem for p in DOCS.glob("usdt_*.md")}
    assert copies == set(PAGES) | set(TRANSCRIPTIONS) == set(KNOWN)
    usdt = {
        op["operationId"]
        for item in spec["paths"].values()
        for op in item.values()
        if op.get("x-htx-product") == "usdt"
    }
    assert usdt == copies


@pytest.mark.parametrize("op_id", PAGES)
def test_a_page_is_a_copy_of_htx(op_id: str) -> None:
    page = _page(op_id)
    assert page.source.startswith("https://www.htx.com/en-us/opend/newApiPages/?id=")
    assert TRANSCRIBED not in _text(page)


@pytest.mark.parametrize("op_id", TRANSCRIPTIONS)
def test_a_transcription_says_so_and_names_the_sdks(op_id: str, spec: dict[str, Any]) -> None:
    page = _page(op_id)
    text = _text(page)
    assert page.source == ""  # no address: no HTX page behind it
    assert text.startswith("# Transcription of the notes: ")
    assert TRANSCRIBED in text
    op = _op(spec, page)
    for sdk in op["x-htx-third-party-sources"]:
        assert sdk.split()[0].rsplit("/", 1)[-1] in text, sdk  # ccxt, gocryptotrader, htx-api
    assert "third-party SDKs" in op["description"] or "no page" in op["description"]


@pytest.mark.parametrize("name", sorted(CHECKS))
@pytest.mark.parametrize("op_id", sorted(KNOWN))
def test_spec_agrees_with_page(op_id: str, name: str, spec: dict[str, Any]) -> None:
    assert CHECKS[name](spec, _page(op_id)) == KNOWN[op_id].get(name, [])


def test_the_reads_are_signed_gets(spec: dict[str, Any]) -> None:
    for op_id in ("usdt_order_info", "usdt_open_orders", "usdt_algo_open_orders"):
        page = _page(op_id)
        assert page.method == "GET"
        op = _op(spec, page)
        assert "requestBody" not in op
        assert op["x-htx-signed"] is True


SPEC_BREAKS: list[tuple[str, str, Callable[[dict[str, Any], dict[str, Any]], None], str]] = [
    (
        "usdt_order_info",
        "extensions",
        lambda s, op: op["x-htx-rate-limit"].__setitem__("bucket", "read"),
        "x-htx-rate-limit",
    ),
    (
        "usdt_cancel_order",
        "extensions",
        lambda s, op: op.__setitem__("x-htx-permission", "read"),
        "x-htx-permission",
    ),
    (
        "usdt_cancel_order",
        "extensions",
        lambda s, op: op.__setitem__("x-htx-envelope", "code"),
        "is not v5",
    ),
    (
        "usdt_cancel_after",
        "extensions",
        lambda s, op: op.__setitem__("x-htx-doc", "https://www.htx.com/"),
        "third-party",
    ),
    (
        "usdt_open_orders",
        "request",
        lambda s, op: op["parameters"].pop(),  # direct
        "direct: documented but missing",
    ),
    (
        "usdt_open_orders",
        "request",
        lambda s, op: op["parameters"][5]["schema"].__setitem__("type", "string"),  # limit
        "limit: documented as integer, spec says string",
    ),
    (
        "usdt_cancel_batch_orders",
        "request",
        lambda s, op: s["components"]["schemas"]["UsdtCancelBatchOrdersRequest"]["properties"][
            "order_id"
        ].__setitem__("type", "string"),
        "order_id: documented as array, spec says string",
    ),
    (
        "usdt_order_info",
        "response",
        lambda s, op: s["components"]["schemas"]["UsdtOrder"]["properties"].pop("lever_rate"),
        "data.lever_rate: documented but missing",
    ),
    (
        "usdt_order_info",
        "response",
        lambda s, op: s["components"]["schemas"]["UsdtOrder"]["required"].append("price_match"),
        "data.price_match: documented required=False, spec says True",
    ),
    (
        "usdt_cancel_order",
        "examples",
        lambda s, op: op["responses"]["200"]["content"][checks.RESPONSE_MEDIA]["examples"][
            "documented"
        ]["value"]["data"].__setitem__("order_id", "1"),
        "'Success Example' differs",
    ),
    (
        "usdt_cancel_batch_orders",
        "examples",
        lambda s, op: op["requestBody"]["content"][checks.REQUEST_MEDIA]["examples"][
            "by_order_ids"
        ]["value"].__setitem__("order_id", [str(n) for n in range(1, 12)]),
        "request example 'by_order_ids'",
    ),
    (
        "usdt_cancel_all_orders",
        "operation",
        lambda s, op: op.__setitem__("tags", ["trade"]),
        "usdt operation",
    ),
]


@pytest.mark.parametrize(
    ("op_id", "name", "mutate", "expected"),
    [pytest.param(*b, id=f"{b[0]}-{b[1]}-{i}") for i, b in enumerate(SPEC_BREAKS)],
)
def test_spec_breaks_are_caught(
    op_id: str,
    name: str,
    mutate: Callable[[dict[str, Any], dict[str, Any]], None],
    expected: str,
    spec: dict[str, Any],
) -> None:
    page = _page(op_id)
    broken = copy.deepcopy(spec)
    mutate(broken, broken["paths"][page.path][page.method.lower()])
    report = CHECKS[name](broken, page)
    assert report != KNOWN[op_id].get(name, [])
    assert any(expected in line for line in report), report


PAGE_BREAKS: list[tuple[str, str, tuple[str, str], str]] = [
    ("usdt_order_info", "operation", ("Request type: GET", "Request type: POST"), "no such"),
    ("usdt_cancel_order", "extensions", ("permission: Trade", "permission: Read"), "permission"),
    ("usdt_cancel_batch_orders", "request", ("Array of string", "String"), "order_id: documented"),
    ("usdt_open_orders", "request", ("Intege ", "String "), "limit: documented as string"),
    (
        "usdt_cancel_after",
        "request",
        ("| time\\_out | int |", "| time\\_out | String |"),
        "time_out",
    ),
    ("usdt_order_info", "extensions", ("72 requests/3", "36 requests/3"), "72 per 3 seconds"),
]


@pytest.mark.parametrize(
    ("op_id", "name", "mutate", "expected"),
    [pytest.param(*b, id=f"{b[0]}-{b[1]}") for b in PAGE_BREAKS],
)
def test_page_breaks_are_caught(
    op_id: str,
    name: str,
    mutate: tuple[str, str],
    expected: str,
    spec: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = (DOCS / f"{op_id}.md").read_text(encoding="utf-8")
    broken_text = text.replace(*mutate)
    assert broken_text != text
    page = parse_doc_page(broken_text)
    monkeypatch.setattr(sys.modules[__name__], "_text", lambda _page: broken_text)
    report = CHECKS[name](spec, page) if checks.operation(spec, page) else ["no such operation"]
    assert report != KNOWN[op_id].get(name, [])
    assert any(expected in line for line in report), report


def test_doc_field_types_cover_the_v5_pages() -> None:
    page = _page("usdt_cancel_batch_orders")
    (order_id,) = [f for f in page.request_fields if f.name == "order_id"]
    assert order_id == DocField("order_id", "array", False, "Order ID")
