# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapTpslOpenordersRequestTradeType = Literal[0, 3, 4]

SWAP_TPSL_OPENORDERS_REQUEST_TRADE_TYPE_VALUES: set[
    SwapTpslOpenordersRequestTradeType
] = {
    0,
    3,
    4,
}


def check_swap_tpsl_openorders_request_trade_type(
    value: int,
) -> SwapTpslOpenordersRequestTradeType:
    if value in SWAP_TPSL_OPENORDERS_REQUEST_TRADE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_TPSL_OPENORDERS_REQUEST_TRADE_TYPE_VALUES!r}"
    )
