# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.usdt_cancel_items_ok_code import (
    UsdtCancelItemsOkCode,
    check_usdt_cancel_items_ok_code,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.usdt_cancel_item import UsdtCancelItem


T = TypeVar("T", bound="UsdtCancelItemsOk")


@_attrs_define
class UsdtCancelItemsOk:
    """The request was processed (`code` 200); each item says how its order fared."""

    code: UsdtCancelItemsOkCode
    data: list[UsdtCancelItem]
    message: None | str | Unset = UNSET
    ts: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code: int = self.code

        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        ts = self.ts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "data": data,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message
        if ts is not UNSET:
            field_dict["ts"] = ts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usdt_cancel_item import UsdtCancelItem  # noqa: PLC0415

        d = dict(src_dict)
        code = check_usdt_cancel_items_ok_code(d.pop("code"))

        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = UsdtCancelItem.from_dict(data_item_data)

            data.append(data_item)

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        ts = d.pop("ts", UNSET)

        usdt_cancel_items_ok = cls(
            code=code,
            data=data,
            message=message,
            ts=ts,
        )

        usdt_cancel_items_ok.additional_properties = d
        return usdt_cancel_items_ok

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
