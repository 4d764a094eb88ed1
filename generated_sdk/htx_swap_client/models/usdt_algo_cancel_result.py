# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsdtAlgoCancelResult")


@_attrs_define
class UsdtAlgoCancelResult:
    """One algo order's answer; `code` 200 means its cancel was accepted."""

    algo_id: None | str
    algo_client_order_id: None | str
    code: int
    message: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        algo_id: None | str
        algo_id = self.algo_id

        algo_client_order_id: None | str
        algo_client_order_id = self.algo_client_order_id

        code = self.code

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "algo_id": algo_id,
                "algo_client_order_id": algo_client_order_id,
                "code": code,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_algo_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        algo_id = _parse_algo_id(d.pop("algo_id"))

        def _parse_algo_client_order_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        algo_client_order_id = _parse_algo_client_order_id(
            d.pop("algo_client_order_id")
        )

        code = d.pop("code")

        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))

        usdt_algo_cancel_result = cls(
            algo_id=algo_id,
            algo_client_order_id=algo_client_order_id,
            code=code,
            message=message,
        )

        usdt_algo_cancel_result.additional_properties = d
        return usdt_algo_cancel_result

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
