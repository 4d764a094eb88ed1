# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesTriggerOpenordersOkStatus = Literal["ok"]

FUTURES_TRIGGER_OPENORDERS_OK_STATUS_VALUES: set[FuturesTriggerOpenordersOkStatus] = {
    "ok",
}


def check_futures_trigger_openorders_ok_status(
    value: str,
) -> FuturesTriggerOpenordersOkStatus:
    if value in FUTURES_TRIGGER_OPENORDERS_OK_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_TRIGGER_OPENORDERS_OK_STATUS_VALUES!r}"
    )
