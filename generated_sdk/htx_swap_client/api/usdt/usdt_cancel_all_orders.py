# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.htx_error_response import HtxErrorResponse
from ...models.htx_gateway_error_response import HtxGatewayErrorResponse
from ...models.htx_v5_error_response import HtxV5ErrorResponse
from ...models.usdt_cancel_all_orders_request import UsdtCancelAllOrdersRequest
from ...models.usdt_cancel_items_ok import UsdtCancelItemsOk
from ...types import Response

METHOD: str = "POST"
"""The HTTP method of this operation, upper case."""

PATH: str = "/v5/trade/cancel_all_orders"
"""The path of this operation (relative to the server URL)."""


def request_kwargs(
    *,
    body: UsdtCancelAllOrdersRequest,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation (method, url,
    params, JSON body and headers), as the generated ``sync_detailed`` sends them."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v5/trade/cancel_all_orders",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


_get_kwargs = request_kwargs


def parse_body(
    data: object,
) -> (
    HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtCancelItemsOk
):
    """The HTTP 200 answer's model, from its already-decoded JSON body (``data`` may hold
    ``decimal.Decimal`` and exact ``int`` values; they are kept as they are).

    Raises:
        TypeError, KeyError, ValueError or AttributeError: when the body matches none of the
            answer's shapes.
    """

    def _parse_response_200(
        data: object,
    ) -> (
        HtxErrorResponse
        | HtxGatewayErrorResponse
        | HtxV5ErrorResponse
        | UsdtCancelItemsOk
    ):
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_usdt_cancel_items_response_type_0 = (
                UsdtCancelItemsOk.from_dict(data)
            )

            return componentsschemas_usdt_cancel_items_response_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_usdt_cancel_items_response_type_1 = (
                HtxV5ErrorResponse.from_dict(data)
            )

            return componentsschemas_usdt_cancel_items_response_type_1
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_usdt_cancel_items_response_type_2 = (
                HtxErrorResponse.from_dict(data)
            )

            return componentsschemas_usdt_cancel_items_response_type_2
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        if not isinstance(data, dict):
            raise TypeError()
        componentsschemas_usdt_cancel_items_response_type_3 = (
            HtxGatewayErrorResponse.from_dict(data)
        )

        return componentsschemas_usdt_cancel_items_response_type_3

    response_200 = _parse_response_200(data)

    return response_200


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtCancelItemsOk
    | None
):
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
) -> Response[
    HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtCancelItemsOk
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UsdtCancelAllOrdersRequest,
) -> Response[
    HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtCancelItemsOk
]:
    """Cancel All

     USDT-margined (v5): cancel every open order, of one contract or (without
    `contract_code`) of all, optionally only one `side` and one `position_side` (`both` is
    one-way mode). The answer lists one item per order, as usdt_cancel_batch_orders.

    Signature verification: yes. Interface permission: Trade. Rate limit: the USDT-M trade
    bucket (72 requests per 3 s per UID).

    Args:
        body (UsdtCancelAllOrdersRequest): Which open orders to cancel; every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtCancelItemsOk]
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
    body: UsdtCancelAllOrdersRequest,
) -> (
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtCancelItemsOk
    | None
):
    """Cancel All

     USDT-margined (v5): cancel every open order, of one contract or (without
    `contract_code`) of all, optionally only one `side` and one `position_side` (`both` is
    one-way mode). The answer lists one item per order, as usdt_cancel_batch_orders.

    Signature verification: yes. Interface permission: Trade. Rate limit: the USDT-M trade
    bucket (72 requests per 3 s per UID).

    Args:
        body (UsdtCancelAllOrdersRequest): Which open orders to cancel; every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtCancelItemsOk
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: UsdtCancelAllOrdersRequest,
) -> Response[
    HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtCancelItemsOk
]:
    """Cancel All

     USDT-margined (v5): cancel every open order, of one contract or (without
    `contract_code`) of all, optionally only one `side` and one `position_side` (`both` is
    one-way mode). The answer lists one item per order, as usdt_cancel_batch_orders.

    Signature verification: yes. Interface permission: Trade. Rate limit: the USDT-M trade
    bucket (72 requests per 3 s per UID).

    Args:
        body (UsdtCancelAllOrdersRequest): Which open orders to cancel; every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtCancelItemsOk]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: UsdtCancelAllOrdersRequest,
) -> (
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtCancelItemsOk
    | None
):
    """Cancel All

     USDT-margined (v5): cancel every open order, of one contract or (without
    `contract_code`) of all, optionally only one `side` and one `position_side` (`both` is
    one-way mode). The answer lists one item per order, as usdt_cancel_batch_orders.

    Signature verification: yes. Interface permission: Trade. Rate limit: the USDT-M trade
    bucket (72 requests per 3 s per UID).

    Args:
        body (UsdtCancelAllOrdersRequest): Which open orders to cancel; every field is optional.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtCancelItemsOk
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
