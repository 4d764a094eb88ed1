# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FuturesTpslOpenOrder")


@_attrs_define
class FuturesTpslOpenOrder:
    """One open TP/SL order. Only what identifies and judges the order is required."""

    contract_type: str
    """ Contract type: "this_week", "next_week", "quarter" or "next_quarter" (not an enum: a new type must not break
    parsing) """
    contract_code: str
    """ Contract Code, e.g. "BTC231229" (symbol + delivery date YYMMDD) """
    volume: float
    """ Numbers of orders (volume) """
    direction: str
    """ "buy" or "sell" """
    order_id: int
    """ order id (a JSON number above 2^53; see order_id_str) """
    order_id_str: str
    """ order id as a string """
    status: int
    """ "1 not activated, 2 ready to submit, 3 submitting, 4 submitted, 5 submit failed, 6 cancelled, 8 cancelled
    order not found, 9 cancelling, 10 failed, 11 expired" """
    symbol: str | Unset = UNSET
    """ symbol """
    order_type: int | Unset = UNSET
    """ 1 quotation, 2 cancelled order """
    tpsl_order_type: str | Unset = UNSET
    """ "tp" take-profit or "sl" stop-loss """
    order_source: str | Unset = UNSET
    """ order source """
    trigger_type: str | Unset = UNSET
    """ "ge" or "le" """
    trigger_price: float | Unset = UNSET
    """ trigger price """
    price_protect: bool | int | Unset = UNSET
    """ price protection (the page types it "booleanint") """
    created_at: int | Unset = UNSET
    """ created time """
    order_price_type: str | Unset = UNSET
    """ "limit", "optimal_5", "optimal_10", "optimal_20" """
    order_price: float | None | Unset = UNSET
    """ order price """
    source_order_id: None | str | Unset = UNSET
    """ the limit order that triggered this TP/SL order; null otherwise """
    relation_tpsl_order_id: str | Unset = UNSET
    """ the related TP/SL order id, "-1" when none """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_type = self.contract_type

        contract_code = self.contract_code

        volume = self.volume

        direction = self.direction

        order_id = self.order_id

        order_id_str = self.order_id_str

        status = self.status

        symbol = self.symbol

        order_type = self.order_type

        tpsl_order_type = self.tpsl_order_type

        order_source = self.order_source

        trigger_type = self.trigger_type

        trigger_price = self.trigger_price

        price_protect: bool | int | Unset
        if isinstance(self.price_protect, Unset):
            price_protect = UNSET
        else:
            price_protect = self.price_protect

        created_at = self.created_at

        order_price_type = self.order_price_type

        order_price: float | None | Unset
        if isinstance(self.order_price, Unset):
            order_price = UNSET
        else:
            order_price = self.order_price

        source_order_id: None | str | Unset
        if isinstance(self.source_order_id, Unset):
            source_order_id = UNSET
        else:
            source_order_id = self.source_order_id

        relation_tpsl_order_id = self.relation_tpsl_order_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_type": contract_type,
                "contract_code": contract_code,
                "volume": volume,
                "direction": direction,
                "order_id": order_id,
                "order_id_str": order_id_str,
                "status": status,
            }
        )
        if symbol is not UNSET:
            field_dict["symbol"] = symbol
        if order_type is not UNSET:
            field_dict["order_type"] = order_type
        if tpsl_order_type is not UNSET:
            field_dict["tpsl_order_type"] = tpsl_order_type
        if order_source is not UNSET:
            field_dict["order_source"] = order_source
        if trigger_type is not UNSET:
            field_dict["trigger_type"] = trigger_type
        if trigger_price is not UNSET:
            field_dict["trigger_price"] = trigger_price
        if price_protect is not UNSET:
            field_dict["price_protect"] = price_protect
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if order_price_type is not UNSET:
            field_dict["order_price_type"] = order_price_type
        if order_price is not UNSET:
            field_dict["order_price"] = order_price
        if source_order_id is not UNSET:
            field_dict["source_order_id"] = source_order_id
        if relation_tpsl_order_id is not UNSET:
            field_dict["relation_tpsl_order_id"] = relation_tpsl_order_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contract_type = d.pop("contract_type")

        contract_code = d.pop("contract_code")

        volume = d.pop("volume")

        direction = d.pop("direction")

        order_id = d.pop("order_id")

        order_id_str = d.pop("order_id_str")

        status = d.pop("status")

        symbol = d.pop("symbol", UNSET)

        order_type = d.pop("order_type", UNSET)

        tpsl_order_type = d.pop("tpsl_order_type", UNSET)

        order_source = d.pop("order_source", UNSET)

        trigger_type = d.pop("trigger_type", UNSET)

        trigger_price = d.pop("trigger_price", UNSET)

        def _parse_price_protect(data: object) -> bool | int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | int | Unset, data)

        price_protect = _parse_price_protect(d.pop("price_protect", UNSET))

        created_at = d.pop("created_at", UNSET)

        order_price_type = d.pop("order_price_type", UNSET)

        def _parse_order_price(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        order_price = _parse_order_price(d.pop("order_price", UNSET))

        def _parse_source_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_order_id = _parse_source_order_id(d.pop("source_order_id", UNSET))

        relation_tpsl_order_id = d.pop("relation_tpsl_order_id", UNSET)

        futures_tpsl_open_order = cls(
            contract_type=contract_type,
            contract_code=contract_code,
            volume=volume,
            direction=direction,
            order_id=order_id,
            order_id_str=order_id_str,
            status=status,
            symbol=symbol,
            order_type=order_type,
            tpsl_order_type=tpsl_order_type,
            order_source=order_source,
            trigger_type=trigger_type,
            trigger_price=trigger_price,
            price_protect=price_protect,
            created_at=created_at,
            order_price_type=order_price_type,
            order_price=order_price,
            source_order_id=source_order_id,
            relation_tpsl_order_id=relation_tpsl_order_id,
        )

        futures_tpsl_open_order.additional_properties = d
        return futures_tpsl_open_order

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
