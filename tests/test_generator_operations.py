"""generator/generate.py validates each operation's x-htx-* extensions before generating."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import generate
from generator.generate import OperationFactsError, operation_facts, render_operations

ROOT = Path(__file__).resolve().parent.parent
CANCEL = ("/swap-api/v1/swap_cancel", "post")


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    return loaded


def _cancel(spec: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = spec["paths"][CANCEL[0]][CANCEL[1]]
    return op


def test_the_spec_gives_the_documented_facts(spec: dict[str, Any]) -> None:
    facts = {fact["name"]: fact for fact in operation_facts(spec)}
    assert facts["swap_cancel"] == {
        "name": "swap_cancel",
        "method": "POST",
        "path": "/swap-api/v1/swap_cancel",
        "permission": "trade",
        "max_ids": 10,
        "rate_limit_bucket": "trade",
        "rate_limit_requests": 72,
        "rate_limit_period": 3.0,
        "envelope": "status",
        "product": "swap",
        "doc_source": "htx",
    }
    assert facts["contract_cancel"] == {
        "name": "contract_cancel",
        "method": "POST",
        "path": "/api/v1/contract_cancel",
        "permission": "trade",
        "max_ids": 10,
        "rate_limit_bucket": "futures_trade",
        "rate_limit_requests": 36,
        "rate_limit_period": 3.0,
        "envelope": "status",
        "product": "futures",
        "doc_source": "htx",
    }
    assert facts["get_timestamp"]["product"] == "common"
    assert facts["swap_order_info"]["max_ids"] == 50
    assert facts["get_timestamp"]["rate_limit_bucket"] is None
    assert [fact["name"] for fact in operation_facts(spec)] == sorted(facts)  # deterministic


BREAKS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    (
        "unknown-key",
        lambda op: op.__setitem__("x-htx-max-id", 10),
        "unknown extension(s) x-htx-max-id",
    ),
    (
        "missing-permission",
        lambda op: op.pop("x-htx-permission"),
        "missing required extension(s) x-htx-permission",
    ),
    (
        "missing-envelope",
        lambda op: op.pop("x-htx-envelope"),
        "missing required extension(s) x-htx-envelope",
    ),
    (
        "permission-case",
        lambda op: op.__setitem__("x-htx-permission", "Trade"),
        "x-htx-permission must be one of",
    ),
    (
        "envelope-other",
        lambda op: op.__setitem__("x-htx-envelope", "json"),
        "x-htx-envelope must be one of",
    ),
    (
        "max-ids-string",
        lambda op: op.__setitem__("x-htx-max-ids", "10"),
        "x-htx-max-ids must be a positive integer",
    ),
    (
        "max-ids-bool",
        lambda op: op.__setitem__("x-htx-max-ids", True),
        "x-htx-max-ids must be a positive integer",
    ),
    (
        "max-ids-other",
        lambda op: op.__setitem__("x-htx-max-ids", 20),
        "the request body's id fields say [10]",
    ),
    ("max-ids-dropped", lambda op: op.pop("x-htx-max-ids"), "x-htx-max-ids is None"),
    (
        "rate-limit-list",
        lambda op: op.__setitem__("x-htx-rate-limit", [72, 3]),
        "x-htx-rate-limit must be a mapping",
    ),
    (
        "rate-limit-no-period",
        lambda op: op["x-htx-rate-limit"].pop("period_seconds"),
        "x-htx-rate-limit must be a mapping",
    ),
    (
        "rate-limit-extra",
        lambda op: op["x-htx-rate-limit"].__setitem__("burst", 1),
        "x-htx-rate-limit must be a mapping",
    ),
    (
        "requests-float",
        lambda op: op["x-htx-rate-limit"].__setitem__("requests", 72.5),
        "x-htx-rate-limit.requests",
    ),
    (
        "period-string",
        lambda op: op["x-htx-rate-limit"].__setitem__("period_seconds", "3s"),
        "x-htx-rate-limit.period_seconds",
    ),
    (
        "period-zero",
        lambda op: op["x-htx-rate-limit"].__setitem__("period_seconds", 0),
        "x-htx-rate-limit.period_seconds",
    ),
    (
        "bucket-number",
        lambda op: op["x-htx-rate-limit"].__setitem__("bucket", 1),
        "x-htx-rate-limit.bucket",
    ),
    (
        "signed-string",
        lambda op: op.__setitem__("x-htx-signed", "yes"),
        "x-htx-signed must be a boolean",
    ),
    (
        "signed-contradicts",
        lambda op: op.__setitem__("x-htx-signed", False),
        "contradicts x-htx-permission='trade'",
    ),
    (
        "doc-not-url",
        lambda op: op.__setitem__("x-htx-doc", "htx.com"),
        "x-htx-doc must be an https URL",
    ),
    (
        "no-operation-id",
        lambda op: op.pop("operationId"),
        "operationId must be a Python identifier",
    ),
    ("no-200", lambda op: op["responses"].pop("200"), "needs an HTTP 200 response"),
    (
        "missing-product",
        lambda op: op.pop("x-htx-product"),
        "missing required extension(s) x-htx-product",
    ),
    (
        "product-other",
        lambda op: op.__setitem__("x-htx-product", "linear"),
        "x-htx-product must be one of",
    ),
    (
        "product-not-its-path",
        lambda op: op.__setitem__("x-htx-product", "futures"),
        "x-htx-product 'futures' needs a path under /api/v1/contract",
    ),
]


def _futures_cancel(spec: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = spec["paths"]["/api/v1/contract_cancel"]["post"]
    return op


def test_the_products_have_buckets_of_their_own(spec: dict[str, Any]) -> None:
    facts = operation_facts(spec)
    products: dict[str, set[str]] = {}
    for fact in facts:
        if fact["rate_limit_bucket"]:
            products.setdefault(fact["rate_limit_bucket"], set()).add(fact["product"])
    assert all(len(owners) == 1 for owners in products.values()), products
    futures = {f["rate_limit_bucket"] for f in facts if f["product"] == "futures"}
    assert futures == {
        "futures_trade",
        "futures_read",
        *(
            f"contract_{kind}_{verb}"
            for kind in ("trigger", "tpsl", "track")
            for verb in (
                "cancel",
                "cancelall",
            )
        ),
    }
    assert len([f for f in facts if f["product"] == "futures"]) == 14


@pytest.mark.parametrize(
    ("path", "bucket", "product"),
    [
        ("/api/v1/contract_cancel", "trade", "futures"),  # the swaps' bucket
        ("/api/v1/contract_cancel", "usdt_trade", "futures"),
        ("/v5/trade/cancel_order", "futures_trade", "usdt"),
        ("/v5/trade/cancel_order", "swap_trigger_cancel", "usdt"),  # another operation's own
    ],
)
def test_a_bucket_shared_by_two_products_fails(
    spec: dict[str, Any], path: str, bucket: str, product: str
) -> None:
    # The bucket's name says its product (one validation for every product), so a bucket
    # borrowed from another product fails on the operation that borrows it.
    broken = copy.deepcopy(spec)
    _op(broken, path, "post")["x-htx-rate-limit"] = {
        "bucket": bucket,
        "requests": 72,
        "period_seconds": 3,
    }
    with pytest.raises(
        OperationFactsError, match=f"bucket '{bucket}' does not fit x-htx-product '{product}'"
    ):
        operation_facts(broken)


def test_two_sizes_of_one_bucket_fail(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    _futures_cancel(broken)["x-htx-rate-limit"]["requests"] = 72
    with pytest.raises(OperationFactsError, match="rate-limit bucket 'futures_trade': "):
        operation_facts(broken)


def test_operations_of_selects_one_product() -> None:
    from htx_swap_client.operations import OPERATIONS, operations_of

    futures = operations_of("futures")
    assert len(futures) == 14
    assert all(name.startswith("contract_") for name in futures)
    usdt = operations_of("usdt")
    assert len(usdt) == 8
    assert all(name.startswith("usdt_") for name in usdt)
    every = (operations_of(product) for product in ("swap", "futures", "usdt", "common"))
    assert set().union(*every) == set(OPERATIONS)
    with pytest.raises(KeyError, match="unknown product 'linear'"):
        operations_of("linear")


@pytest.mark.parametrize(("mutate", "expected"), [pytest.param(m, e, id=n) for n, m, e in BREAKS])
def test_a_wrong_extension_fails_with_a_clear_message(
    spec: dict[str, Any], mutate: Callable[[dict[str, Any]], None], expected: str
) -> None:
    broken = copy.deepcopy(spec)
    mutate(_cancel(broken))
    with pytest.raises(OperationFactsError) as raised:
        operation_facts(broken)
    assert expected in str(raised.value)
    if "operationId" not in expected:
        assert str(raised.value).startswith("POST /swap-api/v1/swap_cancel (swap_cancel): ")


def test_an_operation_id_used_twice_fails(spec: dict[str, Any]) -> None:
    broken = copy.deepcopy(spec)
    broken["paths"]["/api/v1/timestamp"]["get"]["operationId"] = "swap_cancel"
    with pytest.raises(OperationFactsError, match="used more than once: swap_cancel"):
        operation_facts(broken)


def test_generation_stops_on_a_wrong_extension(
    spec: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = copy.deepcopy(spec)
    _cancel(broken)["x-htx-permision"] = "trade"
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(generate, "SPEC", path)
    with pytest.raises(SystemExit, match=r"unknown extension.*x-htx-permision"):
        generate.generate_into(tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_render_operations_is_deterministic(spec: dict[str, Any]) -> None:
    text = render_operations(operation_facts(spec))
    assert text == render_operations(operation_facts(copy.deepcopy(spec)))
    assert '"swap_cancel": OperationFacts(name="swap_cancel", method="POST"' in text
    assert "rate_limit_period=3.0" in text
    compile(text, "operations.py", "exec")


# The USDT-M (v5) operations: operationId -> "method path permission bucket doc-source".
USDT = {
    "usdt_cancel_order": "POST /v5/trade/cancel_order trade usdt_trade htx",
    "usdt_cancel_batch_orders": "POST /v5/trade/cancel_batch_orders trade usdt_trade htx",
    "usdt_cancel_all_orders": "POST /v5/trade/cancel_all_orders trade usdt_trade htx",
    "usdt_order_info": "GET /v5/trade/order read usdt_read htx",
    "usdt_open_orders": "GET /v5/trade/order/opens read usdt_read htx",
    "usdt_algo_cancel_orders": "POST /v5/algo/cancel_orders trade usdt_trade third-party",
    "usdt_algo_open_orders": "GET /v5/algo/order/opens read usdt_read third-party",
    "usdt_cancel_after": "POST /v5/trade/cancel-after trade usdt_trade third-party",
}


def test_the_usdt_operations_are_the_v5_family(spec: dict[str, Any]) -> None:
    facts = {fact["name"]: fact for fact in operation_facts(spec)}
    usdt = {name: fact for name, fact in facts.items() if fact["product"] == "usdt"}
    assert set(usdt) == set(USDT)
    for name, facts_text in USDT.items():
        method, path, permission, bucket, source = facts_text.split()
        fact = usdt[name]
        assert (fact["method"], fact["path"], fact["permission"]) == (method, path, permission)
        assert (fact["rate_limit_bucket"], fact["doc_source"]) == (bucket, source)
        assert (fact["rate_limit_requests"], fact["rate_limit_period"]) == (72, 3.0)
        assert fact["envelope"] == "v5"
    assert usdt["usdt_cancel_batch_orders"]["max_ids"] == 10
    assert usdt["usdt_cancel_order"]["max_ids"] == 1
    # no coin-M swap operation counts against a USDT-M bucket, and the reverse
    swap_buckets = {f["rate_limit_bucket"] for f in facts.values() if f["product"] == "swap"}
    assert not swap_buckets & {"usdt_trade", "usdt_read"}


def _op(spec: dict[str, Any], path: str, method: str) -> dict[str, Any]:
    op: dict[str, Any] = spec["paths"][path][method]
    return op


USDT_BREAKS: list[tuple[str, str, str, Callable[[dict[str, Any]], None], str]] = [
    (
        "envelope-v6",
        "/v5/trade/cancel_order",
        "post",
        lambda op: op.__setitem__("x-htx-envelope", "v6"),
        "x-htx-envelope must be one of",
    ),
    (
        "product-other",
        "/v5/trade/cancel_order",
        "post",
        lambda op: op.__setitem__("x-htx-product", "linear"),
        "x-htx-product must be one of",
    ),
    (
        "usdt-product-on-a-swap-path",
        "/swap-api/v1/swap_cancel",
        "post",
        lambda op: op.__setitem__("x-htx-product", "usdt"),
        "x-htx-product 'usdt' needs a path under /v5/",
    ),
    (
        "usdt-on-swap-bucket",
        "/v5/trade/cancel_order",
        "post",
        lambda op: op["x-htx-rate-limit"].__setitem__("bucket", "trade"),
        "does not fit x-htx-product 'usdt'",
    ),
    (
        "swap-on-usdt-bucket",
        "/swap-api/v1/swap_cancel",
        "post",
        lambda op: op["x-htx-rate-limit"].__setitem__("bucket", "usdt_trade"),
        "does not fit x-htx-product 'swap'",
    ),
    (
        "doc-source-other",
        "/v5/trade/cancel-after",
        "post",
        lambda op: op.__setitem__("x-htx-doc-source", "ccxt"),
        "x-htx-doc-source must be one of",
    ),
    (
        "third-party-without-sdks",
        "/v5/trade/cancel-after",
        "post",
        lambda op: op.pop("x-htx-third-party-sources"),
        "needs x-htx-third-party-sources",
    ),
    (
        "third-party-sdks-empty",
        "/v5/algo/cancel_orders",
        "post",
        lambda op: op.__setitem__("x-htx-third-party-sources", []),
        "needs x-htx-third-party-sources",
    ),
    (
        "third-party-with-page",
        "/v5/algo/order/opens",
        "get",
        lambda op: op.__setitem__("x-htx-doc", "https://www.htx.com/"),
        "x-htx-doc names an HTX page",
    ),
    (
        "sdks-on-an-htx-page",
        "/v5/trade/order",
        "get",
        lambda op: op.__setitem__("x-htx-third-party-sources", ["ccxt"]),
        "only for x-htx-doc-source: third-party",
    ),
]


@pytest.mark.parametrize(
    ("path", "method", "mutate", "expected"),
    [pytest.param(p, m, f, e, id=n) for n, p, m, f, e in USDT_BREAKS],
)
def test_a_wrong_usdt_extension_fails_with_a_clear_message(
    spec: dict[str, Any],
    path: str,
    method: str,
    mutate: Callable[[dict[str, Any]], None],
    expected: str,
) -> None:
    broken = copy.deepcopy(spec)
    mutate(_op(broken, path, method))
    with pytest.raises(OperationFactsError) as raised:
        operation_facts(broken)
    assert expected in str(raised.value)
    assert str(raised.value).startswith(f"{method.upper()} {path} (")
