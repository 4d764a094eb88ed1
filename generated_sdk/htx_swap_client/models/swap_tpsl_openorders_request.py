# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.swap_tpsl_openorders_request_trade_type import (
    SwapTpslOpenordersRequestTradeType,
    check_swap_tpsl_openorders_request_trade_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="SwapTpslOpenordersRequest")


@_attrs_define
class SwapTpslOpenordersRequest:
    """Which page of open TP/SL orders of one contract to read."""

    contract_code: str
    """ Case-insensitive contract code, e.g. "BTC-USD". """
    page_index: int | Unset = UNSET
    """ Page, default 1 (the page's type is int, at most 2147483647) """
    page_size: int | Unset = UNSET
    """ Default 20, no more than 50 """
    trade_type: SwapTpslOpenordersRequestTradeType | Unset = UNSET
    """ 0 all (default), 3 buy short, 4 sell long """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_code = self.contract_code

        page_index = self.page_index

        page_size = self.page_size

        trade_type: int | Unset = UNSET
        if not isinstance(self.trade_type, Unset):
            trade_type = self.trade_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_code": contract_code,
            }
        )
        if page_index is not UNSET:
            field_dict["page_index"] = page_index
        if page_size is not UNSET:
            field_dict["page_size"] = page_size
        if trade_type is not UNSET:
            field_dict["trade_type"] = trade_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contract_code = d.pop("contract_code")

        page_index = d.pop("page_index", UNSET)

        page_size = d.pop("page_size", UNSET)

        _trade_type = d.pop("trade_type", UNSET)
        trade_type: SwapTpslOpenordersRequestTradeType | Unset
        if isinstance(_trade_type, Unset):
            trade_type = UNSET
        else:
            trade_type = check_swap_tpsl_openorders_request_trade_type(_trade_type)

        swap_tpsl_openorders_request = cls(
            contract_code=contract_code,
            page_index=page_index,
            page_size=page_size,
            trade_type=trade_type,
        )

        swap_tpsl_openorders_request.additional_properties = d
        return swap_tpsl_openorders_request

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
