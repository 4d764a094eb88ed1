"""cancel_and_confirm from the order push (issue 23) against the local exchange, sync and async:
settled from pushes with no order-info read, the same four lists as polling, every push fault
(delay, duplicate, reorder, a dropped connection, a refused auth), and ``via`` checked."""

from __future__ import annotations

import asyncio
import importlib.util
import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from htx_swap import (
    APIConnectionError,
    AsyncSwapClient,
    CancelOutcome,
    HtxCredentials,
    InvalidRequestError,
    SwapClient,
)
from htx_swap._push.push_protocol import PushAuthRefusedError
from htx_swap_mock import MockExchange

CONTRACT = "BTC-USD"
ABOVE_2_53 = 9223372036854775807
ORDER_INFO = "/swap-api/v1/swap_order_info"
CANCEL = "/swap-api/v1/swap_cancel"
MODES = ("sync", "async")


@pytest.fixture(scope="module")
def shared() -> Iterator[MockExchange]:
    with MockExchange(rate_limit=None) as running:
        yield running


@pytest.fixture
def exchange(shared: MockExchange) -> MockExchange:
    shared.reset()
    shared.cancel_delay = 0.05
    return shared


def _options(exchange: MockExchange) -> dict[str, Any]:
    return {"base_url": exchange.url, "backoff_initial": 0.01, "backoff_max": 0.05}


def _keys(exchange: MockExchange) -> HtxCredentials:
    return HtxCredentials(exchange.access_key, exchange.secret_key)


def _confirm(exchange: MockExchange, mode: str, **kwargs: Any) -> CancelOutcome:
    options = {**_options(exchange), **kwargs.pop("client_options", {})}
    if mode == "async":

        async def run() -> CancelOutcome:
            async with AsyncSwapClient(_keys(exchange), **options) as client:
                return await client.cancel_and_confirm(CONTRACT, **kwargs)

        return asyncio.run(run())
    with SwapClient(_keys(exchange), **options) as client:
        return client.cancel_and_confirm(CONTRACT, **kwargs)


def _reads(exchange: MockExchange) -> int:
    return sum(1 for request in exchange.received if request.path == ORDER_INFO)


@pytest.mark.parametrize("mode", MODES)
def test_every_final_state_from_the_push_with_no_read(exchange: MockExchange, mode: str) -> None:
    exchange.add_order(CONTRACT, 11)  # cancelled (7)
    exchange.add_order(CONTRACT, 12, on_cancel="fill")  # filled first (6)
    exchange.add_order(CONTRACT, 13, state="partially_filled", trade_volume=4)  # 5
    exchange.add_order(CONTRACT, ABOVE_2_53, on_cancel="partial_fill")  # trades part, then 5
    exchange.add_order(CONTRACT, 15, state="filled")  # refused by the cancel: 1063
    ids = ["11", "12", "13", str(ABOVE_2_53), "15", "16"]  # 16 never placed: 1061
    outcome = _confirm(exchange, mode, order_ids=ids, deadline=5.0)
    assert outcome.cancelled == ["11", "13", str(ABOVE_2_53)]
    assert outcome.filled == ["12"]
    assert [(e.order_id, e.err_code) for e in outcome.failed] == [("15", 1063), ("16", 1061)]
    assert outcome.pending == outcome.in_doubt == []
    assert (outcome.via, outcome.reads, _reads(exchange)) == ("push", 0, 0)
    assert sorted(outcome.updates) == sorted(["11", "12", "13", str(ABOVE_2_53)])
    assert outcome.updates[str(ABOVE_2_53)].order_id == str(ABOVE_2_53)  # exact
    assert outcome.orders == {}


@pytest.mark.parametrize("mode", MODES)
def test_by_client_order_ids_from_the_push(exchange: MockExchange, mode: str) -> None:
    exchange.add_order(CONTRACT, 41, client_order_id=9001)
    exchange.add_order(CONTRACT, 42, client_order_id=ABOVE_2_53, on_cancel="fill")
    outcome = _confirm(exchange, mode, client_order_ids=["9001", str(ABOVE_2_53)])
    assert outcome.cancelled == ["9001"]
    assert outcome.filled == [str(ABOVE_2_53)]
    assert outcome.updates[str(ABOVE_2_53)].order_id == "42"
    assert outcome.reads == 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("fault", ["duplicate", "reorder", "delay"])
def test_push_faults_never_change_the_outcome(
    exchange: MockExchange, mode: str, fault: str
) -> None:
    exchange.cancel_delay = 0.1  # pushes: 11 (cancelling) at the cancel, then 7
    if fault == "delay":
        exchange.push.delay = 0.2
    else:
        setattr(exchange.push, fault, True)
    exchange.add_order(CONTRACT, 21)
    exchange.add_order(CONTRACT, 22, on_cancel="fill")
    outcome = _confirm(exchange, mode, order_ids=["21", "22"])
    assert (outcome.cancelled, outcome.filled, outcome.pending) == (["21"], ["22"], [])
    assert outcome.reads == 0  # a reordered "cancelling" after the final 7 changed nothing


@pytest.mark.parametrize("mode", MODES)
def test_a_disconnect_between_the_cancel_and_its_push_is_settled_from_order_info(
    exchange: MockExchange, mode: str
) -> None:
    exchange.cancel_delay = 0.3  # the push of the final state would come 0.3 s after the cancel
    exchange.push.delay = 30.0  # ... but never arrives on this connection
    exchange.add_order(CONTRACT, 31)

    def drop_once_cancelled() -> None:
        while not any(r.path == CANCEL for r in exchange.received):
            threading.Event().wait(0.005)
        exchange.push.drop_connections()  # a gap: HTX replays nothing

    dropper = threading.Thread(target=drop_once_cancelled, daemon=True)
    dropper.start()
    outcome = _confirm(exchange, mode, order_ids=["31"], deadline=5.0)
    dropper.join(5.0)
    assert outcome.cancelled == ["31"]
    assert outcome.reads >= 1  # read after the gap: the push could not say it
    assert outcome.reads == _reads(exchange)
    assert outcome.orders["31"].order_id == "31"


@pytest.mark.parametrize("mode", MODES)
def test_an_order_no_push_settles_is_read_after_the_grace(
    exchange: MockExchange, mode: str
) -> None:
    exchange.push.delay = 30.0  # no push arrives in time
    exchange.add_order(CONTRACT, 35)
    outcome = _confirm(exchange, mode, order_ids=["35"], deadline=5.0)
    assert outcome.cancelled == ["35"]
    assert outcome.via == "push"
    assert outcome.reads >= 1
    assert "35" in outcome.orders


@pytest.mark.parametrize("mode", MODES)
def test_auto_polls_when_the_push_refuses_auth_and_push_raises_before_any_cancel(
    exchange: MockExchange, mode: str
) -> None:
    exchange.push.refuse_auth = 2003
    exchange.add_order(CONTRACT, 51)
    outcome = _confirm(exchange, mode, order_ids=["51"])
    assert outcome.cancelled == ["51"]
    assert outcome.via == "poll"
    assert outcome.reads >= 1
    exchange.add_order(CONTRACT, 52)
    exchange.clear_received()
    with pytest.raises(PushAuthRefusedError) as raised:
        _confirm(exchange, mode, order_ids=["52"], via="push")
    assert raised.value.code == 2003
    assert not any(r.path == CANCEL for r in exchange.received)  # nothing was cancelled


@pytest.mark.parametrize("mode", MODES)
def test_poll_never_opens_the_push(exchange: MockExchange, mode: str) -> None:
    exchange.push.refuse_auth = 2003  # would show as a refusal if a connection authenticated
    exchange.add_order(CONTRACT, 61)
    outcome = _confirm(exchange, mode, order_ids=["61"], via="poll")
    assert (outcome.cancelled, outcome.via) == (["61"], "poll")
    assert outcome.reads == _reads(exchange) >= 1


@pytest.mark.parametrize("mode", MODES)
def test_via_is_checked_before_anything_is_sent(exchange: MockExchange, mode: str) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        _confirm(exchange, mode, order_ids=["1"], via="websocket")
    assert raised.value.field == "via"
    assert exchange.received == []


@pytest.mark.parametrize("mode", MODES)
def test_without_the_push_extra_auto_polls_and_push_names_via(
    exchange: MockExchange, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec

    def no_websockets(name: str, *args: Any) -> Any:
        return None if name == "websockets" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", no_websockets)
    exchange.add_order(CONTRACT, 71)
    outcome = _confirm(exchange, mode, order_ids=["71"])
    assert (outcome.cancelled, outcome.via) == (["71"], "poll")
    with pytest.raises(InvalidRequestError) as raised:
        _confirm(exchange, mode, order_ids=["71"], via="push")
    assert raised.value.field == "via"
    assert "htx-swap-sdk[push]" in str(raised.value)
    client = (SwapClient if mode == "sync" else AsyncSwapClient)(_keys(exchange))
    with pytest.raises(InvalidRequestError) as raised:
        client.order_updates(CONTRACT)
    assert raised.value.field == "order_updates"


@pytest.mark.parametrize("mode", MODES)
def test_a_callers_http_client_polls_unless_push_url_is_given(
    exchange: MockExchange, mode: str
) -> None:
    exchange.add_order(CONTRACT, 81)
    exchange.add_order(CONTRACT, 82)
    if mode == "sync":
        with (
            httpx.Client() as http,
            SwapClient(_keys(exchange), http_client=http, **_options(exchange)) as client,
        ):
            first = client.cancel_and_confirm(CONTRACT, order_ids=["81"])
        with (
            httpx.Client() as http,
            SwapClient(
                _keys(exchange),
                http_client=http,
                push_url=exchange.push_url(),
                **_options(exchange),
            ) as client,
        ):
            second = client.cancel_and_confirm(CONTRACT, order_ids=["82"])
    else:

        async def run() -> tuple[CancelOutcome, CancelOutcome]:
            async with httpx.AsyncClient() as http:
                client = AsyncSwapClient(_keys(exchange), http_client=http, **_options(exchange))
                one = await client.cancel_and_confirm(CONTRACT, order_ids=["81"])
                client = AsyncSwapClient(
                    _keys(exchange),
                    http_client=http,
                    push_url=exchange.push_url(),
                    **_options(exchange),
                )
                return one, await client.cancel_and_confirm(CONTRACT, order_ids=["82"])

        first, second = asyncio.run(run())
    assert (first.cancelled, first.via) == (["81"], "poll")
    assert (second.cancelled, second.via, second.reads) == (["82"], "push", 0)


def test_the_push_url_is_derived_from_base_url_or_given() -> None:
    keys = HtxCredentials("ak", "sk")
    assert SwapClient(keys).push_url == "wss://api.hbdm.com/swap-notification"
    local = SwapClient(keys, base_url="http://127.0.0.1:8080")
    assert local.push_url == "ws://127.0.0.1:8080/swap-notification"
    given = SwapClient(keys, push_url="wss://api.hbdm.vn/swap-notification")
    assert given.push_url == "wss://api.hbdm.vn/swap-notification"
    for bad in ("https://api.hbdm.com/swap-notification", "ws://api.hbdm.com/x", 5):
        with pytest.raises(InvalidRequestError) as raised:
            SwapClient(keys, push_url=bad)  # type: ignore[arg-type]
        assert raised.value.field == "push_url"


@pytest.mark.parametrize("mode", MODES)
def test_the_push_verifies_tls(htx_exchange_factory: Any, mode: str) -> None:
    tls = htx_exchange_factory(tls=True, rate_limit=None)  # a CA this machine does not trust
    client = SwapClient(_keys(tls), base_url=tls.url)
    assert client.push_url.startswith("wss://127.0.0.1:")

    def open_sync() -> None:
        with client.order_updates(CONTRACT):
            pass

    async def open_async() -> None:
        async with AsyncSwapClient(_keys(tls), base_url=tls.url).order_updates(CONTRACT):
            pass

    with pytest.raises(APIConnectionError) as raised:
        open_sync() if mode == "sync" else asyncio.run(open_async())
    assert "CERTIFICATE_VERIFY_FAILED" in str(raised.value)
    assert tls.push.connections() == []  # never authenticated over an unverified link


@pytest.mark.parametrize("mode", MODES)
def test_the_deadline_holds_with_the_push(exchange: MockExchange, mode: str) -> None:
    import time

    exchange.add_order(CONTRACT, 91, on_cancel="never")  # cancelling (11) for good
    started = time.monotonic()
    outcome = _confirm(exchange, mode, order_ids=["91"], deadline=0.8)
    elapsed = time.monotonic() - started
    assert (outcome.pending, outcome.via) == (["91"], "push")
    assert elapsed < 0.8 + 0.5  # scheduling slack on a loaded machine
    assert outcome.reads == 0  # its push said "cancelling": read 2 s after it, past the deadline


_PROCESS = """
import sys
from htx_swap import HtxCredentials, SwapClient

url, key, secret, close = sys.argv[1:5]
client = SwapClient(HtxCredentials(key, secret), base_url=url)
stream = client.order_updates("BTC-USD").open()
if close == "close":
    stream.close()
    import threading
    assert threading.active_count() == 1, threading.enumerate()
print("streamed", flush=True)
"""


@pytest.mark.parametrize("close", ["close", "leave-open"])
def test_the_stream_never_keeps_the_process_alive(exchange: MockExchange, close: str) -> None:
    import subprocess
    import sys

    argv = [exchange.url, exchange.access_key, exchange.secret_key, close]
    done = subprocess.run(
        [sys.executable, "-c", _PROCESS, *argv],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "streamed\n"), done.stderr


@pytest.mark.parametrize("mode", MODES)
def test_the_stream_pongs_every_ping_and_stays_connected(exchange: MockExchange, mode: str) -> None:
    import time

    exchange.push.ping_interval = 0.05  # it drops a client that leaves 5 pings unanswered
    seen: list[object] = []

    def check_connection() -> None:
        (connection,) = exchange.push.connections()
        assert connection.pings_sent >= 8
        # a few may be in flight on a loaded machine; 5 unanswered would have dropped it
        assert connection.pongs_received >= connection.pings_sent - 3
        exchange.add_order(CONTRACT, 95)

    if mode == "sync":
        with SwapClient(_keys(exchange), **_options(exchange)).order_updates(CONTRACT) as stream:
            time.sleep(0.6)
            check_connection()
            seen.append(next(iter(stream)))
    else:

        async def run() -> None:
            client = AsyncSwapClient(_keys(exchange), **_options(exchange))
            async with client.order_updates(CONTRACT) as stream:
                await asyncio.sleep(0.6)
                check_connection()
                seen.append(await anext(aiter(stream)))

        asyncio.run(run())
    (update,) = seen
    assert getattr(update, "order_id", None) == "95"  # the same connection, no gap before it
