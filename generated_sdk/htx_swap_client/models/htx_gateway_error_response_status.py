# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

HtxGatewayErrorResponseStatus = Literal["error"]

HTX_GATEWAY_ERROR_RESPONSE_STATUS_VALUES: set[HtxGatewayErrorResponseStatus] = {
    "error",
}


def check_htx_gateway_error_response_status(
    value: str,
) -> HtxGatewayErrorResponseStatus:
    if value in HTX_GATEWAY_ERROR_RESPONSE_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {HTX_GATEWAY_ERROR_RESPONSE_STATUS_VALUES!r}"
    )
