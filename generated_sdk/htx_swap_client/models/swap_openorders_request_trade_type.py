# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapOpenordersRequestTradeType = Literal[0, 1, 2, 3, 4]

SWAP_OPENORDERS_REQUEST_TRADE_TYPE_VALUES: set[SwapOpenordersRequestTradeType] = {
    0,
    1,
    2,
    3,
    4,
}


def check_swap_openorders_request_trade_type(
    value: int,
) -> SwapOpenordersRequestTradeType:
    if value in SWAP_OPENORDERS_REQUEST_TRADE_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_OPENORDERS_REQUEST_TRADE_TYPE_VALUES!r}"
    )
