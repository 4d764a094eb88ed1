"""What ``cancel_and_confirm`` knows about each id, and the final ``CancelOutcome``.

HTX's cancel answer only says a cancel was *accepted*; the order may still fill before the
cancel takes effect. This module keeps the bookkeeping pure (no I/O, no clock) so the sync and
async clients share it: feed it the cancel's result, then each batch of order information, and
ask which ids still need polling.

Every id lands in exactly one list:

- ``cancelled``: final status 7 (cancelled), 5 (partly filled, the rest cancelled) or 10 (the
  order failed: final, nothing left to fill);
- ``filled``: final status 6, the order filled before the cancel took effect;
- ``failed``: the cancel itself refused it (1061 not found, 1063 already filled, …), or the
  cancel request failed as a whole and order information shows the order still live or absent
  (``cause`` holds the exception);
- ``pending``: not final when the deadline passed (status 1-4 or 11, or never seen).
"""

from __future__ import annotations

import attrs

from htx_swap.order_info import OrderInfo, OrderStatus
from htx_swap.results import CancelResult, OrderCancelError

__all__ = ["CancelOutcome", "Confirmation"]

_CANCELLED = frozenset(
    {OrderStatus.CANCELLED, OrderStatus.PARTIALLY_FILLED_CANCELLED, OrderStatus.FAILED}
)
_LIVE = frozenset(
    {
        OrderStatus.READY_TO_SUBMIT,
        OrderStatus.READY_TO_SUBMIT_2,
        OrderStatus.SUBMITTED,
        OrderStatus.PARTIALLY_FILLED,
    }
)


@attrs.frozen
class CancelOutcome:
    """The final state of each order a ``cancel_and_confirm`` call named.

    ``orders`` holds the last order information seen for each id that was polled (keyed by the
    id as given: an order id, or a client order id). ``cancel_result`` is the cancel's own
    answer (accepted ids, per-order refusals, attempts, rate limit).
    """

    cancelled: list[str]
    filled: list[str]
    failed: list[OrderCancelError]
    pending: list[str]
    orders: dict[str, OrderInfo]
    cancel_result: CancelResult = attrs.field(repr=False)

    @property
    def all_final(self) -> bool:
        """True when no order is left pending."""
        return not self.pending


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
        self._final: dict[str, str] = {}  # id -> "cancelled" | "filled"
        self._failed: dict[str, OrderCancelError] = {}
        # ids whose cancel request failed as a whole: failed unless order info shows the
        # cancel took (the request may have reached the exchange before it failed)
        self._unsure: dict[str, OrderCancelError] = {}
        self._orders: dict[str, OrderInfo] = {}
        self._poll: list[str] = []
        for error in cancel_result.errors:
            if error.cause is None:
                self._failed[error.order_id] = error
            else:
                self._unsure[error.order_id] = error
        accepted = set(cancel_result.successes)
        self._poll = [i for i in ids if i in accepted or i in self._unsure]

    def to_poll(self) -> list[str]:
        """The ids whose final state is still unknown, in the order they were given."""
        return list(self._poll)

    def _key(self, order: OrderInfo) -> str | None:
        return order.client_order_id if self._by_client_id else order.order_id

    def record(self, asked: list[str], orders: list[OrderInfo]) -> None:
        """Take one order-info answer for the ids ``asked``."""
        seen: set[str] = set()
        for order in orders:
            key = self._key(order)
            if key is None or key not in asked:
                continue
            seen.add(key)
            self._orders[key] = order
            if order.status in _CANCELLED:
                self._final[key] = "cancelled"
            elif order.status is OrderStatus.FILLED:
                self._final[key] = "filled"
            elif order.status in _LIVE and key in self._unsure:
                self._failed[key] = self._unsure[key]  # the failed cancel did not take
        for key in asked:
            if key in self._unsure and key not in seen:
                self._failed[key] = self._unsure[key]  # not found: the cancel cannot have taken
        done = self._final.keys() | self._failed.keys()
        self._poll = [i for i in self._poll if i not in done]

    def outcome(self) -> CancelOutcome:
        """The outcome now: ids not yet final are pending, except those whose cancel request
        failed as a whole and that no answer showed cancelling (status 11): those failed."""
        failed = dict(self._failed)
        for key in self._poll:
            seen = self._orders.get(key)
            if key in self._unsure and (seen is None or seen.status is not OrderStatus.CANCELLING):
                failed[key] = self._unsure[key]
        return CancelOutcome(
            cancelled=[i for i in self._ids if self._final.get(i) == "cancelled"],
            filled=[i for i in self._ids if self._final.get(i) == "filled"],
            failed=[failed[i] for i in self._ids if i in failed],
            pending=[i for i in self._poll if i not in failed],
            orders={i: self._orders[i] for i in self._ids if i in self._orders},
            cancel_result=self._result,
        )
