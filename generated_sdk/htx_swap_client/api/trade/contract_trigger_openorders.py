# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.futures_strategy_openorders_request import (
    FuturesStrategyOpenordersRequest,
)
from ...models.futures_trigger_openorders_ok import FuturesTriggerOpenordersOk
from ...models.htx_error_response import HtxErrorResponse
from ...models.htx_gateway_error_response import HtxGatewayErrorResponse
from ...types import Response

METHOD: str = "POST"
"""The HTTP method of this operation, upper case."""

PATH: str = "/api/v1/contract_trigger_openorders"
"""The path of this operation (relative to the server URL)."""


def request_kwargs(
    *,
    body: FuturesStrategyOpenordersRequest,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation (method, url,
    params, JSON body and headers), as the generated ``sync_detailed`` sends them."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/contract_trigger_openorders",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


_get_kwargs = request_kwargs


def parse_body(
    data: object,
) -> FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse:
    """The HTTP 200 answer's model, from its already-decoded JSON body (``data`` may hold
    ``decimal.Decimal`` and exact ``int`` values; they are kept as they are).

    Raises:
        TypeError, KeyError, ValueError or AttributeError: when the body matches none of the
            answer's shapes.
    """

    def _parse_response_200(
        data: object,
    ) -> FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse:
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_futures_trigger_openorders_response_type_0 = (
                FuturesTriggerOpenordersOk.from_dict(data)
            )

            return componentsschemas_futures_trigger_openorders_response_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_futures_trigger_openorders_response_type_1 = (
                HtxErrorResponse.from_dict(data)
            )

            return componentsschemas_futures_trigger_openorders_response_type_1
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        if not isinstance(data, dict):
            raise TypeError()
        componentsschemas_futures_trigger_openorders_response_type_2 = (
            HtxGatewayErrorResponse.from_dict(data)
        )

        return componentsschemas_futures_trigger_openorders_response_type_2

    response_200 = _parse_response_200(data)

    return response_200


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse | None:
    if response.status_code == 200:
        return parse_body(response.json())
    if response.status_code == 429:

        def _parse_response_429(
            data: object,
        ) -> HtxErrorResponse | HtxGatewayErrorResponse:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_htx_rate_limited_response_type_0 = (
                    HtxErrorResponse.from_dict(data)
                )

                return componentsschemas_htx_rate_limited_response_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_htx_rate_limited_response_type_1 = (
                HtxGatewayErrorResponse.from_dict(data)
            )

            return componentsschemas_htx_rate_limited_response_type_1

        response_429 = _parse_response_429(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FuturesStrategyOpenordersRequest,
) -> Response[FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse]:
    """Query Trigger Order Open Orders

     One page of the open trigger orders of one symbol (`symbol` is required here, unlike
    contract_openorders), optionally of one contract code.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - Only the fields that identify and judge an order are required.

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Read. Rate limit: the futures read bucket
    (36 requests per 3 s per UID, apart from the swaps' buckets).

    Args:
        body (FuturesStrategyOpenordersRequest): Which page of open trigger or trailing orders of
            one symbol (optionally one contract code) to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: FuturesStrategyOpenordersRequest,
) -> FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse | None:
    """Query Trigger Order Open Orders

     One page of the open trigger orders of one symbol (`symbol` is required here, unlike
    contract_openorders), optionally of one contract code.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - Only the fields that identify and judge an order are required.

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Read. Rate limit: the futures read bucket
    (36 requests per 3 s per UID, apart from the swaps' buckets).

    Args:
        body (FuturesStrategyOpenordersRequest): Which page of open trigger or trailing orders of
            one symbol (optionally one contract code) to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FuturesStrategyOpenordersRequest,
) -> Response[FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse]:
    """Query Trigger Order Open Orders

     One page of the open trigger orders of one symbol (`symbol` is required here, unlike
    contract_openorders), optionally of one contract code.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - Only the fields that identify and judge an order are required.

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Read. Rate limit: the futures read bucket
    (36 requests per 3 s per UID, apart from the swaps' buckets).

    Args:
        body (FuturesStrategyOpenordersRequest): Which page of open trigger or trailing orders of
            one symbol (optionally one contract code) to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FuturesStrategyOpenordersRequest,
) -> FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse | None:
    """Query Trigger Order Open Orders

     One page of the open trigger orders of one symbol (`symbol` is required here, unlike
    contract_openorders), optionally of one contract code.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - Only the fields that identify and judge an order are required.

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Read. Rate limit: the futures read bucket
    (36 requests per 3 s per UID, apart from the swaps' buckets).

    Args:
        body (FuturesStrategyOpenordersRequest): Which page of open trigger or trailing orders of
            one symbol (optionally one contract code) to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        FuturesTriggerOpenordersOk | HtxErrorResponse | HtxGatewayErrorResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
