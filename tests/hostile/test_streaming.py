"""A server that answers slowly, endlessly or enormously: each attempt is bounded as a whole
(connect to last byte) and the decoded body is capped while it streams.

Findings covered: a trickle (headers or body one byte at a time) held a call for as long as the
server liked, since httpx's read timeout restarts on every byte; a gzip bomb or an endless
chunked body was read whole into memory before anything looked at its size.
"""

from __future__ import annotations

import functools
import tracemalloc
import zlib
from collections.abc import Iterator

import pytest
from htx_swap import APIConnectionError, APITimeoutError, HtxError, ResponseParseError

from tests.hostile.raw_server import RawConnection, RawServer, Script, http_response
from tests.hostile.support import BTC, MODES, api, attr, call, call_bound

IDS = ["768503271974985728", "771038212360937472"]
TIMEOUT = 1.0
RETRIES = 1
BACKOFF = {"backoff_initial": 0.05, "backoff_max": 0.1}
OPTIONS = {"timeout": TIMEOUT, "max_retries": RETRIES, **BACKOFF}
BOUND = call_bound(timeout=TIMEOUT, max_retries=RETRIES, **BACKOFF)
MIB = 1 << 20


def _trickle_body(conn: RawConnection) -> None:
    """Headers at once, then the body one byte a second (it would take 1000 s)."""
    if conn.read_request() is None:
        return
    conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n")
    for _ in range(1000):
        if not conn.sleep(1.0):
            return
        conn.send(b" ")


def _trickle_headers(conn: RawConnection) -> None:
    """The status line, then one header byte every half second."""
    if conn.read_request() is None:
        return
    conn.send(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    for _ in range(1000):
        if not conn.sleep(0.5):
            return
        conn.send(b"a")


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[RawServer]:
    script: Script = request.param
    with RawServer(script) as raw:
        yield raw


@pytest.mark.slow  # a trickle lasting seconds
@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "server", [_trickle_body, _trickle_headers], ids=["body", "headers"], indirect=True
)
def test_a_trickle_cannot_hold_a_call_past_its_bound(mode: str, server: RawServer) -> None:
    # Today each byte restarts httpx's read timeout: the call lasts as long as the trickle.
    done = call(mode, server.url, "cancel", BTC, order_ids=IDS, options=OPTIONS)
    assert done.seconds < BOUND, f"{done.seconds:.1f}s > {BOUND:.1f}s"
    assert isinstance(done.error, APITimeoutError), repr(done.error)
    assert attr(done.error, "may_have_reached") is True
    assert len(server.requests) <= RETRIES + 1


@functools.cache
def _gzip_bomb() -> bytes:
    """256 KiB of gzip that decodes to 256 MiB of zeros."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MIB)
    return b"".join([packer.compress(zeros) for _ in range(256)] + [packer.flush()])


def _bomb(conn: RawConnection) -> None:
    while conn.read_request() is not None:
        conn.send(http_response(200, _gzip_bomb(), {"Content-Encoding": "gzip"}))


def _endless_chunked(conn: RawConnection) -> None:
    """A chunked body that goes on (48 MiB here: enough to show it was read whole)."""
    if conn.read_request() is None:
        return
    conn.send(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
    chunk = b" " * (64 * 1024)
    for _ in range(48 * 16):
        conn.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    conn.send(b"0\r\n\r\n")


def _big_plain(conn: RawConnection) -> None:
    """A 3 MiB answer, honestly sized, that starts like HTX's."""
    while conn.read_request() is not None:
        body = b'{"status":"ok","data":{"errors":[],"successes":"' + b"1," * (3 * MIB // 2)
        conn.send(http_response(200, body + b'1"},"ts":1}'))


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("server", "peak_limit"),
    [(_bomb, 64 * MIB), (_endless_chunked, 16 * MIB), (_big_plain, 16 * MIB)],
    ids=["gzip-bomb", "endless-chunked", "3MiB-plain"],
    indirect=["server"],
)
def test_the_decoded_body_is_capped_while_it_streams(
    mode: str, server: RawServer, peak_limit: int
) -> None:
    _gzip_bomb()  # built before measuring
    tracemalloc.start()
    try:
        baseline = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        done = call(mode, server.url, "cancel", BTC, order_ids=IDS, options=OPTIONS)
        peak = tracemalloc.get_traced_memory()[1] - baseline
    finally:
        tracemalloc.stop()
    assert peak < peak_limit, f"memory grew by {peak / MIB:.0f} MiB"
    too_large = api("ResponseTooLargeError")
    assert issubclass(too_large, ResponseParseError)
    assert isinstance(done.error, too_large), repr(done.error)
    assert attr(done.error, "may_have_reached") is True  # HTX answered: the cancel may have taken
    assert done.seconds < BOUND


def _close_after_reading(conn: RawConnection) -> None:
    conn.read_request()  # and close without a byte


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("server", [_close_after_reading], ids=["close"], indirect=True)
def test_a_connection_closed_after_the_request_may_have_reached(
    mode: str, server: RawServer
) -> None:
    done = call(mode, server.url, "cancel", BTC, order_ids=IDS, options=OPTIONS)
    assert isinstance(done.error, APIConnectionError), repr(done.error)
    assert isinstance(done.error, HtxError)
    assert attr(done.error, "may_have_reached") is True
    assert len(server.requests) == RETRIES + 1  # retried: a cancel is safe to repeat
    assert done.seconds < BOUND
