"""Orders per contract and the cancel rules; thread-safe, since tests seed and read orders from
their own thread while the server thread cancels them."""

from __future__ import annotations

import enum
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace

from htx_swap_mock.codes import ErrorCode

__all__ = [
    "MAX_ORDER_ID",
    "CancelOutcome",
    "IdKind",
    "Order",
    "OrderBook",
    "OrderError",
    "OrderState",
    "is_valid_id",
    "normalize_contract_code",
    "normalize_id",
]

MAX_ORDER_ID = 2**63 - 1  # ids are Java longs on HTX's side
_DECIMAL_ID = re.compile(r"[1-9][0-9]{0,18}")
_CONTRACT = re.compile(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*")


class OrderState(enum.StrEnum):
    """What an order can be when a cancel arrives."""

    OPEN = "open"
    PARTIALLY_FILLED = "partially_filled"
    CANCELLING = "cancelling"  # a cancel is under way: another one is refused with 1062
    FILLED = "filled"
    CANCELLED = "cancelled"

    @property
    def cancellable(self) -> bool:
        return self in {OrderState.OPEN, OrderState.PARTIALLY_FILLED}


class IdKind(enum.StrEnum):
    """Which id a cancel request names orders by; also the request's field name."""

    ORDER_ID = "order_id"
    CLIENT_ORDER_ID = "client_order_id"


@dataclass(frozen=True)
class Order:
    contract_code: str  # upper case
    order_id: str  # decimal, exact: ids above 2**53 never go through float
    client_order_id: str | None
    state: OrderState


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


def is_valid_id(text: str) -> bool:
    """A positive 64-bit integer in canonical decimal (no sign, no leading zero)."""
    return bool(_DECIMAL_ID.fullmatch(text)) and int(text) <= MAX_ORDER_ID


def normalize_id(value: int | str) -> str:
    """An order or client order id given as int or decimal string, as its canonical string."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not is_valid_id(text):
        raise ValueError(f"an id must be a positive 64-bit integer, got {value!r}")
    return text


def normalize_contract_code(contract_code: str) -> str:
    """Contract codes are case-insensitive on HTX; orders are filed under the upper-case form."""
    if not isinstance(contract_code, str) or not _CONTRACT.fullmatch(contract_code):
        raise ValueError(f"not a contract code: {contract_code!r}")
    return contract_code.upper()


_REFUSALS: dict[OrderState, ErrorCode] = {
    OrderState.CANCELLING: ErrorCode.ORDER_CANCELLING,
    OrderState.FILLED: ErrorCode.ORDER_FILLED,
    OrderState.CANCELLED: ErrorCode.REPEATED_CANCEL,
}


class OrderBook:
    """Orders keyed by (contract, order id), with a client-order-id index per contract."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._orders: dict[tuple[str, str], Order] = {}
        self._by_client_id: dict[tuple[str, str], str] = {}

    def add(
        self,
        contract_code: str,
        order_id: int | str,
        *,
        client_order_id: int | str | None = None,
        state: OrderState | str = OrderState.OPEN,
    ) -> Order:
        """Add (or replace) an order. Raises ValueError for an invalid id, code or state."""
        order = Order(
            contract_code=normalize_contract_code(contract_code),
            order_id=normalize_id(order_id),
            client_order_id=None if client_order_id is None else normalize_id(client_order_id),
            state=OrderState(state),
        )
        with self._lock:
            old = self._orders.get((order.contract_code, order.order_id))
            if old is not None and old.client_order_id is not None:
                self._by_client_id.pop((order.contract_code, old.client_order_id), None)
            self._orders[(order.contract_code, order.order_id)] = order
            if order.client_order_id is not None:
                self._by_client_id[(order.contract_code, order.client_order_id)] = order.order_id
        return order

    def get(self, contract_code: str, order_id: int | str) -> Order | None:
        key = (normalize_contract_code(contract_code), normalize_id(order_id))
        with self._lock:
            return self._orders.get(key)

    def get_by_client_id(self, contract_code: str, client_order_id: int | str) -> Order | None:
        contract = normalize_contract_code(contract_code)
        with self._lock:
            order_id = self._by_client_id.get((contract, normalize_id(client_order_id)))
            return None if order_id is None else self._orders.get((contract, order_id))

    def set_state(self, contract_code: str, order_id: int | str, state: OrderState | str) -> Order:
        """Move an existing order to ``state`` (e.g. to simulate a fill); KeyError if unknown."""
        key = (normalize_contract_code(contract_code), normalize_id(order_id))
        with self._lock:
            order = replace(self._orders[key], state=OrderState(state))
            self._orders[key] = order
        return order

    def all(self) -> list[Order]:
        with self._lock:
            return list(self._orders.values())

    def clear(self) -> None:
        with self._lock:
            self._orders.clear()
            self._by_client_id.clear()

    def cancel(self, contract_code: str, ids: Sequence[str], kind: IdKind) -> CancelOutcome:
        """Apply HTX's cancel rules to each id in order; ``ids`` are already validated.

        Open and partially filled orders become cancelled and are listed in ``successes`` by
        the id the request used; the others get a per-order error (1061 unknown, 1062
        cancelling, 1063 filled, 1071 already cancelled). A repeated id meets its own cancel.
        """
        contract = normalize_contract_code(contract_code)
        successes: list[str] = []
        errors: list[OrderError] = []
        with self._lock:  # one request's cancels are atomic, as on the exchange
            for requested in ids:
                order_id = (
                    requested
                    if kind is IdKind.ORDER_ID
                    else self._by_client_id.get((contract, requested))
                )
                order = None if order_id is None else self._orders.get((contract, order_id))
                if order is None:
                    code = ErrorCode.ORDER_NOT_FOUND
                    errors.append(OrderError(requested, int(code), code.message))
                elif order.state.cancellable:
                    self._orders[(contract, order.order_id)] = replace(
                        order, state=OrderState.CANCELLED
                    )
                    successes.append(requested)
                else:
                    code = _REFUSALS[order.state]
                    errors.append(OrderError(requested, int(code), code.message))
        return CancelOutcome(tuple(successes), tuple(errors))
