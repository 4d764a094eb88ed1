# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.futures_cancelall_request_contract_type import (
    FuturesCancelallRequestContractType,
    check_futures_cancelall_request_contract_type,
)
from ..models.futures_cancelall_request_direction import (
    FuturesCancelallRequestDirection,
    check_futures_cancelall_request_direction,
)
from ..models.futures_cancelall_request_offset import (
    FuturesCancelallRequestOffset,
    check_futures_cancelall_request_offset,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="FuturesCancelallRequest")


@_attrs_define
class FuturesCancelallRequest:
    """Which orders to cancel (contract_cancelall, contract_trigger_cancelall, contract_track_cancelall): all of a symbol;
    or of one contract code; or of one contract type of the symbol; optionally only one direction and/or offset.

    """

    symbol: str
    """ Case-insensitive variety code (the coin), e.g. "BTC" or "btc". """
    contract_code: str | Unset = UNSET
    """ Case-insensitive delivery contract code: the symbol and the delivery date as YYMMDD, e.g. "BTC231229". """
    contract_type: FuturesCancelallRequestContractType | Unset = UNSET
    """ "this_week", "next_week", "quarter" or "next_quarter". """
    direction: FuturesCancelallRequestDirection | Unset = UNSET
    """ Transaction direction; absent means both. """
    offset: FuturesCancelallRequestOffset | Unset = UNSET
    """ Offset direction; absent means both. """
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

        offset: str | Unset = UNSET
        if not isinstance(self.offset, Unset):
            offset = self.offset

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
            }
        )
        if contract_code is not UNSET:
            field_dict["contract_code"] = contract_code
        if contract_type is not UNSET:
            field_dict["contract_type"] = contract_type
        if direction is not UNSET:
            field_dict["direction"] = direction
        if offset is not UNSET:
            field_dict["offset"] = offset

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol")

        contract_code = d.pop("contract_code", UNSET)

        _contract_type = d.pop("contract_type", UNSET)
        contract_type: FuturesCancelallRequestContractType | Unset
        if isinstance(_contract_type, Unset):
            contract_type = UNSET
        else:
            contract_type = check_futures_cancelall_request_contract_type(
                _contract_type
            )

        _direction = d.pop("direction", UNSET)
        direction: FuturesCancelallRequestDirection | Unset
        if isinstance(_direction, Unset):
            direction = UNSET
        else:
            direction = check_futures_cancelall_request_direction(_direction)

        _offset = d.pop("offset", UNSET)
        offset: FuturesCancelallRequestOffset | Unset
        if isinstance(_offset, Unset):
            offset = UNSET
        else:
            offset = check_futures_cancelall_request_offset(_offset)

        futures_cancelall_request = cls(
            symbol=symbol,
            contract_code=contract_code,
            contract_type=contract_type,
            direction=direction,
            offset=offset,
        )

        futures_cancelall_request.additional_properties = d
        return futures_cancelall_request

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
