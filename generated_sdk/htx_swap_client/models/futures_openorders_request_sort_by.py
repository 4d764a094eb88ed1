# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesOpenordersRequestSortBy = Literal["created_at", "update_time"]

FUTURES_OPENORDERS_REQUEST_SORT_BY_VALUES: set[FuturesOpenordersRequestSortBy] = {
    "created_at",
    "update_time",
}


def check_futures_openorders_request_sort_by(
    value: str,
) -> FuturesOpenordersRequestSortBy:
    if value in FUTURES_OPENORDERS_REQUEST_SORT_BY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_OPENORDERS_REQUEST_SORT_BY_VALUES!r}"
    )
