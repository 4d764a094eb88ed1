# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsdtCancelBatchOrdersRequest")


@_attrs_define
class UsdtCancelBatchOrdersRequest:
    """Up to 10 orders of one contract, by `order_id` or by `client_order_id`."""

    contract_code: str
    """ A USDT-margined contract code, exact: BASE-USDT for the perpetual or BASE-USDT-YYMMDD
    for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
     """
    order_id: list[str] | Unset = UNSET
    """ Order IDs (a maximum of 10 orders can be cancelled per request) """
    client_order_id: list[str] | Unset = UNSET
    """ Your order IDs (a maximum of 10 orders can be cancelled per request) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_code = self.contract_code

        order_id: list[str] | Unset = UNSET
        if not isinstance(self.order_id, Unset):
            order_id = self.order_id

        client_order_id: list[str] | Unset = UNSET
        if not isinstance(self.client_order_id, Unset):
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

        order_id = cast(list[str], d.pop("order_id", UNSET))

        client_order_id = cast(list[str], d.pop("client_order_id", UNSET))

        usdt_cancel_batch_orders_request = cls(
            contract_code=contract_code,
            order_id=order_id,
            client_order_id=client_order_id,
        )

        usdt_cancel_batch_orders_request.additional_properties = d
        return usdt_cancel_batch_orders_request

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
