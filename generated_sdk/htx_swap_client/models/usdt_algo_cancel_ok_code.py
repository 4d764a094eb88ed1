# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtAlgoCancelOkCode = Literal[200]

USDT_ALGO_CANCEL_OK_CODE_VALUES: set[UsdtAlgoCancelOkCode] = {
    200,
}


def check_usdt_algo_cancel_ok_code(value: int) -> UsdtAlgoCancelOkCode:
    if value in USDT_ALGO_CANCEL_OK_CODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_ALGO_CANCEL_OK_CODE_VALUES!r}"
    )
