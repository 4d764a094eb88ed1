# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtAlgoOpenOrdersDirect = Literal["next", "prev"]

USDT_ALGO_OPEN_ORDERS_DIRECT_VALUES: set[UsdtAlgoOpenOrdersDirect] = {
    "next",
    "prev",
}


def check_usdt_algo_open_orders_direct(value: str) -> UsdtAlgoOpenOrdersDirect:
    if value in USDT_ALGO_OPEN_ORDERS_DIRECT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_ALGO_OPEN_ORDERS_DIRECT_VALUES!r}"
    )
