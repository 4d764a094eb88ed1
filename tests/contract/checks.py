"""Comparisons of ``openapi.yaml`` with an HTX documentation page.

Each check returns the list of mismatches it found (empty when spec and page agree), so a test
can assert both that the real spec passes and that a deliberately broken copy does not.
"""

from __future__ import annotations

import re
from typing import Any

import jsonschema

from tests.contract.htx_doc import DocField, DocPage

__all__ = [
    "CONFIRMATION_FIELDS",
    "LOOSENED_REQUIRED",
    "REQUEST_MEDIA",
    "RESPONSE_MEDIA",
    "check_examples",
    "check_extensions",
    "check_id_limits",
    "check_operation",
    "check_request_schema",
    "check_response_schema",
    "check_servers",
    "operation",
    "page_own_limit",
    "page_shared_limits",
    "resolve",
    "same_as_page",
    "spec_fields",
    "validate_against",
]

# "maximum 10 orders", "a maximum of 10 orders", "Max number of order ids is 10 once"
_MAXIMUM = re.compile(r"\bmax(?:imum)?\b\D{0,30}?(\d+)", re.IGNORECASE)
# A limit of the endpoint's own: "5 times per second" (swap pages), "5times/1s" (futures
# pages), or in the notes, "The frequency limit of this interface is 5 times per second".
_OWN_RATE_LIMIT = re.compile(
    r"^(?:The frequency limit of this interface is )?(\d+) ?times(?: per second|/1s)$"
)
# The futures pages' shared limit: "... (Trade Interface: at most 36 times every 3 seconds.
# Read Interface: at most 36 times every 3 seconds) ..."
_SHARED_RATE_LIMIT = re.compile(
    r"Trade Interface: at most (\d+) times every (\d+) seconds\. "
    r"Read Interface: at most (\d+) times every (\d+) seconds"
)
# Each product's shared buckets (trade, read) and, where its page states no limit, their size
# per UID (the swap pages state none; the futures pages state theirs, see page_shared_limits).
SHARED_BUCKETS = {"swap": ("trade", "read"), "futures": ("futures_trade", "futures_read")}
SHARED_LIMIT = {"requests": 72, "period_seconds": 3}  # the swaps', each of the two buckets
FUTURES_SHARED_LIMIT = {"requests": 36, "period_seconds": 3}  # notes section 3 [C]

REQUEST_MEDIA = "application/json"
# HTX answers JSON as text/plain;charset=UTF-8 and the spec documents exactly that.
RESPONSE_MEDIA = "text/plain;charset=UTF-8"

# Deliberately looser than the page. HTX's order-info page marks every order field required; the
# spec keeps required only what confirming a cancel needs (CONFIRMATION_FIELDS), so an answer
# that lacks any other field still parses. The only difference excused is "required on the page,
# optional in the spec", and only for the fields named here (by page path).
CONFIRMATION_FIELDS = frozenset(
    {"order_id", "order_id_str", "status", "volume", "trade_volume", "contract_code"}
)
_LOOSENED_ORDER_INFO = frozenset(
    f"response.data.{name}"
    for name in (
        "symbol",
        "price",
        "order_price_type",
        "order_type",
        "direction",
        "offset",
        "lever_rate",
        "client_order_id",
        "created_at",
        "canceled_at",
        "trade_turnover",
        "fee",
        "trade_avg_price",
        "margin_frozen",
        "profit",
        "order_source",
        "fee_asset",
        "liquidation_type",
        "is_tpsl",
        "real_profit",
    )
)
LOOSENED_REQUIRED: dict[str, frozenset[str]] = {
    "/swap-api/v1/swap_order_info": _LOOSENED_ORDER_INFO,
    "/api/v1/contract_order_info": _LOOSENED_ORDER_INFO,  # the same rule for the futures
}


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow local ``$ref`` pointers until a schema without one is reached."""
    seen: set[str] = set()
    while "$ref" in schema:
        ref = schema["$ref"]
        if ref in seen or not ref.startswith("#/"):
            raise ValueError(f"cannot resolve {ref!r}")
        seen.add(ref)
        node: Any = spec
        for part in ref[2:].split("/"):
            node = node[part]
        schema = node
    return schema


def operation(spec: dict[str, Any], page: DocPage) -> dict[str, Any] | None:
    found: dict[str, Any] | None = spec.get("paths", {}).get(page.path, {}).get(page.method.lower())
    return found


def _json_type(declared: str | list[str]) -> str:
    """A 3.1 type list such as ``[integer, "null"]`` reads as its one non-null type: the pages
    have no notion of null, and say "long" for a field their own example shows as NULL."""
    if isinstance(declared, str):
        return declared
    kinds = [kind for kind in declared if kind != "null"]
    return kinds[0] if len(kinds) == 1 else "|".join(kinds)


def same_as_page(page_value: Any, spec_value: Any) -> bool:
    """Whether a spec example value says what the page's example says.

    Equal values, except one documented artefact: the pages render JSON through JavaScript, so
    an integer above 2**53 shows as the nearest double's shortest digits (771043577949732864
    prints as 771043577949732900). Such a page value matches the exact integer it rounds from.
    """
    if isinstance(page_value, dict) and isinstance(spec_value, dict):
        return page_value.keys() == spec_value.keys() and all(
            same_as_page(page_value[key], spec_value[key]) for key in page_value
        )
    if isinstance(page_value, list) and isinstance(spec_value, list):
        return len(page_value) == len(spec_value) and all(
            same_as_page(a, b) for a, b in zip(page_value, spec_value, strict=True)
        )
    if type(page_value) is int and type(spec_value) is int and abs(spec_value) > 2**53:
        return float(page_value) == float(spec_value)
    return type(page_value) is type(spec_value) and bool(page_value == spec_value)


def spec_fields(spec: dict[str, Any], schema: dict[str, Any]) -> tuple[DocField, ...]:
    """Turn an object schema into the same tree of fields the documentation table gives."""
    schema = resolve(spec, schema)
    required = set(schema.get("required", []))
    fields = []
    for name, raw_prop in schema.get("properties", {}).items():
        prop = resolve(spec, raw_prop)
        kind = _json_type(prop.get("type", ""))
        children: tuple[DocField, ...] = ()
        if kind == "object":
            children = spec_fields(spec, prop)
        elif kind == "array":
            children = spec_fields(spec, prop.get("items", {}))
        fields.append(
            DocField(
                name,
                kind,
                name in required,
                prop.get("description", ""),
                children,
                prop.get("format", ""),
            )
        )
    return tuple(fields)


def _compare(
    documented: tuple[DocField, ...],
    specified: tuple[DocField, ...],
    where: str,
    relaxed: tuple[str, ...] = (),
) -> list[str]:
    """Every difference of name, type/format and required-ness. A block whose kind the page
    leaves out (type "") is not compared by type. Under a ``relaxed`` prefix, a field the page
    requires may be optional in the spec (never the reverse)."""
    problems: list[str] = []
    doc_by_name = {f.name: f for f in documented}
    spec_by_name = {f.name: f for f in specified}
    for name in sorted(doc_by_name.keys() - spec_by_name.keys()):
        problems.append(f"{where}{name}: documented but missing from the spec")
    for name in sorted(spec_by_name.keys() - doc_by_name.keys()):
        problems.append(f"{where}{name}: in the spec but not documented")
    for name in sorted(doc_by_name.keys() & spec_by_name.keys()):
        doc, got = doc_by_name[name], spec_by_name[name]
        if doc.type and (doc.type, doc.format) != (got.type, got.format):
            problems.append(
                f"{where}{name}: documented as {doc.type}/{doc.format or '-'}, "
                f"spec says {got.type}/{got.format or '-'}"
            )
        loosened = doc.required and not got.required
        if doc.required != got.required and not (loosened and f"{where}{name}".startswith(relaxed)):
            problems.append(
                f"{where}{name}: documented required={doc.required}, spec says {got.required}"
            )
        problems.extend(_compare(doc.children, got.children, f"{where}{name}.", relaxed))
    return problems


def _request_schema(spec: dict[str, Any], page: DocPage) -> dict[str, Any] | None:
    op = operation(spec, page)
    if op is None:
        return None
    schema: dict[str, Any] = op["requestBody"]["content"][REQUEST_MEDIA]["schema"]
    return schema


def _response_members(spec: dict[str, Any], page: DocPage) -> list[dict[str, Any]]:
    op = operation(spec, page)
    if op is None:
        return []
    schema = resolve(spec, op["responses"]["200"]["content"][RESPONSE_MEDIA]["schema"])
    return [resolve(spec, member) for member in schema.get("oneOf", [schema])]


def check_operation(spec: dict[str, Any], page: DocPage) -> list[str]:
    paths = spec.get("paths", {})
    if page.path not in paths:
        return [f"path {page.path} is not in the spec"]
    methods = sorted(paths[page.path])
    problems = []
    if methods != [page.method.lower()]:
        problems.append(f"{page.path}: documented method {page.method}, spec has {methods}")
    op = operation(spec, page) or {}
    if op.get("summary") != page.summary:
        problems.append(f"summary {op.get('summary')!r} differs from {page.summary!r}")
    return problems


def check_servers(spec: dict[str, Any], page: DocPage) -> list[str]:
    specified = tuple((s.get("url"), s.get("description")) for s in spec.get("servers", []))
    if specified != page.servers:
        return [f"servers {specified} differ from the Request Address table {page.servers}"]
    return []


def check_request_schema(spec: dict[str, Any], page: DocPage) -> list[str]:
    schema = _request_schema(spec, page)
    if schema is None:
        return ["no request schema for the documented operation"]
    return _compare(page.request_fields, spec_fields(spec, schema), "request.")


def _is_success(spec: dict[str, Any], member: dict[str, Any], envelope: str) -> bool:
    properties = member.get("properties", {})
    if envelope == "code":  # {code, msg, ts, data}: the success carries data, an error null
        data = resolve(spec, properties.get("data", {}))
        return "code" in properties and data.get("type", "") not in {"null", ""}
    return "ok" in properties.get("status", {}).get("enum", [])


def _envelope(page: DocPage) -> str:
    names = {f.name for f in page.response_fields}
    return "status" if "status" in names else "code" if "code" in names else "?"


def check_response_schema(
    spec: dict[str, Any], page: DocPage, relaxed: tuple[str, ...] = ()
) -> list[str]:
    """The success member of the 200 ``oneOf`` against the page's Response Parameter table.

    The success member is the one whose ``status`` is "ok" (status envelope) or whose ``data``
    is not null (code envelope); exactly one must exist. ``relaxed``: see ``_compare``."""
    members = _response_members(spec, page)
    envelope = _envelope(page)
    ok = [m for m in members if _is_success(spec, m, envelope)]
    if len(ok) != 1:
        return [f"the 200 response needs exactly one success member ({envelope} envelope)"]
    # exact names excused on purpose (LOOSENED_REQUIRED) and the caller's relaxed prefixes
    relaxed = relaxed + tuple(sorted(LOOSENED_REQUIRED.get(page.path, frozenset())))
    problems = _compare(page.response_fields, spec_fields(spec, ok[0]), "response.", relaxed)
    statuses = {
        value
        for m in members
        for value in m.get("properties", {}).get("status", {}).get("enum", [])
    }
    status_doc = next((f for f in page.response_fields if f.name == "status"), None)
    documented = set(status_doc.values) if status_doc else set()
    if documented and statuses != documented:  # a page that lists no values says nothing
        problems.append(
            f"response status values {sorted(statuses)} != documented {sorted(documented)}"
        )
    return problems


def _ids(count: int) -> str:
    return ",".join(str(768503271974985728 + n) for n in range(count))


def check_id_limits(spec: dict[str, Any], page: DocPage) -> list[str]:
    """Each documented "maximum N" id list: the spec's pattern takes N ids and refuses N+1."""
    schema = _request_schema(spec, page)
    if schema is None:
        return ["no request schema for the documented operation"]
    properties = resolve(spec, schema).get("properties", {})
    problems = []
    for field in page.request_fields:
        match = _MAXIMUM.search(field.description)
        if not match:
            continue
        limit = int(match.group(1))
        prop = resolve(spec, properties.get(field.name, {}))
        pattern = prop.get("pattern")
        if pattern is None:
            problems.append(f"request.{field.name}: no pattern for a list of at most {limit} ids")
            continue
        if prop.get("x-htx-max-ids") != limit:
            problems.append(f"request.{field.name}: x-htx-max-ids is not {limit}")
        if not re.search(pattern, _ids(limit)):
            problems.append(f"request.{field.name}: pattern refuses {limit} ids")
        if re.search(pattern, _ids(limit + 1)):
            problems.append(f"request.{field.name}: pattern accepts {limit + 1} ids")
        for bad in ("", "1,", ",1", "1,,2", "1.5", "-1", "0", "1 ,2", "abc"):
            if re.search(pattern, bad):
                problems.append(f"request.{field.name}: pattern accepts {bad!r}")
    return problems


def page_own_limit(page: DocPage) -> int | None:
    """The requests per second the page gives the endpoint alone, from its Rate Limit line or,
    failing that, from its notes; None when it gives none."""
    for text in (page.rate_limit, page.frequency_note):
        match = _OWN_RATE_LIMIT.match(text)
        if match:
            return int(match.group(1))
    return None


def page_shared_limits(page: DocPage, product: str) -> dict[str, dict[str, int]]:
    """The size of the product's shared trade and read buckets, as the page's Rate Limit line
    states it (the futures pages) or, where it states none, as the notes give it."""
    trade, read = SHARED_BUCKETS[product]
    match = _SHARED_RATE_LIMIT.search(page.rate_limit)
    if match:
        numbers = [int(group) for group in match.groups()]
        return {
            trade: {"requests": numbers[0], "period_seconds": numbers[1]},
            read: {"requests": numbers[2], "period_seconds": numbers[3]},
        }
    size = FUTURES_SHARED_LIMIT if product == "futures" else SHARED_LIMIT
    return {trade: dict(size), read: dict(size)}


def _check_rate_limit(op: dict[str, Any], page: DocPage) -> list[str]:
    rate = op.get("x-htx-rate-limit")
    if not isinstance(rate, dict):
        return ["x-htx-rate-limit is missing"]
    own = page_own_limit(page)
    shared = page_shared_limits(page, op.get("x-htx-product", "swap"))
    problems = []
    if own is not None and _SHARED_RATE_LIMIT.search(page.rate_limit):
        problems.append(  # a page that disagrees with itself: recorded, the notes win
            f"the page's Rate Limit line gives the shared limit, its notes {own} per second"
        )
    if own is not None:
        expected = {"bucket": op.get("operationId"), "requests": own, "period_seconds": 1}
        if rate != expected:
            problems.append(f"x-htx-rate-limit {rate} differs from the page's {expected}")
    elif page.rate_limit and not _SHARED_RATE_LIMIT.search(page.rate_limit):
        problems.append(f"unknown rate limit text on the page: {page.rate_limit!r}")
    elif (
        rate.get("bucket") not in shared
        or {key: rate.get(key) for key in ("requests", "period_seconds")} != shared[rate["bucket"]]
    ):
        problems.append(f"x-htx-rate-limit {rate} is not one of the shared buckets {shared}")
    elif rate["bucket"] != list(shared)[page.permission.lower() != "trade"]:
        problems.append(f"x-htx-rate-limit {rate} is not the bucket of a {page.permission} page")
    return problems


def check_extensions(spec: dict[str, Any], page: DocPage) -> list[str]:
    """The operation's x-htx-* extensions against the page: permission, envelope, the page's
    address, the id limit, and the rate limit (an own "N times per second" bucket named after
    the operation, else one of its product's shared buckets: the swaps' 72-per-3-s ``trade``
    and ``read``, the futures' ``futures_trade`` and ``futures_read`` of the size the page
    states)."""
    op = operation(spec, page)
    if op is None:
        return ["no documented operation in the spec"]
    problems = []
    if op.get("x-htx-permission") != page.permission.lower():
        problems.append(
            f"x-htx-permission {op.get('x-htx-permission')!r}, page says {page.permission!r}"
        )
    if op.get("x-htx-envelope") != _envelope(page):
        problems.append(f"x-htx-envelope {op.get('x-htx-envelope')!r}, page: {_envelope(page)}")
    if op.get("x-htx-doc") != page.source:
        problems.append(f"x-htx-doc {op.get('x-htx-doc')!r} is not the page's {page.source!r}")
    limits = [
        int(match.group(1))
        for field in page.request_fields
        if (match := _MAXIMUM.search(field.description))
    ]
    if op.get("x-htx-max-ids") != (max(limits) if limits else None):
        problems.append(f"x-htx-max-ids {op.get('x-htx-max-ids')!r}, page's id limits {limits}")
    problems.extend(_check_rate_limit(op, page))
    return problems


def validate_against(spec: dict[str, Any], schema: dict[str, Any], instance: Any) -> list[str]:
    """Validate ``instance`` against a schema of the spec (its ``$ref``s resolved in the spec)."""
    root = {**schema, "components": spec.get("components", {})}
    validator = jsonschema.Draft202012Validator(root)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def _spec_example(media: dict[str, Any], name: str) -> Any:
    return media.get("examples", {}).get(name, {}).get("value")


def check_examples(spec: dict[str, Any], page: DocPage) -> list[str]:
    """The page's examples equal the spec's ``documented`` examples; every example validates."""
    op = operation(spec, page)
    if op is None:
        return ["no documented operation in the spec"]
    request_media = op["requestBody"]["content"][REQUEST_MEDIA]
    response_media = op["responses"]["200"]["content"][RESPONSE_MEDIA]
    problems = []
    for heading, example in page.examples.items():
        media = request_media if heading.lower().startswith("request") else response_media
        if not same_as_page(example, _spec_example(media, "documented")):
            problems.append(f"the page's {heading!r} differs from the spec's documented example")
    for label, media in (("request", request_media), ("response", response_media)):
        for name, example in media.get("examples", {}).items():
            for error in validate_against(spec, media["schema"], example.get("value")):
                problems.append(f"{label} example {name!r}: {error}")
    return problems
