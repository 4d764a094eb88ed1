# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

UsdtOrderState = Literal[
    "canceled", "filled", "new", "partially_canceled", "partially_filled", "rejected"
]

USDT_ORDER_STATE_VALUES: set[UsdtOrderState] = {
    "canceled",
    "filled",
    "new",
    "partially_canceled",
    "partially_filled",
    "rejected",
}


def check_usdt_order_state(value: str) -> UsdtOrderState:
    if value in USDT_ORDER_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {USDT_ORDER_STATE_VALUES!r}"
    )
