"""The local exchange's order push (``/swap-notification``, ``/notification``): auth by its own
signer, subscriptions, gzip frames, pings, pushes from the REST books, and every push fault,
driven by a plain ``websockets`` client and ``htx_swap._push.push_protocol``."""

from __future__ import annotations

import asyncio
import gzip
import json
import time
from collections.abc import Callable, Generator, Iterator

import httpx
import pytest
from htx_swap import HtxCredentials, SwapClient
from htx_swap._model.order_info import OrderStatus
from htx_swap._push.push_protocol import (
    FUTURES_NOTIFICATION_PATH,
    AuthAnswer,
    Heartbeat,
    OrderUpdate,
    Ping,
    PushAuthRefusedError,
    PushConnectionDeadError,
    PushFrameError,
    PushFrameTooLargeError,
    ServerClose,
    ServerErrorNotice,
    SubAnswer,
    auth_frame,
    auth_timestamp,
    decode_frame,
    sub_frame,
)
from htx_swap._push.push_session import PushSession, Received
from htx_swap_mock import MockExchange
from websockets.asyncio.client import connect as aconnect
from websockets.exceptions import ConnectionClosed, ConnectionClosedError, InvalidStatus
from websockets.sync.client import connect

from tests.mock_exchange.push_client import PushClient

BIG_ID = 9223372036854775807  # 2**63 - 1: far above 2**53


@pytest.fixture
def sdk(ex: MockExchange) -> Iterator[SwapClient]:
    with SwapClient(
        HtxCredentials(ex.access_key, ex.secret_key),
        base_url=ex.url,
        rate_limiter=None,
        read_rate_limiter=None,
    ) as client:
        yield client


@pytest.fixture
def push(ex: MockExchange) -> Iterator[PushClient]:
    with PushClient(ex) as client:
        yield client


# -- auth and subscriptions ------------------------------------------------------------------


def test_auth_with_the_exchange_keys_is_accepted_and_sub_is_answered(push: PushClient) -> None:
    answer = push.auth()
    assert answer.ok
    first = push.sub("BTC-USD", cid="my-cid")
    assert (first.topic, first.cid, first.err_code) == ("orders.BTC-USD", "my-cid", 0)
    again = push.sub("btc-usd", cid="2")
    assert (again.err_code, again.cid) == (2014, "2")
    [connection] = push.ex.push.connections()
    assert connection.authenticated
    assert connection.access_key == push.ex.access_key
    assert connection.topics == ("orders.btc-usd",)


def test_the_sub_answer_echoes_cid_and_topic(push: PushClient) -> None:
    push.auth()
    answer = push.sub(None, cid="abc")
    assert (answer.topic, answer.cid, answer.err_code) == ("orders.*", "abc", 0)
    assert answer.ts is not None


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"Signature": "AAAA"}, 2003),
        ({"AccessKeyId": "unknown-key"}, 2003),
        ({"Signature": None}, 2040),
        ({"type": "key"}, 2013),
        ({"SignatureMethod": "HmacSHA1"}, 2003),
    ],
)
def test_a_bad_auth_is_refused_then_closed(
    ex: MockExchange, change: dict[str, str | None], code: int
) -> None:
    with PushClient(ex) as push:
        keys = HtxCredentials(ex.access_key, ex.secret_key)
        frame = json.loads(auth_frame(keys, url=push.url, timestamp=auth_timestamp(time.time())))
        for name, value in change.items():
            if value is None:
                del frame[name]
            else:
                frame[name] = value
        push.send(json.dumps(frame))
        answer = push.recv()
        assert isinstance(answer, AuthAnswer)
        assert answer.err_code == code
        with pytest.raises(PushAuthRefusedError):
            answer.raise_for_refusal()
        assert isinstance(push.recv(), ServerClose)
        with pytest.raises(ConnectionClosed):
            push.recv()


def test_a_wrong_secret_or_a_stale_timestamp_is_refused(ex: MockExchange) -> None:
    with PushClient(ex) as push:
        assert push.auth(HtxCredentials(ex.access_key, "not-the-secret")).err_code == 2003
    with PushClient(ex) as push:
        assert push.auth(at=time.time() - 3600).err_code == 2003


def test_the_signature_covers_the_path(ex: MockExchange) -> None:
    """Signed for /notification, sent to /swap-notification: refused."""
    with PushClient(ex) as push:
        keys = HtxCredentials(ex.access_key, ex.secret_key)
        wrong = ex.push_url(FUTURES_NOTIFICATION_PATH)
        push.send(auth_frame(keys, url=wrong, timestamp=auth_timestamp(time.time())))
        answer = push.recv()
        assert isinstance(answer, AuthAnswer)
        assert answer.err_code == 2003


def test_the_futures_path_is_served_too(ex: MockExchange) -> None:
    with PushClient(ex, FUTURES_NOTIFICATION_PATH) as push:
        assert push.auth().ok
        assert push.sub("BTC-USD").ok
        assert push.ex.push.connections()[0].path == FUTURES_NOTIFICATION_PATH
        ex.add_order("BTC-USD", 5)  # a swap order: pushed on /swap-notification only
        push.nothing_for(0.1)


def test_another_path_is_refused_at_the_handshake(ex: MockExchange) -> None:
    with (
        pytest.raises(InvalidStatus) as raised,
        connect(f"ws://127.0.0.1:{ex.port}/ws", open_timeout=5),
    ):
        pass
    assert raised.value.response.status_code == 403


def test_sub_before_auth_is_refused(push: PushClient) -> None:
    assert push.sub().err_code == 2002


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"op": "sub", "cid": "1"}, 2040),
        ({"op": "sub", "cid": "1", "topic": "accounts.BTC-USD"}, 2010),
        ({"op": "unsub", "cid": "1", "topic": "orders.ETH-USD"}, 2012),
    ],
)
def test_bad_subscriptions_are_refused(push: PushClient, frame: dict[str, str], code: int) -> None:
    push.auth()
    push.send(json.dumps(frame))
    answer = push.recv()
    assert isinstance(answer, SubAnswer)
    assert answer.err_code == code


def test_a_frame_outside_the_operator_list_is_answered_op_error(push: PushClient) -> None:
    push.send("not json")
    assert isinstance(push.recv(), ServerErrorNotice)
    push.send('{"op":"req"}')
    assert isinstance(push.recv(), ServerErrorNotice)
    assert push.auth().ok  # the connection stays


def test_refuse_auth_fault(ex: MockExchange, push: PushClient) -> None:
    ex.push.refuse_auth = 2003
    answer = push.auth()
    assert answer.err_code == 2003
    with PushClient(ex) as other:
        ex.push.refuse_auth = None
        assert other.auth().ok


# -- pushes from the books -------------------------------------------------------------------


def test_a_cancel_through_rest_is_pushed_with_status_7_and_canceled_at(
    ex: MockExchange, sdk: SwapClient
) -> None:
    ex.add_order("BTC-USD", BIG_ID, client_order_id=BIG_ID - 1)
    with PushClient(ex).subscribed("BTC-USD") as push:
        result = sdk.cancel("BTC-USD", order_ids=[str(BIG_ID)])
        assert result.successes == [str(BIG_ID)]
        update = push.update()
    order = ex.order("BTC-USD", BIG_ID)
    assert order is not None
    assert update.order_id == str(BIG_ID)
    assert update.client_order_id == str(BIG_ID - 1)
    assert update.status is OrderStatus.CANCELLED
    assert update.canceled_at == order.canceled_at
    assert update.canceled_source == "api"
    assert update.volume == order.volume
    assert update.trade_volume == 0
    assert update.ts >= order.canceled_at


def test_a_delayed_cancel_pushes_cancelling_then_its_outcome_at_its_time(
    ex: MockExchange, sdk: SwapClient
) -> None:
    ex.cancel_delay = 0.2
    ex.add_order("BTC-USD", 11, on_cancel="fill")
    with PushClient(ex).subscribed() as push:
        sdk.cancel("BTC-USD", order_ids=["11"])
        first = push.update()
        second = push.update()  # nobody reads the order: the exchange's own timer settles it
    assert first.status is OrderStatus.CANCELLING
    assert second.status is OrderStatus.FILLED
    assert second.trade_volume == second.volume
    assert second.ts - first.ts >= 150


def test_fills_placements_and_moves_are_pushed_in_order(ex: MockExchange) -> None:
    with PushClient(ex).subscribed() as push:
        ex.add_order("ETH-USD", 21, volume=10)
        ex.fill_order("ETH-USD", 21, 4)
        ex.fill_order("ETH-USD", 21)
        updates = [push.update() for _ in range(3)]
    assert [u.status for u in updates] == [
        OrderStatus.SUBMITTED,
        OrderStatus.PARTIALLY_FILLED,
        OrderStatus.FILLED,
    ]
    assert [u.trade_volume for u in updates] == [0, 4, 10]
    assert all(u.contract_code == "ETH-USD" for u in updates)


def test_only_subscribed_contracts_are_pushed(ex: MockExchange) -> None:
    with PushClient(ex).subscribed("ETH-USD") as push, PushClient(ex) as unauthenticated:
        ex.add_order("BTC-USD", 31)
        ex.add_order("ETH-USD", 32)
        assert push.update().order_id == "32"
        unauthenticated.nothing_for(0.1)


def test_the_strategy_books_are_not_pushed_on_orders(ex: MockExchange) -> None:
    with PushClient(ex).subscribed() as push:
        ex.add_order("BTC-USD", 41, kind="trigger")
        push.nothing_for(0.1)


def test_a_cancel_all_pushes_every_order(ex: MockExchange, sdk: SwapClient) -> None:
    ex.add_order("BTC-USD", 51)
    ex.add_order("BTC-USD", 52)
    with PushClient(ex).subscribed("BTC-USD") as push:
        sdk.cancel_all("BTC-USD")
        ids = {push.update().order_id, push.update().order_id}
    assert ids == {"51", "52"}


def test_two_connections_each_get_the_push(ex: MockExchange) -> None:
    with PushClient(ex).subscribed() as one, PushClient(ex).subscribed("BTC-USD") as two:
        ex.add_order("BTC-USD", 61)
        assert one.update().order_id == two.update().order_id == "61"


def test_an_asyncio_client_gets_pushes(ex: MockExchange) -> None:
    async def run() -> OrderUpdate:
        url = ex.push_url()
        keys = HtxCredentials(ex.access_key, ex.secret_key)
        async with aconnect(url, open_timeout=5, ping_interval=None) as ws:
            await ws.send(auth_frame(keys, url=url, timestamp=auth_timestamp(time.time())))
            auth = decode_frame(await asyncio.wait_for(ws.recv(), 5))
            assert isinstance(auth, AuthAnswer)
            assert auth.ok
            await ws.send(sub_frame(None, cid="a"))
            assert isinstance(decode_frame(await asyncio.wait_for(ws.recv(), 5)), SubAnswer)
            await asyncio.to_thread(ex.set_order_state, "BTC-USD", 71, "cancelled")
            message = decode_frame(await asyncio.wait_for(ws.recv(), 5))
            assert isinstance(message, OrderUpdate)
            return message

    ex.add_order("BTC-USD", 71)
    update = asyncio.run(run())
    assert (update.order_id, update.status) == ("71", OrderStatus.CANCELLED)


# -- heartbeat -------------------------------------------------------------------------------


def test_pings_come_every_interval_and_pongs_are_counted(ex: MockExchange) -> None:
    ex.push.ping_interval = 0.05
    with PushClient(ex) as push:
        for _ in range(3):
            ping = push.recv()
            assert isinstance(ping, Ping)
            assert isinstance(ping.ts, str)  # HTX's documented form: a string
            push.send(ping.pong())
        deadline = time.monotonic() + 5
        while ex.push.connections()[0].pongs_received < 3:
            assert time.monotonic() < deadline
            time.sleep(0.01)


def test_the_default_ping_interval_is_htx_s_five_seconds() -> None:
    with MockExchange(rate_limit=None) as fresh:
        assert fresh.push.ping_interval == 5.0
        assert fresh.push.max_missed_pings == 5
    with MockExchange(push_ping_interval=0.5) as settable:
        assert settable.push.ping_interval == 0.5
    with pytest.raises(ValueError, match="push_ping_interval"):
        MockExchange(push_ping_interval=0)


def test_a_client_that_misses_the_pings_is_dropped(ex: MockExchange) -> None:
    ex.push.ping_interval = 0.03
    ex.push.max_missed_pings = 3
    with PushClient(ex) as push:
        pings = 0

        def count_pings_until_closed() -> None:
            nonlocal pings
            while True:
                pings += isinstance(push.recv(), Ping)

        with pytest.raises(ConnectionClosed):
            count_pings_until_closed()
        assert pings == 3


def test_stop_pinging_makes_the_client_s_heartbeat_declare_the_connection_dead(
    ex: MockExchange,
) -> None:
    ex.push.ping_interval = 0.05
    with PushClient(ex) as push:
        assert isinstance(push.recv(), Ping)
        beat = Heartbeat(0.05, clock=time.monotonic)
        ex.push.stop_pinging = True
        with pytest.raises(TimeoutError):
            push.recv(timeout=0.3)
        assert beat.is_dead()
        ex.push.stop_pinging = False
        assert isinstance(push.recv(), Ping)


# -- push faults -----------------------------------------------------------------------------


def test_drop_aborts_every_connection_without_a_close_frame(ex: MockExchange) -> None:
    with PushClient(ex).subscribed() as push:
        assert ex.push.drop_connections() == 1
        with pytest.raises(ConnectionClosedError) as raised:
            push.recv()
        assert raised.value.rcvd is None
    deadline = time.monotonic() + 5
    while ex.push.connections():
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_delay_holds_each_push(ex: MockExchange) -> None:
    ex.push.delay = 0.3
    with PushClient(ex).subscribed() as push:
        started = time.monotonic()
        ex.add_order("BTC-USD", 81)
        assert push.update().order_id == "81"
        assert time.monotonic() - started >= 0.25


def test_duplicate_sends_each_push_twice(ex: MockExchange) -> None:
    ex.push.duplicate = True
    with PushClient(ex).subscribed() as push:
        ex.add_order("BTC-USD", 91)
        assert push.update() == push.update()
        push.nothing_for(0.1)


def test_reorder_lets_a_later_change_overtake(ex: MockExchange) -> None:
    ex.add_order("BTC-USD", 101, volume=10)
    ex.push.reorder = True
    with PushClient(ex).subscribed() as push:
        ex.fill_order("BTC-USD", 101, 4)
        ex.fill_order("BTC-USD", 101)
        first, second = push.update(), push.update()
        # a lone push is released after the hold time
        ex.add_order("BTC-USD", 102)
        assert push.update(timeout=2).order_id == "102"
    assert (first.status, second.status) == (OrderStatus.FILLED, OrderStatus.PARTIALLY_FILLED)


@pytest.mark.parametrize(
    ("kind", "error"),
    [
        ("not_gzip", PushFrameError),
        ("bad_json", PushFrameError),
        ("oversized", PushFrameTooLargeError),
    ],
)
def test_malformed_and_oversized_frames(
    ex: MockExchange, kind: str, error: type[Exception]
) -> None:
    with PushClient(ex) as push:
        assert ex.push.send_malformed(kind) == 1
        frame = push.ws.recv(timeout=5)
        assert isinstance(frame, bytes)
        with pytest.raises(error):
            decode_frame(frame)
    if kind == "oversized":
        assert len(gzip.decompress(frame)) == 64 << 20


def test_send_malformed_checks_its_input(ex: MockExchange) -> None:
    with pytest.raises(ValueError, match="kind"):
        ex.push.send_malformed("nonsense")
    with pytest.raises(ValueError, match="size"):
        ex.push.send_malformed("oversized", size=0)


def test_reset_clears_the_push_faults(ex: MockExchange) -> None:
    ex.push.delay, ex.push.refuse_auth, ex.push.ping_interval = 1.0, 2003, 0.1
    ex.reset()
    settings = ex.push.state_json()
    assert (settings["delay"], settings["refuse_auth"], settings["ping_interval"]) == (
        0.0,
        None,
        5.0,
    )


# -- admin API -------------------------------------------------------------------------------


def test_the_admin_api_sets_faults_and_lists_connections(
    ex: MockExchange, client: httpx.Client
) -> None:
    with PushClient(ex).subscribed() as push:
        answer = client.post(
            "/_mock/push",
            json={"refuse_auth": 2003, "delay": 0.01, "duplicate": True, "ping_interval": 1},
        )
        assert answer.status_code == 200
        state = answer.json()["push"]
        assert (state["refuse_auth"], state["duplicate"], state["ping_interval"]) == (
            2003,
            True,
            1.0,
        )
        [connection] = state["connections"]
        assert connection["authenticated"]
        assert connection["topics"] == ["orders.*"]
        assert ex.push.refuse_auth == 2003
        assert client.post("/_mock/push", json={"refuse_auth": None}).status_code == 200
        assert client.post("/_mock/push/malformed", json={"kind": "bad_json"}).json() == {"sent": 1}
        with pytest.raises(PushFrameError):
            push.recv()
        assert client.post("/_mock/push/drop").json() == {"dropped": 1}
        with pytest.raises(ConnectionClosed):
            push.recv()
    assert client.get("/_mock/push").json()["push"]["delay"] == 0.01


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/_mock/push", {"delay": -1}),
        ("/_mock/push", {"ping_interval": 0}),
        ("/_mock/push", {"max_missed_pings": 0}),
        ("/_mock/push", {"stop_pinging": "yes"}),
        ("/_mock/push", {"refuse_auth": "2003"}),
        ("/_mock/push/malformed", {"kind": "nope"}),
    ],
)
def test_the_admin_api_refuses_bad_input(
    client: httpx.Client, path: str, body: dict[str, object]
) -> None:
    answer = client.post(path, json=body)
    assert answer.status_code == 400
    assert "error" in answer.json()


def test_the_admin_api_stops_pinging(ex: MockExchange, client: httpx.Client) -> None:
    assert client.post("/_mock/push", json={"ping_interval": 0.05}).status_code == 200
    with PushClient(ex) as push:
        assert isinstance(push.recv(), Ping)
        assert client.post("/_mock/push", json={"stop_pinging": True}).status_code == 200
        late = 0  # pings already on their way while the admin call ran (a loaded machine)
        while True:
            try:
                message = push.recv(timeout=0.25)
            except TimeoutError:
                break
            assert isinstance(message, Ping)
            late += 1
            assert late <= 20, "the exchange went on pinging"


def test_unsub_stops_the_pushes(ex: MockExchange, push: PushClient) -> None:
    push.subscribed("BTC-USD")
    push.send('{"op":"unsub","cid":"u","topic":"orders.btc-usd"}')
    answer = push.recv()
    assert isinstance(answer, SubAnswer)
    assert (answer.err_code, answer.cid) == (0, "u")
    ex.add_order("BTC-USD", 111)
    push.nothing_for(0.1)


def test_the_push_is_served_over_tls(htx_exchange_factory: Callable[..., MockExchange]) -> None:
    ex = htx_exchange_factory(tls=True)
    url = ex.push_url()
    assert url.startswith("wss://")
    keys = HtxCredentials(ex.access_key, ex.secret_key)
    with connect(url, ssl=ex.client_ssl_context(), open_timeout=5, ping_interval=None) as ws:
        ws.send(auth_frame(keys, url=url, timestamp=auth_timestamp(time.time())))
        answer = decode_frame(ws.recv(timeout=5))
    assert isinstance(answer, AuthAnswer)
    assert answer.ok


# -- PushSession (the I/O-free protocol) driven by a thin sync loop --------------------------


def _drive(
    ex: MockExchange, contract_code: str | None, period: float = 5.0
) -> Generator[Received, None, None]:
    """What a sync driver is: send what the session says, wait at most ``time_left()``."""
    url = ex.push_url()
    session = PushSession(
        HtxCredentials(ex.access_key, ex.secret_key),
        url=url,
        contract_code=contract_code,
        clock=time.monotonic,
        wall_clock=time.time,
        heartbeat_period=period,
    )
    with connect(url, open_timeout=5, ping_interval=None, compression=None) as ws:
        for frame in session.opening_frames():
            ws.send(frame)
        while True:
            try:
                data = ws.recv(timeout=session.time_left())
            except TimeoutError:
                session.check()
                continue
            received = session.receive(data)
            for frame in received.send:
                ws.send(frame)
            yield received


def test_a_session_confirms_a_rest_cancel_from_the_push(ex: MockExchange, sdk: SwapClient) -> None:
    ex.add_order("BTC-USD", BIG_ID)
    stream = _drive(ex, "BTC-USD")
    while not next(stream).subscribed:
        pass
    sdk.cancel("BTC-USD", order_ids=[str(BIG_ID)])
    update = next(received.update for received in stream if received.update is not None)
    stream.close()
    assert (update.order_id, update.status) == (str(BIG_ID), OrderStatus.CANCELLED)


def test_a_session_raises_the_refused_auth(ex: MockExchange) -> None:
    ex.push.refuse_auth = 2001
    with pytest.raises(PushAuthRefusedError) as raised:
        next(_drive(ex, None))
    assert raised.value.code == 2001


def test_a_session_declares_a_silent_server_dead(ex: MockExchange) -> None:
    ex.push.ping_interval = 0.05
    stream = _drive(ex, None, period=0.05)
    while not next(stream).subscribed:
        pass
    ex.push.stop_pinging = True
    started = time.monotonic()
    with pytest.raises(PushConnectionDeadError):
        for _ in stream:
            pass
    assert time.monotonic() - started < 5
