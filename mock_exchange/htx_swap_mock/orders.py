"""The order book: orders per contract, the client-order-id index, and HTX's cancel rules.

Thread-safe, since tests seed and read orders from their own thread while the server thread
cancels them. Every read settles the orders it returns (see ``lifecycle``): a delayed cancel
shows as cancelling until its time has come on the book's clock, then as its final state.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from htx_swap_mock import lifecycle
from htx_swap_mock.codes import ErrorCode
from htx_swap_mock.lifecycle import Direction, Offset, Order, OrderKind, OrderState, Quantity
from htx_swap_mock.order_spec import (
    MAX_ORDER_ID,
    OrderSpec,
    is_valid_id,
    normalize_contract_code,
    normalize_id,
)

__all__ = [
    "MAX_ORDER_ID",
    "CancelOutcome",
    "IdKind",
    "Order",
    "OrderBook",
    "OrderError",
    "OrderKind",
    "OrderSpec",
    "OrderState",
    "is_valid_id",
    "normalize_contract_code",
    "normalize_id",
]


class IdKind(enum.StrEnum):
    """Which id a request names orders by; also the request's field name."""

    ORDER_ID = "order_id"
    CLIENT_ORDER_ID = "client_order_id"


@dataclass(frozen=True)
class OrderError:
    """One id of a cancel that was not cancelled; ``order_id`` is the id as the request named it."""

    order_id: str
    err_code: int
    err_msg: str


@dataclass(frozen=True)
class CancelOutcome:
    successes: tuple[str, ...]
    errors: tuple[OrderError, ...]


# Why a cancel of an order in a state that cannot be cancelled is refused.
_REFUSALS: dict[OrderState, ErrorCode] = {
    OrderState.CANCELLING: ErrorCode.ORDER_CANCELLING,
    OrderState.FILLED: ErrorCode.ORDER_FILLED,
    OrderState.CANCELLED: ErrorCode.REPEATED_CANCEL,
    OrderState.PARTIALLY_CANCELLED: ErrorCode.REPEATED_CANCEL,
}


class OrderBook:
    """The orders of one ``kind`` keyed by (contract, order id), with a client-order-id index
    per contract.

    ``clock`` is the server clock (POSIX seconds): it stamps ``created_at``/``canceled_at`` and
    decides when a delayed cancel takes effect.
    """

    def __init__(
        self, clock: Callable[[], float] = time.time, kind: OrderKind = OrderKind.LIMIT
    ) -> None:
        self.kind = kind
        self._clock = clock
        self._lock = threading.Lock()
        self._orders: dict[tuple[str, str], Order] = {}
        self._by_client_id: dict[tuple[str, str], str] = {}

    def add(self, spec: OrderSpec) -> Order:
        """Place (or replace) the order ``spec`` describes, created now on the book's clock.
        ValueError if ``spec`` is of another kind than the book."""
        if spec.kind is not self.kind:
            raise ValueError(f"a {spec.kind} order does not go into the {self.kind} book")
        order = lifecycle.new_order(spec, created_at=int(self._clock() * 1000))
        with self._lock:
            old = self._orders.get((order.contract_code, order.order_id))
            if old is not None and old.client_order_id is not None:
                self._by_client_id.pop((order.contract_code, old.client_order_id), None)
            self._orders[(order.contract_code, order.order_id)] = order
            if order.client_order_id is not None:
                self._by_client_id[(order.contract_code, order.client_order_id)] = order.order_id
        return order

    def _current(self, key: tuple[str, str], now: float) -> Order | None:
        """The order at ``key`` as it is ``now``, stored settled; call with the lock held."""
        order = self._orders.get(key)
        if order is None or order.pending is None:
            return order
        settled = lifecycle.settle(order, now)
        self._orders[key] = settled
        return settled

    def _find(self, contract: str, requested: str, kind: IdKind, now: float) -> Order | None:
        """The order a request names by ``requested``; call with the lock held."""
        order_id = (
            requested if kind is IdKind.ORDER_ID else self._by_client_id.get((contract, requested))
        )
        return None if order_id is None else self._current((contract, order_id), now)

    def get(self, contract_code: str, order_id: int | str) -> Order | None:
        key = (normalize_contract_code(contract_code), normalize_id(order_id))
        with self._lock:
            return self._current(key, self._clock())

    def get_by_client_id(self, contract_code: str, client_order_id: int | str) -> Order | None:
        contract = normalize_contract_code(contract_code)
        client_id = normalize_id(client_order_id)
        with self._lock:
            return self._find(contract, client_id, IdKind.CLIENT_ORDER_ID, self._clock())

    def lookup(self, contract_code: str, ids: Sequence[str], kind: IdKind) -> list[Order]:
        """The orders ``ids`` name (validated ids of ``kind``), in request order, each once;
        ids naming no order are left out."""
        contract = normalize_contract_code(contract_code)
        found: dict[str, Order] = {}
        with self._lock:
            now = self._clock()
            for requested in ids:
                order = self._find(contract, requested, kind, now)
                if order is not None:
                    found.setdefault(order.order_id, order)
        return list(found.values())

    def _update(
        self, contract_code: str, order_id: int | str, change: Callable[[Order, float], Order]
    ) -> Order:
        key = (normalize_contract_code(contract_code), normalize_id(order_id))
        with self._lock:
            now = self._clock()
            order = self._current(key, now)
            if order is None:
                raise KeyError(f"no order {key[1]} on {key[0]}")
            self._orders[key] = changed = change(order, now)
        return changed

    def set_state(
        self, contract_code: str, order_id: int | str, state: OrderState | str | int
    ) -> Order:
        """Move an existing order to ``state`` by hand; KeyError if unknown."""
        target = lifecycle.parse_state(state)  # a bad state is a ValueError, even for no order
        return self._update(
            contract_code, order_id, lambda order, now: lifecycle.move(order, target, now=now)
        )

    def fill(
        self, contract_code: str, order_id: int | str, volume: Quantity | None = None
    ) -> Order:
        """Trade ``volume`` more of an open or partially filled order (None: all the rest);
        KeyError if unknown, ValueError if it cannot fill."""
        return self._update(
            contract_code, order_id, lambda order, now: lifecycle.fill(order, volume, now=now)
        )

    def all(self) -> list[Order]:
        with self._lock:
            now = self._clock()
            return [order for key in list(self._orders) if (order := self._current(key, now))]

    def take_open(self, contract_code: str, order_id: int | str) -> Order | None:
        """Remove the order if it is open (not final, not cancelling) and return it; None
        otherwise (a trigger order firing leaves its book)."""
        key = (normalize_contract_code(contract_code), normalize_id(order_id))
        with self._lock:
            order = self._current(key, self._clock())
            if order is None or not order.state.cancellable:
                return None
            del self._orders[key]
            if order.client_order_id is not None:
                self._by_client_id.pop((key[0], order.client_order_id), None)
        return order

    def clear(self) -> None:
        with self._lock:
            self._orders.clear()
            self._by_client_id.clear()

    def cancel(
        self, contract_code: str, ids: Sequence[str], kind: IdKind, *, delay: float = 0.0
    ) -> CancelOutcome:
        """Apply HTX's cancel rules to each id in order; ``ids`` are already validated.

        Cancellable orders (ready, open, partially filled) are accepted and listed in
        ``successes`` by the id the request used; what each then becomes, and whether after
        ``delay`` seconds, is up to its ``on_cancel``. The others get a per-order error (1061
        unknown, 1062 cancelling, 1063 filled, 1071 already cancelled, also when partially
        filled first). A repeated id meets its own cancel.
        """
        contract = normalize_contract_code(contract_code)
        successes: list[str] = []
        errors: list[OrderError] = []
        with self._lock:  # one request's cancels are atomic, as on the exchange
            now = self._clock()
            for requested in ids:
                order = self._find(contract, requested, kind, now)
                if order is None:
                    code = ErrorCode.ORDER_NOT_FOUND
                    errors.append(OrderError(requested, int(code), code.message))
                elif order.state.cancellable:
                    accepted = lifecycle.accept_cancel(order, now=now, delay=delay)
                    self._orders[(contract, order.order_id)] = accepted
                    successes.append(requested)
                else:
                    code = _REFUSALS[order.state]
                    errors.append(OrderError(requested, int(code), code.message))
        return CancelOutcome(tuple(successes), tuple(errors))

    def _matching(
        self, contract: str | None, direction: Direction | None, offset: Offset | None
    ) -> list[tuple[str, str]]:
        """Keys of the orders of ``contract`` (None: every contract) with that direction and
        offset (None: either), in the order they were placed; call with the lock held."""
        return [
            key
            for key, order in self._orders.items()
            if (contract is None or key[0] == contract)
            and (direction is None or order.direction is direction)
            and (offset is None or order.offset is offset)
        ]

    def cancel_matching(
        self,
        contract_code: str | None,
        *,
        direction: Direction | None = None,
        offset: Offset | None = None,
        delay: float = 0.0,
    ) -> CancelOutcome:
        """Cancel every cancellable order of ``contract_code`` (None: every contract) with
        that direction and offset (None: either), as a cancel-all does: each is accepted and
        listed by its order id; orders that cannot be cancelled are left out, not errors."""
        contract = None if contract_code is None else normalize_contract_code(contract_code)
        successes: list[str] = []
        with self._lock:
            now = self._clock()
            for key in self._matching(contract, direction, offset):
                order = self._current(key, now)
                if order is not None and order.state.cancellable:
                    self._orders[key] = lifecycle.accept_cancel(order, now=now, delay=delay)
                    successes.append(order.order_id)
        return CancelOutcome(tuple(successes), ())

    def open_orders(self, contract_code: str | None = None) -> list[Order]:
        """The orders of ``contract_code`` (None: every contract) that are not final (ready,
        open, partially filled, cancelling), as they are now, in the order they were placed."""
        contract = None if contract_code is None else normalize_contract_code(contract_code)
        with self._lock:
            now = self._clock()
            current = (self._current(key, now) for key in self._matching(contract, None, None))
            return [order for order in current if order is not None and not order.state.final]
