# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SwapStrategyCancelRequest")


@_attrs_define
class SwapStrategyCancelRequest:
    """Trigger, TP/SL or trailing orders to cancel by exchange order id (no client order ids).
    Ids are decimal strings so that 64-bit values stay exact.

    """

    contract_code: str
    """ Case-insensitive contract code, e.g. "BTC-USD". """
    order_id: str
    """ Order ids joined by ",", maximum 10 orders at a time. Each id is a positive 64-bit
    integer written in decimal.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_code = self.contract_code

        order_id = self.order_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_code": contract_code,
                "order_id": order_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contract_code = d.pop("contract_code")

        order_id = d.pop("order_id")

        swap_strategy_cancel_request = cls(
            contract_code=contract_code,
            order_id=order_id,
        )

        swap_strategy_cancel_request.additional_properties = d
        return swap_strategy_cancel_request

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
