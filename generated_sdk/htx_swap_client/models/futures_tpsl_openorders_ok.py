# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.futures_tpsl_openorders_ok_status import (
    FuturesTpslOpenordersOkStatus,
    check_futures_tpsl_openorders_ok_status,
)

if TYPE_CHECKING:
    from ..models.futures_tpsl_openorders_data import FuturesTpslOpenordersData


T = TypeVar("T", bound="FuturesTpslOpenordersOk")


@_attrs_define
class FuturesTpslOpenordersOk:
    status: FuturesTpslOpenordersOkStatus
    """ status """
    data: FuturesTpslOpenordersData
    ts: int
    """ Time of Respond Generation, Unit: Millisecond """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str = self.status

        data = self.data.to_dict()

        ts = self.ts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "data": data,
                "ts": ts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.futures_tpsl_openorders_data import FuturesTpslOpenordersData  # noqa: PLC0415

        d = dict(src_dict)
        status = check_futures_tpsl_openorders_ok_status(d.pop("status"))

        data = FuturesTpslOpenordersData.from_dict(d.pop("data"))

        ts = d.pop("ts")

        futures_tpsl_openorders_ok = cls(
            status=status,
            data=data,
            ts=ts,
        )

        futures_tpsl_openorders_ok.additional_properties = d
        return futures_tpsl_openorders_ok

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
