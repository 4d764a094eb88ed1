# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SwapCancelAfterData")


@_attrs_define
class SwapCancelAfterData:
    current_time: int | Unset = UNSET
    """ Current time (server time, ms) """
    trigger_time: int | Unset = UNSET
    """ When the cancellation fires (server time, ms) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        current_time = self.current_time

        trigger_time = self.trigger_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if current_time is not UNSET:
            field_dict["current_time"] = current_time
        if trigger_time is not UNSET:
            field_dict["trigger_time"] = trigger_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        current_time = d.pop("current_time", UNSET)

        trigger_time = d.pop("trigger_time", UNSET)

        swap_cancel_after_data = cls(
            current_time=current_time,
            trigger_time=trigger_time,
        )

        swap_cancel_after_data.additional_properties = d
        return swap_cancel_after_data

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
