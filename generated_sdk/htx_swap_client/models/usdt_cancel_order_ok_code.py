# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtCancelOrderOkCode = Literal[200]

USDT_CANCEL_ORDER_OK_CODE_VALUES: set[UsdtCancelOrderOkCode] = {
    200,
}


def check_usdt_cancel_order_ok_code(value: int) -> UsdtCancelOrderOkCode:
    if value in USDT_CANCEL_ORDER_OK_CODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_CANCEL_ORDER_OK_CODE_VALUES!r}"
    )
