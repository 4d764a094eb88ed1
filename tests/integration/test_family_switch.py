"""``dead_mans_switch`` against the local exchange, sync (a thread) and async (a task): armed
and refreshed while the block runs (the exchange's state shows it), off after a clean exit,
left armed by an exception (and then it fires: the exchange cancels the orders), a failed
refresh raised by ``switch.check()`` and at exit.

The SDK refuses a timeout under HTX's 5 s, so instead of waiting 5 s for the switch to run
out, a test moves the exchange's clock past the trigger time (``clock_offset``; the signature
check tolerates 300 s) with the countdown checked every 5 ms.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from htx_swap import AuthenticationError, DeadMansSwitch
from htx_swap_mock import MockExchange, OrderState, faults

from tests.integration.family_sdk import (
    BIG,
    BTC,
    CANCEL_AFTER_PATH,
    FamilySdk,
    Mode,
    bodies,
    open_family_sdk,
    paths,
    wait_until,
)

asyncio_test = pytest.mark.asyncio


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> Mode:
    chosen: Mode = request.param
    return chosen


@pytest.fixture(scope="module")
def shared_exchange() -> Iterator[MockExchange]:
    with MockExchange(cancel_after_check_interval=0.005) as exchange:
        yield exchange


@pytest.fixture
def ex(shared_exchange: MockExchange) -> MockExchange:
    shared_exchange.reset()
    assert shared_exchange.settings.cancel_after_check_interval == 0.005
    return shared_exchange


class BotDied(Exception):
    pass


@asyncio_test
async def test_armed_and_refreshed_while_the_block_runs_then_off(
    mode: Mode, ex: MockExchange
) -> None:
    ex.add_order(BTC, BIG)
    async with open_family_sdk(mode, ex) as sdk, sdk.switch(5, refresh=0.1) as switch:
        first = ex.cancel_after()
        assert first.armed
        assert first.time_out == 5000
        assert switch.status.armed
        assert switch.status.trigger_time == first.trigger_time
        await wait_until(lambda: switch.refreshes >= 2)
        later = ex.cancel_after()
        assert later.armed
        assert later.trigger_time > first.trigger_time  # re-armed: the countdown moved on
        assert switch.error is None
        switch.check()  # nothing to raise
    assert not ex.cancel_after().armed  # a clean exit turned it off
    assert switch.status.armed is False
    sent = bodies(ex, CANCEL_AFTER_PATH)
    assert len(sent) == switch.refreshes + 2  # arm, refreshes, off
    assert sent[0] == {"on_off": 1, "time_out": 5000}
    assert all(body == sent[0] for body in sent[1:-1])
    assert isinstance(sent[-1], dict)
    assert sent[-1]["on_off"] == 0
    # off means off: past the old trigger time nothing fires, the order stays
    ex.clock_offset = 10
    await asyncio.sleep(0.05)
    assert ex.cancel_after().fired == 0
    assert ex.order_state(BTC, BIG) is OrderState.OPEN


async def run_until_the_bot_dies(sdk: FamilySdk) -> None:
    async with sdk.switch(5, refresh=0.05) as switch:
        await wait_until(lambda: switch.refreshes >= 1)
        raise BotDied


@asyncio_test
async def test_an_exception_leaves_it_armed_and_it_fires(mode: Mode, ex: MockExchange) -> None:
    ex.add_order(BTC, BIG)
    ex.add_order(BTC, 5, direction="sell", offset="close")
    async with open_family_sdk(mode, ex) as sdk:
        with pytest.raises(BotDied):
            await run_until_the_bot_dies(sdk)
        assert ex.cancel_after().armed  # not turned off
        armed = {"on_off": 1, "time_out": 5000}
        assert all(body == armed for body in bodies(ex, CANCEL_AFTER_PATH))
        count = len(ex.received)
        await asyncio.sleep(0.2)  # four refresh periods
        assert len(ex.received) == count  # refreshing stopped with the block
        ex.clock_offset = 6  # the server's clock passes the trigger time
        await wait_until(lambda: ex.cancel_after().fired == 1)
    state = ex.cancel_after()
    assert not state.armed
    assert set(state.cancelled) == {BIG, "5"}
    assert ex.order_state(BTC, BIG) is OrderState.CANCELLED
    assert ex.order_state(BTC, 5) is OrderState.CANCELLED


async def run_through_a_failed_refresh(
    sdk: FamilySdk, ex: MockExchange, seen: list[DeadMansSwitch]
) -> None:
    """The block: the next refresh is refused; ``check()`` raises it; refreshing stops; the
    block then ends cleanly."""
    async with sdk.switch(5, refresh=0.05) as switch:
        seen.append(switch)
        ex.inject(faults.gateway_error(), path=CANCEL_AFTER_PATH)  # the next refresh
        await wait_until(lambda: switch.error is not None)
        with pytest.raises(AuthenticationError) as checked:
            switch.check()
        assert checked.value is switch.error
        refreshes = switch.refreshes
        await asyncio.sleep(0.2)
        assert switch.refreshes == refreshes  # it stopped refreshing


@asyncio_test
async def test_a_failed_refresh_is_raised_by_check_and_at_exit(
    mode: Mode, ex: MockExchange
) -> None:
    ex.add_order(BTC, BIG)
    seen: list[DeadMansSwitch] = []
    async with open_family_sdk(mode, ex) as sdk:
        with pytest.raises(AuthenticationError) as at_exit:
            await run_through_a_failed_refresh(sdk, ex, seen)
    switch = seen[0]
    assert at_exit.value is switch.error
    assert at_exit.value.may_have_reached is False
    # the exit still turned the switch off before raising
    assert not ex.cancel_after().armed
    last = bodies(ex, CANCEL_AFTER_PATH)[-1]
    assert isinstance(last, dict)
    assert last["on_off"] == 0
    assert ex.order_state(BTC, BIG) is OrderState.OPEN


async def enter(sdk: FamilySdk, entered: list[bool]) -> None:
    async with sdk.switch(5, refresh=0.05):
        entered.append(True)


@asyncio_test
async def test_a_refused_first_arm_raises_at_entry(mode: Mode, ex: MockExchange) -> None:
    ex.inject(faults.gateway_error(), path=CANCEL_AFTER_PATH)
    entered: list[bool] = []
    async with open_family_sdk(mode, ex) as sdk:
        with pytest.raises(AuthenticationError):
            await enter(sdk, entered)
        await asyncio.sleep(0.15)
    assert entered == []
    assert paths(ex) == [CANCEL_AFTER_PATH]  # no refresher was started
    assert not ex.cancel_after().armed
