# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapTrackOpenordersOkStatus = Literal["ok"]

SWAP_TRACK_OPENORDERS_OK_STATUS_VALUES: set[SwapTrackOpenordersOkStatus] = {
    "ok",
}


def check_swap_track_openorders_ok_status(value: str) -> SwapTrackOpenordersOkStatus:
    if value in SWAP_TRACK_OPENORDERS_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_TRACK_OPENORDERS_OK_STATUS_VALUES!r}"
    )
