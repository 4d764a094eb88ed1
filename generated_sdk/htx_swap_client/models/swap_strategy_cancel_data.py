# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.swap_strategy_cancel_order_error import SwapStrategyCancelOrderError


T = TypeVar("T", bound="SwapStrategyCancelData")


@_attrs_define
class SwapStrategyCancelData:
    errors: list[SwapStrategyCancelOrderError]
    """ Orders that were not cancelled, each with its reason. May be empty. """
    successes: str
    """ Cancelled order ids joined with ","; the empty string when none. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        successes = self.successes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "errors": errors,
                "successes": successes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.swap_strategy_cancel_order_error import (
            SwapStrategyCancelOrderError,  # noqa: PLC0415
        )

        d = dict(src_dict)
        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = SwapStrategyCancelOrderError.from_dict(errors_item_data)

            errors.append(errors_item)

        successes = d.pop("successes")

        swap_strategy_cancel_data = cls(
            errors=errors,
            successes=successes,
        )

        swap_strategy_cancel_data.additional_properties = d
        return swap_strategy_cancel_data

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
