# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtCancelItemsOkCode = Literal[200]

USDT_CANCEL_ITEMS_OK_CODE_VALUES: set[UsdtCancelItemsOkCode] = {
    200,
}


def check_usdt_cancel_items_ok_code(value: int) -> UsdtCancelItemsOkCode:
    if value in USDT_CANCEL_ITEMS_OK_CODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_CANCEL_ITEMS_OK_CODE_VALUES!r}"
    )
