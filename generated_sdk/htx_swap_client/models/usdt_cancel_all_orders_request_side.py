# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtCancelAllOrdersRequestSide = Literal["buy", "sell"]

USDT_CANCEL_ALL_ORDERS_REQUEST_SIDE_VALUES: set[UsdtCancelAllOrdersRequestSide] = {
    "buy",
    "sell",
}


def check_usdt_cancel_all_orders_request_side(
    value: str,
) -> UsdtCancelAllOrdersRequestSide:
    if value in USDT_CANCEL_ALL_ORDERS_REQUEST_SIDE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_CANCEL_ALL_ORDERS_REQUEST_SIDE_VALUES!r}"
    )
