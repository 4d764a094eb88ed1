"""What ``cancel_and_confirm`` knows about each id, and the final ``CancelOutcome``.

HTX's cancel answer only says a cancel was *accepted*; the order may still fill before the
cancel takes effect. This module keeps the bookkeeping pure (no I/O, no clock) so the sync and
async clients share it: feed it the cancel's result, then each batch of order information, and
ask which ids still need polling.

Every id lands in exactly one list:

- ``cancelled``: final status 7 (cancelled), 5 (partly filled, the rest cancelled) or 10 (the
  order failed: final, and nothing of it can fill);
- ``filled``: final status 6, the order filled before the cancel took effect;
- ``failed``: the cancel was proven refused: HTX's per-id error (1061 not found, 1063 already
  filled, …) when no attempt of the call may have reached HTX, a refusal of the whole request
  in HTX's own envelope (say, the key), or a request that surely never left (no connection;
  ``cause`` holds the exception). Nothing whose ``may_have_reached`` is True is ever failed;
- ``pending``: not final when the deadline passed: accepted, or in doubt (the request may have
  reached HTX: a timeout after sending, a lost answer, a 5xx, a malformed answer, an id the
  answer did not name or contradicted itself about, a per-id error after an earlier attempt
  that may have gone through, order information that contradicted itself) and order
  information did not settle it.

Accepted ids, ids answered 1062 (cancelling) or 1071 (already cancelled), which mean an earlier
cancel took, and ids in doubt are polled; refused ids are not, so a call whose cancel was
refused for every id returns at once.

One answer listing an order more than once settles it only when the entries agree: identical
repeats count once, and a final entry outranks one that is not (a final state never changes
back). Entries that differ otherwise (say, status 6 and status 7) are a contradiction: the id
is not settled by that answer, stays polled, and is pending and in doubt unless a later answer
settles it; ``poll_error`` names it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from htx_swap._model.constants import ALREADY_CANCELLING
from htx_swap._model.errors import APITimeoutError, HtxError, ResponseParseError, SettlementError
from htx_swap._model.order_info import OrderInfo, OrderStatus
from htx_swap._model.results import CancelResult, OrderCancelError
from htx_swap._model.serialize import Serializable
from htx_swap._wire.error_map import SETTLEMENT_CODES

if TYPE_CHECKING:
    from htx_swap._model.attempts import AttemptRecord

if TYPE_CHECKING:
    from htx_swap._push.push_protocol import OrderUpdate

__all__ = ["PUSH_GRACE", "PUSH_HEARD_GRACE", "CancelOutcome", "Confirmation", "ReadSchedule"]

# With the order push live, an id no push has named is read after PUSH_GRACE seconds; an id
# whose last push was not final (say 11, cancelling) PUSH_HEARD_GRACE seconds after that push;
# every id still awaited at once after a gap (HTX replays nothing).
PUSH_GRACE = 0.5
PUSH_HEARD_GRACE = 2.0

_CANCELLED = frozenset(
    {OrderStatus.CANCELLED, OrderStatus.PARTIALLY_FILLED_CANCELLED, OrderStatus.FAILED}
)


@attrs.frozen
class CancelOutcome(Serializable):
    """The final state of each order a ``cancel_and_confirm`` call named.

    ``orders`` holds the last order information seen for each id that was polled (keyed by the
    id as given: an order id, or a client order id; never an entry of an answer that
    contradicted itself about that id). ``pending`` ids whose cancel is in doubt (may have
    reached HTX) or whose order information contradicted itself are also in ``in_doubt``.
    ``cancel_result`` is the cancel's own answer (accepted ids, per-order refusals, attempts,
    rate limit). ``poll_error`` is the last error an order-info request met (say, a key without
    Read permission, or an answer that contradicted itself): the reason ids may have stayed
    pending. ``reads`` is the number of order-info requests spent (HTX's read bucket);
    ``via`` is how states were learnt: ``"push"`` (the order push was live, order info read
    only for ids it did not settle) or ``"poll"``; ``updates`` holds the final push that
    settled each id settled by the push (keyed as ``orders``).
    """

    cancelled: list[str]
    filled: list[str]
    failed: list[OrderCancelError]
    pending: list[str]
    orders: dict[str, OrderInfo]
    cancel_result: CancelResult = attrs.field(repr=False)
    poll_error: HtxError | None = attrs.field(default=None, repr=False, eq=False)
    in_doubt: list[str] = attrs.field(factory=list)
    reads: int = attrs.field(default=0, eq=False)
    via: str = attrs.field(default="poll", eq=False)
    updates: dict[str, OrderUpdate] = attrs.field(factory=dict, repr=False, eq=False)
    # every attempt of the call: the cancel's and the polls'
    attempt_log: tuple[AttemptRecord, ...] = attrs.field(default=(), repr=False, eq=False)

    @property
    def all_final(self) -> bool:
        """True when no order is left pending."""
        return not self.pending

    @property
    def settlement(self) -> list[str]:
        """The ``failed`` ids whose cancel HTX refused because the contract is in settlement or
        delivery (1056 / 1059): not cancelled, and not in doubt; cancel them again once the
        settlement is over."""
        return [
            e.order_id
            for e in self.failed
            if isinstance(e.cause, SettlementError) or e.err_code in SETTLEMENT_CODES
        ]


class Confirmation:
    """Bookkeeping for one ``cancel_and_confirm`` call.

    >>> result = CancelResult(successes=["11", "12"], errors=[], ts=0)
    >>> c = Confirmation(["11", "12"], by_client_id=False, cancel_result=result)
    >>> c.to_poll()
    ['11', '12']
    """

    def __init__(self, ids: list[str], *, by_client_id: bool, cancel_result: CancelResult) -> None:
        self._ids = ids
        self._by_client_id = by_client_id
        self._result = cancel_result
        self._final: dict[str, str] = {}  # id -> "cancelled" | "filled", from order info
        self._refused: dict[str, OrderCancelError] = {}  # refused by the cancel itself
        # ids whose cancel is in doubt: the request failed as a whole after it may have reached
        # HTX, the answer did not name them, or it refused them after an earlier attempt may
        # have gone through. Pending and in doubt unless order info settles them.
        self._unsure: dict[str, OrderCancelError] = {}
        self._orders: dict[str, OrderInfo] = {}
        self._updates: dict[str, OrderUpdate] = {}
        self.reads = 0  # order-info requests spent
        self.via = "poll"
        self.answered_at = 0.0  # monotonic: the cancels' answer (confirmation latency from it)
        self._poll_error: HtxError | None = None
        # ids order info contradicted (one order listed twice, in two differing states): in
        # doubt until an answer settles them
        self._contradicted: set[str] = set()
        accepted = set(cancel_result.successes)
        errors: dict[str, OrderCancelError] = {}
        for entry in cancel_result.errors:
            errors.setdefault(entry.order_id, entry)
        for order_id in ids:
            error = errors.get(order_id)
            if order_id in accepted:
                continue  # accepted: order info decides
            if error is None:
                self._unsure[order_id] = OrderCancelError(
                    order_id,
                    -1,
                    "the cancel answer named neither a success nor an error for it",
                    may_have_reached=True,
                )
            elif _may_have_reached(error):  # in doubt, whatever its code: never a refusal
                self._unsure[order_id] = error
            elif error.cause is not None or error.err_code not in ALREADY_CANCELLING:
                self._refused[order_id] = error
            # 1062 (cancelling) / 1071 (already cancelled): a cancel took before; poll it
        self._poll = [i for i in ids if i not in self._refused]

    def to_poll(self) -> list[str]:
        """The ids whose final state is still unknown, in the order they were given."""
        return list(self._poll)

    def record(
        self, asked: list[str], orders: list[OrderInfo], problems: list[str] | None = None
    ) -> None:
        """Take one order-info answer for the ids ``asked`` (``problems``: entries of it that
        could not be read; their ids stay to be polled)."""
        notes = list(problems or [])  # the unreadable entries' ids stay to be polled; say why
        entries: dict[str, list[OrderInfo]] = {}
        for order in orders:
            key = order.client_order_id if self._by_client_id else order.order_id
            if key is None and len(asked) == 1 and len(orders) == 1:
                key = asked[0]  # an answer without the client id, to a question about one
            if key is not None and key in asked:
                entries.setdefault(key, []).append(order)
        for key in asked:
            found = _one_entry(entries.get(key, []))
            if isinstance(found, list):  # HTX contradicted itself: never pick one
                self._contradicted.add(key)
                states = ", ".join(str(order.status_code) for order in found)
                notes.append(f"order {key} listed with different contents (status {states})")
            elif found is not None:
                self._orders[key] = found
                if found.status in _CANCELLED:
                    self._final[key] = "cancelled"
                elif found.status is OrderStatus.FILLED:
                    self._final[key] = "filled"
        if notes:
            self._poll_error = ResponseParseError("order info: " + "; ".join(notes))
        self._poll = [i for i in self._poll if i not in self._final and i not in self._refused]

    def record_push(self, update: OrderUpdate) -> str | None:
        """Take one order push. Only ids still awaited count (a push for an id nobody asked
        about, refused, or already final is ignored, so a push never overrides a final state):
        a final status settles the id as order info would; another status leaves it awaited.
        Returns the awaited id the push named, else None."""
        key = update.client_order_id if self._by_client_id else update.order_id
        if key is None or key not in self._poll:
            return None
        if update.status in _CANCELLED:
            self._final[key] = "cancelled"
        elif update.status is OrderStatus.FILLED:
            self._final[key] = "filled"
        else:
            return key
        self._updates[key] = update
        self._poll = [i for i in self._poll if i != key]
        return key

    def poll_failed(self, error: HtxError) -> None:
        """An order-info request failed: its ids stay to be polled; the error is kept. A
        timeout (the deadline cutting the last poll short) never hides an earlier error, which
        says why the ids stayed pending (say, a key without Read permission)."""
        if isinstance(error, APITimeoutError) and self._poll_error is not None:
            return
        self._poll_error = error

    def _bucket(self, order_id: str) -> str:
        """The one list an id belongs in now."""
        if order_id in self._final:
            return self._final[order_id]
        if order_id in self._refused:
            return "failed"
        return "pending"  # accepted or in doubt, and not final yet: never called refused

    def outcome(self) -> CancelOutcome:
        """The outcome now. Each id given is in exactly one list."""
        buckets: dict[str, list[str]] = {"cancelled": [], "filled": [], "failed": [], "pending": []}
        for order_id in self._ids:
            buckets[self._bucket(order_id)].append(order_id)
        return CancelOutcome(
            cancelled=buckets["cancelled"],
            filled=buckets["filled"],
            failed=[self._refused[i] for i in buckets["failed"]],
            pending=buckets["pending"],
            orders={i: self._orders[i] for i in self._ids if i in self._orders},
            cancel_result=self._result,
            poll_error=self._poll_error,
            in_doubt=[
                i for i in buckets["pending"] if i in self._unsure or i in self._contradicted
            ],
            reads=self.reads,
            via=self.via,
            updates={i: self._updates[i] for i in self._ids if i in self._updates},
        )


class ReadSchedule:
    """When each awaited id is read from order info while the order push is live (pure: the
    time is passed in). An id is due ``PUSH_GRACE`` s after the cancels were answered, or
    ``PUSH_HEARD_GRACE`` s after a push named it without settling it; after a read, again after
    the poll pause; after a gap, at once.

    >>> schedule = ReadSchedule(start=10.0)
    >>> schedule.due(["1", "2"], 10.4), schedule.next_due(["1", "2"])
    ([], 10.5)
    >>> schedule.heard("2", 10.45); schedule.due(["1", "2"], 10.5)
    ['1']
    >>> schedule.gap(10.6); schedule.due(["1", "2"], 10.6)
    ['1', '2']
    """

    def __init__(self, start: float) -> None:
        self._start = start
        self._due: dict[str, float] = {}

    def _due_at(self, key: str) -> float:
        return self._due.get(key, self._start + PUSH_GRACE)

    def due(self, awaited: list[str], now: float) -> list[str]:
        """The awaited ids to read now."""
        return [key for key in awaited if self._due_at(key) <= now]

    def next_due(self, awaited: list[str]) -> float:
        """The earliest time an awaited id becomes due (inf when none is awaited)."""
        return min((self._due_at(key) for key in awaited), default=float("inf"))

    def heard(self, key: str, now: float) -> None:
        """A push named ``key`` without settling it: the stream follows it."""
        self._due[key] = now + PUSH_HEARD_GRACE

    def read(self, keys: list[str], again_at: float) -> None:
        """``keys`` were read; read them again at ``again_at`` unless a push settles them."""
        for key in keys:
            self._due[key] = again_at

    def gap(self, now: float) -> None:
        """Pushes may have been lost: every id awaited is due now."""
        self._start = min(self._start, now - PUSH_GRACE)
        self._due = {key: min(at, now) for key, at in self._due.items()}


def _may_have_reached(error: OrderCancelError) -> bool:
    """Whether the cancel of ``error``'s id may have been processed all the same (an earlier
    attempt of the call may have reached HTX, or the failed request may have): only an error
    that could not have been is a proven refusal."""
    return error.may_have_reached or (error.cause is not None and error.cause.may_have_reached)


def _one_entry(entries: list[OrderInfo]) -> OrderInfo | list[OrderInfo] | None:
    """What one answer says of one order: its entry (identical repeats count once; a final
    entry outranks one that is not, as a final state never changes back), None when it is not
    listed, or the differing entries when HTX contradicted itself (two final states that
    differ, or, with no final one, two open states that differ)."""
    final = [order for order in entries if order.is_final] or entries
    distinct = list(dict.fromkeys(final))
    if len(distinct) > 1:
        return distinct
    return distinct[0] if distinct else None
