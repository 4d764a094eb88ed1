# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesTpslOpenordersRequestTradeType = Literal[0, 3, 4]

FUTURES_TPSL_OPENORDERS_REQUEST_TRADE_TYPE_VALUES: set[
    FuturesTpslOpenordersRequestTradeType
] = {
    0,
    3,
    4,
}


def check_futures_tpsl_openorders_request_trade_type(
    value: int,
) -> FuturesTpslOpenordersRequestTradeType:
    if value in FUTURES_TPSL_OPENORDERS_REQUEST_TRADE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_TPSL_OPENORDERS_REQUEST_TRADE_TYPE_VALUES!r}"
    )
