# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapOpenordersOkStatus = Literal["ok"]

SWAP_OPENORDERS_OK_STATUS_VALUES: set[SwapOpenordersOkStatus] = {
    "ok",
}


def check_swap_openorders_ok_status(value: str) -> SwapOpenordersOkStatus:
    if value in SWAP_OPENORDERS_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_OPENORDERS_OK_STATUS_VALUES!r}"
    )
