# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.htx_error_response import HtxErrorResponse
from ...models.htx_gateway_error_response import HtxGatewayErrorResponse
from ...models.swap_openorders_ok import SwapOpenordersOk
from ...models.swap_openorders_request import SwapOpenordersRequest
from ...types import Response

METHOD: str = "POST"
"""The HTTP method of this operation, upper case."""

PATH: str = "/swap-api/v1/swap_openorders"
"""The path of this operation (relative to the server URL)."""


def request_kwargs(
    *,
    body: SwapOpenordersRequest,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation (method, url,
    params, JSON body and headers), as the generated ``sync_detailed`` sends them."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/swap-api/v1/swap_openorders",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


_get_kwargs = request_kwargs


def parse_body(
    data: object,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk:
    """The HTTP 200 answer's model, from its already-decoded JSON body (``data`` may hold
    ``decimal.Decimal`` and exact ``int`` values; they are kept as they are).

    Raises:
        TypeError, KeyError, ValueError or AttributeError: when the body matches none of the
            answer's shapes.
    """

    def _parse_response_200(
        data: object,
    ) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk:
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_swap_openorders_response_type_0 = (
                SwapOpenordersOk.from_dict(data)
            )

            return componentsschemas_swap_openorders_response_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_swap_openorders_response_type_1 = (
                HtxErrorResponse.from_dict(data)
            )

            return componentsschemas_swap_openorders_response_type_1
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        if not isinstance(data, dict):
            raise TypeError()
        componentsschemas_swap_openorders_response_type_2 = (
            HtxGatewayErrorResponse.from_dict(data)
        )

        return componentsschemas_swap_openorders_response_type_2

    response_200 = _parse_response_200(data)

    return response_200


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk | None:
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
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SwapOpenordersRequest,
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk]:
    """Current unfilled order acquisition

     One page of the account's open (unfilled) limit orders, of one contract or, without
    `contract_code`, of every contract.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - `order_id` is a JSON number above 2^53 (the page prints it rounded); `order_id_str`
      carries the same id as a string. Prices and volumes are JSON numbers: decode them
      as decimals.
    - The page's table puts `canceled_source` and `self_match_prevent` beside `total_page`
      and omits `liquidation_type` and `canceled_at`, which its own example shows in each
      order: the spec keeps all four in the order. It also calls `data` a list; the
      example shows an object. The page's request example is a curl line of another
      endpoint.
    - Only the fields that identify and judge an order are required; a missing other
      field never breaks an answer.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Read. Rate limit: the shared read
    bucket (72 requests per 3 s per UID).

    Args:
        body (SwapOpenordersRequest): Which page of open orders to read; every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk]
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
    body: SwapOpenordersRequest,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk | None:
    """Current unfilled order acquisition

     One page of the account's open (unfilled) limit orders, of one contract or, without
    `contract_code`, of every contract.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - `order_id` is a JSON number above 2^53 (the page prints it rounded); `order_id_str`
      carries the same id as a string. Prices and volumes are JSON numbers: decode them
      as decimals.
    - The page's table puts `canceled_source` and `self_match_prevent` beside `total_page`
      and omits `liquidation_type` and `canceled_at`, which its own example shows in each
      order: the spec keeps all four in the order. It also calls `data` a list; the
      example shows an object. The page's request example is a curl line of another
      endpoint.
    - Only the fields that identify and judge an order are required; a missing other
      field never breaks an answer.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Read. Rate limit: the shared read
    bucket (72 requests per 3 s per UID).

    Args:
        body (SwapOpenordersRequest): Which page of open orders to read; every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SwapOpenordersRequest,
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk]:
    """Current unfilled order acquisition

     One page of the account's open (unfilled) limit orders, of one contract or, without
    `contract_code`, of every contract.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - `order_id` is a JSON number above 2^53 (the page prints it rounded); `order_id_str`
      carries the same id as a string. Prices and volumes are JSON numbers: decode them
      as decimals.
    - The page's table puts `canceled_source` and `self_match_prevent` beside `total_page`
      and omits `liquidation_type` and `canceled_at`, which its own example shows in each
      order: the spec keeps all four in the order. It also calls `data` a list; the
      example shows an object. The page's request example is a curl line of another
      endpoint.
    - Only the fields that identify and judge an order are required; a missing other
      field never breaks an answer.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Read. Rate limit: the shared read
    bucket (72 requests per 3 s per UID).

    Args:
        body (SwapOpenordersRequest): Which page of open orders to read; every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SwapOpenordersRequest,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk | None:
    """Current unfilled order acquisition

     One page of the account's open (unfilled) limit orders, of one contract or, without
    `contract_code`, of every contract.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - `order_id` is a JSON number above 2^53 (the page prints it rounded); `order_id_str`
      carries the same id as a string. Prices and volumes are JSON numbers: decode them
      as decimals.
    - The page's table puts `canceled_source` and `self_match_prevent` beside `total_page`
      and omits `liquidation_type` and `canceled_at`, which its own example shows in each
      order: the spec keeps all four in the order. It also calls `data` a list; the
      example shows an object. The page's request example is a curl line of another
      endpoint.
    - Only the fields that identify and judge an order are required; a missing other
      field never breaks an answer.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Read. Rate limit: the shared read
    bucket (72 requests per 3 s per UID).

    Args:
        body (SwapOpenordersRequest): Which page of open orders to read; every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | SwapOpenordersOk
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
