"""Keep HTX's dead man's switch armed while a block runs: a thread (sync) or a task (async)
re-arms it every ``refresh`` seconds; a clean exit turns it off; an exception in the block, or
the process dying, leaves it armed, so HTX cancels every open order when it runs out. A failed
refresh is kept on the switch (``check()`` raises it) and raised when the block exits."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

from htx_swap.errors import HtxError, InvalidRequestError
from htx_swap.results import CancelAfterStatus

__all__ = ["DeadMansSwitch", "keep_armed", "keep_armed_async", "refresh_period"]


class DeadMansSwitch:
    """A switch kept armed by ``dead_mans_switch()``: its last ``status`` from HTX, how many
    ``refreshes`` went through, and the ``error`` that stopped refreshing, if one did."""

    def __init__(self, status: CancelAfterStatus) -> None:
        self.status = status
        self.refreshes = 0
        self.error: HtxError | None = None

    def __repr__(self) -> str:
        return f"DeadMansSwitch({self.status!r}, refreshes={self.refreshes}, error={self.error!r})"

    def check(self) -> None:
        """Raise the error of a failed refresh: the switch may run out and fire."""
        if self.error is not None:
            raise self.error


def refresh_period(timeout: float, refresh: float | None) -> float:
    """``refresh`` (default: a third of ``timeout``); it must leave the switch time to spare."""
    if refresh is None:
        return timeout / 3
    if (
        isinstance(refresh, bool)
        or not isinstance(refresh, int | float)
        or not 0 < refresh < timeout
    ):
        raise InvalidRequestError("refresh", f"must be seconds in (0, timeout), got {refresh!r}")
    return float(refresh)


@contextlib.contextmanager
def keep_armed(
    arm: Callable[[float | None], CancelAfterStatus], timeout: float, refresh: float
) -> Iterator[DeadMansSwitch]:
    """The sync switch: ``arm(timeout)`` now and every ``refresh`` seconds in a thread."""
    switch = DeadMansSwitch(arm(timeout))
    stop = threading.Event()

    def refresher() -> None:
        while not stop.wait(refresh):
            try:
                switch.status = arm(timeout)
                switch.refreshes += 1
            except HtxError as error:
                switch.error = error
                return

    thread = threading.Thread(target=refresher, name="htx-dead-mans-switch", daemon=True)
    thread.start()
    try:
        yield switch
    finally:
        stop.set()
        thread.join()
    switch.status = arm(None)  # a clean exit: off (an exception above leaves it armed)
    switch.check()


@contextlib.asynccontextmanager
async def keep_armed_async(
    arm: Callable[[float | None], Awaitable[CancelAfterStatus]], timeout: float, refresh: float
) -> AsyncIterator[DeadMansSwitch]:
    """The async switch: ``arm(timeout)`` now and every ``refresh`` seconds in a task."""
    import asyncio

    switch = DeadMansSwitch(await arm(timeout))

    async def refresher() -> None:
        while True:
            await asyncio.sleep(refresh)
            try:
                switch.status = await arm(timeout)
                switch.refreshes += 1
            except HtxError as error:
                switch.error = error
                return

    task = asyncio.create_task(refresher(), name="htx-dead-mans-switch")
    try:
        yield switch
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    switch.status = await arm(None)
    switch.check()
