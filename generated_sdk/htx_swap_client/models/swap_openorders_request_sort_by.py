# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapOpenordersRequestSortBy = Literal["created_at", "update_time"]

SWAP_OPENORDERS_REQUEST_SORT_BY_VALUES: set[SwapOpenordersRequestSortBy] = {
    "created_at",
    "update_time",
}


def check_swap_openorders_request_sort_by(value: str) -> SwapOpenordersRequestSortBy:
    if value in SWAP_OPENORDERS_REQUEST_SORT_BY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_OPENORDERS_REQUEST_SORT_BY_VALUES!r}"
    )
