"""A client-side request limiter that one sync and any number of async callers can share.

At most ``max_requests`` requests are in flight or answered within the last ``period`` seconds,
and a slot's period starts when its answer came (``release()``), not when it was sent: the
exchange counts a request when it arrives, which can be well after it left (the first requests
of a burst also open connections), so a window kept on send times lets the 73rd request of a
burst reach HTX less than 3 s after the 1st was counted, and HTX refuses it (429, 1032).
Counting from the answer costs at most one round trip per window and never meets a refusal.

``acquire()`` never sleeps: it takes a slot and returns 0.0, or returns how long to wait before
asking again, so the sync path sleeps with ``time.sleep`` and the async path with
``asyncio.sleep``. Every ``acquire()`` that returned 0.0 is followed by one ``release()`` once
the request is answered or has failed.

Why not a library: aiolimiter is async-only, and pyrate-limiter costs about 46 ms to import
(a quarter of httpx+attrs' own import time) for what is one deque and a lock here.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

__all__ = ["POLL_INTERVAL", "RateLimiter", "htx_read_limiter", "htx_trade_limiter"]

# When every slot is taken by a request still in flight, no answer time is known yet: ask again
# this soon.
POLL_INTERVAL = 0.005


class RateLimiter:
    """At most ``max_requests`` per ``period`` seconds (HTX: 72 trade requests per 3 s per UID),
    each counted from its answer.

    >>> now = [100.0]
    >>> limiter = RateLimiter(2, 1.0, clock=lambda: now[0])
    >>> limiter.acquire(), limiter.acquire()  # two slots taken: send both now
    (0.0, 0.0)
    >>> limiter.release()  # the first answer came at t=100
    >>> limiter.acquire()  # the next slot frees one period after that answer
    1.0
    """

    def __init__(
        self, max_requests: int, period: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_requests < 1 or period <= 0:
            raise ValueError("RateLimiter needs max_requests >= 1 and period > 0")
        self.max_requests = max_requests
        self.period = period
        self._clock = clock
        self._in_flight = 0
        self._answered: deque[float] = deque()  # answer times still inside the window
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"RateLimiter({self.max_requests}, {self.period})"

    def acquire(self) -> float:
        """Take a slot and return 0.0 (send now), or return the seconds to wait before asking
        again (no slot is taken)."""
        with self._lock:
            now = self._clock()
            answered = self._answered
            while answered and answered[0] + self.period <= now:
                answered.popleft()
            if self._in_flight + len(answered) < self.max_requests:
                self._in_flight += 1
                return 0.0
            if answered:
                return answered[0] + self.period - now
            return POLL_INTERVAL

    def abandon(self) -> None:
        """A slot was taken for a request that was then not sent: give it back unused."""
        with self._lock:
            if self._in_flight > 0:
                self._in_flight -= 1

    def release(self) -> None:
        """A request that took a slot was answered (or failed): its period starts now."""
        with self._lock:
            if self._in_flight > 0:
                self._in_flight -= 1
                self._answered.append(self._clock())


def htx_trade_limiter() -> RateLimiter:
    """A fresh limiter with HTX's documented trade limit: 72 requests per 3 seconds."""
    return RateLimiter(72, 3.0)


def htx_read_limiter() -> RateLimiter:
    """A fresh limiter for HTX's read requests (order info), a bucket apart from trades: 72
    requests per 3 seconds."""
    return RateLimiter(72, 3.0)
