"""The dead man's switch's clock and its last refresh (issue 20), sync and async alike.

Findings: the switch's expiry was counted from when a refresh's answer arrived, so after a slow
answer ``check()`` said "fine" for as long as the answer's delay while HTX had already fired;
and the async switch, leaving its block, cancelled the refresh in flight, dropped its failure
and sent the turn-off, which the refresh could follow and arm the switch again.

Now the expiry counts from the send time of the arming HTX answered; at a clean exit no
refresh attempt starts, the one in flight is waited for within its attempt's bound, and when
its fate stays unknown the exit raises ``SwitchMayBeArmedError``.

The raw server plays HTX: it records, in order, what it acted on (``processed``: "arm" or
"off"), and answers each arming ``current_time`` and ``trigger_time = current_time + 5000``
taken when the request arrived, as HTX counts.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from htx_swap import (
    AsyncSwapClient,
    DeadMansSwitch,
    HtxError,
    SwapClient,
    SwitchMayBeArmedError,
)

from tests.hostile.raw_server import RawConnection, RawServer, http_response
from tests.hostile.support import CREDS
from tests.hostile.test_review_switch import Block, run_async, run_sync

asyncio_test = pytest.mark.asyncio
TIMEOUT = 5  # the switch's timeout, seconds (HTX's minimum)


class SwitchServer:
    """HTX's cancel-after endpoint. The first arming is answered after ``first_delay``
    seconds (acted on at once); each refresh is held as ``hold`` says, then acted on and
    answered: ``"stall"`` never, ``"drop"`` never (the connection closes), ``"briefly"``
    after ``brief`` s or once the turn-off was acted on, ``"until_off"`` once the turn-off
    was acted on (never before). The turn-off is answered as ``off`` says: ``"off"``,
    ``"armed"`` (still armed) or ``"drop"`` (no answer). An arming is answered with HTX's
    countdown ``countdown_ms`` (default: the ``TIMEOUT`` asked for)."""

    def __init__(
        self,
        *,
        first_delay: float = 0.0,
        hold: str = "",
        brief: float = 0.0,
        off: str = "off",
        countdown_ms: int = TIMEOUT * 1000,
    ) -> None:
        self.first_delay, self.hold, self.brief, self.off = first_delay, hold, brief, off
        self.countdown_ms = countdown_ms
        self.processed: list[str] = []
        self.arming_arrived_at = 0.0  # monotonic: when HTX started the first countdown
        self.refresh_arrived = threading.Event()
        self.off_done = threading.Event()
        self._lock = threading.Lock()
        self._armings = 0

    def _act(self, what: str) -> bytes:
        now = int(time.time() * 1000)
        with self._lock:
            self.processed.append(what)
        data = {
            "current_time": now,
            "trigger_time": now + self.countdown_ms if what == "arm" else 0,
        }
        return json.dumps({"code": 200, "msg": "", "data": data, "ts": now}).encode()

    def script(self, conn: RawConnection) -> None:
        while (request := conn.read_request()) is not None:
            if json.loads(request.body).get("on_off") != 1:
                if self.off == "drop":  # the turn-off gets no answer
                    return
                body = self._act("off" if self.off == "off" else "arm")
                self.off_done.set()
                conn.send(http_response(200, body))
                continue
            with self._lock:
                index, self._armings = self._armings, self._armings + 1
            if index == 0:
                self.arming_arrived_at = time.monotonic()
                body = self._act("arm")
                if not conn.sleep(self.first_delay):
                    return
            else:
                self.refresh_arrived.set()
                if not self._held(conn):
                    return
                body = self._act("arm")
            conn.send(http_response(200, body))

    def _held(self, conn: RawConnection) -> bool:
        """Hold a refresh; False: never act on it."""
        if self.hold == "stall":
            conn.stop.wait()
            return False
        if self.hold == "drop":  # the connection closes: no answer, the client cannot tell
            return False
        limit = self.brief if self.hold == "briefly" else 30.0
        self.off_done.wait(limit)
        return not conn.stop.is_set()


def _client(url: str, mode: str, timeout: float) -> Any:
    options: dict[str, Any] = {"timeout": timeout, "backoff_initial": 0.01, "backoff_max": 0.02}
    return (SwapClient if mode == "sync" else AsyncSwapClient)(CREDS, base_url=url, **options)


def _check_at(switch: DeadMansSwitch, moment: float, sleep: Callable[[float], None]) -> None:
    sleep(max(0.0, moment - time.monotonic()))
    switch.check()


# -- the expiry counts from the arming's send time --------------------------------------------


def _slow_arming_then_stall() -> SwitchServer:
    # the arming answered 1.5 s late; every refresh stalls (attempts of 2 s, retried)
    return SwitchServer(first_delay=1.5, hold="stall")


def _fired_at(server: SwitchServer) -> float:
    """A moment just after HTX fired: its countdown began when the arming arrived."""
    return server.arming_arrived_at + TIMEOUT + 0.1


def _assert_check_raised_when_htx_fired(block: Block) -> None:
    assert isinstance(block.found, HtxError), block  # check() raised: it may have fired
    assert block.switch is not None
    assert block.switch.refreshes == 0  # no refresh went through
    # the stalled refresh may still reach HTX after the turn-off: the exit says so
    assert isinstance(block.at_exit, SwitchMayBeArmedError), block


@pytest.mark.timeout(30)
def test_sync_check_raises_once_htx_fired_counted_from_the_arming_s_send_time() -> None:
    server = _slow_arming_then_stall()

    def body(switch: DeadMansSwitch) -> Exception | None:
        try:
            _check_at(switch, _fired_at(server), time.sleep)
        except HtxError as error:
            return error
        return None

    with RawServer(server.script) as raw, _client(raw.url, "sync", 2.0) as client:
        block = run_sync(client.dead_mans_switch(TIMEOUT, refresh=1.0), body)
    _assert_check_raised_when_htx_fired(block)


@asyncio_test
@pytest.mark.timeout(30)
async def test_async_check_raises_once_htx_fired_counted_from_the_arming_s_send_time() -> None:
    server = _slow_arming_then_stall()

    async def body(switch: DeadMansSwitch) -> Exception | None:
        await asyncio.sleep(max(0.0, _fired_at(server) - time.monotonic()))
        try:
            switch.check()
        except HtxError as error:
            return error
        return None

    with RawServer(server.script) as raw:
        async with _client(raw.url, "async", 2.0) as client:
            block = await run_async(client.dead_mans_switch(TIMEOUT, refresh=1.0), body)
    _assert_check_raised_when_htx_fired(block)


# -- the turn-off goes out after every refresh ------------------------------------------------


def _exit_once_a_refresh_is_out(server: SwitchServer) -> Callable[[DeadMansSwitch], None]:
    def body(switch: DeadMansSwitch) -> None:
        assert server.refresh_arrived.wait(10), "no refresh came"

    return body


def _exit_once_a_refresh_is_out_async(
    server: SwitchServer,
) -> Callable[[DeadMansSwitch], Awaitable[None]]:
    async def body(switch: DeadMansSwitch) -> None:
        for _ in range(200):
            if server.refresh_arrived.is_set():
                return
            await asyncio.sleep(0.05)
        pytest.fail("no refresh came")

    return body


def _assert_the_turn_off_came_last(server: SwitchServer, block: Block) -> None:
    assert block.at_exit is None, block  # clean: the refresh was answered before the turn-off
    assert block.found is None
    assert block.switch is not None
    assert block.switch.refreshes == 1
    assert not block.switch.status.armed
    time.sleep(0.3)  # a refresh that would land after the turn-off has done so by now
    assert server.processed == ["arm", "arm", "off"], server.processed


@pytest.mark.timeout(30)
def test_sync_exit_waits_for_the_refresh_in_flight_then_turns_off() -> None:
    server = SwitchServer(hold="briefly", brief=1.0)
    with RawServer(server.script) as raw, _client(raw.url, "sync", 3.0) as client:
        block = run_sync(
            client.dead_mans_switch(TIMEOUT, refresh=0.2), _exit_once_a_refresh_is_out(server)
        )
        _assert_the_turn_off_came_last(server, block)


@asyncio_test
@pytest.mark.timeout(30)
async def test_async_exit_waits_for_the_refresh_in_flight_then_turns_off() -> None:
    server = SwitchServer(hold="briefly", brief=1.0)
    with RawServer(server.script) as raw:
        async with _client(raw.url, "async", 3.0) as client:
            block = await run_async(
                client.dead_mans_switch(TIMEOUT, refresh=0.2),
                _exit_once_a_refresh_is_out_async(server),
            )
        _assert_the_turn_off_came_last(server, block)


def _assert_may_be_armed(server: SwitchServer, block: Block) -> None:
    """The refresh outlived its attempt: the exit cannot prove the switch off, and says so;
    the server shows why (the refresh acted on after the turn-off: armed again)."""
    assert isinstance(block.at_exit, SwitchMayBeArmedError), block
    assert block.at_exit.may_have_reached
    assert "may still reach HTX after the turn-off" in str(block.at_exit)
    assert block.found is None
    for _ in range(100):
        if len(server.processed) == 3:
            break
        time.sleep(0.05)
    assert server.processed == ["arm", "off", "arm"], server.processed


@pytest.mark.timeout(30)
def test_sync_a_refresh_outliving_its_attempt_at_exit_reports_the_switch_may_be_armed() -> None:
    server = SwitchServer(hold="until_off")
    with RawServer(server.script) as raw, _client(raw.url, "sync", 1.0) as client:
        block = run_sync(
            client.dead_mans_switch(TIMEOUT, refresh=0.2), _exit_once_a_refresh_is_out(server)
        )
        _assert_may_be_armed(server, block)
        assert len(raw.requests) == 3  # no retry of the refresh after the block exited


@asyncio_test
@pytest.mark.timeout(30)
async def test_async_a_refresh_outliving_its_attempt_at_exit_reports_the_switch_may_be_armed() -> (
    None
):
    server = SwitchServer(hold="until_off")
    with RawServer(server.script) as raw:
        async with _client(raw.url, "async", 1.0) as client:
            block = await run_async(
                client.dead_mans_switch(TIMEOUT, refresh=0.2),
                _exit_once_a_refresh_is_out_async(server),
            )
        _assert_may_be_armed(server, block)
        assert len(raw.requests) == 3


# -- a turn-off that fails or is answered "still armed" ---------------------------------------


@pytest.mark.parametrize("off", ["armed", "drop"])
@pytest.mark.timeout(30)
def test_sync_a_turn_off_not_proven_is_switch_may_be_armed(off: str) -> None:
    server = SwitchServer(off=off)
    with RawServer(server.script) as raw, _client(raw.url, "sync", 1.0) as client:
        block = run_sync(client.dead_mans_switch(TIMEOUT, refresh=4.0), lambda s: None)
    assert isinstance(block.at_exit, SwitchMayBeArmedError), block
    assert ("still armed" if off == "armed" else "turning it off failed") in str(block.at_exit)


@pytest.mark.parametrize("off", ["armed", "drop"])
@asyncio_test
@pytest.mark.timeout(30)
async def test_async_a_turn_off_not_proven_is_switch_may_be_armed(off: str) -> None:
    async def nothing(switch: DeadMansSwitch) -> None:
        return None

    server = SwitchServer(off=off)
    with RawServer(server.script) as raw:
        async with _client(raw.url, "async", 1.0) as client:
            block = await run_async(client.dead_mans_switch(TIMEOUT, refresh=4.0), nothing)
    assert isinstance(block.at_exit, SwitchMayBeArmedError), block
    assert ("still armed" if off == "armed" else "turning it off failed") in str(block.at_exit)


# -- a refresh failing in doubt while the block runs ------------------------------------------


def _assert_raised_then_may_be_armed(block: Block) -> None:
    """check() raised the refresh's failure (in doubt: each attempt's connection closed with
    no answer); the exit turned the switch off, and raised SwitchMayBeArmedError caused by it:
    that refresh may still reach HTX."""
    assert isinstance(block.found, HtxError), block
    assert block.found.may_have_reached
    assert isinstance(block.at_exit, SwitchMayBeArmedError), block
    assert block.at_exit.__cause__ is block.found
    assert block.switch is not None
    assert not block.switch.status.armed  # the turn-off went out and was answered off


@pytest.mark.timeout(30)
def test_sync_a_refresh_failed_in_doubt_is_raised_then_the_exit_says_may_be_armed() -> None:
    server = SwitchServer(hold="drop")
    with RawServer(server.script) as raw, _client(raw.url, "sync", 1.0) as client:
        block = run_sync(
            client.dead_mans_switch(TIMEOUT, refresh=0.2), lambda s: _first_error(s, 10.0)
        )
    _assert_raised_then_may_be_armed(block)


@asyncio_test
@pytest.mark.timeout(30)
async def test_async_a_refresh_failed_in_doubt_is_raised_then_the_exit_says_may_be_armed() -> None:
    async def body(switch: DeadMansSwitch) -> Exception:
        for _ in range(200):
            try:
                switch.check()
            except HtxError as error:
                return error
            await asyncio.sleep(0.05)
        pytest.fail("check() never raised")

    server = SwitchServer(hold="drop")
    with RawServer(server.script) as raw:
        async with _client(raw.url, "async", 1.0) as client:
            block = await run_async(client.dead_mans_switch(TIMEOUT, refresh=0.2), body)
    _assert_raised_then_may_be_armed(block)


def _first_error(switch: DeadMansSwitch, within: float) -> Exception:
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            switch.check()
        except HtxError as error:
            return error
        time.sleep(0.05)
    pytest.fail("check() never raised")


# -- a countdown longer than asked -------------------------------------------------------------


@pytest.mark.timeout(30)
def test_check_counts_no_more_than_the_timeout_asked_for() -> None:
    """HTX answering a countdown longer than asked (60 s for 5) cannot keep check() quiet past
    the 5 s the arming asked for (the expiry is the same code for the async switch)."""
    server = SwitchServer(hold="stall", countdown_ms=60_000)

    def body(switch: DeadMansSwitch) -> Exception | None:
        try:
            _check_at(switch, _fired_at(server), time.sleep)
        except HtxError as error:
            return error
        return None

    with RawServer(server.script) as raw, _client(raw.url, "sync", 0.5) as client:
        block = run_sync(client.dead_mans_switch(TIMEOUT, refresh=4.9), body)
    assert isinstance(block.found, HtxError), block
    assert "no refresh went through" in str(block.found)
