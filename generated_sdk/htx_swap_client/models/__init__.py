# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
"""Contains all the data models used in inputs/outputs"""

from .htx_code_error_response import HtxCodeErrorResponse
from .htx_error_response import HtxErrorResponse
from .htx_error_response_status import HtxErrorResponseStatus
from .htx_gateway_error_response import HtxGatewayErrorResponse
from .htx_gateway_error_response_status import HtxGatewayErrorResponseStatus
from .swap_cancel_after_data import SwapCancelAfterData
from .swap_cancel_after_ok import SwapCancelAfterOk
from .swap_cancel_after_request import SwapCancelAfterRequest
from .swap_cancel_after_request_on_off import SwapCancelAfterRequestOnOff
from .swap_cancel_data import SwapCancelData
from .swap_cancel_ok import SwapCancelOk
from .swap_cancel_ok_status import SwapCancelOkStatus
from .swap_cancel_order_error import SwapCancelOrderError
from .swap_cancel_request import SwapCancelRequest
from .swap_cancelall_request import SwapCancelallRequest
from .swap_cancelall_request_direction import SwapCancelallRequestDirection
from .swap_cancelall_request_offset import SwapCancelallRequestOffset
from .swap_open_order import SwapOpenOrder
from .swap_openorders_data import SwapOpenordersData
from .swap_openorders_ok import SwapOpenordersOk
from .swap_openorders_ok_status import SwapOpenordersOkStatus
from .swap_openorders_request import SwapOpenordersRequest
from .swap_openorders_request_sort_by import SwapOpenordersRequestSortBy
from .swap_openorders_request_trade_type import SwapOpenordersRequestTradeType
from .swap_order_info import SwapOrderInfo
from .swap_order_info_ok import SwapOrderInfoOk
from .swap_order_info_ok_status import SwapOrderInfoOkStatus
from .swap_order_info_request import SwapOrderInfoRequest
from .swap_strategy_cancel_data import SwapStrategyCancelData
from .swap_strategy_cancel_ok import SwapStrategyCancelOk
from .swap_strategy_cancel_ok_status import SwapStrategyCancelOkStatus
from .swap_strategy_cancel_order_error import SwapStrategyCancelOrderError
from .swap_strategy_cancel_request import SwapStrategyCancelRequest
from .swap_strategy_openorders_request import SwapStrategyOpenordersRequest
from .swap_strategy_openorders_request_trade_type import (
    SwapStrategyOpenordersRequestTradeType,
)
from .swap_tpsl_cancelall_request import SwapTpslCancelallRequest
from .swap_tpsl_cancelall_request_direction import SwapTpslCancelallRequestDirection
from .swap_tpsl_open_order import SwapTpslOpenOrder
from .swap_tpsl_openorders_data import SwapTpslOpenordersData
from .swap_tpsl_openorders_ok import SwapTpslOpenordersOk
from .swap_tpsl_openorders_ok_status import SwapTpslOpenordersOkStatus
from .swap_tpsl_openorders_request import SwapTpslOpenordersRequest
from .swap_tpsl_openorders_request_trade_type import SwapTpslOpenordersRequestTradeType
from .swap_track_open_order import SwapTrackOpenOrder
from .swap_track_openorders_data import SwapTrackOpenordersData
from .swap_track_openorders_ok import SwapTrackOpenordersOk
from .swap_track_openorders_ok_status import SwapTrackOpenordersOkStatus
from .swap_trigger_open_order import SwapTriggerOpenOrder
from .swap_trigger_openorders_data import SwapTriggerOpenordersData
from .swap_trigger_openorders_ok import SwapTriggerOpenordersOk
from .swap_trigger_openorders_ok_status import SwapTriggerOpenordersOkStatus
from .timestamp_response import TimestampResponse
from .timestamp_response_status import TimestampResponseStatus

__all__ = (
    "HtxCodeErrorResponse",
    "HtxErrorResponse",
    "HtxErrorResponseStatus",
    "HtxGatewayErrorResponse",
    "HtxGatewayErrorResponseStatus",
    "SwapCancelAfterData",
    "SwapCancelAfterOk",
    "SwapCancelAfterRequest",
    "SwapCancelAfterRequestOnOff",
    "SwapCancelallRequest",
    "SwapCancelallRequestDirection",
    "SwapCancelallRequestOffset",
    "SwapCancelData",
    "SwapCancelOk",
    "SwapCancelOkStatus",
    "SwapCancelOrderError",
    "SwapCancelRequest",
    "SwapOpenOrder",
    "SwapOpenordersData",
    "SwapOpenordersOk",
    "SwapOpenordersOkStatus",
    "SwapOpenordersRequest",
    "SwapOpenordersRequestSortBy",
    "SwapOpenordersRequestTradeType",
    "SwapOrderInfo",
    "SwapOrderInfoOk",
    "SwapOrderInfoOkStatus",
    "SwapOrderInfoRequest",
    "SwapStrategyCancelData",
    "SwapStrategyCancelOk",
    "SwapStrategyCancelOkStatus",
    "SwapStrategyCancelOrderError",
    "SwapStrategyCancelRequest",
    "SwapStrategyOpenordersRequest",
    "SwapStrategyOpenordersRequestTradeType",
    "SwapTpslCancelallRequest",
    "SwapTpslCancelallRequestDirection",
    "SwapTpslOpenOrder",
    "SwapTpslOpenordersData",
    "SwapTpslOpenordersOk",
    "SwapTpslOpenordersOkStatus",
    "SwapTpslOpenordersRequest",
    "SwapTpslOpenordersRequestTradeType",
    "SwapTrackOpenOrder",
    "SwapTrackOpenordersData",
    "SwapTrackOpenordersOk",
    "SwapTrackOpenordersOkStatus",
    "SwapTriggerOpenOrder",
    "SwapTriggerOpenordersData",
    "SwapTriggerOpenordersOk",
    "SwapTriggerOpenordersOkStatus",
    "TimestampResponse",
    "TimestampResponseStatus",
)
