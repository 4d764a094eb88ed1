# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesOpenordersRequestTradeType = Literal[0, 1, 2, 3, 4]

FUTURES_OPENORDERS_REQUEST_TRADE_TYPE_VALUES: set[FuturesOpenordersRequestTradeType] = {
    0,
    1,
    2,
    3,
    4,
}


def check_futures_openorders_request_trade_type(
    value: int,
) -> FuturesOpenordersRequestTradeType:
    if value in FUTURES_OPENORDERS_REQUEST_TRADE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_OPENORDERS_REQUEST_TRADE_TYPE_VALUES!r}"
    )
