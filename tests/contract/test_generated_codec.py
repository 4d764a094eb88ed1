"""The generated public codec surface (METHOD, PATH, request_kwargs, parse_body), the operation
facts of ``htx_swap_client.operations`` and the lazy ``htx_swap_client.models``."""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
import subprocess
import sys
from decimal import Decimal
from types import ModuleType
from typing import Any

import pytest
from htx_swap_client.api.reference import get_timestamp
from htx_swap_client.api.trade import swap_cancel, swap_order_info
from htx_swap_client.models import (
    HtxErrorResponse,
    HtxGatewayErrorResponse,
    SwapCancelOk,
    SwapCancelRequest,
    SwapOrderInfoOk,
    SwapOrderInfoRequest,
    TimestampResponse,
)
from htx_swap_client.operations import OPERATIONS, OperationFacts

from tests.contract.checks import REQUEST_MEDIA, resolve


def _modules() -> dict[str, ModuleType]:
    """Every generated endpoint module, by operation name."""
    import htx_swap_client.api

    found: dict[str, ModuleType] = {}
    for tag in pkgutil.iter_modules(htx_swap_client.api.__path__):
        package = importlib.import_module(f"htx_swap_client.api.{tag.name}")
        for module in pkgutil.iter_modules(package.__path__):
            found[module.name] = importlib.import_module(f"{package.__name__}.{module.name}")
    return found


MODULES = _modules()
assert {"get_timestamp", "swap_cancel", "swap_order_info"} <= set(MODULES)
PARSE_ERRORS = (TypeError, KeyError, ValueError, AttributeError)
EXACT_ID = 771043577949732864  # above 2**53


def _operations(spec: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        op["operationId"]: (method.upper(), path, op)
        for path, item in spec["paths"].items()
        for method, op in item.items()
    }


def test_every_operation_has_a_module_and_facts(spec: dict[str, Any]) -> None:
    assert set(_operations(spec)) == set(MODULES) == set(OPERATIONS)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_method_and_path_are_the_specs(spec: dict[str, Any], name: str) -> None:
    method, path, _ = _operations(spec)[name]
    module = MODULES[name]
    assert (method, path) == (module.METHOD, module.PATH)
    assert (OPERATIONS[name].method, OPERATIONS[name].path) == (method, path)


def test_request_kwargs_are_what_the_generated_client_sends() -> None:
    body = SwapCancelRequest(contract_code="BTC-USD", order_id="768503271974985728")
    kwargs = swap_cancel.request_kwargs(body=body)
    assert kwargs == {
        "method": "post",
        "url": "/swap-api/v1/swap_cancel",
        "json": {"contract_code": "BTC-USD", "order_id": "768503271974985728"},
        "headers": {"Content-Type": "application/json"},
    }
    assert kwargs["method"].upper() == swap_cancel.METHOD
    assert kwargs["url"] == swap_cancel.PATH
    info = swap_order_info.request_kwargs(body=SwapOrderInfoRequest(contract_code="BTC-USD"))
    assert (info["method"], info["url"]) == ("post", swap_order_info.PATH)
    assert get_timestamp.request_kwargs() == {"method": "get", "url": "/api/v1/timestamp"}


def test_parse_body_keeps_decimals_and_exact_ids() -> None:
    text = (
        '{"status":"ok","ts":1,"data":[{"order_id":771043577949732864,'
        '"order_id_str":"771043577949732864","status":6,"volume":2,"trade_volume":2,'
        '"contract_code":"BTC-USD","price":0.1,"trade_avg_price":65432.12345678901234}]}'
    )
    parsed = swap_order_info.parse_body(json.loads(text, parse_float=Decimal))
    assert isinstance(parsed, SwapOrderInfoOk)
    assert isinstance(parsed.data, list)
    (order,) = parsed.data
    assert order.order_id == EXACT_ID
    price: object = order.price  # annotated float by the generator; the value is kept as is
    assert type(price) is Decimal
    assert order.price == Decimal("0.1")
    assert order.trade_avg_price == Decimal("65432.12345678901234")  # no float rounding


@pytest.mark.parametrize(
    ("module", "body", "model"),
    [
        (swap_cancel, {"status": "ok", "data": {"successes": "1"}, "ts": 1}, SwapCancelOk),
        (swap_order_info, {"status": "ok", "data": [], "ts": 1}, SwapOrderInfoOk),
        (get_timestamp, {"status": "ok", "ts": 1}, TimestampResponse),
        (
            swap_cancel,
            {"status": "error", "err_code": 1032, "err_msg": "busy", "ts": 1},
            HtxErrorResponse,
        ),
        (
            swap_order_info,
            {"status": "error", "err-code": "api-signature-not-valid", "err-msg": "x"},
            HtxGatewayErrorResponse,
        ),
    ],
)
def test_parse_body_picks_the_matching_shape(
    module: ModuleType, body: dict[str, Any], model: type
) -> None:
    assert type(module.parse_body(body)) is model


@pytest.mark.parametrize("module", [swap_cancel, swap_order_info, get_timestamp])
@pytest.mark.parametrize(
    "body", [[], "ok", None, 7, {}, {"status": "bogus", "ts": 1}, {"status": "ok"}]
)
def test_parse_body_raises_when_nothing_matches(module: ModuleType, body: object) -> None:
    with pytest.raises(PARSE_ERRORS):
        module.parse_body(body)


def test_operation_facts_are_the_specs_extensions(spec: dict[str, Any]) -> None:
    assert {
        "swap_cancel": OperationFacts(
            "swap_cancel",
            "POST",
            "/swap-api/v1/swap_cancel",
            "trade",
            10,
            "trade",
            72,
            3.0,
            "status",
            "swap",
        ),
        "swap_order_info": OperationFacts(
            "swap_order_info",
            "POST",
            "/swap-api/v1/swap_order_info",
            "read",
            50,
            "read",
            72,
            3.0,
            "status",
            "swap",
        ),
        "get_timestamp": OperationFacts(
            "get_timestamp",
            "GET",
            "/api/v1/timestamp",
            "none",
            None,
            None,
            None,
            None,
            "status",
            "common",
        ),
        "contract_cancel": OperationFacts(
            "contract_cancel",
            "POST",
            "/api/v1/contract_cancel",
            "trade",
            10,
            "futures_trade",
            36,
            3.0,
            "status",
            "futures",
        ),
    } == {
        name: OPERATIONS[name]
        for name in ("swap_cancel", "swap_order_info", "get_timestamp", "contract_cancel")
    }
    for name, (_, _, op) in _operations(spec).items():
        facts = OPERATIONS[name]
        assert facts.name == name
        assert facts.permission == op["x-htx-permission"]
        assert facts.product == op["x-htx-product"]
        # The id limit of the operation is the one its request's id fields carry.
        if "requestBody" in op:
            request = resolve(spec, op["requestBody"]["content"][REQUEST_MEDIA]["schema"])
            limits = {
                p["x-htx-max-ids"]
                for p in request.get("properties", {}).values()  # an array body has none
                if "x-htx-max-ids" in p
            }
            assert limits == ({facts.max_ids} if facts.max_ids is not None else set())


def test_operation_facts_are_frozen_and_slotted() -> None:
    facts = OPERATIONS["swap_cancel"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts.max_ids = 11  # type: ignore[misc]
    assert not hasattr(facts, "__dict__")
    assert type(facts.rate_limit_period) is float


def _run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout.strip()


def test_importing_models_imports_no_model() -> None:
    loaded = _run(
        "import sys, htx_swap_client.models as m\n"
        "print(sorted(n for n in sys.modules if n.startswith('htx_swap_client.models.')))"
    )
    assert loaded == "[]"
    after = _run(
        "import sys\n"
        "from htx_swap_client.models import SwapCancelRequest\n"
        "print(sorted(n for n in sys.modules if n.startswith('htx_swap_client.models.')))"
    )
    assert after == "['htx_swap_client.models.swap_cancel_request']"


def test_every_lazy_name_resolves_to_its_class() -> None:
    models = importlib.import_module("htx_swap_client.models")
    assert set(dir(models)) >= set(models.__all__)
    for name in models.__all__:
        module = importlib.import_module(models._MODULE_OF[name], models.__name__)
        assert getattr(models, name) is getattr(module, name)  # classes and Literal aliases
        assert name in vars(models)  # cached after the first access
    with pytest.raises(AttributeError, match="NoSuchModel"):
        models.NoSuchModel  # noqa: B018
