# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapCancelOkStatus = Literal["ok"]

SWAP_CANCEL_OK_STATUS_VALUES: set[SwapCancelOkStatus] = {
    "ok",
}


def check_swap_cancel_ok_status(value: str) -> SwapCancelOkStatus:
    if value in SWAP_CANCEL_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_CANCEL_OK_STATUS_VALUES!r}"
    )
