# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.htx_error_response import HtxErrorResponse
from ...models.htx_gateway_error_response import HtxGatewayErrorResponse
from ...models.swap_order_info_ok import SwapOrderInfoOk
from ...models.swap_order_info_request import SwapOrderInfoRequest
from ...types import Response

METHOD: str = "POST"
"""The HTTP method of this operation, upper case."""

PATH: str = "/swap-api/v1/swap_order_info"
"""The path of this operation (relative to the server URL)."""


def request_kwargs(
    *,
    body: SwapOrderInfoRequest,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation (method, url,
    params, JSON body and headers), as the generated ``sync_detailed`` sends them."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/swap-api/v1/swap_order_info",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


_get_kwargs = request_kwargs


def parse_body(
    data: object,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk:
    """The HTTP 200 answer's model, from its already-decoded JSON body (``data`` may hold
    ``decimal.Decimal`` and exact ``int`` values; they are kept as they are).

    Raises:
        TypeError, KeyError, ValueError or AttributeError: when the body matches none of the
            answer's shapes.
    """

    def _parse_response_200(
        data: object,
    ) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk:
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_swap_order_info_response_type_0 = (
                SwapOrderInfoOk.from_dict(data)
            )

            return componentsschemas_swap_order_info_response_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_swap_order_info_response_type_1 = (
                HtxErrorResponse.from_dict(data)
            )

            return componentsschemas_swap_order_info_response_type_1
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        if not isinstance(data, dict):
            raise TypeError()
        componentsschemas_swap_order_info_response_type_2 = (
            HtxGatewayErrorResponse.from_dict(data)
        )

        return componentsschemas_swap_order_info_response_type_2

    response_200 = _parse_response_200(data)

    return response_200


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk | None:
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
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SwapOrderInfoRequest,
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk]:
    """Get Information of an Order

     Read up to 50 orders of one contract by exchange order id or by client order id. This
    is where the outcome of a cancel shows: swap_cancel only says the cancel was accepted.

    - Both `order_id` and `client_order_id` can be used; one of them is needed at a time. If
      both are set, the server uses `order_id`.
    - Information on cancelled orders can only be read for the last 2 hours; finished
      orders (status 5, 6, 7) are deleted after the funding-rate settlement at 04:00, 12:00
      and 20:00 (GMT+8). By `client_order_id`, only orders placed within 8 hours are found.
    - Orders the server does not find are simply absent from `data`.
    - `order_id` is a JSON number above 2^53: a JavaScript or float parser rounds it (the
      page's own example shows it rounded). `order_id_str` carries the same id as a string.
    - `status`: 1 and 2 ready to submit, 3 submitted, 4 partially filled, 5 partially filled
      then cancelled, 6 filled, 7 cancelled, 10 failed, 11 cancelling.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Read.

    Args:
        body (SwapOrderInfoRequest): Which orders to read. Send `order_id` or `client_order_id`
            (if both are sent, the server
            uses `order_id`). Ids are decimal strings so that 64-bit values stay exact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk]
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
    body: SwapOrderInfoRequest,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk | None:
    """Get Information of an Order

     Read up to 50 orders of one contract by exchange order id or by client order id. This
    is where the outcome of a cancel shows: swap_cancel only says the cancel was accepted.

    - Both `order_id` and `client_order_id` can be used; one of them is needed at a time. If
      both are set, the server uses `order_id`.
    - Information on cancelled orders can only be read for the last 2 hours; finished
      orders (status 5, 6, 7) are deleted after the funding-rate settlement at 04:00, 12:00
      and 20:00 (GMT+8). By `client_order_id`, only orders placed within 8 hours are found.
    - Orders the server does not find are simply absent from `data`.
    - `order_id` is a JSON number above 2^53: a JavaScript or float parser rounds it (the
      page's own example shows it rounded). `order_id_str` carries the same id as a string.
    - `status`: 1 and 2 ready to submit, 3 submitted, 4 partially filled, 5 partially filled
      then cancelled, 6 filled, 7 cancelled, 10 failed, 11 cancelling.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Read.

    Args:
        body (SwapOrderInfoRequest): Which orders to read. Send `order_id` or `client_order_id`
            (if both are sent, the server
            uses `order_id`). Ids are decimal strings so that 64-bit values stay exact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SwapOrderInfoRequest,
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk]:
    """Get Information of an Order

     Read up to 50 orders of one contract by exchange order id or by client order id. This
    is where the outcome of a cancel shows: swap_cancel only says the cancel was accepted.

    - Both `order_id` and `client_order_id` can be used; one of them is needed at a time. If
      both are set, the server uses `order_id`.
    - Information on cancelled orders can only be read for the last 2 hours; finished
      orders (status 5, 6, 7) are deleted after the funding-rate settlement at 04:00, 12:00
      and 20:00 (GMT+8). By `client_order_id`, only orders placed within 8 hours are found.
    - Orders the server does not find are simply absent from `data`.
    - `order_id` is a JSON number above 2^53: a JavaScript or float parser rounds it (the
      page's own example shows it rounded). `order_id_str` carries the same id as a string.
    - `status`: 1 and 2 ready to submit, 3 submitted, 4 partially filled, 5 partially filled
      then cancelled, 6 filled, 7 cancelled, 10 failed, 11 cancelling.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Read.

    Args:
        body (SwapOrderInfoRequest): Which orders to read. Send `order_id` or `client_order_id`
            (if both are sent, the server
            uses `order_id`). Ids are decimal strings so that 64-bit values stay exact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SwapOrderInfoRequest,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk | None:
    """Get Information of an Order

     Read up to 50 orders of one contract by exchange order id or by client order id. This
    is where the outcome of a cancel shows: swap_cancel only says the cancel was accepted.

    - Both `order_id` and `client_order_id` can be used; one of them is needed at a time. If
      both are set, the server uses `order_id`.
    - Information on cancelled orders can only be read for the last 2 hours; finished
      orders (status 5, 6, 7) are deleted after the funding-rate settlement at 04:00, 12:00
      and 20:00 (GMT+8). By `client_order_id`, only orders placed within 8 hours are found.
    - Orders the server does not find are simply absent from `data`.
    - `order_id` is a JSON number above 2^53: a JavaScript or float parser rounds it (the
      page's own example shows it rounded). `order_id_str` carries the same id as a string.
    - `status`: 1 and 2 ready to submit, 3 submitted, 4 partially filled, 5 partially filled
      then cancelled, 6 filled, 7 cancelled, 10 failed, 11 cancelling.
    - HTX's documentation page titles this endpoint "GET"; the method is POST.

    Signature verification: yes. Interface permission: Read.

    Args:
        body (SwapOrderInfoRequest): Which orders to read. Send `order_id` or `client_order_id`
            (if both are sent, the server
            uses `order_id`). Ids are decimal strings so that 64-bit values stay exact.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | SwapOrderInfoOk
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
