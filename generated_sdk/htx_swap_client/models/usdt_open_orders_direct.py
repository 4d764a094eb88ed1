# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtOpenOrdersDirect = Literal["next", "prev"]

USDT_OPEN_ORDERS_DIRECT_VALUES: set[UsdtOpenOrdersDirect] = {
    "next",
    "prev",
}


def check_usdt_open_orders_direct(value: str) -> UsdtOpenOrdersDirect:
    if value in USDT_OPEN_ORDERS_DIRECT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_OPEN_ORDERS_DIRECT_VALUES!r}"
    )
