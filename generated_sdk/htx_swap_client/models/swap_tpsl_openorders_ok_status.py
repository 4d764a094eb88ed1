# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapTpslOpenordersOkStatus = Literal["ok"]

SWAP_TPSL_OPENORDERS_OK_STATUS_VALUES: set[SwapTpslOpenordersOkStatus] = {
    "ok",
}


def check_swap_tpsl_openorders_ok_status(value: str) -> SwapTpslOpenordersOkStatus:
    if value in SWAP_TPSL_OPENORDERS_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_TPSL_OPENORDERS_OK_STATUS_VALUES!r}"
    )
