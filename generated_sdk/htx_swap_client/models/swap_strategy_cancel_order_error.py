# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SwapStrategyCancelOrderError")


@_attrs_define
class SwapStrategyCancelOrderError:
    order_id: str
    """ Order ID """
    err_code: int | Unset = UNSET
    """ Error code """
    err_msg: str | Unset = UNSET
    """ Error information (kept as received; may be Chinese) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        err_code = self.err_code

        err_msg = self.err_msg

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_id": order_id,
            }
        )
        if err_code is not UNSET:
            field_dict["err_code"] = err_code
        if err_msg is not UNSET:
            field_dict["err_msg"] = err_msg

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_id = d.pop("order_id")

        err_code = d.pop("err_code", UNSET)

        err_msg = d.pop("err_msg", UNSET)

        swap_strategy_cancel_order_error = cls(
            order_id=order_id,
            err_code=err_code,
            err_msg=err_msg,
        )

        swap_strategy_cancel_order_error.additional_properties = d
        return swap_strategy_cancel_order_error

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
