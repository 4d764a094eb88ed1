# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.futures_tpsl_openorders_request_trade_type import (
    FuturesTpslOpenordersRequestTradeType,
    check_futures_tpsl_openorders_request_trade_type,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="FuturesTpslOpenordersRequest")


@_attrs_define
class FuturesTpslOpenordersRequest:
    """Which page of open TP/SL orders of one symbol (optionally one contract code) to read."""

    symbol: str
    """ Case-insensitive variety code (the coin), e.g. "BTC" or "btc". """
    contract_code: str | Unset = UNSET
    """ Case-insensitive delivery contract code: the symbol and the delivery date as YYMMDD, e.g. "BTC231229". """
    page_index: int | Unset = UNSET
    """ Page, default 1 (the page's type is int, at most 2147483647) """
    page_size: int | Unset = UNSET
    """ Default 20, no more than 50 """
    trade_type: FuturesTpslOpenordersRequestTradeType | Unset = UNSET
    """ 0 all (default), 3 buy short, 4 sell long """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

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
                "symbol": symbol,
            }
        )
        if contract_code is not UNSET:
            field_dict["contract_code"] = contract_code
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
        symbol = d.pop("symbol")

        contract_code = d.pop("contract_code", UNSET)

        page_index = d.pop("page_index", UNSET)

        page_size = d.pop("page_size", UNSET)

        _trade_type = d.pop("trade_type", UNSET)
        trade_type: FuturesTpslOpenordersRequestTradeType | Unset
        if isinstance(_trade_type, Unset):
            trade_type = UNSET
        else:
            trade_type = check_futures_tpsl_openorders_request_trade_type(_trade_type)

        futures_tpsl_openorders_request = cls(
            symbol=symbol,
            contract_code=contract_code,
            page_index=page_index,
            page_size=page_size,
            trade_type=trade_type,
        )

        futures_tpsl_openorders_request.additional_properties = d
        return futures_tpsl_openorders_request

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
