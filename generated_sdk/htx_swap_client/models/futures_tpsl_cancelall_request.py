# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.futures_tpsl_cancelall_request_contract_type import (
    FuturesTpslCancelallRequestContractType,
    check_futures_tpsl_cancelall_request_contract_type,
)
from ..models.futures_tpsl_cancelall_request_direction import (
    FuturesTpslCancelallRequestDirection,
    check_futures_tpsl_cancelall_request_direction,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="FuturesTpslCancelallRequest")


@_attrs_define
class FuturesTpslCancelallRequest:
    """Which TP/SL orders to cancel: by symbol, by contract code, or by symbol and contract type; `symbol` is optional here
    and there is no offset.

    """

    symbol: str | Unset = UNSET
    """ Case-insensitive variety code (the coin), e.g. "BTC" or "btc". """
    contract_code: str | Unset = UNSET
    """ Case-insensitive delivery contract code: the symbol and the delivery date as YYMMDD, e.g. "BTC231229". """
    contract_type: FuturesTpslCancelallRequestContractType | Unset = UNSET
    """ "this_week", "next_week", "quarter" or "next_quarter". """
    direction: FuturesTpslCancelallRequestDirection | Unset = UNSET
    """ Transaction direction; absent means both. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        contract_code = self.contract_code

        contract_type: str | Unset = UNSET
        if not isinstance(self.contract_type, Unset):
            contract_type = self.contract_type

        direction: str | Unset = UNSET
        if not isinstance(self.direction, Unset):
            direction = self.direction

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if symbol is not UNSET:
            field_dict["symbol"] = symbol
        if contract_code is not UNSET:
            field_dict["contract_code"] = contract_code
        if contract_type is not UNSET:
            field_dict["contract_type"] = contract_type
        if direction is not UNSET:
            field_dict["direction"] = direction

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol", UNSET)

        contract_code = d.pop("contract_code", UNSET)

        _contract_type = d.pop("contract_type", UNSET)
        contract_type: FuturesTpslCancelallRequestContractType | Unset
        if isinstance(_contract_type, Unset):
            contract_type = UNSET
        else:
            contract_type = check_futures_tpsl_cancelall_request_contract_type(
                _contract_type
            )

        _direction = d.pop("direction", UNSET)
        direction: FuturesTpslCancelallRequestDirection | Unset
        if isinstance(_direction, Unset):
            direction = UNSET
        else:
            direction = check_futures_tpsl_cancelall_request_direction(_direction)

        futures_tpsl_cancelall_request = cls(
            symbol=symbol,
            contract_code=contract_code,
            contract_type=contract_type,
            direction=direction,
        )

        futures_tpsl_cancelall_request.additional_properties = d
        return futures_tpsl_cancelall_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
