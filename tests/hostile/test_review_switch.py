"""The dead man's switch tells the truth when it may have fired (hostile review a05, a12, a21).

Findings: a refresh that came back after the switch's trigger time (the exchange had already
fired and cancelled every open order) was counted as a refresh; a refresh answered "off"
(``trigger_time`` 0) was counted too; a block that outlived the switch without any refresh
going through (an async block blocking the loop) ended cleanly. Each left the caller believing
it was protected. Now each is an ``HtxError`` raised by ``switch.check()`` and again when the
block exits; an exception of another type raised by a refresh is kept and raised the same way.

The local exchange's clock is moved past the trigger time (``clock_offset``; its signature check
tolerates 300 s) instead of waiting; the raw server answers the cancel-after envelope directly,
with whatever ``trigger_time`` the case needs.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from dataclasses import dataclass
from typing import Any

import pytest
from htx_swap import (
    AsyncSwapClient,
    CancelAfterStatus,
    DeadMansSwitch,
    HtxCredentials,
    HtxError,
    SwapClient,
)
from htx_swap._engine.steps import Flow
from htx_swap_mock import MockExchange, OrderState

from tests.hostile.raw_server import RawRequest, RawServer
from tests.hostile.support import BTC, CREDS, json_answers

asyncio_test = pytest.mark.asyncio
CANCEL_AFTER = "/swap-api/v1/swap-cancel-after"


class Boom(Exception):
    """Not an HtxError: what a refresh might raise from a bug or a library below."""


def _now_ms() -> int:
    return int(time.time() * 1000)


def switch_answers(trigger_in_ms: Callable[[int], int]) -> Callable[[RawRequest], bytes]:
    """HTX's cancel-after envelope: arming request number ``n`` (0 the first) is answered with
    ``trigger_time = now + trigger_in_ms(n)`` (0 ms: the switch is off); turning off with 0."""
    arms = [0]

    def answer(request: RawRequest) -> bytes:
        assert request.path == CANCEL_AFTER, request.path
        now = _now_ms()
        if json.loads(request.body).get("on_off") == 1:
            left = trigger_in_ms(arms[0])
            arms[0] += 1
            trigger = now + left if left else 0
        else:
            trigger = 0
        data = {"current_time": now, "trigger_time": trigger}
        return json.dumps({"code": 200, "msg": "", "data": data, "ts": now}).encode()

    return answer


def _first_error_sync(switch: DeadMansSwitch, within: float) -> Exception:
    """The error ``switch.check()`` raises within ``within`` seconds (fails the test if none)."""
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            switch.check()
        except Exception as error:  # the test asserts its type
            return error
        time.sleep(0.05)
    pytest.fail(f"switch.check() never raised within {within} s: {switch!r}")


async def _first_error_async(switch: DeadMansSwitch, within: float) -> Exception:
    end = time.monotonic() + within
    while time.monotonic() < end:
        try:
            switch.check()
        except Exception as error:  # the test asserts its type
            return error
        await asyncio.sleep(0.05)
    pytest.fail(f"switch.check() never raised within {within} s: {switch!r}")


@dataclass
class Block:
    """What happened in a switch's block: the switch, what the body found, what the exit
    raised (None: it ended cleanly)."""

    switch: DeadMansSwitch | None = None
    found: Exception | None = None
    at_exit: Exception | None = None


def run_sync(
    cm: AbstractContextManager[DeadMansSwitch], body: Callable[[DeadMansSwitch], Exception | None]
) -> Block:
    block = Block()
    try:
        with cm as switch:
            block.switch = switch
            block.found = body(switch)
    except Exception as error:  # the test asserts its type
        block.at_exit = error
    return block


async def run_async(
    cm: AbstractAsyncContextManager[DeadMansSwitch],
    body: Callable[[DeadMansSwitch], Awaitable[Exception | None]],
) -> Block:
    block = Block()
    try:
        async with cm as switch:
            block.switch = switch
            block.found = await body(switch)
    except Exception as error:  # the test asserts its type
        block.at_exit = error
    return block


def _quick(url: str, mode: str, credentials: HtxCredentials = CREDS) -> Any:
    options: dict[str, Any] = {"timeout": 2.0, "backoff_initial": 0.01, "backoff_max": 0.02}
    client_type = SwapClient if mode == "sync" else AsyncSwapClient
    return client_type(credentials, base_url=url, **options)


def _same_error_at_check_and_exit(block: Block, kind: type[Exception]) -> None:
    assert isinstance(block.found, kind), block
    assert block.at_exit is block.found, block  # the block's exit raises the same truth


# -- a05: the refresh reached HTX after the trigger time --------------------------------------


@pytest.fixture
def ex(htx_exchange_factory: Callable[..., MockExchange]) -> MockExchange:
    exchange = htx_exchange_factory(rate_limit=None, cancel_after_check_interval=0.005)
    exchange.add_order(BTC, 1001)
    return exchange


@pytest.mark.timeout(30)
def test_a05_sync_a_refresh_after_the_trigger_time_is_raised_by_check_and_at_exit(
    ex: MockExchange,
) -> None:
    def body(switch: DeadMansSwitch) -> Exception:
        ex.clock_offset = 30.0  # the exchange's time jumps past the trigger time: it fires
        return _first_error_sync(switch, 5.0)

    with _quick(ex.url, "sync", _creds(ex)) as client:
        block = run_sync(client.dead_mans_switch(5, refresh=0.5), body)
    _same_error_at_check_and_exit(block, HtxError)
    _assert_it_really_fired(ex)


@asyncio_test
@pytest.mark.timeout(30)
async def test_a05_async_a_refresh_after_the_trigger_time_is_raised_by_check_and_at_exit(
    ex: MockExchange,
) -> None:
    async def body(switch: DeadMansSwitch) -> Exception:
        ex.clock_offset = 30.0
        return await _first_error_async(switch, 5.0)

    async with _quick(ex.url, "async", _creds(ex)) as client:
        block = await run_async(client.dead_mans_switch(5, refresh=0.5), body)
    _same_error_at_check_and_exit(block, HtxError)
    _assert_it_really_fired(ex)


def _creds(ex: MockExchange) -> HtxCredentials:
    return HtxCredentials(ex.access_key, ex.secret_key)


def _assert_it_really_fired(ex: MockExchange) -> None:
    """The scenario is real: the exchange fired the switch and cancelled the order."""
    assert ex.cancel_after().fired >= 1
    assert ex.order_state(BTC, 1001) is OrderState.CANCELLED


# -- a12: a refresh answered "off" ------------------------------------------------------------


def _off_after_first(n: int) -> int:
    return 5000 if n == 0 else 0  # the first arm took; every refresh finds the switch off


@pytest.mark.timeout(20)
def test_a12_sync_a_refresh_finding_the_switch_off_is_raised() -> None:
    with (
        RawServer(json_answers(switch_answers(_off_after_first))) as server,
        _quick(server.url, "sync") as client,
    ):
        block = run_sync(
            client.dead_mans_switch(5, refresh=0.3), lambda s: _first_error_sync(s, 4.0)
        )
    _same_error_at_check_and_exit(block, HtxError)
    assert block.switch is not None
    assert not block.switch.status.armed


@asyncio_test
@pytest.mark.timeout(20)
async def test_a12_async_a_refresh_finding_the_switch_off_is_raised() -> None:
    with RawServer(json_answers(switch_answers(_off_after_first))) as server:
        async with _quick(server.url, "async") as client:
            block = await run_async(
                client.dead_mans_switch(5, refresh=0.3), lambda s: _first_error_async(s, 4.0)
            )
    _same_error_at_check_and_exit(block, HtxError)


# -- a21: the block outlived the switch with no refresh through -------------------------------


def _one_second_left(n: int) -> int:
    return 1000  # HTX says the switch fires 1 s from now, whatever was asked


def _check_after_sleep(switch: DeadMansSwitch) -> Exception | None:
    time.sleep(1.6)  # past the trigger time; the first refresh is due at 4.5 s
    try:
        switch.check()
    except Exception as error:  # the test asserts its type
        return error
    return None


def _sleep_only(switch: DeadMansSwitch) -> None:
    time.sleep(1.6)  # never calls check(): learns it at exit


@pytest.mark.slow  # waits seconds on purpose (rate limits, a switch running out)
@pytest.mark.timeout(20)
def test_a21_sync_a_block_outliving_the_switch_without_a_refresh_raises() -> None:
    with (
        RawServer(json_answers(switch_answers(_one_second_left))) as server,
        _quick(server.url, "sync") as client,
    ):
        checked = run_sync(client.dead_mans_switch(5, refresh=4.5), _check_after_sleep)
        unchecked = run_sync(client.dead_mans_switch(5, refresh=4.5), _sleep_only)
    _same_error_at_check_and_exit(checked, HtxError)
    assert checked.switch is not None
    assert checked.switch.refreshes == 0
    assert isinstance(unchecked.at_exit, HtxError), unchecked


@pytest.mark.slow  # waits seconds on purpose (rate limits, a switch running out)
@asyncio_test
@pytest.mark.timeout(20)
async def test_a21_async_a_block_blocking_the_loop_past_the_switch_raises() -> None:
    async def check_after_blocking(switch: DeadMansSwitch) -> Exception | None:
        return _check_after_sleep(switch)  # a sync sleep: the refresh task cannot run

    async def block_only(switch: DeadMansSwitch) -> None:
        _sleep_only(switch)

    with RawServer(json_answers(switch_answers(_one_second_left))) as server:
        async with _quick(server.url, "async") as client:
            checked = await run_async(client.dead_mans_switch(5, refresh=4.5), check_after_blocking)
            unchecked = await run_async(client.dead_mans_switch(5, refresh=4.5), block_only)
    _same_error_at_check_and_exit(checked, HtxError)
    assert isinstance(unchecked.at_exit, HtxError), unchecked


# -- a refresh raising something that is not an HtxError -------------------------------------


def _always_5s(n: int) -> int:
    return 5000


def _breaking_refreshes(
    real: Callable[[float | None], Flow[CancelAfterStatus]],
) -> Callable[[float | None], Flow[CancelAfterStatus]]:
    """The switch's arming flow builder, raising ``Boom`` for every refresh (the first arm and
    the turn-off go through)."""
    arms = [0]

    def cancel_after(timeout: float | None) -> Flow[CancelAfterStatus]:
        if timeout is not None:
            arms[0] += 1
            if arms[0] > 1:
                raise Boom("refresh broke")
        return real(timeout)

    return cancel_after


@pytest.mark.timeout(20)
def test_sync_a_refresh_raising_a_non_htx_error_is_kept_and_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with (
        RawServer(json_answers(switch_answers(_always_5s))) as server,
        _quick(server.url, "sync") as client,
    ):
        monkeypatch.setattr(client, "_cancel_after", _breaking_refreshes(client._cancel_after))
        block = run_sync(
            client.dead_mans_switch(5, refresh=0.3), lambda s: _first_error_sync(s, 4.0)
        )
    _same_error_at_check_and_exit(block, Boom)
    assert block.switch is not None
    assert block.switch.error is block.found


@asyncio_test
@pytest.mark.timeout(20)
async def test_async_a_refresh_raising_a_non_htx_error_is_kept_and_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with RawServer(json_answers(switch_answers(_always_5s))) as server:
        async with _quick(server.url, "async") as client:
            monkeypatch.setattr(client, "_cancel_after", _breaking_refreshes(client._cancel_after))
            block = await run_async(
                client.dead_mans_switch(5, refresh=0.3), lambda s: _first_error_async(s, 4.0)
            )
    _same_error_at_check_and_exit(block, Boom)
    assert block.switch is not None
    assert block.switch.error is block.found
