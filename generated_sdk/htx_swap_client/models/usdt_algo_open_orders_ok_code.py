# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtAlgoOpenOrdersOkCode = Literal[200]

USDT_ALGO_OPEN_ORDERS_OK_CODE_VALUES: set[UsdtAlgoOpenOrdersOkCode] = {
    200,
}


def check_usdt_algo_open_orders_ok_code(value: int) -> UsdtAlgoOpenOrdersOkCode:
    if value in USDT_ALGO_OPEN_ORDERS_OK_CODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_ALGO_OPEN_ORDERS_OK_CODE_VALUES!r}"
    )
