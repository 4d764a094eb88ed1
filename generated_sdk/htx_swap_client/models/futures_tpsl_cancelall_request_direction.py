# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesTpslCancelallRequestDirection = Literal["buy", "sell"]

FUTURES_TPSL_CANCELALL_REQUEST_DIRECTION_VALUES: set[
    FuturesTpslCancelallRequestDirection
] = {
    "buy",
    "sell",
}


def check_futures_tpsl_cancelall_request_direction(
    value: str,
) -> FuturesTpslCancelallRequestDirection:
    if value in FUTURES_TPSL_CANCELALL_REQUEST_DIRECTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_TPSL_CANCELALL_REQUEST_DIRECTION_VALUES!r}"
    )
