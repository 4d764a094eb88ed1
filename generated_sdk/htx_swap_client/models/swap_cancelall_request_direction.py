# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapCancelallRequestDirection = Literal["buy", "sell"]

SWAP_CANCELALL_REQUEST_DIRECTION_VALUES: set[SwapCancelallRequestDirection] = {
    "buy",
    "sell",
}


def check_swap_cancelall_request_direction(value: str) -> SwapCancelallRequestDirection:
    if value in SWAP_CANCELALL_REQUEST_DIRECTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_CANCELALL_REQUEST_DIRECTION_VALUES!r}"
    )
