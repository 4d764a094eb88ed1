"""Pointing at the local exchange once (issue 26, item 1): ``HTX_BASE_URL`` sets the base URL
of a client built with ``from_env``, an explicit ``base_url=`` wins, the constructor never reads
the environment, and an authentication error names the host that refused the keys, so the
local exchange's keys sent to the live one are obvious."""

from __future__ import annotations

import asyncio
import traceback
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from htx_swap import (
    AsyncSwapClient,
    AuthenticationError,
    CancelResult,
    HtxCredentials,
    InvalidRequestError,
    SwapClient,
)
from htx_swap_mock import MockExchange, OrderState

BTC = "BTC-USD"
ORDER = "1234567890123456789"  # > 2**53
NOTHING_LISTENS = "http://127.0.0.1:9"
MODES = ("sync", "async")
CANARY_SECRET = "from-env-canary-secret-9d3e"  # a global: the test's own frame holds no copy


@pytest.fixture(scope="module")
def shared_exchange() -> Iterator[MockExchange]:
    with MockExchange() as exchange:
        yield exchange


@pytest.fixture
def ex(shared_exchange: MockExchange, monkeypatch: pytest.MonkeyPatch) -> MockExchange:
    """The local exchange, fresh, with its keys and URL exported as its printout says."""
    shared_exchange.reset()
    monkeypatch.setenv("HTX_ACCESS_KEY", shared_exchange.access_key)
    monkeypatch.setenv("HTX_SECRET_KEY", shared_exchange.secret_key)
    monkeypatch.setenv("HTX_BASE_URL", shared_exchange.url)
    return shared_exchange


def _cancel_from_env(mode: str, **options: Any) -> CancelResult:
    options = {"max_retries": 0, **options}
    if mode == "sync":
        with SwapClient.from_env(**options) as client:
            return client.cancel(BTC, order_ids=[ORDER])

    async def run() -> CancelResult:
        async with AsyncSwapClient.from_env(**options) as client:
            return await client.cancel(BTC, order_ids=[ORDER])

    return asyncio.run(run())


@pytest.mark.parametrize("mode", MODES)
def test_htx_base_url_points_a_client_from_env_at_the_local_exchange(
    mode: str, ex: MockExchange
) -> None:
    ex.add_order(BTC, ORDER)
    result = _cancel_from_env(mode)
    assert result.successes == [ORDER]
    assert ex.order_state(BTC, ORDER) is OrderState.CANCELLED
    assert len(ex.received) == 1


@pytest.mark.parametrize("mode", MODES)
def test_an_explicit_base_url_wins_over_htx_base_url(
    mode: str, ex: MockExchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTX_BASE_URL", NOTHING_LISTENS)
    ex.add_order(BTC, ORDER)
    assert _cancel_from_env(mode, base_url=ex.url).successes == [ORDER]


def test_from_env_passes_the_constructors_options(ex: MockExchange) -> None:
    with SwapClient.from_env(timeout=3.0, rate_limiter=None) as client:
        assert client._engine.timeout.read == 3.0
        assert "trade" not in {n for n, lim in client._engine.limiters.items() if lim}
    with pytest.raises(TypeError, match="no_such_option"):
        SwapClient.from_env(no_such_option=1)


@pytest.mark.parametrize("client_class", [SwapClient, AsyncSwapClient])
def test_the_constructor_never_reads_htx_base_url(
    client_class: type[SwapClient] | type[AsyncSwapClient], ex: MockExchange
) -> None:
    client = client_class(HtxCredentials.from_env())
    assert "base_url='https://api.hbdm.com'" in repr(client)  # as given: the default


@pytest.mark.parametrize("value", [None, ""])
@pytest.mark.parametrize("client_class", [SwapClient, AsyncSwapClient])
def test_without_htx_base_url_from_env_is_the_live_exchange(
    client_class: type[SwapClient] | type[AsyncSwapClient],
    value: str | None,
    ex: MockExchange,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if value is None:
        monkeypatch.delenv("HTX_BASE_URL")
    else:
        monkeypatch.setenv("HTX_BASE_URL", value)
    assert "base_url='https://api.hbdm.com'" in repr(client_class.from_env())


@pytest.mark.parametrize("client_class", [SwapClient, AsyncSwapClient])
def test_a_wrong_htx_base_url_is_named(
    client_class: type[SwapClient] | type[AsyncSwapClient],
    ex: MockExchange,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTX_BASE_URL", ex.url.removeprefix("http://"))
    with pytest.raises(InvalidRequestError) as caught:
        client_class.from_env()
    assert caught.value.field == "HTX_BASE_URL"
    assert repr(ex.url) in str(caught.value)  # the URL it most likely meant
    monkeypatch.setenv("HTX_BASE_URL", "http://api.hbdm.com")  # plain http to a remote host
    with pytest.raises(InvalidRequestError, match=r"^HTX_BASE_URL: "):
        client_class.from_env()


@pytest.mark.parametrize("client_class", [SwapClient, AsyncSwapClient])
def test_missing_keys_are_named_by_from_env(
    client_class: type[SwapClient] | type[AsyncSwapClient],
    ex: MockExchange,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HTX_SECRET_KEY")
    with pytest.raises(InvalidRequestError) as caught:
        client_class.from_env()
    assert caught.value.field == "HTX_SECRET_KEY"


# -- an authentication error names its host -----------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_an_authentication_error_names_the_local_exchange(
    mode: str, ex: MockExchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTX_SECRET_KEY", "not-the-local-exchanges-secret")
    ex.add_order(BTC, ORDER)
    with pytest.raises(AuthenticationError) as caught:
        _cancel_from_env(mode)
    host = ex.url.removeprefix("http://")
    assert f"(from {host})" in str(caught.value)
    assert "Verification failure" in str(caught.value)  # HTX's own words stay
    assert ex.order_state(BTC, ORDER) is OrderState.OPEN


GATEWAY = {
    "status": "error",
    "err-code": "api-signature-not-valid",
    "err-msg": "Signature not valid",
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("status", "body"),
    [
        (200, GATEWAY),
        (200, {"status": "error", "err_code": 1017, "err_msg": "No key"}),
        (401, None),
    ],
    ids=["gateway", "business-code", "http-401"],
)
def test_an_authentication_error_names_the_live_host(
    mode: str, status: int, body: dict[str, object] | None
) -> None:
    """Keys of the local exchange sent to HTX itself (no network: a mock transport answers as
    HTX's gateway would)."""

    def answer(request: httpx.Request) -> httpx.Response:
        if body is None:
            return httpx.Response(status, content=b"")
        return httpx.Response(status, json=body)

    credentials = HtxCredentials("mock-access-key", "mock-secret-key")
    options: dict[str, Any] = {"max_retries": 0, "rate_limiter": None}
    transport = httpx.MockTransport(answer)
    if mode == "sync":
        with (
            httpx.Client(transport=transport) as http,
            SwapClient(credentials, http_client=http, **options) as client,
            pytest.raises(AuthenticationError) as caught,
        ):
            client.cancel(BTC, order_ids=[ORDER])
    else:

        async def run() -> None:
            async with (
                httpx.AsyncClient(transport=transport) as http,
                AsyncSwapClient(credentials, http_client=http, **options) as client,
            ):
                await client.cancel(BTC, order_ids=[ORDER])

        with pytest.raises(AuthenticationError) as caught:
            asyncio.run(run())
    assert "(from api.hbdm.com)" in str(caught.value)
    assert caught.value.may_have_reached is False  # refused as a whole, as before


@pytest.mark.parametrize("client_class", [SwapClient, AsyncSwapClient])
@pytest.mark.parametrize("broken", ["access key", "option"])
def test_no_frame_of_a_failed_from_env_holds_the_secret(
    client_class: type[SwapClient] | type[AsyncSwapClient],
    broken: str,
    ex: MockExchange,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTX_SECRET_KEY", CANARY_SECRET)
    options: dict[str, Any] = {}
    if broken == "access key":
        monkeypatch.delenv("HTX_ACCESS_KEY")
    else:
        options["timeout"] = 0
    with pytest.raises(InvalidRequestError) as caught:
        client_class.from_env(**options)
    recorded = traceback.TracebackException.from_exception(caught.value, capture_locals=True)
    assert CANARY_SECRET not in "".join(recorded.format())
