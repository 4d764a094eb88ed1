# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.htx_error_response import HtxErrorResponse
from ...models.htx_gateway_error_response import HtxGatewayErrorResponse
from ...models.htx_v5_error_response import HtxV5ErrorResponse
from ...models.usdt_algo_open_orders_direct import (
    UsdtAlgoOpenOrdersDirect,
)
from ...models.usdt_algo_open_orders_ok import UsdtAlgoOpenOrdersOk
from ...models.usdt_algo_open_orders_type import (
    UsdtAlgoOpenOrdersType,
)
from ...types import UNSET, Response, Unset

METHOD: str = "GET"
"""The HTTP method of this operation, upper case."""

PATH: str = "/v5/algo/order/opens"
"""The path of this operation (relative to the server URL)."""


def request_kwargs(
    *,
    type_: UsdtAlgoOpenOrdersType,
    contract_code: str | Unset = UNSET,
    algo_id: str | Unset = UNSET,
    algo_client_order_id: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    direct: UsdtAlgoOpenOrdersDirect | Unset = UNSET,
) -> dict[str, Any]:
    """The keyword arguments of ``httpx.Client.request`` for this operation (method, url,
    params, JSON body and headers), as the generated ``sync_detailed`` sends them."""

    params: dict[str, Any] = {}

    json_type_: str = type_
    params["type"] = json_type_

    params["contract_code"] = contract_code

    params["algo_id"] = algo_id

    params["algo_client_order_id"] = algo_client_order_id

    params["from"] = from_

    params["limit"] = limit

    json_direct: str | Unset = UNSET
    if not isinstance(direct, Unset):
        json_direct = direct

    params["direct"] = json_direct

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v5/algo/order/opens",
        "params": params,
    }

    return _kwargs


_get_kwargs = request_kwargs


def parse_body(
    data: object,
) -> (
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtAlgoOpenOrdersOk
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
        | UsdtAlgoOpenOrdersOk
    ):
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_usdt_algo_open_orders_response_type_0 = (
                UsdtAlgoOpenOrdersOk.from_dict(data)
            )

            return componentsschemas_usdt_algo_open_orders_response_type_0
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_usdt_algo_open_orders_response_type_1 = (
                HtxV5ErrorResponse.from_dict(data)
            )

            return componentsschemas_usdt_algo_open_orders_response_type_1
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        try:
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_usdt_algo_open_orders_response_type_2 = (
                HtxErrorResponse.from_dict(data)
            )

            return componentsschemas_usdt_algo_open_orders_response_type_2
        except (TypeError, ValueError, AttributeError, KeyError):
            pass
        if not isinstance(data, dict):
            raise TypeError()
        componentsschemas_usdt_algo_open_orders_response_type_3 = (
            HtxGatewayErrorResponse.from_dict(data)
        )

        return componentsschemas_usdt_algo_open_orders_response_type_3

    response_200 = _parse_response_200(data)

    return response_200


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtAlgoOpenOrdersOk
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
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtAlgoOpenOrdersOk
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
    type_: UsdtAlgoOpenOrdersType,
    contract_code: str | Unset = UNSET,
    algo_id: str | Unset = UNSET,
    algo_client_order_id: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    direct: UsdtAlgoOpenOrdersDirect | Unset = UNSET,
) -> Response[
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtAlgoOpenOrdersOk
]:
    """Get Current Algo Orders

     USDT-margined (v5): one page of open algo orders (trigger, TP/SL, trailing), with the
    same cursor as usdt_open_orders (`from`, `limit` at most 100, `direct`).

    - HTX publishes no page for this endpoint. `type` (required by the SDKs: trigger,
      trailing_stop, tpsl, sl, tp) follows ccxt 4.5.90 and gocryptotrader; HTX.Net calls
      it `algo_type`.
    - A GET: the parameters are in the query and signed.

    Signature verification: yes. Interface permission: Read. Rate limit: the USDT-M read
    bucket (72 requests per 3 s per UID).

    Args:
        type_ (UsdtAlgoOpenOrdersType):
        contract_code (str | Unset): A USDT-margined contract code, exact: BASE-USDT for the
            perpetual or BASE-USDT-YYMMDD
            for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
        algo_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so it stays
            exact).
        algo_client_order_id (str | Unset): One id, a positive 64-bit integer in decimal (a
            string, so it stays exact).
        from_ (str | Unset):
        limit (int | Unset):
        direct (UsdtAlgoOpenOrdersDirect | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtAlgoOpenOrdersOk]
    """

    kwargs = _get_kwargs(
        type_=type_,
        contract_code=contract_code,
        algo_id=algo_id,
        algo_client_order_id=algo_client_order_id,
        from_=from_,
        limit=limit,
        direct=direct,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    type_: UsdtAlgoOpenOrdersType,
    contract_code: str | Unset = UNSET,
    algo_id: str | Unset = UNSET,
    algo_client_order_id: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    direct: UsdtAlgoOpenOrdersDirect | Unset = UNSET,
) -> (
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtAlgoOpenOrdersOk
    | None
):
    """Get Current Algo Orders

     USDT-margined (v5): one page of open algo orders (trigger, TP/SL, trailing), with the
    same cursor as usdt_open_orders (`from`, `limit` at most 100, `direct`).

    - HTX publishes no page for this endpoint. `type` (required by the SDKs: trigger,
      trailing_stop, tpsl, sl, tp) follows ccxt 4.5.90 and gocryptotrader; HTX.Net calls
      it `algo_type`.
    - A GET: the parameters are in the query and signed.

    Signature verification: yes. Interface permission: Read. Rate limit: the USDT-M read
    bucket (72 requests per 3 s per UID).

    Args:
        type_ (UsdtAlgoOpenOrdersType):
        contract_code (str | Unset): A USDT-margined contract code, exact: BASE-USDT for the
            perpetual or BASE-USDT-YYMMDD
            for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
        algo_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so it stays
            exact).
        algo_client_order_id (str | Unset): One id, a positive 64-bit integer in decimal (a
            string, so it stays exact).
        from_ (str | Unset):
        limit (int | Unset):
        direct (UsdtAlgoOpenOrdersDirect | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtAlgoOpenOrdersOk
    """

    return sync_detailed(
        client=client,
        type_=type_,
        contract_code=contract_code,
        algo_id=algo_id,
        algo_client_order_id=algo_client_order_id,
        from_=from_,
        limit=limit,
        direct=direct,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    type_: UsdtAlgoOpenOrdersType,
    contract_code: str | Unset = UNSET,
    algo_id: str | Unset = UNSET,
    algo_client_order_id: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    direct: UsdtAlgoOpenOrdersDirect | Unset = UNSET,
) -> Response[
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtAlgoOpenOrdersOk
]:
    """Get Current Algo Orders

     USDT-margined (v5): one page of open algo orders (trigger, TP/SL, trailing), with the
    same cursor as usdt_open_orders (`from`, `limit` at most 100, `direct`).

    - HTX publishes no page for this endpoint. `type` (required by the SDKs: trigger,
      trailing_stop, tpsl, sl, tp) follows ccxt 4.5.90 and gocryptotrader; HTX.Net calls
      it `algo_type`.
    - A GET: the parameters are in the query and signed.

    Signature verification: yes. Interface permission: Read. Rate limit: the USDT-M read
    bucket (72 requests per 3 s per UID).

    Args:
        type_ (UsdtAlgoOpenOrdersType):
        contract_code (str | Unset): A USDT-margined contract code, exact: BASE-USDT for the
            perpetual or BASE-USDT-YYMMDD
            for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
        algo_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so it stays
            exact).
        algo_client_order_id (str | Unset): One id, a positive 64-bit integer in decimal (a
            string, so it stays exact).
        from_ (str | Unset):
        limit (int | Unset):
        direct (UsdtAlgoOpenOrdersDirect | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtAlgoOpenOrdersOk]
    """

    kwargs = _get_kwargs(
        type_=type_,
        contract_code=contract_code,
        algo_id=algo_id,
        algo_client_order_id=algo_client_order_id,
        from_=from_,
        limit=limit,
        direct=direct,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    type_: UsdtAlgoOpenOrdersType,
    contract_code: str | Unset = UNSET,
    algo_id: str | Unset = UNSET,
    algo_client_order_id: str | Unset = UNSET,
    from_: str | Unset = UNSET,
    limit: int | Unset = UNSET,
    direct: UsdtAlgoOpenOrdersDirect | Unset = UNSET,
) -> (
    HtxErrorResponse
    | HtxGatewayErrorResponse
    | HtxV5ErrorResponse
    | UsdtAlgoOpenOrdersOk
    | None
):
    """Get Current Algo Orders

     USDT-margined (v5): one page of open algo orders (trigger, TP/SL, trailing), with the
    same cursor as usdt_open_orders (`from`, `limit` at most 100, `direct`).

    - HTX publishes no page for this endpoint. `type` (required by the SDKs: trigger,
      trailing_stop, tpsl, sl, tp) follows ccxt 4.5.90 and gocryptotrader; HTX.Net calls
      it `algo_type`.
    - A GET: the parameters are in the query and signed.

    Signature verification: yes. Interface permission: Read. Rate limit: the USDT-M read
    bucket (72 requests per 3 s per UID).

    Args:
        type_ (UsdtAlgoOpenOrdersType):
        contract_code (str | Unset): A USDT-margined contract code, exact: BASE-USDT for the
            perpetual or BASE-USDT-YYMMDD
            for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
        algo_id (str | Unset): One id, a positive 64-bit integer in decimal (a string, so it stays
            exact).
        algo_client_order_id (str | Unset): One id, a positive 64-bit integer in decimal (a
            string, so it stays exact).
        from_ (str | Unset):
        limit (int | Unset):
        direct (UsdtAlgoOpenOrdersDirect | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HtxErrorResponse | HtxGatewayErrorResponse | HtxV5ErrorResponse | UsdtAlgoOpenOrdersOk
    """

    return (
        await asyncio_detailed(
            client=client,
            type_=type_,
            contract_code=contract_code,
            algo_id=algo_id,
            algo_client_order_id=algo_client_order_id,
            from_=from_,
            limit=limit,
            direct=direct,
        )
    ).parsed
