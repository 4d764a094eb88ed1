"""The order stream's decisions, I/O-free: the bounded buffer between the connection and its
consumer (a typed ``PushGap`` where updates were lost, never a silent drop), when to reconnect
and after how long, and the settings every driver shares. The sync and asyncio drivers
(``push_sync``, ``push_async``) move bytes and wait; they decide nothing of their own.

>>> buffer = UpdateBuffer(capacity=1)
>>> buffer.put_update("a"); buffer.put_update("b"); buffer.put_update("c")
>>> buffer.take_all()
['a', PushGap(reason='overflow', lost=2, error=None)]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

import attrs

from htx_swap._model.errors import HtxError, InvalidRequestError
from htx_swap._push.push_protocol import DEFAULT_MAX_FRAME_BYTES, HEARTBEAT_PERIOD, OrderUpdate

__all__ = [
    "DEFAULT_QUEUE_SIZE",
    "PushGap",
    "PushSettings",
    "StreamItem",
    "UpdateBuffer",
    "reconnect_delay",
]

DEFAULT_QUEUE_SIZE = 10_000  # updates held for a slow consumer before a gap is reported
RECONNECT_FIRST = 0.1  # seconds before the first reconnect, doubling, at most RECONNECT_MAX
RECONNECT_MAX = 5.0
T = TypeVar("T")


@attrs.frozen
class PushGap:
    """A place in the order stream where updates may be missing (HTX replays nothing):

    - ``"overflow"``: the consumer was too slow and ``lost`` updates were dropped here;
    - ``"reconnect"``: the connection ended (``error`` says why) and a new one is being made;
      pushes sent meanwhile are gone;
    - ``"closed"``: the stream ended for good (``error``: a refused auth or subscription, which
      is not retried). Nothing follows it.

    After any gap, read the orders you care about (``order_info`` / ``open_orders``).
    """

    reason: str
    lost: int | None = None
    error: HtxError | None = attrs.field(default=None, eq=False)

    @property
    def final(self) -> bool:
        """Whether the stream ended here (nothing more will come)."""
        return self.reason == "closed"


StreamItem = OrderUpdate | PushGap


@attrs.define
class _Lost:
    count: int = 1


class UpdateBuffer(Generic[T]):
    """At most ``capacity`` updates waiting for the consumer, plus two gap markers and the
    final one: when full, a new update is dropped and counted in the overflow gap at the end
    of the buffer, or, when a reconnect gap ends it, covered by that gap. Consecutive reconnect
    gaps are one (the newest, whose error says why), so a server that drops every connection
    costs a consumer that does not read one slot, not one per disconnect."""

    def __init__(self, capacity: int = DEFAULT_QUEUE_SIZE) -> None:
        self.capacity = capacity
        self._items: deque[T | PushGap | _Lost] = deque()

    def __len__(self) -> int:
        return len(self._items)

    def put_update(self, update: T) -> None:
        """Add ``update``, or count it lost when the buffer is full."""
        items = self._items
        if len(items) < self.capacity:
            items.append(update)
        elif items and isinstance(items[-1], _Lost):
            items[-1].count += 1
        elif items and _is_reconnect(items[-1]):
            pass  # dropped where a reconnect gap already says updates may be missing
        else:
            items.append(_Lost())

    def put_gap(self, gap: PushGap) -> None:
        """Add a gap marker; a reconnect gap right after another replaces it."""
        items = self._items
        if items and _is_reconnect(items[-1]) and _is_reconnect(gap):
            items[-1] = gap
        else:
            items.append(gap)

    def take_all(self) -> list[T | PushGap]:
        """Everything buffered, in order."""
        taken = [_item(item) for item in self._items]
        self._items.clear()
        return taken

    def take_one(self) -> T | PushGap | None:
        """The oldest item, or None when empty."""
        return _item(self._items.popleft()) if self._items else None


def _is_reconnect(item: object) -> bool:
    return isinstance(item, PushGap) and item.reason == "reconnect"


def _item(item: T | PushGap | _Lost) -> T | PushGap:
    return PushGap("overflow", lost=item.count) if isinstance(item, _Lost) else item


def reconnect_delay(failures: int) -> float:
    """Seconds before reconnect number ``failures`` (1, 2, …) of a row.

    >>> [reconnect_delay(n) for n in (1, 2, 3, 10)]
    [0.1, 0.2, 0.4, 5.0]
    """
    return float(min(RECONNECT_MAX, RECONNECT_FIRST * 2 ** max(0, failures - 1)))


def _positive(name: str, value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise InvalidRequestError(name, f"must be seconds > 0, got {value!r}")
    return float(value)


@attrs.frozen
class PushSettings:
    """What one order-push connection needs: the notification ``url``, the time boxes
    (``open_timeout`` for connect + TLS + WebSocket handshake, ``answer_timeout`` for each of
    the auth and sub answers), HTX's ``heartbeat_period``, the cap on a frame once
    decompressed, the consumer's queue size, and the clocks (``wall_clock``: the signer's,
    with its offset)."""

    url: str
    wall_clock: Callable[[], float]
    open_timeout: float = 10.0
    answer_timeout: float = 5.0
    heartbeat_period: float = HEARTBEAT_PERIOD
    max_frame_bytes: int = DEFAULT_MAX_FRAME_BYTES
    queue_size: int = DEFAULT_QUEUE_SIZE

    def __attrs_post_init__(self) -> None:
        _positive("open_timeout", self.open_timeout)
        _positive("answer_timeout", self.answer_timeout)
        _positive("heartbeat_period", self.heartbeat_period)
        size = self.queue_size
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise InvalidRequestError("queue_size", f"must be an int >= 1, got {size!r}")
