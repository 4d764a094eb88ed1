# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapStrategyOpenordersRequestTradeType = Literal[0, 1, 2, 3, 4]

SWAP_STRATEGY_OPENORDERS_REQUEST_TRADE_TYPE_VALUES: set[
    SwapStrategyOpenordersRequestTradeType
] = {
    0,
    1,
    2,
    3,
    4,
}


def check_swap_strategy_openorders_request_trade_type(
    value: int,
) -> SwapStrategyOpenordersRequestTradeType:
    if value in SWAP_STRATEGY_OPENORDERS_REQUEST_TRADE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_STRATEGY_OPENORDERS_REQUEST_TRADE_TYPE_VALUES!r}"
    )
