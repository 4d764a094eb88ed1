"""Issue 20, item 11: an ``AsyncSwapClient`` used again in a second ``asyncio.run()`` raised a
raw ``RuntimeError: Event loop is closed`` (its pooled connection belonged to the first loop,
and the request may even have been written before it raised).

Now the client's own pool is closed by the end of the loop that used it and made again in the
next one, so the client works in any number of ``asyncio.run()`` calls. A caller's
``http_client`` cannot be made again: a call from a later loop is an ``InvalidRequestError``
naming it, before anything is sent; and a caller's client whose connection the caller opened
in an ended loop gives an ``APIConnectionError`` in doubt, never a raw ``RuntimeError``.
"""

from __future__ import annotations

import asyncio
import gc
import json
import threading

import httpx
import pytest
from htx_swap import APIConnectionError, AsyncSwapClient, ClientClosedError, InvalidRequestError

from tests.hostile.raw_server import RawConnection, RawServer, http_response
from tests.hostile.support import BTC, CREDS, cancel_ok


class KeepAlive:
    """Accepts every cancel on keep-alive connections; counts requests and closed
    connections."""

    def __init__(self) -> None:
        self.requests = 0
        self.closed = 0
        self.changed = threading.Condition()

    def __call__(self, conn: RawConnection) -> None:
        while (request := conn.read_request()) is not None:
            ids = json.loads(request.body or b"{}").get("order_id", "")
            with self.changed:
                self.requests += 1
            conn.send(http_response(200, cancel_ok(ids)))
        with self.changed:
            self.closed += 1
            self.changed.notify_all()

    def wait_closed(self, count: int) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.closed >= count, timeout=5.0)


def _options() -> dict[str, object]:
    return {"max_retries": 0, "rate_limiter": None, "read_rate_limiter": None}


def test_the_clients_own_pool_serves_one_asyncio_run_after_another() -> None:
    script = KeepAlive()
    with RawServer(script) as server:
        client = AsyncSwapClient(CREDS, base_url=server.url, **_options())  # type: ignore[arg-type]
        for run in range(3):
            result = asyncio.run(client.cancel(BTC, order_ids=[str(run + 1)]))
            assert result.successes == [str(run + 1)]
            # the loop's end closed the connection it opened (no socket left to the GC)
            assert script.wait_closed(run + 1), f"run {run}: the connection was left open"
        assert script.requests == 3

        async def close() -> None:
            await client.aclose()

        asyncio.run(close())
        with pytest.raises(ClientClosedError):  # closed by the caller: stays closed
            asyncio.run(client.cancel(BTC, order_ids=["9"]))
    assert script.requests == 3


def test_the_clients_own_pool_keeps_its_connection_within_one_loop() -> None:
    script = KeepAlive()
    with RawServer(script) as server:

        async def twice() -> None:
            async with AsyncSwapClient(CREDS, base_url=server.url, **_options()) as client:  # type: ignore[arg-type]
                for order_id in ("1", "2"):
                    assert (await client.cancel(BTC, order_ids=[order_id])).successes == [order_id]
                assert script.closed == 0  # one keep-alive connection for both

        asyncio.run(twice())
        assert script.wait_closed(1)
        assert script.requests == 2


# A caller's pool that outlived its loop leaves sockets only the GC can close (its transports
# cannot be closed without their loop): the caller's to avoid, as the README says.
callers_dead_sockets = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)


@callers_dead_sockets
def test_a_callers_client_from_an_ended_loop_is_a_typed_error_before_sending() -> None:
    _callers_client_from_an_ended_loop()
    gc.collect()  # the dead loop's sockets are the GC's to close: here, not in a later test


def _callers_client_from_an_ended_loop() -> None:
    script = KeepAlive()
    with RawServer(script) as server:
        http = httpx.AsyncClient()
        client = AsyncSwapClient(CREDS, base_url=server.url, http_client=http, **_options())  # type: ignore[arg-type]
        assert asyncio.run(client.cancel(BTC, order_ids=["1"])).successes == ["1"]
        with pytest.raises(InvalidRequestError) as info:
            asyncio.run(client.cancel(BTC, order_ids=["2"]))
        assert info.value.field == "http_client"
        assert info.value.may_have_reached is False
        assert "asyncio.run()" in str(info.value)
        assert "inside the loop" in str(info.value)
        assert script.requests == 1  # nothing was sent

        async def close_it() -> None:  # the caller's pool, closed as the caller would
            await http.aclose()

        with pytest.raises(RuntimeError, match="loop"):  # (httpx's own: the loop is gone)
            asyncio.run(close_it())


@callers_dead_sockets
def test_a_callers_connection_from_an_ended_loop_is_in_doubt_not_a_raw_error() -> None:
    _callers_connection_from_an_ended_loop()
    gc.collect()


def _callers_connection_from_an_ended_loop() -> None:
    script = KeepAlive()
    with RawServer(script) as server:
        http = httpx.AsyncClient()

        async def callers_own_request() -> None:  # the caller opens a connection in this loop
            await http.post(f"{server.url}/elsewhere", content=b"{}")

        asyncio.run(callers_own_request())
        client = AsyncSwapClient(CREDS, base_url=server.url, http_client=http, **_options())  # type: ignore[arg-type]
        with pytest.raises(APIConnectionError) as info:
            asyncio.run(client.cancel(BTC, order_ids=["1"]))
        assert info.value.may_have_reached is True  # it may have been written: it was here
        assert "event loop that has ended" in str(info.value)


def test_a_client_in_use_in_another_running_loop_is_a_typed_error_not_a_new_pool() -> None:
    script = KeepAlive()
    with RawServer(script) as server:
        client = AsyncSwapClient(CREDS, base_url=server.url, **_options())  # type: ignore[arg-type]
        other = asyncio.new_event_loop()
        thread = threading.Thread(target=other.run_forever, daemon=True)
        thread.start()
        try:
            first = asyncio.run_coroutine_threadsafe(client.cancel(BTC, order_ids=["1"]), other)
            assert first.result(timeout=5.0).successes == ["1"]
            with pytest.raises(InvalidRequestError, match="another running event loop") as info:
                asyncio.run(client.cancel(BTC, order_ids=["2"]))
            assert info.value.may_have_reached is False
            assert script.requests == 1
            again = asyncio.run_coroutine_threadsafe(client.cancel(BTC, order_ids=["3"]), other)
            assert again.result(timeout=5.0).successes == ["3"]  # its own loop's pool still works
            asyncio.run_coroutine_threadsafe(client.aclose(), other).result(timeout=5.0)
        finally:
            other.call_soon_threadsafe(other.stop)
            thread.join(timeout=5.0)
            other.run_until_complete(other.shutdown_asyncgens())
            other.close()
