"""openapi.yaml against HTX's pages for the rest of the cancel family and the open-order reads,
and for the whole coin-margined delivery futures family (``contract_*``, x-htx-product futures).

One parametrized test per check over every operation: each check's report must equal the list
of the page's known disagreements recorded below (empty for most). A recorded disagreement is
one where the spec deliberately departs from the page (the page contradicts its own example, or
prints another endpoint's request example); a new difference, or a fixed one, fails the test.
Broken copies of the spec and of the pages show that each check bites.
"""

from __future__ import annotations

import copy
import importlib
import json
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from htx_swap_client import models

from tests.contract import checks
from tests.contract.htx_doc import DocPage, parse_doc_page

DOCS = Path(__file__).resolve().parent / "htx_docs"
Check = Callable[[dict[str, Any], DocPage], list[str]]
ORDERS = ("response.data.orders.",)  # open-order fields: required only to identify/judge one
OTHER_REQUEST = "the page's 'Request example' differs from the spec's documented example"
ERRORS_OBJECT = "response.data.errors: documented as object/-, spec says array/-"
CODE_AND_DATA_REQUIRED = [
    "response.code: documented required=False, spec says True",
    "response.data: documented required=False, spec says True",
]
# The futures trigger pages' Rate Limit line gives the shared limit, their notes 5 per second.
NOTES_RATE_LIMIT = "the page's Rate Limit line gives the shared limit, its notes 5 per second"

# operationId -> (relaxed response prefixes, {check name: the page's known disagreements})
FAMILY: dict[str, tuple[tuple[str, ...], dict[str, list[str]]]] = {
    "swap_cancelall": ((), {}),
    "swap_trigger_cancel": ((), {"check_examples": [OTHER_REQUEST]}),
    "swap_trigger_cancelall": ((), {"check_examples": [OTHER_REQUEST]}),
    "swap_tpsl_cancel": ((), {"check_examples": [OTHER_REQUEST]}),
    "swap_tpsl_cancelall": ((), {"check_examples": [OTHER_REQUEST]}),
    "swap_track_cancel": (
        (),
        {
            # the table says object; the page's own example (and every cancel) has an array
            "check_response_schema": [
                "response.data.errors: documented as object/-, spec says array/-"
            ],
            "check_examples": [OTHER_REQUEST],
        },
    ),
    "swap_track_cancelall": (
        (),
        {
            "check_response_schema": [
                "response.data.errors: documented as object/-, spec says array/-"
            ],
            "check_examples": [OTHER_REQUEST],
        },
    ),
    "swap_cancel_after": (
        (),
        {
            # required so that a success and an error (data: null) never parse as each other
            "check_response_schema": [
                "response.code: documented required=False, spec says True",
                "response.data: documented required=False, spec says True",
            ]
        },
    ),
    "swap_openorders": (
        ORDERS,
        {
            # the table calls data a list and files two order fields beside total_page; the
            # example shows an object, and orders carrying canceled_at and liquidation_type
            "check_response_schema": [
                "response.data: documented as array/-, spec says object/-",
                "response.data.canceled_source: documented but missing from the spec",
                "response.data.self_match_prevent: documented but missing from the spec",
                "response.data.orders.canceled_at: in the spec but not documented",
                "response.data.orders.canceled_source: in the spec but not documented",
                "response.data.orders.liquidation_type: in the spec but not documented",
                "response.data.orders.self_match_prevent: in the spec but not documented",
            ]
        },
    ),
    "swap_trigger_openorders": (ORDERS, {"check_examples": [OTHER_REQUEST]}),
    # coin-margined delivery futures: their pages print requests of their own endpoints
    "contract_cancel": ((), {}),
    "contract_cancelall": ((), {}),
    "contract_trigger_cancel": ((), {"check_extensions": [NOTES_RATE_LIMIT]}),
    "contract_trigger_cancelall": ((), {"check_extensions": [NOTES_RATE_LIMIT]}),
    "contract_tpsl_cancel": ((), {"check_response_schema": [ERRORS_OBJECT]}),
    "contract_tpsl_cancelall": ((), {"check_response_schema": [ERRORS_OBJECT]}),
    "contract_track_cancel": ((), {"check_response_schema": [ERRORS_OBJECT]}),
    "contract_track_cancelall": ((), {"check_response_schema": [ERRORS_OBJECT]}),
    "contract_cancel_after": ((), {"check_response_schema": CODE_AND_DATA_REQUIRED}),
    "contract_order_info": ((), {}),  # its loosened fields: checks.LOOSENED_REQUIRED
    "contract_openorders": (
        ORDERS,
        {
            "check_response_schema": [
                "response.data.canceled_source: documented but missing from the spec",
                "response.data.self_match_prevent: documented but missing from the spec",
                "response.data.orders.canceled_at: in the spec but not documented",
                "response.data.orders.canceled_source: in the spec but not documented",
                "response.data.orders.liquidation_type: in the spec but not documented",
                "response.data.orders.self_match_prevent: in the spec but not documented",
            ]
        },
    ),
    "contract_trigger_openorders": (ORDERS, {}),
    "contract_tpsl_openorders": (ORDERS, {}),
    "contract_track_openorders": (
        ORDERS,
        {
            "check_response_schema": [  # the table's "activeprice"; the example's active_price
                "response.data.orders.activeprice: documented but missing from the spec",
                "response.data.orders.active_price: in the spec but not documented",
            ]
        },
    ),
    "swap_tpsl_openorders": (ORDERS, {"check_examples": [OTHER_REQUEST]}),
    "swap_track_openorders": (
        ORDERS,
        {
            "check_response_schema": [  # the table's "active price"; the example's active_price
                "response.data.orders.active price: documented but missing from the spec",
                "response.data.orders.active_price: in the spec but not documented",
            ],
            "check_examples": [OTHER_REQUEST],
        },
    ),
}
CHECK_NAMES = [
    "check_operation",
    "check_servers",
    "check_request_schema",
    "check_response_schema",
    "check_id_limits",
    "check_examples",
    "check_extensions",
]
# The shared bucket of each operation without a rate limit of its own on its page, and its
# size: the swaps' 72 per 3 s; the futures' 36 per 3 s (apart from the swaps', never shared).
SHARED_BUCKET = {
    "swap_cancelall": ("trade", 72),
    "swap_cancel_after": ("trade", 72),
    "swap_openorders": ("read", 72),
    "swap_trigger_openorders": ("read", 72),
    "swap_tpsl_openorders": ("read", 72),
    "swap_track_openorders": ("trade", 72),  # the page says permission Trade: the trade bucket
    "contract_cancel": ("futures_trade", 36),
    "contract_cancelall": ("futures_trade", 36),
    "contract_cancel_after": ("futures_trade", 36),  # its page states none
    "contract_order_info": ("futures_read", 36),
    "contract_openorders": ("futures_read", 36),
    "contract_trigger_openorders": ("futures_read", 36),
    "contract_tpsl_openorders": ("futures_read", 36),
    "contract_track_openorders": ("futures_read", 36),  # its page says Read, unlike the swaps'
}
OWN_BUCKET = {
    op
    for op in FAMILY
    if op.endswith(("cancel", "cancelall"))
    and op.startswith(("swap_trigger", "swap_tpsl", "swap_track", "contract_t"))
}
PRODUCT_PATHS = {"swap": "/swap-api/v1/", "futures": "/api/v1/contract"}
IDENTIFYING = {
    "contract_code",
    "contract_type",  # the futures pages' orders
    "volume",
    "direction",
    "offset",
    "order_id",
    "order_id_str",
    "status",
}


def _page_text(op_id: str) -> str:
    return (DOCS / f"{op_id}.md").read_text(encoding="utf-8")


def _page(op_id: str) -> DocPage:
    return parse_doc_page(_page_text(op_id))


def _check(op_id: str, name: str) -> Check:
    check: Check = getattr(checks, name)
    if name == "check_response_schema":
        return partial(checks.check_response_schema, relaxed=FAMILY[op_id][0])
    return check


def _op(spec: dict[str, Any], op_id: str) -> dict[str, Any]:
    op: dict[str, Any] = checks.operation(spec, _page(op_id)) or {}
    return op


def _media(spec: dict[str, Any], op_id: str, where: str) -> dict[str, Any]:
    op = _op(spec, op_id)
    node = op["requestBody"] if where == "request" else op["responses"]["200"]
    kind = checks.REQUEST_MEDIA if where == "request" else checks.RESPONSE_MEDIA
    media: dict[str, Any] = node["content"][kind]
    return media


def test_every_page_copy_is_covered(spec: dict[str, Any]) -> None:
    # the usdt_* pages are covered by test_usdt_pages
    copies = {p.stem for p in DOCS.glob("*.md") if not p.stem.startswith("usdt_")}
    assert copies == set(FAMILY) | {"swap_cancel", "swap_order_info"}
    futures = {
        op["operationId"]
        for item in spec["paths"].values()
        for op in item.values()
        if op["x-htx-product"] == "futures"
    }
    assert len(futures) == 14
    assert futures <= set(FAMILY)  # every futures operation is checked against its page


@pytest.mark.parametrize("op_id", sorted(FAMILY))
def test_page_is_the_operation(op_id: str, spec: dict[str, Any]) -> None:
    page = _page(op_id)
    assert page.method == "POST"
    op = _op(spec, op_id)
    # coin-margined swap or coin-margined delivery futures (never linear), as the spec says
    assert page.path.startswith(PRODUCT_PATHS[op["x-htx-product"]])
    assert op["operationId"] == op_id
    assert op["tags"] == ["trade"]
    assert "security" not in op


@pytest.mark.parametrize("name", CHECK_NAMES)
@pytest.mark.parametrize("op_id", sorted(FAMILY))
def test_spec_agrees_with_page(op_id: str, name: str, spec: dict[str, Any]) -> None:
    expected = FAMILY[op_id][1].get(name, [])
    assert _check(op_id, name)(spec, _page(op_id)) == expected


@pytest.mark.parametrize("op_id", sorted(FAMILY))
def test_rate_limit_bucket(op_id: str, spec: dict[str, Any]) -> None:
    rate = _op(spec, op_id)["x-htx-rate-limit"]
    if op_id in OWN_BUCKET:
        assert checks.page_own_limit(_page(op_id)) == 5
        assert rate == {"bucket": op_id, "requests": 5, "period_seconds": 1}
    else:
        assert checks.page_own_limit(_page(op_id)) is None
        bucket, requests = SHARED_BUCKET[op_id]
        assert rate == {"bucket": bucket, "requests": requests, "period_seconds": 3}
        product = _op(spec, op_id)["x-htx-product"]
        assert checks.page_shared_limits(_page(op_id), product)[bucket] == {
            "requests": requests,
            "period_seconds": 3,
        }


def _member_of(spec: dict[str, Any], schema: dict[str, Any], value: Any) -> str:
    """The one oneOf member (by schema name) that ``value`` validates against."""
    names: list[str] = [
        str(member["$ref"]).rsplit("/", 1)[1]
        for member in checks.resolve(spec, schema)["oneOf"]
        if not checks.validate_against(spec, member, value)
    ]
    assert len(names) == 1, names
    return names[0]


# The futures cancels' extra examples: a refusal during settlement; an empty lookup.
EXTRA_EXAMPLES = {
    "contract_cancel": ("settlement",),
    "contract_cancelall": ("settlement",),
    "contract_order_info": ("nothing_found",),
}
RESPONSE_EXAMPLES = [
    (op_id, name)
    for op_id in sorted(FAMILY)
    for name in (
        ("enabled", "code_error", "business_error", "gateway_error")
        if op_id.endswith("_cancel_after")
        else ("documented", "business_error", "gateway_error", *EXTRA_EXAMPLES.get(op_id, ()))
    )
]


@pytest.mark.parametrize(("op_id", "name"), RESPONSE_EXAMPLES)
def test_response_example_parses_into_its_member(
    op_id: str, name: str, spec: dict[str, Any]
) -> None:
    media = _media(spec, op_id, "response")
    example = media["examples"][name]["value"]
    expected = getattr(models, _member_of(spec, media["schema"], example))
    module = importlib.import_module(f"htx_swap_client.api.trade.{op_id}")
    parsed = module.parse_body(json.loads(json.dumps(example)))  # the public parser
    assert type(parsed) is expected
    assert parsed.to_dict() == example


@pytest.mark.parametrize("op_id", sorted(FAMILY))
def test_every_response_example_is_exercised(op_id: str, spec: dict[str, Any]) -> None:
    names = set(_media(spec, op_id, "response")["examples"])
    assert names == {name for op, name in RESPONSE_EXAMPLES if op == op_id}


@pytest.mark.parametrize("op_id", sorted(FAMILY))
def test_request_examples_round_trip(op_id: str, spec: dict[str, Any]) -> None:
    media = _media(spec, op_id, "request")
    model = getattr(models, media["schema"]["$ref"].rsplit("/", 1)[1])
    assert media["examples"]
    for example in media["examples"].values():
        assert model.from_dict(example["value"]).to_dict() == example["value"]


@pytest.mark.parametrize("op_id", [op for op in sorted(FAMILY) if FAMILY[op][0] == ORDERS])
def test_open_orders_require_only_what_identifies_an_order(
    op_id: str, spec: dict[str, Any]
) -> None:
    page = _page(op_id)
    (data,) = (f for f in page.response_fields if f.name == "data")
    (orders,) = (f for f in data.children if f.name == "orders")
    documented = {f.name for f in orders.children}
    ok = _member_of(
        spec,
        _media(spec, op_id, "response")["schema"],
        {
            "status": "ok",
            "ts": 1,
            "data": {"total_page": 1, "current_page": 1, "total_size": 0, "orders": []},
        },
    )
    data_schema = checks.resolve(spec, spec["components"]["schemas"][ok]["properties"]["data"])
    order = checks.resolve(spec, data_schema["properties"]["orders"]["items"])
    required = set(order["required"])
    assert required == IDENTIFYING & documented  # offset only where the page has it
    assert {f.name for f in orders.children if f.required} >= required
    # ids stay exact: order_id is an int64 JSON number next to its string twin
    assert order["properties"]["order_id"]["format"] == "int64"
    assert order["properties"]["order_id_str"]["type"] == "string"


def test_spec_breaks_are_caught(spec: dict[str, Any]) -> None:
    """Each break of the real spec makes the named check report the named words."""
    schemas = spec["components"]["schemas"]
    breaks: list[tuple[str, str, Callable[[dict[str, Any]], None], str]] = [
        (
            "swap_trigger_cancel",
            "check_id_limits",
            lambda s: s["components"]["schemas"]["SwapStrategyCancelRequest"]["properties"][
                "order_id"
            ].__setitem__("pattern", "^[1-9][0-9]*(,[1-9][0-9]*)*$"),
            "pattern accepts 11 ids",
        ),
        (
            "swap_track_cancel",
            "check_extensions",
            lambda s: _op(s, "swap_track_cancel").__setitem__("x-htx-max-ids", 20),
            "x-htx-max-ids 20",
        ),
        (
            "swap_cancelall",
            "check_extensions",
            lambda s: _op(s, "swap_cancelall").__setitem__("x-htx-max-ids", 10),
            "x-htx-max-ids 10",
        ),
        (
            "swap_tpsl_cancel",
            "check_extensions",
            lambda s: _op(s, "swap_tpsl_cancel").__setitem__(
                "x-htx-rate-limit", {"bucket": "trade", "requests": 72, "period_seconds": 3}
            ),
            "differs from the page's",
        ),
        (
            "swap_openorders",
            "check_extensions",
            lambda s: _op(s, "swap_openorders").__setitem__(
                "x-htx-rate-limit",
                {"bucket": "swap_openorders", "requests": 5, "period_seconds": 1},
            ),
            "is not one of the shared buckets",
        ),
        (
            "swap_openorders",
            "check_extensions",
            lambda s: _op(s, "swap_openorders").__setitem__("x-htx-permission", "trade"),
            "x-htx-permission",
        ),
        (
            "swap_cancel_after",
            "check_extensions",
            lambda s: _op(s, "swap_cancel_after").__setitem__("x-htx-envelope", "status"),
            "x-htx-envelope",
        ),
        (
            "swap_cancelall",
            "check_extensions",
            lambda s: _op(s, "swap_cancelall").__setitem__("x-htx-doc", "https://www.htx.com/"),
            "x-htx-doc",
        ),
        (
            "swap_cancelall",
            "check_request_schema",
            lambda s: s["components"]["schemas"]["SwapCancelallRequest"].__setitem__(
                "required", ["contract_code", "direction"]
            ),
            "request.direction: documented required=False, spec says True",
        ),
        (
            "swap_openorders",
            "check_request_schema",
            lambda s: s["components"]["schemas"]["SwapOpenordersRequest"]["properties"].pop(
                "sort_by"
            ),
            "request.sort_by: documented but missing",
        ),
        (
            "swap_tpsl_cancel",
            "check_response_schema",
            lambda s: s["components"]["schemas"]["SwapStrategyCancelOrderError"]["required"].append(
                "err_msg"
            ),
            "response.data.errors.err_msg: documented required=False, spec says True",
        ),
        (
            "swap_openorders",
            "check_response_schema",  # relaxed never allows stricter than page
            lambda s: (
                s["components"]["schemas"]["SwapOpenOrder"]["required"].append("update_time")
                if False
                else s["components"]["schemas"]["SwapOpenOrder"]["properties"]["price"].__setitem__(
                    "type", "string"
                )
            ),
            "response.data.orders.price: documented as number",
        ),
        (
            "swap_trigger_openorders",
            "check_response_schema",
            lambda s: s["components"]["schemas"]["SwapTriggerOpenOrder"]["properties"][
                "order_id"
            ].update({"type": "string", "format": ""}),
            "response.data.orders.order_id: documented as integer/int64",
        ),
        (
            "swap_cancel_after",
            "check_response_schema",
            lambda s: s["components"]["schemas"]["SwapCancelAfterData"]["properties"][
                "trigger_time"
            ].pop("format"),
            "response.data.trigger_time: documented as integer/int64",
        ),
        (
            "swap_cancel_after",
            "check_response_schema",
            lambda s: s["components"]["schemas"]["SwapCancelAfterOk"]["properties"][
                "data"
            ].__setitem__("$ref", "#/components/schemas/HtxCodeErrorResponse/properties/data"),
            "exactly one success member (code envelope)",
        ),
        (
            "swap_tpsl_openorders",
            "check_examples",
            lambda s: _media(s, "swap_tpsl_openorders", "response")["examples"]["documented"][
                "value"
            ]["data"]["orders"][0].__setitem__("order_id", 796039440358523904),
            "'Success Example' differs",
        ),
        (
            "swap_openorders",
            "check_examples",
            lambda s: _media(s, "swap_openorders", "request")["examples"]["one_contract"][
                "value"
            ].__setitem__("page_size", 51),
            "request example 'one_contract'",
        ),
        # the futures: their buckets, naming and ids
        (
            "contract_cancel",
            "check_extensions",
            lambda s: _op(s, "contract_cancel").__setitem__(
                "x-htx-rate-limit", {"bucket": "trade", "requests": 72, "period_seconds": 3}
            ),
            "is not one of the shared buckets",  # the swaps' bucket is not the futures'
        ),
        (
            "contract_order_info",
            "check_extensions",
            lambda s: _op(s, "contract_order_info").__setitem__(
                "x-htx-rate-limit", {"bucket": "futures_trade", "requests": 36, "period_seconds": 3}
            ),
            "is not the bucket of a Read page",  # a read in the trade bucket
        ),
        (
            "contract_track_cancel",
            "check_extensions",
            lambda s: _op(s, "contract_track_cancel").__setitem__(
                "x-htx-rate-limit",
                {"bucket": "swap_track_cancel", "requests": 5, "period_seconds": 1},
            ),
            "differs from the page's",
        ),
        (
            "contract_cancel",
            "check_request_schema",
            lambda s: s["components"]["schemas"]["FuturesCancelRequest"]["required"].clear(),
            "request.symbol: documented required=True, spec says False",
        ),
        (
            "contract_tpsl_cancelall",
            "check_request_schema",
            lambda s: s["components"]["schemas"]["FuturesTpslCancelallRequest"]["properties"].pop(
                "contract_type"
            ),
            "request.contract_type: documented but missing",
        ),
        (
            "contract_order_info",
            "check_id_limits",
            lambda s: s["components"]["schemas"]["FuturesOrderInfoRequest"]["properties"][
                "order_id"
            ].__setitem__("pattern", "^[1-9][0-9]{0,18}(,[1-9][0-9]{0,18}){0,9}$"),
            "pattern refuses 50 ids",
        ),
        (
            "contract_openorders",
            "check_response_schema",
            lambda s: s["components"]["schemas"]["FuturesOpenOrder"]["properties"].pop(
                "contract_type"
            ),
            "response.data.orders.contract_type: documented but missing",
        ),
        (
            "contract_trigger_openorders",
            "check_examples",
            lambda s: _media(s, "contract_trigger_openorders", "response")["examples"][
                "documented"
            ]["value"]["data"]["orders"][0].__setitem__("contract_type", "this_week"),
            "'Success Example' differs",
        ),
    ]
    assert schemas  # the breaks below edit copies of this spec
    for op_id, name, mutate, words in breaks:
        broken = copy.deepcopy(spec)
        mutate(broken)
        problems = _check(op_id, name)(broken, _page(op_id))
        assert any(words in problem for problem in problems), (op_id, name, problems)


def test_relaxed_required_is_only_for_open_orders(spec: dict[str, Any]) -> None:
    page = _page("swap_openorders")
    strict = checks.check_response_schema(spec, page)
    assert "response.data.orders.price: documented required=True, spec says False" in strict
    relaxed = checks.check_response_schema(spec, page, relaxed=ORDERS)
    assert not any("required=True, spec says False" in problem for problem in relaxed)
    # relaxed only loosens: a field the page leaves optional must not become required
    broken = copy.deepcopy(spec)
    broken["components"]["schemas"]["SwapOpenOrder"]["required"].append("update_time")
    assert checks.check_response_schema(broken, page, relaxed=ORDERS) == relaxed
    broken["components"]["schemas"]["SwapTpslOpenOrder"]["required"].append("price_protect")
    assert (
        "response.data.orders.price_protect: documented required=False, spec says True"
        in checks.check_response_schema(broken, _page("swap_tpsl_openorders"), relaxed=ORDERS)
    )


PAGE_BREAKS: list[tuple[str, str, str, str, str]] = [
    (
        "swap_trigger_cancel",
        "Max number of order ids is 10",
        "Max number of order ids is 20",
        "check_id_limits",
        "x-htx-max-ids is not 20",
    ),
    (
        "swap_track_cancel",
        "a maximum of 10 orders",
        "a maximum of 5 orders",
        "check_extensions",
        "x-htx-max-ids 10",
    ),
    (
        "swap_tpsl_cancelall",
        "Rate Limit: 5 times per second",
        "Rate Limit: 3 times per second",
        "check_extensions",
        "x-htx-rate-limit",
    ),
    (
        "swap_openorders",
        "Interface permission: Read",
        "Interface permission: Trade",
        "check_extensions",
        "x-htx-permission",
    ),
    (
        "swap_cancel_after",
        "| on\\_off | int | true |",
        "| on\\_off | string | true |",
        "check_request_schema",
        "request.on_off",
    ),
    (
        "swap_cancelall",
        "| offset | string | false |",
        "| offset | string | true |",
        "check_request_schema",
        "request.offset",
    ),
    (
        "swap_trigger_openorders",
        "| contract\\_code | string | true | Case",
        "| contract\\_code | string | false | Case",
        "check_request_schema",
        "request.contract_code",
    ),
    (
        "swap_tpsl_openorders",
        "| order\\_price | decimal | true |",
        "| order\\_price | long | true |",
        "check_response_schema",
        "order_price",
    ),
    (
        "swap_track_openorders",
        '"825057944222908416"',
        '"825057944222908417"',
        "check_examples",
        "Success Example",
    ),
    (
        "swap_trigger_cancelall",
        "| successes | string | true |",
        "| successes | string | false |",
        "check_response_schema",
        "response.data.successes",
    ),
    (
        "contract_cancel",
        "Trade Interface: at most 36 times",
        "Trade Interface: at most 48 times",
        "check_extensions",
        "is not one of the shared buckets",
    ),
    (
        "contract_tpsl_cancel",
        "Rate Limit: 5times/1s",
        "Rate Limit: 3times/1s",
        "check_extensions",
        "x-htx-rate-limit",
    ),
    (
        "contract_trigger_cancel",
        "The frequency limit of this interface is 5 times per second",
        "The frequency limit of this interface is 2 times per second",
        "check_extensions",
        "its notes 2 per second",
    ),
    (
        "contract_track_openorders",
        "Interface permission: Read",
        "Interface permission: Trade",
        "check_extensions",
        "x-htx-permission",
    ),
    (
        "contract_cancelall",
        "| symbol        | string    | true     |",
        "| symbol        | string    | false    |",
        "check_request_schema",
        "request.symbol",
    ),
    (
        "contract_cancel",
        'separated by ",", maximum 10 orders',
        'separated by ",", maximum 20 orders',
        "check_id_limits",
        "x-htx-max-ids is not 20",
    ),
    (
        "contract_order_info",
        '"order_id_str": "773119326353580033"',
        '"order_id_str": "773119326353580034"',
        "check_examples",
        "Success Example",
    ),
]


@pytest.mark.parametrize(
    ("op_id", "old", "new", "name", "words"),
    [pytest.param(*b, id=f"{b[0]}-{b[3]}") for b in PAGE_BREAKS],
)
def test_page_breaks_are_caught(
    op_id: str, old: str, new: str, name: str, words: str, spec: dict[str, Any]
) -> None:
    text = _page_text(op_id)
    assert old in text, "the break must change the page"
    problems = _check(op_id, name)(spec, parse_doc_page(text.replace(old, new, 1)))
    assert any(words in problem for problem in problems), problems


def test_examples_validate_with_jsonschema(spec: dict[str, Any]) -> None:
    # guard: the validator the checks use is the 2020-12 one (3.1's type lists and "null")
    assert jsonschema.Draft202012Validator({"type": ["integer", "null"]}).is_valid(None)


def test_a_futures_page_reads_as_its_scrape_prints_it() -> None:
    """The futures copies print JSON in code fences, wrap the Rate Limit line, spell a block
    "objectarray" and give the own limit in the notes: each is read, nothing lost."""
    cancel = _page("contract_cancel")
    assert cancel.rate_limit.endswith(
        "(this rate limit is shared by all the altcoins contracts delivered by different date)."
    )
    assert checks.page_shared_limits(cancel, "futures") == {
        "futures_trade": {"requests": 36, "period_seconds": 3},
        "futures_read": {"requests": 36, "period_seconds": 3},
    }
    assert cancel.examples["Request example"] == {
        "order_id": "634696656176029696,634693443368525824",
        "symbol": "btc",
    }
    assert _page("contract_cancel_after").summary == "Automatic Order Cancellation"
    (data,) = (f for f in _page("contract_tpsl_openorders").response_fields if f.name == "data")
    (orders,) = (f for f in data.children if f.name == "orders")
    assert orders.type == "array"
    trigger = _page("contract_trigger_cancel")
    assert trigger.frequency_note == "The frequency limit of this interface is 5 times per second"
    assert checks.page_own_limit(trigger) == 5
    assert checks.page_own_limit(_page("contract_tpsl_cancel")) == 5  # "5times/1s"
    assert checks.page_own_limit(cancel) is None


def test_the_futures_copies_say_where_they_come_from() -> None:
    for op_id in (op for op in FAMILY if op.startswith("contract_")):
        text = _page_text(op_id)
        assert "taken verbatim from the scrape `rosssaunders/coincise`" in text
        assert _page(op_id).source.startswith("https://www.htx.com/en-us/opend/newApiPages/?id=")
