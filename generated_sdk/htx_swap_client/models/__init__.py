# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
"""Contains all the data models used in inputs/outputs.

Lazy: each model's module is imported the first time its name is used.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_MODULE_OF: dict[str, str] = {
    "HtxErrorResponse": ".htx_error_response",
    "HtxErrorResponseStatus": ".htx_error_response_status",
    "HtxGatewayErrorResponse": ".htx_gateway_error_response",
    "HtxGatewayErrorResponseStatus": ".htx_gateway_error_response_status",
    "SwapCancelData": ".swap_cancel_data",
    "SwapCancelOk": ".swap_cancel_ok",
    "SwapCancelOkStatus": ".swap_cancel_ok_status",
    "SwapCancelOrderError": ".swap_cancel_order_error",
    "SwapCancelRequest": ".swap_cancel_request",
    "SwapOrderInfo": ".swap_order_info",
    "SwapOrderInfoOk": ".swap_order_info_ok",
    "SwapOrderInfoOkStatus": ".swap_order_info_ok_status",
    "SwapOrderInfoRequest": ".swap_order_info_request",
    "TimestampResponse": ".timestamp_response",
    "TimestampResponseStatus": ".timestamp_response_status",
}

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


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
