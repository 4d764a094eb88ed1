# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesTrackOpenordersOkStatus = Literal["ok"]

FUTURES_TRACK_OPENORDERS_OK_STATUS_VALUES: set[FuturesTrackOpenordersOkStatus] = {
    "ok",
}


def check_futures_track_openorders_ok_status(
    value: str,
) -> FuturesTrackOpenordersOkStatus:
    if value in FUTURES_TRACK_OPENORDERS_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_TRACK_OPENORDERS_OK_STATUS_VALUES!r}"
    )
