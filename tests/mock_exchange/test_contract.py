"""The exchange agrees with the API contract (openapi.yaml): every answer it gives with HTTP 200
validates against the spec's schemas, and the spec's signing parameters are the ones checked."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml
from htx_swap_mock import MockExchange, OrderState, TimestampErrorStyle, faults, verify
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.mock_exchange.helpers import cancel, order_info

SPEC_PATH = Path(__file__).resolve().parents[2] / "openapi.yaml"
SPEC_URI = "urn:htx-swap:openapi"
BTC = "BTC-USD"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    return loaded


def _validator(spec: dict[str, Any], schema_name: str) -> jsonschema.Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    schema = {"$ref": f"{SPEC_URI}#/components/schemas/{schema_name}"}
    return jsonschema.Draft202012Validator(schema, registry=registry)


@pytest.fixture(scope="module")
def exchange() -> Iterator[MockExchange]:
    with MockExchange(rate_limit=(1000, 60.0)) as ex:
        yield ex


def _answers(ex: MockExchange) -> Iterator[tuple[str, httpx.Response]]:
    big = "768503271974985728"
    ex.add_order(BTC, big)
    ex.add_order(BTC, 2, state="filled")
    ex.add_order(BTC, 3, client_order_id=9003)
    with httpx.Client(base_url=ex.url, timeout=5.0) as client:

        def send(body: dict[str, object], secret: str = ex.secret_key) -> httpx.Response:
            return cancel(client, ex.access_key, secret, body)

        yield "ok", send({"order_id": f"{big},2,4", "contract_code": BTC})
        yield "nothing cancelled", send({"order_id": big, "contract_code": BTC})
        yield "by client id", send({"client_order_id": "9003", "contract_code": BTC})
        yield "too many", send({"order_id": ",".join(["1"] * 11), "contract_code": BTC})
        yield "no ids", send({"contract_code": BTC})
        yield "malformed", send({"order_id": "x", "contract_code": BTC})
        yield "bad signature", send({"order_id": "1", "contract_code": BTC}, secret="nope")
        ex.settings.timestamp_error = TimestampErrorStyle.GATEWAY
        ex.clock_offset = 3600
        yield "stale, gateway", send({"order_id": "1", "contract_code": BTC})
        ex.settings.timestamp_error = TimestampErrorStyle.BUSINESS
        yield "stale, business", send({"order_id": "1", "contract_code": BTC})
        ex.clock_offset = 0
        for fault in (faults.business_error(), faults.gateway_error()):
            ex.inject(fault)
            yield fault.kind.value, send({"order_id": "1", "contract_code": BTC})


# Which of the three shapes each answer must have: the key only that shape has.
SHAPES = {
    "ok": "data",
    "nothing cancelled": "data",
    "by client id": "data",
    "too many": "err_code",
    "no ids": "err_code",
    "malformed": "err_code",
    "bad signature": "err-code",
    "stale, gateway": "err-code",
    "stale, business": "err_code",
    "business_error": "err_code",
    "gateway_error": "err-code",
}


def test_every_200_answer_matches_the_spec(spec: dict[str, Any], exchange: MockExchange) -> None:
    validator = _validator(spec, "SwapCancelResponse")
    seen = []
    for name, response in _answers(exchange):
        assert response.status_code == 200, name
        document = json.loads(response.content)
        assert [e.message for e in validator.iter_errors(document)] == [], name
        assert SHAPES[name] in document, name
        seen.append(name)
    assert seen == list(SHAPES)


def test_the_validator_does_catch_a_wrong_shape(spec: dict[str, Any]) -> None:
    validator = _validator(spec, "SwapCancelResponse")
    wrong = {"status": "ok", "data": {"errors": [], "successes": 771038212360937472}, "ts": 1}
    assert not validator.is_valid(wrong)


def test_timestamp_answer_matches_the_spec(spec: dict[str, Any], exchange: MockExchange) -> None:
    with httpx.Client(base_url=exchange.url) as client:
        body = json.loads(client.get("/api/v1/timestamp").content)
    _validator(spec, "TimestampResponse").validate(body)


def test_spec_examples_are_accepted(spec: dict[str, Any], exchange: MockExchange) -> None:
    operation = spec["paths"]["/swap-api/v1/swap_cancel"]["post"]
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    with httpx.Client(base_url=exchange.url) as client:
        for example in examples.values():
            response = cancel(client, exchange.access_key, exchange.secret_key, example["value"])
            assert json.loads(response.content)["status"] == "ok"


def test_signing_recipe_matches_the_spec(spec: dict[str, Any]) -> None:
    recipe = spec["info"]["x-htx-signature"]
    assert recipe["method"] == verify.SIGNATURE_METHOD
    assert recipe["version"] == verify.SIGNATURE_VERSION
    assert recipe["timestamp-tolerance-seconds"] == verify.DEFAULT_TOLERANCE
    signed = [*recipe["signed-parameters"], recipe["signature-parameter"]]
    assert tuple(signed) == verify.AUTH_PARAMETERS


def test_every_order_info_answer_matches_the_spec(
    spec: dict[str, Any], exchange: MockExchange
) -> None:
    validator = _validator(spec, "SwapOrderInfoResponse")
    ok = _validator(spec, "SwapOrderInfoOk")
    eth = "ETH-USD"  # apart from the cancel test's orders
    ids = [str(2**60 + i) for i, _ in enumerate(OrderState)]
    for i, (order_id, state) in enumerate(zip(ids, OrderState, strict=True)):
        exchange.add_order(eth, order_id, client_order_id=i + 1 if i % 2 else None, state=state)
    answers: dict[str, tuple[dict[str, Any], str]] = {}
    with httpx.Client(base_url=exchange.url, timeout=5.0) as client:

        def send(name: str, body: dict[str, object], shape: str, secret: str = "") -> None:
            response = order_info(client, exchange.access_key, secret or exchange.secret_key, body)
            assert response.status_code == 200, name
            answers[name] = (json.loads(response.content), shape)

        send("every state", {"order_id": ",".join(ids), "contract_code": eth}, "data")
        send("by client id", {"client_order_id": "2,4", "contract_code": "eth-usd"}, "data")
        send("none found", {"order_id": "1", "contract_code": eth}, "data")
        send("too many", {"order_id": ",".join(["1"] * 51), "contract_code": eth}, "err_code")
        send("no ids", {"contract_code": eth}, "err_code")
        send("bad signature", {"order_id": "1", "contract_code": eth}, "err-code", "nope")
    for name, (document, shape) in answers.items():
        assert [e.message for e in validator.iter_errors(document)] == [], name
        assert shape in document, name
        if shape == "data":
            ok.validate(document)
    assert len(answers["every state"][0]["data"]) == len(OrderState)


def test_order_info_request_examples_of_the_spec(
    spec: dict[str, Any], exchange: MockExchange
) -> None:
    operation = spec["paths"]["/swap-api/v1/swap_order_info"]["post"]
    examples = operation["requestBody"]["content"]["application/json"]["examples"]
    with httpx.Client(base_url=exchange.url) as client:
        answers = {
            name: json.loads(
                order_info(
                    client, exchange.access_key, exchange.secret_key, example["value"]
                ).content
            )
            for name, example in examples.items()
        }
    # The page's own request example names no order: the exchange refuses it, as the spec says.
    assert answers["documented"]["err_code"] == 1051
    assert answers["by_order_ids"]["status"] == "ok"
