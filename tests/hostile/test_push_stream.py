"""The order stream's drivers (``order_updates``, ``OrderStream``, ``AsyncOrderStream``) and
``cancel_and_confirm`` against a scripted raw WebSocket server on 127.0.0.1, sync and async:
auth refused (typed, never retried), no answer to auth, no ping ever, a frame not gzip, a gzip
bomb, a push for an id nobody asked about, a disconnect between the cancel and its push, a slow
consumer (overflow gap), close() leaving no thread or task, and no secret in the frame log."""

from __future__ import annotations

import asyncio
import gzip
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from htx_swap import AsyncSwapClient, CancelOutcome, HtxCredentials, SwapClient
from htx_swap._model.errors import APITimeoutError
from htx_swap._push.push_async import AsyncOrderStream
from htx_swap._push.push_protocol import (
    OrderUpdate,
    PushAnswerTimeoutError,
    PushAuthRefusedError,
    PushConnectionDeadError,
    PushFrameError,
    PushFrameTooLargeError,
)
from htx_swap._push.push_stream import PushGap, PushSettings, StreamItem
from htx_swap._push.push_sync import OrderStream
from htx_swap_mock import MockExchange

from tests.hostile.push_server import PushConnection, RawPushServer, order_push

MODES = ("sync", "async")
KEYS = HtxCredentials("raw-access-key", "raw-canary-secret-77f3")
CONTRACT = "BTC-USD"
ORDER_INFO = "/swap-api/v1/swap_order_info"


def _settings(url: str, **options: Any) -> PushSettings:
    values: dict[str, Any] = {"open_timeout": 2.0, "answer_timeout": 0.3, "wall_clock": time.time}
    values.update(options)
    return PushSettings(url=url, **values)


def _collect(url: str, mode: str, count: int, *, wait: float = 0.0, **options: Any) -> list[Any]:
    """Open a stream, wait ``wait`` s, then take ``count`` items (or the error raised)."""
    settings = _settings(url, **options)
    items: list[Any] = []
    if mode == "sync":
        with OrderStream(KEYS, CONTRACT, settings) as stream:
            time.sleep(wait)
            try:
                for item in stream if count else ():
                    items.append(item)
                    if len(items) == count:
                        break
            except Exception as exc:
                items.append(exc)
        assert not stream.alive
        return items

    async def run() -> None:
        async with AsyncOrderStream(KEYS, CONTRACT, settings) as stream:
            await asyncio.sleep(wait)
            try:
                async for item in stream if count else _nothing():
                    items.append(item)
                    if len(items) == count:
                        break
            except Exception as exc:
                items.append(exc)
        assert not stream.alive
        assert asyncio.all_tasks() == {asyncio.current_task()}  # no task left behind

    asyncio.run(run())
    return items


async def _nothing() -> AsyncIterator[StreamItem]:
    nothing: tuple[StreamItem, ...] = ()
    for item in nothing:
        yield item


def _open(url: str, mode: str, **options: Any) -> None:
    _collect(url, mode, 0, **options)


# -- opening -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_auth_refused_is_typed_and_never_retried(mode: str) -> None:
    def script(conn: PushConnection) -> None:
        conn.recv()
        conn.send({"op": "auth", "type": "api", "err-code": 2002, "err-msg": "bad sig", "ts": 1})

    with RawPushServer(script) as server:
        with pytest.raises(PushAuthRefusedError) as raised:
            _open(server.url, mode)
        time.sleep(0.3)  # a retry would have connected again by now
        assert server.connections == 1
    assert raised.value.code == 2002


@pytest.mark.parametrize("mode", MODES)
def test_no_answer_to_auth_is_a_timeout_within_its_box(mode: str) -> None:
    with RawPushServer(lambda conn: conn.idle(3.0)) as server:
        started = time.monotonic()
        with pytest.raises(PushAnswerTimeoutError):
            _open(server.url, mode, answer_timeout=0.2)
        assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("mode", MODES)
def test_a_server_that_never_answers_the_upgrade_is_a_timeout(mode: str) -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    try:
        port = listener.getsockname()[1]
        with pytest.raises(APITimeoutError):
            _open(f"ws://127.0.0.1:{port}/swap-notification", mode, open_timeout=0.2)
    finally:
        listener.close()


# -- faults once streaming: a gap, and the stream goes on --------------------------------------


def _then(bad: bytes | None) -> Any:
    """Accept; on the first connection send ``bad`` (None: nothing, no ping either) and idle;
    on later ones push order 7 cancelled."""

    def script(conn: PushConnection) -> None:
        conn.accept(CONTRACT)
        if conn.server.connections == 1:
            if bad is not None:
                conn.send(bad)
            conn.idle(3.0)
        else:
            conn.send(order_push(7, 7))
            conn.idle(3.0)

    return script


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("bad", "error"),
    [
        (None, PushConnectionDeadError),  # no ping ever sent
        (b"this is not gzip", PushFrameError),
        (gzip.compress(b" " * (8 << 20)), PushFrameTooLargeError),  # 8 MiB from ~8 KiB
    ],
    ids=["no-ping", "not-gzip", "gzip-bomb"],
)
def test_a_fault_is_a_reconnect_gap_then_the_stream_goes_on(
    mode: str, bad: bytes | None, error: type[Exception]
) -> None:
    with RawPushServer(_then(bad)) as server:
        items = _collect(server.url, mode, 2, heartbeat_period=0.1)
    gap, update = items
    assert isinstance(gap, PushGap)
    assert gap.reason == "reconnect"
    assert isinstance(gap.error, error)
    assert isinstance(update, OrderUpdate)
    assert update.order_id == "7"
    assert server.connections == 2


@pytest.mark.parametrize("mode", MODES)
def test_a_slow_consumer_gets_an_overflow_gap_never_a_silent_drop(mode: str) -> None:
    def script(conn: PushConnection) -> None:
        conn.accept(CONTRACT)
        for order_id in range(1, 6):
            conn.send(order_push(order_id, 3))
        conn.send(order_push(99, 7))
        conn.idle(3.0)

    with RawPushServer(script) as server:
        items = _collect(server.url, mode, 3, wait=0.3, queue_size=2)
    assert [getattr(i, "order_id", None) for i in items[:2]] == ["1", "2"]
    assert items[2] == PushGap("overflow", lost=4)


@pytest.mark.parametrize("mode", MODES)
def test_a_refusal_after_a_reconnect_ends_the_stream_with_the_typed_error(mode: str) -> None:
    def script(conn: PushConnection) -> None:
        if conn.server.connections == 1:
            conn.accept(CONTRACT)
            conn.send(order_push(5, 3))
            return  # closes: the stream reconnects
        conn.recv()
        conn.send({"op": "auth", "type": "api", "err-code": 2003, "ts": 1})

    with RawPushServer(script) as server:
        items = _collect(server.url, mode, 5)
        time.sleep(0.3)
        assert server.connections == 2  # refused once: not retried
    update, gap, error = items
    assert isinstance(update, OrderUpdate)
    assert isinstance(gap, PushGap)
    assert gap.reason == "reconnect"
    assert isinstance(error, PushAuthRefusedError)


# -- resources and secrets ---------------------------------------------------------------------


def test_close_leaves_no_thread_even_mid_stream() -> None:
    before = set(threading.enumerate())
    with RawPushServer(lambda conn: conn.serve(3.0)) as server:
        stream = OrderStream(KEYS, CONTRACT, _settings(server.url)).open()
        assert stream.alive
        started = time.monotonic()
        stream.close()
        assert time.monotonic() - started < 2.0
        assert not stream.alive
        assert set(threading.enumerate()) - before <= {
            t for t in threading.enumerate() if t.daemon and "push" not in t.name
        }


@pytest.mark.parametrize("mode", MODES)
def test_the_frame_log_shows_no_secret(mode: str, caplog: pytest.LogCaptureFixture) -> None:
    with RawPushServer(lambda conn: conn.serve(1.0)) as server:
        with caplog.at_level(logging.DEBUG, logger="htx_swap"):
            _open(server.url, mode)
        signature = server.frames[0]["Signature"]
    assert "auth" in caplog.text  # the frame was logged...
    for secret in (KEYS.secret_key, KEYS.access_key, signature):
        assert secret not in caplog.text  # ...masked


# -- cancel_and_confirm against the raw push, REST from the local exchange --------------------


@pytest.fixture(scope="module")
def rest() -> Iterator[MockExchange]:
    with MockExchange(rate_limit=None) as running:
        yield running


@pytest.fixture
def exchange(rest: MockExchange) -> MockExchange:
    rest.reset()
    return rest


def _confirm(exchange: MockExchange, push_url: str, mode: str, ids: list[str]) -> CancelOutcome:
    keys = HtxCredentials(exchange.access_key, exchange.secret_key)
    options: dict[str, Any] = {"base_url": exchange.url, "push_url": push_url}
    if mode == "async":

        async def run() -> CancelOutcome:
            async with AsyncSwapClient(keys, **options) as client:
                return await client.cancel_and_confirm(CONTRACT, order_ids=ids, via="push")

        return asyncio.run(run())
    with SwapClient(keys, **options) as client:
        return client.cancel_and_confirm(CONTRACT, order_ids=ids, via="push")


@pytest.mark.parametrize("mode", MODES)
def test_a_push_for_an_id_nobody_asked_about_is_ignored(exchange: MockExchange, mode: str) -> None:
    exchange.add_order(CONTRACT, 11)
    exchange.add_order(CONTRACT, 12)

    def script(conn: PushConnection) -> None:
        conn.accept(CONTRACT)
        conn.send(order_push(999, 7))  # nobody asked
        conn.send(order_push(11, 7))
        conn.send(order_push(11, 3))  # never overrides the final 7
        conn.send(order_push(12, 6, contract_code="ETH-USD"))  # another contract: not ours
        conn.send(order_push(12, 6))
        conn.idle(3.0)

    with RawPushServer(script) as server:
        outcome = _confirm(exchange, server.url, mode, ["11", "12"])
    assert (outcome.cancelled, outcome.filled, outcome.pending) == (["11"], ["12"], [])
    assert sorted(outcome.updates) == ["11", "12"]
    assert outcome.reads == 0


@pytest.mark.parametrize("mode", MODES)
def test_a_disconnect_before_the_push_is_settled_from_order_info(
    exchange: MockExchange, mode: str
) -> None:
    exchange.add_order(CONTRACT, 21)

    def script(conn: PushConnection) -> None:
        conn.accept(CONTRACT)
        if conn.server.connections == 1:
            conn.idle(0.1)
            return  # the connection ends before any push
        conn.idle(3.0)

    with RawPushServer(script) as server:
        outcome = _confirm(exchange, server.url, mode, ["21"])
    assert outcome.cancelled == ["21"]
    assert outcome.reads >= 1
    assert outcome.reads == sum(1 for r in exchange.received if r.path == ORDER_INFO)
    assert outcome.updates == {}


@pytest.mark.parametrize("mode", MODES)
def test_auto_polls_when_the_push_does_not_open_within_a_quarter_of_the_deadline(
    exchange: MockExchange, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    exchange.add_order(CONTRACT, 31)
    keys = HtxCredentials(exchange.access_key, exchange.secret_key)
    with RawPushServer(lambda conn: conn.idle(5.0)) as server:  # never answers the auth
        options: dict[str, Any] = {"base_url": exchange.url, "push_url": server.url}
        started = time.monotonic()
        with caplog.at_level(logging.WARNING, logger="htx_swap"):
            if mode == "sync":
                with SwapClient(keys, **options) as client:
                    outcome = client.cancel_and_confirm(CONTRACT, order_ids=["31"], deadline=2.0)
            else:

                async def run() -> CancelOutcome:
                    async with AsyncSwapClient(keys, **options) as client:
                        return await client.cancel_and_confirm(
                            CONTRACT, order_ids=["31"], deadline=2.0
                        )

                outcome = asyncio.run(run())
        elapsed = time.monotonic() - started
        assert server.frames[0]["op"] == "auth"  # it tried the push first
    assert (outcome.cancelled, outcome.via) == (["31"], "poll")
    assert outcome.reads >= 1
    assert elapsed < 2.0  # 0.5 s for the push, then polled: never the whole deadline
    assert "order push unavailable, confirming by order info" in caplog.text


@pytest.mark.parametrize("mode", MODES)
def test_waiting_on_an_ended_stream_returns_a_final_gap_at_once(mode: str) -> None:
    with RawPushServer(lambda conn: conn.serve(3.0)) as server:
        settings = _settings(server.url)
        if mode == "sync":
            stream = OrderStream(KEYS, CONTRACT, settings).open()
            stream.close()
            started = time.monotonic()
            items = stream.take(time.monotonic() + 5.0)
        else:

            async def run() -> list[StreamItem]:
                stream = await AsyncOrderStream(KEYS, CONTRACT, settings).open()
                await stream.aclose()
                return await stream.take(time.monotonic() + 5.0)

            started = time.monotonic()
            items = asyncio.run(run())
    assert time.monotonic() - started < 2.0  # not the 5 s asked: nothing more can come
    (gap,) = items
    assert isinstance(gap, PushGap)
    assert gap.final
