"""The page's examples, and every spec example, through the generated attrs models and back."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from htx_swap_client import Client
from htx_swap_client.api.trade import swap_cancel
from htx_swap_client.models import (
    HtxErrorResponse,
    HtxGatewayErrorResponse,
    SwapCancelData,
    SwapCancelOk,
    SwapCancelRequest,
)

from tests.contract import checks
from tests.contract.checks import RESPONSE_MEDIA
from tests.contract.htx_doc import DocPage

TWO_POW_53 = 2**53
EXPECTED_MODEL = {
    "documented": SwapCancelOk,
    "nothing_cancelled": SwapCancelOk,
    "business_error": HtxErrorResponse,
    "gateway_error": HtxGatewayErrorResponse,
}


def _media(spec: dict[str, Any], where: str) -> dict[str, Any]:
    op = spec["paths"]["/swap-api/v1/swap_cancel"]["post"]
    if where == "request":
        media: dict[str, Any] = op["requestBody"]["content"]["application/json"]
    else:
        media = op["responses"]["200"]["content"][checks.RESPONSE_MEDIA]
    return media


def _parse(body: str) -> SwapCancelOk | HtxErrorResponse | HtxGatewayErrorResponse | None:
    """Through the generated public codec, and through the generated client's own path (an
    answer labelled text/plain, as HTX sends it): both must give the same model."""
    public = swap_cancel.parse_body(json.loads(body))

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body.encode(), headers={"Content-Type": RESPONSE_MEDIA})

    client = Client(
        base_url="https://api.hbdm.com", httpx_args={"transport": httpx.MockTransport(answer)}
    )
    body_model = swap_cancel.sync(
        client=client, body=SwapCancelRequest(contract_code="BTC-USD", order_id="1")
    )
    assert body_model == public
    return public


def test_request_example_round_trips(cancel_page: DocPage) -> None:
    example = cancel_page.examples["Request example"]
    model = SwapCancelRequest.from_dict(example)
    assert model.to_dict() == example
    assert model.order_id == "123456"


def test_success_example_round_trips_with_exact_ids(
    cancel_page: DocPage, cancel_page_text: str
) -> None:
    example = cancel_page.examples["Success Example"]
    parsed = _parse(json.dumps(example))
    assert isinstance(parsed, SwapCancelOk)
    assert parsed.to_dict() == example
    data = parsed.data
    assert isinstance(data, SwapCancelData)
    assert isinstance(data.errors, list)
    ids = [error.order_id for error in data.errors] + [data.successes]
    assert len(ids) == 2
    for order_id in ids:
        assert isinstance(order_id, str)  # a string end to end: no float can touch it
        assert int(order_id) > TWO_POW_53
        assert f'"{order_id}"' in cancel_page_text  # exactly the digits the page prints


@pytest.mark.parametrize("name", sorted(EXPECTED_MODEL))
def test_spec_response_examples_parse_into_their_model(spec: dict[str, Any], name: str) -> None:
    example = _media(spec, "response")["examples"][name]["value"]
    parsed = _parse(json.dumps(example))
    assert type(parsed) is EXPECTED_MODEL[name]
    assert parsed is not None
    assert parsed.to_dict() == example


def test_every_response_example_has_a_model_expectation(spec: dict[str, Any]) -> None:
    assert set(_media(spec, "response")["examples"]) == set(EXPECTED_MODEL)


@pytest.mark.parametrize("name", ["documented", "by_order_ids"])
def test_spec_request_examples_round_trip(spec: dict[str, Any], name: str) -> None:
    example = _media(spec, "request")["examples"][name]["value"]
    assert SwapCancelRequest.from_dict(example).to_dict() == example
