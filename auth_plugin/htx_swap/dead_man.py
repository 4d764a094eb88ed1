"""Keep HTX's dead man's switch armed while a block runs: a thread (sync) or a task (async)
re-arms it every ``refresh`` seconds; a clean exit turns it off; an exception in the block, or
the process dying, leaves it armed, so HTX cancels every open order when it runs out. A failed
refresh is kept on the switch (``check()`` raises it) and raised when the block exits."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

from htx_swap.errors import HtxError, InvalidRequestError
from htx_swap.reports import CancelAfterStatus
from htx_swap.validation import as_seconds, shown

__all__ = ["DeadMansSwitch", "keep_armed", "keep_armed_async", "refresh_period"]


class DeadMansSwitch:
    """A switch kept armed by ``dead_mans_switch()``: its last ``status`` from HTX, how many
    ``refreshes`` went through, and the ``error`` that stopped refreshing, if one did.

    A refresh that fails, comes back too late (after the switch's trigger time), or finds the
    switch off is an error: HTX may have cancelled every open order. ``check()`` raises it, and
    so does leaving the block.
    """

    def __init__(self, status: CancelAfterStatus, timeout: float) -> None:
        if not status.armed:
            raise HtxError("dead man's switch: HTX answered the arming request that it is off")
        self.status = status
        self.refreshes = 0
        self.error: Exception | None = None
        self._timeout = timeout
        self._expires_at = _expiry(status, timeout)

    def __repr__(self) -> str:
        return f"DeadMansSwitch({self.status!r}, refreshes={self.refreshes}, error={self.error!r})"

    def refreshed(self, status: CancelAfterStatus) -> None:
        """Take a refresh's answer; a late or off one is an error."""
        before = self.status
        self.status = status
        self.refreshes += 1
        if not status.armed:
            self._fail("HTX answered that the switch is off")
        elif (
            before.trigger_time is not None
            and status.current_time is not None
            and status.current_time >= before.trigger_time
        ):
            self._fail("the refresh reached HTX after the switch's trigger time: it fired")
        else:
            self._expires_at = _expiry(status, self._timeout)

    def _fail(self, why: str) -> None:
        if self.error is None:
            self.error = HtxError(
                f"dead man's switch: {why}; HTX may have cancelled every open order"
            )

    def check(self) -> None:
        """Raise the error of a failed refresh, or say the switch ran out: it may have fired."""
        if self.error is None and time.monotonic() >= self._expires_at:
            self._fail("no refresh went through before the switch's trigger time")
        if self.error is not None:
            raise self.error


def _expiry(status: CancelAfterStatus, timeout: float) -> float:
    """When, on this machine's monotonic clock, the switch runs out unless refreshed: from
    HTX's own times, or (when it left them out) ``timeout`` seconds from now."""
    if status.trigger_time is None or status.current_time is None:
        return time.monotonic() + timeout
    return time.monotonic() + (status.trigger_time - status.current_time) / 1000


def settle_off(
    switch: DeadMansSwitch, status: CancelAfterStatus, pending: BaseException | None
) -> None:
    """Take the turn-off's answer: an error when HTX says the switch is still armed, else the
    error a refresh left (``pending``), if any."""
    switch.status = status
    if status.armed:
        raise HtxError(
            f"dead man's switch: turning it off was answered 'still armed' (fires at "
            f"{status.trigger_time} ms): HTX will cancel every open order unless it is turned "
            "off"
        ) from pending
    if pending is not None:
        raise pending


def _off_failed(error: HtxError, pending: BaseException | None) -> HtxError:
    return HtxError(
        f"dead man's switch: turning it off failed ({type(error).__name__}: {error}); it may "
        "still be armed, and cancel every open order when it runs out"
        + ("; a refresh had failed before: it may have fired already" if pending else "")
    )


def _ran_out(switch: DeadMansSwitch) -> Exception | None:
    try:
        switch.check()
    except Exception as error:
        return error
    return None


def refresh_period(timeout: float, refresh: float | None) -> float:
    """``refresh`` (default: a third of ``timeout``); it must leave the switch time to spare."""
    if refresh is None:
        return timeout / 3
    seconds = as_seconds(refresh)
    if seconds is None or not 0 < seconds < timeout:
        raise InvalidRequestError(
            "refresh", f"must be seconds in (0, timeout), got {shown(refresh)}"
        )
    return seconds


@contextlib.contextmanager
def keep_armed(
    arm: Callable[[float | None], CancelAfterStatus], timeout: float, refresh: float
) -> Iterator[DeadMansSwitch]:
    """The sync switch: ``arm(timeout)`` now and every ``refresh`` seconds in a thread."""
    switch = DeadMansSwitch(arm(timeout), timeout)
    stop = threading.Event()

    def refresher() -> None:
        while not stop.wait(refresh):
            try:
                switch.check()  # ran out already: stop, the block learns it at its next check
                switch.refreshed(arm(timeout))
            except Exception as error:
                switch.error = switch.error or error
                return

    thread = threading.Thread(target=refresher, name="htx-dead-mans-switch", daemon=True)
    thread.start()
    try:
        yield switch
    finally:
        stop.set()
        thread.join()
    pending = switch.error or _ran_out(switch)  # a refresh failed or came too late
    try:  # a clean exit: off (an exception in the block leaves it on)
        status = arm(None)
    except HtxError as error:
        raise _off_failed(error, pending) from pending or error
    settle_off(switch, status, pending)


@contextlib.asynccontextmanager
async def keep_armed_async(
    arm: Callable[[float | None], Awaitable[CancelAfterStatus]], timeout: float, refresh: float
) -> AsyncIterator[DeadMansSwitch]:
    """The async switch: ``arm(timeout)`` now and every ``refresh`` seconds in a task."""
    import asyncio

    switch = DeadMansSwitch(await arm(timeout), timeout)

    async def refresher() -> None:
        while True:
            await asyncio.sleep(refresh)
            try:
                switch.check()
                switch.refreshed(await arm(timeout))
            except Exception as error:
                switch.error = switch.error or error
                return

    task = asyncio.create_task(refresher(), name="htx-dead-mans-switch")
    try:
        yield switch
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    pending = switch.error or _ran_out(switch)
    try:
        status = await arm(None)
    except HtxError as error:
        raise _off_failed(error, pending) from pending or error
    settle_off(switch, status, pending)
