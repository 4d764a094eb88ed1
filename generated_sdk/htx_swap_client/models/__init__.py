# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
"""Contains all the data models used in inputs/outputs.

Lazy: each model's module is imported the first time its name is used.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .futures_cancel_request import FuturesCancelRequest
    from .futures_cancelall_request import FuturesCancelallRequest
    from .futures_cancelall_request_contract_type import (
        FuturesCancelallRequestContractType,
    )
    from .futures_cancelall_request_direction import FuturesCancelallRequestDirection
    from .futures_cancelall_request_offset import FuturesCancelallRequestOffset
    from .futures_open_order import FuturesOpenOrder
    from .futures_openorders_data import FuturesOpenordersData
    from .futures_openorders_ok import FuturesOpenordersOk
    from .futures_openorders_ok_status import FuturesOpenordersOkStatus
    from .futures_openorders_request import FuturesOpenordersRequest
    from .futures_openorders_request_sort_by import FuturesOpenordersRequestSortBy
    from .futures_openorders_request_trade_type import FuturesOpenordersRequestTradeType
    from .futures_order_info import FuturesOrderInfo
    from .futures_order_info_ok import FuturesOrderInfoOk
    from .futures_order_info_ok_status import FuturesOrderInfoOkStatus
    from .futures_order_info_request import FuturesOrderInfoRequest
    from .futures_strategy_cancel_request import FuturesStrategyCancelRequest
    from .futures_strategy_openorders_request import FuturesStrategyOpenordersRequest
    from .futures_strategy_openorders_request_trade_type import (
        FuturesStrategyOpenordersRequestTradeType,
    )
    from .futures_tpsl_cancelall_request import FuturesTpslCancelallRequest
    from .futures_tpsl_cancelall_request_contract_type import (
        FuturesTpslCancelallRequestContractType,
    )
    from .futures_tpsl_cancelall_request_direction import (
        FuturesTpslCancelallRequestDirection,
    )
    from .futures_tpsl_open_order import FuturesTpslOpenOrder
    from .futures_tpsl_openorders_data import FuturesTpslOpenordersData
    from .futures_tpsl_openorders_ok import FuturesTpslOpenordersOk
    from .futures_tpsl_openorders_ok_status import FuturesTpslOpenordersOkStatus
    from .futures_tpsl_openorders_request import FuturesTpslOpenordersRequest
    from .futures_tpsl_openorders_request_trade_type import (
        FuturesTpslOpenordersRequestTradeType,
    )
    from .futures_track_open_order import FuturesTrackOpenOrder
    from .futures_track_openorders_data import FuturesTrackOpenordersData
    from .futures_track_openorders_ok import FuturesTrackOpenordersOk
    from .futures_track_openorders_ok_status import FuturesTrackOpenordersOkStatus
    from .futures_trigger_open_order import FuturesTriggerOpenOrder
    from .futures_trigger_openorders_data import FuturesTriggerOpenordersData
    from .futures_trigger_openorders_ok import FuturesTriggerOpenordersOk
    from .futures_trigger_openorders_ok_status import FuturesTriggerOpenordersOkStatus
    from .htx_code_error_response import HtxCodeErrorResponse
    from .htx_error_response import HtxErrorResponse
    from .htx_error_response_status import HtxErrorResponseStatus
    from .htx_gateway_error_response import HtxGatewayErrorResponse
    from .htx_gateway_error_response_status import HtxGatewayErrorResponseStatus
    from .htx_v5_error_response import HtxV5ErrorResponse
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
    from .swap_tpsl_openorders_request_trade_type import (
        SwapTpslOpenordersRequestTradeType,
    )
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
    from .usdt_algo_cancel_item import UsdtAlgoCancelItem
    from .usdt_algo_cancel_ok import UsdtAlgoCancelOk
    from .usdt_algo_cancel_ok_code import UsdtAlgoCancelOkCode
    from .usdt_algo_cancel_result import UsdtAlgoCancelResult
    from .usdt_algo_open_orders_direct import UsdtAlgoOpenOrdersDirect
    from .usdt_algo_open_orders_ok import UsdtAlgoOpenOrdersOk
    from .usdt_algo_open_orders_ok_code import UsdtAlgoOpenOrdersOkCode
    from .usdt_algo_open_orders_type import UsdtAlgoOpenOrdersType
    from .usdt_algo_order import UsdtAlgoOrder
    from .usdt_cancel_after_ok import UsdtCancelAfterOk
    from .usdt_cancel_after_ok_code import UsdtCancelAfterOkCode
    from .usdt_cancel_after_request import UsdtCancelAfterRequest
    from .usdt_cancel_after_request_on_off import UsdtCancelAfterRequestOnOff
    from .usdt_cancel_all_orders_request import UsdtCancelAllOrdersRequest
    from .usdt_cancel_all_orders_request_position_side import (
        UsdtCancelAllOrdersRequestPositionSide,
    )
    from .usdt_cancel_all_orders_request_side import UsdtCancelAllOrdersRequestSide
    from .usdt_cancel_batch_orders_request import UsdtCancelBatchOrdersRequest
    from .usdt_cancel_item import UsdtCancelItem
    from .usdt_cancel_items_ok import UsdtCancelItemsOk
    from .usdt_cancel_items_ok_code import UsdtCancelItemsOkCode
    from .usdt_cancel_order_data import UsdtCancelOrderData
    from .usdt_cancel_order_ok import UsdtCancelOrderOk
    from .usdt_cancel_order_ok_code import UsdtCancelOrderOkCode
    from .usdt_cancel_order_request import UsdtCancelOrderRequest
    from .usdt_open_orders_direct import UsdtOpenOrdersDirect
    from .usdt_open_orders_ok import UsdtOpenOrdersOk
    from .usdt_open_orders_ok_code import UsdtOpenOrdersOkCode
    from .usdt_order import UsdtOrder
    from .usdt_order_info_ok import UsdtOrderInfoOk
    from .usdt_order_info_ok_code import UsdtOrderInfoOkCode
    from .usdt_order_state import UsdtOrderState

_MODULE_OF: dict[str, str] = {
    "FuturesCancelRequest": ".futures_cancel_request",
    "FuturesCancelallRequest": ".futures_cancelall_request",
    "FuturesCancelallRequestContractType": ".futures_cancelall_request_contract_type",
    "FuturesCancelallRequestDirection": ".futures_cancelall_request_direction",
    "FuturesCancelallRequestOffset": ".futures_cancelall_request_offset",
    "FuturesOpenOrder": ".futures_open_order",
    "FuturesOpenordersData": ".futures_openorders_data",
    "FuturesOpenordersOk": ".futures_openorders_ok",
    "FuturesOpenordersOkStatus": ".futures_openorders_ok_status",
    "FuturesOpenordersRequest": ".futures_openorders_request",
    "FuturesOpenordersRequestSortBy": ".futures_openorders_request_sort_by",
    "FuturesOpenordersRequestTradeType": ".futures_openorders_request_trade_type",
    "FuturesOrderInfo": ".futures_order_info",
    "FuturesOrderInfoOk": ".futures_order_info_ok",
    "FuturesOrderInfoOkStatus": ".futures_order_info_ok_status",
    "FuturesOrderInfoRequest": ".futures_order_info_request",
    "FuturesStrategyCancelRequest": ".futures_strategy_cancel_request",
    "FuturesStrategyOpenordersRequest": ".futures_strategy_openorders_request",
    "FuturesStrategyOpenordersRequestTradeType": ".futures_strategy_openorders_request_trade_type",
    "FuturesTpslCancelallRequest": ".futures_tpsl_cancelall_request",
    "FuturesTpslCancelallRequestContractType": ".futures_tpsl_cancelall_request_contract_type",
    "FuturesTpslCancelallRequestDirection": ".futures_tpsl_cancelall_request_direction",
    "FuturesTpslOpenOrder": ".futures_tpsl_open_order",
    "FuturesTpslOpenordersData": ".futures_tpsl_openorders_data",
    "FuturesTpslOpenordersOk": ".futures_tpsl_openorders_ok",
    "FuturesTpslOpenordersOkStatus": ".futures_tpsl_openorders_ok_status",
    "FuturesTpslOpenordersRequest": ".futures_tpsl_openorders_request",
    "FuturesTpslOpenordersRequestTradeType": ".futures_tpsl_openorders_request_trade_type",
    "FuturesTrackOpenOrder": ".futures_track_open_order",
    "FuturesTrackOpenordersData": ".futures_track_openorders_data",
    "FuturesTrackOpenordersOk": ".futures_track_openorders_ok",
    "FuturesTrackOpenordersOkStatus": ".futures_track_openorders_ok_status",
    "FuturesTriggerOpenOrder": ".futures_trigger_open_order",
    "FuturesTriggerOpenordersData": ".futures_trigger_openorders_data",
    "FuturesTriggerOpenordersOk": ".futures_trigger_openorders_ok",
    "FuturesTriggerOpenordersOkStatus": ".futures_trigger_openorders_ok_status",
    "HtxCodeErrorResponse": ".htx_code_error_response",
    "HtxErrorResponse": ".htx_error_response",
    "HtxErrorResponseStatus": ".htx_error_response_status",
    "HtxGatewayErrorResponse": ".htx_gateway_error_response",
    "HtxGatewayErrorResponseStatus": ".htx_gateway_error_response_status",
    "HtxV5ErrorResponse": ".htx_v5_error_response",
    "SwapCancelAfterData": ".swap_cancel_after_data",
    "SwapCancelAfterOk": ".swap_cancel_after_ok",
    "SwapCancelAfterRequest": ".swap_cancel_after_request",
    "SwapCancelAfterRequestOnOff": ".swap_cancel_after_request_on_off",
    "SwapCancelData": ".swap_cancel_data",
    "SwapCancelOk": ".swap_cancel_ok",
    "SwapCancelOkStatus": ".swap_cancel_ok_status",
    "SwapCancelOrderError": ".swap_cancel_order_error",
    "SwapCancelRequest": ".swap_cancel_request",
    "SwapCancelallRequest": ".swap_cancelall_request",
    "SwapCancelallRequestDirection": ".swap_cancelall_request_direction",
    "SwapCancelallRequestOffset": ".swap_cancelall_request_offset",
    "SwapOpenOrder": ".swap_open_order",
    "SwapOpenordersData": ".swap_openorders_data",
    "SwapOpenordersOk": ".swap_openorders_ok",
    "SwapOpenordersOkStatus": ".swap_openorders_ok_status",
    "SwapOpenordersRequest": ".swap_openorders_request",
    "SwapOpenordersRequestSortBy": ".swap_openorders_request_sort_by",
    "SwapOpenordersRequestTradeType": ".swap_openorders_request_trade_type",
    "SwapOrderInfo": ".swap_order_info",
    "SwapOrderInfoOk": ".swap_order_info_ok",
    "SwapOrderInfoOkStatus": ".swap_order_info_ok_status",
    "SwapOrderInfoRequest": ".swap_order_info_request",
    "SwapStrategyCancelData": ".swap_strategy_cancel_data",
    "SwapStrategyCancelOk": ".swap_strategy_cancel_ok",
    "SwapStrategyCancelOkStatus": ".swap_strategy_cancel_ok_status",
    "SwapStrategyCancelOrderError": ".swap_strategy_cancel_order_error",
    "SwapStrategyCancelRequest": ".swap_strategy_cancel_request",
    "SwapStrategyOpenordersRequest": ".swap_strategy_openorders_request",
    "SwapStrategyOpenordersRequestTradeType": ".swap_strategy_openorders_request_trade_type",
    "SwapTpslCancelallRequest": ".swap_tpsl_cancelall_request",
    "SwapTpslCancelallRequestDirection": ".swap_tpsl_cancelall_request_direction",
    "SwapTpslOpenOrder": ".swap_tpsl_open_order",
    "SwapTpslOpenordersData": ".swap_tpsl_openorders_data",
    "SwapTpslOpenordersOk": ".swap_tpsl_openorders_ok",
    "SwapTpslOpenordersOkStatus": ".swap_tpsl_openorders_ok_status",
    "SwapTpslOpenordersRequest": ".swap_tpsl_openorders_request",
    "SwapTpslOpenordersRequestTradeType": ".swap_tpsl_openorders_request_trade_type",
    "SwapTrackOpenOrder": ".swap_track_open_order",
    "SwapTrackOpenordersData": ".swap_track_openorders_data",
    "SwapTrackOpenordersOk": ".swap_track_openorders_ok",
    "SwapTrackOpenordersOkStatus": ".swap_track_openorders_ok_status",
    "SwapTriggerOpenOrder": ".swap_trigger_open_order",
    "SwapTriggerOpenordersData": ".swap_trigger_openorders_data",
    "SwapTriggerOpenordersOk": ".swap_trigger_openorders_ok",
    "SwapTriggerOpenordersOkStatus": ".swap_trigger_openorders_ok_status",
    "TimestampResponse": ".timestamp_response",
    "TimestampResponseStatus": ".timestamp_response_status",
    "UsdtAlgoCancelItem": ".usdt_algo_cancel_item",
    "UsdtAlgoCancelOk": ".usdt_algo_cancel_ok",
    "UsdtAlgoCancelOkCode": ".usdt_algo_cancel_ok_code",
    "UsdtAlgoCancelResult": ".usdt_algo_cancel_result",
    "UsdtAlgoOpenOrdersDirect": ".usdt_algo_open_orders_direct",
    "UsdtAlgoOpenOrdersOk": ".usdt_algo_open_orders_ok",
    "UsdtAlgoOpenOrdersOkCode": ".usdt_algo_open_orders_ok_code",
    "UsdtAlgoOpenOrdersType": ".usdt_algo_open_orders_type",
    "UsdtAlgoOrder": ".usdt_algo_order",
    "UsdtCancelAfterOk": ".usdt_cancel_after_ok",
    "UsdtCancelAfterOkCode": ".usdt_cancel_after_ok_code",
    "UsdtCancelAfterRequest": ".usdt_cancel_after_request",
    "UsdtCancelAfterRequestOnOff": ".usdt_cancel_after_request_on_off",
    "UsdtCancelAllOrdersRequest": ".usdt_cancel_all_orders_request",
    "UsdtCancelAllOrdersRequestPositionSide": ".usdt_cancel_all_orders_request_position_side",
    "UsdtCancelAllOrdersRequestSide": ".usdt_cancel_all_orders_request_side",
    "UsdtCancelBatchOrdersRequest": ".usdt_cancel_batch_orders_request",
    "UsdtCancelItem": ".usdt_cancel_item",
    "UsdtCancelItemsOk": ".usdt_cancel_items_ok",
    "UsdtCancelItemsOkCode": ".usdt_cancel_items_ok_code",
    "UsdtCancelOrderData": ".usdt_cancel_order_data",
    "UsdtCancelOrderOk": ".usdt_cancel_order_ok",
    "UsdtCancelOrderOkCode": ".usdt_cancel_order_ok_code",
    "UsdtCancelOrderRequest": ".usdt_cancel_order_request",
    "UsdtOpenOrdersDirect": ".usdt_open_orders_direct",
    "UsdtOpenOrdersOk": ".usdt_open_orders_ok",
    "UsdtOpenOrdersOkCode": ".usdt_open_orders_ok_code",
    "UsdtOrder": ".usdt_order",
    "UsdtOrderInfoOk": ".usdt_order_info_ok",
    "UsdtOrderInfoOkCode": ".usdt_order_info_ok_code",
    "UsdtOrderState": ".usdt_order_state",
}

__all__ = (
    "FuturesCancelallRequest",
    "FuturesCancelallRequestContractType",
    "FuturesCancelallRequestDirection",
    "FuturesCancelallRequestOffset",
    "FuturesCancelRequest",
    "FuturesOpenOrder",
    "FuturesOpenordersData",
    "FuturesOpenordersOk",
    "FuturesOpenordersOkStatus",
    "FuturesOpenordersRequest",
    "FuturesOpenordersRequestSortBy",
    "FuturesOpenordersRequestTradeType",
    "FuturesOrderInfo",
    "FuturesOrderInfoOk",
    "FuturesOrderInfoOkStatus",
    "FuturesOrderInfoRequest",
    "FuturesStrategyCancelRequest",
    "FuturesStrategyOpenordersRequest",
    "FuturesStrategyOpenordersRequestTradeType",
    "FuturesTpslCancelallRequest",
    "FuturesTpslCancelallRequestContractType",
    "FuturesTpslCancelallRequestDirection",
    "FuturesTpslOpenOrder",
    "FuturesTpslOpenordersData",
    "FuturesTpslOpenordersOk",
    "FuturesTpslOpenordersOkStatus",
    "FuturesTpslOpenordersRequest",
    "FuturesTpslOpenordersRequestTradeType",
    "FuturesTrackOpenOrder",
    "FuturesTrackOpenordersData",
    "FuturesTrackOpenordersOk",
    "FuturesTrackOpenordersOkStatus",
    "FuturesTriggerOpenOrder",
    "FuturesTriggerOpenordersData",
    "FuturesTriggerOpenordersOk",
    "FuturesTriggerOpenordersOkStatus",
    "HtxCodeErrorResponse",
    "HtxErrorResponse",
    "HtxErrorResponseStatus",
    "HtxGatewayErrorResponse",
    "HtxGatewayErrorResponseStatus",
    "HtxV5ErrorResponse",
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
    "UsdtAlgoCancelItem",
    "UsdtAlgoCancelOk",
    "UsdtAlgoCancelOkCode",
    "UsdtAlgoCancelResult",
    "UsdtAlgoOpenOrdersDirect",
    "UsdtAlgoOpenOrdersOk",
    "UsdtAlgoOpenOrdersOkCode",
    "UsdtAlgoOpenOrdersType",
    "UsdtAlgoOrder",
    "UsdtCancelAfterOk",
    "UsdtCancelAfterOkCode",
    "UsdtCancelAfterRequest",
    "UsdtCancelAfterRequestOnOff",
    "UsdtCancelAllOrdersRequest",
    "UsdtCancelAllOrdersRequestPositionSide",
    "UsdtCancelAllOrdersRequestSide",
    "UsdtCancelBatchOrdersRequest",
    "UsdtCancelItem",
    "UsdtCancelItemsOk",
    "UsdtCancelItemsOkCode",
    "UsdtCancelOrderData",
    "UsdtCancelOrderOk",
    "UsdtCancelOrderOkCode",
    "UsdtCancelOrderRequest",
    "UsdtOpenOrdersDirect",
    "UsdtOpenOrdersOk",
    "UsdtOpenOrdersOkCode",
    "UsdtOrder",
    "UsdtOrderInfoOk",
    "UsdtOrderInfoOkCode",
    "UsdtOrderState",
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
