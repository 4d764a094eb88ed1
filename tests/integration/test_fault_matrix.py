"""The fault matrix: each way a cancel can go wrong, against the local exchange over real HTTP,
through ``SwapClient`` and ``AsyncSwapClient``.

Every row states the exact typed outcome, how many cancel requests the client sends (counted on
the wire by the client's transport and by the exchange, which must agree), the orders' state at
the exchange afterwards, and an upper bound on wall time derived from the retry policy and the
timeouts (see ``wall_time_bound``; also held to the SDK's documented total bound,
``call_time_bound``). Every error states ``may_have_reached`` (any attempt of the call).
pytest-timeout guards each row a little above its bound, so a hang fails rather than blocks.

The http clients handed to the SDK are built with ``timeout=None``: every timeout that fires
here is one the SDK set itself, per client or per call.
"""

from __future__ import annotations

import asyncio
import math
import select
import socket
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import httpx
import pytest
from htx_swap import (
    APIConnectionError,
    APITimeoutError,
    AsyncSwapClient,
    AuthenticationError,
    CancelResult,
    DeadlineTransport,
    HtxApiError,
    HtxCredentials,
    HtxError,
    RateLimitError,
    ResponseParseError,
    ResponseTooLargeError,
    ServerError,
    ServiceUnavailableError,
    SwapClient,
    TimestampError,
)
from htx_swap._engine.policy import RetryPolicy, next_delay
from htx_swap_mock import MockExchange, OrderState, ReceivedRequest, TimestampErrorStyle, faults

CANCEL_PATH = "/swap-api/v1/swap_cancel"
TIMESTAMP_PATH = "/api/v1/timestamp"
BTC = "BTC-USD"
ORDER_A = "768503271974985728"  # above 2**53, as HTX's ids are
ORDER_B = "771038212360937472"
IDS = (ORDER_A, ORDER_B)
OPEN, CANCELLED, FILLED = OrderState.OPEN, OrderState.CANCELLED, OrderState.FILLED

BACKOFF_INITIAL = 0.02
BACKOFF_MAX = 0.08
# Rows whose answers come at once get a timeout they never meet on loopback; rows about
# timeouts get a short one, so three timed-out attempts stay under a second or two.
PROMPT = 1.0
SHORT = 0.3
# Longer than any row's bound: a stall that no timeout cut short would blow the bound.
STALL_SECONDS = 30.0
# Scheduling noise on top of what the policy allows (a loaded 2-core machine; the exchange's
# thread shares this process).
SLACK_SECONDS = 1.5
MODES = ("sync", "async")
MIB = 1 << 20
# SwapClient holds an attempt to its time only through its own transport (DeadlineTransport)
# and a check between body chunks; with a caller's httpx.Client nothing bounds the reading of
# the headers, which a trickle keeps alive byte by byte: the first attempt lasts as long as the
# server likes (the whole trickle here), past the call's bound, and the retry never comes.
# A trickle's pause between bytes: each byte comes well within SHORT (so a read timeout alone
# never fires), and the whole answer (some 200 bytes with its headers) takes seconds.
TRICKLE_SECONDS = 0.02
# An answer's cap in the size rows (the SDK's default), and the most the call may allocate
# meanwhile (tracemalloc's peak, the exchange's thread included): near the cap, nowhere near
# what the server sends (64 MiB decoded, or 4 MiB).
CAP = 1 * MIB
PEAK = 4 * CAP

Target = Literal["exchange", "refused", "blackhole"]
Arrange = Callable[[MockExchange], object]


def _nothing(ex: MockExchange) -> None:
    return None


def _every(fault: faults.Fault, *, after_processing: bool = False) -> Arrange:
    """The fault answers every cancel request."""

    def arrange(ex: MockExchange) -> None:
        ex.inject(fault, times=None, path=CANCEL_PATH, after_processing=after_processing)

    return arrange


def _once(fault: faults.Fault, *, after_processing: bool = False) -> Arrange:
    """The fault answers the first cancel request only; the exchange answers the rest."""

    def arrange(ex: MockExchange) -> None:
        ex.inject(fault, times=1, path=CANCEL_PATH, after_processing=after_processing)

    return arrange


def _both(*steps: Arrange) -> Arrange:
    def arrange(ex: MockExchange) -> None:
        for step in steps:
            step(ex)

    return arrange


def _skewed(style: TimestampErrorStyle) -> Arrange:
    """The exchange's clock is 30 minutes behind the client's, so it refuses the first cancel
    for its timestamp, in ``style``."""

    def arrange(ex: MockExchange) -> None:
        ex.clock_offset = -1800.0
        ex.settings.timestamp_error = style

    return arrange


def _state(order_id: str, state: OrderState) -> Arrange:
    def arrange(ex: MockExchange) -> None:
        ex.set_order_state(BTC, order_id, state)

    return arrange


@dataclass(frozen=True)
class Row:
    """One line of the matrix. ``expect`` is the exception class, exactly, or None for a
    ``CancelResult``; ``attempts`` is how many cancel requests are sent in all."""

    name: str
    expect: type[HtxError] | None
    attempts: int
    arrange: Arrange = _nothing
    final: tuple[OrderState, OrderState] = (OPEN, OPEN)  # ORDER_A's and ORDER_B's afterwards
    max_retries: int | None = None  # None: the SDK's default, which must be 2
    target: Target = "exchange"
    timeout: float = PROMPT  # the client's, seconds
    call_timeout: float | None = None  # the call's, overriding the client's
    server_waits: tuple[float, ...] = ()  # waits the server asked for (Retry-After)
    clock_syncs: int = 0  # GET /api/v1/timestamp requests
    # A result's content.
    successes: tuple[str, ...] = ()
    inferred: tuple[str, ...] = ()
    order_errors: tuple[tuple[str, int], ...] = ()
    # An error's attributes; None means "not checked" for code and status. may_have_reached
    # must be given for every error row: since the truthful-outcome rules every HtxError a call
    # raises carries it for the call as a whole (it used to be checked on APIConnectionError
    # rows only).
    code: int | str | None = None
    status_code: int | None = None
    may_have_reached: bool | None = None
    # A result's ids in doubt (named in neither list) and ids HTX named that nobody asked for.
    unanswered: tuple[str, ...] = ()
    unrequested: tuple[str, ...] = ()
    # The SDK makes its own http client (the default path) instead of the counting one.
    own_client: bool = False
    max_response_bytes: int | None = None
    peak_bytes: int | None = None  # the most the call may allocate (tracemalloc)


ROWS = [
    # -- no connection at all ------------------------------------------------------------
    Row(
        "refused",
        APIConnectionError,
        attempts=3,
        target="refused",
        may_have_reached=False,
    ),
    Row(
        "refused, max_retries=0",
        APIConnectionError,
        attempts=1,
        target="refused",
        max_retries=0,
        may_have_reached=False,
    ),
    Row(
        "connect timeout",
        APITimeoutError,
        attempts=3,
        target="blackhole",
        timeout=SHORT,
        may_have_reached=False,
    ),
    # -- the server stalls ---------------------------------------------------------------
    Row(
        "read timeout: server stalls",
        APITimeoutError,
        attempts=3,
        arrange=_every(faults.stall(STALL_SECONDS)),
        timeout=SHORT,
        may_have_reached=True,
    ),
    Row(
        "read timeout set per call (client timeout longer than the stall)",
        APITimeoutError,
        attempts=3,
        arrange=_every(faults.stall(STALL_SECONDS)),
        timeout=2 * STALL_SECONDS,
        call_timeout=SHORT,
        may_have_reached=True,
    ),
    Row(
        "read timeout after processing, then 1071: inferred success",
        None,
        attempts=2,
        arrange=_once(faults.stall(STALL_SECONDS), after_processing=True),
        timeout=SHORT,
        successes=IDS,
        inferred=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    # -- HTTP statuses -------------------------------------------------------------------
    Row(
        "HTTP 500 with HTX's JSON body: not retried",
        HtxApiError,
        attempts=1,
        arrange=_every(faults.http_500()),
        code=1000,
        status_code=500,
        may_have_reached=True,
    ),
    Row(
        "HTTP 500 plain text: not retried",
        ServerError,
        attempts=1,
        arrange=_every(faults.http_500(json_body=False)),
        status_code=500,
        may_have_reached=True,
    ),
    Row(
        "HTML 502 every time",
        ServiceUnavailableError,
        attempts=3,
        arrange=_every(faults.html_502()),
        code=None,
        status_code=502,
        may_have_reached=True,
    ),
    Row(
        "503 then success",
        None,
        attempts=2,
        arrange=_once(faults.http_503()),
        successes=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "503, max_retries=0",
        ServiceUnavailableError,
        attempts=1,
        arrange=_once(faults.http_503()),
        max_retries=0,
        status_code=503,
        may_have_reached=True,
    ),
    Row(
        "429 with Retry-After 1, then success",
        None,
        attempts=2,
        arrange=_once(faults.http_429(retry_after=1)),
        server_waits=(1.0,),
        successes=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    # -- bodies that are not an answer ---------------------------------------------------
    Row(
        "malformed JSON: not retried",
        ResponseParseError,
        attempts=1,
        arrange=_every(faults.malformed_json()),
        status_code=200,
        may_have_reached=True,
    ),
    Row(
        "truncated body every time",
        APIConnectionError,
        attempts=3,
        arrange=_every(faults.truncated_body()),
        may_have_reached=True,
    ),
    Row(
        "truncated body after processing, then 1071: inferred success",
        None,
        attempts=2,
        arrange=_once(faults.truncated_body(), after_processing=True),
        successes=IDS,
        inferred=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    # -- status:error ----------------------------------------------------------------------
    Row(
        "1004 busy every time",
        ServiceUnavailableError,
        attempts=3,
        arrange=_every(faults.business_error(1004, "System busy. Please try again later.")),
        code=1004,
        status_code=200,
        may_have_reached=False,
    ),
    Row(
        "1004 busy, then success",
        None,
        attempts=2,
        arrange=_once(faults.business_error(1004, "System busy. Please try again later.")),
        successes=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "1032 rate limited every time",
        RateLimitError,
        attempts=3,
        arrange=_every(faults.business_error(1032, "The number of access exceeded the limit.")),
        code=1032,
        status_code=200,
        may_have_reached=False,
    ),
    Row(
        "1061 for the whole request: a business error, never retried",
        HtxApiError,
        attempts=1,
        arrange=_every(faults.business_error(1061, "This order doesnt exist.")),
        code=1061,
        status_code=200,
        may_have_reached=False,
    ),
    Row(
        "12001 every time: one clock sync, one more try, then TimestampError",
        TimestampError,
        attempts=2,
        arrange=_every(faults.business_error(12001, "Invalid submission time.")),
        clock_syncs=1,
        code=12001,
        status_code=200,
        may_have_reached=False,
    ),
    Row(
        "drop after processing, then 12001: one clock sync, then 1071: inferred success",
        None,
        attempts=3,
        arrange=_both(
            _once(faults.drop(), after_processing=True),
            _once(faults.business_error(12001, "Invalid submission time.")),
        ),
        clock_syncs=1,
        successes=IDS,
        inferred=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "real clock skew, 12001: one clock sync, then success",
        None,
        attempts=2,
        arrange=_skewed(TimestampErrorStyle.BUSINESS),
        clock_syncs=1,
        successes=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "real clock skew, the gateway's invalid submission time: one clock sync, then success",
        None,
        attempts=2,
        arrange=_skewed(TimestampErrorStyle.GATEWAY),
        clock_syncs=1,
        successes=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "hyphenated gateway error: not retried",
        AuthenticationError,
        attempts=1,
        arrange=_every(faults.gateway_error()),
        code="api-signature-not-valid",
        status_code=200,
        may_have_reached=False,
    ),
    # -- the connection drops --------------------------------------------------------------
    Row(
        "drop before processing, then success (not inferred: it took on the retry)",
        None,
        attempts=2,
        arrange=_once(faults.drop()),
        successes=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "drop after processing, then 1071: inferred success",
        None,
        attempts=2,
        arrange=_once(faults.drop(), after_processing=True),
        successes=IDS,
        inferred=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "drop after processing with one order filled: 1071 inferred, 1063 stays an error",
        None,
        attempts=2,
        arrange=_both(_state(ORDER_B, FILLED), _once(faults.drop(), after_processing=True)),
        successes=(ORDER_A,),
        inferred=(ORDER_A,),
        order_errors=((ORDER_B, 1063),),
        final=(CANCELLED, FILLED),
    ),
    Row(
        "drop after processing, max_retries=0: may have reached, and it did",
        APIConnectionError,
        attempts=1,
        arrange=_once(faults.drop(), after_processing=True),
        max_retries=0,
        may_have_reached=True,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "drop after processing, then the gateway's refusal: in doubt for the call as a whole",
        AuthenticationError,
        attempts=2,
        arrange=_both(
            _once(faults.drop(), after_processing=True),
            _every(faults.gateway_error()),
        ),
        code="api-signature-not-valid",
        status_code=200,
        # The last attempt was refused as a whole, but the first may have reached HTX (and
        # did): the error says so (the truthful-outcome rule: any attempt of the call).
        may_have_reached=True,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "drop every time",
        APIConnectionError,
        attempts=3,
        arrange=_every(faults.drop()),
        may_have_reached=True,
    ),
    # -- a trickle: each byte within the read timeout, the answer never within the attempt -----
    Row(
        "trickled body: the attempt's bound cuts it",
        APITimeoutError,
        attempts=3,
        arrange=_every(faults.trickle("body", seconds=TRICKLE_SECONDS)),
        timeout=SHORT,
        may_have_reached=True,
    ),
    Row(
        "trickled body, the SDK's own http client",
        APITimeoutError,
        attempts=3,
        arrange=_every(faults.trickle("body", seconds=TRICKLE_SECONDS)),
        timeout=SHORT,
        may_have_reached=True,
        own_client=True,
    ),
    Row(
        "trickled headers: the attempt's bound cuts it",
        APITimeoutError,
        attempts=3,
        arrange=_every(faults.trickle("headers", seconds=TRICKLE_SECONDS)),
        timeout=SHORT,
        may_have_reached=True,
    ),
    Row(
        "trickled headers, the SDK's own http client",
        APITimeoutError,
        attempts=3,
        arrange=_every(faults.trickle("headers", seconds=TRICKLE_SECONDS)),
        timeout=SHORT,
        may_have_reached=True,
        own_client=True,
    ),
    Row(
        "trickled body after processing, then 1071: inferred success",
        None,
        attempts=2,
        arrange=_once(faults.trickle("body", seconds=TRICKLE_SECONDS), after_processing=True),
        timeout=SHORT,
        successes=IDS,
        inferred=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "trickled headers after processing, then 1071: inferred success",
        None,
        attempts=2,
        arrange=_once(faults.trickle("headers", seconds=TRICKLE_SECONDS), after_processing=True),
        timeout=SHORT,
        successes=IDS,
        inferred=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "trickled headers after processing, then 1071, the SDK's own http client",
        None,
        attempts=2,
        arrange=_once(faults.trickle("headers", seconds=TRICKLE_SECONDS), after_processing=True),
        timeout=SHORT,
        successes=IDS,
        inferred=IDS,
        final=(CANCELLED, CANCELLED),
        own_client=True,
    ),
    # -- size: the decoded body is capped while it streams; never retried --------------------
    Row(
        "gzip bomb after processing: ResponseTooLargeError, memory near the cap",
        ResponseTooLargeError,
        attempts=1,
        arrange=_every(faults.gzip_bomb(64 * MIB), after_processing=True),
        may_have_reached=True,
        final=(CANCELLED, CANCELLED),
        max_response_bytes=CAP,
        peak_bytes=PEAK,
    ),
    Row(
        "gzip bomb, the SDK's own http client",
        ResponseTooLargeError,
        attempts=1,
        arrange=_every(faults.gzip_bomb(64 * MIB)),
        may_have_reached=True,
        max_response_bytes=CAP,
        peak_bytes=PEAK,
        own_client=True,
    ),
    Row(
        "oversize body (4 MiB, honestly sized): ResponseTooLargeError, memory near the cap",
        ResponseTooLargeError,
        attempts=1,
        arrange=_every(faults.oversize_body(4 * MIB), after_processing=True),
        may_have_reached=True,
        final=(CANCELLED, CANCELLED),
        max_response_bytes=CAP,
        peak_bytes=PEAK,
    ),
    # -- answers that name the wrong ids -----------------------------------------------------
    Row(
        "partial answer after processing: the unnamed id is unanswered, never dropped",
        None,
        attempts=1,
        arrange=_once(faults.partial_answer(1), after_processing=True),
        successes=(ORDER_A,),
        unanswered=(ORDER_B,),
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "partial answer before processing: the unnamed id is unanswered (and still open)",
        None,
        attempts=1,
        arrange=_once(faults.partial_answer(1)),
        successes=(ORDER_A,),
        unanswered=(ORDER_B,),
        final=(CANCELLED, OPEN),
    ),
    Row(
        "answer naming an unrequested id: never a success",
        None,
        attempts=1,
        arrange=_once(faults.unrequested_id("99"), after_processing=True),
        successes=IDS,
        unrequested=("99",),
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "answer naming only an unrequested id: every requested id unanswered",
        None,
        attempts=1,
        arrange=_once(faults.unrequested_id("011")),
        unanswered=IDS,
        unrequested=("011",),
    ),
    # -- a lost answer, then refusals: the doubt of the first attempt is carried -------------
    Row(
        "drop after processing, then 1032 every time: doubt carried",
        RateLimitError,
        attempts=3,
        arrange=_both(
            _once(faults.drop(), after_processing=True),
            _every(faults.business_error(1032, "The number of access exceeded the limit.")),
        ),
        code=1032,
        status_code=200,
        may_have_reached=True,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "drop after processing, then 1004 every time: doubt carried",
        ServiceUnavailableError,
        attempts=3,
        arrange=_both(
            _once(faults.drop(), after_processing=True),
            _every(faults.business_error(1004, "System busy. Please try again later.")),
        ),
        code=1004,
        status_code=200,
        may_have_reached=True,
        final=(CANCELLED, CANCELLED),
    ),
    # -- 5xx after the cancel took ---------------------------------------------------------
    Row(
        "HTTP 500 with HTX's JSON body after the cancel took: in doubt, not retried",
        HtxApiError,
        attempts=1,
        arrange=_every(faults.http_500(), after_processing=True),
        code=1000,
        status_code=500,
        may_have_reached=True,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "HTTP 500 plain text after the cancel took: in doubt, not retried",
        ServerError,
        attempts=1,
        arrange=_every(faults.http_500(json_body=False), after_processing=True),
        status_code=500,
        may_have_reached=True,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "HTML 502 after the cancel took, then 1071: inferred success",
        None,
        attempts=2,
        arrange=_once(faults.html_502(), after_processing=True),
        successes=IDS,
        inferred=IDS,
        final=(CANCELLED, CANCELLED),
    ),
    Row(
        "already cancelled, no fault: 1071 on a first attempt is an error, not inferred",
        None,
        attempts=1,
        arrange=_both(_state(ORDER_A, CANCELLED), _state(ORDER_B, CANCELLED)),
        order_errors=((ORDER_A, 1071), (ORDER_B, 1071)),
        final=(CANCELLED, CANCELLED),
    ),
]


# -- the wall-time bound -------------------------------------------------------------------


def attempt_bound(seconds: float) -> float:
    """The longest one attempt may take: ``seconds``, connect to last byte.

    Rule change: the timeout used to bound each phase on its own (an ``httpx.Timeout`` whose
    four parts added up to 4 * ``seconds``); it now bounds each attempt as a whole."""
    return seconds


def call_time_bound(row: Row) -> float:
    """The SDK's documented bound on a whole call: ``(max_retries + 2) * timeout +
    max_retries * (backoff_max + backoff_initial)`` (every attempt, every backoff, one clock
    resync), the timeout being the call's when it sets one."""
    retries = 2 if row.max_retries is None else row.max_retries
    timeout = row.call_timeout or row.timeout
    return (retries + 2) * timeout + retries * (BACKOFF_MAX + BACKOFF_INITIAL)


def backoff_bound(retry_number: int) -> float:
    """The longest backoff before retry ``retry_number`` (1-based), per ``RetryPolicy``:
    initial * 2**(n-1), capped at backoff_max, plus up to backoff_initial of jitter."""
    return min(BACKOFF_INITIAL * 2.0 ** (retry_number - 1), BACKOFF_MAX) + BACKOFF_INITIAL


def test_backoff_bound_holds_for_the_sdks_policy() -> None:
    # The bound is written from RetryPolicy's docstring; this keeps it honest about the code,
    # both the policy's backoff and next_delay, which the engine asks before each retry.
    policy = RetryPolicy(5, BACKOFF_INITIAL, BACKOFF_MAX)
    for retry_number in range(1, 6):
        waits = [policy.backoff(retry_number) for _ in range(200)]
        assert max(waits) <= backoff_bound(retry_number)
        assert min(waits) >= backoff_bound(retry_number) - BACKOFF_INITIAL
        delays = [
            next_delay(retry_number, APIConnectionError("reset"), policy, None) for _ in range(200)
        ]
        assert all(d is not None and d <= backoff_bound(retry_number) for d in delays)
        assert all(
            d is not None and d >= backoff_bound(retry_number) - BACKOFF_INITIAL for d in delays
        )


def wall_time_bound(row: Row) -> float:
    """Attempts (and clock reads) at their longest, every backoff at its longest, the server's
    waits as given, plus scheduling slack. Backoff numbering restarts after a clock sync,
    which only makes the real waits shorter than counted here."""
    per_attempt = attempt_bound(row.call_timeout or row.timeout)
    clock_read = attempt_bound(row.timeout)
    backoffs = sum(backoff_bound(n) for n in range(1, row.attempts))
    return (
        row.attempts * per_attempt
        + row.clock_syncs * clock_read
        + backoffs
        + sum(row.server_waits)
        + SLACK_SECONDS
    )


# -- where the client connects -------------------------------------------------------------


@pytest.fixture(scope="module")
def exchange() -> Iterator[MockExchange]:
    with MockExchange(rate_limit=None) as ex:
        yield ex


@pytest.fixture
def ex(exchange: MockExchange) -> MockExchange:
    exchange.reset()
    for order_id in IDS:
        exchange.add_order(BTC, order_id)
    return exchange


@pytest.fixture(scope="module")
def refused_url() -> Iterator[str]:
    """A loopback port that is bound but not listening: connecting is refused at once, and no
    other process can take the port while the test holds it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"


@pytest.fixture(scope="module")
def blackhole_url() -> Iterator[str]:
    """A loopback port whose accept queue is full: the kernel drops a new connection's SYN, so
    connect() waits until the client's connect timeout. Nothing leaves the machine; the
    queue is filled by connections nobody accepts."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=0)
    port = listener.getsockname()[1]
    fillers: list[socket.socket] = []
    try:
        for _ in range(64):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setblocking(False)
            fillers.append(sock)
            sock.connect_ex(("127.0.0.1", port))
            _, writable, _ = select.select([], [sock], [], 0.2)
            if not writable:  # this SYN was dropped: the queue is full
                break
        else:
            pytest.fail("could not fill the accept queue of a loopback listener")
        yield f"http://127.0.0.1:{port}"
    finally:
        for sock in fillers:
            sock.close()
        listener.close()


# -- running a cancel, counting what goes on the wire --------------------------------------


class CountingTransport(DeadlineTransport):
    """The caller's own transport, built as the README says to bring one: over the SDK's
    DeadlineTransport, which holds a sync attempt to its bound even while headers trickle
    (httpx's own transport restarts its read timeout with every byte)."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        return super().handle_request(request)


class AsyncCountingTransport(httpx.AsyncHTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        return await super().handle_async_request(request)


def client_options(
    *, max_retries: int | None, timeout: float, max_response_bytes: int | None = None
) -> dict[str, Any]:
    options: dict[str, Any] = {
        "timeout": timeout,
        "backoff_initial": BACKOFF_INITIAL,
        "backoff_max": BACKOFF_MAX,
    }
    if max_retries is not None:
        options["max_retries"] = max_retries
    if max_response_bytes is not None:
        options["max_response_bytes"] = max_response_bytes
    return options


def run_cancel(
    mode: str,
    ex: MockExchange,
    base_url: str,
    *,
    max_retries: int | None,
    timeout: float,
    call: Callable[[Any], Any],
    max_response_bytes: int | None = None,
    own_client: bool = False,
) -> tuple[object, BaseException | None, float, list[str]]:
    """Run ``call(client)`` on a fresh sync or async client; return what it returned or raised,
    the wall time and the paths sent (none are counted when ``own_client``: the SDK makes its
    own http client, and only the exchange counts)."""
    creds = HtxCredentials(ex.access_key, ex.secret_key)
    options = client_options(
        max_retries=max_retries, timeout=timeout, max_response_bytes=max_response_bytes
    )
    if mode == "sync":
        transport = CountingTransport()
        with (
            httpx.Client(transport=transport, timeout=None) as http,  # noqa: S113 - see top
            SwapClient(
                creds, base_url=base_url, http_client=None if own_client else http, **options
            ) as client,
        ):
            started = time.monotonic()
            try:
                value, error = call(client), None
            except Exception as exc:
                value, error = None, exc
            return value, error, time.monotonic() - started, transport.paths

    async def go() -> tuple[object, BaseException | None, float, list[str]]:
        transport = AsyncCountingTransport()
        async with (
            httpx.AsyncClient(transport=transport, timeout=None) as http,  # noqa: S113
            AsyncSwapClient(
                creds, base_url=base_url, http_client=None if own_client else http, **options
            ) as client,
        ):
            started = time.monotonic()
            try:
                value, error = await call(client), None
            except Exception as exc:
                value, error = None, exc
            return value, error, time.monotonic() - started, transport.paths

    return asyncio.run(go())


def _cancels(records: list[ReceivedRequest]) -> list[ReceivedRequest]:
    return [r for r in records if r.path == CANCEL_PATH]


def _guard(row: Row) -> pytest.MarkDecorator:
    return pytest.mark.timeout(math.ceil(wall_time_bound(row)) + 10)


def _marks(row: Row, mode: str) -> list[pytest.MarkDecorator]:
    del mode  # every row holds for both drivers
    return [_guard(row)]


MATRIX = [
    pytest.param(row, mode, id=f"{mode}: {row.name}", marks=_marks(row, mode))
    for row in ROWS
    for mode in MODES
]


@pytest.mark.parametrize(("row", "mode"), MATRIX)
def test_fault_matrix(
    row: Row, mode: str, ex: MockExchange, refused_url: str, blackhole_url: str
) -> None:
    base_url = {"exchange": ex.url, "refused": refused_url, "blackhole": blackhole_url}
    row.arrange(ex)

    if row.peak_bytes is not None:
        tracemalloc.start()
        baseline = tracemalloc.get_traced_memory()[0]
    try:
        value, error, seconds, sent = run_cancel(
            mode,
            ex,
            base_url[row.target],
            max_retries=row.max_retries,
            timeout=row.timeout,
            call=lambda client: client.cancel(BTC, order_ids=list(IDS), timeout=row.call_timeout),
            max_response_bytes=row.max_response_bytes,
            own_client=row.own_client,
        )
    finally:
        if row.peak_bytes is not None:
            peak = tracemalloc.get_traced_memory()[1] - baseline
            tracemalloc.stop()
    if row.peak_bytes is not None:
        assert peak < row.peak_bytes, f"the call allocated {peak / MIB:.1f} MiB at its peak"

    # The typed outcome, exactly.
    assert error is None or isinstance(error, HtxError), f"untyped: {error!r}"
    if row.expect is None:
        assert error is None, f"expected a result, got {error!r}"
        assert isinstance(value, CancelResult)
        assert sorted(value.successes) == sorted(row.successes)
        assert sorted(value.inferred_successes) == sorted(row.inferred)
        assert set(value.inferred_successes) <= set(value.successes)
        assert sorted((e.order_id, e.err_code) for e in value.errors) == sorted(row.order_errors)
        # The new CancelResult fields: ids in doubt, ids nobody asked about. Every requested id
        # is in exactly one of successes, errors and unanswered.
        assert sorted(value.unanswered) == sorted(row.unanswered)
        assert sorted(value.unrequested) == sorted(row.unrequested)
        placed = [*value.successes, *(e.order_id for e in value.errors), *value.unanswered]
        assert sorted(placed) == sorted(IDS)
        assert value.all_accepted is (not row.order_errors and not row.unanswered)
        assert value.ts is not None
        assert value.attempts == row.attempts
    else:
        assert type(error) is row.expect, f"expected {row.expect.__name__}, got {error!r}"
        assert isinstance(error, HtxError)
        if row.code is not None or isinstance(error, HtxApiError):
            assert getattr(error, "code", None) == row.code
        if row.status_code is not None:
            assert error.status_code == row.status_code
        # Rule change: may_have_reached is on every HtxError (for the call as a whole), so
        # every error row states it; it used to be checked on APIConnectionError rows only.
        assert row.may_have_reached is not None, "an error row must state may_have_reached"
        assert error.may_have_reached is row.may_have_reached

    # The attempts, counted on both sides of the wire (the exchange's side alone when the
    # SDK made its own http client).
    if not row.own_client:
        assert sent.count(CANCEL_PATH) == row.attempts
        assert sent.count(TIMESTAMP_PATH) == row.clock_syncs
    received = ex.received
    reaches_exchange = row.target == "exchange"
    assert len(_cancels(received)) == (row.attempts if reaches_exchange else 0)
    if not row.own_client:
        assert len(received) == (len(sent) if reaches_exchange else 0)
    assert all(r.signature_valid for r in _cancels(received))

    # What the exchange did.
    assert tuple(ex.order_state(BTC, order_id) for order_id in IDS) == row.final

    # Time: never longer than the policy allows; never shorter than the server asked to wait.
    assert seconds < wall_time_bound(row), f"{seconds:.2f}s > bound {wall_time_bound(row):.2f}s"
    assert seconds < call_time_bound(row) + SLACK_SECONDS
    assert seconds >= sum(row.server_waits)


# -- cancel_many: one chunk fails as a whole -----------------------------------------------

MANY = tuple(str(768503271974985728 + n) for n in range(30))
FAILING_CHUNK = MANY[10:20]


def _is_failing_chunk(request: ReceivedRequest) -> bool:
    body = request.json()
    return isinstance(body, dict) and str(body.get("order_id", "")).split(",")[0] == MANY[10]


@dataclass(frozen=True)
class ChunkCase:
    name: str
    fault: faults.Fault
    times: int | None
    chunk_attempts: int  # requests the failing chunk makes
    cause: type[HtxError] | None  # None: the chunk recovers on a retry
    err_code: int = -1
    after_processing: bool = False
    may_have_reached: bool = True  # of each failed id (the chunk's call as a whole)


CHUNK_CASES = [
    ChunkCase("HTML 502 every time", faults.html_502(), None, 3, ServiceUnavailableError),
    ChunkCase("drop every time", faults.drop(), None, 3, APIConnectionError),
    ChunkCase(
        "gateway error",
        faults.gateway_error(),
        None,
        1,
        AuthenticationError,
        may_have_reached=False,  # refused as a whole: proven not processed
    ),
    ChunkCase(
        "1004 every time",
        faults.business_error(1004, "System busy."),
        None,
        3,
        ServiceUnavailableError,
        err_code=1004,
        may_have_reached=False,  # HTX's own "busy" envelope refused each attempt
    ),
    ChunkCase("503 twice, then success", faults.http_503(), 2, 3, None),
    ChunkCase(
        "drop after processing, then 1071: inferred",
        faults.drop(),
        1,
        2,
        None,
        after_processing=True,
    ),
]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", CHUNK_CASES, ids=lambda case: case.name)
def test_cancel_many_keeps_other_chunks_when_one_fails(
    mode: str, case: ChunkCase, ex: MockExchange
) -> None:
    ex.reset()
    for order_id in MANY:
        ex.add_order(BTC, order_id)
    rule = ex.inject(
        case.fault,
        times=case.times,
        path=CANCEL_PATH,
        when=_is_failing_chunk,
        after_processing=case.after_processing,
    )

    value, error, seconds, sent = run_cancel(
        mode,
        ex,
        ex.url,
        max_retries=None,
        timeout=PROMPT,
        call=lambda client: client.cancel_many(BTC, order_ids=list(MANY)),
    )

    assert error is None, repr(error)
    assert isinstance(value, CancelResult)
    others = [order_id for order_id in MANY if order_id not in FAILING_CHUNK]
    if case.cause is None:
        assert sorted(value.successes) == sorted(MANY)
        assert value.errors == []
        inferred = FAILING_CHUNK if case.after_processing else ()
        assert sorted(value.inferred_successes) == sorted(inferred)
    else:
        assert sorted(value.successes) == sorted(others)
        assert sorted(e.order_id for e in value.errors) == sorted(FAILING_CHUNK)
        for entry in value.errors:
            assert type(entry.cause) is case.cause
            assert entry.err_code == case.err_code
            assert entry.err_msg.startswith(f"{case.cause.__name__}: ")
            # The truthful-outcome rule: each failed id carries the chunk's doubt.
            assert entry.may_have_reached is case.may_have_reached
            assert entry.cause is not None
            assert entry.cause.may_have_reached is case.may_have_reached
        assert value.inferred_successes == []
    assert value.unanswered == []
    assert value.unrequested == []

    requests = 2 + case.chunk_attempts
    assert value.attempts == requests  # every request counted, the failed chunk's too
    assert rule.applied == (case.chunk_attempts if case.cause else case.times)
    assert sent.count(CANCEL_PATH) == requests
    assert len(_cancels(ex.received)) == requests
    chunk_requests = [r for r in ex.received if _is_failing_chunk(r)]
    assert len(chunk_requests) == case.chunk_attempts
    chunk_left_open = case.cause is not None and not case.after_processing
    expected_state = {
        order_id: OPEN if chunk_left_open and order_id in FAILING_CHUNK else CANCELLED
        for order_id in MANY
    }
    assert {order_id: ex.order_state(BTC, order_id) for order_id in MANY} == expected_state
    bound = wall_time_bound(Row("chunks", None, attempts=requests))
    assert seconds < bound


def test_rows_cover_the_issue() -> None:
    """Every fault the issue names has at least one row, so a row removed by mistake shows."""
    wanted = [
        "refused",
        "connect timeout",
        "read timeout",
        "HTTP 500",
        "HTML 502",
        "503 then success",
        "429 with Retry-After",
        "malformed JSON",
        "truncated body",
        "1004",
        "1032",
        "1061",
        "12001",
        "hyphenated gateway",
        "drop after processing, then 1071",
        "max_retries=0",
        "trickled body",
        "trickled headers",
        "gzip bomb",
        "oversize body",
        "partial answer",
        "unrequested id",
        "then 1032 every time: doubt carried",
        "then 1004 every time: doubt carried",
        "after the cancel took",
    ]
    missing = [w for w in wanted if not any(w in row.name for row in ROWS)]
    assert missing == []
