# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

SwapTriggerOpenordersOkStatus = Literal["ok"]

SWAP_TRIGGER_OPENORDERS_OK_STATUS_VALUES: set[SwapTriggerOpenordersOkStatus] = {
    "ok",
}


def check_swap_trigger_openorders_ok_status(
    value: str,
) -> SwapTriggerOpenordersOkStatus:
    if value in SWAP_TRIGGER_OPENORDERS_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SWAP_TRIGGER_OPENORDERS_OK_STATUS_VALUES!r}"
    )
