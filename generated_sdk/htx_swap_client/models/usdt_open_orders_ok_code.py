# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtOpenOrdersOkCode = Literal[200]

USDT_OPEN_ORDERS_OK_CODE_VALUES: set[UsdtOpenOrdersOkCode] = {
    200,
}


def check_usdt_open_orders_ok_code(value: int) -> UsdtOpenOrdersOkCode:
    if value in USDT_OPEN_ORDERS_OK_CODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_OPEN_ORDERS_OK_CODE_VALUES!r}"
    )
