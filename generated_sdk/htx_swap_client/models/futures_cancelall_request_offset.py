# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesCancelallRequestOffset = Literal["close", "open"]

FUTURES_CANCELALL_REQUEST_OFFSET_VALUES: set[FuturesCancelallRequestOffset] = {
    "close",
    "open",
}


def check_futures_cancelall_request_offset(value: str) -> FuturesCancelallRequestOffset:
    if value in FUTURES_CANCELALL_REQUEST_OFFSET_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_CANCELALL_REQUEST_OFFSET_VALUES!r}"
    )
