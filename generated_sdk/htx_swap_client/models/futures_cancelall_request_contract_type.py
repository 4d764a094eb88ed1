# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesCancelallRequestContractType = Literal[
    "next_quarter", "next_week", "quarter", "this_week"
]

FUTURES_CANCELALL_REQUEST_CONTRACT_TYPE_VALUES: set[
    FuturesCancelallRequestContractType
] = {
    "next_quarter",
    "next_week",
    "quarter",
    "this_week",
}


def check_futures_cancelall_request_contract_type(
    value: str,
) -> FuturesCancelallRequestContractType:
    if value in FUTURES_CANCELALL_REQUEST_CONTRACT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_CANCELALL_REQUEST_CONTRACT_TYPE_VALUES!r}"
    )
