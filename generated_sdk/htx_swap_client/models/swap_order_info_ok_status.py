# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapOrderInfoOkStatus = Literal["ok"]

SWAP_ORDER_INFO_OK_STATUS_VALUES: set[SwapOrderInfoOkStatus] = {
    "ok",
}


def check_swap_order_info_ok_status(value: str) -> SwapOrderInfoOkStatus:
    if value in SWAP_ORDER_INFO_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_ORDER_INFO_OK_STATUS_VALUES!r}"
    )
