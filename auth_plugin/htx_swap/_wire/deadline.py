"""The deadline of the sync attempt in progress, per thread: set by ``SwapClient`` around each
attempt, read by ``DeadlineTransport``'s sockets; and the guard for transports that cannot
honour it. Apart from ``transport.py`` so that importing ``htx_swap`` does not import httpcore:
httpx itself imports it only when a client is made.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable
from typing import TypeVar

__all__ = ["left", "local", "on_helper_thread"]

T = TypeVar("T")

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


def on_helper_thread(attempt: Callable[[], T], until: float, wait: float) -> T | None:
    """Run ``attempt`` (its deadline ``until``) on a helper thread and wait ``wait`` seconds at
    most: its value, its exception raised here, or None when the wait ran out. Over a caller's
    own client the SDK cannot cut socket reads, so it stops waiting instead; the thread
    finishes, or fails, when the server lets it, and its answer is dropped."""
    value: list[T] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def run() -> None:
        local.until = until  # honoured when the client is on DeadlineTransport
        try:
            value.append(attempt())
        except BaseException as error:  # handed to the caller's thread
            failure.append(error)
        finally:
            done.set()

    # in the caller's context: its current span (OpenTelemetry) is the attempt's, as without
    # the helper thread
    context = contextvars.copy_context()
    threading.Thread(target=context.run, args=(run,), name="htx-swap-attempt", daemon=True).start()
    if not done.wait(wait):
        return None
    if failure:
        raise failure[0]
    return value[0]
