# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.swap_cancel_after_data import SwapCancelAfterData


T = TypeVar("T", bound="SwapCancelAfterOk")


@_attrs_define
class SwapCancelAfterOk:
    """The countdown was set or cleared. The page marks every field optional; `code` and
    `data` are required here so that an error (`data: null`) never parses as a success.

    """

    code: int
    """ Status code """
    data: SwapCancelAfterData
    msg: str | Unset = UNSET
    """ Error description """
    ts: int | Unset = UNSET
    """ Time of responding, unit: millisecond (ms) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        data = self.data.to_dict()

        msg = self.msg

        ts = self.ts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "data": data,
            }
        )
        if msg is not UNSET:
            field_dict["msg"] = msg
        if ts is not UNSET:
            field_dict["ts"] = ts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.swap_cancel_after_data import SwapCancelAfterData  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        data = SwapCancelAfterData.from_dict(d.pop("data"))

        msg = d.pop("msg", UNSET)

        ts = d.pop("ts", UNSET)

        swap_cancel_after_ok = cls(
            code=code,
            data=data,
            msg=msg,
            ts=ts,
        )

        swap_cancel_after_ok.additional_properties = d
        return swap_cancel_after_ok

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
