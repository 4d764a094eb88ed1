"""Issue 20, item 6: clients of one account share every rate-limit bucket, not only trades.

Two clients given one ``RateLimiter`` (as the README advised) or nothing at all each kept their
own 5-per-second bucket for every strategy cancel endpoint, so together they sent 10 per second
and HTX (here the local exchange, with HTX's limits on) answered 429 / 1032. ``AccountLimiters``
holds every bucket of one account; clients given it (sync and async alike) count in the same
buckets, and clients given one ``RateLimiter`` share the account's other buckets through it.
"""

from __future__ import annotations

import asyncio
import textwrap
from pathlib import Path
from typing import Any

import pytest
from htx_swap import (
    AccountLimiters,
    AsyncSwapClient,
    CancelResult,
    FuturesClient,
    HtxCredentials,
    InvalidRequestError,
    RateLimiter,
    RateLimitError,
    SwapClient,
)
from htx_swap._engine.limiter import htx_buckets
from htx_swap_client.operations import OPERATIONS
from htx_swap_mock import MockExchange

# 6 requests of 10 ids per client: one client alone stays within the endpoint's 5 per second
# after its first answers; two clients with buckets of their own send 10 at once.
IDS = [str(771038212360937472 + i) for i in range(60)]


def _rate_limited(result: CancelResult) -> list[str]:
    return [e.order_id for e in result.errors if isinstance(e.cause, RateLimitError)]


def _burst(
    exchange: MockExchange, sync_options: dict[str, Any], async_options: dict[str, Any]
) -> list[str]:
    """A sync and an async client of one account cancel trigger orders at once; the ids whose
    request HTX refused for its rate limit (no retries: every 429 shows)."""
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    common: dict[str, Any] = {"base_url": exchange.url, "max_retries": 0}

    def sync_burst() -> CancelResult:
        with SwapClient(credentials, **common, **sync_options) as client:
            return client.cancel_trigger("BTC-USD", order_ids=IDS)

    async def both() -> list[CancelResult]:
        async with AsyncSwapClient(credentials, **common, **async_options) as client:
            return list(
                await asyncio.gather(
                    asyncio.to_thread(sync_burst),
                    client.cancel_trigger("BTC-USD", order_ids=IDS),
                )
            )

    results = asyncio.run(both())
    for result in results:
        assert sorted(result.successes + [e.order_id for e in result.errors]) == sorted(IDS)
    return [order_id for result in results for order_id in _rate_limited(result)]


def test_clients_sharing_account_limiters_meet_no_429(htx_exchange: MockExchange) -> None:
    limiters = AccountLimiters()
    shared = {"limiters": limiters}
    assert _burst(htx_exchange, shared, shared) == []


def test_clients_sharing_one_rate_limiter_share_the_strategy_buckets(
    htx_exchange: MockExchange,
) -> None:
    trade = RateLimiter(72, 3.0)
    shared = {"rate_limiter": trade}
    assert _burst(htx_exchange, shared, shared) == []


def test_clients_with_buckets_of_their_own_meet_429(htx_exchange: MockExchange) -> None:
    # the other half: without sharing, HTX's limit is met (what the shared cases avoid)
    assert _burst(htx_exchange, {}, {}) != []


# -- the object and its options -------------------------------------------------------------


def test_account_limiters_hold_every_bucket_the_spec_names_for_the_clients_products() -> None:
    limiters = AccountLimiters()
    spec = {
        facts.rate_limit_bucket: (facts.rate_limit_requests, facts.rate_limit_period)
        for facts in OPERATIONS.values()
        if facts.rate_limit_bucket and facts.product in {"swap", "usdt"}
    }
    # the swaps' and USDT-M's buckets (the products with a client); futures have none yet
    others = {f.rate_limit_bucket for f in OPERATIONS.values() if f.product == "futures"}
    assert others, "another product's buckets are in the spec"
    assert not others & set(limiters), "a bucket of a product no client speaks to"
    assert {"trade", "read", "swap_trigger_cancel", "swap_tpsl_cancel"} <= set(spec)
    assert {"usdt_trade", "usdt_read"} <= set(spec)
    assert {name: (lim.max_requests, lim.period) for name, lim in limiters.items()} == spec
    assert limiters.trade is limiters["trade"]
    assert limiters.read is limiters["read"]
    assert AccountLimiters() != limiters  # two accounts never share a bucket by equality
    own = RateLimiter(10, 1.0)
    assert AccountLimiters(trade=own).trade is own


@pytest.mark.parametrize("client_type", [SwapClient, AsyncSwapClient])
def test_every_client_given_account_limiters_counts_in_its_buckets(client_type: Any) -> None:
    limiters = AccountLimiters()
    credentials = HtxCredentials("key", "secret")
    for _ in range(2):
        client = client_type(credentials, base_url="https://x.invalid", limiters=limiters)
        assert client._engine.limiters == _swap_part(limiters)
        assert all(client._engine.limiters[n] is lim for n, lim in _swap_part(limiters).items())


@pytest.mark.parametrize("client_type", [SwapClient, AsyncSwapClient])
@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("rate_limiter", RateLimiter(72, 3.0)),
        ("rate_limiter", None),
        ("read_rate_limiter", RateLimiter(72, 3.0)),
        ("read_rate_limiter", None),
    ],
)
def test_a_bucket_given_besides_account_limiters_is_refused(
    client_type: Any, option: str, value: object
) -> None:
    with pytest.raises(InvalidRequestError, match=f"^{option}: conflicts with limiters=") as info:
        client_type(
            HtxCredentials("key", "secret"),
            base_url="https://x.invalid",
            limiters=AccountLimiters(),
            **{option: value},
        )
    assert info.value.field == option


def test_the_very_bucket_of_account_limiters_is_no_conflict() -> None:
    limiters = AccountLimiters()
    client = SwapClient(
        HtxCredentials("key", "secret"),
        base_url="https://x.invalid",
        limiters=limiters,
        rate_limiter=limiters.trade,
        read_rate_limiter=limiters.read,
    )
    assert client._engine.limiters == _swap_part(limiters)


@pytest.mark.parametrize("wrong", [RateLimiter(72, 3.0), {"trade": RateLimiter(72, 3.0)}, "htx"])
def test_limiters_that_are_not_account_limiters_are_refused(wrong: object) -> None:
    with pytest.raises(InvalidRequestError, match=r"^limiters: must be an AccountLimiters"):
        SwapClient(HtxCredentials("key", "secret"), limiters=wrong)  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["trade", "read"])
@pytest.mark.parametrize("wrong", [AccountLimiters(), (72, 3.0), "htx"])
def test_a_bucket_of_account_limiters_must_be_a_rate_limiter(field: str, wrong: object) -> None:
    with pytest.raises(InvalidRequestError, match=f"^{field}: must be a RateLimiter"):
        AccountLimiters(**{field: wrong})  # type: ignore[arg-type]


def test_without_sharing_each_client_has_buckets_of_its_own() -> None:
    credentials = HtxCredentials("key", "secret")
    one, two = (SwapClient(credentials, base_url="https://x.invalid") for _ in range(2))
    assert all(
        one._engine.limiters[name] is not two._engine.limiters[name]
        for name in one._engine.limiters
    )
    off = SwapClient(credentials, base_url="https://x.invalid", rate_limiter=None)
    # None turns off every bucket of the trade permission (the product's, the strategy
    # cancels' own); the buckets of the read permission stay on. A client holds its own
    # product's buckets only: a SwapClient the swaps', a FuturesClient the futures'.
    for client, product in (
        (off, "swap"),
        (FuturesClient(credentials, rate_limiter=None), "futures"),
    ):
        buckets = htx_buckets(product)
        assert set(client._engine.limiters) == set(buckets)
        trade = [name for name in buckets if buckets[name].permission == "trade"]
        read = [name for name in buckets if buckets[name].permission == "read"]
        assert len(trade) == 7  # the trade bucket and the six strategy cancels' own
        assert all(client._engine.limiters[name] is None for name in trade)
        assert len(read) == 1
        assert all(client._engine.limiters[name] is not None for name in read)


def test_clients_given_one_rate_limiter_share_every_bucket_not_given_apart() -> None:
    credentials = HtxCredentials("key", "secret")
    trade = RateLimiter(72, 3.0)
    one, two = (
        SwapClient(credentials, base_url="https://x.invalid", rate_limiter=trade) for _ in range(2)
    )
    assert one._engine.limiters["trade"] is trade
    assert all(
        one._engine.limiters[name] is two._engine.limiters[name] for name in one._engine.limiters
    )
    own_read = RateLimiter(10, 1.0)
    three = AsyncSwapClient(
        credentials, base_url="https://x.invalid", rate_limiter=trade, read_rate_limiter=own_read
    )
    assert three._engine.limiters["read"] is own_read
    assert (
        three._engine.limiters["swap_trigger_cancel"] is one._engine.limiters["swap_trigger_cancel"]
    )


# -- what the README says ---------------------------------------------------------------------


def _swap_part(limiters: AccountLimiters) -> dict[str, Any]:
    """The buckets a swap client counts in: all but the USDT-M ones (issue 22: limiters per
    product; a ``UsdtClient`` counts in ``usdt_trade`` and ``usdt_read``)."""
    return {name: lim for name, lim in limiters.items() if not name.startswith("usdt_")}


def _rate_limits_bullet() -> str:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    start = readme.index("- **Rate limits**")
    return readme[start : readme.index("\n- **", start + 1)]


def test_the_readmes_numbers_are_the_buckets_of_account_limiters() -> None:
    text = " ".join(_rate_limits_bullet().split())
    limiters = AccountLimiters()
    assert "72 trade requests per 3 s" in text
    assert "72 reads per 3 s" in text
    assert "its own 5 per second" in text
    assert (limiters.trade.max_requests, limiters.trade.period) == (72, 3.0)
    assert (limiters.read.max_requests, limiters.read.period) == (72, 3.0)
    # the buckets of one operation's own (named after it): the swaps' six strategy cancels;
    # the USDT-M buckets are the account's too, but never a SwapClient's (HTX counts them apart)
    own = {name: lim for name, lim in _swap_part(limiters).items() if name in OPERATIONS}
    assert len(own) == 6
    assert all(name.startswith("swap_") for name in own)
    assert set(_swap_part(limiters)) == {"trade", "read", *own}
    assert all((lim.max_requests, lim.period) == (5, 1.0) for lim in own.values())
    usdt = [lim for name, lim in limiters.items() if name.startswith("usdt_")]
    assert [(lim.max_requests, lim.period) for lim in usdt] == [(72, 3.0), (72, 3.0)]
    assert "`usdt_trade` and `usdt_read`" in text


def test_the_readmes_sharing_example_shares_every_bucket() -> None:
    import htx_swap

    code = textwrap.dedent(_rate_limits_bullet().split("```python\n")[1].split("```")[0])
    names: dict[str, Any] = {
        "htx_swap": htx_swap,
        "SwapClient": SwapClient,
        "AsyncSwapClient": AsyncSwapClient,
        "creds": HtxCredentials("key", "secret"),
    }
    exec(code, names)  # noqa: S102 - the README's own example
    bot, watchdog, limiters = names["bot"], names["watchdog"], names["limiters"]
    assert bot._engine.limiters == watchdog._engine.limiters == _swap_part(limiters)
