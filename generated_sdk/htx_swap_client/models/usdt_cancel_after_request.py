# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.usdt_cancel_after_request_on_off import (
    UsdtCancelAfterRequestOnOff,
    check_usdt_cancel_after_request_on_off,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="UsdtCancelAfterRequest")


@_attrs_define
class UsdtCancelAfterRequest:
    on_off: UsdtCancelAfterRequestOnOff
    """ "1" enables the automatic cancellation, "0" disables it. """
    time_out: int | Unset = 5000
    """ Countdown in milliseconds, at least 5000 (the default). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        on_off: str = self.on_off

        time_out = self.time_out

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "on_off": on_off,
            }
        )
        if time_out is not UNSET:
            field_dict["time_out"] = time_out

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        on_off = check_usdt_cancel_after_request_on_off(d.pop("on_off"))

        time_out = d.pop("time_out", UNSET)

        usdt_cancel_after_request = cls(
            on_off=on_off,
            time_out=time_out,
        )

        usdt_cancel_after_request.additional_properties = d
        return usdt_cancel_after_request

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
