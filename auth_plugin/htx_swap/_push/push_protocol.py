"""HTX's order-push WebSocket protocol as pure code: no sockets, no threads, no clock of its own.

Client frames are plain JSON text; every server frame is gzip-compressed JSON. This module
builds the client's frames (``auth_frame``, ``sub_frame``, ``unsub_frame``, the pong a ping
asks for), decodes the server's (``decode_frame``: gunzip capped after decompression, JSON with
exact integers and decimals, then one typed message per ``op``) and makes the liveness decision
(``Heartbeat``: no ping for two periods is a dead connection; the clock is passed in). Drivers
(sync, asyncio) move the bytes; they make no protocol decision of their own.

>>> from htx_swap._model.credentials import HtxCredentials
>>> frame = auth_frame(HtxCredentials("ak", "sk"), host="api.hbdm.com",
...                    path="/swap-notification", timestamp="2026-01-02T03:04:05")
>>> json.loads(frame)["Signature"]
'Lr0wX5Up7Cma1wnaXci21U3hYL0eFSr7oZfORWzSK/k='
>>> sub_frame("BTC-USD", cid="1")
'{"op":"sub","cid":"1","topic":"orders.BTC-USD"}'
>>> message = decode_frame(gzip.compress(b'{"op":"ping","ts":1492420473058}'))
>>> message, message.pong()
(Ping(ts=1492420473058), '{"op":"pong","ts":1492420473058}')
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from htx_swap._model.credentials import HtxCredentials
from htx_swap._model.errors import (
    APITimeoutError,
    AuthenticationError,
    HtxApiError,
    InvalidRequestError,
    ResponseParseError,
    ResponseTooLargeError,
)
from htx_swap._model.order_info import OrderStatus
from htx_swap._model.redaction import excerpt
from htx_swap._wire.signing import (
    SIGNATURE_METHOD,
    SIGNATURE_VERSION,
    canonical_query,
    format_timestamp,
    host_to_sign,
    sign_text,
    text_to_sign,
)
from htx_swap._wire.validation import validate_contract_code

__all__ = [
    "DEFAULT_MAX_FRAME_BYTES",
    "FUTURES_NOTIFICATION_PATH",
    "HEARTBEAT_PERIOD",
    "SWAP_NOTIFICATION_PATH",
    "AuthAnswer",
    "Heartbeat",
    "OrderUpdate",
    "OtherNotify",
    "Ping",
    "PushAnswerTimeoutError",
    "PushAuthRefusedError",
    "PushConnectionDeadError",
    "PushFrameError",
    "PushFrameTooLargeError",
    "PushSubscribeRefusedError",
    "ServerClose",
    "ServerErrorNotice",
    "ServerMessage",
    "SubAnswer",
    "UnknownMessage",
    "UnsubAnswer",
    "auth_frame",
    "auth_timestamp",
    "decode_frame",
    "gzip_frame",
    "loggable_frame",
    "orders_topic",
    "pong_frame",
    "push_url",
    "sub_frame",
    "unsub_frame",
]

SWAP_NOTIFICATION_PATH = "/swap-notification"  # coin-margined swaps
FUTURES_NOTIFICATION_PATH = "/notification"  # coin-margined delivery futures
HEARTBEAT_PERIOD = 5.0  # seconds: HTX pings about this often ("the frequency might change")
# An order push is one or two KiB once decompressed; a frame past this is refused unread.
DEFAULT_MAX_FRAME_BYTES = 1 << 20
_DEAD_AFTER_PERIODS = 2
_MAX_CID_CHARS = 64


# -- errors (all in the SDK's hierarchy) -----------------------------------------------------


class PushFrameError(ResponseParseError):
    """A server frame that is not gzip, not JSON, not an object, or not one of HTX's shapes
    (a field missing or of the wrong type). ``body_excerpt`` is a short, redacted excerpt."""


class PushFrameTooLargeError(PushFrameError, ResponseTooLargeError):
    """A server frame grew past ``max_bytes`` once decompressed (a gzip bomb); decompression
    stopped there, so memory stays bounded."""


class PushAuthRefusedError(AuthenticationError):
    """HTX refused the WebSocket auth (``err-code`` 2001-2040, e.g. 2002 bad signature,
    2003 a timestamp off). ``code`` is HTX's err-code. Not worth retrying unchanged."""


class PushSubscribeRefusedError(HtxApiError):
    """HTX refused a ``sub``/``unsub`` (e.g. 2011 contract doesn't exist, 2040 missing
    parameter). ``code`` is HTX's err-code; ``topic`` the topic asked for, if HTX said."""

    def __init__(self, message: str, *, code: int, topic: str | None) -> None:
        super().__init__(message, code=code)
        self.topic = topic


class PushAnswerTimeoutError(APITimeoutError):
    """HTX did not answer an ``auth`` or ``sub`` within its time box."""


class PushConnectionDeadError(APITimeoutError):
    """No ping from HTX for two heartbeat periods: the connection is dead, whatever the socket
    says. Pushes sent meanwhile may be lost (HTX replays nothing)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, may_have_reached=False)


# -- client frames ---------------------------------------------------------------------------


def _dumps(document: dict[str, object]) -> str:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


def push_url(base_url: str, path: str = SWAP_NOTIFICATION_PATH) -> str:
    """The notification URL for a client's ``base_url``: same host and port, ``https`` ->
    ``wss``, ``http`` -> ``ws`` (allowed for a loopback host only), the product's ``path``.

    >>> push_url("https://api.hbdm.com"), push_url("http://127.0.0.1:8080", "/notification")
    ('wss://api.hbdm.com/swap-notification', 'ws://127.0.0.1:8080/notification')
    """
    from htx_swap._clients.surface import check_base_url  # the client's own rules for base_url

    checked = check_base_url(base_url)
    if not path.startswith("/"):
        raise InvalidRequestError("path", f"{path!r} must start with '/'")
    scheme, rest = checked.split("://", 1)
    host = rest.split("/", 1)[0]
    return f"{'wss' if scheme == 'https' else 'ws'}://{host}{path}"


def _host_and_path(url: str) -> tuple[str, str]:
    import httpx  # the SDK's own URL parser, so the host is signed as REST signs it

    parsed = httpx.URL(url)
    return host_to_sign(parsed), parsed.raw_path.partition(b"?")[0].decode("ascii")


def auth_frame(
    credentials: HtxCredentials,
    *,
    timestamp: str,
    host: str | None = None,
    path: str | None = None,
    url: str | None = None,
) -> str:
    """The ``op: auth`` frame, signed as REST signs (signature v2, HmacSHA256) with method
    ``GET``, the notification host (lower case, with its port if the URL has one) and path.
    Give ``url`` (the notification URL) or ``host`` and ``path``. ``timestamp`` is HTX's
    ``YYYY-MM-DDThh:mm:ss`` in UTC (``format_timestamp(clock())``).

    The frame carries the access key and a signature, never the secret key; log it through
    ``loggable_frame``.
    """
    if url is not None:
        host, path = _host_and_path(url)
    if host is None or path is None:
        raise InvalidRequestError("url", "give the notification url, or host and path")
    params = [
        ("AccessKeyId", credentials.access_key),
        ("SignatureMethod", SIGNATURE_METHOD),
        ("SignatureVersion", SIGNATURE_VERSION),
        ("Timestamp", timestamp),
    ]
    text = text_to_sign("GET", host.lower(), path, canonical_query(params))
    signature = sign_text(credentials.secret_key, text)
    document: dict[str, object] = {"op": "auth", "type": "api", **dict(params)}
    document["Signature"] = signature
    return _dumps(document)


def auth_timestamp(epoch_seconds: float) -> str:
    """``Timestamp`` for ``auth_frame`` from POSIX seconds (the caller's clock, skew fixed).

    >>> auth_timestamp(1603872277.9)
    '2020-10-28T08:04:37'
    """
    return format_timestamp(epoch_seconds)


# The closing quote is optional (a frame cut short, or echoed cut, is masked too); the quotes
# may be escaped (an auth frame echoed inside a JSON string).
_SECRET_FIELDS = re.compile(r'(\\?"(?:Signature|AccessKeyId)\\?"\s*:\s*\\?")[^"\\]*(\\?"?)')


def loggable_frame(frame: str) -> str:
    """``frame`` with the values of ``Signature`` and ``AccessKeyId`` replaced by ``***``:
    what a frame log may show.

    >>> loggable_frame('{"op":"auth","AccessKeyId":"ak","Signature":"c2ln"}')
    '{"op":"auth","AccessKeyId":"***","Signature":"***"}'
    """
    return _SECRET_FIELDS.sub(r"\1***\2", frame)


def orders_topic(contract_code: str | None) -> str:
    """``orders.<contract_code>``, or ``orders.*`` for every contract (None).

    >>> orders_topic("BTC-USD"), orders_topic(None)
    ('orders.BTC-USD', 'orders.*')
    """
    if contract_code is None:
        return "orders.*"
    return f"orders.{validate_contract_code(contract_code)}"


def _check_cid(cid: str) -> str:
    if not isinstance(cid, str) or not cid or len(cid) > _MAX_CID_CHARS or not cid.isprintable():
        raise InvalidRequestError(
            "cid", f"must be a printable string of 1 to {_MAX_CID_CHARS} characters"
        )
    return cid


def sub_frame(contract_code: str | None, *, cid: str) -> str:
    """The ``op: sub`` frame for the order pushes of ``contract_code`` (None: ``orders.*``).
    ``cid`` is echoed in HTX's answer; bad input raises ``InvalidRequestError`` naming it."""
    topic = orders_topic(contract_code)
    return _dumps({"op": "sub", "cid": _check_cid(cid), "topic": topic})


def unsub_frame(contract_code: str | None, *, cid: str) -> str:
    """The ``op: unsub`` frame matching ``sub_frame``.

    >>> unsub_frame(None, cid="7")
    '{"op":"unsub","cid":"7","topic":"orders.*"}'
    """
    topic = orders_topic(contract_code)
    return _dumps({"op": "unsub", "cid": _check_cid(cid), "topic": topic})


def pong_frame(ts: int | str) -> str:
    """The answer to ``{"op":"ping","ts":…}``: the same ``ts``, of the same JSON type.

    >>> pong_frame("1492420473058"), pong_frame(1492420473058)
    ('{"op":"pong","ts":"1492420473058"}', '{"op":"pong","ts":1492420473058}')
    """
    return _dumps({"op": "pong", "ts": ts})


# -- server messages -------------------------------------------------------------------------


@attrs.frozen
class Ping:
    """``op: ping``: answer ``pong()`` at once, or HTX disconnects after 5 misses."""

    ts: int | str

    def pong(self) -> str:
        """The frame to send back."""
        return pong_frame(self.ts)


@attrs.frozen
class AuthAnswer:
    """``op: auth``: ``err_code`` 0 when accepted."""

    err_code: int
    err_msg: str | None
    ts: int | None

    @property
    def ok(self) -> bool:
        """Whether HTX accepted the auth."""
        return self.err_code == 0

    def raise_for_refusal(self) -> None:
        """``PushAuthRefusedError`` unless HTX accepted the auth."""
        if not self.ok:
            raise PushAuthRefusedError(
                f"WebSocket auth refused: {self.err_msg or 'no message'}", code=self.err_code
            )


@attrs.frozen
class SubAnswer:
    """``op: sub``: ``err_code`` 0 when subscribed."""

    topic: str | None
    cid: str | None
    err_code: int
    err_msg: str | None
    ts: int | None

    @property
    def ok(self) -> bool:
        """Whether HTX accepted the subscription."""
        return self.err_code == 0

    def raise_for_refusal(self) -> None:
        """``PushSubscribeRefusedError`` unless HTX accepted it."""
        if not self.ok:
            raise PushSubscribeRefusedError(
                f"subscription to {self.topic or '(topic not echoed)'} refused: "
                f"{self.err_msg or 'no message'}",
                code=self.err_code,
                topic=self.topic,
            )


@attrs.frozen
class UnsubAnswer(SubAnswer):
    """``op: unsub``, shaped as the ``sub`` answer (HTX shows no example: presumably)."""


@attrs.frozen
class OrderUpdate:
    """One order push (``op: notify`` on an ``orders.*`` topic). ``order_id`` is exact (from
    ``order_id_str``); volumes are ``Decimal``; ``ts`` is HTX's push time (epoch ms);
    ``canceled_at`` None while not cancelled (HTX sends 0); ``status_code`` HTX's raw code
    (kept when ``status`` is ``UNKNOWN``)."""

    order_id: str
    client_order_id: str | None
    contract_code: str
    status: OrderStatus
    trade_volume: Decimal
    volume: Decimal
    canceled_source: str | None
    ts: int
    canceled_at: int | None = None
    status_code: int = attrs.field()

    @status_code.default
    def _status_code_of_status(self) -> int:
        return int(self.status)

    @property
    def is_final(self) -> bool:
        """Whether the order can no longer change (status 5, 6, 7 or 10)."""
        return self.status.is_final


@attrs.frozen
class OtherNotify:
    """``op: notify`` on a topic other than orders (accounts, positions…): not decoded."""

    topic: str
    ts: int | None


@attrs.frozen
class ServerClose:
    """``op: close``: HTX is about to disconnect."""

    ts: int | None


@attrs.frozen
class ServerErrorNotice:
    """``op: error``: HTX met an error or an op it does not know; the connection stays."""

    ts: int | None
    err_code: int | None
    err_msg: str | None


@attrs.frozen
class UnknownMessage:
    """A well-formed message with an ``op`` this SDK does not know (ignore it, or log it)."""

    op: str
    ts: int | None


ServerMessage = (
    Ping
    | AuthAnswer
    | SubAnswer
    | UnsubAnswer
    | OrderUpdate
    | OtherNotify
    | ServerClose
    | ServerErrorNotice
    | UnknownMessage
)


def _excerpt(raw: bytes) -> str:
    """A short excerpt of a server frame, redacted: the access key and signature of an auth
    frame it echoes are masked too (``excerpt`` knows only their query-string form)."""
    return excerpt(loggable_frame(raw.decode("utf-8", "replace")).encode("utf-8"))


def _frame_error(problem: str, raw: bytes = b"") -> PushFrameError:
    return PushFrameError(f"order push frame: {problem}", body_excerpt=_excerpt(raw))


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """``data`` decompressed (one gzip member), at most ``max_bytes`` of it."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip only
    try:
        plain = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise _frame_error(f"not gzip ({exc})", data) from None
    if len(plain) > max_bytes:
        raise PushFrameTooLargeError(
            f"order push frame: more than {max_bytes} bytes once decompressed; not read further"
        )
    if not inflater.eof:
        raise _frame_error("gzip data cut short", data)
    if inflater.unused_data:
        raise _frame_error("bytes after the end of the gzip data", data)
    return plain


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    document = dict(pairs)
    if len(document) != len(pairs):
        raise ValueError("a key is repeated")
    return document


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _parse_json(text: bytes) -> dict[str, Any]:
    try:
        document = json.loads(
            text,
            parse_float=Decimal,  # exact decimals; integers stay exact ints in any case
            parse_constant=_no_constant,
            object_pairs_hook=_unique_keys,
        )
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError too
        raise _frame_error(f"not JSON ({exc})", text) from None
    if not isinstance(document, dict):
        raise _frame_error("not a JSON object", text)
    return document


_INTEGER_TEXT = re.compile(r"-?[0-9]{1,30}")  # an epoch-ms time or a code: 30 digits is plenty


def _int_or_none(document: dict[str, Any], name: str) -> int | None:
    value = document.get(name)
    if value is None:
        return None
    if isinstance(value, bool):
        raise _frame_error(f"{name} is not an integer: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INTEGER_TEXT.fullmatch(value):
        return int(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    raise _frame_error(f"{name} is not an integer: {value!r}")


def _required_int(document: dict[str, Any], name: str) -> int:
    value = _int_or_none(document, name)
    if value is None:
        raise _frame_error(f"{name} is missing")
    return value


def _str_or_none(document: dict[str, Any], name: str) -> str | None:
    value = document.get(name)
    if value is None or isinstance(value, str):
        return value
    raise _frame_error(f"{name} is not a string: {value!r}")


def _decimal(document: dict[str, Any], name: str) -> Decimal:
    value = document.get(name)
    if isinstance(value, bool) or value is None:
        raise _frame_error(f"{name} is missing or not a number: {value!r}")
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, str):
        try:
            number = Decimal(value)
        except ArithmeticError:
            number = Decimal("NaN")
        if number.is_finite():
            return number
    raise _frame_error(f"{name} is not a number: {value!r}")


def _id_text(value: object, name: str) -> str | None:
    """An id as exact decimal text: from a JSON integer or a string of digits."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    if isinstance(value, str) and value.isascii() and value.isdigit() and value[0] != "0":
        return value
    # A float / exponent form has lost digits above 2**53: never trusted as an id.
    raise _frame_error(f"{name} is not an exact positive integer: {value!r}")


def _order_id(document: dict[str, Any]) -> str:
    text = _id_text(document.get("order_id_str"), "order_id_str")
    number = _id_text(document.get("order_id"), "order_id") if text is None else None
    if text is None and number is None:
        raise _frame_error("order_id_str (and order_id) missing")
    number_too = document.get("order_id")
    if text is not None and isinstance(number_too, int) and str(number_too) != text:
        raise _frame_error(f"order_id {number_too} and order_id_str {text} disagree")
    return text if text is not None else str(number)


def _order_update(document: dict[str, Any]) -> OrderUpdate:
    contract_code = _str_or_none(document, "contract_code")
    if not contract_code:
        raise _frame_error("contract_code is missing")
    status_code = _required_int(document, "status")
    canceled_at = _int_or_none(document, "canceled_at")
    return OrderUpdate(
        order_id=_order_id(document),
        client_order_id=_id_text(document.get("client_order_id"), "client_order_id"),
        contract_code=contract_code.upper(),
        status=OrderStatus.of(status_code),
        trade_volume=_decimal(document, "trade_volume"),
        volume=_decimal(document, "volume"),
        canceled_source=_str_or_none(document, "canceled_source"),
        ts=_required_int(document, "ts"),
        canceled_at=canceled_at or None,
        status_code=status_code,
    )


def _ping(document: dict[str, Any]) -> Ping:
    ts = document.get("ts")
    if isinstance(ts, bool) or not isinstance(ts, int | str):
        raise _frame_error(f"ping without a ts to echo: {ts!r}")
    return Ping(ts)


def _answer(document: dict[str, Any]) -> tuple[int, str | None, int | None]:
    if "err-code" not in document:
        raise _frame_error(f"{document.get('op')} answer without err-code")
    return (
        _required_int(document, "err-code"),
        _str_or_none(document, "err-msg"),
        _int_or_none(document, "ts"),
    )


def _sub_answer(document: dict[str, Any], kind: type[SubAnswer]) -> SubAnswer:
    code, message, ts = _answer(document)
    cid = document.get("cid")
    cid_text = None if cid is None else str(cid)  # echoed as sent; HTX may turn it into a number
    return kind(_str_or_none(document, "topic"), cid_text, code, message, ts)


def _notify(document: dict[str, Any]) -> OrderUpdate | OtherNotify:
    topic = _str_or_none(document, "topic")
    if topic is None:
        raise _frame_error("notify without a topic")
    if topic.lower().startswith("orders."):
        return _order_update(document)
    return OtherNotify(topic, _int_or_none(document, "ts"))


def _auth(document: dict[str, Any]) -> AuthAnswer:
    return AuthAnswer(*_answer(document))


def _error(document: dict[str, Any]) -> ServerErrorNotice:
    return ServerErrorNotice(
        _int_or_none(document, "ts"),
        _int_or_none(document, "err-code"),
        _str_or_none(document, "err-msg"),
    )


_BY_OP: dict[str, Callable[[dict[str, Any]], ServerMessage]] = {
    "ping": _ping,
    "auth": _auth,
    "sub": lambda document: _sub_answer(document, SubAnswer),
    "unsub": lambda document: _sub_answer(document, UnsubAnswer),
    "notify": _notify,
    "close": lambda document: ServerClose(_int_or_none(document, "ts")),
    "error": _error,
}


def decode_frame(
    data: bytes | bytearray | memoryview | str, *, max_bytes: int = DEFAULT_MAX_FRAME_BYTES
) -> ServerMessage:
    """One server frame as a typed message.

    Binary frames are gunzipped, at most ``max_bytes`` of them (``PushFrameTooLargeError``
    beyond: a gzip bomb costs ``max_bytes`` of memory, no more); a text frame (HTX's docs say
    there are none) is read as JSON of at most ``max_bytes``. Not gzip, not JSON, not an
    object, or a known ``op`` without its fields: ``PushFrameError``. An ``op`` this SDK does
    not know is an ``UnknownMessage``, not an error.
    """
    if isinstance(data, str):
        raw = data.encode("utf-8", "surrogatepass")
        if len(raw) > max_bytes:
            raise PushFrameTooLargeError(f"order push frame: more than {max_bytes} bytes")
        plain = raw
    else:
        plain = _gunzip(bytes(data), max_bytes)
    document = _parse_json(plain)
    op = document.get("op")
    if not isinstance(op, str):
        raise _frame_error(f"no op in the frame: {op!r}", plain)
    decode = _BY_OP.get(op)
    if decode is None:
        return UnknownMessage(op, _int_or_none(document, "ts"))
    try:
        return decode(document)
    except PushFrameError as exc:
        raise PushFrameError(exc.full_message, body_excerpt=_excerpt(plain)) from None


def gzip_frame(document: Mapping[str, object] | str) -> bytes:
    """A frame as HTX sends it (gzip of compact JSON): for tests and local servers.

    >>> decode_frame(gzip_frame({"op": "close", "ts": 1}))
    ServerClose(ts=1)
    """
    text = document if isinstance(document, str) else _dumps(dict(document))
    return gzip.compress(text.encode("utf-8"), mtime=0)


# -- liveness --------------------------------------------------------------------------------


class Heartbeat:
    """Whether the server still pings. ``clock`` is monotonic seconds (injected); the count
    starts when the object is made (the connection opened). Dead when no ping came for
    ``2 * period`` seconds.

    >>> now = [0.0]
    >>> beat = Heartbeat(5.0, clock=lambda: now[0])
    >>> now[0] = 9.9; beat.is_dead(), beat.time_left()
    (False, 0.09999999999999964)
    >>> beat.ping_received(); now[0] = 19.0; beat.is_dead()
    False
    >>> now[0] = 19.95; beat.is_dead()
    True
    """

    __slots__ = ("_clock", "_last", "period")

    def __init__(self, period: float = HEARTBEAT_PERIOD, *, clock: Callable[[], float]) -> None:
        if isinstance(period, bool) or not isinstance(period, int | float) or not period > 0:
            raise InvalidRequestError("period", f"must be seconds > 0, got {period!r}")
        self.period = float(period)
        self._clock = clock
        self._last = clock()

    def ping_received(self) -> None:
        """Note a ping (call for every ``Ping``)."""
        self._last = self._clock()

    def deadline(self) -> float:
        """The clock reading by which the next ping must have come."""
        return self._last + _DEAD_AFTER_PERIODS * self.period

    def time_left(self) -> float:
        """Seconds until the connection counts as dead (0 once it does): the longest a driver
        may wait for the next frame."""
        return max(0.0, self.deadline() - self._clock())

    def is_dead(self) -> bool:
        """Whether two periods passed without a ping."""
        return self._clock() >= self.deadline()

    def check(self) -> None:
        """``PushConnectionDeadError`` when the connection is dead."""
        if self.is_dead():
            silent = self._clock() - self._last
            raise PushConnectionDeadError(
                f"no ping from the server for {silent:.1f} s "
                f"(HTX pings every {self.period:g} s): the connection is dead"
            )
