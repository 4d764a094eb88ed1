# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtCancelAllOrdersRequestPositionSide = Literal["both", "long", "short"]

USDT_CANCEL_ALL_ORDERS_REQUEST_POSITION_SIDE_VALUES: set[
    UsdtCancelAllOrdersRequestPositionSide
] = {
    "both",
    "long",
    "short",
}


def check_usdt_cancel_all_orders_request_position_side(
    value: str,
) -> UsdtCancelAllOrdersRequestPositionSide:
    if value in USDT_CANCEL_ALL_ORDERS_REQUEST_POSITION_SIDE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_CANCEL_ALL_ORDERS_REQUEST_POSITION_SIDE_VALUES!r}"
    )
