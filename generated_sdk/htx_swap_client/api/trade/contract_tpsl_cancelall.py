# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.futures_tpsl_cancelall_request import FuturesTpslCancelallRequest
from ...models.htx_error_response import HtxErrorResponse
from ...models.htx_gateway_error_response import HtxGatewayErrorResponse
from ...models.swap_strategy_cancel_ok import SwapStrategyCancelOk
from ...types import Response

METHOD: str = "POST"
"""The HTTP method of this operation, upper case."""

PATH: str = "/api/v1/contract_tpsl_cancelall"
"""The path of this operation (relative to the server URL)."""


def request_kwargs(
    *,
    body: FuturesTpslCancelallRequest,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation (method, url,
    params, JSON body and headers), as the generated ``sync_detailed`` sends them."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/contract_tpsl_cancelall",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


_get_kwargs = request_kwargs


def parse_body(
    data: object,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk:
    """The HTTP 200 answer's model, from its already-decoded JSON body (``data`` may hold
    ``decimal.Decimal`` and exact ``int`` values; they are kept as they are).

    Raises:
        TypeError, KeyError, ValueError or AttributeError: when the body matches none of the
            answer's shapes.
    """

    def _parse_response_200(
        data: object,
    ) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk:
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_swap_strategy_cancel_response_type_0 = (
                SwapStrategyCancelOk.from_dict(data)
            )

            return componentsschemas_swap_strategy_cancel_response_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_swap_strategy_cancel_response_type_1 = (
                HtxErrorResponse.from_dict(data)
            )

            return componentsschemas_swap_strategy_cancel_response_type_1
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        if not isinstance(data, dict):
            raise TypeError()
        componentsschemas_swap_strategy_cancel_response_type_2 = (
            HtxGatewayErrorResponse.from_dict(data)
        )

        return componentsschemas_swap_strategy_cancel_response_type_2

    response_200 = _parse_response_200(data)

    return response_200


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk | None:
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
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FuturesTpslCancelallRequest,
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk]:
    """Cancel all Take-profit and Stop-loss Orders

     Cancel every take-profit/stop-loss order of a symbol, of one contract code, or of one
    contract type of the symbol, optionally only one direction.

    - `symbol` is optional on this page (required on the other cancel-alls) and there is no
      `offset`.
    - The page types `data.errors` as an object ("dictionary"); its own example shows an array,
      as every other cancel answers: the spec follows the example (the swaps'
      SwapStrategyCancelResponse, `err_code`/`err_msg` optional as this page says).

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Trade. Rate limit: 5 requests per second,
    a bucket of its own (named after the operation).

    Args:
        body (FuturesTpslCancelallRequest): Which TP/SL orders to cancel: by symbol, by contract
            code, or by symbol and contract type; `symbol` is optional here and there is no offset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk]
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
    body: FuturesTpslCancelallRequest,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk | None:
    """Cancel all Take-profit and Stop-loss Orders

     Cancel every take-profit/stop-loss order of a symbol, of one contract code, or of one
    contract type of the symbol, optionally only one direction.

    - `symbol` is optional on this page (required on the other cancel-alls) and there is no
      `offset`.
    - The page types `data.errors` as an object ("dictionary"); its own example shows an array,
      as every other cancel answers: the spec follows the example (the swaps'
      SwapStrategyCancelResponse, `err_code`/`err_msg` optional as this page says).

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Trade. Rate limit: 5 requests per second,
    a bucket of its own (named after the operation).

    Args:
        body (FuturesTpslCancelallRequest): Which TP/SL orders to cancel: by symbol, by contract
            code, or by symbol and contract type; `symbol` is optional here and there is no offset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: FuturesTpslCancelallRequest,
) -> Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk]:
    """Cancel all Take-profit and Stop-loss Orders

     Cancel every take-profit/stop-loss order of a symbol, of one contract code, or of one
    contract type of the symbol, optionally only one direction.

    - `symbol` is optional on this page (required on the other cancel-alls) and there is no
      `offset`.
    - The page types `data.errors` as an object ("dictionary"); its own example shows an array,
      as every other cancel answers: the spec follows the example (the swaps'
      SwapStrategyCancelResponse, `err_code`/`err_msg` optional as this page says).

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Trade. Rate limit: 5 requests per second,
    a bucket of its own (named after the operation).

    Args:
        body (FuturesTpslCancelallRequest): Which TP/SL orders to cancel: by symbol, by contract
            code, or by symbol and contract type; `symbol` is optional here and there is no offset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: FuturesTpslCancelallRequest,
) -> HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk | None:
    """Cancel all Take-profit and Stop-loss Orders

     Cancel every take-profit/stop-loss order of a symbol, of one contract code, or of one
    contract type of the symbol, optionally only one direction.

    - `symbol` is optional on this page (required on the other cancel-alls) and there is no
      `offset`.
    - The page types `data.errors` as an object ("dictionary"); its own example shows an array,
      as every other cancel answers: the spec follows the example (the swaps'
      SwapStrategyCancelResponse, `err_code`/`err_msg` optional as this page says).

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Trade. Rate limit: 5 requests per second,
    a bucket of its own (named after the operation).

    Args:
        body (FuturesTpslCancelallRequest): Which TP/SL orders to cancel: by symbol, by contract
            code, or by symbol and contract type; `symbol` is optional here and there is no offset.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | SwapStrategyCancelOk
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
