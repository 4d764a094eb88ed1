"""The deadline of the sync attempt in progress, per thread: set by ``SwapClient`` around each
attempt, read by ``DeadlineTransport``'s sockets. Apart from ``transport.py`` so that importing
``htx_swap`` does not import httpcore: httpx itself imports it only when a client is made.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

__all__ = ["attempt_deadline", "left", "local"]

local = threading.local()  # .until: the monotonic time the current attempt must end by


@contextlib.contextmanager
def attempt_deadline(until: float) -> Iterator[None]:
    """Within the block, this thread's socket operations end by ``until`` (monotonic)."""
    local.until = until
    try:
        yield
    finally:
        local.until = None


def left(timeout: float | None, expired: type[Exception]) -> float | None:
    until: float | None = getattr(local, "until", None)
    if until is None:
        return timeout
    remaining = until - time.monotonic()
    if remaining <= 0:
        raise expired("the attempt's time ran out")
    return remaining if timeout is None else min(timeout, remaining)
