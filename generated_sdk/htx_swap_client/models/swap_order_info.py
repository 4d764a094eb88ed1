# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SwapOrderInfo")


@_attrs_define
class SwapOrderInfo:
    """One order. Decimal fields are JSON numbers; parse them as decimals, not floats, to keep
    them exact. `order_id` is a JSON number above 2^53 (exact in Python, rounded by float
    or JavaScript parsers); `order_id_str` is the same id as a string.

    """

    symbol: str
    """ symbol, e.g. "BTC" """
    contract_code: str
    """ Contract Code, e.g. "BTC-USD" """
    volume: float
    """ Numbers of order (contracts) """
    price: float
    """ Price committed """
    order_price_type: str
    """ order price type, e.g. "limit", "opponent", "post_only" """
    order_type: int
    """ Order type: 1 quotation, 2 cancelled order, 3 forced liquidation, 4 delivery order, 22 ADL """
    direction: str
    """ Transaction direction, "buy" or "sell" """
    offset: str
    """ "open" or "close" """
    lever_rate: int
    """ Leverage rate """
    order_id: int
    """ Order ID (a JSON number above 2^53; see order_id_str) """
    order_id_str: str
    """ Order ID as a string """
    client_order_id: int | None
    """ Client order ID; null when the order was placed without one """
    created_at: int
    """ Creation time (ms) """
    canceled_at: int | None
    """ Canceled time (ms); 0 (or null, as real answers show) when not cancelled """
    trade_volume: float
    """ Transaction quantity """
    trade_turnover: float
    """ Transaction aggregate amount """
    fee: float
    """ Service fee """
    trade_avg_price: float | None
    """ Transaction average price; null when nothing traded """
    margin_frozen: float
    """ Frozen margin """
    profit: float
    """ profit when close position """
    status: int
    """ 1 and 2 ready to submit, 3 submitted, 4 partially filled, 5 partially filled then
    cancelled, 6 filled, 7 cancelled, 10 failed, 11 cancelling. Not an enum: a code this
    list lacks must not break parsing.
     """
    order_source: str
    """ Order source, e.g. "api", "web", "risk" """
    fee_asset: str
    """ the corresponding cryptocurrency to the given fee """
    liquidation_type: None | str
    """ 0 non-liquidated, 1 long and short netting, 2 partial liquidated, 3 full liquidated """
    is_tpsl: int
    """ whether take-profit and stop-loss are set (1 yes, 0 no) """
    real_profit: float
    """ real profit (calculated with the opening average price) """
    canceled_source: None | str | Unset = UNSET
    """ "timeout-canceled-order" or "prevent-self-dealing"; null in real answers of orders not cancelled """
    self_match_prevent: int | Unset = UNSET
    """ Self trading prevention (0 allowed, 1 not allowed) """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        symbol = self.symbol

        contract_code = self.contract_code

        volume = self.volume

        price = self.price

        order_price_type = self.order_price_type

        order_type = self.order_type

        direction = self.direction

        offset = self.offset

        lever_rate = self.lever_rate

        order_id = self.order_id

        order_id_str = self.order_id_str

        client_order_id: int | None
        client_order_id = self.client_order_id

        created_at = self.created_at

        canceled_at: int | None
        canceled_at = self.canceled_at

        trade_volume = self.trade_volume

        trade_turnover = self.trade_turnover

        fee = self.fee

        trade_avg_price: float | None
        trade_avg_price = self.trade_avg_price

        margin_frozen = self.margin_frozen

        profit = self.profit

        status = self.status

        order_source = self.order_source

        fee_asset = self.fee_asset

        liquidation_type: None | str
        liquidation_type = self.liquidation_type

        is_tpsl = self.is_tpsl

        real_profit = self.real_profit

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
                "symbol": symbol,
                "contract_code": contract_code,
                "volume": volume,
                "price": price,
                "order_price_type": order_price_type,
                "order_type": order_type,
                "direction": direction,
                "offset": offset,
                "lever_rate": lever_rate,
                "order_id": order_id,
                "order_id_str": order_id_str,
                "client_order_id": client_order_id,
                "created_at": created_at,
                "canceled_at": canceled_at,
                "trade_volume": trade_volume,
                "trade_turnover": trade_turnover,
                "fee": fee,
                "trade_avg_price": trade_avg_price,
                "margin_frozen": margin_frozen,
                "profit": profit,
                "status": status,
                "order_source": order_source,
                "fee_asset": fee_asset,
                "liquidation_type": liquidation_type,
                "is_tpsl": is_tpsl,
                "real_profit": real_profit,
            }
        )
        if canceled_source is not UNSET:
            field_dict["canceled_source"] = canceled_source
        if self_match_prevent is not UNSET:
            field_dict["self_match_prevent"] = self_match_prevent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        symbol = d.pop("symbol")

        contract_code = d.pop("contract_code")

        volume = d.pop("volume")

        price = d.pop("price")

        order_price_type = d.pop("order_price_type")

        order_type = d.pop("order_type")

        direction = d.pop("direction")

        offset = d.pop("offset")

        lever_rate = d.pop("lever_rate")

        order_id = d.pop("order_id")

        order_id_str = d.pop("order_id_str")

        def _parse_client_order_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        client_order_id = _parse_client_order_id(d.pop("client_order_id"))

        created_at = d.pop("created_at")

        def _parse_canceled_at(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        canceled_at = _parse_canceled_at(d.pop("canceled_at"))

        trade_volume = d.pop("trade_volume")

        trade_turnover = d.pop("trade_turnover")

        fee = d.pop("fee")

        def _parse_trade_avg_price(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        trade_avg_price = _parse_trade_avg_price(d.pop("trade_avg_price"))

        margin_frozen = d.pop("margin_frozen")

        profit = d.pop("profit")

        status = d.pop("status")

        order_source = d.pop("order_source")

        fee_asset = d.pop("fee_asset")

        def _parse_liquidation_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        liquidation_type = _parse_liquidation_type(d.pop("liquidation_type"))

        is_tpsl = d.pop("is_tpsl")

        real_profit = d.pop("real_profit")

        def _parse_canceled_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        canceled_source = _parse_canceled_source(d.pop("canceled_source", UNSET))

        self_match_prevent = d.pop("self_match_prevent", UNSET)

        swap_order_info = cls(
            symbol=symbol,
            contract_code=contract_code,
            volume=volume,
            price=price,
            order_price_type=order_price_type,
            order_type=order_type,
            direction=direction,
            offset=offset,
            lever_rate=lever_rate,
            order_id=order_id,
            order_id_str=order_id_str,
            client_order_id=client_order_id,
            created_at=created_at,
            canceled_at=canceled_at,
            trade_volume=trade_volume,
            trade_turnover=trade_turnover,
            fee=fee,
            trade_avg_price=trade_avg_price,
            margin_frozen=margin_frozen,
            profit=profit,
            status=status,
            order_source=order_source,
            fee_asset=fee_asset,
            liquidation_type=liquidation_type,
            is_tpsl=is_tpsl,
            real_profit=real_profit,
            canceled_source=canceled_source,
            self_match_prevent=self_match_prevent,
        )

        swap_order_info.additional_properties = d
        return swap_order_info

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
