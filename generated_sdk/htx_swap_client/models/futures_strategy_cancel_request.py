# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="FuturesStrategyCancelRequest")


@_attrs_define
class FuturesStrategyCancelRequest:
    """Trigger, TP/SL or trailing orders of one symbol to cancel by exchange order id (no client order ids)."""

    symbol: str
    """ Case-insensitive variety code (the coin), e.g. "BTC" or "btc". """
    order_id: str
    """ Order ids (different IDs are separated by ",", maximum 10 orders at one time). Each id is a positive 64-bit
    integer written in decimal. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        order_id = self.order_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "symbol": symbol,
                "order_id": order_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol")

        order_id = d.pop("order_id")

        futures_strategy_cancel_request = cls(
            symbol=symbol,
            order_id=order_id,
        )

        futures_strategy_cancel_request.additional_properties = d
        return futures_strategy_cancel_request

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
