# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesOpenordersOkStatus = Literal["ok"]

FUTURES_OPENORDERS_OK_STATUS_VALUES: set[FuturesOpenordersOkStatus] = {
    "ok",
}


def check_futures_openorders_ok_status(value: str) -> FuturesOpenordersOkStatus:
    if value in FUTURES_OPENORDERS_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_OPENORDERS_OK_STATUS_VALUES!r}"
    )
