# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesStrategyOpenordersRequestTradeType = Literal[0, 1, 2, 3, 4]

FUTURES_STRATEGY_OPENORDERS_REQUEST_TRADE_TYPE_VALUES: set[
    FuturesStrategyOpenordersRequestTradeType
] = {
    0,
    1,
    2,
    3,
    4,
}


def check_futures_strategy_openorders_request_trade_type(
    value: int,
) -> FuturesStrategyOpenordersRequestTradeType:
    if value in FUTURES_STRATEGY_OPENORDERS_REQUEST_TRADE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_STRATEGY_OPENORDERS_REQUEST_TRADE_TYPE_VALUES!r}"
    )
