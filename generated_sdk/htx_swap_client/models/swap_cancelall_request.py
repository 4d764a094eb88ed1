# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.swap_cancelall_request_direction import (
    SwapCancelallRequestDirection,
    check_swap_cancelall_request_direction,
)
from ..models.swap_cancelall_request_offset import (
    SwapCancelallRequestOffset,
    check_swap_cancelall_request_offset,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="SwapCancelallRequest")


@_attrs_define
class SwapCancelallRequest:
    """Which orders to cancel: all of one contract, or only one direction and/or offset
    (swap_cancelall, swap_trigger_cancelall, swap_track_cancelall).

    """

    contract_code: str
    """ Case-insensitive; both upper and lower case are accepted, e.g. "BTC-USD". """
    direction: SwapCancelallRequestDirection | Unset = UNSET
    """ Transaction direction; absent means both. """
    offset: SwapCancelallRequestOffset | Unset = UNSET
    """ Offset direction; absent means both. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_code = self.contract_code

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
                "contract_code": contract_code,
            }
        )
        if direction is not UNSET:
            field_dict["direction"] = direction
        if offset is not UNSET:
            field_dict["offset"] = offset

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contract_code = d.pop("contract_code")

        _direction = d.pop("direction", UNSET)
        direction: SwapCancelallRequestDirection | Unset
        if isinstance(_direction, Unset):
            direction = UNSET
        else:
            direction = check_swap_cancelall_request_direction(_direction)

        _offset = d.pop("offset", UNSET)
        offset: SwapCancelallRequestOffset | Unset
        if isinstance(_offset, Unset):
            offset = UNSET
        else:
            offset = check_swap_cancelall_request_offset(_offset)

        swap_cancelall_request = cls(
            contract_code=contract_code,
            direction=direction,
            offset=offset,
        )

        swap_cancelall_request.additional_properties = d
        return swap_cancelall_request

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
