# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapCancelAfterRequestOnOff = Literal[0, 1]

SWAP_CANCEL_AFTER_REQUEST_ON_OFF_VALUES: set[SwapCancelAfterRequestOnOff] = {
    0,
    1,
}


def check_swap_cancel_after_request_on_off(value: int) -> SwapCancelAfterRequestOnOff:
    if value in SWAP_CANCEL_AFTER_REQUEST_ON_OFF_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_CANCEL_AFTER_REQUEST_ON_OFF_VALUES!r}"
    )
