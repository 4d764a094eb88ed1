"""Review 4: the sync attempt guard (``deadline.on_helper_thread``) over a caller's own
httpx.Client.

Finding: before the refactor, an ``HtxError`` raised inside the guarded attempt (by a caller's
transport or event hook) came back to the call as that attempt's outcome, as it does in the
async client: retried when it said nothing was sent, and stamped with what earlier attempts
may have done. The refactor raised it straight out of the call instead: no retry, and an
earlier attempt that may have reached HTX was forgotten (``may_have_reached`` False: "nothing
reached HTX" for a cancel that may have taken).

Pinned, unchanged: a ``KeyboardInterrupt`` raised in the helper thread reaches the caller.

Found while fixing it: a client closed by another thread or task after the request was sent
was reported "the client was closed; not sent" (``may_have_reached`` False) by the async client
and as a raw ``RuntimeError`` by the sync one; it is a ``ClientClosedError`` in doubt now.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from htx_swap import APIConnectionError, AsyncSwapClient, ClientClosedError, SwapClient

from tests.hostile.support import BTC, CREDS, MODES, call, cancel_ok, mock_transport_client

QUICK = {"backoff_initial": 0.001, "backoff_max": 0.001, "max_retries": 2}


@pytest.mark.parametrize("mode", MODES)
def test_an_htx_error_from_the_callers_transport_is_that_attempts_outcome(mode: str) -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        if len(sent) == 1:  # the caller's transport refuses this one: nothing was sent
            raise APIConnectionError("the caller's transport: not sent", may_have_reached=False)
        return httpx.Response(200, content=cancel_ok("5"))

    done = call(
        mode,
        "https://api.hbdm.com",
        "cancel",
        BTC,
        order_ids=["5"],
        options=QUICK,
        http_client=lambda mode: mock_transport_client(mode, handler),
    )
    assert done.error is None, repr(done.error)
    assert done.value.successes == ["5"]
    assert len(sent) == 2


@pytest.mark.parametrize("mode", MODES)
def test_an_htx_error_after_an_attempt_that_may_have_reached_keeps_the_doubt(mode: str) -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        if len(sent) == 1:  # written, then the connection dropped: the cancel may have taken
            raise httpx.ReadError("connection reset", request=request)
        raise APIConnectionError("the caller's transport: not sent", may_have_reached=False)

    done = call(
        mode,
        "https://api.hbdm.com",
        "cancel_all",
        BTC,
        options=QUICK,
        http_client=lambda mode: mock_transport_client(mode, handler),
    )
    assert isinstance(done.error, APIConnectionError), repr(done.error)
    assert done.error.may_have_reached  # the first attempt may have cancelled orders
    assert len(sent) == QUICK["max_retries"] + 1


def test_ctrl_c_in_the_callers_transport_reaches_the_caller() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http,
        SwapClient(CREDS, base_url="https://api.hbdm.com", http_client=http) as client,
        pytest.raises(KeyboardInterrupt),
    ):
        client.cancel(BTC, order_ids=["5"])


class _ClosesTheClientSync(httpx.SyncByteStream):
    """An answer whose body, once the request was sent, finds the client closed by another
    thread (httpx then raises a ``RuntimeError``: ``StreamClosed``)."""

    def __init__(self) -> None:
        self.client: httpx.Client | None = None

    def __iter__(self) -> Iterator[bytes]:
        assert self.client is not None
        self.client.close()
        raise httpx.StreamClosed()
        yield b""  # pragma: no cover - a generator


class _ClosesTheClientAsync(httpx.AsyncByteStream):
    def __init__(self) -> None:
        self.client: httpx.AsyncClient | None = None

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert self.client is not None
        await self.client.aclose()
        raise httpx.StreamClosed()
        yield b""  # pragma: no cover - a generator


def test_a_client_closed_while_the_answer_is_read_leaves_the_cancel_in_doubt_sync() -> None:
    body = _ClosesTheClientSync()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, stream=body))
    with httpx.Client(transport=transport) as http:
        body.client = http
        client = SwapClient(CREDS, base_url="https://api.hbdm.com", http_client=http, max_retries=2)
        with pytest.raises(ClientClosedError) as raised:
            client.cancel(BTC, order_ids=["5"])
    assert raised.value.may_have_reached  # it was sent: not "nothing sent"
    assert "while the answer was read" in str(raised.value)


def test_a_client_closed_while_the_answer_is_read_leaves_the_cancel_in_doubt_async() -> None:
    body = _ClosesTheClientAsync()

    async def run() -> None:
        transport = httpx.MockTransport(lambda request: httpx.Response(200, stream=body))
        async with httpx.AsyncClient(transport=transport) as http:
            body.client = http
            client = AsyncSwapClient(
                CREDS, base_url="https://api.hbdm.com", http_client=http, max_retries=2
            )
            await client.cancel(BTC, order_ids=["5"])

    with pytest.raises(ClientClosedError) as raised:
        asyncio.run(run())
    assert raised.value.may_have_reached
    assert "while the answer was read" in str(raised.value)
