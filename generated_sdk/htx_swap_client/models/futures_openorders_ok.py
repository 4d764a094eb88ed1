# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.futures_openorders_ok_status import (
    FuturesOpenordersOkStatus,
    check_futures_openorders_ok_status,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.futures_openorders_data import FuturesOpenordersData


T = TypeVar("T", bound="FuturesOpenordersOk")


@_attrs_define
class FuturesOpenordersOk:
    status: FuturesOpenordersOkStatus
    """ Request Processing Result """
    ts: int
    """ Timestamp """
    data: FuturesOpenordersData | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str = self.status

        ts = self.ts

        data: dict[str, Any] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "ts": ts,
            }
        )
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.futures_openorders_data import FuturesOpenordersData  # noqa: PLC0415

        d = dict(src_dict)
        status = check_futures_openorders_ok_status(d.pop("status"))

        ts = d.pop("ts")

        _data = d.pop("data", UNSET)
        data: FuturesOpenordersData | Unset
        if isinstance(_data, Unset):
            data = UNSET
        else:
            data = FuturesOpenordersData.from_dict(_data)

        futures_openorders_ok = cls(
            status=status,
            ts=ts,
            data=data,
        )

        futures_openorders_ok.additional_properties = d
        return futures_openorders_ok

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
