# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UsdtAlgoOrder")


@_attrs_define
class UsdtAlgoOrder:
    """One open algo order (fields as the third-party SDKs read them)."""

    algo_id: str
    contract_code: str
    state: str
    id: str | Unset = UNSET
    """ Query ID (the cursor counts by it) """
    algo_client_order_id: None | str | Unset = UNSET
    type_: str | Unset = UNSET
    """ trigger, trailing_stop, tpsl, sl, tp """
    side: None | str | Unset = UNSET
    position_side: None | str | Unset = UNSET
    volume: None | str | Unset = UNSET
    trigger_price: None | str | Unset = UNSET
    created_time: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        algo_id = self.algo_id

        contract_code = self.contract_code

        state = self.state

        id = self.id

        algo_client_order_id: None | str | Unset
        if isinstance(self.algo_client_order_id, Unset):
            algo_client_order_id = UNSET
        else:
            algo_client_order_id = self.algo_client_order_id

        type_ = self.type_

        side: None | str | Unset
        if isinstance(self.side, Unset):
            side = UNSET
        else:
            side = self.side

        position_side: None | str | Unset
        if isinstance(self.position_side, Unset):
            position_side = UNSET
        else:
            position_side = self.position_side

        volume: None | str | Unset
        if isinstance(self.volume, Unset):
            volume = UNSET
        else:
            volume = self.volume

        trigger_price: None | str | Unset
        if isinstance(self.trigger_price, Unset):
            trigger_price = UNSET
        else:
            trigger_price = self.trigger_price

        created_time: None | str | Unset
        if isinstance(self.created_time, Unset):
            created_time = UNSET
        else:
            created_time = self.created_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "algo_id": algo_id,
                "contract_code": contract_code,
                "state": state,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if algo_client_order_id is not UNSET:
            field_dict["algo_client_order_id"] = algo_client_order_id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if side is not UNSET:
            field_dict["side"] = side
        if position_side is not UNSET:
            field_dict["position_side"] = position_side
        if volume is not UNSET:
            field_dict["volume"] = volume
        if trigger_price is not UNSET:
            field_dict["trigger_price"] = trigger_price
        if created_time is not UNSET:
            field_dict["created_time"] = created_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        algo_id = d.pop("algo_id")

        contract_code = d.pop("contract_code")

        state = d.pop("state")

        id = d.pop("id", UNSET)

        def _parse_algo_client_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        algo_client_order_id = _parse_algo_client_order_id(
            d.pop("algo_client_order_id", UNSET)
        )

        type_ = d.pop("type", UNSET)

        def _parse_side(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        side = _parse_side(d.pop("side", UNSET))

        def _parse_position_side(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        position_side = _parse_position_side(d.pop("position_side", UNSET))

        def _parse_volume(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        volume = _parse_volume(d.pop("volume", UNSET))

        def _parse_trigger_price(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        trigger_price = _parse_trigger_price(d.pop("trigger_price", UNSET))

        def _parse_created_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        created_time = _parse_created_time(d.pop("created_time", UNSET))

        usdt_algo_order = cls(
            algo_id=algo_id,
            contract_code=contract_code,
            state=state,
            id=id,
            algo_client_order_id=algo_client_order_id,
            type_=type_,
            side=side,
            position_side=position_side,
            volume=volume,
            trigger_price=trigger_price,
            created_time=created_time,
        )

        usdt_algo_order.additional_properties = d
        return usdt_algo_order

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
