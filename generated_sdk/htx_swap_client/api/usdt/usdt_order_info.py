# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.htx_error_response import HtxErrorResponse
from ...models.htx_gateway_error_response import HtxGatewayErrorResponse
from ...models.htx_v5_error_response import HtxV5ErrorResponse
from ...models.usdt_order_info_ok import UsdtOrderInfoOk
from ...types import UNSET, Response, Unset

METHOD: str = "GET"
"""The HTTP method of this operation, upper case."""

PATH: str = "/v5/trade/order"
"""The path of this operation (relative to the server URL)."""


def request_kwargs(
    *,
    contract_code: str | Unset = UNSET,
    margin_mode: str | Unset = UNSET,
    order_id: str | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation (method, url,
    params, JSON body and headers), as the generated ``sync_detailed`` sends them."""

    params: dict[str, Any] = {}

    params["contract_code"] = contract_code

    params["margin_mode"] = margin_mode

    params["order_id"] = order_id

    params["client_order_id"] = client_order_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v5/trade/order",
        "params": params,
    }

    return _kwargs


_get_kwargs = request_kwargs


def parse_body(
    data: object,
) -> HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtOrderInfoOk:
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
        | UsdtOrderInfoOk
    ):
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_usdt_order_info_response_type_0 = (
                UsdtOrderInfoOk.from_dict(data)
            )

            return componentsschemas_usdt_order_info_response_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_usdt_order_info_response_type_1 = (
                HtxV5ErrorResponse.from_dict(data)
            )

            return componentsschemas_usdt_order_info_response_type_1
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_usdt_order_info_response_type_2 = (
                HtxErrorResponse.from_dict(data)
            )

            return componentsschemas_usdt_order_info_response_type_2
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        if not isinstance(data, dict):
            raise TypeError()
        componentsschemas_usdt_order_info_response_type_3 = (
            HtxGatewayErrorResponse.from_dict(data)
        )

        return componentsschemas_usdt_order_info_response_type_3

    response_200 = _parse_response_200(data)

    return response_200


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtOrderInfoOk
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
    HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtOrderInfoOk
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
    contract_code: str | Unset = UNSET,
    margin_mode: str | Unset = UNSET,
    order_id: str | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
) -> Response[
    HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtOrderInfoOk
]:
    """Get Order Info

     USDT-margined (v5): read one order by `order_id` or `client_order_id` ("Either
    order_id or client_order_id must be provided. If both are provided, order_id will
    take precedence").

    - A GET: the parameters are in the query, and the query is part of the signed text
      (sorted with the four auth parameters).
    - `state` is a word: new, partially_filled, filled, partially_canceled, canceled,
      rejected.
    - The page's example prints `order_id` as a JSON number rounded through JavaScript and
      has `message: null` and `success: true` but no `ts`; its table types `order_id`
      String. Only the fields that identify and judge an order are required.

    Signature verification: yes. Interface permission: Read. Rate limit: the USDT-M read
    bucket (72 requests per 3 s per UID).

    Args:
        contract_code (str | Unset): A USDT-margined contract code, exact: BASE-USDT for the
            perpetual or BASE-USDT-YYMMDD
            for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
        margin_mode (str | Unset):
        order_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so it
            stays exact).
        client_order_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so
            it stays exact).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtOrderInfoOk]
    """

    kwargs = _get_kwargs(
        contract_code=contract_code,
        margin_mode=margin_mode,
        order_id=order_id,
        client_order_id=client_order_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    contract_code: str | Unset = UNSET,
    margin_mode: str | Unset = UNSET,
    order_id: str | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
) -> (
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtOrderInfoOk
    | None
):
    """Get Order Info

     USDT-margined (v5): read one order by `order_id` or `client_order_id` ("Either
    order_id or client_order_id must be provided. If both are provided, order_id will
    take precedence").

    - A GET: the parameters are in the query, and the query is part of the signed text
      (sorted with the four auth parameters).
    - `state` is a word: new, partially_filled, filled, partially_canceled, canceled,
      rejected.
    - The page's example prints `order_id` as a JSON number rounded through JavaScript and
      has `message: null` and `success: true` but no `ts`; its table types `order_id`
      String. Only the fields that identify and judge an order are required.

    Signature verification: yes. Interface permission: Read. Rate limit: the USDT-M read
    bucket (72 requests per 3 s per UID).

    Args:
        contract_code (str | Unset): A USDT-margined contract code, exact: BASE-USDT for the
            perpetual or BASE-USDT-YYMMDD
            for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
        margin_mode (str | Unset):
        order_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so it
            stays exact).
        client_order_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so
            it stays exact).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtOrderInfoOk
    """

    return sync_detailed(
        client=client,
        contract_code=contract_code,
        margin_mode=margin_mode,
        order_id=order_id,
        client_order_id=client_order_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    contract_code: str | Unset = UNSET,
    margin_mode: str | Unset = UNSET,
    order_id: str | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
) -> Response[
    HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtOrderInfoOk
]:
    """Get Order Info

     USDT-margined (v5): read one order by `order_id` or `client_order_id` ("Either
    order_id or client_order_id must be provided. If both are provided, order_id will
    take precedence").

    - A GET: the parameters are in the query, and the query is part of the signed text
      (sorted with the four auth parameters).
    - `state` is a word: new, partially_filled, filled, partially_canceled, canceled,
      rejected.
    - The page's example prints `order_id` as a JSON number rounded through JavaScript and
      has `message: null` and `success: true` but no `ts`; its table types `order_id`
      String. Only the fields that identify and judge an order are required.

    Signature verification: yes. Interface permission: Read. Rate limit: the USDT-M read
    bucket (72 requests per 3 s per UID).

    Args:
        contract_code (str | Unset): A USDT-margined contract code, exact: BASE-USDT for the
            perpetual or BASE-USDT-YYMMDD
            for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
        margin_mode (str | Unset):
        order_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so it
            stays exact).
        client_order_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so
            it stays exact).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtOrderInfoOk]
    """

    kwargs = _get_kwargs(
        contract_code=contract_code,
        margin_mode=margin_mode,
        order_id=order_id,
        client_order_id=client_order_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    contract_code: str | Unset = UNSET,
    margin_mode: str | Unset = UNSET,
    order_id: str | Unset = UNSET,
    client_order_id: str | Unset = UNSET,
) -> (
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtOrderInfoOk
    | None
):
    """Get Order Info

     USDT-margined (v5): read one order by `order_id` or `client_order_id` ("Either
    order_id or client_order_id must be provided. If both are provided, order_id will
    take precedence").

    - A GET: the parameters are in the query, and the query is part of the signed text
      (sorted with the four auth parameters).
    - `state` is a word: new, partially_filled, filled, partially_canceled, canceled,
      rejected.
    - The page's example prints `order_id` as a JSON number rounded through JavaScript and
      has `message: null` and `success: true` but no `ts`; its table types `order_id`
      String. Only the fields that identify and judge an order are required.

    Signature verification: yes. Interface permission: Read. Rate limit: the USDT-M read
    bucket (72 requests per 3 s per UID).

    Args:
        contract_code (str | Unset): A USDT-margined contract code, exact: BASE-USDT for the
            perpetual or BASE-USDT-YYMMDD
            for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
        margin_mode (str | Unset):
        order_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so it
            stays exact).
        client_order_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so
            it stays exact).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtOrderInfoOk
    """

    return (
        await asyncio_detailed(
            client=client,
            contract_code=contract_code,
            margin_mode=margin_mode,
            order_id=order_id,
            client_order_id=client_order_id,
        )
    ).parsed
