"""Hostile review 5 of issue 20: wrong outcomes still left in panic, open orders and the
dead man's switch."""

from __future__ import annotations

import asyncio
import calendar
import json
import re
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

import pytest
from htx_swap import (
    AsyncSwapClient,
    DeadMansSwitch,
    HtxCredentials,
    OpenOrdersChangedError,
    SwapClient,
    SwitchMayBeArmedError,
    cli,
)
from htx_swap._model.constants import HTX_TIMESTAMP_TOLERANCE, LATE_ARRIVAL_MARGIN
from htx_swap_mock import MockExchange, faults, moves

from tests.hostile.raw_server import RawConnection, RawRequest, RawServer, http_response
from tests.hostile.support import BTC, CREDS, MODES, call, json_answers

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


# -- 1. panic: a trigger that fires between the limit read and the trigger read ---------------


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_panic_trigger_firing_between_the_reads_of_one_wave(mode: str, ex: MockExchange) -> None:
    """The trigger's cancel-all is refused; in the same wave's reads the limit book is read
    (empty), then the trigger fires (a limit order now), then the trigger book is read (empty:
    it fired). Every read of the last wave was empty, so panic said CLEAN with a limit order
    open, an order that was open (as a trigger) through the whole panic."""
    ex.add_order(BTC, TRIGGER, kind="trigger", direction="sell", offset="close")
    ex.inject(faults.business_error(), path=TRIGGER_CANCEL_ALL)
    # the trigger read is answered after the limit read, sync and async alike
    ex.inject(faults.delay(0.2), path=OPEN_TRIGGER)
    rule = ex.schedule(moves.fire_trigger(BTC, TRIGGER, FIRED), path=OPEN_LIMIT)
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
    assert rule.done is not None
    open_now = [o.order_id for o in ex.open_orders(BTC)]
    assert not (report.clean and open_now), (report, open_now)


# -- 2. a listing whose pages agree on totals, but hold fewer orders than they count ----------


def _order(order_id: int) -> dict[str, object]:
    return {
        "order_id": order_id,
        "order_id_str": str(order_id),
        "contract_code": BTC,
        "symbol": "BTC",
        "direction": "sell",
        "offset": "close",
        "volume": 1,
        "price": 50000,
        "status": 3,
        "order_price_type": "limit",
        "created_at": 1,
        "lever_rate": 5,
        "client_order_id": None,
    }


def _page(orders: list[dict[str, object]], total_page: int, index: int, size: int) -> bytes:
    data = {"orders": orders, "total_page": total_page, "current_page": index, "total_size": size}
    return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()


def _one_open_unlisted(request: RawRequest) -> bytes:
    """Every book counts what it lists, but the limit book counts one order it does not list;
    the cancel-alls find nothing to cancel."""
    if request.path == OPEN_LIMIT:
        return _page([], 1, 1, 1)
    if "openorders" in request.path:
        return _page([], 1, 1, 0)
    body = {"status": "error", "err_code": 1051, "err_msg": "No cancellable orders.", "ts": 1}
    return json.dumps(body).encode()


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_panic_is_not_clean_when_a_read_counts_an_order_it_does_not_list(mode: str) -> None:
    """HTX's read says ``total_size`` 1 and lists nothing: the book is not shown empty, it is
    shown incomplete. Panic said CLEAN (exit 0) on it."""
    with RawServer(json_answers(_one_open_unlisted)) as server:
        called = call(mode, server.url, "panic", [BTC], options={"max_retries": 0}, deadline=1.0)
    report = called.value
    assert report is not None, called
    (limit,) = [e for e in report.entries if e.kind == "limit"]
    assert not limit.verified_empty
    assert not report.clean


def _pages_ignoring_the_index(request: RawRequest) -> bytes:
    """60 open limit orders in 2 pages of 50, but every page answers with the first 50."""
    return _page([_order(1000 + i) for i in range(50)], 2, 1, 60)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_open_orders_never_returns_fewer_orders_than_the_pages_count(mode: str) -> None:
    """Both pages say 2 pages and 60 orders, but together list 50 distinct ones: the listing
    is incomplete, and was returned as the whole book."""
    with RawServer(json_answers(_pages_ignoring_the_index)) as server:
        called = call(mode, server.url, "open_orders", BTC, options={"max_retries": 0})
    assert isinstance(called.error, OpenOrdersChangedError), called
    assert len(called.error.orders) == 50


# -- 3. the switch: an arming attempt lost, then retried, lands after the turn-off ------------


class LateArmingServer:
    """HTX's cancel-after endpoint behind a network that delivers the first arming attempt
    late: that attempt gets no answer (the client times out and retries) and HTX acts on it
    only after it acted on the turn-off. The retry is answered at once."""

    def __init__(self) -> None:
        self.processed: list[str] = []
        self.off_done = threading.Event()
        self.late_done = threading.Event()
        self._lock = threading.Lock()
        self._armings = 0

    def _act(self, what: str) -> bytes:
        now = int(time.time() * 1000)
        with self._lock:
            self.processed.append(what)
        data = {"current_time": now, "trigger_time": now + 5000 if what == "arm" else 0}
        return json.dumps({"code": 200, "msg": "", "data": data, "ts": now}).encode()

    def script(self, conn: RawConnection) -> None:
        while (request := conn.read_request()) is not None:
            if json.loads(request.body).get("on_off") != 1:
                body = self._act("off")
                self.off_done.set()
                conn.send(http_response(200, body))
                continue
            with self._lock:
                index, self._armings = self._armings, self._armings + 1
            if index == 0:  # delivered late: after the turn-off, its answer lost
                self.off_done.wait(10)
                self._act("arm")
                self.late_done.set()
                return
            conn.send(http_response(200, self._act("arm")))


def _switch_session(mode: str, url: str) -> BaseException | None:
    """Arm the switch, leave the block at once (a clean exit); what the exit raised."""
    options: dict[str, Any] = {
        "timeout": 0.5,
        "max_retries": 1,
        "backoff_initial": 0.01,
        "backoff_max": 0.02,
    }
    try:
        if mode == "sync":
            with (
                SwapClient(CREDS, base_url=url, **options) as client,
                client.dead_mans_switch(timeout=5, refresh=2),
            ):
                pass
        else:

            async def run() -> None:
                async with (
                    AsyncSwapClient(CREDS, base_url=url, **options) as client,
                    client.dead_mans_switch(timeout=5, refresh=2),
                ):
                    pass

            asyncio.run(run())
    except Exception as error:
        return error
    return None


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_switch_exit_is_not_clean_while_a_lost_arming_attempt_may_still_land(mode: str) -> None:
    """The arming's first attempt timed out (it may have reached HTX), its retry was answered,
    the block exited and the turn-off was answered "off": the exit said the switch is off. The
    lost attempt then reached HTX and armed the switch again: HTX cancels every open order 5 s
    later, while the bot believes it off. A lost attempt is a refresh with no answer that
    proves what it did, whether or not a retry of it was answered."""
    server = LateArmingServer()
    with RawServer(server.script) as raw:
        raised = _switch_session(mode, raw.url)
        assert server.late_done.wait(10)
    assert server.processed[-1] == "arm"  # the switch IS armed now
    assert isinstance(raised, SwitchMayBeArmedError), (raised, server.processed)


# -- 4. cancel --confirm --json: an accepted cancel shown as one that never reached HTX -------


@pytest.mark.timeout(30)
def test_confirm_json_never_says_an_accepted_cancel_did_not_reach_htx(
    htx_exchange_factory: Callable[..., MockExchange],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """HTX accepted both cancels: one order ended cancelled (7), the other stays cancelling
    (11) past the deadline. ``cancel --json`` says ``may_have_reached`` true for an accepted
    id; ``cancel --confirm --json`` said false for both, the README's mark of a cancel that
    never reached HTX, so a script reading it takes the pending order's cancel for not sent."""
    ex = htx_exchange_factory(rate_limit=None, cancel_delay=0.05)
    ex.add_order(BTC, 11, on_cancel="never")
    ex.add_order(BTC, 12)
    monkeypatch.setenv("HTX_ACCESS_KEY", ex.access_key)
    monkeypatch.setenv("HTX_SECRET_KEY", ex.secret_key)
    argv = ["cancel", BTC, "--order-id", "11,12", "--confirm", "--deadline", "0.5"]
    code = cli.main([*argv, "--base-url", ex.url, "--json"])
    document = json.loads(capsys.readouterr().out)
    states = {o["id"]: (o["state"], o["may_have_reached"]) for o in document["orders"]}
    assert code == 1
    assert states == {"11": ("pending", True), "12": ("cancelled", True)}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_switch_exit_stays_clean_after_a_clock_resync(
    mode: str, htx_exchange_factory: Callable[..., MockExchange]
) -> None:
    """The guard of the fix above: an arming refused for its timestamp (12001, it armed
    nothing), the clock resynced, the arming retried and answered: nothing was lost, and the
    exit proves the switch off."""
    ex = htx_exchange_factory(rate_limit=None)
    ex.clock_offset = 400
    credentials = _credentials(ex)
    raised: BaseException | None = None
    try:
        if mode == "sync":
            with (
                SwapClient(credentials, base_url=ex.url, rate_limiter=None) as client,
                client.dead_mans_switch(timeout=5, refresh=2),
            ):
                pass
        else:

            async def run() -> None:
                async with (
                    AsyncSwapClient(credentials, base_url=ex.url, rate_limiter=None) as client,
                    client.dead_mans_switch(timeout=5, refresh=2),
                ):
                    pass

            asyncio.run(run())
    except Exception as error:
        raised = error
    assert raised is None
    assert "/api/v1/timestamp" in [r.path for r in ex.received]
    assert not ex.cancel_after().armed


# -- 5. an arming HTX answered "off" is no request that never reached HTX ---------------------


def _answers_off(request: RawRequest) -> bytes:
    now = int(time.time() * 1000)
    data = {"current_time": now, "trigger_time": 0}
    return json.dumps({"code": 200, "msg": "", "data": data, "ts": now}).encode()


@pytest.mark.timeout(30)
def test_cli_never_says_nothing_reached_htx_of_an_arming_htx_answered(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """HTX answered the arming request, saying the switch is off: the CLI printed "(nothing
    reached HTX)" and ``"may_have_reached": false``: the mark of a request that never left."""
    monkeypatch.setenv("HTX_ACCESS_KEY", CREDS.access_key)
    monkeypatch.setenv("HTX_SECRET_KEY", "hostile-canary-secret-5c1e")
    with RawServer(json_answers(_answers_off)) as server:
        argv = ["dead-man-switch", "--after", "5", "--duration", "0", "--base-url", server.url]
        code = cli.main([*argv, "--json"])
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert code == 4
    assert "nothing reached HTX" not in captured.err
    assert document["error"]["may_have_reached"] is True


# -- 6. panic: a cancel-all whose answer was lost may have cancelled what it does not list -----

LIMIT_CANCEL_ALL = API + "swap_cancelall"


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_panic_says_a_lost_cancel_all_may_have_cancelled_more(mode: str, ex: MockExchange) -> None:
    """The limit cancel-all's answer is lost after HTX acted on it: the order was cancelled by
    that request. The report listed nothing cancelled and ``may_have_cancelled_more`` False,
    as if the panic had cancelled nothing there; the table printed "0", not "0 or more"."""
    ex.add_order(BTC, 771038212360937472)
    ex.inject(faults.drop(), path=LIMIT_CANCEL_ALL, after_processing=True)
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
    assert ex.open_orders(BTC) == []
    (limit,) = [e for e in report.entries if e.kind == "limit"]
    assert limit.cancelled or limit.may_have_cancelled_more, limit


# -- 7. the async switch's exit waits for the refresh in flight, not for the next one ---------


@pytest.mark.timeout(30)
def test_async_switch_exit_waits_for_the_refresh_in_flight_only(
    htx_exchange_factory: Callable[..., MockExchange],
) -> None:
    """A refresh is in flight (answered 0.3 s after it was sent) when the block exits. The
    exit waited for the refresher task to end, which, once the refresh was answered, slept
    until the NEXT refresh was due (3 s here; 10 s with the default 30 s switch) before it
    noticed the exit: a clean exit held for up to a refresh period for nothing."""
    ex = htx_exchange_factory(rate_limit=None)
    credentials = _credentials(ex)

    async def run() -> float:
        async with AsyncSwapClient(credentials, base_url=ex.url, rate_limiter=None) as client:
            async with client.dead_mans_switch(timeout=30, refresh=3) as switch:
                ex.inject(faults.delay(0.3), path=API + "swap-cancel-after")
                await asyncio.sleep(3.1)  # the refresh went out at 3.0 s
                exiting = time.monotonic()
            assert switch.refreshes == 1
            return time.monotonic() - exiting

    assert asyncio.run(run()) < 1.5
    assert not ex.cancel_after().armed


class LateRefreshServer(LateArmingServer):
    """As ``LateArmingServer``, but the attempt delivered late is the first REFRESH's first
    attempt (the second arming request); every other arming is answered at once."""

    def script(self, conn: RawConnection) -> None:
        while (request := conn.read_request()) is not None:
            if json.loads(request.body).get("on_off") != 1:
                body = self._act("off")
                self.off_done.set()
                conn.send(http_response(200, body))
                continue
            with self._lock:
                index, self._armings = self._armings, self._armings + 1
            if index == 1:
                self.off_done.wait(10)
                self._act("arm")
                self.late_done.set()
                return
            conn.send(http_response(200, self._act("arm")))


def _two_refreshes(mode: str, url: str, clock: Callable[[], float] = time.time) -> Any:
    """Arm the switch, wait for two refreshes (every 0.3 s), exit cleanly: what it raised."""
    options: dict[str, Any] = {
        "timeout": 0.5,
        "max_retries": 1,
        "backoff_initial": 0.01,
        "backoff_max": 0.02,
        "clock": clock,
    }

    def body(switch: DeadMansSwitch) -> None:
        end = time.monotonic() + 10
        while switch.refreshes < 2 and time.monotonic() < end:
            time.sleep(0.02)

    try:
        if mode == "sync":
            with (
                SwapClient(CREDS, base_url=url, **options) as client,
                client.dead_mans_switch(timeout=5, refresh=0.3) as switch,
            ):
                body(switch)
        else:

            async def run() -> None:
                async with (
                    AsyncSwapClient(CREDS, base_url=url, **options) as client,
                    client.dead_mans_switch(timeout=5, refresh=0.3) as switch,
                ):
                    await asyncio.to_thread(body, switch)

            asyncio.run(run())
    except Exception as error:
        return error
    return None


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_switch_exit_remembers_a_lost_attempt_of_an_earlier_refresh(mode: str) -> None:
    """Refresh 1's first attempt is lost (its retry answered), refresh 2 is answered, the
    block exits, the turn-off is answered "off": the exit said off. Then refresh 1's lost
    attempt reaches HTX and arms the switch."""
    server = LateRefreshServer()
    with RawServer(server.script) as raw:
        raised = _two_refreshes(mode, raw.url)
        assert server.late_done.wait(10)
    assert server.processed[-1] == "arm"  # the switch IS armed now
    assert isinstance(raised, SwitchMayBeArmedError), (raised, server.processed)


HTX_TOLERANCE = 300  # seconds: HTX refuses a request whose Timestamp is further off its clock


class TimedLateRefreshServer(LateRefreshServer):
    """As ``LateRefreshServer``, with HTX's clock and its timestamp check: the turn-off is
    answered ``jump`` seconds later in HTX's time (as after a long block), and the lost attempt
    that comes after it arms the switch only if its signed Timestamp is within HTX's tolerance
    of HTX's clock then ("stale" otherwise: refused, nothing armed). Without ``off_clock``
    the turn-off's answer leaves out ``current_time``."""

    def __init__(self, jump: float, off_clock: bool = True) -> None:
        super().__init__()
        self.jump, self.off_clock = jump, off_clock

    def _act(self, what: str) -> bytes:
        now = int(
            (time.time() + (self.jump if self.off_done.is_set() or what == "off" else 0)) * 1000
        )
        with self._lock:
            self.processed.append(what)
        data: dict[str, int] = {"current_time": now}
        data["trigger_time"] = now + 5000 if what == "arm" else 0
        if what == "off" and not self.off_clock:
            del data["current_time"]
        return json.dumps({"code": 200, "msg": "", "data": data, "ts": now}).encode()

    def script(self, conn: RawConnection) -> None:
        while (request := conn.read_request()) is not None:
            if json.loads(request.body).get("on_off") != 1:
                body = self._act("off")
                self.off_done.set()
                conn.send(http_response(200, body))
                continue
            with self._lock:
                index, self._armings = self._armings, self._armings + 1
            if index == 1:  # lost: taken after the turn-off, if HTX's clock still allows
                self.off_done.wait(10)
                query = dict(parse_qsl(request.target.partition("?")[2]))
                signed = calendar.timegm(time.strptime(query["Timestamp"], "%Y-%m-%dT%H:%M:%S"))
                fresh = abs(signed - (time.time() + self.jump)) <= HTX_TOLERANCE
                self._act("arm" if fresh else "stale")
                self.late_done.set()
                return
            conn.send(http_response(200, self._act("arm")))


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_switch_exit_is_clean_once_htx_can_no_longer_take_a_lost_attempt(mode: str) -> None:
    """The guard of the fix above: refresh 1's lost attempt was signed more than HTX's
    tolerance (and the SDK's margin) before HTX's clock in the turn-off's answer: HTX refuses
    it whenever it arrives, and the exit proves the switch off."""
    assert (HTX_TIMESTAMP_TOLERANCE, LATE_ARRIVAL_MARGIN) == (HTX_TOLERANCE, 10)  # the README's
    server = TimedLateRefreshServer(jump=HTX_TOLERANCE + 15)
    with RawServer(server.script) as raw:
        raised = _two_refreshes(mode, raw.url)
        assert server.late_done.wait(10)
    assert server.processed[-1] == "stale"  # the switch is off
    assert raised is None, raised


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_switch_exit_counts_a_lost_attempt_by_its_signed_timestamp(mode: str) -> None:
    """The bound is HTX's: the lost attempt's signed Timestamp against HTX's clock, not when
    it left by this machine's clock. This machine's clock runs 200 s ahead of HTX's (within
    HTX's tolerance, so every request is taken); the turn-off is answered 400 s after the lost
    attempt left (HTX's time): more than the tolerance after it left, yet HTX takes it for
    another 100 s, since it is stamped 200 s ahead."""
    server = TimedLateRefreshServer(jump=400)
    with RawServer(server.script) as raw:
        raised = _two_refreshes(mode, raw.url, clock=lambda: time.time() + 200)
        assert server.late_done.wait(10)
    assert server.processed[-1] == "arm"  # the switch IS armed now
    assert isinstance(raised, SwitchMayBeArmedError), (raised, server.processed)
    assert re.search(
        r"cancel_after\(None\)\) once HTX's clock is past \d{4}-\d\d-\d\dT", str(raised)
    )


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_switch_exit_without_htx_clock_in_the_turn_off_keeps_a_lost_attempt_live(
    mode: str,
) -> None:
    """As the clean case above, but the turn-off's answer has no ``current_time``: nothing
    tells how far HTX's clock went, so a lost attempt may still be taken."""
    server = TimedLateRefreshServer(jump=HTX_TOLERANCE + 15, off_clock=False)
    with RawServer(server.script) as raw:
        raised = _two_refreshes(mode, raw.url)
        assert server.late_done.wait(10)
    assert isinstance(raised, SwitchMayBeArmedError), (raised, server.processed)
