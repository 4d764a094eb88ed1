"""``htx_swap._push.push_protocol``: HTX's order-push frames, built and decoded without any I/O."""

from __future__ import annotations

import gzip
import json
import zlib
from decimal import Decimal

import pytest
from htx_swap._model import errors
from htx_swap._model.credentials import HtxCredentials
from htx_swap._model.order_info import OrderStatus
from htx_swap._push.push_protocol import (
    DEFAULT_MAX_FRAME_BYTES,
    AuthAnswer,
    Heartbeat,
    OrderUpdate,
    OtherNotify,
    Ping,
    PushAnswerTimeoutError,
    PushAuthRefusedError,
    PushConnectionDeadError,
    PushFrameError,
    PushFrameTooLargeError,
    PushSubscribeRefusedError,
    ServerClose,
    ServerErrorNotice,
    SubAnswer,
    UnknownMessage,
    UnsubAnswer,
    auth_frame,
    auth_timestamp,
    decode_frame,
    gzip_frame,
    loggable_frame,
    pong_frame,
    push_url,
    sub_frame,
    unsub_frame,
)
from htx_swap._push.push_session import PushSession, Received, SessionState, is_retryable

from tests.unit.reference_signer import expected_signature

CREDENTIALS = HtxCredentials("push-access-key", "push-secret-key")
BIG_ID = "1446217475728912385"  # > 2**53: a float would change it
# A real coin-M perpetual cancel push (shape of HTX's captured messages), ids above 2**53.
CANCEL_PUSH = (
    '{"op":"notify","topic":"orders.btc-usd","ts":1763958470474,"symbol":"BTC",'
    '"contract_code":"BTC-USD","volume":1,"price":60000.0,"order_price_type":"limit",'
    '"direction":"buy","offset":"open","status":7,"lever_rate":20,'
    f'"order_id":{BIG_ID},"order_id_str":"{BIG_ID}","client_order_id":563232638917915,'
    '"order_source":"api","order_type":2,"created_at":1763958400000,"trade_volume":0,'
    '"trade_turnover":0,"fee":0,"trade_avg_price":0.0000,"margin_frozen":0E-18,"profit":0,'
    '"trade":[],"canceled_at":1763958470464,"fee_asset":"BTC","canceled_source":"api",'
    '"self-match-prevent":1,"is_tpsl":0,"liquidation_type":"0"}'
)


def _push(**changes: object) -> bytes:
    document = json.loads(CANCEL_PUSH)
    for name, value in changes.items():
        if value is None:
            document.pop(name, None)
        else:
            document[name] = value
    return gzip_frame(document)


# -- client frames ---------------------------------------------------------------------------


def test_the_auth_frame_is_signed_as_htx_documents_checked_by_an_independent_signer() -> None:
    frame = json.loads(
        auth_frame(
            CREDENTIALS,
            url="wss://API.hbdm.com/swap-notification",
            timestamp="2026-12-07T05:00:00",
        )
    )
    assert frame["op"] == "auth"
    assert frame["type"] == "api"
    assert frame["AccessKeyId"] == CREDENTIALS.access_key
    assert frame["SignatureMethod"] == "HmacSHA256"
    assert frame["SignatureVersion"] == "2"
    assert frame["Timestamp"] == "2026-12-07T05:00:00"
    params = {k: frame[k] for k in ("AccessKeyId", "SignatureMethod", "SignatureVersion")}
    params["Timestamp"] = frame["Timestamp"]
    expected = expected_signature(
        CREDENTIALS.secret_key, "GET", "api.hbdm.com", "/swap-notification", params
    )
    assert frame["Signature"] == expected
    assert CREDENTIALS.secret_key not in json.dumps(frame)


def test_the_auth_frame_signs_the_port_and_the_futures_path() -> None:
    frame = json.loads(
        auth_frame(CREDENTIALS, url="ws://127.0.0.1:8080/notification", timestamp="t")
    )
    params = {"AccessKeyId": CREDENTIALS.access_key, "SignatureMethod": "HmacSHA256"}
    params |= {"SignatureVersion": "2", "Timestamp": "t"}
    expected = expected_signature(
        CREDENTIALS.secret_key, "GET", "127.0.0.1:8080", "/notification", params
    )
    assert frame["Signature"] == expected
    same = auth_frame(CREDENTIALS, host="127.0.0.1:8080", path="/notification", timestamp="t")
    assert json.loads(same) == frame


def test_the_auth_frame_needs_a_url_or_host_and_path() -> None:
    with pytest.raises(errors.InvalidRequestError, match="url"):
        auth_frame(CREDENTIALS, timestamp="t", host="h")


def test_auth_timestamp_is_htx_format() -> None:
    assert auth_timestamp(1796619600.99) == "2026-12-07T05:00:00"


def test_loggable_frame_hides_the_key_and_signature() -> None:
    frame = auth_frame(CREDENTIALS, url="wss://api.hbdm.com/swap-notification", timestamp="t")
    shown = loggable_frame(frame)
    signature = json.loads(frame)["Signature"]
    assert signature not in shown
    assert CREDENTIALS.access_key not in shown
    assert json.loads(shown)["Signature"] == "***"


def test_sub_and_unsub_frames() -> None:
    assert json.loads(sub_frame("BTC-USD", cid="c1")) == {
        "op": "sub",
        "cid": "c1",
        "topic": "orders.BTC-USD",
    }
    assert json.loads(sub_frame(None, cid="c2"))["topic"] == "orders.*"
    assert json.loads(unsub_frame("ETH-USD", cid="c3"))["op"] == "unsub"


@pytest.mark.parametrize(
    ("contract_code", "cid", "field"),
    [
        ("BTC USD", "c", "contract_code"),
        ("BTC-USD,ETH-USD", "c", "contract_code"),
        (7, "c", "contract_code"),
        ("BTC-USD", "", "cid"),
        ("BTC-USD", "x" * 65, "cid"),
        ("BTC-USD", "a\nb", "cid"),
    ],
)
def test_bad_sub_input_is_refused_naming_the_field(
    contract_code: object, cid: str, field: str
) -> None:
    with pytest.raises(errors.InvalidRequestError) as raised:
        sub_frame(contract_code, cid=cid)  # type: ignore[arg-type]
    assert raised.value.field == field


def test_pong_echoes_ts_of_the_same_type() -> None:
    assert json.loads(pong_frame("1492420473058")) == {"op": "pong", "ts": "1492420473058"}
    assert json.loads(pong_frame(1492420473058)) == {"op": "pong", "ts": 1492420473058}


@pytest.mark.parametrize(
    ("base_url", "path", "expected"),
    [
        ("https://api.hbdm.com", "/swap-notification", "wss://api.hbdm.com/swap-notification"),
        ("https://api.hbdm.vn/", "/notification", "wss://api.hbdm.vn/notification"),
        ("http://127.0.0.1:8123", "/swap-notification", "ws://127.0.0.1:8123/swap-notification"),
        ("http://[::1]:8123", "/notification", "ws://[::1]:8123/notification"),
        (
            "https://example.com:4443",
            "/swap-notification",
            "wss://example.com:4443/swap-notification",
        ),
    ],
)
def test_push_url_follows_the_base_url(base_url: str, path: str, expected: str) -> None:
    assert push_url(base_url, path) == expected


@pytest.mark.parametrize(
    ("base_url", "path"),
    [("http://api.hbdm.com", "/swap-notification"), ("https://api.hbdm.com", "swap")],
)
def test_push_url_refuses_plain_ws_off_loopback_and_a_relative_path(
    base_url: str, path: str
) -> None:
    with pytest.raises(errors.InvalidRequestError):
        push_url(base_url, path)


# -- decoding --------------------------------------------------------------------------------


def test_a_cancel_push_decodes_to_an_order_update() -> None:
    update = decode_frame(gzip_frame(CANCEL_PUSH))
    assert update == OrderUpdate(
        order_id=BIG_ID,
        client_order_id="563232638917915",
        contract_code="BTC-USD",
        status=OrderStatus.CANCELLED,
        trade_volume=Decimal(0),
        volume=Decimal(1),
        canceled_source="api",
        ts=1763958470474,
        canceled_at=1763958470464,
    )
    assert isinstance(update, OrderUpdate)
    assert update.is_final
    assert update.status_code == 7
    with pytest.raises(AttributeError):
        update.status = OrderStatus.SUBMITTED  # type: ignore[misc]


@pytest.mark.parametrize(
    "order_id",
    [
        "9223372036854775807",  # 2**63 - 1
        "9007199254740993",  # 2**53 + 1: the first integer a float cannot hold
    ],
)
def test_ids_beyond_2_53_stay_exact_as_numbers_and_as_strings(order_id: str) -> None:
    as_number = CANCEL_PUSH.replace(f'"order_id":{BIG_ID}', f'"order_id":{order_id}')
    only_number = json.loads(as_number)
    del only_number["order_id_str"]
    text = json.dumps(only_number).replace(
        f'"order_id": {int(order_id)}', f'"order_id": {order_id}'
    )
    decoded = decode_frame(gzip_frame(text))
    assert isinstance(decoded, OrderUpdate)
    assert decoded.order_id == order_id
    as_string = _push(order_id_str=order_id, order_id=None, client_order_id=order_id)
    decoded = decode_frame(as_string)
    assert isinstance(decoded, OrderUpdate)
    assert (decoded.order_id, decoded.client_order_id) == (order_id, order_id)


def test_an_id_as_a_float_is_refused_not_rounded() -> None:
    raw = CANCEL_PUSH.replace(f'"order_id":{BIG_ID},"order_id_str":"{BIG_ID}",', "")
    raw = raw.replace('"op":"notify",', '"op":"notify","order_id":1.446217475728912e18,')
    with pytest.raises(PushFrameError, match="order_id"):
        decode_frame(gzip_frame(raw))


def test_order_id_and_order_id_str_that_disagree_are_refused() -> None:
    with pytest.raises(PushFrameError, match="disagree"):
        decode_frame(_push(order_id=int(BIG_ID) + 1))


def test_a_push_without_client_order_id_or_canceled_source() -> None:
    decoded = decode_frame(_push(client_order_id=None, canceled_source=None, canceled_at=0))
    assert isinstance(decoded, OrderUpdate)
    assert decoded.client_order_id is None
    assert decoded.canceled_source is None
    assert decoded.canceled_at is None


def test_decimals_are_exact() -> None:
    raw = CANCEL_PUSH.replace('"trade_volume":0,', '"trade_volume":0.30000000000000004,')
    decoded = decode_frame(gzip_frame(raw))
    assert isinstance(decoded, OrderUpdate)
    assert decoded.trade_volume == Decimal("0.30000000000000004")
    decoded = decode_frame(_push(volume="12.5", status=5))
    assert isinstance(decoded, OrderUpdate)
    assert decoded.volume == Decimal("12.5")
    assert decoded.status is OrderStatus.PARTIALLY_FILLED_CANCELLED


def test_an_unknown_status_is_kept_raw() -> None:
    decoded = decode_frame(_push(status=42))
    assert isinstance(decoded, OrderUpdate)
    assert (decoded.status, decoded.status_code, decoded.is_final) == (
        OrderStatus.UNKNOWN,
        42,
        False,
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"order_id_str": None, "order_id": None}, "order_id"),
        ({"contract_code": None}, "contract_code"),
        ({"status": None}, "status"),
        ({"status": "seven"}, "status"),
        ({"status": True}, "status"),
        ({"ts": None}, "ts"),
        ({"trade_volume": None}, "trade_volume"),
        ({"trade_volume": "lots"}, "trade_volume"),
        ({"trade_volume": "NaN"}, "trade_volume"),
        ({"volume": [1]}, "volume"),
        ({"canceled_source": 3}, "canceled_source"),
        ({"client_order_id": -5}, "client_order_id"),
        ({"order_id_str": "0123"}, "order_id_str"),
    ],
)
def test_a_push_missing_or_mistyping_a_field_is_a_typed_error(
    change: dict[str, object], problem: str
) -> None:
    with pytest.raises(PushFrameError, match=problem) as raised:
        decode_frame(_push(**change))
    assert isinstance(raised.value, errors.ResponseParseError)
    assert isinstance(raised.value, errors.HtxError)


def test_the_pushes_of_other_topics_are_not_decoded() -> None:
    frame = gzip_frame({"op": "notify", "topic": "accounts.btc-usd", "ts": 5, "data": []})
    assert decode_frame(frame) == OtherNotify("accounts.btc-usd", 5)
    with pytest.raises(PushFrameError, match="topic"):
        decode_frame(gzip_frame({"op": "notify", "ts": 5}))


@pytest.mark.parametrize("ts", [1492420473058, "1492420473058"])
def test_a_ping_asks_for_a_pong_with_the_same_ts(ts: int | str) -> None:
    message = decode_frame(gzip_frame({"op": "ping", "ts": ts}))
    assert message == Ping(ts)
    assert isinstance(message, Ping)
    assert json.loads(message.pong()) == {"op": "pong", "ts": ts}


@pytest.mark.parametrize("ts", [None, True, [1], {"a": 1}])
def test_a_ping_without_an_echoable_ts_is_a_frame_error(ts: object) -> None:
    document: dict[str, object] = {"op": "ping"}
    if ts is not None:
        document["ts"] = ts
    with pytest.raises(PushFrameError, match="ping"):
        decode_frame(gzip_frame(document))


def test_auth_accepted() -> None:
    answer = decode_frame(
        gzip_frame({"op": "auth", "type": "api", "err-code": 0, "ts": 1, "data": {"user-id": "9"}})
    )
    assert answer == AuthAnswer(0, None, 1)
    assert isinstance(answer, AuthAnswer)
    assert answer.ok
    answer.raise_for_refusal()


@pytest.mark.parametrize("code", [2001, 2002, 2003, 2030, 2040])
def test_auth_refused_is_typed_with_the_code(code: int) -> None:
    frame = gzip_frame({"op": "auth", "err-code": code, "err-msg": "no", "ts": 1})
    answer = decode_frame(frame)
    assert isinstance(answer, AuthAnswer)
    assert not answer.ok
    with pytest.raises(PushAuthRefusedError) as raised:
        answer.raise_for_refusal()
    assert raised.value.code == code
    assert isinstance(raised.value, errors.AuthenticationError)
    assert not raised.value.may_have_reached


def test_an_answer_without_err_code_is_a_frame_error() -> None:
    with pytest.raises(PushFrameError, match="err-code"):
        decode_frame(gzip_frame({"op": "auth", "ts": 1}))


def test_sub_answers() -> None:
    ok = decode_frame(
        gzip_frame({"op": "sub", "cid": "c1", "topic": "orders.*", "ts": 1, "err-code": 0})
    )
    assert ok == SubAnswer("orders.*", "c1", 0, None, 1)
    assert isinstance(ok, SubAnswer)
    ok.raise_for_refusal()
    no_cid = decode_frame(gzip_frame({"op": "sub", "topic": "orders.*", "ts": 1, "err-code": 0}))
    assert isinstance(no_cid, SubAnswer)
    assert no_cid.cid is None
    refused = decode_frame(
        gzip_frame(
            {
                "op": "sub",
                "cid": 1649149285,
                "topic": "orders.nope-usd",
                "err-code": 2011,
                "err-msg": "Contract doesn't exist.",
                "ts": 1,
            }
        )
    )
    assert isinstance(refused, SubAnswer)
    assert refused.cid == "1649149285"
    with pytest.raises(PushSubscribeRefusedError) as raised:
        refused.raise_for_refusal()
    assert (raised.value.code, raised.value.topic) == (2011, "orders.nope-usd")
    unsub = decode_frame(gzip_frame({"op": "unsub", "topic": "orders.*", "err-code": 0}))
    assert isinstance(unsub, UnsubAnswer)


def test_close_error_and_unknown_ops() -> None:
    assert decode_frame(gzip_frame({"op": "close", "ts": 3})) == ServerClose(3)
    assert decode_frame(gzip_frame({"op": "error", "ts": 4})) == ServerErrorNotice(4, None, None)
    assert decode_frame(gzip_frame({"op": "req", "ts": 5})) == UnknownMessage("req", 5)
    assert decode_frame(gzip_frame({"op": "notice"})) == UnknownMessage("notice", None)


@pytest.mark.parametrize(
    "document",
    [{"ping": 1492420473058}, {"op": 7}, {"op": None}, {}],
)
def test_a_frame_without_an_op_is_a_frame_error(document: dict[str, object]) -> None:
    with pytest.raises(PushFrameError, match="op"):
        decode_frame(gzip_frame(document))


# -- hostile frames --------------------------------------------------------------------------


def test_a_gzip_bomb_stops_at_the_cap() -> None:
    bomb = gzip.compress(b'{"op":"ping","ts":1,"pad":"' + b" " * (64 << 20) + b'"}')
    assert len(bomb) < 100_000
    with pytest.raises(PushFrameTooLargeError) as raised:
        decode_frame(bomb)
    assert isinstance(raised.value, errors.ResponseTooLargeError)
    assert isinstance(raised.value, PushFrameError)
    with pytest.raises(PushFrameTooLargeError):
        decode_frame(gzip_frame({"op": "ping", "ts": 1, "pad": "x" * 200}), max_bytes=100)


def test_a_frame_exactly_at_the_cap_is_read() -> None:
    text = json.dumps({"op": "ping", "ts": 1, "pad": ""})
    text = text.replace('""', '"' + " " * (DEFAULT_MAX_FRAME_BYTES - len(text)) + '"')
    assert len(text) == DEFAULT_MAX_FRAME_BYTES
    assert decode_frame(gzip_frame(text)) == Ping(1)


@pytest.mark.parametrize(
    "data",
    [
        b'{"op":"ping","ts":1}',  # plain JSON in a binary frame
        b"",
        b"\x1f\x8b\x08\x00garbage",
        zlib.compress(b'{"op":"ping","ts":1}'),  # zlib, not gzip
    ],
)
def test_a_binary_frame_that_is_not_gzip_is_a_frame_error(data: bytes) -> None:
    with pytest.raises(PushFrameError, match="gzip"):
        decode_frame(data)


def test_gzip_cut_short_or_followed_by_bytes_is_a_frame_error() -> None:
    whole = gzip_frame({"op": "ping", "ts": 1})
    with pytest.raises(PushFrameError, match="cut short"):
        decode_frame(whole[:-6])
    with pytest.raises(PushFrameError, match="after the end"):
        decode_frame(whole + b"junk")


@pytest.mark.parametrize(
    "text",
    [
        '{"op":"ping","ts":1',
        "not json",
        '{"op":"ping","ts":NaN}',
        '{"op":"ping","ts":Infinity}',
        '{"op":"ping","op":"auth","ts":1}',  # a repeated key: which one counts is ambiguous
        "[" * 100_000 + "]" * 100_000,  # nesting deep enough to exhaust the recursion limit
    ],
)
def test_malformed_json_is_a_frame_error(text: str) -> None:
    with pytest.raises(PushFrameError, match="JSON"):
        decode_frame(gzip_frame(text))


def test_json_that_is_not_an_object_is_a_frame_error() -> None:
    for text in ("[]", "7", '"op"', "null"):
        with pytest.raises(PushFrameError, match="object"):
            decode_frame(gzip_frame(text))


def test_invalid_utf8_is_a_frame_error() -> None:
    with pytest.raises(PushFrameError):
        decode_frame(gzip.compress(b'{"op":"\xff\xfe","ts":1}'))


def test_a_text_frame_is_read_as_plain_json_within_the_cap() -> None:
    assert decode_frame('{"op":"ping","ts":"9"}') == Ping("9")
    with pytest.raises(PushFrameTooLargeError):
        decode_frame('{"op":"ping","ts":"9","pad":"' + "x" * 200 + '"}', max_bytes=100)


def test_the_frame_error_excerpt_hides_the_signature() -> None:
    text = '{"op":"auth","Signature=abc&AccessKeyId=k","err-code":"x"}'
    with pytest.raises(PushFrameError) as raised:
        decode_frame(gzip_frame(text))
    assert "abc" not in raised.value.body_excerpt


# -- liveness --------------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_no_ping_for_two_periods_is_a_dead_connection() -> None:
    clock = FakeClock()
    beat = Heartbeat(5.0, clock=clock)
    assert beat.deadline() == 110.0
    clock.now = 109.0
    assert not beat.is_dead()
    assert beat.time_left() == pytest.approx(1.0)
    beat.check()
    beat.ping_received()
    clock.now = 118.9
    assert not beat.is_dead()
    clock.now = 119.0
    assert beat.is_dead()
    assert beat.time_left() == 0.0
    with pytest.raises(PushConnectionDeadError, match="no ping") as raised:
        beat.check()
    assert isinstance(raised.value, errors.APITimeoutError)
    assert isinstance(raised.value, errors.APIConnectionError)


def test_the_period_is_settable_and_checked() -> None:
    clock = FakeClock()
    beat = Heartbeat(0.5, clock=clock)
    clock.now += 1.0
    assert beat.is_dead()
    for period in (0, -1, True, "5"):
        with pytest.raises(errors.InvalidRequestError, match="period"):
            Heartbeat(period, clock=clock)  # type: ignore[arg-type]


def test_importing_the_sdk_and_the_protocol_imports_no_websocket_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys, htx_swap, htx_swap._push.push_protocol, htx_swap._push.push_session\n"
        "loaded = {'websockets', 'wsproto'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert run.returncode == 0, run.stderr


# -- the session -----------------------------------------------------------------------------

URL = "wss://api.hbdm.com/swap-notification"
AUTH_OK = gzip_frame({"op": "auth", "type": "api", "err-code": 0, "ts": 1})
SUB_OK = gzip_frame({"op": "sub", "cid": "c", "topic": "orders.*", "err-code": 0, "ts": 2})


def _state(session: PushSession) -> SessionState:
    return session.state  # read afresh each time (no narrowing across calls)


def _session(clock: FakeClock, **options: object) -> PushSession:
    return PushSession(
        CREDENTIALS,
        url=URL,
        contract_code=None,
        clock=clock,
        wall_clock=lambda: 1796619600.0,
        cid="c",
        **options,  # type: ignore[arg-type]
    )


def test_the_session_authenticates_then_subscribes_then_streams() -> None:
    clock = FakeClock()
    session = _session(clock)
    [auth] = session.opening_frames()
    assert json.loads(auth)["Timestamp"] == "2026-12-07T05:00:00"
    assert _state(session) is SessionState.AUTHENTICATING
    answer = session.receive(AUTH_OK)
    assert answer == Received(send=(sub_frame(None, cid="c"),))
    assert _state(session) is SessionState.SUBSCRIBING
    assert session.receive(SUB_OK) == Received(subscribed=True)
    assert _state(session) is SessionState.STREAMING
    pushed = session.receive(gzip_frame(CANCEL_PUSH))
    assert pushed.update is not None
    assert pushed.update.order_id == BIG_ID
    ping = session.receive(gzip_frame({"op": "ping", "ts": "77"}))
    assert ping == Received(send=('{"op":"pong","ts":"77"}',))
    for quiet in ({"op": "error", "ts": 1}, {"op": "new-op"}, {"op": "notify", "topic": "x"}):
        assert session.receive(gzip_frame(quiet)) == Received()
    assert session.receive(gzip_frame({"op": "close", "ts": 9})) == Received()
    assert _state(session) is SessionState.CLOSED


def test_a_ping_before_the_auth_answer_is_answered_too() -> None:
    session = _session(FakeClock())
    session.opening_frames()
    assert session.receive(gzip_frame({"op": "ping", "ts": 5})).send == (pong_frame(5),)
    assert _state(session) is SessionState.AUTHENTICATING


def test_the_session_raises_a_refused_auth_or_sub() -> None:
    session = _session(FakeClock())
    session.opening_frames()
    with pytest.raises(PushAuthRefusedError) as refused:
        session.receive(gzip_frame({"op": "auth", "err-code": 2003, "err-msg": "no"}))
    assert not is_retryable(refused.value)
    session = _session(FakeClock())
    session.opening_frames()
    session.receive(AUTH_OK)
    with pytest.raises(PushSubscribeRefusedError) as sub_refused:
        session.receive(gzip_frame({"op": "sub", "topic": "orders.*", "err-code": 2011}))
    assert not is_retryable(sub_refused.value)


def test_no_answer_to_auth_or_sub_within_the_time_box() -> None:
    clock = FakeClock()
    session = _session(clock, answer_timeout=2.0)
    session.opening_frames()
    assert session.time_left() == 2.0
    clock.now += 1.0
    session.check()
    clock.now += 1.0
    with pytest.raises(PushAnswerTimeoutError, match="auth") as raised:
        session.check()
    assert is_retryable(raised.value)
    session = _session(clock, answer_timeout=2.0)
    session.opening_frames()
    session.receive(AUTH_OK)
    clock.now += 2.5
    with pytest.raises(PushAnswerTimeoutError, match="sub"):
        session.check()


def test_a_streaming_session_without_pings_is_dead() -> None:
    clock = FakeClock()
    session = _session(clock, heartbeat_period=5.0)
    session.opening_frames()
    session.receive(AUTH_OK)
    session.receive(SUB_OK)
    assert session.time_left() == 10.0
    clock.now += 6
    session.receive(gzip_frame({"op": "ping", "ts": 1}))
    clock.now += 9.9
    session.check()
    clock.now += 0.1
    with pytest.raises(PushConnectionDeadError) as raised:
        session.check()
    assert is_retryable(raised.value)


def test_the_session_refuses_bad_input_before_any_frame() -> None:
    with pytest.raises(errors.InvalidRequestError, match="contract_code"):
        PushSession(
            CREDENTIALS, url=URL, contract_code="BTC USD", clock=FakeClock(), wall_clock=FakeClock()
        )
    with pytest.raises(errors.InvalidRequestError, match="answer_timeout"):
        _session(FakeClock(), answer_timeout=0)


def test_a_bad_frame_propagates_and_is_retryable() -> None:
    session = _session(FakeClock())
    session.opening_frames()
    with pytest.raises(PushFrameError) as raised:
        session.receive(b"not gzip")
    assert is_retryable(raised.value)
    with pytest.raises(PushFrameTooLargeError):
        _session(FakeClock(), max_frame_bytes=64).receive(
            gzip_frame({"op": "ping", "ts": 1, "pad": "x" * 100})
        )
