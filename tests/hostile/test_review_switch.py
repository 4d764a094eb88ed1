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
from collections.abc import Callable
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


def _quick(ex_url: str, mode: str, credentials: HtxCredentials = CREDS) -> Any:  # noqa: ANN401
    options: dict[str, Any] = {"timeout": 2.0, "backoff_initial": 0.01, "backoff_max": 0.02}
    client_type = SwapClient if mode == "sync" else AsyncSwapClient
    return client_type(credentials, base_url=ex_url, **options)


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
    with _quick(ex.url, "sync", _creds(ex)) as client:
        with pytest.raises(HtxError) as at_exit:
            with client.dead_mans_switch(5, refresh=0.5) as switch:
                ex.clock_offset = 30.0  # the exchange's time jumps past the trigger time
                seen = _first_error_sync(switch, 5.0)
                assert isinstance(seen, HtxError), repr(seen)
        assert at_exit.value is seen  # the same truth at exit
    _assert_it_really_fired(ex)


@asyncio_test
@pytest.mark.timeout(30)
async def test_a05_async_a_refresh_after_the_trigger_time_is_raised_by_check_and_at_exit(
    ex: MockExchange,
) -> None:
    async with _quick(ex.url, "async", _creds(ex)) as client:
        with pytest.raises(HtxError) as at_exit:
            async with client.dead_mans_switch(5, refresh=0.5) as switch:
                ex.clock_offset = 30.0
                seen = await _first_error_async(switch, 5.0)
                assert isinstance(seen, HtxError), repr(seen)
        assert at_exit.value is seen
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
    with RawServer(json_answers(switch_answers(_off_after_first))) as server:
        with _quick(server.url, "sync") as client:
            with pytest.raises(HtxError) as at_exit:
                with client.dead_mans_switch(5, refresh=0.3) as switch:
                    seen = _first_error_sync(switch, 4.0)
                    assert isinstance(seen, HtxError), repr(seen)
            assert at_exit.value is seen
            assert isinstance(switch.status, CancelAfterStatus)


@asyncio_test
@pytest.mark.timeout(20)
async def test_a12_async_a_refresh_finding_the_switch_off_is_raised() -> None:
    with RawServer(json_answers(switch_answers(_off_after_first))) as server:
        async with _quick(server.url, "async") as client:
            with pytest.raises(HtxError) as at_exit:
                async with client.dead_mans_switch(5, refresh=0.3) as switch:
                    seen = await _first_error_async(switch, 4.0)
                    assert isinstance(seen, HtxError), repr(seen)
            assert at_exit.value is seen


# -- a21: the block outlived the switch with no refresh through -------------------------------


def _one_second_left(n: int) -> int:
    return 1000  # HTX says the switch fires 1 s from now, whatever was asked


@pytest.mark.timeout(20)
def test_a21_sync_a_block_outliving_the_switch_without_a_refresh_raises() -> None:
    with RawServer(json_answers(switch_answers(_one_second_left))) as server:
        with _quick(server.url, "sync") as client:
            with pytest.raises(HtxError):
                with client.dead_mans_switch(5, refresh=4.5) as switch:  # no refresh in time
                    time.sleep(1.6)
                    with pytest.raises(HtxError):
                        switch.check()
            assert switch.refreshes == 0
            # the block that never called check() learns it at exit too
            with pytest.raises(HtxError):
                with client.dead_mans_switch(5, refresh=4.5):
                    time.sleep(1.6)


@asyncio_test
@pytest.mark.timeout(20)
async def test_a21_async_a_block_blocking_the_loop_past_the_switch_raises() -> None:
    with RawServer(json_answers(switch_answers(_one_second_left))) as server:
        async with _quick(server.url, "async") as client:
            with pytest.raises(HtxError):
                async with client.dead_mans_switch(5, refresh=4.5) as switch:
                    time.sleep(1.6)  # a sync call inside async code: the refresh task cannot run
                    with pytest.raises(HtxError):
                        switch.check()
            assert switch.refreshes == 0
            with pytest.raises(HtxError):
                async with client.dead_mans_switch(5, refresh=4.5):
                    time.sleep(1.6)


# -- a refresh raising something that is not an HtxError -------------------------------------


def _always_5s(n: int) -> int:
    return 5000


@pytest.mark.timeout(20)
def test_sync_a_refresh_raising_a_non_htx_error_is_kept_and_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with RawServer(json_answers(switch_answers(_always_5s))) as server:
        with _quick(server.url, "sync") as client:
            real = client.cancel_after
            arms = [0]

            def cancel_after(timeout: float | None) -> CancelAfterStatus:
                if timeout is not None:
                    arms[0] += 1
                    if arms[0] > 1:  # every refresh (the first arm goes through)
                        raise Boom("refresh broke")
                status: CancelAfterStatus = real(timeout)
                return status

            monkeypatch.setattr(client, "cancel_after", cancel_after)
            with pytest.raises(Boom) as at_exit:
                with client.dead_mans_switch(5, refresh=0.3) as switch:
                    seen = _first_error_sync(switch, 4.0)
                    assert isinstance(seen, Boom), repr(seen)
            assert at_exit.value is seen
            assert switch.error is seen


@asyncio_test
@pytest.mark.timeout(20)
async def test_async_a_refresh_raising_a_non_htx_error_is_kept_and_raised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with RawServer(json_answers(switch_answers(_always_5s))) as server:
        async with _quick(server.url, "async") as client:
            real = client.cancel_after
            arms = [0]

            async def cancel_after(timeout: float | None) -> CancelAfterStatus:
                if timeout is not None:
                    arms[0] += 1
                    if arms[0] > 1:
                        raise Boom("refresh broke")
                status: CancelAfterStatus = await real(timeout)
                return status

            monkeypatch.setattr(client, "cancel_after", cancel_after)
            with pytest.raises(Boom) as at_exit:
                async with client.dead_mans_switch(5, refresh=0.3) as switch:
                    seen = await _first_error_async(switch, 4.0)
                    assert isinstance(seen, Boom), repr(seen)
            assert at_exit.value is seen
            assert switch.error is seen

