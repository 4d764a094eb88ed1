# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FuturesTriggerOpenOrder")


@_attrs_define
class FuturesTriggerOpenOrder:
    """One open trigger order. Only what identifies and judges the order is required."""

    contract_type: str
    """ Contract type: "this_week", "next_week", "quarter" or "next_quarter" (not an enum: a new type must not break
    parsing) """
    contract_code: str
    """ Contract Code, e.g. "BTC231229" (symbol + delivery date YYMMDD) """
    volume: float
    """ trigger order volume """
    direction: str
    """ "buy" or "sell" """
    offset: str
    """ "open" or "close" """
    order_id: int
    """ trigger order ID """
    order_id_str: str
    """ the order ID as a string """
    status: int
    """ "1 ready to submit, 2 submitted, 3 order accepted, 7 wrong order, 8 cancelled but not found, 9 cancelling,
    10 failed" """
    symbol: str | Unset = UNSET
    """ Cryptocurrency """
    trigger_type: str | Unset = UNSET
    """ "ge" (greater than or equal) or "le" (less than or equal) """
    order_type: int | Unset = UNSET
    """ 1 place orders, 2 cancel orders """
    lever_rate: int | Unset = UNSET
    """ Leverage """
    order_source: str | Unset = UNSET
    """ source """
    trigger_price: float | Unset = UNSET
    """ trigger price """
    order_price: float | None | Unset = UNSET
    """ the preset price (none for optimal_N orders) """
    created_at: int | Unset = UNSET
    """ order creation time """
    order_price_type: str | Unset = UNSET
    """ "limit", "optimal_5", "optimal_10", "optimal_20" """
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

        trigger_type = self.trigger_type

        order_type = self.order_type

        lever_rate = self.lever_rate

        order_source = self.order_source

        trigger_price = self.trigger_price

        order_price: float | None | Unset
        if isinstance(self.order_price, Unset):
            order_price = UNSET
        else:
            order_price = self.order_price

        created_at = self.created_at

        order_price_type = self.order_price_type

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
        if trigger_type is not UNSET:
            field_dict["trigger_type"] = trigger_type
        if order_type is not UNSET:
            field_dict["order_type"] = order_type
        if lever_rate is not UNSET:
            field_dict["lever_rate"] = lever_rate
        if order_source is not UNSET:
            field_dict["order_source"] = order_source
        if trigger_price is not UNSET:
            field_dict["trigger_price"] = trigger_price
        if order_price is not UNSET:
            field_dict["order_price"] = order_price
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if order_price_type is not UNSET:
            field_dict["order_price_type"] = order_price_type

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

        trigger_type = d.pop("trigger_type", UNSET)

        order_type = d.pop("order_type", UNSET)

        lever_rate = d.pop("lever_rate", UNSET)

        order_source = d.pop("order_source", UNSET)

        trigger_price = d.pop("trigger_price", UNSET)

        def _parse_order_price(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        order_price = _parse_order_price(d.pop("order_price", UNSET))

        created_at = d.pop("created_at", UNSET)

        order_price_type = d.pop("order_price_type", UNSET)

        futures_trigger_open_order = cls(
            contract_type=contract_type,
            contract_code=contract_code,
            volume=volume,
            direction=direction,
            offset=offset,
            order_id=order_id,
            order_id_str=order_id_str,
            status=status,
            symbol=symbol,
            trigger_type=trigger_type,
            order_type=order_type,
            lever_rate=lever_rate,
            order_source=order_source,
            trigger_price=trigger_price,
            order_price=order_price,
            created_at=created_at,
            order_price_type=order_price_type,
        )

        futures_trigger_open_order.additional_properties = d
        return futures_trigger_open_order

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
