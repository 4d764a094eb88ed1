"""What the futures clients share with the swap clients since issues 23-25 (merged with issue
21): event hooks and the attempt log on every futures call, ``with_options``, the call's
contract in its records (the symbol), and ``cancel_and_confirm`` confirming by order info only
(the SDK's order push is the coin-M swaps'), sync and async, against the local exchange.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from htx_swap import (
    AsyncFuturesClient,
    AsyncSwapClient,
    FuturesClient,
    HtxCredentials,
    InvalidRequestError,
    SwapClient,
)
from htx_swap._engine.calls import describe
from htx_swap._observe.hooks import HookRequest, HookResponse
from htx_swap_mock import MockExchange

BIG = "768503271974985728"
asyncio_test = pytest.mark.asyncio


@pytest.fixture(scope="module")
def shared_exchange() -> Any:
    with MockExchange() as exchange:
        yield exchange


@pytest.fixture
def ex(shared_exchange: MockExchange) -> MockExchange:
    shared_exchange.reset()
    return shared_exchange


def _client(mode: str, ex: MockExchange, **options: Any) -> FuturesClient | AsyncFuturesClient:
    creds = HtxCredentials(ex.access_key, ex.secret_key)
    kind = FuturesClient if mode == "sync" else AsyncFuturesClient
    return kind(creds, base_url=ex.url, timeout=5.0, backoff_max=0.05, **options)


async def _call(
    client: FuturesClient | AsyncFuturesClient, name: str, *args: Any, **kw: Any
) -> Any:
    result = getattr(client, name)(*args, **kw)
    return await result if inspect.isawaitable(result) else result


async def _close(client: FuturesClient | AsyncFuturesClient) -> None:
    if isinstance(client, AsyncFuturesClient):
        await client.aclose()
    else:
        client.close()


@pytest.mark.parametrize("mode", ["sync", "async"])
@asyncio_test
async def test_futures_calls_run_the_event_hooks_and_keep_the_attempt_log(
    mode: str, ex: MockExchange
) -> None:
    code = ex.futures_contract_code("BTC", "quarter")
    ex.add_order(code, BIG)
    requests: list[HookRequest] = []
    responses: list[HookResponse] = []
    hooks: Any = {"request": [requests.append], "response": [responses.append]}
    client = _client(mode, ex, event_hooks=hooks)
    try:
        result = await _call(client, "cancel", "BTC", order_ids=[BIG])
    finally:
        await _close(client)
    assert result.successes == [BIG]
    assert [r.operation for r in requests] == ["contract_cancel"]
    assert "AccessKeyId=***" in requests[0].url
    assert [r.status_code for r in responses] == [200]
    assert [(a.operation, a.attempt) for a in result.attempt_log] == [("contract_cancel", 1)]


@pytest.mark.parametrize("mode", ["sync", "async"])
@asyncio_test
async def test_with_options_makes_a_futures_client_on_the_same_pool(
    mode: str, ex: MockExchange
) -> None:
    code = ex.futures_contract_code("ETH", "this_week")
    ex.add_order(code, BIG)
    client = _client(mode, ex)
    try:
        derived = client.with_options(timeout=3.0, max_retries=0)
        assert type(derived) is type(client)
        assert derived._engine.limiters is client._engine.limiters  # the futures buckets
        (info,) = await _call(derived, "order_info", "ETH", order_ids=[BIG])
        assert (info.order_id, info.contract_code) == (BIG, code)
    finally:
        await _close(client)


@pytest.mark.parametrize("mode", ["sync", "async"])
@asyncio_test
async def test_futures_cancel_and_confirm_polls_and_push_is_refused_before_sending(
    mode: str, ex: MockExchange
) -> None:
    code = ex.futures_contract_code("BTC", "next_week")
    ex.add_order(code, BIG)
    client = _client(mode, ex)
    try:
        with pytest.raises(InvalidRequestError) as refused:
            await _call(client, "cancel_and_confirm", "BTC", order_ids=[BIG], via="push")
        assert refused.value.field == "via"
        assert ex.received == []
        outcome = await _call(client, "cancel_and_confirm", "BTC", order_ids=[BIG])
    finally:
        await _close(client)
    assert outcome.cancelled == [BIG]
    assert outcome.via == "poll"
    assert {r.path for r in ex.received} <= {
        "/api/v1/contract_cancel",
        "/api/v1/contract_order_info",
    }


@pytest.mark.parametrize("kind", [FuturesClient, AsyncFuturesClient])
def test_push_url_and_order_updates_are_the_swap_clients_only(
    kind: type[FuturesClient] | type[AsyncFuturesClient],
) -> None:
    creds = HtxCredentials("access-key", "secret-key")
    with pytest.raises(InvalidRequestError) as refused:
        kind(creds, push_url="wss://api.hbdm.com/notification")
    assert refused.value.field == "push_url"
    assert not hasattr(kind, "order_updates")
    assert hasattr(SwapClient, "order_updates")
    assert hasattr(AsyncSwapClient, "order_updates")
    for name in ("with_options", "cancel_and_confirm"):
        assert hasattr(kind, name)


def test_a_futures_calls_records_name_its_symbol() -> None:
    assert describe(("btc",), {"order_ids": [BIG]}) == ("BTC", 1)
    assert describe((), {"symbol": "eth", "contract_type": "quarter"}) == ("ETH", None)
    assert describe((), {"symbols": ["BTC", "ETH"]}) == ("BTC,ETH", None)
    assert describe((), {"contract_code": "btc-usd"}) == ("BTC-USD", None)
