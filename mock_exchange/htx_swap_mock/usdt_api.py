"""``MockExchange``'s USDT-M methods: seed and read the v5 family's orders, its switch and its
buckets (a mixin, so the swap methods stay as they are)."""

from __future__ import annotations

from htx_swap_mock.cancel_after import CancelAfterState
from htx_swap_mock.lifecycle import (
    DEFAULT_LEVER_RATE,
    DEFAULT_PRICE,
    DEFAULT_VOLUME,
    OnCancel,
    Order,
    OrderState,
    Quantity,
)
from htx_swap_mock.order_spec import OrderSpec
from htx_swap_mock.orders import OrderBook
from htx_swap_mock.state import ExchangeState
from htx_swap_mock.usdt import AlgoType, check_usdt_contract, direction_offset

__all__ = ["USDT_STATES", "UsdtExchangeMixin"]

# The v5 words an order can be seeded in, as the swap book's states.
USDT_STATES: dict[str, OrderState] = {
    "new": OrderState.OPEN,
    "partially_filled": OrderState.PARTIALLY_FILLED,
    "filled": OrderState.FILLED,
    "partially_canceled": OrderState.PARTIALLY_CANCELLED,
    "canceled": OrderState.CANCELLED,
    "rejected": OrderState.CANCELLED,  # final, nothing traded; shown as "rejected"
}


class UsdtExchangeMixin:
    """USDT-margined orders on the v5 API: a limit book and an algo book per ``algo_type``
    (``"trigger"``, ``"tpsl"``, ``"trailing_stop"``), apart from the swap books."""

    _state: ExchangeState

    def _usdt_book(self, algo_type: AlgoType | str | None) -> OrderBook:
        market = self._state.usdt
        return market.orders if algo_type is None else market.algo[AlgoType(algo_type)]

    def add_usdt_order(
        self,
        contract_code: str,
        order_id: int | str,
        *,
        algo_type: AlgoType | str | None = None,
        client_order_id: int | str | None = None,
        state: str = "new",
        side: str = "buy",
        position_side: str = "long",
        volume: Quantity = DEFAULT_VOLUME,
        price: Quantity = DEFAULT_PRICE,
        trade_volume: Quantity | None = None,
        on_cancel: OnCancel | str = OnCancel.CANCEL,
        lever_rate: int = DEFAULT_LEVER_RATE,
        trigger_price: Quantity | None = None,
        tpsl_order_type: str = "tp",
    ) -> Order:
        """Seed (or replace) a USDT-M order: a limit order, or an algo order of
        ``algo_type`` (``algo_id`` = ``order_id``, ``algo_client_order_id`` =
        ``client_order_id``). ``contract_code`` is exact: ``BTC-USDT`` or
        ``BTC-USDT-YYMMDD``. ``state`` is a v5 word (new, partially_filled, filled,
        partially_canceled, canceled, rejected); ``side`` buy/sell and ``position_side``
        long/short/both (one-way). ``on_cancel`` and ``trade_volume`` as for ``add_order``.
        ValueError for anything inconsistent."""
        if state not in USDT_STATES:
            raise ValueError(f"state must be one of {sorted(USDT_STATES)}, got {state!r}")
        direction, offset = direction_offset(side, position_side)
        spec = OrderSpec(
            check_usdt_contract(contract_code),
            order_id,
            client_order_id=client_order_id,
            state=USDT_STATES[state],
            volume=volume,
            price=price,
            direction=direction,
            offset=offset,
            lever_rate=lever_rate,
            trade_volume=0 if state == "rejected" else trade_volume,
            on_cancel=on_cancel,
            trigger_price=trigger_price,
            tpsl_order_type=tpsl_order_type,
        )
        order = self._usdt_book(algo_type).add(spec)
        self._state.usdt.mark(
            order.order_id, rejected=state == "rejected", one_way=position_side == "both"
        )
        return order

    def usdt_order(
        self, contract_code: str, order_id: int | str, *, algo_type: AlgoType | str | None = None
    ) -> Order | None:
        """The order as it is now (a delayed cancel that has come due has taken effect)."""
        return self._usdt_book(algo_type).get(contract_code, order_id)

    def usdt_order_state(
        self, contract_code: str, order_id: int | str, *, algo_type: AlgoType | str | None = None
    ) -> str | None:
        """The order's v5 ``state`` word now, or None if there is no such order."""
        order = self.usdt_order(contract_code, order_id, algo_type=algo_type)
        return None if order is None else self._state.usdt.state_word(order)

    def usdt_orders(self, *, algo_type: AlgoType | str | None = None) -> list[Order]:
        return self._usdt_book(algo_type).all()

    def usdt_open_orders(
        self, contract_code: str | None = None, *, algo_type: AlgoType | str | None = None
    ) -> list[Order]:
        """What the open-orders reads list, every page (not final; cancelling included)."""
        return self._usdt_book(algo_type).open_orders(contract_code)

    def fill_usdt_order(
        self, contract_code: str, order_id: int | str, volume: Quantity | None = None
    ) -> Order:
        """Trade ``volume`` more of an open USDT-M limit order (None: all the rest)."""
        return self._state.usdt.orders.fill(contract_code, order_id, volume)

    def usdt_cancel_after(self, access_key: str | None = None) -> CancelAfterState:
        """The v5 cancel-after switch of ``access_key`` (default: the first key); apart from
        the swap-cancel-after switch."""
        key = next(iter(self._state.credentials)) if access_key is None else access_key
        return self._state.usdt.switches.get(key)

    @property
    def usdt_rate_limits(self) -> tuple[tuple[int, float] | None, tuple[int, float] | None]:
        """The USDT-M trade and read buckets; setting them restarts their counts."""
        return self._state.usdt_rate_limit, self._state.usdt_read_rate_limit

    @usdt_rate_limits.setter
    def usdt_rate_limits(
        self, value: tuple[tuple[int, float] | None, tuple[int, float] | None]
    ) -> None:
        self._state.set_usdt_rate_limits(*value)
