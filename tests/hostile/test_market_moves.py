"""Proof that holds while the market moves (issue 20).

- ``panic`` said clean while an order was open: a trigger order that fired during the panic
  became a limit order, and the limit book, read empty in the first wave, was never read again.
- ``open_orders`` missed an order open the whole time when an order was placed while its pages
  were read: the pages shift by one and the SDK stopped at the first page's count.
- ``AsyncSwapClient(max_concurrency=2).panic(...)`` had more than 2 requests in flight: each
  nested fan-out made its own semaphore.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from htx_swap import (
    AsyncSwapClient,
    HtxCredentials,
    HtxError,
    OpenOrdersChangedError,
)
from htx_swap_mock import MockExchange, OrderSpec, faults, moves

from tests.hostile.raw_server import RawConnection, RawRequest, RawServer, http_response
from tests.hostile.support import BTC, CREDS, MODES, call, json_answers

ETH = "ETH-USD"
API = "/swap-api/v1/"
OPEN_LIMIT = API + "swap_openorders"
OPEN_TRIGGER = API + "swap_trigger_openorders"
TRIGGER_CANCEL_ALL = API + "swap_trigger_cancelall"
TRIGGER = "771050000000000001"
FIRED = "771060000000000009"


@pytest.fixture
def ex(htx_exchange_factory: Callable[..., MockExchange]) -> MockExchange:
    return htx_exchange_factory(rate_limit=None)


def _credentials(ex: MockExchange) -> HtxCredentials:
    return HtxCredentials(ex.access_key, ex.secret_key)


# -- panic's proof: a trigger that fires during the panic ------------------------------------


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_panic_is_not_clean_while_a_fired_trigger_is_open(mode: str, ex: MockExchange) -> None:
    ex.add_order(BTC, TRIGGER, kind="trigger", direction="sell", offset="close")
    # wave 1: the trigger's cancel-all is refused (HTX busy), so its read lists the trigger;
    # right after that read the trigger fires: a limit order now, where the limit book was
    # already read empty
    ex.inject(faults.business_error(), path=TRIGGER_CANCEL_ALL)
    rule = ex.schedule(moves.fire_trigger(BTC, TRIGGER, FIRED), path=OPEN_TRIGGER)
    called = call(
        mode,
        ex.url,
        "panic",
        [BTC],
        credentials=_credentials(ex),
        options={"max_retries": 0},
        deadline=5.0,
    )
    report = called.value
    assert report is not None, called
    assert rule.done is not None  # the market moved during the panic
    open_now = [o.order_id for o in ex.open_orders(BTC)]
    assert not (report.clean and open_now), (report, open_now)  # never clean with one open
    # and it did the job: the fired order was found on the limit book and cancelled
    assert open_now == []
    assert report.clean
    (limit,) = [e for e in report.entries if e.kind == "limit"]
    assert limit.cancelled == [FIRED]


# -- open_orders: an order placed while the pages are read ---------------------------------


def _seed_two_pages(ex: MockExchange) -> list[str]:
    ids = [str(1000 + i) for i in range(100)]  # 2 pages of 50; 1000 the oldest, listed last
    for order_id in ids:
        ex.add_order(BTC, order_id)
    return ids


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_open_orders_sees_an_order_open_the_whole_time_when_the_pages_shift(
    mode: str, ex: MockExchange
) -> None:
    ids = _seed_two_pages(ex)
    placed = moves.place_order(OrderSpec(BTC, 5000))  # the newest: the head of page 1
    rule = ex.schedule(placed, path=OPEN_LIMIT, page_index=1)
    called = call(mode, ex.url, "open_orders", BTC, credentials=_credentials(ex))
    assert called.error is None, called
    assert rule.done is not None
    listed = [order.order_id for order in called.value]
    assert "1000" in listed  # open the whole time: pushed to a third page by the new one
    assert sorted(listed) == sorted([*ids, "5000"])  # the book read again, stable


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_open_orders_that_never_hold_still_are_a_typed_error_not_a_list(
    mode: str, ex: MockExchange
) -> None:
    ids = _seed_two_pages(ex)
    for n in range(1, 4):  # an order placed after page 1 of each of the three reads
        placed = moves.place_order(OrderSpec(BTC, 5000 + n))
        ex.schedule(placed, path=OPEN_LIMIT, page_index=1, after=n)
    called = call(mode, ex.url, "open_orders", BTC, credentials=_credentials(ex))
    error = called.error
    assert isinstance(error, OpenOrdersChangedError), called
    assert isinstance(error, HtxError)
    assert error.reads == 3
    pages = [json.loads(r.body)["page_index"] for r in ex.received if r.path == OPEN_LIMIT]
    assert pages.count(1) == 3  # read from page 1 again, 3 times in all
    assert error.may_have_reached is False  # a read changes nothing
    seen = {order.order_id for order in error.orders}
    assert set(ids) - {"1000"} <= seen  # what it saw, which is not the whole book


def _totals_that_move(request: RawRequest) -> bytes:
    """Every limit listing says 2 pages, page 2 one order more than page 1: a book that
    changes on every read. Nothing else is open; the cancel-alls find nothing."""
    if request.path == OPEN_LIMIT:
        index = json.loads(request.body).get("page_index", 1)
        data = {"orders": [], "total_page": 2, "current_page": index, "total_size": 59 + index}
        return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()
    if "openorders" in request.path:
        data = {"orders": [], "total_page": 1, "current_page": 1, "total_size": 0}
        return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()
    body = {"status": "error", "err_code": 1051, "err_msg": "No cancellable orders.", "ts": 1}
    return json.dumps(body).encode()


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_panic_never_counts_a_listing_that_kept_changing_as_empty(mode: str) -> None:
    with RawServer(json_answers(_totals_that_move)) as server:
        called = call(mode, server.url, "panic", [BTC], options={"max_retries": 0}, deadline=1.0)
    report = called.value
    assert report is not None, called
    assert not report.clean
    (limit,) = [e for e in report.entries if e.kind == "limit"]
    assert not limit.verified_empty
    assert any(isinstance(error, OpenOrdersChangedError) for error in limit.errors)


# -- max_concurrency bounds the whole call, nested fan-outs included ------------------------


class InFlight:
    """A raw server's answers, each held a moment so that concurrent requests overlap; counts
    the most in flight at once."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0
        self.lock = threading.Lock()

    def script(self, conn: RawConnection) -> None:
        while (request := conn.read_request()) is not None:
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                conn.sleep(0.05)
                conn.send(http_response(200, _three_empty_pages(request)))
            finally:
                with self.lock:
                    self.now -= 1


def _three_empty_pages(request: RawRequest) -> bytes:
    """Every open-orders listing: 3 pages (read as a nested fan-out), nothing on them."""
    if "openorders" in request.path:
        index = json.loads(request.body).get("page_index", 1)
        data = {"orders": [], "total_page": 3, "current_page": index, "total_size": 0}
        return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()
    body = {"status": "error", "err_code": 1051, "err_msg": "No cancellable orders.", "ts": 1}
    return json.dumps(body).encode()


def _async_panic(url: str, max_concurrency: int) -> Any:
    async def run() -> Any:
        async with AsyncSwapClient(
            CREDS,
            base_url=url,
            max_concurrency=max_concurrency,
            rate_limiter=None,
            read_rate_limiter=None,
            max_retries=0,
        ) as client:
            return await asyncio.wait_for(client.panic([BTC, ETH], deadline=10.0), 20)

    return asyncio.run(run())


@pytest.mark.timeout(40)
@pytest.mark.parametrize("bound", [2, 1])
def test_async_panic_keeps_max_concurrency_through_nested_fan_outs(bound: int) -> None:
    """8 reads at once, each of 3 pages: pages 2 and 3 are a fan-out inside a fan-out. With
    one slot (1), a parent that kept its slot while its pages wait would never finish."""
    counter = InFlight()
    with RawServer(counter.script) as server:
        report = _async_panic(server.url, bound)
        pages = sum(1 for r in server.requests if "openorders" in r.path)
    assert report.clean
    assert pages == 8 * 3
    assert counter.most == bound
