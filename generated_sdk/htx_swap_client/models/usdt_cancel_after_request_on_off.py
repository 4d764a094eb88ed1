# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtCancelAfterRequestOnOff = Literal["0", "1"]

USDT_CANCEL_AFTER_REQUEST_ON_OFF_VALUES: set[UsdtCancelAfterRequestOnOff] = {
    "0",
    "1",
}


def check_usdt_cancel_after_request_on_off(value: str) -> UsdtCancelAfterRequestOnOff:
    if value in USDT_CANCEL_AFTER_REQUEST_ON_OFF_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_CANCEL_AFTER_REQUEST_ON_OFF_VALUES!r}"
    )
