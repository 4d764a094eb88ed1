# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.htx_error_response import HtxErrorResponse
from ...models.htx_gateway_error_response import HtxGatewayErrorResponse
from ...models.swap_strategy_openorders_request import SwapStrategyOpenordersRequest
from ...models.swap_track_openorders_ok import SwapTrackOpenordersOk
from ...types import Response

METHOD: str = "POST"
"""The HTTP method of this operation, upper case."""

PATH: str = "/swap-api/v1/swap_track_openorders"
"""The path of this operation (relative to the server URL)."""


def request_kwargs(
    *,
    body: SwapStrategyOpenordersRequest,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation (method, url,
    params, JSON body and headers), as the generated ``sync_detailed`` sends them."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/swap-api/v1/swap_track_openorders",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


_get_kwargs = request_kwargs


def parse_body(
    data: object,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk:
    """The HTTP 200 answer's model, from its already-decoded JSON body (``data`` may hold
    ``decimal.Decimal`` and exact ``int`` values; they are kept as they are).

    Raises:
        TypeError, KeyError, ValueError or AttributeError: when the body matches none of the
            answer's shapes.
    """

    def _parse_response_200(
        data: object,
    ) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk:
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_swap_track_openorders_response_type_0 = (
                SwapTrackOpenordersOk.from_dict(data)
            )

            return componentsschemas_swap_track_openorders_response_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_swap_track_openorders_response_type_1 = (
                HtxErrorResponse.from_dict(data)
            )

            return componentsschemas_swap_track_openorders_response_type_1
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        if not isinstance(data, dict):
            raise TypeError()
        componentsschemas_swap_track_openorders_response_type_2 = (
            HtxGatewayErrorResponse.from_dict(data)
        )

        return componentsschemas_swap_track_openorders_response_type_2

    response_200 = _parse_response_200(data)

    return response_200


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk | None:
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
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SwapStrategyOpenordersRequest,
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk]:
    """Current unfilled trailing order acquisition

     One page of the open trailing orders of one contract.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - The page names a field "active price" (with a space); its example, and the spec,
      say `active_price`.
    - The page gives this read the permission Trade (the other open-order reads say Read);
      it is a read all the same and counts in the read bucket.
    - The page's request example belongs to another endpoint (placing a trailing order).
    - Only the fields that identify and judge an order are required.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Trade (per the page). Rate limit:
    the shared trade bucket (72 requests per 3 s per UID), as its permission says.

    Args:
        body (SwapStrategyOpenordersRequest): Which page of open trigger or trailing orders of one
            contract to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk]
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
    body: SwapStrategyOpenordersRequest,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk | None:
    """Current unfilled trailing order acquisition

     One page of the open trailing orders of one contract.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - The page names a field "active price" (with a space); its example, and the spec,
      say `active_price`.
    - The page gives this read the permission Trade (the other open-order reads say Read);
      it is a read all the same and counts in the read bucket.
    - The page's request example belongs to another endpoint (placing a trailing order).
    - Only the fields that identify and judge an order are required.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Trade (per the page). Rate limit:
    the shared trade bucket (72 requests per 3 s per UID), as its permission says.

    Args:
        body (SwapStrategyOpenordersRequest): Which page of open trigger or trailing orders of one
            contract to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SwapStrategyOpenordersRequest,
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk]:
    """Current unfilled trailing order acquisition

     One page of the open trailing orders of one contract.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - The page names a field "active price" (with a space); its example, and the spec,
      say `active_price`.
    - The page gives this read the permission Trade (the other open-order reads say Read);
      it is a read all the same and counts in the read bucket.
    - The page's request example belongs to another endpoint (placing a trailing order).
    - Only the fields that identify and judge an order are required.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Trade (per the page). Rate limit:
    the shared trade bucket (72 requests per 3 s per UID), as its permission says.

    Args:
        body (SwapStrategyOpenordersRequest): Which page of open trigger or trailing orders of one
            contract to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SwapStrategyOpenordersRequest,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk | None:
    """Current unfilled trailing order acquisition

     One page of the open trailing orders of one contract.

    - `page_size` is at most 50 (default 20); `page_index` starts at 1.
    - The page names a field "active price" (with a space); its example, and the spec,
      say `active_price`.
    - The page gives this read the permission Trade (the other open-order reads say Read);
      it is a read all the same and counts in the read bucket.
    - The page's request example belongs to another endpoint (placing a trailing order).
    - Only the fields that identify and judge an order are required.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Trade (per the page). Rate limit:
    the shared trade bucket (72 requests per 3 s per UID), as its permission says.

    Args:
        body (SwapStrategyOpenordersRequest): Which page of open trigger or trailing orders of one
            contract to read.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | SwapTrackOpenordersOk
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
