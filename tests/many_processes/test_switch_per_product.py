"""Each product's dead man's switch is HTX's own (``swap_cancel_after`` and
``contract_cancel_after``): holders of one on an account's ``RedisSwitchCoordinator`` never
count as holders of the other. A futures block still running must not keep the swaps' switch
armed after the last swap holder's clean exit (it would fire and cancel every swap order),
nor the other way round. Against a real redis-server and the local exchange."""

from __future__ import annotations

import asyncio

import pytest
from htx_swap import (
    AsyncFuturesClient,
    AsyncSwapClient,
    FuturesClient,
    HtxCredentials,
    RedisSwitchCoordinator,
    SwapClient,
)
from htx_swap_mock import MockExchange

from bench.redis_server import RedisServer


def _credentials(exchange: MockExchange) -> HtxCredentials:
    return HtxCredentials(exchange.access_key, exchange.secret_key)


def test_a_futures_holder_never_keeps_the_swaps_switch_armed(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    swap_holder = RedisSwitchCoordinator(redis.url, account="two-products")
    futures_holder = RedisSwitchCoordinator(redis.url, account="two-products")
    credentials = _credentials(htx_exchange)
    with (
        SwapClient(credentials, base_url=htx_exchange.url) as swaps,
        FuturesClient(credentials, base_url=htx_exchange.url) as futures,
    ):
        with futures.dead_mans_switch(30, coordinator=futures_holder):
            with swaps.dead_mans_switch(30, coordinator=swap_holder):
                assert htx_exchange.cancel_after().armed
                assert htx_exchange.cancel_after(product="futures").armed
            assert swap_holder.last_exit == "last"
            assert not htx_exchange.cancel_after().armed
            assert htx_exchange.cancel_after(product="futures").armed
        assert futures_holder.last_exit == "last"
    assert not htx_exchange.cancel_after(product="futures").armed


def test_a_swap_holder_never_keeps_the_futures_switch_armed_async(
    redis: RedisServer, htx_exchange: MockExchange
) -> None:
    async def main() -> None:
        swap_holder = RedisSwitchCoordinator(redis.url, account="two-products-async")
        futures_holder = RedisSwitchCoordinator(redis.url, account="two-products-async")
        credentials = _credentials(htx_exchange)
        async with (
            AsyncSwapClient(credentials, base_url=htx_exchange.url) as swaps,
            AsyncFuturesClient(credentials, base_url=htx_exchange.url) as futures,
        ):
            async with swaps.dead_mans_switch(30, coordinator=swap_holder):
                async with futures.dead_mans_switch(30, coordinator=futures_holder):
                    pass
                assert futures_holder.last_exit == "last"
                assert not htx_exchange.cancel_after(product="futures").armed
                assert htx_exchange.cancel_after().armed
            assert swap_holder.last_exit == "last"
        assert not htx_exchange.cancel_after().armed

    asyncio.run(main())


@pytest.mark.parametrize("product", ["swap", "futures"])
def test_holders_of_one_product_still_share_its_switch(
    redis: RedisServer, htx_exchange: MockExchange, product: str
) -> None:
    first = RedisSwitchCoordinator(redis.url, account=f"shared-{product}")
    second = RedisSwitchCoordinator(redis.url, account=f"shared-{product}")
    kind = SwapClient if product == "swap" else FuturesClient
    with kind(_credentials(htx_exchange), base_url=htx_exchange.url) as client:
        with client.dead_mans_switch(30, coordinator=first):
            with client.dead_mans_switch(30, coordinator=second):
                pass
            assert second.last_exit == "others"
            assert htx_exchange.cancel_after(product=product).armed
        assert first.last_exit == "last"
    assert not htx_exchange.cancel_after(product=product).armed
