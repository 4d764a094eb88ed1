# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from typing import Literal

FuturesTpslCancelallRequestContractType = Literal[
    "next_quarter", "next_week", "quarter", "this_week"
]

FUTURES_TPSL_CANCELALL_REQUEST_CONTRACT_TYPE_VALUES: set[
    FuturesTpslCancelallRequestContractType
] = {
    "next_quarter",
    "next_week",
    "quarter",
    "this_week",
}


def check_futures_tpsl_cancelall_request_contract_type(
    value: str,
) -> FuturesTpslCancelallRequestContractType:
    if value in FUTURES_TPSL_CANCELALL_REQUEST_CONTRACT_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FUTURES_TPSL_CANCELALL_REQUEST_CONTRACT_TYPE_VALUES!r}"
    )
