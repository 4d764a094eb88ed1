# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsdtCancelOrderRequest")


@_attrs_define
class UsdtCancelOrderRequest:
    """One order to cancel: `order_id` or `client_order_id` (if both are sent, the server uses
    `order_id`).

    """

    contract_code: str
    """ A USDT-margined contract code, exact: BASE-USDT for the perpetual or BASE-USDT-YYMMDD
    for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
     """
    order_id: str | Unset = UNSET
    """ Order ID """
    client_order_id: str | Unset = UNSET
    """ Your order ID """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_code = self.contract_code

        order_id = self.order_id

        client_order_id = self.client_order_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_code": contract_code,
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
        contract_code = d.pop("contract_code")

        order_id = d.pop("order_id", UNSET)

        client_order_id = d.pop("client_order_id", UNSET)

        usdt_cancel_order_request = cls(
            contract_code=contract_code,
            order_id=order_id,
            client_order_id=client_order_id,
        )

        usdt_cancel_order_request.additional_properties = d
        return usdt_cancel_order_request

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
