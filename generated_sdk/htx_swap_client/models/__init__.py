# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
"""Contains all the data models used in inputs/outputs"""

from .htx_error_response import HtxErrorResponse
from .htx_error_response_status import HtxErrorResponseStatus
from .htx_gateway_error_response import HtxGatewayErrorResponse
from .htx_gateway_error_response_status import HtxGatewayErrorResponseStatus
from .swap_cancel_data import SwapCancelData
from .swap_cancel_ok import SwapCancelOk
from .swap_cancel_ok_status import SwapCancelOkStatus
from .swap_cancel_order_error import SwapCancelOrderError
from .swap_cancel_request import SwapCancelRequest
from .swap_order_info import SwapOrderInfo
from .swap_order_info_ok import SwapOrderInfoOk
from .swap_order_info_ok_status import SwapOrderInfoOkStatus
from .swap_order_info_request import SwapOrderInfoRequest
from .timestamp_response import TimestampResponse
from .timestamp_response_status import TimestampResponseStatus

__all__ = (
    "HtxErrorResponse",
    "HtxErrorResponseStatus",
    "HtxGatewayErrorResponse",
    "HtxGatewayErrorResponseStatus",
    "SwapCancelData",
    "SwapCancelOk",
    "SwapCancelOkStatus",
    "SwapCancelOrderError",
    "SwapCancelRequest",
    "SwapOrderInfo",
    "SwapOrderInfoOk",
    "SwapOrderInfoOkStatus",
    "SwapOrderInfoRequest",
    "TimestampResponse",
    "TimestampResponseStatus",
)
