"""Hostile review of issue 23 (the order push): a server that floods frames but never pings, a
frame whose integer is not one, a lower-case contract code, and a server that never answers the
WebSocket close, each against ``order_updates`` / ``cancel_and_confirm``, sync and async."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import json
import socket
import struct
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from htx_swap import AsyncSwapClient, CancelOutcome, HtxCredentials, SwapClient
from htx_swap._push.push_async import AsyncOrderStream
from htx_swap._push.push_protocol import PushConnectionDeadError, PushFrameError, decode_frame
from htx_swap._push.push_stream import PushGap, PushSettings, StreamItem
from htx_swap._push.push_sync import OrderStream
from htx_swap_mock import MockExchange
from websockets.utils import accept_key

from tests.hostile.push_server import PushConnection, RawPushServer, order_push

MODES = ("sync", "async")
KEYS = HtxCredentials("review-access-key", "review-canary-secret-23")
CONTRACT = "BTC-USD"


def _settings(url: str, **options: Any) -> PushSettings:
    values: dict[str, Any] = {"open_timeout": 2.0, "answer_timeout": 0.3, "wall_clock": time.time}
    values.update(options)
    return PushSettings(url=url, **values)


def _take_for(url: str, mode: str, seconds: float, **options: Any) -> list[StreamItem]:
    """Open a stream, then take what it yields within ``seconds`` (stopping at the first)."""
    settings = _settings(url, **options)
    if mode == "sync":
        with OrderStream(KEYS, CONTRACT, settings) as stream:
            return stream.take(time.monotonic() + seconds)

    async def run() -> list[StreamItem]:
        async with AsyncOrderStream(KEYS, CONTRACT, settings) as stream:
            return await stream.take(time.monotonic() + seconds)

    return asyncio.run(run())


# -- a server that floods frames and never pings is a dead connection -------------------------


@pytest.mark.parametrize("mode", MODES)
def test_a_flood_without_pings_is_still_a_dead_connection(mode: str) -> None:
    """Liveness is pings (issue 23: "no ping for 2 periods is a dead connection"). The drivers
    only asked the heartbeat when a read timed out, so a server sending any other frame
    faster than the read's shrinking time box was never declared dead."""

    def script(conn: PushConnection) -> None:
        conn.accept(CONTRACT)
        if conn.server.connections > 1:
            conn.idle(3.0)
            return
        frame = gzip.compress(b'{"op":"notify","topic":"accounts.btc-usd","ts":1}')
        ends = time.monotonic() + 3.0
        while time.monotonic() < ends:
            conn.send(frame)  # never a ping, never a pause

    with RawPushServer(script) as server:
        started = time.monotonic()
        items = _take_for(server.url, mode, 2.5, heartbeat_period=0.1)
        elapsed = time.monotonic() - started
    assert items, "no gap: the flooding, never-pinging server was never declared dead"
    gap = items[0]
    assert isinstance(gap, PushGap)
    assert gap.reason == "reconnect"
    assert isinstance(gap.error, PushConnectionDeadError)
    assert elapsed < 2.0


# -- decode_frame: every malformed frame is a PushFrameError -----------------------------------


@pytest.mark.parametrize(
    "ts", ['"--5"', '"-"', '"' + "9" * 5000 + '"'], ids=["double-minus", "minus", "5000-digits"]
)
def test_an_integer_field_that_is_not_an_integer_is_a_frame_error(ts: str) -> None:
    """``_int_or_none`` took ``"--5"`` for digits (``lstrip("-")``) and gave ``int()`` strings
    it refuses: a raw ValueError escaped ``decode_frame`` instead of ``PushFrameError``."""
    push = order_push(7, 7)
    push["ts"] = "TS"
    frame = gzip.compress(json.dumps(push).replace('"TS"', ts).encode())
    with pytest.raises(PushFrameError):
        decode_frame(frame)


# -- a lower-case contract code: the pushes still count -----------------------------------------


@pytest.fixture(scope="module")
def rest() -> Iterator[MockExchange]:
    with MockExchange(rate_limit=None) as running:
        yield running


@pytest.fixture
def exchange(rest: MockExchange) -> MockExchange:
    rest.reset()
    return rest


def _confirm(
    exchange: MockExchange,
    push_url: str,
    mode: str,
    contract_code: str,
    ids: list[str],
    deadline: float = 5.0,
) -> CancelOutcome:
    keys = HtxCredentials(exchange.access_key, exchange.secret_key)
    options: dict[str, Any] = {"base_url": exchange.url, "push_url": push_url}
    if mode == "async":

        async def run() -> CancelOutcome:
            async with AsyncSwapClient(keys, **options) as client:
                return await client.cancel_and_confirm(
                    contract_code, order_ids=ids, via="push", deadline=deadline
                )

        return asyncio.run(run())
    with SwapClient(keys, **options) as client:
        return client.cancel_and_confirm(
            contract_code, order_ids=ids, via="push", deadline=deadline
        )


@pytest.mark.parametrize("mode", MODES)
def test_a_lower_case_contract_code_is_confirmed_from_its_push(
    exchange: MockExchange, mode: str
) -> None:
    """HTX matches contract codes case-insensitively and the SDK accepts ``btc-usd``; pushes
    carry ``BTC-USD`` (upper-cased by the decoder). The flow compared them exactly, so every
    push was ignored and each id was read from order info after the grace time."""
    exchange.add_order(CONTRACT, 61)

    def script(conn: PushConnection) -> None:
        conn.accept()
        conn.send(order_push(61, 7))
        conn.idle(3.0)

    with RawPushServer(script) as server:
        outcome = _confirm(exchange, server.url, mode, "btc-usd", ["61"])
    assert outcome.cancelled == ["61"]
    assert sorted(outcome.updates) == ["61"]
    assert outcome.reads == 0


# -- a server that never answers the WebSocket close ------------------------------------------


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def _read_client_frame(sock: socket.socket) -> tuple[int, bytes]:
    head = _recv_exact(sock, 2)
    opcode, size = head[0] & 0x0F, head[1] & 0x7F
    if size == 126:
        size = struct.unpack("!H", _recv_exact(sock, 2))[0]
    elif size == 127:
        size = struct.unpack("!Q", _recv_exact(sock, 8))[0]
    mask = _recv_exact(sock, 4) if head[1] & 0x80 else b"\0\0\0\0"
    payload = bytes(b ^ mask[i % 4] for i, b in enumerate(_recv_exact(sock, size)))
    return opcode, payload


def _binary_frame(document: dict[str, Any]) -> bytes:
    payload = gzip.compress(json.dumps(document).encode())
    assert len(payload) < 1 << 16
    return bytes([0x82, 126]) + struct.pack("!H", len(payload)) + payload


class DeafToCloseServer:
    """A hand-made WebSocket server on 127.0.0.1: accepts the auth and the sub, pushes
    ``pushes``, then reads and drops everything, the close frame included, never answering it
    and keeping the TCP connection open until the test ends."""

    def __init__(self, pushes: list[dict[str, Any]], *, answer_auth: bool = True) -> None:
        self.pushes = pushes
        self.answer_auth = answer_auth
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        self.done = threading.Event()
        self.sockets: list[socket.socket] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.listener.getsockname()[1]}/swap-notification"

    def _serve(self) -> None:
        with contextlib.suppress(OSError, ConnectionError):
            while not self.done.is_set():
                sock, _ = self.listener.accept()
                self.sockets.append(sock)
                threading.Thread(target=self._one, args=(sock,), daemon=True).start()

    def _one(self, sock: socket.socket) -> None:
        with contextlib.suppress(OSError, ConnectionError):
            request = b""
            while b"\r\n\r\n" not in request:
                request += sock.recv(4096)
            key = next(
                line.split(b":", 1)[1].strip()
                for line in request.split(b"\r\n")
                if line.lower().startswith(b"sec-websocket-key:")
            )
            accept = accept_key(key.decode()).encode()
            sock.sendall(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
            )
            _read_client_frame(sock)  # auth
            while not self.answer_auth and not self.done.is_set():
                _read_client_frame(sock)  # never answered, nor the close after it
            sock.sendall(_binary_frame({"op": "auth", "type": "api", "err-code": 0, "ts": 1}))
            sub = json.loads(_read_client_frame(sock)[1])
            answer = {"op": "sub", "cid": sub["cid"], "topic": sub["topic"], "err-code": 0}
            sock.sendall(_binary_frame({**answer, "ts": 1}))
            for push in self.pushes:
                sock.sendall(_binary_frame(push))
            while not self.done.is_set():
                _read_client_frame(sock)  # the close frame too: never answered

    def __enter__(self) -> DeafToCloseServer:
        self.thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.done.set()
        self.listener.close()
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.close()


@pytest.mark.parametrize("mode", MODES)
def test_the_deadline_holds_when_the_server_never_answers_the_close(
    exchange: MockExchange, mode: str
) -> None:
    """The push settles the id at once; closing the push then waited for the server's close
    frame (``close_timeout`` 1 s) past the call's deadline."""
    exchange.add_order(CONTRACT, 71)
    with DeafToCloseServer([order_push(71, 7)]) as server:
        started = time.monotonic()
        outcome = _confirm(exchange, server.url, mode, CONTRACT, ["71"], deadline=0.6)
        elapsed = time.monotonic() - started
    assert (outcome.cancelled, outcome.reads) == (["71"], 0)
    assert elapsed < 0.6 + 0.15, f"cancel_and_confirm(deadline=0.6) took {elapsed:.2f} s"


@pytest.mark.parametrize("mode", MODES)
def test_auto_keeps_its_deadline_when_the_server_answers_neither_auth_nor_close(
    exchange: MockExchange, mode: str
) -> None:
    """The push gets a quarter of the deadline to open; giving up on it then waited for the
    close handshake the server never answers."""
    exchange.add_order(CONTRACT, 81)
    keys = HtxCredentials(exchange.access_key, exchange.secret_key)
    with DeafToCloseServer([], answer_auth=False) as server:
        options: dict[str, Any] = {"base_url": exchange.url, "push_url": server.url}
        started = time.monotonic()
        if mode == "sync":
            with SwapClient(keys, **options) as client:
                outcome = client.cancel_and_confirm(CONTRACT, order_ids=["81"], deadline=0.8)
        else:

            async def run() -> CancelOutcome:
                async with AsyncSwapClient(keys, **options) as client:
                    return await client.cancel_and_confirm(CONTRACT, order_ids=["81"], deadline=0.8)

            outcome = asyncio.run(run())
        elapsed = time.monotonic() - started
    assert (outcome.cancelled, outcome.via) == (["81"], "poll")
    assert elapsed < 0.8 + 0.15, f"cancel_and_confirm(deadline=0.8) took {elapsed:.2f} s"


# -- no secret in an exception ------------------------------------------------------------------


@pytest.mark.parametrize("gzipped", [False, True], ids=["raw", "gzip"])
@pytest.mark.parametrize("as_text", [False, True], ids=["object", "string"])
@pytest.mark.parametrize("mode", MODES)
def test_a_frame_echoing_the_auth_shows_no_signature_in_the_error(
    mode: str, gzipped: bool, as_text: bool
) -> None:
    """A server (or HTX's own error text) echoing the client's auth frame in a malformed frame:
    the PushFrameError's excerpt showed the access key and the signature (replayable while
    the timestamp is fresh) to whatever logs the exception; ``redact`` only knew the query
    form ``Signature=``."""

    def script(conn: PushConnection) -> None:
        auth = conn.recv()
        echo = json.dumps(auth) if as_text else auth  # the frame as a JSON string, or object
        echoed = json.dumps({"echo": echo}).encode()[:-1]  # cut: not JSON
        conn.send(gzip.compress(echoed) if gzipped else b"\x00 " + echoed)
        conn.idle(1.0)

    with RawPushServer(script) as server:
        with pytest.raises(PushFrameError) as raised:
            _take_for(server.url, mode, 0.1)
        signature = server.frames[0]["Signature"]
    shown = f"{raised.value} {raised.value.body_excerpt!r} {raised.value!r}"
    for secret in (KEYS.access_key, signature):
        assert secret not in shown


# -- a server that drops every connection once subscribed: memory stays bounded ---------------


@pytest.mark.parametrize("mode", MODES)
def test_reconnect_gaps_for_a_slow_consumer_stay_bounded(mode: str) -> None:
    """Gaps were always appended past the queue's capacity: a server that subscribes, pushes
    and drops, ten times a second, grew the buffer of a consumer that does not read without
    bound. Consecutive gaps are one gap; updates dropped after one are covered by it."""

    def script(conn: PushConnection) -> None:
        conn.accept(CONTRACT)
        conn.send(order_push(conn.server.connections, 3))

    settings = _settings("", queue_size=2)
    with RawPushServer(script) as server:
        settings = _settings(server.url, queue_size=2)
        if mode == "sync":
            with OrderStream(KEYS, CONTRACT, settings) as stream:
                time.sleep(1.5)
                items = stream.take(time.monotonic())
        else:

            async def run() -> list[StreamItem]:
                async with AsyncOrderStream(KEYS, CONTRACT, settings) as stream:
                    await asyncio.sleep(1.5)
                    return await stream.take(time.monotonic())

            items = asyncio.run(run())
        assert server.connections >= 5
    assert len(items) <= 2 + 2, [type(i).__name__ for i in items]
    assert isinstance(items[-1], PushGap)
    assert items[-1].reason == "reconnect"


# -- a server that never reads: the pong cannot be sent ----------------------------------------


def _never_reads(conn: PushConnection) -> None:
    """Accept, then ping with a ts of 900 kB (gzip: ~1 kB) and never read again: the client's
    pongs (the ts echoed) fill the TCP buffers and its send blocks."""
    conn.accept(CONTRACT)
    frame = gzip.compress(json.dumps({"op": "ping", "ts": "1" * 900_000}).encode())
    for _ in range(60):
        conn.send(frame)
    time.sleep(4.0)


@pytest.mark.parametrize("mode", MODES)
def test_close_is_bounded_when_the_server_never_reads(mode: str) -> None:
    """The reading thread blocked in ``ws.send`` (a pong) holds the connection's lock, and
    ``close()`` waited behind it for as long as the server kept the socket open (14 s here;
    forever for a server without a keepalive of its own)."""
    with RawPushServer(_never_reads) as server:
        settings = _settings(server.url)
        if mode == "sync":
            stream = OrderStream(KEYS, CONTRACT, settings).open()
            time.sleep(1.0)
            started = time.monotonic()
            stream.close()
            elapsed = time.monotonic() - started
            assert not stream.alive
        else:

            async def run() -> float:
                stream = await AsyncOrderStream(KEYS, CONTRACT, settings).open()
                await asyncio.sleep(1.0)
                started = time.monotonic()
                await stream.aclose()
                assert not stream.alive
                return time.monotonic() - started

            elapsed = asyncio.run(run())
    assert elapsed < 2.5, f"close() took {elapsed:.1f} s"
