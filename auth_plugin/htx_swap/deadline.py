"""The deadline of the sync attempt in progress, per thread: set by ``SwapClient`` around each
attempt, read by ``DeadlineTransport``'s sockets. Apart from ``transport.py`` so that importing
``htx_swap`` does not import httpcore: httpx itself imports it only when a client is made.
"""

from __future__ import annotations

import threading
import time

__all__ = ["left", "local"]

local = threading.local()  # .until: the monotonic time the current attempt must end by


def left(timeout: float | None, expired: type[Exception]) -> float | None:
    """``timeout`` cut to the time the current attempt has left; ``expired`` when none."""
    until: float | None = getattr(local, "until", None)
    if until is None:
        return timeout
    remaining = until - time.monotonic()
    if remaining <= 0:
        raise expired("the attempt's time ran out")
    return remaining if timeout is None else min(timeout, remaining)
