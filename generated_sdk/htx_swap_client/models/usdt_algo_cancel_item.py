# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsdtAlgoCancelItem")


@_attrs_define
class UsdtAlgoCancelItem:
    """One algo order to cancel, by `algo_id` or `algo_client_order_id`."""

    contract_code: str
    """ A USDT-margined contract code, exact: BASE-USDT for the perpetual or BASE-USDT-YYMMDD
    for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
     """
    algo_id: str | Unset = UNSET
    """ One id, a positive 64-bit integer in decimal (a string, so it stays exact). """
    algo_client_order_id: str | Unset = UNSET
    """ One id, a positive 64-bit integer in decimal (a string, so it stays exact). """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_code = self.contract_code

        algo_id = self.algo_id

        algo_client_order_id = self.algo_client_order_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_code": contract_code,
            }
        )
        if algo_id is not UNSET:
            field_dict["algo_id"] = algo_id
        if algo_client_order_id is not UNSET:
            field_dict["algo_client_order_id"] = algo_client_order_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contract_code = d.pop("contract_code")

        algo_id = d.pop("algo_id", UNSET)

        algo_client_order_id = d.pop("algo_client_order_id", UNSET)

        usdt_algo_cancel_item = cls(
            contract_code=contract_code,
            algo_id=algo_id,
            algo_client_order_id=algo_client_order_id,
        )

        usdt_algo_cancel_item.additional_properties = d
        return usdt_algo_cancel_item

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
