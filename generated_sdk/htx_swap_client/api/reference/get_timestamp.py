# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.timestamp_response import TimestampResponse
from ...types import Response

METHOD: str = "GET"
"""The HTTP method of this operation, upper case."""

PATH: str = "/api/v1/timestamp"
"""The path of this operation (relative to the server URL)."""


def request_kwargs() -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation (method, url,
    params, JSON body and headers), as the generated ``sync_detailed`` sends them."""

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/timestamp",
    }

    return _kwargs


_get_kwargs = request_kwargs


def parse_body(data: object) -> TimestampResponse:
    """The HTTP 200 answer's model, from its already-decoded JSON body (``data`` may hold
    ``decimal.Decimal`` and exact ``int`` values; they are kept as they are).

    Raises:
        TypeError, KeyError, ValueError or AttributeError: when the body matches none of the
            answer's shapes.
    """
    if not isinstance(data, dict):
        raise TypeError(f"expected a JSON object, got {type(data).__name__}")
    response_200 = TimestampResponse.from_dict(data)

    return response_200


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> TimestampResponse | None:
    if response.status_code == 200:
        return parse_body(response.json())
    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[TimestampResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[TimestampResponse]:
    """Get current system timestamp

     The server's clock in milliseconds. Public, not signed. The SDK reads it to correct
    the signer's clock, since signed requests more than about five minutes off the
    server's clock are refused (err_code 1003 / 12001).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TimestampResponse]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> TimestampResponse | None:
    """Get current system timestamp

     The server's clock in milliseconds. Public, not signed. The SDK reads it to correct
    the signer's clock, since signed requests more than about five minutes off the
    server's clock are refused (err_code 1003 / 12001).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TimestampResponse
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[TimestampResponse]:
    """Get current system timestamp

     The server's clock in milliseconds. Public, not signed. The SDK reads it to correct
    the signer's clock, since signed requests more than about five minutes off the
    server's clock are refused (err_code 1003 / 12001).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TimestampResponse]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> TimestampResponse | None:
    """Get current system timestamp

     The server's clock in milliseconds. Public, not signed. The SDK reads it to correct
    the signer's clock, since signed requests more than about five minutes off the
    server's clock are refused (err_code 1003 / 12001).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TimestampResponse
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
