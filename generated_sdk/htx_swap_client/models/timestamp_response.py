# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.timestamp_response_status import (
    TimestampResponseStatus,
    check_timestamp_response_status,
)

T = TypeVar("T", bound="TimestampResponse")


@_attrs_define
class TimestampResponse:
    status: TimestampResponseStatus
    ts: int
    """ Server time, Unit: Millisecond """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str = self.status

        ts = self.ts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "ts": ts,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = check_timestamp_response_status(d.pop("status"))

        ts = d.pop("ts")

        timestamp_response = cls(
            status=status,
            ts=ts,
        )

        timestamp_response.additional_properties = d
        return timestamp_response

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
