# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.futures_order_info_ok_status import (
    FuturesOrderInfoOkStatus,
    check_futures_order_info_ok_status,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.futures_order_info import FuturesOrderInfo


T = TypeVar("T", bound="FuturesOrderInfoOk")


@_attrs_define
class FuturesOrderInfoOk:
    """The request succeeded; `data` lists the orders found."""

    status: FuturesOrderInfoOkStatus
    """ Request Processing Result """
    ts: int
    """ Timestamp """
    data: list[FuturesOrderInfo] | Unset = UNSET
    """ The orders found, in no particular order. Ids not found are absent. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status: str = self.status

        ts = self.ts

        data: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.data, Unset):
            data = []
            for data_item_data in self.data:
                data_item = data_item_data.to_dict()
                data.append(data_item)

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
        from ..models.futures_order_info import FuturesOrderInfo  # noqa: PLC0415

        d = dict(src_dict)
        status = check_futures_order_info_ok_status(d.pop("status"))

        ts = d.pop("ts")

        _data = d.pop("data", UNSET)
        data: list[FuturesOrderInfo] | Unset = UNSET
        if _data is not UNSET:
            data = []
            for data_item_data in _data:
                data_item = FuturesOrderInfo.from_dict(data_item_data)

                data.append(data_item)

        futures_order_info_ok = cls(
            status=status,
            ts=ts,
            data=data,
        )

        futures_order_info_ok.additional_properties = d
        return futures_order_info_ok

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
