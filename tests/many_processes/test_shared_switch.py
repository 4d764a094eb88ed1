"""One account's dead man's switch held by several OS processes through a
``RedisSwitchCoordinator``, against the local exchange: only the last clean exit turns it off;
a holder killed or paused past its lease leaves it armed, and HTX fires it once the others
stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis as redis_py
from htx_swap import (
    AsyncSwapClient,
    HtxCredentials,
    RedisSwitchCoordinator,
    SwapClient,
    SwitchCoordinationError,
    SwitchLeaseLostError,
    SwitchMayBeArmedError,
)
from htx_swap_mock import MockExchange, OrderState

from bench.redis_server import RedisServer, free_port

ROOT = Path(__file__).resolve().parents[2]
ORDER = "771038212360937472"


class Holder:
    def __init__(self, exchange: MockExchange, redis_url: str) -> None:
        env = {
            **os.environ,
            "HTX_ACCESS_KEY": exchange.access_key,
            "HTX_SECRET_KEY": exchange.secret_key,
            "PYTHONPATH": str(ROOT),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.many_processes.holder", exchange.url, redis_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            cwd=ROOT,
            text=True,
        )

    def armed(self) -> None:
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "armed"

    def exit(self) -> dict[str, object]:
        out, _ = self.process.communicate("exit\n", timeout=30)
        outcome: dict[str, object] = json.loads(out.strip().splitlines()[-1])
        return outcome

    def signal(self, number: int) -> None:
        self.process.send_signal(number)


@pytest.fixture
def holders(redis: RedisServer, htx_exchange: MockExchange) -> Iterator[Callable[[], Holder]]:
    started: list[Holder] = []

    def start() -> Holder:
        holder = Holder(htx_exchange, redis.url)
        started.append(holder)
        return holder

    yield start
    for holder in started:
        if holder.process.poll() is None:
            holder.process.send_signal(signal.SIGCONT)
            holder.process.kill()
        holder.process.communicate()  # reaped, its pipes closed


def _armed_holders(start: Callable[[], Holder], count: int) -> list[Holder]:
    group = [start() for _ in range(count)]
    for holder in group:
        holder.armed()
    return group


@pytest.mark.slow
def test_off_only_when_the_last_holder_exits_cleanly(
    holders: Callable[[], Holder], htx_exchange: MockExchange
) -> None:
    first, second, last = _armed_holders(holders, 3)
    assert first.exit() == {"last_exit": "others"}
    assert second.exit() == {"last_exit": "others"}
    time.sleep(1.0)  # the last holder keeps it armed alone
    assert htx_exchange.cancel_after().armed
    assert last.exit() == {"last_exit": "last"}
    state = htx_exchange.cancel_after()
    assert not state.armed
    assert state.fired == 0


@pytest.mark.slow
def test_a_killed_holder_leaves_it_armed_and_the_exchange_fires_it(
    holders: Callable[[], Holder], htx_exchange: MockExchange
) -> None:
    htx_exchange.add_order("BTC-USD", ORDER)
    killed, second, last = _armed_holders(holders, 3)
    killed.signal(signal.SIGKILL)
    time.sleep(5.5)  # past its lease (the switch's 5 s): the others mark it dead
    assert htx_exchange.cancel_after().armed
    assert htx_exchange.cancel_after().fired == 0
    assert second.exit() == {"last_exit": "others"}
    assert last.exit() == {"last_exit": "died"}  # left armed for HTX to fire
    assert htx_exchange.cancel_after().armed
    deadline = time.monotonic() + 8.0
    while htx_exchange.cancel_after().fired == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert htx_exchange.cancel_after().fired == 1
    assert htx_exchange.order_state("BTC-USD", ORDER) == OrderState.CANCELLED


@pytest.mark.slow
def test_a_holder_paused_past_its_lease_counts_as_dead(
    holders: Callable[[], Holder], htx_exchange: MockExchange
) -> None:
    paused, other = _armed_holders(holders, 2)
    paused.signal(signal.SIGSTOP)
    time.sleep(5.5)  # its lease lapses; the other keeps HTX's switch armed
    assert htx_exchange.cancel_after().armed
    assert htx_exchange.cancel_after().fired == 0
    paused.signal(signal.SIGCONT)
    time.sleep(0.5)  # its next refresh finds the lease gone: renewed, marked, refreshing on
    assert other.exit() == {"last_exit": "others"}
    assert paused.exit() == {"error": "SwitchLeaseLostError", "last_exit": "died"}
    assert htx_exchange.cancel_after().armed  # nobody turned it off: HTX fires it


def _credentials(exchange: MockExchange) -> HtxCredentials:
    return HtxCredentials(exchange.access_key, exchange.secret_key)


def test_redis_down_at_entry_sends_nothing(htx_exchange: MockExchange) -> None:
    coordinator = RedisSwitchCoordinator(f"redis://127.0.0.1:{free_port()}/0", account="x")
    with (
        SwapClient(_credentials(htx_exchange), base_url=htx_exchange.url) as client,
        pytest.raises(SwitchCoordinationError),
        client.dead_mans_switch(5, coordinator=coordinator),
    ):
        pytest.fail("entered")
    assert not htx_exchange.received  # nothing reached the exchange


def test_wrong_password_at_entry_is_a_clear_error(
    redis_factory: Callable[..., RedisServer], htx_exchange: MockExchange
) -> None:
    server = redis_factory(password="right-password")
    url = f"redis://:wrong-password@127.0.0.1:{server.port}/0"
    coordinator = RedisSwitchCoordinator(url, account="x")
    with (
        SwapClient(_credentials(htx_exchange), base_url=htx_exchange.url) as client,
        pytest.raises(SwitchCoordinationError) as caught,
        client.dead_mans_switch(5, coordinator=coordinator),
    ):
        pytest.fail("entered")
    assert "wrong-password" not in str(caught.value)
    assert not htx_exchange.received


def test_redis_lost_in_the_block_leaves_it_armed_at_exit(
    redis_factory: Callable[..., RedisServer], htx_exchange: MockExchange
) -> None:
    server = redis_factory()
    coordinator = RedisSwitchCoordinator(server.url, account="lost")
    with SwapClient(_credentials(htx_exchange), base_url=htx_exchange.url) as client:

        def lose_redis_in_the_block() -> None:
            with client.dead_mans_switch(5, refresh=0.2, coordinator=coordinator) as switch:
                server.stop()
                time.sleep(0.5)  # refreshes go on without Redis
                switch.check()

        with pytest.raises(SwitchMayBeArmedError):
            lose_redis_in_the_block()
    assert htx_exchange.cancel_after().armed


@pytest.mark.asyncio
async def test_async_holders_share_the_switch(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    credentials = _credentials(htx_exchange)
    first = RedisSwitchCoordinator(redis.url, account="async-switch")
    second = RedisSwitchCoordinator(redis.url, account="async-switch")
    async with AsyncSwapClient(credentials, base_url=htx_exchange.url) as client:
        async with client.dead_mans_switch(5, refresh=0.2, coordinator=first):
            async with client.dead_mans_switch(5, refresh=0.2, coordinator=second):
                pass
            assert second.last_exit == "others"
            assert htx_exchange.cancel_after().armed
        assert first.last_exit == "last"
    assert not htx_exchange.cancel_after().armed


@pytest.mark.asyncio
async def test_async_exception_in_the_block_leaves_it_armed_for_good(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    credentials = _credentials(htx_exchange)
    crashed = RedisSwitchCoordinator(redis.url, account="async-crash")
    survivor = RedisSwitchCoordinator(redis.url, account="async-crash")
    async with AsyncSwapClient(credentials, base_url=htx_exchange.url) as client:
        async with client.dead_mans_switch(5, refresh=0.2, coordinator=survivor):
            with pytest.raises(KeyError):
                async with client.dead_mans_switch(5, refresh=0.2, coordinator=crashed):
                    raise KeyError("the bot failed")
        assert survivor.last_exit == "died"
    assert htx_exchange.cancel_after().armed


def test_a_holder_whose_lease_lapsed_never_turns_it_off(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    coordinator = RedisSwitchCoordinator(redis.url, account="lapsed")
    raw = redis_py.Redis.from_url(redis.url)
    with SwapClient(_credentials(htx_exchange), base_url=htx_exchange.url) as client:

        def hold() -> None:
            with client.dead_mans_switch(5, refresh=4, coordinator=coordinator):
                # its lease lapsed (as after a pause): the score is its lease's end
                raw.zadd("htx_swap:{lapsed}:switch:holders", {coordinator.holder: 0})

        with pytest.raises(SwitchLeaseLostError):
            hold()
    raw.close()
    assert coordinator.last_exit == "died"
    assert htx_exchange.cancel_after().armed  # left for HTX to fire
    assert issubclass(SwitchLeaseLostError, SwitchMayBeArmedError)
