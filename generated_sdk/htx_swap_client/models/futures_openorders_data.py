# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.futures_open_order import FuturesOpenOrder


T = TypeVar("T", bound="FuturesOpenordersData")


@_attrs_define
class FuturesOpenordersData:
    total_page: int
    """ Total Pages """
    current_page: int
    """ Current Page """
    total_size: int
    """ Total Size """
    orders: list[FuturesOpenOrder] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_page = self.total_page

        current_page = self.current_page

        total_size = self.total_size

        orders: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.orders, Unset):
            orders = []
            for orders_item_data in self.orders:
                orders_item = orders_item_data.to_dict()
                orders.append(orders_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total_page": total_page,
                "current_page": current_page,
                "total_size": total_size,
            }
        )
        if orders is not UNSET:
            field_dict["orders"] = orders

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.futures_open_order import FuturesOpenOrder  # noqa: PLC0415

        d = dict(src_dict)
        total_page = d.pop("total_page")

        current_page = d.pop("current_page")

        total_size = d.pop("total_size")

        _orders = d.pop("orders", UNSET)
        orders: list[FuturesOpenOrder] | Unset = UNSET
        if _orders is not UNSET:
            orders = []
            for orders_item_data in _orders:
                orders_item = FuturesOpenOrder.from_dict(orders_item_data)

                orders.append(orders_item)

        futures_openorders_data = cls(
            total_page=total_page,
            current_page=current_page,
            total_size=total_size,
            orders=orders,
        )

        futures_openorders_data.additional_properties = d
        return futures_openorders_data

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
