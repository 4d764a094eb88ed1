"""Keep HTX's dead man's switch armed while a block runs: a thread (sync) or a task (async)
re-arms it every ``refresh`` seconds; a clean exit turns it off; an exception in the block, or
the process dying, leaves it armed, so HTX cancels every open order when it runs out. A failed
refresh is kept on the switch (``check()`` raises it) and raised when the block exits.

Two clocks keep the switch honest. Its expiry counts from the moment the arming request that
HTX answered was sent (before it left, on the monotonic clock), never from its answer: HTX
starts the countdown when the request arrives, which a slow answer cannot move later. And the
turn-off goes out after every refresh: at a clean exit no refresh attempt starts, the one in
flight is waited for (within its attempt's time bound), and a refresh whose fate is unknown
(no answer, or one that may have reached HTX) makes the exit raise ``SwitchMayBeArmedError``:
it may land after the turn-off and arm the switch again. So does a lost attempt (one that may
have reached HTX, then retried) of any refresh, answered or not, while HTX may still take it:
HTX refuses a request whose signed ``Timestamp`` is more than its tolerance
(``HTX_TIMESTAMP_TOLERANCE``) from its own clock, so the newest lost attempt's ``Timestamp``
plus that tolerance (and ``LATE_ARRIVAL_MARGIN``) is compared with HTX's clock in the
turn-off's answer (``current_time``): both times are HTX's, whatever this machine's clock says.
"""

from __future__ import annotations

import calendar
import contextlib
import contextvars
import logging
import math
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, Protocol, cast

from htx_swap._engine.steps import Flow, Send, Sleep
from htx_swap._model.constants import (
    ATTEMPT_GUARD_GRACE,
    HTX_TIMESTAMP_TOLERANCE,
    LATE_ARRIVAL_MARGIN,
)
from htx_swap._model.errors import HtxError, InvalidRequestError, SwitchMayBeArmedError
from htx_swap._model.reports import CancelAfterStatus
from htx_swap._wire import codec
from htx_swap._wire.body import Answer
from htx_swap._wire.validation import as_seconds, shown

__all__ = [
    "DeadMansSwitch",
    "SwitchCoordinator",
    "keep_armed",
    "keep_armed_async",
    "refresh_period",
]

ArmFlow = Callable[[float | None], Flow[CancelAfterStatus]]  # a client's ``_cancel_after``


class SwitchCoordinator(Protocol):
    """The holders of one account's switch across processes (``RedisSwitchCoordinator``)."""

    def join(self, lease: float, switch: str = "swap_cancel_after") -> None: ...
    def renew(self) -> None: ...
    def leave(self, *, clean: bool) -> str: ...


def _last_out(coordinator: SwitchCoordinator | None, pending: BaseException | None) -> bool:
    """At a clean exit: whether this holder turns the switch off (no coordinator: yes). A
    coordinator that cannot tell leaves it armed: ``SwitchMayBeArmedError``."""
    if coordinator is None:
        return True
    try:
        last = coordinator.leave(clean=True) == "last"
    except SwitchMayBeArmedError as error:  # this holder's lease had lapsed: left armed
        raise error from pending
    except HtxError as error:
        raise SwitchMayBeArmedError(
            f"dead man's switch: left armed: {error}; HTX cancels every open order when it "
            "runs out unless another holder refreshes it"
        ) from pending or error
    if not last and pending is not None:
        raise pending
    return last


def _renew(coordinator: SwitchCoordinator | None, switch: DeadMansSwitch) -> None:
    """Renew this holder's lease. One that had lapsed (a pause, Redis lost its data) was
    renewed marked "a holder died" (no clean exit turns the switch off): the refreshes go on,
    and ``switch.check()`` and the exit say so (``SwitchLeaseLostError``)."""
    if coordinator is None:
        return
    try:
        coordinator.renew()
    except SwitchMayBeArmedError as lost:
        switch.lease_lost = switch.lease_lost or lost


def _joined_meanwhile(coordinator: SwitchCoordinator | None) -> bool:
    """After the last holder's turn-off was answered: whether a holder joined between its
    leave and then (and armed a switch the turn-off then turned off)."""
    turned_off = getattr(coordinator, "turned_off", None)
    return bool(turned_off()) if turned_off is not None else False


def _left_at_entry(coordinator: SwitchCoordinator | None, error: BaseException) -> None:
    """The first arming failed. Surely not processed by HTX (refused, never sent): this
    holder armed nothing and leaves cleanly (it is no dead holder; the block raises
    ``error``). When it was the last holder, a switch others armed before they left is still
    on and this key cannot turn it off: logged (``htx_swap.redis``). Else: gone uncleanly."""
    if coordinator is None:
        return
    if not isinstance(error, HtxError) or error.may_have_reached:
        _left_unclean(coordinator)
        return
    with contextlib.suppress(HtxError):  # Redis cannot say: its lease lapses (a dead holder)
        if coordinator.leave(clean=True) == "last":
            logging.getLogger("htx_swap.redis").warning(
                "dead man's switch: this holder's arming failed and it left last: a switch "
                "armed by holders before it may still be on (%s)",
                type(error).__name__,
            )


def _left_unclean(coordinator: SwitchCoordinator | None) -> None:
    """The block raised: a holder gone uncleanly (the switch fires once every holder left)."""
    if coordinator is not None:
        with contextlib.suppress(HtxError):
            coordinator.leave(clean=False)


def _arming_where(operation: str) -> str:
    """An arming request's ``Send.where``: the product's dead man's switch operation."""
    facts = codec.facts(operation)
    return f"{facts.method} {facts.path}"


EXIT_SLACK = 0.5  # past an attempt's own bound: its driver ends it first, the switch second


class DeadMansSwitch:
    """A switch kept armed by ``dead_mans_switch()``: its last ``status`` from HTX, how many
    ``refreshes`` went through, and the ``error`` that stopped refreshing, if one did.

    A refresh that fails, comes back too late (after the switch's trigger time), or finds the
    switch off is an error: HTX may have cancelled every open order. ``check()`` raises it, and
    so does leaving the block. The switch runs out ``timeout`` seconds (as HTX counts them)
    after the arming request HTX last answered was *sent*: ``check()`` says so from then on.
    """

    def __init__(
        self, status: CancelAfterStatus, timeout: float, sent_at: float | None = None
    ) -> None:
        if not status.armed:
            raise HtxError(  # HTX answered: the request reached it
                "dead man's switch: HTX answered the arming request that it is off",
                may_have_reached=True,
            )
        self.status = status
        self.refreshes = 0
        self.error: Exception | None = None
        # this holder's lease of a shared switch lapsed (it rejoined marked, refreshing on)
        self.lease_lost: HtxError | None = None
        self._timeout = timeout
        self._sent_at = time.monotonic() if sent_at is None else sent_at
        self._expires_at = _expiry(status, timeout, self._sent_at)

    def __repr__(self) -> str:
        return f"DeadMansSwitch({self.status!r}, refreshes={self.refreshes}, error={self.error!r})"

    def refreshed(self, status: CancelAfterStatus, sent_at: float | None = None) -> None:
        """Take a refresh's answer (its request sent at ``sent_at``, monotonic; default: now);
        a late or off one is an error."""
        sent_at = time.monotonic() if sent_at is None else sent_at
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
            self._sent_at = sent_at
            self._expires_at = _expiry(status, self._timeout, sent_at)

    def _fail(self, why: str) -> None:
        if self.error is None:
            self.error = HtxError(
                f"dead man's switch: {why}; HTX may have cancelled every open order"
            )

    def check(self) -> None:
        """Raise the error of a failed refresh, or say the switch ran out: it may have fired;
        of a shared switch, raise ``SwitchLeaseLostError`` once this holder's lease lapsed
        (the refreshes go on, but no clean exit turns the switch off any more)."""
        self._check_refreshes()
        if self.lease_lost is not None:
            raise self.lease_lost

    def _check_refreshes(self) -> None:
        if self.error is None and time.monotonic() >= self._expires_at:
            self._fail("no refresh went through before the switch's trigger time")
        if self.error is not None:
            raise self.error

    def _wait_before_refresh(self, refresh: float) -> float:
        """Seconds until the next refresh is due: ``refresh`` after the last arming was sent."""
        return max(0.0, self._sent_at + refresh - time.monotonic())


def _expiry(status: CancelAfterStatus, timeout: float, sent_at: float) -> float:
    """When, on this machine's monotonic clock, the switch runs out unless refreshed: HTX's
    countdown (``trigger_time - current_time``, never more than the ``timeout`` asked for)
    from the moment the arming request was sent, the earliest it can have started."""
    if status.trigger_time is None or status.current_time is None:
        return sent_at + timeout
    return sent_at + min(timeout, (status.trigger_time - status.current_time) / 1000)


class _Arming:
    """The switch's arming requests as they go out (``track`` wraps each arming flow): the send
    time of the attempt HTX answered, the attempt in flight, whether the last arming call
    may have reached HTX without an answer proving what it did (``unproven``), and the newest
    signed ``Timestamp`` (POSIX seconds) of a lost attempt of any call (``latest_lost``): one
    that may have reached HTX, then was retried. Once ``closed`` (the block exited) no attempt
    starts and no pause between attempts is waited out."""

    def __init__(
        self,
        pause: Callable[[float], bool] | None = None,
        operation: str = "swap_cancel_after",
    ) -> None:
        self.closed = False
        self._where = _arming_where(operation)
        self.in_flight: Send | None = None
        self.unproven = False
        self.last_failure: HtxError | None = None  # the last failed attempt's, if unproven
        self.latest_lost: float | None = None  # math.inf: a Timestamp that could not be read
        self.lost_failure: HtxError | None = None  # what that lost attempt met, if it failed
        self._pause = pause  # sync: waits, True when stopped; async: the driver sleeps

    def record_lost(self, stamp: float, outcome: object) -> None:
        """An arming attempt signed with ``stamp`` was lost (it met ``outcome``)."""
        if self.latest_lost is None or stamp >= self.latest_lost:
            self.latest_lost = stamp
            self.lost_failure = outcome if isinstance(outcome, HtxError) else None

    def may_still_arm(self, htx_now_ms: int | None) -> bool:
        """Whether HTX may still take a lost arming attempt once its clock reads
        ``htx_now_ms`` (None: unknown, so any lost attempt may)."""
        if self.latest_lost is None:
            return False
        if htx_now_ms is None:
            return True
        last_taken = self.latest_lost + HTX_TIMESTAMP_TOLERANCE + LATE_ARRIVAL_MARGIN
        return last_taken >= htx_now_ms / 1000

    def ended(self, switch: DeadMansSwitch, error: Exception) -> None:
        """A refresh raised ``error``: the switch's error, unless the block had exited (then
        it only tells whether the refresh may yet arm the switch: ``unproven``)."""
        if self.closed and isinstance(error, HtxError):
            self.last_failure = self.last_failure or error
        else:
            switch.error = switch.error or error

    def track(self, flow: Flow[CancelAfterStatus]) -> Flow[tuple[CancelAfterStatus, float]]:
        sent_at = time.monotonic()
        reached = False  # an attempt of this call went out and its answer proves nothing yet
        outcome: object = None
        attempt: object = None  # what the last attempt met: its answer, or its failure
        stamp = math.inf  # the last arming attempt's signed Timestamp
        try:
            while True:
                try:
                    step = flow.send(outcome)
                except StopIteration as stop:
                    # answered: HTX armed it; a lost attempt is kept in ``latest_lost``
                    self.unproven, self.last_failure = False, None
                    return stop.value, sent_at
                except HtxError as error:  # stamped by the engine with the whole call's doubt
                    self.unproven = error.may_have_reached
                    raise
                if isinstance(step, Send):
                    # the arming before this one may have reached HTX and got no answer that
                    # proves what it did (a timeout, a lost answer, a 5xx): a retry's answer
                    # says nothing of it, and it may still reach HTX after the turn-off
                    if _lost(attempt):
                        self.record_lost(stamp, attempt)
                    attempt = None
                    if self.closed:  # not sent; not retried; the call ends with its doubt
                        outcome = HtxError(
                            "dead man's switch: the block exited: this refresh attempt was not sent"
                        )
                        continue
                    sent_at = time.monotonic()
                    self.in_flight, self.unproven = step, True
                    outcome = yield step
                    # an arming attempt's outcome (not the clock resync's, which arms nothing)
                    attempt = outcome if step.where == self._where else None
                    if attempt is not None:
                        stamp = _signed_at(step)
                    self.in_flight = None
                    if isinstance(outcome, HtxError):
                        self.last_failure = outcome
                    reached = reached or not (
                        isinstance(outcome, HtxError) and not outcome.may_have_reached
                    )
                    self.unproven = reached
                elif isinstance(step, Sleep):
                    if self.closed or (self._pause is not None and self._pause(step.seconds)):
                        raise HtxError(
                            "dead man's switch: the block exited between two attempts of a "
                            "refresh: the next was not sent",
                            may_have_reached=reached,
                        ) from self.last_failure
                    outcome = None if self._pause is not None else (yield step)
                else:
                    outcome = yield step
        finally:
            flow.close()


def _signed_at(step: Send) -> float:
    """The POSIX seconds of the ``Timestamp`` a request was signed with (HTX checks it against
    its clock); ``math.inf`` when it has none that can be read."""
    text = step.request.url.params.get("Timestamp")
    try:
        return float(calendar.timegm(time.strptime(text or "", "%Y-%m-%dT%H:%M:%S")))
    except ValueError:
        return math.inf


def _lost(outcome: object) -> bool:
    """Whether an attempt, retried (so not answered with what the engine took), may have
    reached HTX without an answer proving what it did: a failure that may have reached, or an
    answer that is no arming (say, a 5xx); never an attempt not yet made (None)."""
    if outcome is None:
        return False
    if isinstance(outcome, HtxError):
        return outcome.may_have_reached
    try:
        codec.decode_cancel_after(cast("Answer", outcome))
    except HtxError as error:
        return error.may_have_reached
    return False


def settle_off(
    switch: DeadMansSwitch,
    status: CancelAfterStatus,
    pending: BaseException | None,
    arming: _Arming,
) -> None:
    """Take the turn-off's answer: ``SwitchMayBeArmedError`` when HTX says the switch is still
    armed, when the last refresh may still reach HTX after the turn-off (``arming.unproven``),
    or when HTX may still take a lost attempt of any refresh (its signed ``Timestamp`` within
    HTX's tolerance of HTX's clock in this answer); else the error a refresh left
    (``pending``), if any."""
    switch.status = status
    unproven, last_failure = arming.unproven, arming.last_failure
    if status.armed:
        raise SwitchMayBeArmedError(
            f"dead man's switch: turning it off was answered 'still armed' (fires at "
            f"{status.trigger_time} ms): HTX will cancel every open order unless it is turned "
            "off"
        ) from pending
    if unproven:
        raise SwitchMayBeArmedError(
            "dead man's switch: turned off, but a refresh sent before got no answer that "
            "proves what it did: it may still reach HTX after the turn-off and arm the switch "
            f"again, which then cancels every open order {switch._timeout:g} s later; turn it "
            "off again (cancel_after(None)) once that request can no longer arrive"
            + ("; a refresh had failed before: it may have fired already" if pending else "")
        ) from pending or last_failure
    if arming.may_still_arm(status.current_time):
        raise SwitchMayBeArmedError(
            "dead man's switch: turned off, but an attempt of a refresh, signed at "
            f"{_utc(arming.latest_lost)}, may have reached HTX without an answer that proves "
            "what it did (a retry of it was answered): HTX takes it until its clock is "
            f"{HTX_TIMESTAMP_TOLERANCE:g} s past that, so it may still arm the switch again "
            f"after the turn-off, which then cancels every open order {switch._timeout:g} s "
            "later; turn it off again (cancel_after(None)) once HTX's clock is past "
            f"{_utc(_last_taken(arming.latest_lost))}"
            + ("; a refresh had failed before: it may have fired already" if pending else "")
        ) from pending or arming.lost_failure
    if pending is not None:
        raise pending


def _last_taken(stamp: float | None) -> float | None:
    """The last moment (HTX's clock, POSIX seconds) HTX may take a request signed ``stamp``."""
    return None if stamp is None else stamp + HTX_TIMESTAMP_TOLERANCE + LATE_ARRIVAL_MARGIN


def _utc(stamp: float | None) -> str:
    if stamp is None or not math.isfinite(stamp):
        return "an unknown time"
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))


def _off_failed(error: HtxError, pending: BaseException | None) -> SwitchMayBeArmedError:
    return SwitchMayBeArmedError(
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


def _armed(answer: object) -> tuple[CancelAfterStatus, float]:
    """What a driver's run of ``_Arming.track`` returned: the status and its send time."""
    return cast("tuple[CancelAfterStatus, float]", answer)


@contextlib.contextmanager
def keep_armed(
    arm: ArmFlow,
    run: Callable[[Flow[Any]], Any],
    timeout: float,
    refresh: float,
    coordinator: SwitchCoordinator | None = None,
    operation: str = "swap_cancel_after",
) -> Iterator[DeadMansSwitch]:
    """The sync switch: ``run(arm(timeout))`` now and every ``refresh`` seconds in a thread
    (``run``: the client's driver). At exit the thread ends after its attempt in flight. With a
    ``coordinator``, only the last holder's clean exit turns it off."""
    stop = threading.Event()
    arming = _Arming(pause=stop.wait, operation=operation)
    if coordinator is not None:
        coordinator.join(timeout, operation)
    try:
        status, sent_at = _armed(run(arming.track(arm(timeout))))
        switch = DeadMansSwitch(status, timeout, sent_at)
    except BaseException as error:
        _left_at_entry(coordinator, error)
        raise

    def refresher() -> None:
        while not stop.wait(switch._wait_before_refresh(refresh)):
            try:
                _renew(coordinator, switch)  # alive: the lease first
                switch._check_refreshes()  # ran out already: stop, the block learns it
                switch.refreshed(*_armed(run(arming.track(arm(timeout)))))
            except Exception as error:
                arming.ended(switch, error)
                return

    thread = threading.Thread(target=refresher, name="htx-dead-mans-switch", daemon=True)
    thread.start()
    try:
        yield switch
    except BaseException:
        _left_unclean(coordinator)
        raise
    finally:
        arming.closed = True  # no refresh attempt starts from now on
        stop.set()
        thread.join()  # the attempt in flight ends within its bound
    pending = switch.error or _ran_out(switch)  # a refresh failed or came too late
    if not _last_out(coordinator, pending):  # other holders remain, or one died: left armed
        return
    try:  # a clean exit: off (an exception in the block leaves it on)
        off = run(arm(None))
    except HtxError as error:
        raise _off_failed(error, pending) from pending or error
    if _joined_meanwhile(coordinator):  # a holder joined while this one left: armed again
        run(arm(timeout))
    settle_off(switch, off, pending, arming)


@contextlib.asynccontextmanager
async def keep_armed_async(
    arm: ArmFlow,
    run: Callable[[Flow[Any]], Awaitable[Any]],
    timeout: float,
    refresh: float,
    coordinator: SwitchCoordinator | None = None,
    operation: str = "swap_cancel_after",
) -> AsyncIterator[DeadMansSwitch]:
    """The async switch: ``run(arm(timeout))`` now and every ``refresh`` seconds in a task. At
    exit the attempt in flight is waited for (within its bound), then the task ends. With a
    ``coordinator`` (asked in a worker thread), only the last holder's clean exit turns it
    off."""
    import asyncio

    arming = _Arming(operation=operation)
    if coordinator is not None:
        await asyncio.to_thread(coordinator.join, timeout, operation)
    try:
        status, sent_at = _armed(await run(arming.track(arm(timeout))))
        switch = DeadMansSwitch(status, timeout, sent_at)
    except BaseException as error:
        await asyncio.to_thread(_left_at_entry, coordinator, error)
        raise

    async def refresher() -> None:
        while True:
            await asyncio.sleep(switch._wait_before_refresh(refresh))
            try:
                await asyncio.to_thread(_renew, coordinator, switch)
                switch._check_refreshes()
                switch.refreshed(*_armed(await run(arming.track(arm(timeout)))))
            except Exception as error:
                arming.ended(switch, error)
                return
            if arming.closed:  # the block exited while it was in flight: the exit waits
                return

    # in a context of its own, as the sync switch's thread: each refresh's span a root, never
    # a child of whatever span was current at entry (ended long before the switch is)
    task = asyncio.create_task(
        refresher(), name="htx-dead-mans-switch", context=contextvars.Context()
    )
    try:
        yield switch
    except BaseException:  # the switch stays armed: stop refreshing, wait for nothing
        arming.closed = True
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await asyncio.to_thread(_left_unclean, coordinator)
        raise
    arming.closed = True  # no refresh attempt starts from now on
    try:
        step = arming.in_flight
        if step is not None and not task.done():  # its answer must come before the turn-off
            left = step.until - time.monotonic() + ATTEMPT_GUARD_GRACE + EXIT_SLACK
            await asyncio.wait({task}, timeout=max(0.0, left))
    finally:  # still going: abandoned, and ``arming.unproven`` says it may yet land
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    pending = switch.error or _ran_out(switch)
    if not await asyncio.to_thread(_last_out, coordinator, pending):
        return
    try:
        off = await run(arm(None))
    except HtxError as error:
        raise _off_failed(error, pending) from pending or error
    if await asyncio.to_thread(_joined_meanwhile, coordinator):
        await run(arm(timeout))
    settle_off(switch, off, pending, arming)
