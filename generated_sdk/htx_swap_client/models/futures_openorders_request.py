# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.futures_openorders_request_sort_by import (
    FuturesOpenordersRequestSortBy,
    check_futures_openorders_request_sort_by,
)
from ..models.futures_openorders_request_trade_type import (
    FuturesOpenordersRequestTradeType,
    check_futures_openorders_request_trade_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="FuturesOpenordersRequest")


@_attrs_define
class FuturesOpenordersRequest:
    """Which page of open orders to read; every field is optional."""

    symbol: str | Unset = UNSET
    """ Case-insensitive variety code, e.g. "BTC"; absent means every symbol. """
    page_index: int | Unset = UNSET
    """ Page, default 1 (the page's type is int, at most 2147483647) """
    page_size: int | Unset = UNSET
    """ Default 20, no more than 50 """
    sort_by: FuturesOpenordersRequestSortBy | Unset = UNSET
    """ Sort field, descending (default created_at) """
    trade_type: FuturesOpenordersRequestTradeType | Unset = UNSET
    """ 0 all (default), 1 buy long, 2 sell short, 3 buy short, 4 sell long """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        page_index = self.page_index

        page_size = self.page_size

        sort_by: str | Unset = UNSET
        if not isinstance(self.sort_by, Unset):
            sort_by = self.sort_by

        trade_type: int | Unset = UNSET
        if not isinstance(self.trade_type, Unset):
            trade_type = self.trade_type

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if symbol is not UNSET:
            field_dict["symbol"] = symbol
        if page_index is not UNSET:
            field_dict["page_index"] = page_index
        if page_size is not UNSET:
            field_dict["page_size"] = page_size
        if sort_by is not UNSET:
            field_dict["sort_by"] = sort_by
        if trade_type is not UNSET:
            field_dict["trade_type"] = trade_type

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol", UNSET)

        page_index = d.pop("page_index", UNSET)

        page_size = d.pop("page_size", UNSET)

        _sort_by = d.pop("sort_by", UNSET)
        sort_by: FuturesOpenordersRequestSortBy | Unset
        if isinstance(_sort_by, Unset):
            sort_by = UNSET
        else:
            sort_by = check_futures_openorders_request_sort_by(_sort_by)

        _trade_type = d.pop("trade_type", UNSET)
        trade_type: FuturesOpenordersRequestTradeType | Unset
        if isinstance(_trade_type, Unset):
            trade_type = UNSET
        else:
            trade_type = check_futures_openorders_request_trade_type(_trade_type)

        futures_openorders_request = cls(
            symbol=symbol,
            page_index=page_index,
            page_size=page_size,
            sort_by=sort_by,
            trade_type=trade_type,
        )

        futures_openorders_request.additional_properties = d
        return futures_openorders_request

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
