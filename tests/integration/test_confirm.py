"""cancel_and_confirm and order_info against the local exchange over real HTTP, sync and async:
every final state, the deadline, client ids, many ids, and ids above 2**53 kept exact."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from htx_swap import (
    APITimeoutError,
    AsyncSwapClient,
    AuthenticationError,
    CancelOutcome,
    HtxAuth,
    HtxCredentials,
    InvalidRequestError,
    OrderStatus,
    SwapClient,
)
from htx_swap_mock import MockExchange, faults

CONTRACT = "BTC-USD"
ABOVE_2_53 = 9223372036854775807
ORDER_INFO = "/swap-api/v1/swap_order_info"
CANCEL = "/swap-api/v1/swap_cancel"
DELAY = 0.15  # seconds an accepted cancel stays "cancelling" on the exchange


@pytest.fixture
def exchange() -> Iterator[MockExchange]:
    with MockExchange(cancel_delay=DELAY, rate_limit=None) as running:
        yield running


def _client(exchange: MockExchange) -> SwapClient:
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    return SwapClient(credentials, base_url=exchange.url, backoff_initial=0.01, backoff_max=0.05)


def _async_client(exchange: MockExchange) -> AsyncSwapClient:
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    return AsyncSwapClient(
        credentials, base_url=exchange.url, backoff_initial=0.01, backoff_max=0.05
    )


def _confirm(exchange: MockExchange, use_async: bool, **kwargs: Any) -> CancelOutcome:
    # These tests are about order info (reads, chunks, faults on order info): polling alone.
    # The order push's confirmations: tests/integration/test_push_confirm.py.
    kwargs.setdefault("via", "poll")
    if use_async:

        async def run() -> CancelOutcome:
            async with _async_client(exchange) as client:
                return await client.cancel_and_confirm(CONTRACT, **kwargs)

        return asyncio.run(run())
    with _client(exchange) as client:
        return client.cancel_and_confirm(CONTRACT, **kwargs)


def _every_id_once(outcome: CancelOutcome, ids: list[str]) -> None:
    listed = (
        outcome.cancelled + outcome.filled + [e.order_id for e in outcome.failed] + outcome.pending
    )
    assert sorted(listed) == sorted(ids)


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_every_final_state(exchange: MockExchange, use_async: bool) -> None:
    exchange.add_order(CONTRACT, 11)  # cancelled (7)
    exchange.add_order(CONTRACT, 12, on_cancel="fill")  # filled first (6)
    exchange.add_order(CONTRACT, 13, state="partially_filled", trade_volume=4)  # 5
    exchange.add_order(CONTRACT, 14, on_cancel="partial_fill")  # trades part, then 5
    exchange.add_order(CONTRACT, 15, state="filled")  # refused by the cancel: 1063
    # 16 was never placed: 1061
    ids = ["11", "12", "13", "14", "15", "16"]
    outcome = _confirm(exchange, use_async, order_ids=ids, deadline=5.0)
    assert outcome.cancelled == ["11", "13", "14"]
    assert outcome.filled == ["12"]
    assert [(e.order_id, e.err_code) for e in outcome.failed] == [("15", 1063), ("16", 1061)]
    assert outcome.pending == []
    _every_id_once(outcome, ids)
    assert outcome.orders["11"].status is OrderStatus.CANCELLED
    assert outcome.orders["12"].status is OrderStatus.FILLED
    assert outcome.orders["12"].trade_volume == outcome.orders["12"].volume
    assert outcome.orders["13"].status is OrderStatus.PARTIALLY_FILLED_CANCELLED
    assert outcome.orders["13"].trade_volume == Decimal(4)
    assert 0 < outcome.orders["14"].trade_volume < outcome.orders["14"].volume
    assert set(outcome.orders) == {"11", "12", "13", "14"}  # refused ids are not polled
    assert sorted(outcome.cancel_result.successes) == ["11", "12", "13", "14"]
    # the first poll saw "cancelling" (11) at least once: the exchange needs DELAY to settle
    polls = [r for r in exchange.received if r.path == ORDER_INFO]
    assert len(polls) >= 2
    assert all(r.signature_valid for r in exchange.received)


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_deadline_leaves_orders_pending_and_is_kept(
    exchange: MockExchange, use_async: bool
) -> None:
    exchange.add_order(CONTRACT, 21, on_cancel="never")  # stays cancelling (11) for good
    exchange.add_order(CONTRACT, 22)
    deadline = 0.6
    started = time.monotonic()
    outcome = _confirm(exchange, use_async, order_ids=[21, 22], deadline=deadline)
    elapsed = time.monotonic() - started
    assert outcome.pending == ["21"]
    assert outcome.cancelled == ["22"]
    assert outcome.orders["21"].status is OrderStatus.CANCELLING
    assert not outcome.all_final
    # never blocks past the deadline (slack for scheduling on a loaded CI machine)
    assert elapsed < deadline + 0.5
    assert elapsed >= deadline - 0.1  # and it kept polling until then


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_stalled_exchange_cannot_push_past_the_deadline(
    exchange: MockExchange, use_async: bool
) -> None:
    exchange.add_order(CONTRACT, 31)
    exchange.inject(faults.stall(30.0), times=10, path=ORDER_INFO)  # order info never answers
    deadline = 0.5
    started = time.monotonic()
    outcome = _confirm(exchange, use_async, order_ids=[31], deadline=deadline)
    elapsed = time.monotonic() - started
    assert outcome.pending == ["31"]  # accepted, never confirmed
    assert outcome.orders == {}
    assert elapsed < deadline + 0.5  # the stall alone is 30 s


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_by_client_order_ids(exchange: MockExchange, use_async: bool) -> None:
    exchange.add_order(CONTRACT, 41, client_order_id=9001)
    exchange.add_order(CONTRACT, 42, client_order_id=ABOVE_2_53, on_cancel="fill")
    outcome = _confirm(exchange, use_async, client_order_ids=[9001, str(ABOVE_2_53)], deadline=5.0)
    assert outcome.cancelled == ["9001"]
    assert outcome.filled == [str(ABOVE_2_53)]
    assert outcome.orders[str(ABOVE_2_53)].order_id == "42"
    assert outcome.orders[str(ABOVE_2_53)].client_order_id == str(ABOVE_2_53)
    sent = [json.loads(r.body) for r in exchange.received if r.path == ORDER_INFO]
    assert all("client_order_id" in body and "order_id" not in body for body in sent)


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_many_ids_in_chunks(exchange: MockExchange, use_async: bool) -> None:
    ids = [str(2**60 + n) for n in range(63)]
    for order_id in ids:
        exchange.add_order(CONTRACT, order_id)
    outcome = _confirm(exchange, use_async, order_ids=ids, deadline=10.0)
    assert outcome.cancelled == ids
    assert outcome.pending == outcome.filled == []
    assert outcome.failed == []
    cancels = [json.loads(r.body) for r in exchange.received if r.path == CANCEL]
    assert sorted(len(body["order_id"].split(",")) for body in cancels) == [3] + [10] * 6
    first_poll = [json.loads(r.body) for r in exchange.received if r.path == ORDER_INFO][:2]
    assert sorted(len(body["order_id"].split(",")) for body in first_poll) == [13, 50]


def test_order_id_above_2_53_is_exact_from_the_json_number(exchange: MockExchange) -> None:
    exchange.add_order(CONTRACT, ABOVE_2_53, volume="3", price="61234.5")
    with _client(exchange) as client:
        (order,) = client.order_info(CONTRACT, order_ids=[ABOVE_2_53])
    (answer,) = [r for r in exchange.received if r.path == ORDER_INFO]
    assert order.order_id == str(ABOVE_2_53)
    assert order.status is OrderStatus.SUBMITTED
    assert order.volume == Decimal(3)
    assert order.price == Decimal("61234.5")
    assert json.loads(answer.body)["order_id"] == str(ABOVE_2_53)  # sent as a string


def test_the_exchange_sends_order_id_as_a_json_number(exchange: MockExchange) -> None:
    # What the SDK parses: the raw answer has the id as an 19-digit number, not a string.
    import httpx

    exchange.add_order(CONTRACT, ABOVE_2_53)
    auth = HtxAuth(HtxCredentials(exchange.access_key, exchange.secret_key))
    with httpx.Client(auth=auth) as http:
        response = http.post(
            exchange.url + ORDER_INFO,
            json={"order_id": str(ABOVE_2_53), "contract_code": CONTRACT},
        )
    assert f'"order_id":{ABOVE_2_53}' in response.text.replace(" ", "")
    assert json.loads(response.text)["data"][0]["order_id_str"] == str(ABOVE_2_53)


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_order_info_any_number_of_ids_absent_ones_left_out(
    exchange: MockExchange, use_async: bool
) -> None:
    ids = [str(10**15 + n) for n in range(120)]
    for order_id in ids[:100]:
        exchange.add_order(CONTRACT, order_id)
    if use_async:

        async def run() -> list[str]:
            async with _async_client(exchange) as client:
                return [o.order_id for o in await client.order_info(CONTRACT, order_ids=ids)]

        found = asyncio.run(run())
    else:
        with _client(exchange) as client:
            found = [o.order_id for o in client.order_info(CONTRACT, order_ids=ids)]
    assert sorted(found) == sorted(ids[:100])
    assert len([r for r in exchange.received if r.path == ORDER_INFO]) == 3  # 50 + 50 + 20


def test_bad_input_is_refused_before_sending(exchange: MockExchange) -> None:
    with _client(exchange) as client:
        with pytest.raises(InvalidRequestError, match="deadline"):
            client.cancel_and_confirm(CONTRACT, order_ids=[1], deadline=0)
        with pytest.raises(InvalidRequestError, match="order_ids"):
            client.cancel_and_confirm(CONTRACT, order_ids=["1", "x"])
        with pytest.raises(InvalidRequestError, match="contract_code"):
            client.order_info("BTC USD", order_ids=[1])
    assert exchange.received == []


def test_cancel_lost_in_transit_is_confirmed_from_order_info(exchange: MockExchange) -> None:
    # The cancel is applied but every answer to it is lost: the cancel request fails as a
    # whole, yet order info shows the order cancelled, which is what the outcome reports.
    exchange.add_order(CONTRACT, 51)
    exchange.inject(faults.drop(), times=3, path=CANCEL, after_processing=True)
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    with SwapClient(
        credentials, base_url=exchange.url, max_retries=0, backoff_initial=0.01
    ) as client:
        outcome = client.cancel_and_confirm(CONTRACT, order_ids=[51], deadline=5.0)
    assert outcome.cancelled == ["51"]
    assert outcome.failed == []
    assert outcome.cancel_result.errors[0].cause is not None  # the cancel itself did fail


def test_a_500_is_in_doubt_and_stays_pending_while_the_order_is_live(
    exchange: MockExchange,
) -> None:
    exchange.add_order(CONTRACT, 61)
    exchange.inject(faults.http_500(), times=1, path=CANCEL)
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    with SwapClient(credentials, base_url=exchange.url, max_retries=0) as client:
        outcome = client.cancel_and_confirm(CONTRACT, order_ids=[61], deadline=1.0)
    # a 500 proves nothing: the cancel may have been processed, so it is never "failed"
    assert outcome.failed == []
    assert outcome.pending == outcome.in_doubt == ["61"]
    (failure,) = outcome.cancel_result.errors
    assert failure.cause is not None
    assert failure.may_have_reached
    assert outcome.orders["61"].status is OrderStatus.SUBMITTED  # still live: not cancelled


class _TricklingServer:
    """Answers every request with a valid cancel answer, one byte every 0.1 s: each read is
    quick, so no read timeout ever fires; only the deadline can stop the call."""

    BODY = b'{"status":"ok","data":{"errors":[],"successes":"1"},"ts":1}'

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(self.BODY)
                conn.sendall(head)
                for byte in self.BODY:
                    conn.sendall(bytes([byte]))
                    time.sleep(0.1)
            except OSError:
                return


@pytest.fixture
def trickling() -> Iterator[_TricklingServer]:
    server = _TricklingServer()
    yield server
    server.sock.close()


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_a_trickled_answer_cannot_hold_the_call_past_the_deadline(
    trickling: _TricklingServer, use_async: bool
) -> None:
    credentials = HtxCredentials("access", "secret")
    deadline = 0.8
    started = time.monotonic()
    if use_async:

        async def run() -> CancelOutcome:
            async with AsyncSwapClient(credentials, base_url=trickling.url) as client:
                return await client.cancel_and_confirm(CONTRACT, order_ids=[1], deadline=deadline)

        outcome = asyncio.run(run())
    else:
        with SwapClient(credentials, base_url=trickling.url) as client:
            outcome = client.cancel_and_confirm(CONTRACT, order_ids=[1], deadline=deadline)
    elapsed = time.monotonic() - started
    # the answer never completed: the cancel stays in doubt (pending), never "failed"
    assert outcome.pending == outcome.in_doubt == ["1"]
    (failure,) = outcome.cancel_result.errors
    assert isinstance(failure.cause, APITimeoutError)
    assert failure.cause.may_have_reached
    assert failure.may_have_reached
    assert elapsed < deadline + 0.5  # the whole answer would take about 6 s


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
def test_a_failing_poll_leaves_ids_pending_and_says_why(
    exchange: MockExchange, use_async: bool
) -> None:
    exchange.add_order(CONTRACT, 71)
    # e.g. a key without Read permission: every order-info request is refused
    exchange.inject(faults.business_error(1017, "No permission."), times=1000, path=ORDER_INFO)
    outcome = _confirm(exchange, use_async, order_ids=[71], deadline=0.4)
    assert outcome.pending == ["71"]  # accepted, never confirmed
    assert outcome.cancel_result.successes == ["71"]
    assert isinstance(outcome.poll_error, AuthenticationError)
    assert outcome.poll_error.code == 1017
