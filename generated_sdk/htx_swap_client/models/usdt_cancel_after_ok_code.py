# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtCancelAfterOkCode = Literal[200]

USDT_CANCEL_AFTER_OK_CODE_VALUES: set[UsdtCancelAfterOkCode] = {
    200,
}


def check_usdt_cancel_after_ok_code(value: int) -> UsdtCancelAfterOkCode:
    if value in USDT_CANCEL_AFTER_OK_CODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_CANCEL_AFTER_OK_CODE_VALUES!r}"
    )
