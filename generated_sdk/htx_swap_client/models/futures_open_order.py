# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FuturesOpenOrder")


@_attrs_define
class FuturesOpenOrder:
    """One open order. Decimal fields are JSON numbers: parse them as decimals. `order_id` is a
    JSON number above 2^53; `order_id_str` is the same id as a string. Only what identifies
    and judges the order is required.

    """

    contract_type: str
    """ Contract type: "this_week", "next_week", "quarter" or "next_quarter" (not an enum: a new type must not break
    parsing) """
    contract_code: str
    """ Contract Code, e.g. "BTC231229" (symbol + delivery date YYMMDD) """
    volume: float
    """ Number of Order """
    direction: str
    """ Transaction direction """
    offset: str
    """ "open" or "close" """
    order_id: int
    """ Order ID (a JSON number above 2^53; see order_id_str) """
    order_id_str: str
    """ Order ID as a string """
    status: int
    """ "1 and 2 ready to submit, 3 submitted, 4 partially filled, 5 partially filled then cancelled, 6 filled, 7
    cancelled, 11 cancelling" """
    symbol: str | Unset = UNSET
    """ Variety code """
    price: float | Unset = UNSET
    """ Price committed """
    order_price_type: str | Unset = UNSET
    """ order price type """
    order_type: int | Unset = UNSET
    """ "Order type: 1 quotation, 2 cancelled order, 3 forced liquidation, 4 delivery order" """
    lever_rate: int | Unset = UNSET
    """ Leverage Rate """
    client_order_id: int | None | Unset = UNSET
    """ Client order ID """
    created_at: int | Unset = UNSET
    """ Order Creation time """
    trade_volume: float | Unset = UNSET
    """ Transaction quantity """
    trade_turnover: float | Unset = UNSET
    """ Transaction aggregate amount """
    fee: float | Unset = UNSET
    """ Service fee """
    trade_avg_price: float | None | Unset = UNSET
    """ Transaction average price """
    margin_frozen: float | Unset = UNSET
    """ Frozen margin """
    profit: float | Unset = UNSET
    """ profit when close position """
    order_source: str | Unset = UNSET
    """ Order Source """
    fee_asset: str | Unset = UNSET
    """ the corresponding cryptocurrency to the given fee """
    is_tpsl: int | Unset = UNSET
    """ whether take-profit and stop-loss are set (1 yes, 0 no) """
    update_time: int | Unset = UNSET
    """ order update time (ms) """
    real_profit: float | Unset = UNSET
    """ real profit """
    liquidation_type: None | str | Unset = UNSET
    """ Liquidation type (in the page's example, not its table) """
    canceled_at: int | None | Unset = UNSET
    """ Canceled time (in the page's example, not its table) """
    canceled_source: None | str | Unset = UNSET
    """ "timeout-canceled-order" or "prevent-self-dealing" """
    self_match_prevent: int | Unset = UNSET
    """ Self trading prevention (0 allowed, 1 not allowed) """
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

        price = self.price

        order_price_type = self.order_price_type

        order_type = self.order_type

        lever_rate = self.lever_rate

        client_order_id: int | None | Unset
        if isinstance(self.client_order_id, Unset):
            client_order_id = UNSET
        else:
            client_order_id = self.client_order_id

        created_at = self.created_at

        trade_volume = self.trade_volume

        trade_turnover = self.trade_turnover

        fee = self.fee

        trade_avg_price: float | None | Unset
        if isinstance(self.trade_avg_price, Unset):
            trade_avg_price = UNSET
        else:
            trade_avg_price = self.trade_avg_price

        margin_frozen = self.margin_frozen

        profit = self.profit

        order_source = self.order_source

        fee_asset = self.fee_asset

        is_tpsl = self.is_tpsl

        update_time = self.update_time

        real_profit = self.real_profit

        liquidation_type: None | str | Unset
        if isinstance(self.liquidation_type, Unset):
            liquidation_type = UNSET
        else:
            liquidation_type = self.liquidation_type

        canceled_at: int | None | Unset
        if isinstance(self.canceled_at, Unset):
            canceled_at = UNSET
        else:
            canceled_at = self.canceled_at

        canceled_source: None | str | Unset
        if isinstance(self.canceled_source, Unset):
            canceled_source = UNSET
        else:
            canceled_source = self.canceled_source

        self_match_prevent = self.self_match_prevent

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
        if price is not UNSET:
            field_dict["price"] = price
        if order_price_type is not UNSET:
            field_dict["order_price_type"] = order_price_type
        if order_type is not UNSET:
            field_dict["order_type"] = order_type
        if lever_rate is not UNSET:
            field_dict["lever_rate"] = lever_rate
        if client_order_id is not UNSET:
            field_dict["client_order_id"] = client_order_id
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if trade_volume is not UNSET:
            field_dict["trade_volume"] = trade_volume
        if trade_turnover is not UNSET:
            field_dict["trade_turnover"] = trade_turnover
        if fee is not UNSET:
            field_dict["fee"] = fee
        if trade_avg_price is not UNSET:
            field_dict["trade_avg_price"] = trade_avg_price
        if margin_frozen is not UNSET:
            field_dict["margin_frozen"] = margin_frozen
        if profit is not UNSET:
            field_dict["profit"] = profit
        if order_source is not UNSET:
            field_dict["order_source"] = order_source
        if fee_asset is not UNSET:
            field_dict["fee_asset"] = fee_asset
        if is_tpsl is not UNSET:
            field_dict["is_tpsl"] = is_tpsl
        if update_time is not UNSET:
            field_dict["update_time"] = update_time
        if real_profit is not UNSET:
            field_dict["real_profit"] = real_profit
        if liquidation_type is not UNSET:
            field_dict["liquidation_type"] = liquidation_type
        if canceled_at is not UNSET:
            field_dict["canceled_at"] = canceled_at
        if canceled_source is not UNSET:
            field_dict["canceled_source"] = canceled_source
        if self_match_prevent is not UNSET:
            field_dict["self_match_prevent"] = self_match_prevent

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

        price = d.pop("price", UNSET)

        order_price_type = d.pop("order_price_type", UNSET)

        order_type = d.pop("order_type", UNSET)

        lever_rate = d.pop("lever_rate", UNSET)

        def _parse_client_order_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        client_order_id = _parse_client_order_id(d.pop("client_order_id", UNSET))

        created_at = d.pop("created_at", UNSET)

        trade_volume = d.pop("trade_volume", UNSET)

        trade_turnover = d.pop("trade_turnover", UNSET)

        fee = d.pop("fee", UNSET)

        def _parse_trade_avg_price(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        trade_avg_price = _parse_trade_avg_price(d.pop("trade_avg_price", UNSET))

        margin_frozen = d.pop("margin_frozen", UNSET)

        profit = d.pop("profit", UNSET)

        order_source = d.pop("order_source", UNSET)

        fee_asset = d.pop("fee_asset", UNSET)

        is_tpsl = d.pop("is_tpsl", UNSET)

        update_time = d.pop("update_time", UNSET)

        real_profit = d.pop("real_profit", UNSET)

        def _parse_liquidation_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        liquidation_type = _parse_liquidation_type(d.pop("liquidation_type", UNSET))

        def _parse_canceled_at(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        canceled_at = _parse_canceled_at(d.pop("canceled_at", UNSET))

        def _parse_canceled_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        canceled_source = _parse_canceled_source(d.pop("canceled_source", UNSET))

        self_match_prevent = d.pop("self_match_prevent", UNSET)

        futures_open_order = cls(
            contract_type=contract_type,
            contract_code=contract_code,
            volume=volume,
            direction=direction,
            offset=offset,
            order_id=order_id,
            order_id_str=order_id_str,
            status=status,
            symbol=symbol,
            price=price,
            order_price_type=order_price_type,
            order_type=order_type,
            lever_rate=lever_rate,
            client_order_id=client_order_id,
            created_at=created_at,
            trade_volume=trade_volume,
            trade_turnover=trade_turnover,
            fee=fee,
            trade_avg_price=trade_avg_price,
            margin_frozen=margin_frozen,
            profit=profit,
            order_source=order_source,
            fee_asset=fee_asset,
            is_tpsl=is_tpsl,
            update_time=update_time,
            real_profit=real_profit,
            liquidation_type=liquidation_type,
            canceled_at=canceled_at,
            canceled_source=canceled_source,
            self_match_prevent=self_match_prevent,
        )

        futures_open_order.additional_properties = d
        return futures_open_order

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
