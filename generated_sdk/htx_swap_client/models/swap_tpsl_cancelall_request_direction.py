# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapTpslCancelallRequestDirection = Literal["buy", "sell"]

SWAP_TPSL_CANCELALL_REQUEST_DIRECTION_VALUES: set[SwapTpslCancelallRequestDirection] = {
    "buy",
    "sell",
}


def check_swap_tpsl_cancelall_request_direction(
    value: str,
) -> SwapTpslCancelallRequestDirection:
    if value in SWAP_TPSL_CANCELALL_REQUEST_DIRECTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_TPSL_CANCELALL_REQUEST_DIRECTION_VALUES!r}"
    )
