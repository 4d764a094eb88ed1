# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesOrderInfoOkStatus = Literal["ok"]

FUTURES_ORDER_INFO_OK_STATUS_VALUES: set[FuturesOrderInfoOkStatus] = {
    "ok",
}


def check_futures_order_info_ok_status(value: str) -> FuturesOrderInfoOkStatus:
    if value in FUTURES_ORDER_INFO_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_ORDER_INFO_OK_STATUS_VALUES!r}"
    )
