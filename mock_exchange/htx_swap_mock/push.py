"""HTX's order-push WebSocket on the exchange's own host and port: ``/swap-notification``
(coin-margined swaps) and ``/notification`` (coin-margined futures), as raw ASGI.

Every server frame is gzip-compressed JSON, as on HTX. A client authenticates with
``{"op":"auth","type":"api",AccessKeyId,SignatureMethod,SignatureVersion,Timestamp,Signature}``
(checked by the exchange's own signer, ``verify``: method ``GET``, the Host header and the
path), subscribes to ``orders.<contract_code>`` or ``orders.*``, and answers each
``{"op":"ping","ts":"…"}`` with ``{"op":"pong","ts":"…"}``. The exchange pings every
``ping_interval`` seconds (5) and drops a client that left ``max_missed_pings`` (5) pings
unanswered.

Pushes come from the order books REST serves: every order placed and every change of an
order's state or trade volume (a cancel accepted, a cancel taking effect at its time, a fill,
a move by hand) is pushed to each authenticated connection subscribed to its contract, in the
order of the changes. Faults (``PushHub``'s attributes and methods, or the admin API under
``/_mock/push``): refuse auth, stop pinging, delay / duplicate / reorder pushes, drop every
connection, send a malformed or oversized frame.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gzip
import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar
from urllib.parse import quote

from htx_swap_mock.asgi import CloseConnection, Receive, Reply, Scope, Send
from htx_swap_mock.bodies import dumps, encode_exact, gzip_bomb_body
from htx_swap_mock.order_view import order_info_fields
from htx_swap_mock.orders import Order, OrderBook, OrderState
from htx_swap_mock.verify import AUTH_PARAMETERS, AuthFailure, verify_request

__all__ = [
    "DEFAULT_MAX_MISSED_PINGS",
    "DEFAULT_PING_INTERVAL",
    "FUTURES_NOTIFICATION_PATH",
    "MALFORMED_KINDS",
    "PUSH_ADMIN_ROUTES",
    "SWAP_NOTIFICATION_PATH",
    "PushConnectionInfo",
    "PushHub",
    "serve_push",
]

SWAP_NOTIFICATION_PATH = "/swap-notification"
FUTURES_NOTIFICATION_PATH = "/notification"
NOTIFICATION_PATHS = frozenset({SWAP_NOTIFICATION_PATH, FUTURES_NOTIFICATION_PATH})
DEFAULT_PING_INTERVAL = 5.0
DEFAULT_MAX_MISSED_PINGS = 5
MALFORMED_KINDS = ("not_gzip", "bad_json", "oversized")
DEFAULT_OVERSIZED_BYTES = 64 << 20  # what an oversized frame decompresses to
REORDER_HOLD = 0.2  # seconds a push is held, waiting for the next one to overtake it
_ACTION_TIMEOUT = 5.0
_UID = "573242943"
_T = TypeVar("_T")

# HTX's err-codes for the notification endpoints (its appendix "Response code").
AUTH_REQUIRED = 2002
AUTH_FAILED = 2003
ALREADY_AUTHENTICATED = 2005
TOPIC_ERROR = 2010
NOT_SUBSCRIBED = 2012
AUTH_TYPE_UNKNOWN = 2013
REPEATED_SUBSCRIPTION = 2014
MISSING_PARAMETER = 2040
_MESSAGES = {
    AUTH_REQUIRED: "Authentication required.",
    AUTH_FAILED: "Verification failure [校验失败]",
    ALREADY_AUTHENTICATED: "Connection has been authenticated.",
    TOPIC_ERROR: "Topic error.",
    NOT_SUBSCRIBED: "Topic not subscribed.",
    AUTH_TYPE_UNKNOWN: "Authentication type doesn't exist.",
    REPEATED_SUBSCRIPTION: "Repeated subscription.",
    MISSING_PARAMETER: "Missing required parameter.",
}


def _gzip(document: Mapping[str, object] | str) -> bytes:
    text = document if isinstance(document, str) else dumps(document).decode("utf-8")
    return gzip.compress(text.encode("utf-8"), compresslevel=1, mtime=0)


def push_document(order: Order, ts_ms: int) -> str:
    """The ``orders.<contract>`` push of ``order`` as HTX's JSON text (exact ids, decimals)."""
    fields: dict[str, Any] = order_info_fields(order)
    cancelled = order.state in {OrderState.CANCELLED, OrderState.PARTIALLY_CANCELLED}
    document: dict[str, Any] = {
        "op": "notify",
        "topic": f"orders.{order.contract_code.lower()}",
        "ts": ts_ms,
        "uid": _UID,
        **fields,
        "order_type": 2 if cancelled else 1,
        "trade": [],
        "canceled_source": "api" if cancelled else None,
    }
    return encode_exact(document)


def _topic_matches(topic: str, contract_code: str) -> bool:
    """``orders.*``, ``orders.<contract>`` or ``orders.<symbol>`` (futures), any case."""
    wanted = topic.lower().removeprefix("orders.")
    code = contract_code.lower()
    return wanted in {"*", code, code.split("-", 1)[0]}


@dataclass(frozen=True)
class PushConnectionInfo:
    """One connected client, as ``PushHub.connections()`` shows it."""

    path: str
    client: tuple[str, int] | None
    authenticated: bool
    access_key: str | None
    topics: tuple[str, ...]
    pings_sent: int
    pongs_received: int
    pushes_sent: int


@dataclass(eq=False)  # each connection is itself, kept in a set
class _Connection:
    hub: PushHub
    scope: Scope
    path: str
    queue: asyncio.Queue[bytes | None] = field(default_factory=asyncio.Queue)
    authenticated: bool = False
    access_key: str | None = None
    topics: set[str] = field(default_factory=set)
    outstanding: set[str] = field(default_factory=set)  # ts of pings not yet answered
    pings_sent: int = 0
    pongs_received: int = 0
    pushes_sent: int = 0
    held: bytes | None = None
    held_timer: asyncio.TimerHandle | None = None

    def info(self) -> PushConnectionInfo:
        client = self.scope.get("client")
        return PushConnectionInfo(
            self.path,
            None if client is None else (str(client[0]), int(client[1])),
            self.authenticated,
            self.access_key,
            tuple(sorted(self.topics)),
            self.pings_sent,
            self.pongs_received,
            self.pushes_sent,
        )

    def put(self, frame: bytes | None) -> None:
        self.queue.put_nowait(frame)

    def wants(self, contract_code: str) -> bool:
        return self.authenticated and any(_topic_matches(t, contract_code) for t in self.topics)

    def push(self, frame: bytes, loop: asyncio.AbstractEventLoop) -> None:
        """Send an order push, as the push faults say (on the server loop)."""
        hub = self.hub
        copies = 2 if hub.duplicate else 1
        if hub.delay > 0:
            for _ in range(copies):
                loop.call_later(hub.delay, self._count_and_put, frame)
            return
        if hub.reorder:
            self._reorder(frame, loop)
            return
        for _ in range(copies):
            self._count_and_put(frame)

    def _count_and_put(self, frame: bytes) -> None:
        self.pushes_sent += 1
        self.put(frame)

    def _reorder(self, frame: bytes, loop: asyncio.AbstractEventLoop) -> None:
        held = self.held
        if held is None:
            self.held = frame
            self.held_timer = loop.call_later(REORDER_HOLD, self._release)
            return
        if self.held_timer is not None:
            self.held_timer.cancel()
        self.held = self.held_timer = None
        self._count_and_put(frame)  # the later change overtakes the earlier one
        self._count_and_put(held)

    def _release(self) -> None:
        held, self.held, self.held_timer = self.held, None, None
        if held is not None:
            self._count_and_put(held)


class PushHub:
    """The order-push side of one exchange: its connections, settings and faults.

    Settings and fault switches are plain attributes, read at each use (set them from any
    thread): ``ping_interval`` (seconds, 5), ``max_missed_pings`` (5), ``stop_pinging``,
    ``delay`` (seconds added before each push), ``duplicate`` (each push sent twice),
    ``reorder`` (each push held until the next one overtakes it, at most ``REORDER_HOLD``
    seconds), ``refuse_auth`` (an err-code such as 2003 to refuse every auth with, or None).
    Actions (``drop_connections``, ``send_malformed``) run on the server's loop and return the
    number of connections they reached.
    """

    def __init__(self, clock_ms: Callable[[], int], clock: Callable[[], float]) -> None:
        self._clock_ms = clock_ms
        self._clock = clock
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._close_connection: CloseConnection | None = None
        self._connections: set[_Connection] = set()
        self._lock = threading.Lock()
        self._books: list[tuple[OrderBook, str]] = []
        self.reset()

    def reset(self) -> None:
        """Settings and faults back to HTX's defaults (connections stay)."""
        self.ping_interval = DEFAULT_PING_INTERVAL
        self.max_missed_pings = DEFAULT_MAX_MISSED_PINGS
        self.stop_pinging = False
        self.delay = 0.0
        self.duplicate = False
        self.reorder = False
        self.refuse_auth: int | None = None

    # -- wiring ---------------------------------------------------------------------------

    def watch(self, book: OrderBook, path: str) -> None:
        """Push the changes of ``book``'s orders to the clients of ``path``."""
        self._books.append((book, path))
        book.add_listener(lambda order: self._changed(book, path, order))

    def attach(self, loop: asyncio.AbstractEventLoop, close_connection: CloseConnection) -> None:
        """Serve on ``loop`` (the server's; call on it). ``close_connection`` aborts a
        connection (the ``drop`` fault)."""
        if self._loop is not loop:
            self._loop, self._loop_thread = loop, threading.get_ident()
            self._close_connection = close_connection

    def _changed(self, book: OrderBook, path: str, order: Order) -> None:
        """A book listener: note the change on the server loop (any thread, book locked)."""
        loop = self._loop
        if loop is None or loop.is_closed():
            return
        if threading.get_ident() == self._loop_thread:
            loop.call_soon(self._publish, book, path, order)
        else:
            with contextlib.suppress(RuntimeError):  # the loop closed in between
                loop.call_soon_threadsafe(self._publish, book, path, order)

    def _publish(self, book: OrderBook, path: str, order: Order) -> None:
        loop = self._loop
        assert loop is not None
        if order.pending is not None:  # a delayed cancel: read the order again when it is due
            wait = max(0.0, order.pending.effective_at - self._clock())
            loop.call_later(wait, book.get, order.contract_code, order.order_id)
        frame: bytes | None = None
        for connection in list(self._connections):
            if connection.path == path and connection.wants(order.contract_code):
                frame = frame or _gzip(push_document(order, self._clock_ms()))
                connection.push(frame, loop)

    # -- actions (thread-safe) ------------------------------------------------------------

    def _on_loop(self, action: Callable[[], _T]) -> _T | None:
        loop = self._loop
        if loop is None or loop.is_closed():
            return None
        if threading.get_ident() == self._loop_thread:
            return action()
        future: concurrent.futures.Future[_T] = concurrent.futures.Future()

        def run() -> None:
            try:
                future.set_result(action())
            except BaseException as exc:  # handed to the caller's thread
                future.set_exception(exc)

        loop.call_soon_threadsafe(run)
        return future.result(_ACTION_TIMEOUT)

    def connections(self) -> list[PushConnectionInfo]:
        """The clients connected now."""
        return self._on_loop(lambda: [c.info() for c in self._connections]) or []

    def drop_connections(self) -> int:
        """Abort every connection: no close frame, the TCP connection just goes."""

        def drop() -> int:
            for connection in list(self._connections):
                closer = self._close_connection
                if closer is None or not closer(connection.scope, True):
                    connection.put(None)
            return len(self._connections)

        return self._on_loop(drop) or 0

    def send_malformed(self, kind: str = "not_gzip", size: int = DEFAULT_OVERSIZED_BYTES) -> int:
        """Send every connection a bad frame: ``not_gzip`` (plain JSON in a binary frame),
        ``bad_json`` (gzip of text that is not JSON) or ``oversized`` (gzip that decompresses
        to ``size`` bytes: a gzip bomb)."""
        if kind not in MALFORMED_KINDS:
            raise ValueError(f"kind must be one of {', '.join(MALFORMED_KINDS)}, got {kind!r}")
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(f"size must be a whole number of bytes >= 1, got {size!r}")

        def send() -> int:
            ping = dumps({"op": "ping", "ts": str(self._clock_ms())})
            frames = {
                "not_gzip": lambda: ping,
                "bad_json": lambda: _gzip('{"op":"notify","topic":"orders.btc-usd",'),
                "oversized": lambda: gzip_bomb_body(ping[:-1] + b',"pad":"', size),
            }
            frame = frames[kind]()
            for connection in self._connections:
                connection.put(frame)
            return len(self._connections)

        return self._on_loop(send) or 0

    def state_json(self) -> dict[str, object]:
        """Settings, faults and connections, for the admin API."""
        return {
            "ping_interval": self.ping_interval,
            "max_missed_pings": self.max_missed_pings,
            "stop_pinging": self.stop_pinging,
            "delay": self.delay,
            "duplicate": self.duplicate,
            "reorder": self.reorder,
            "refuse_auth": self.refuse_auth,
            "connections": [
                {
                    "path": info.path,
                    "authenticated": info.authenticated,
                    "access_key": info.access_key,
                    "topics": list(info.topics),
                    "pings_sent": info.pings_sent,
                    "pongs_received": info.pongs_received,
                    "pushes_sent": info.pushes_sent,
                }
                for info in self.connections()
            ],
        }

    # -- one connection -------------------------------------------------------------------

    def _answer(self, op: str, code: int, **extra: object) -> bytes:
        document: dict[str, object] = {"op": op, **extra, "ts": self._clock_ms(), "err-code": code}
        if code:
            document["err-msg"] = _MESSAGES.get(code, "Refused.")
        return _gzip(document)


def _auth_code(
    frame: Mapping[str, Any], scope: Scope, credentials: Mapping[str, str], now: float, tol: float
) -> tuple[int, str | None]:
    """HTX's err-code for an auth frame (0: accepted) and the access key it named."""
    if frame.get("type") != "api":
        return (MISSING_PARAMETER if "type" not in frame else AUTH_TYPE_UNKNOWN), None
    values = {name: frame.get(name) for name in AUTH_PARAMETERS}
    if not all(isinstance(value, str) and value for value in values.values()):
        return MISSING_PARAMETER, None
    raw_query = "&".join(f"{quote(name)}={quote(str(v), safe='')}" for name, v in values.items())
    headers = scope.get("headers", [])
    host = next((v.decode("latin-1") for k, v in headers if k.lower() == b"host"), "")
    verdict = verify_request(
        method="GET",
        host=host,
        path=scope["path"],
        raw_query=raw_query,
        secrets=credentials,
        now=now,
        tolerance=tol,
    )
    if verdict.failure is AuthFailure.MISSING_PARAMETER:
        return MISSING_PARAMETER, verdict.access_key
    return (0 if verdict.ok else AUTH_FAILED), verdict.access_key


class _Session:
    """What one connection's client frames do."""

    def __init__(
        self,
        hub: PushHub,
        connection: _Connection,
        credentials: Mapping[str, str],
        now: Callable[[], float],
        tolerance: Callable[[], float],
    ) -> None:
        self.hub, self.connection = hub, connection
        self.credentials, self.now, self.tolerance = credentials, now, tolerance
        self.closing = False

    def handle(self, text: str) -> None:
        try:
            frame = json.loads(text, parse_float=Decimal)
        except ValueError:
            frame = None
        op = frame.get("op") if isinstance(frame, dict) else None
        if not isinstance(frame, dict) or op not in {"auth", "sub", "unsub", "pong", "ping"}:
            # HTX: "request data out from Operator List": op error, the connection stays.
            self.connection.put(_gzip({"op": "error", "ts": self.hub._clock_ms()}))
            return
        getattr(self, f"_on_{op}")(frame)

    def _on_auth(self, frame: dict[str, Any]) -> None:
        hub, connection = self.hub, self.connection
        if connection.authenticated:
            connection.put(hub._answer("auth", ALREADY_AUTHENTICATED, type="api"))
            return
        code, key = _auth_code(
            frame, connection.scope, self.credentials, self.now(), self.tolerance()
        )
        if code == 0 and hub.refuse_auth is not None:
            code = hub.refuse_auth
        if code:
            # HTX disconnects on an error while connecting and authenticating, after op close.
            connection.put(hub._answer("auth", code, type="api"))
            connection.put(_gzip({"op": "close", "ts": hub._clock_ms()}))
            self.closing = True
            return
        connection.authenticated, connection.access_key = True, key
        connection.put(hub._answer("auth", 0, type="api", data={"user-id": _UID}))

    def _on_sub(self, frame: dict[str, Any]) -> None:
        self._subscription(frame, subscribe=True)

    def _on_unsub(self, frame: dict[str, Any]) -> None:
        self._subscription(frame, subscribe=False)

    def _subscription(self, frame: dict[str, Any], *, subscribe: bool) -> None:
        hub, connection = self.hub, self.connection
        op = "sub" if subscribe else "unsub"
        echo: dict[str, object] = {} if frame.get("cid") is None else {"cid": frame["cid"]}
        topic = frame.get("topic")
        if isinstance(topic, str):
            echo["topic"] = topic
        if not connection.authenticated:
            code = AUTH_REQUIRED
        elif not isinstance(topic, str) or not topic:
            code = MISSING_PARAMETER
        elif not topic.lower().startswith("orders.") or topic.lower() == "orders.":
            code = TOPIC_ERROR
        elif subscribe:
            code = REPEATED_SUBSCRIPTION if topic.lower() in connection.topics else 0
            connection.topics.add(topic.lower())
        else:
            code = 0 if topic.lower() in connection.topics else NOT_SUBSCRIBED
            connection.topics.discard(topic.lower())
        connection.put(hub._answer(op, code, **echo))

    def _on_pong(self, frame: dict[str, Any]) -> None:
        self.connection.pongs_received += 1
        self.connection.outstanding.discard(str(frame.get("ts")))

    def _on_ping(self, frame: dict[str, Any]) -> None:
        # Not documented for the order endpoints; answered as a courtesy, like HTX's pong.
        self.connection.put(_gzip({"op": "pong", "ts": frame.get("ts")}))


async def _write(connection: _Connection, send: Send) -> None:
    while (frame := await connection.queue.get()) is not None:
        await send({"type": "websocket.send", "bytes": frame})


async def _ping(hub: PushHub, connection: _Connection) -> None:
    """Ping every ``ping_interval``; end (dropping the client) after too many misses."""
    while True:
        await asyncio.sleep(hub.ping_interval)
        if hub.stop_pinging:
            continue
        if len(connection.outstanding) >= hub.max_missed_pings:
            return
        ts = str(hub._clock_ms())
        connection.outstanding.add(ts)
        connection.pings_sent += 1
        connection.put(_gzip({"op": "ping", "ts": ts}))


async def serve_push(
    hub: PushHub,
    scope: Scope,
    receive: Receive,
    send: Send,
    *,
    credentials: Mapping[str, str],
    now: Callable[[], float],
    tolerance: Callable[[], float],
) -> None:
    """Serve one WebSocket connection (an ASGI ``websocket`` scope)."""
    if (await receive())["type"] != "websocket.connect":
        return
    path = scope["path"]
    if path not in NOTIFICATION_PATHS:
        await send({"type": "websocket.close", "code": 1008})  # a 403 to the handshake
        return
    await send({"type": "websocket.accept"})
    connection = _Connection(hub, scope, path)
    session = _Session(hub, connection, credentials, now, tolerance)
    hub._connections.add(connection)
    writer = asyncio.ensure_future(_write(connection, send))
    pinger = asyncio.ensure_future(_ping(hub, connection))
    reader = asyncio.ensure_future(_read(session, receive))
    try:
        await asyncio.wait({writer, pinger, reader}, return_when=asyncio.FIRST_COMPLETED)
        if not reader.done():  # the exchange ends it: flush what is queued, then close
            connection.put(None)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer, _ACTION_TIMEOUT)
                await send({"type": "websocket.close", "code": 1000})
    finally:
        hub._connections.discard(connection)
        for task in (writer, pinger, reader):
            task.cancel()
        await asyncio.gather(writer, pinger, reader, return_exceptions=True)


async def _read(session: _Session, receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] == "websocket.disconnect":
            return
        text = message.get("text")
        if text is None:
            text = bytes(message.get("bytes") or b"").decode("utf-8", "replace")
        session.handle(text)
        if session.closing:
            session.connection.put(None)
            return


# -- admin API (registered under /_mock/push by admin.py) -----------------------------------


def _ok(document: object) -> Reply:
    return Reply(200, dumps(document), "application/json")


def _bad(message: str) -> Reply:
    return Reply(400, dumps({"error": message}), "application/json")


def _set(hub: PushHub, data: Mapping[str, Any]) -> Reply | None:
    """Apply the settings and fault switches in ``data``; a 400 Reply for bad input."""
    for name in ("ping_interval", "delay"):
        if name in data:
            value = data[name]
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                return _bad(f"{name} must be a number of seconds >= 0")
            if name == "ping_interval" and not value > 0:
                return _bad("ping_interval must be > 0")
            setattr(hub, name, float(value))
    if "max_missed_pings" in data:
        value = data["max_missed_pings"]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            return _bad("max_missed_pings must be an integer >= 1")
        hub.max_missed_pings = value
    for name in ("stop_pinging", "duplicate", "reorder"):
        if name in data:
            if not isinstance(data[name], bool):
                return _bad(f"{name} must be true or false")
            setattr(hub, name, data[name])
    if "refuse_auth" in data:
        code = data["refuse_auth"]
        if code is not None and (isinstance(code, bool) or not isinstance(code, int) or code < 1):
            return _bad("refuse_auth must be an err-code (e.g. 2003) or null")
        hub.refuse_auth = code
    return None


def _show(hub: PushHub, data: Mapping[str, Any]) -> Reply:
    return _ok({"push": hub.state_json()})


def _change(hub: PushHub, data: Mapping[str, Any]) -> Reply:
    return _set(hub, data) or _show(hub, data)


def _drop(hub: PushHub, data: Mapping[str, Any]) -> Reply:
    return _ok({"dropped": hub.drop_connections()})


def _malformed(hub: PushHub, data: Mapping[str, Any]) -> Reply:
    try:
        sent = hub.send_malformed(
            str(data.get("kind", "not_gzip")), data.get("size", DEFAULT_OVERSIZED_BYTES)
        )
    except ValueError as exc:
        return _bad(str(exc))
    return _ok({"sent": sent})


PushHandler = Callable[[PushHub, Mapping[str, Any]], Reply]
PUSH_ADMIN_ROUTES: dict[str, dict[str, PushHandler]] = {
    "/push": {"GET": _show, "POST": _change},
    "/push/drop": {"POST": _drop},
    "/push/malformed": {"POST": _malformed},
}
