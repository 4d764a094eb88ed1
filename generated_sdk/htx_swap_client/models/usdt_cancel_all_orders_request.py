# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.usdt_cancel_all_orders_request_position_side import (
    UsdtCancelAllOrdersRequestPositionSide,
    check_usdt_cancel_all_orders_request_position_side,
)
from ..models.usdt_cancel_all_orders_request_side import (
    UsdtCancelAllOrdersRequestSide,
    check_usdt_cancel_all_orders_request_side,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="UsdtCancelAllOrdersRequest")


@_attrs_define
class UsdtCancelAllOrdersRequest:
    """Which open orders to cancel; every field is optional."""

    contract_code: str | Unset = UNSET
    """ A USDT-margined contract code, exact: BASE-USDT for the perpetual or BASE-USDT-YYMMDD
    for a delivery future (HTX answers "Invalid contract_code parameter" for any other).
     """
    side: UsdtCancelAllOrdersRequestSide | Unset = UNSET
    """ Order side """
    position_side: UsdtCancelAllOrdersRequestPositionSide | Unset = UNSET
    """ Position side (long: going long; short: going short; both: one-way mode) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_code = self.contract_code

        side: str | Unset = UNSET
        if not isinstance(self.side, Unset):
            side = self.side

        position_side: str | Unset = UNSET
        if not isinstance(self.position_side, Unset):
            position_side = self.position_side

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if contract_code is not UNSET:
            field_dict["contract_code"] = contract_code
        if side is not UNSET:
            field_dict["side"] = side
        if position_side is not UNSET:
            field_dict["position_side"] = position_side

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contract_code = d.pop("contract_code", UNSET)

        _side = d.pop("side", UNSET)
        side: UsdtCancelAllOrdersRequestSide | Unset
        if isinstance(_side, Unset):
            side = UNSET
        else:
            side = check_usdt_cancel_all_orders_request_side(_side)

        _position_side = d.pop("position_side", UNSET)
        position_side: UsdtCancelAllOrdersRequestPositionSide | Unset
        if isinstance(_position_side, Unset):
            position_side = UNSET
        else:
            position_side = check_usdt_cancel_all_orders_request_position_side(
                _position_side
            )

        usdt_cancel_all_orders_request = cls(
            contract_code=contract_code,
            side=side,
            position_side=position_side,
        )

        usdt_cancel_all_orders_request.additional_properties = d
        return usdt_cancel_all_orders_request

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
