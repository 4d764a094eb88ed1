# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapStrategyCancelOkStatus = Literal["ok"]

SWAP_STRATEGY_CANCEL_OK_STATUS_VALUES: set[SwapStrategyCancelOkStatus] = {
    "ok",
}


def check_swap_strategy_cancel_ok_status(value: str) -> SwapStrategyCancelOkStatus:
    if value in SWAP_STRATEGY_CANCEL_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_STRATEGY_CANCEL_OK_STATUS_VALUES!r}"
    )
