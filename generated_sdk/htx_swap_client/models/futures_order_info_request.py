# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FuturesOrderInfoRequest")


@_attrs_define
class FuturesOrderInfoRequest:
    """Which orders of one symbol to read. Send `order_id` or `client_order_id` (if both are sent, the server uses
    `order_id`).

    """

    symbol: str
    """ Case-insensitive variety code (the coin), e.g. "BTC" or "btc". """
    order_id: str | Unset = UNSET
    """ Order ID (different IDs are separated by ",", maximum 50 orders at one time). Each id is a positive 64-bit
    integer written in decimal. """
    client_order_id: str | Unset = UNSET
    """ Client order ID (different IDs are separated by ",", maximum 50 orders at one time). Each id is a positive
    64-bit integer written in decimal. Orders are found by client order id for 24 hours after they were placed. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        order_id = self.order_id

        client_order_id = self.client_order_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
            }
        )
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if client_order_id is not UNSET:
            field_dict["client_order_id"] = client_order_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol")

        order_id = d.pop("order_id", UNSET)

        client_order_id = d.pop("client_order_id", UNSET)

        futures_order_info_request = cls(
            symbol=symbol,
            order_id=order_id,
            client_order_id=client_order_id,
        )

        futures_order_info_request.additional_properties = d
        return futures_order_info_request

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
