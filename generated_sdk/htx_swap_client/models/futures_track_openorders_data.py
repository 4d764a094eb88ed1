# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.futures_track_open_order import FuturesTrackOpenOrder


T = TypeVar("T", bound="FuturesTrackOpenordersData")


@_attrs_define
class FuturesTrackOpenordersData:
    total_page: int
    """ total page """
    total_size: int
    """ total size """
    current_page: int
    """ current page """
    orders: list[FuturesTrackOpenOrder]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_page = self.total_page

        total_size = self.total_size

        current_page = self.current_page

        orders = []
        for orders_item_data in self.orders:
            orders_item = orders_item_data.to_dict()
            orders.append(orders_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total_page": total_page,
                "total_size": total_size,
                "current_page": current_page,
                "orders": orders,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.futures_track_open_order import FuturesTrackOpenOrder  # noqa: PLC0415

        d = dict(src_dict)
        total_page = d.pop("total_page")

        total_size = d.pop("total_size")

        current_page = d.pop("current_page")

        orders = []
        _orders = d.pop("orders")
        for orders_item_data in _orders:
            orders_item = FuturesTrackOpenOrder.from_dict(orders_item_data)

            orders.append(orders_item)

        futures_track_openorders_data = cls(
            total_page=total_page,
            total_size=total_size,
            current_page=current_page,
            orders=orders,
        )

        futures_track_openorders_data.additional_properties = d
        return futures_track_openorders_data

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
