# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FuturesTrackOpenOrder")


@_attrs_define
class FuturesTrackOpenOrder:
    """One open trailing order. Only what identifies and judges the order is required."""

    contract_type: str
    """ Contract type: "this_week", "next_week", "quarter" or "next_quarter" (not an enum: a new type must not break
    parsing) """
    contract_code: str
    """ Contract Code, e.g. "BTC231229" (symbol + delivery date YYMMDD) """
    volume: float
    """ volume """
    direction: str
    """ "buy" or "sell" """
    offset: str
    """ "open" or "close" """
    order_id: int
    """ trailing order id (a JSON number above 2^53; see order_id_str) """
    order_id_str: str
    """ trailing order id as a string """
    status: int
    """ "2 ready to submit, 4 submitted, 5 submit failed, 6 cancelled" """
    symbol: str | Unset = UNSET
    """ symbol """
    order_type: int | Unset = UNSET
    """ 1 quotation, 2 cancelled order """
    lever_rate: int | Unset = UNSET
    """ lever rate """
    order_source: str | Unset = UNSET
    """ order source """
    created_at: int | Unset = UNSET
    """ created at """
    order_price_type: str | Unset = UNSET
    """ "optimal_5", "optimal_10", "optimal_20", "formula_price" """
    callback_rate: float | Unset = UNSET
    """ callback rate, e.g. 0.01 for 1% """
    active_price: float | Unset = UNSET
    """ active price (the page's table spells it "active price") """
    is_active: int | Unset = UNSET
    """ whether the active price was reached (1 yes, 0 no) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_type = self.contract_type

        contract_code = self.contract_code

        volume = self.volume

        direction = self.direction

        offset = self.offset

        order_id = self.order_id

        order_id_str = self.order_id_str

        status = self.status

        symbol = self.symbol

        order_type = self.order_type

        lever_rate = self.lever_rate

        order_source = self.order_source

        created_at = self.created_at

        order_price_type = self.order_price_type

        callback_rate = self.callback_rate

        active_price = self.active_price

        is_active = self.is_active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_type": contract_type,
                "contract_code": contract_code,
                "volume": volume,
                "direction": direction,
                "offset": offset,
                "order_id": order_id,
                "order_id_str": order_id_str,
                "status": status,
            }
        )
        if symbol is not UNSET:
            field_dict["symbol"] = symbol
        if order_type is not UNSET:
            field_dict["order_type"] = order_type
        if lever_rate is not UNSET:
            field_dict["lever_rate"] = lever_rate
        if order_source is not UNSET:
            field_dict["order_source"] = order_source
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if order_price_type is not UNSET:
            field_dict["order_price_type"] = order_price_type
        if callback_rate is not UNSET:
            field_dict["callback_rate"] = callback_rate
        if active_price is not UNSET:
            field_dict["active_price"] = active_price
        if is_active is not UNSET:
            field_dict["is_active"] = is_active

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contract_type = d.pop("contract_type")

        contract_code = d.pop("contract_code")

        volume = d.pop("volume")

        direction = d.pop("direction")

        offset = d.pop("offset")

        order_id = d.pop("order_id")

        order_id_str = d.pop("order_id_str")

        status = d.pop("status")

        symbol = d.pop("symbol", UNSET)

        order_type = d.pop("order_type", UNSET)

        lever_rate = d.pop("lever_rate", UNSET)

        order_source = d.pop("order_source", UNSET)

        created_at = d.pop("created_at", UNSET)

        order_price_type = d.pop("order_price_type", UNSET)

        callback_rate = d.pop("callback_rate", UNSET)

        active_price = d.pop("active_price", UNSET)

        is_active = d.pop("is_active", UNSET)

        futures_track_open_order = cls(
            contract_type=contract_type,
            contract_code=contract_code,
            volume=volume,
            direction=direction,
            offset=offset,
            order_id=order_id,
            order_id_str=order_id_str,
            status=status,
            symbol=symbol,
            order_type=order_type,
            lever_rate=lever_rate,
            order_source=order_source,
            created_at=created_at,
            order_price_type=order_price_type,
            callback_rate=callback_rate,
            active_price=active_price,
            is_active=is_active,
        )

        futures_track_open_order.additional_properties = d
        return futures_track_open_order

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
