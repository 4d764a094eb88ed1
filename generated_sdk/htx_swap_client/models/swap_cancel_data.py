# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.swap_cancel_order_error import SwapCancelOrderError


T = TypeVar("T", bound="SwapCancelData")


@_attrs_define
class SwapCancelData:
    successes: str
    """ Successfully withdrew list of order_id or client_order_id, joined with ",". The
    empty string when no order was cancelled.
     """
    errors: list[SwapCancelOrderError] | Unset = UNSET
    """ Orders that were not cancelled, each with its reason. May be empty. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        successes = self.successes

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "successes": successes,
            }
        )
        if errors is not UNSET:
            field_dict["errors"] = errors

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.swap_cancel_order_error import SwapCancelOrderError  # noqa: PLC0415

        d = dict(src_dict)
        successes = d.pop("successes")

        _errors = d.pop("errors", UNSET)
        errors: list[SwapCancelOrderError] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = SwapCancelOrderError.from_dict(errors_item_data)

                errors.append(errors_item)

        swap_cancel_data = cls(
            successes=successes,
            errors=errors,
        )

        swap_cancel_data.additional_properties = d
        return swap_cancel_data

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
