"""``with_options``: per-call options on the parent's pool and limiters, checked like the
constructor's; closing the derived client leaves the parent's pool open."""

from __future__ import annotations

import asyncio

import pytest
from htx_swap import (
    AsyncFuturesClient,
    AsyncSwapClient,
    AsyncUsdtClient,
    FuturesClient,
    InvalidRequestError,
    RateLimiter,
    SwapClient,
    UsdtClient,
)
from htx_swap_mock import MockExchange, faults

from tests.production.conftest import BTC, CREDS, ORDER_A, ORDER_B

CANCEL_PATH = "/swap-api/v1/swap_cancel"


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"timeout": 0}, "timeout"),
        ({"timeout": None}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
        ({"max_retries": True}, "max_retries"),
        ({"backoff_initial": "1"}, "backoff_initial"),
        ({"backoff_max": float("nan")}, "backoff_max"),
    ],
)
def test_options_are_checked_like_the_constructors(options: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidRequestError) as constructor:
        SwapClient(CREDS, **options)  # type: ignore[arg-type]
    with SwapClient(CREDS) as client, pytest.raises(InvalidRequestError) as derived:
        client.with_options(**options)
    assert derived.value.field == constructor.value.field == field


@pytest.mark.parametrize(
    "client_class",
    [SwapClient, AsyncSwapClient, FuturesClient, AsyncFuturesClient, UsdtClient, AsyncUsdtClient],
)
@pytest.mark.parametrize(
    ("call", "said"),
    [
        (
            lambda c: c.with_options(timout=3),
            "with_options() got an unexpected keyword argument 'timout'; did you mean timeout=?",
        ),
        (
            lambda c: c.with_options(event_hooks={}),
            "with_options() got an unexpected keyword argument 'event_hooks'; it takes timeout, "
            "max_retries, backoff_initial, backoff_max",
        ),
        (
            lambda c: c.with_options(3),
            "with_options(): too many positional arguments; give timeout=, max_retries=, "
            "backoff_initial=, backoff_max= by keyword",
        ),
    ],
)
def test_a_call_that_does_not_fit_names_the_clients_class(
    client_class: type, call: object, said: str
) -> None:
    client = client_class(CREDS)
    try:
        with pytest.raises(TypeError) as raised:
            call(client)  # type: ignore[operator]
        assert str(raised.value) == f"{client_class.__name__}.{said}"
    finally:
        if hasattr(client, "aclose"):
            asyncio.run(client.aclose())
        else:
            client.close()


def test_sync_shares_the_pool_and_limiters_and_closing_it_keeps_the_parent(
    exchange: MockExchange,
) -> None:
    exchange.add_order(BTC, ORDER_A)
    exchange.add_order(BTC, ORDER_B)
    exchange.inject(faults.http_503(), times=1, path=CANCEL_PATH)
    limiter = RateLimiter(2, 60.0)  # two requests a minute
    with SwapClient(CREDS, base_url=exchange.url, rate_limiter=limiter) as parent:
        once = parent.with_options(max_retries=0, timeout=2.5)
        assert once._http is parent._http  # one pool
        assert once._engine.limiters == parent._engine.limiters
        assert once._engine.timeout.read == 2.5
        assert parent._engine.timeout.read == 10.0
        error = None
        try:
            once.cancel(BTC, order_ids=[ORDER_A])
        except Exception as exc:
            error = exc
        assert error is not None  # no retry: the 503 is the outcome
        once.close()
        assert not parent._http.is_closed
        assert parent.cancel(BTC, order_ids=[ORDER_B]).successes == [ORDER_B]
        assert limiter.acquire() > 0  # full: each client's request took a slot of the one bucket
    with pytest.raises(Exception, match="closed"):
        once.cancel(BTC, order_ids=[ORDER_A])


def test_async_shares_the_pool_across_event_loops(exchange: MockExchange) -> None:
    exchange.add_order(BTC, ORDER_A)
    exchange.add_order(BTC, ORDER_B)
    parent = AsyncSwapClient(CREDS, base_url=exchange.url, rate_limiter=None)
    quick = parent.with_options(timeout=3, backoff_initial=0.001, backoff_max=0.001)

    async def first() -> None:
        assert (await quick.cancel(BTC, order_ids=[ORDER_A])).successes == [ORDER_A]
        assert quick._http is parent._http
        await quick.aclose()
        assert not parent._http.is_closed

    async def second() -> None:  # a new loop: the parent's pool made again, shared again
        result = await parent.with_options(max_retries=1).cancel(BTC, order_ids=[ORDER_B])
        assert result.successes == [ORDER_B]
        await parent.aclose()

    asyncio.run(first())
    asyncio.run(second())
