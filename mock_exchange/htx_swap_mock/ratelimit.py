"""A sliding-window rate limiter per access key, and the ``Ratelimit-*`` headers it implies.

HTX allows 72 trade requests per 3 s per account. The window slides: a request counts until
``interval`` seconds after it was admitted. The clock is monotonic and injectable, so window
expiry is tested without sleeping.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["RateDecision", "SlidingWindowLimiter"]


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    limit: int
    interval: float  # seconds
    remaining: int
    reset_after: float  # seconds until the oldest counted request leaves the window

    @property
    def retry_after(self) -> int:
        """Whole seconds for ``Retry-After`` (HTTP wants an integer), at least 1."""
        return max(1, math.ceil(round(self.reset_after, 6)))

    def headers(self, now_ms: int) -> list[tuple[str, str]]:
        """HTX's headers, capitalised as HTX sends them (clients must not rely on case)."""
        return [
            ("Ratelimit-Limit", str(self.limit)),
            ("Ratelimit-Interval", str(round(self.interval * 1000))),
            ("Ratelimit-Remaining", str(self.remaining)),
            # round() first: float noise (0.1 s -> 100.000001 ms) must not add a millisecond
            ("Ratelimit-Reset", str(now_ms + math.ceil(round(self.reset_after * 1000, 6)))),
        ]


class SlidingWindowLimiter:
    """``limit`` requests per ``interval`` seconds per key."""

    def __init__(
        self, limit: int, interval: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if limit < 1 or interval <= 0:
            raise ValueError("rate limit needs limit >= 1 and interval > 0")
        self.limit = limit
        self.interval = interval
        self._clock = clock
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}

    def _window(self, key: str, now: float) -> deque[float]:
        hits = self._hits.setdefault(key, deque())
        while hits and hits[0] <= now - self.interval:
            hits.popleft()
        return hits

    def hit(self, key: str) -> RateDecision:
        """Count a request for ``key`` if the window has room; refused requests do not count."""
        with self._lock:
            now = self._clock()
            hits = self._window(key, now)
            allowed = len(hits) < self.limit
            if allowed:
                hits.append(now)
            reset_after = hits[0] + self.interval - now if hits else self.interval
            return RateDecision(
                allowed=allowed,
                limit=self.limit,
                interval=self.interval,
                remaining=self.limit - len(hits),
                reset_after=reset_after,
            )

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()
