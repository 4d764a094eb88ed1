# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtOrderInfoOkCode = Literal[200]

USDT_ORDER_INFO_OK_CODE_VALUES: set[UsdtOrderInfoOkCode] = {
    200,
}


def check_usdt_order_info_ok_code(value: int) -> UsdtOrderInfoOkCode:
    if value in USDT_ORDER_INFO_OK_CODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_ORDER_INFO_OK_CODE_VALUES!r}"
    )
