# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtAlgoOpenOrdersType = Literal["sl", "tp", "tpsl", "trailing_stop", "trigger"]

USDT_ALGO_OPEN_ORDERS_TYPE_VALUES: set[UsdtAlgoOpenOrdersType] = {
    "sl",
    "tp",
    "tpsl",
    "trailing_stop",
    "trigger",
}


def check_usdt_algo_open_orders_type(value: str) -> UsdtAlgoOpenOrdersType:
    if value in USDT_ALGO_OPEN_ORDERS_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_ALGO_OPEN_ORDERS_TYPE_VALUES!r}"
    )
