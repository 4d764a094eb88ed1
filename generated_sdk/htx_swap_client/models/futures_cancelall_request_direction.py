# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesCancelallRequestDirection = Literal["buy", "sell"]

FUTURES_CANCELALL_REQUEST_DIRECTION_VALUES: set[FuturesCancelallRequestDirection] = {
    "buy",
    "sell",
}


def check_futures_cancelall_request_direction(
    value: str,
) -> FuturesCancelallRequestDirection:
    if value in FUTURES_CANCELALL_REQUEST_DIRECTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_CANCELALL_REQUEST_DIRECTION_VALUES!r}"
    )
