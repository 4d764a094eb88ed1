# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapCancelallRequestOffset = Literal["close", "open"]

SWAP_CANCELALL_REQUEST_OFFSET_VALUES: set[SwapCancelallRequestOffset] = {
    "close",
    "open",
}


def check_swap_cancelall_request_offset(value: str) -> SwapCancelallRequestOffset:
    if value in SWAP_CANCELALL_REQUEST_OFFSET_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_CANCELALL_REQUEST_OFFSET_VALUES!r}"
    )
