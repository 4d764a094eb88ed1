# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.htx_code_error_response import HtxCodeErrorResponse
from ...models.htx_error_response import HtxErrorResponse
from ...models.htx_gateway_error_response import HtxGatewayErrorResponse
from ...models.swap_cancel_after_ok import SwapCancelAfterOk
from ...models.swap_cancel_after_request import SwapCancelAfterRequest
from ...types import Response

METHOD: str = "POST"
"""The HTTP method of this operation, upper case."""

PATH: str = "/api/v1/contract-cancel-after"
"""The path of this operation (relative to the server URL)."""


def request_kwargs(
    *,
    body: SwapCancelAfterRequest,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation (method, url,
    params, JSON body and headers), as the generated ``sync_detailed`` sends them."""
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/contract-cancel-after",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


_get_kwargs = request_kwargs


def parse_body(
    data: object,
) -> (
    HtxCodeErrorResponse
    | HtxErrorResponse
    | HtxGatewayErrorResponse
    | SwapCancelAfterOk
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
        HtxCodeErrorResponse
        | HtxErrorResponse
        | HtxGatewayErrorResponse
        | SwapCancelAfterOk
    ):
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_swap_cancel_after_response_type_0 = (
                SwapCancelAfterOk.from_dict(data)
            )

            return componentsschemas_swap_cancel_after_response_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_swap_cancel_after_response_type_1 = (
                HtxCodeErrorResponse.from_dict(data)
            )

            return componentsschemas_swap_cancel_after_response_type_1
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_swap_cancel_after_response_type_2 = (
                HtxErrorResponse.from_dict(data)
            )

            return componentsschemas_swap_cancel_after_response_type_2
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        if not isinstance(data, dict):
            raise TypeError()
        componentsschemas_swap_cancel_after_response_type_3 = (
            HtxGatewayErrorResponse.from_dict(data)
        )

        return componentsschemas_swap_cancel_after_response_type_3

    response_200 = _parse_response_200(data)

    return response_200


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    HtxCodeErrorResponse
    | HtxErrorResponse
    | HtxGatewayErrorResponse
    | SwapCancelAfterOk
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
    HtxCodeErrorResponse
    | HtxErrorResponse
    | HtxGatewayErrorResponse
    | SwapCancelAfterOk
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
    body: SwapCancelAfterRequest,
) -> Response[
    HtxCodeErrorResponse
    | HtxErrorResponse
    | HtxGatewayErrorResponse
    | SwapCancelAfterOk
]:
    """Automatic Order Cancellation

     A dead man's switch for the account's delivery futures: `on_off: 1` starts (or restarts) a
    countdown of `time_out` milliseconds; if it is not called again before the countdown ends,
    every pending futures order (opening and closing) is cancelled. `on_off: 0` turns it off.

    - `time_out` is at least 5000 ms and defaults to 5000 ms; HTX checks countdowns about every
      10 ms.
    - It answers the `{code, msg, ts, data}` envelope. The page marks every field optional and
      prints no example; the spec requires `code` and `data` of a success, as for
      swap_cancel_after (same request and answer schemas).
    - The page states no rate limit of its own; the spec counts it in the futures trade bucket.
    - The page marks every answer field optional; `code` and `data` are required here so that an
      error (`data: null`) never parses as a success.

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Trade. Rate limit: the futures trade
    bucket (36 requests per 3 s per UID, apart from the swaps' buckets).

    Args:
        body (SwapCancelAfterRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxCodeErrorResponse | HtxErrorResponse | HtxGatewayErrorResponse | SwapCancelAfterOk]
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
    body: SwapCancelAfterRequest,
) -> (
    HtxCodeErrorResponse
    | HtxErrorResponse
    | HtxGatewayErrorResponse
    | SwapCancelAfterOk
    | None
):
    """Automatic Order Cancellation

     A dead man's switch for the account's delivery futures: `on_off: 1` starts (or restarts) a
    countdown of `time_out` milliseconds; if it is not called again before the countdown ends,
    every pending futures order (opening and closing) is cancelled. `on_off: 0` turns it off.

    - `time_out` is at least 5000 ms and defaults to 5000 ms; HTX checks countdowns about every
      10 ms.
    - It answers the `{code, msg, ts, data}` envelope. The page marks every field optional and
      prints no example; the spec requires `code` and `data` of a success, as for
      swap_cancel_after (same request and answer schemas).
    - The page states no rate limit of its own; the spec counts it in the futures trade bucket.
    - The page marks every answer field optional; `code` and `data` are required here so that an
      error (`data: null`) never parses as a success.

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Trade. Rate limit: the futures trade
    bucket (36 requests per 3 s per UID, apart from the swaps' buckets).

    Args:
        body (SwapCancelAfterRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxCodeErrorResponse | HtxErrorResponse | HtxGatewayErrorResponse | SwapCancelAfterOk
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: SwapCancelAfterRequest,
) -> Response[
    HtxCodeErrorResponse
    | HtxErrorResponse
    | HtxGatewayErrorResponse
    | SwapCancelAfterOk
]:
    """Automatic Order Cancellation

     A dead man's switch for the account's delivery futures: `on_off: 1` starts (or restarts) a
    countdown of `time_out` milliseconds; if it is not called again before the countdown ends,
    every pending futures order (opening and closing) is cancelled. `on_off: 0` turns it off.

    - `time_out` is at least 5000 ms and defaults to 5000 ms; HTX checks countdowns about every
      10 ms.
    - It answers the `{code, msg, ts, data}` envelope. The page marks every field optional and
      prints no example; the spec requires `code` and `data` of a success, as for
      swap_cancel_after (same request and answer schemas).
    - The page states no rate limit of its own; the spec counts it in the futures trade bucket.
    - The page marks every answer field optional; `code` and `data` are required here so that an
      error (`data: null`) never parses as a success.

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Trade. Rate limit: the futures trade
    bucket (36 requests per 3 s per UID, apart from the swaps' buckets).

    Args:
        body (SwapCancelAfterRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxCodeErrorResponse | HtxErrorResponse | HtxGatewayErrorResponse | SwapCancelAfterOk]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: SwapCancelAfterRequest,
) -> (
    HtxCodeErrorResponse
    | HtxErrorResponse
    | HtxGatewayErrorResponse
    | SwapCancelAfterOk
    | None
):
    """Automatic Order Cancellation

     A dead man's switch for the account's delivery futures: `on_off: 1` starts (or restarts) a
    countdown of `time_out` milliseconds; if it is not called again before the countdown ends,
    every pending futures order (opening and closing) is cancelled. `on_off: 0` turns it off.

    - `time_out` is at least 5000 ms and defaults to 5000 ms; HTX checks countdowns about every
      10 ms.
    - It answers the `{code, msg, ts, data}` envelope. The page marks every field optional and
      prints no example; the spec requires `code` and `data` of a success, as for
      swap_cancel_after (same request and answer schemas).
    - The page states no rate limit of its own; the spec counts it in the futures trade bucket.
    - The page marks every answer field optional; `code` and `data` are required here so that an
      error (`data: null`) never parses as a success.

    It is a coin-margined delivery futures endpoint (`x-htx-product: futures`): its rate-limit
    buckets are apart from the swaps'.

    Signature verification: yes. Interface permission: Trade. Rate limit: the futures trade
    bucket (36 requests per 3 s per UID, apart from the swaps' buckets).

    Args:
        body (SwapCancelAfterRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxCodeErrorResponse | HtxErrorResponse | HtxGatewayErrorResponse | SwapCancelAfterOk
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
