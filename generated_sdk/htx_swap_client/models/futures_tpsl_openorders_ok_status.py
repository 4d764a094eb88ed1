# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesTpslOpenordersOkStatus = Literal["ok"]

FUTURES_TPSL_OPENORDERS_OK_STATUS_VALUES: set[FuturesTpslOpenordersOkStatus] = {
    "ok",
}


def check_futures_tpsl_openorders_ok_status(
    value: str,
) -> FuturesTpslOpenordersOkStatus:
    if value in FUTURES_TPSL_OPENORDERS_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_TPSL_OPENORDERS_OK_STATUS_VALUES!r}"
    )
