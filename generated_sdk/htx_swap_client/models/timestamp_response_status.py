# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

TimestampResponseStatus = Literal["ok"]

TIMESTAMP_RESPONSE_STATUS_VALUES: set[TimestampResponseStatus] = {
    "ok",
}


def check_timestamp_response_status(value: str) -> TimestampResponseStatus:
    if value in TIMESTAMP_RESPONSE_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {TIMESTAMP_RESPONSE_STATUS_VALUES!r}"
    )
