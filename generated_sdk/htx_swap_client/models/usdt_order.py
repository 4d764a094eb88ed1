# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.usdt_order_state import UsdtOrderState, check_usdt_order_state
from ..types import UNSET, Unset

T = TypeVar("T", bound="UsdtOrder")


@_attrs_define
class UsdtOrder:
    """One USDT-M order. Only what identifies and judges an order is required; numbers are
    decimal strings. `id` is the query id the open-orders cursor (`from`) counts by.

    """

    contract_code: str
    """ Symbol: perpetual "BTC-USDT", delivery "BTC-USDT-210625" """
    order_id: str
    """ Order ID """
    volume: str
    """ Order size """
    state: UsdtOrderState
    """ Order status """
    trade_volume: str
    """ Execution amount """
    id: str | Unset = UNSET
    """ Query ID """
    side: str | Unset = UNSET
    """ Order side (buy, sell) """
    position_side: str | Unset = UNSET
    """ Position side (long, short, both) """
    type_: str | Unset = UNSET
    """ Order type (market, limit, post_only) """
    price_match: None | str | Unset = UNSET
    """ BBO (opponent, optimal_5, optimal_10, optimal_20) """
    client_order_id: None | str | Unset = UNSET
    """ Order ID as assigned by the user """
    margin_mode: str | Unset = UNSET
    """ Margin mode """
    price: None | str | Unset = UNSET
    """ Order price """
    lever_rate: int | Unset = UNSET
    """ Leverage """
    order_source: str | Unset = UNSET
    """ Order source """
    reduce_only: bool | None | Unset = UNSET
    """ Reduce only """
    time_in_force: None | str | Unset = UNSET
    """ FOK, IOC or GTC """
    tp_trigger_price: None | str | Unset = UNSET
    tp_order_price: None | str | Unset = UNSET
    tp_type: None | str | Unset = UNSET
    tp_trigger_price_type: None | str | Unset = UNSET
    sl_trigger_price: None | str | Unset = UNSET
    sl_order_price: None | str | Unset = UNSET
    sl_type: None | str | Unset = UNSET
    sl_trigger_price_type: None | str | Unset = UNSET
    trade_avg_price: None | str | Unset = UNSET
    """ Average execution price """
    trade_turnover: None | str | Unset = UNSET
    """ Total value executed """
    fee_currency: None | str | Unset = UNSET
    fee: None | str | Unset = UNSET
    """ Total trading fees in USDT """
    price_protect: bool | None | Unset = UNSET
    profit: None | str | Unset = UNSET
    contract_type: str | Unset = UNSET
    """ swap, this_week, next_week, quarter, next_quarter """
    cancel_reason: None | str | Unset = UNSET
    created_time: str | Unset = UNSET
    """ Order creation time, UTC ms """
    updated_time: str | Unset = UNSET
    """ Order update time, UTC ms """
    self_match_prevent: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_code = self.contract_code

        order_id = self.order_id

        volume = self.volume

        state: str = self.state

        trade_volume = self.trade_volume

        id = self.id

        side = self.side

        position_side = self.position_side

        type_ = self.type_

        price_match: None | str | Unset
        if isinstance(self.price_match, Unset):
            price_match = UNSET
        else:
            price_match = self.price_match

        client_order_id: None | str | Unset
        if isinstance(self.client_order_id, Unset):
            client_order_id = UNSET
        else:
            client_order_id = self.client_order_id

        margin_mode = self.margin_mode

        price: None | str | Unset
        if isinstance(self.price, Unset):
            price = UNSET
        else:
            price = self.price

        lever_rate = self.lever_rate

        order_source = self.order_source

        reduce_only: bool | None | Unset
        if isinstance(self.reduce_only, Unset):
            reduce_only = UNSET
        else:
            reduce_only = self.reduce_only

        time_in_force: None | str | Unset
        if isinstance(self.time_in_force, Unset):
            time_in_force = UNSET
        else:
            time_in_force = self.time_in_force

        tp_trigger_price: None | str | Unset
        if isinstance(self.tp_trigger_price, Unset):
            tp_trigger_price = UNSET
        else:
            tp_trigger_price = self.tp_trigger_price

        tp_order_price: None | str | Unset
        if isinstance(self.tp_order_price, Unset):
            tp_order_price = UNSET
        else:
            tp_order_price = self.tp_order_price

        tp_type: None | str | Unset
        if isinstance(self.tp_type, Unset):
            tp_type = UNSET
        else:
            tp_type = self.tp_type

        tp_trigger_price_type: None | str | Unset
        if isinstance(self.tp_trigger_price_type, Unset):
            tp_trigger_price_type = UNSET
        else:
            tp_trigger_price_type = self.tp_trigger_price_type

        sl_trigger_price: None | str | Unset
        if isinstance(self.sl_trigger_price, Unset):
            sl_trigger_price = UNSET
        else:
            sl_trigger_price = self.sl_trigger_price

        sl_order_price: None | str | Unset
        if isinstance(self.sl_order_price, Unset):
            sl_order_price = UNSET
        else:
            sl_order_price = self.sl_order_price

        sl_type: None | str | Unset
        if isinstance(self.sl_type, Unset):
            sl_type = UNSET
        else:
            sl_type = self.sl_type

        sl_trigger_price_type: None | str | Unset
        if isinstance(self.sl_trigger_price_type, Unset):
            sl_trigger_price_type = UNSET
        else:
            sl_trigger_price_type = self.sl_trigger_price_type

        trade_avg_price: None | str | Unset
        if isinstance(self.trade_avg_price, Unset):
            trade_avg_price = UNSET
        else:
            trade_avg_price = self.trade_avg_price

        trade_turnover: None | str | Unset
        if isinstance(self.trade_turnover, Unset):
            trade_turnover = UNSET
        else:
            trade_turnover = self.trade_turnover

        fee_currency: None | str | Unset
        if isinstance(self.fee_currency, Unset):
            fee_currency = UNSET
        else:
            fee_currency = self.fee_currency

        fee: None | str | Unset
        if isinstance(self.fee, Unset):
            fee = UNSET
        else:
            fee = self.fee

        price_protect: bool | None | Unset
        if isinstance(self.price_protect, Unset):
            price_protect = UNSET
        else:
            price_protect = self.price_protect

        profit: None | str | Unset
        if isinstance(self.profit, Unset):
            profit = UNSET
        else:
            profit = self.profit

        contract_type = self.contract_type

        cancel_reason: None | str | Unset
        if isinstance(self.cancel_reason, Unset):
            cancel_reason = UNSET
        else:
            cancel_reason = self.cancel_reason

        created_time = self.created_time

        updated_time = self.updated_time

        self_match_prevent: None | str | Unset
        if isinstance(self.self_match_prevent, Unset):
            self_match_prevent = UNSET
        else:
            self_match_prevent = self.self_match_prevent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_code": contract_code,
                "order_id": order_id,
                "volume": volume,
                "state": state,
                "trade_volume": trade_volume,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if side is not UNSET:
            field_dict["side"] = side
        if position_side is not UNSET:
            field_dict["position_side"] = position_side
        if type_ is not UNSET:
            field_dict["type"] = type_
        if price_match is not UNSET:
            field_dict["price_match"] = price_match
        if client_order_id is not UNSET:
            field_dict["client_order_id"] = client_order_id
        if margin_mode is not UNSET:
            field_dict["margin_mode"] = margin_mode
        if price is not UNSET:
            field_dict["price"] = price
        if lever_rate is not UNSET:
            field_dict["lever_rate"] = lever_rate
        if order_source is not UNSET:
            field_dict["order_source"] = order_source
        if reduce_only is not UNSET:
            field_dict["reduce_only"] = reduce_only
        if time_in_force is not UNSET:
            field_dict["time_in_force"] = time_in_force
        if tp_trigger_price is not UNSET:
            field_dict["tp_trigger_price"] = tp_trigger_price
        if tp_order_price is not UNSET:
            field_dict["tp_order_price"] = tp_order_price
        if tp_type is not UNSET:
            field_dict["tp_type"] = tp_type
        if tp_trigger_price_type is not UNSET:
            field_dict["tp_trigger_price_type"] = tp_trigger_price_type
        if sl_trigger_price is not UNSET:
            field_dict["sl_trigger_price"] = sl_trigger_price
        if sl_order_price is not UNSET:
            field_dict["sl_order_price"] = sl_order_price
        if sl_type is not UNSET:
            field_dict["sl_type"] = sl_type
        if sl_trigger_price_type is not UNSET:
            field_dict["sl_trigger_price_type"] = sl_trigger_price_type
        if trade_avg_price is not UNSET:
            field_dict["trade_avg_price"] = trade_avg_price
        if trade_turnover is not UNSET:
            field_dict["trade_turnover"] = trade_turnover
        if fee_currency is not UNSET:
            field_dict["fee_currency"] = fee_currency
        if fee is not UNSET:
            field_dict["fee"] = fee
        if price_protect is not UNSET:
            field_dict["price_protect"] = price_protect
        if profit is not UNSET:
            field_dict["profit"] = profit
        if contract_type is not UNSET:
            field_dict["contract_type"] = contract_type
        if cancel_reason is not UNSET:
            field_dict["cancel_reason"] = cancel_reason
        if created_time is not UNSET:
            field_dict["created_time"] = created_time
        if updated_time is not UNSET:
            field_dict["updated_time"] = updated_time
        if self_match_prevent is not UNSET:
            field_dict["self_match_prevent"] = self_match_prevent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contract_code = d.pop("contract_code")

        order_id = d.pop("order_id")

        volume = d.pop("volume")

        state = check_usdt_order_state(d.pop("state"))

        trade_volume = d.pop("trade_volume")

        id = d.pop("id", UNSET)

        side = d.pop("side", UNSET)

        position_side = d.pop("position_side", UNSET)

        type_ = d.pop("type", UNSET)

        def _parse_price_match(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        price_match = _parse_price_match(d.pop("price_match", UNSET))

        def _parse_client_order_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_order_id = _parse_client_order_id(d.pop("client_order_id", UNSET))

        margin_mode = d.pop("margin_mode", UNSET)

        def _parse_price(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        price = _parse_price(d.pop("price", UNSET))

        lever_rate = d.pop("lever_rate", UNSET)

        order_source = d.pop("order_source", UNSET)

        def _parse_reduce_only(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        reduce_only = _parse_reduce_only(d.pop("reduce_only", UNSET))

        def _parse_time_in_force(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_in_force = _parse_time_in_force(d.pop("time_in_force", UNSET))

        def _parse_tp_trigger_price(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tp_trigger_price = _parse_tp_trigger_price(d.pop("tp_trigger_price", UNSET))

        def _parse_tp_order_price(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tp_order_price = _parse_tp_order_price(d.pop("tp_order_price", UNSET))

        def _parse_tp_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tp_type = _parse_tp_type(d.pop("tp_type", UNSET))

        def _parse_tp_trigger_price_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tp_trigger_price_type = _parse_tp_trigger_price_type(
            d.pop("tp_trigger_price_type", UNSET)
        )

        def _parse_sl_trigger_price(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sl_trigger_price = _parse_sl_trigger_price(d.pop("sl_trigger_price", UNSET))

        def _parse_sl_order_price(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sl_order_price = _parse_sl_order_price(d.pop("sl_order_price", UNSET))

        def _parse_sl_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sl_type = _parse_sl_type(d.pop("sl_type", UNSET))

        def _parse_sl_trigger_price_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sl_trigger_price_type = _parse_sl_trigger_price_type(
            d.pop("sl_trigger_price_type", UNSET)
        )

        def _parse_trade_avg_price(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        trade_avg_price = _parse_trade_avg_price(d.pop("trade_avg_price", UNSET))

        def _parse_trade_turnover(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        trade_turnover = _parse_trade_turnover(d.pop("trade_turnover", UNSET))

        def _parse_fee_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fee_currency = _parse_fee_currency(d.pop("fee_currency", UNSET))

        def _parse_fee(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fee = _parse_fee(d.pop("fee", UNSET))

        def _parse_price_protect(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        price_protect = _parse_price_protect(d.pop("price_protect", UNSET))

        def _parse_profit(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        profit = _parse_profit(d.pop("profit", UNSET))

        contract_type = d.pop("contract_type", UNSET)

        def _parse_cancel_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cancel_reason = _parse_cancel_reason(d.pop("cancel_reason", UNSET))

        created_time = d.pop("created_time", UNSET)

        updated_time = d.pop("updated_time", UNSET)

        def _parse_self_match_prevent(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        self_match_prevent = _parse_self_match_prevent(
            d.pop("self_match_prevent", UNSET)
        )

        usdt_order = cls(
            contract_code=contract_code,
            order_id=order_id,
            volume=volume,
            state=state,
            trade_volume=trade_volume,
            id=id,
            side=side,
            position_side=position_side,
            type_=type_,
            price_match=price_match,
            client_order_id=client_order_id,
            margin_mode=margin_mode,
            price=price,
            lever_rate=lever_rate,
            order_source=order_source,
            reduce_only=reduce_only,
            time_in_force=time_in_force,
            tp_trigger_price=tp_trigger_price,
            tp_order_price=tp_order_price,
            tp_type=tp_type,
            tp_trigger_price_type=tp_trigger_price_type,
            sl_trigger_price=sl_trigger_price,
            sl_order_price=sl_order_price,
            sl_type=sl_type,
            sl_trigger_price_type=sl_trigger_price_type,
            trade_avg_price=trade_avg_price,
            trade_turnover=trade_turnover,
            fee_currency=fee_currency,
            fee=fee,
            price_protect=price_protect,
            profit=profit,
            contract_type=contract_type,
            cancel_reason=cancel_reason,
            created_time=created_time,
            updated_time=updated_time,
            self_match_prevent=self_match_prevent,
        )

        usdt_order.additional_properties = d
        return usdt_order

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
