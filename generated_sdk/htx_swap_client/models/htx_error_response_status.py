# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

HtxErrorResponseStatus = Literal["error"]

HTX_ERROR_RESPONSE_STATUS_VALUES: set[HtxErrorResponseStatus] = {
    "error",
}


def check_htx_error_response_status(value: str) -> HtxErrorResponseStatus:
    if value in HTX_ERROR_RESPONSE_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HTX_ERROR_RESPONSE_STATUS_VALUES!r}"
    )
