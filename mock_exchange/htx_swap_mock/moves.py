"""Market moves: the book changing on its own while a client works, on a schedule.

Two moves, each built by a function of this module and scheduled with
``MockExchange.schedule(move, ...)`` (or ``POST /_mock/moves``):

- ``fire_trigger(contract_code, order_id, limit_order_id=None)``: the trigger order's price
  was reached. It leaves the trigger book (HTX files it under its history) and a limit order
  with its contract, direction, offset, volume, price and lever rate appears in the limit
  book, newest of all (``limit_order_id``: its id, by default the trigger's). A trigger that
  is no longer open (cancelled, or gone) does not fire.
- ``place_order(spec)``: the order ``spec`` (an ``OrderSpec`` of any kind) is placed, newest
  of all: at the head of its open-orders pages, which shifts every later page by one.

A schedule is either a count of requests, ``after`` (1 = the first) requests to ``path`` (None:
any path), and of those only the ones asking for page ``page_index`` of an open-orders query
when given: the move happens once the exchange has processed that request, so its answer
still shows the book before the move; or a time, ``in_seconds`` from now on the server clock
(checked before every request and every ``cancel_after_check_interval``).

>>> from htx_swap_mock import moves
>>> moves.fire_trigger("BTC-USD", 771050000000000001).kind
<MoveKind.FIRE_TRIGGER: 'fire_trigger'>
"""

from __future__ import annotations

import enum
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass

from htx_swap_mock.lifecycle import OrderKind
from htx_swap_mock.order_spec import OrderSpec, normalize_contract_code, normalize_id
from htx_swap_mock.orders import OrderBook
from htx_swap_mock.recording import ReceivedRequest

__all__ = ["Move", "MoveKind", "MovePlan", "MoveRule", "fire_trigger", "place_order"]


class MoveKind(enum.StrEnum):
    FIRE_TRIGGER = "fire_trigger"  # a trigger order fires: it becomes a limit order
    PLACE_ORDER = "place_order"  # an order is placed (the newest: the head of its pages)


@dataclass(frozen=True)
class Move:
    """One move; build it with ``fire_trigger`` or ``place_order``."""

    kind: MoveKind
    contract_code: str = ""
    order_id: str = ""  # the trigger order that fires
    limit_order_id: str | None = None  # the limit order it becomes (None: the trigger's id)
    spec: OrderSpec | None = None  # the order placed


def fire_trigger(
    contract_code: str, order_id: int | str, limit_order_id: int | str | None = None
) -> Move:
    """The trigger order ``order_id`` fires: it leaves the trigger book and becomes a limit
    order (id ``limit_order_id``, by default the trigger's)."""
    return Move(
        MoveKind.FIRE_TRIGGER,
        contract_code=normalize_contract_code(contract_code),
        order_id=normalize_id(order_id),
        limit_order_id=None if limit_order_id is None else normalize_id(limit_order_id),
    )


def place_order(spec: OrderSpec) -> Move:
    """The order ``spec`` describes is placed, as the newest of its book."""
    if not isinstance(spec, OrderSpec):
        raise ValueError(f"place_order needs an OrderSpec, got {spec!r}")
    return Move(MoveKind.PLACE_ORDER, spec.contract_code, spec.order_id, spec=spec)


Books = Callable[[OrderKind], OrderBook]  # ``ExchangeState.book``


def _apply(move: Move, books: Books) -> str:
    """Do ``move`` on the books; what it did, in a few words."""
    if move.kind is MoveKind.PLACE_ORDER:
        assert move.spec is not None
        books(move.spec.kind).add(move.spec)
        return f"placed {move.spec.kind} order {move.order_id}"
    fired = books(OrderKind.TRIGGER).take_open(move.contract_code, move.order_id)
    if fired is None:
        return f"trigger order {move.order_id} is not open: not fired"
    limit_id = move.limit_order_id or move.order_id
    books(OrderKind.LIMIT).add(
        OrderSpec(
            fired.contract_code,
            limit_id,
            volume=fired.volume,
            price=fired.price,
            direction=fired.direction,
            offset=fired.offset,
            lever_rate=fired.lever_rate,
        )
    )
    return f"trigger order {move.order_id} fired: limit order {limit_id}"


@dataclass
class MoveRule:
    """A scheduled move and what became of it (``done``: what it did, None until then)."""

    move: Move
    path: str | None = None
    page_index: int | None = None
    after: int = 1
    due_at: float | None = None  # server clock, POSIX seconds
    seen: int = 0  # matching requests processed so far
    done: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.after, bool) or not isinstance(self.after, int) or self.after < 1:
            raise ValueError(f"after must be an integer >= 1, got {self.after!r}")
        page = self.page_index
        if page is not None and (isinstance(page, bool) or not isinstance(page, int) or page < 1):
            raise ValueError(f"page_index must be an integer >= 1, got {page!r}")
        if self.due_at is not None and (self.path, self.page_index, self.after) != (None, None, 1):
            raise ValueError("a move is due either at a time or after requests, not both")

    def _matches(self, request: ReceivedRequest) -> bool:
        if self.due_at is not None or (self.path is not None and request.path != self.path):
            return False
        return self.page_index is None or _page_index(request.body) == self.page_index


def _page_index(body: bytes) -> int | None:
    """The page an open-orders request asks for (HTX's default 1), None when unreadable."""
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        return None
    page = data.get("page_index", 1) if isinstance(data, dict) else None
    return int(page) if isinstance(page, int | float) and not isinstance(page, bool) else None


class MovePlan:
    """The scheduled moves, in the order they were added."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[MoveRule] = []

    def add(self, rule: MoveRule) -> MoveRule:
        with self._lock:
            self._rules.append(rule)
        return rule

    def after_request(self, request: ReceivedRequest, books: Books) -> None:
        """Count ``request`` (just processed) and do every move it makes due."""
        with self._lock:
            due = []
            for rule in self._rules:
                if rule.done is None and rule._matches(request):
                    rule.seen += 1
                    if rule.seen >= rule.after:
                        due.append(rule)
            for rule in due:
                rule.done = _apply(rule.move, books)

    def due(self, now: float, books: Books) -> None:
        """Do every timed move whose time has come."""
        with self._lock:
            for rule in self._rules:
                if rule.done is None and rule.due_at is not None and rule.due_at <= now:
                    rule.done = _apply(rule.move, books)

    def all(self) -> list[MoveRule]:
        with self._lock:
            return list(self._rules)

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
