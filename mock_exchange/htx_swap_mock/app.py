"""The exchange as a raw ASGI application: record, pick a fault, process, answer.

Every request but the admin API's is recorded on arrival, before anything can fail, so a test
sees what a dropped or stalled request carried. A fault chosen for the request either answers
instead of the exchange (the cancel is not applied, the order-info query is not counted) or
after it (the cancel is applied, the answer is lost or late).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable, MutableMapping
from dataclasses import replace
from typing import Any

from htx_swap_mock import bodies
from htx_swap_mock.admin import ADMIN_PREFIX, handle_admin
from htx_swap_mock.asgi import (
    CloseConnection,
    PauseEnd,
    Receive,
    Reply,
    Scope,
    Send,
    pause,
    read_body,
    send_reply,
    send_start,
    wait_for_disconnect,
)
from htx_swap_mock.codes import GATEWAY_CODE, ErrorCode, gateway_message
from htx_swap_mock.faults import Fault, FaultKind, FaultRule, TricklePart
from htx_swap_mock.processing import CANCEL_PATHS, nothing_done, process
from htx_swap_mock.recording import ReceivedRequest
from htx_swap_mock.request_log import MAX_LOGGED_BODY
from htx_swap_mock.state import ExchangeState
from htx_swap_mock.verify import AuthFailure, parse_query, verify_request

__all__ = ["ExchangeApp", "OnAnswer"]

# How long to wait for the server to notice a connection we closed ourselves; it only takes an
# event-loop turn or two, the bound keeps a misbehaving transport from hanging the handler.
_CLOSE_GRACE = 2.0

_HTML_502 = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n"
    b"</body>\r\n</html>\r\n"
)
_HTML_503 = (
    b"<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n"
    b"<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n"
)
_HTML = "text/html; charset=UTF-8"


def _never_closes(scope: Scope, abort: bool) -> bool:
    return False


def _no_transport(scope: Scope) -> asyncio.WriteTransport | None:
    return None


# Finds the transport of the connection a request came on (None if it cannot).
TransportOf = Callable[[Scope], "asyncio.WriteTransport | None"]
# Told of every request (but the admin API's) once it was answered: the HTTP status sent (None:
# none was) and the start of the body (up to request_log.MAX_LOGGED_BODY bytes).
OnAnswer = Callable[[ReceivedRequest, "int | None", bytes], None]


class _WatchedSend:
    """``send``, noting the status and the first bytes of the body on their way out."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.status: int | None = None
        self._chunks: list[bytes] = []
        self._size = 0

    @property
    def body(self) -> bytes:
        return b"".join(self._chunks)

    async def __call__(self, message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.status = int(message["status"])
        elif message["type"] == "http.response.body" and self._size < MAX_LOGGED_BODY:
            piece = bytes(message.get("body", b""))[: MAX_LOGGED_BODY - self._size]
            self._chunks.append(piece)
            self._size += len(piece)
        await self._send(message)


# Faults that edit the exchange's answer to a cancel rather than replace it.
_EDITS = frozenset({FaultKind.PARTIAL_ANSWER, FaultKind.UNREQUESTED_ID})
CANCEL_ID_PATHS = frozenset(CANCEL_PATHS.values())


class ExchangeApp:
    """ASGI 3 application. ``close_connection`` is provided by the server integration (it
    needs the transport, which ASGI does not expose); without it ``drop`` degrades to a
    response cut short after its headers. ``transport_of`` (also the server's) lets a trickle
    write its status line and headers byte by byte; without it only the body trickles."""

    def __init__(
        self,
        state: ExchangeState,
        *,
        close_connection: CloseConnection | None = None,
        transport_of: TransportOf | None = None,
        on_answer: OnAnswer | None = None,
    ) -> None:
        self.state = state
        self.stopping = asyncio.Event()  # set by the server on shutdown: ends pauses early
        self._close_connection = close_connection or _never_closes
        self._transport_of = transport_of or _no_transport
        self._on_answer = on_answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan is turned off; websockets are not served
            return
        body = await read_body(receive)
        if body is None:
            return
        path: str = scope["path"]
        if path == ADMIN_PREFIX or path.startswith(ADMIN_PREFIX + "/"):
            await send_reply(send, handle_admin(self.state, scope["method"], path, body))
            return
        request = self._received(scope, body)
        rule = self.state.faults.take(request)
        if rule is not None:
            request = _with_fault(request, rule)
        self.state.log.append(request)
        if self._on_answer is None:
            await self._respond(request, rule, scope, receive, send)
            return
        watched = _WatchedSend(send)
        try:
            await self._respond(request, rule, scope, receive, watched)
        finally:
            self._on_answer(request, watched.status, watched.body)

    async def _respond(
        self,
        request: ReceivedRequest,
        rule: FaultRule | None,
        scope: Scope,
        receive: Receive,
        send: Send,
    ) -> None:
        def answer() -> Reply:
            self.state.move_due()
            reply = process(self.state, request)
            self.state.moves.after_request(request, self.state.book)  # answer shows the book before
            return reply

        if rule is None:
            await send_reply(send, answer())
        elif rule.fault.kind in _EDITS:
            edited = self._edited(rule.fault, request, processed=rule.after_processing)
            await send_reply(send, edited)
        elif rule.after_processing:
            reply = answer()  # the exchange acts now; the fault only affects the answer
            await self._fault(rule.fault, scope, receive, send, lambda: reply, processed=True)
        else:
            await self._fault(rule.fault, scope, receive, send, answer, processed=False)

    def _received(self, scope: Scope, body: bytes) -> ReceivedRequest:
        raw_query: bytes = scope.get("query_string", b"")
        headers = tuple(
            (name.decode("latin-1").lower(), value.decode("latin-1"))
            for name, value in scope.get("headers", [])
        )
        host = next((value for name, value in headers if name == "host"), "")
        now = self.state.now()
        verdict = verify_request(
            method=scope["method"],
            host=host,
            path=scope["path"],
            raw_query=raw_query,
            secrets=self.state.credentials,
            now=now,
            tolerance=self.state.settings.timestamp_tolerance,
        )
        return ReceivedRequest(
            method=scope["method"],
            path=scope["path"],
            query_string=raw_query.decode("latin-1"),
            query=tuple(parse_query(raw_query)),
            headers=headers,
            body=body,
            signature_valid=verdict.signature_valid,
            auth_failure=verdict.failure,
            auth_detail=verdict.detail,
            access_key=verdict.access_key,
            received_at=now,
        )

    async def _close(self, scope: Scope, receive: Receive, *, abort: bool) -> bool:
        if not self._close_connection(scope, abort):
            return False
        # Let the server see the connection gone, so it neither answers 500 nor logs an error
        # about a response never started or completed.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(wait_for_disconnect(receive), _CLOSE_GRACE)
        return True

    async def _drop(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not await self._close(scope, receive, abort=True):
            # No transport access: the nearest thing is a response that never completes.
            await send_start(send, Reply(200, b""), content_length=1)

    async def _fault(
        self,
        fault: Fault,
        scope: Scope,
        receive: Receive,
        send: Send,
        answer: Callable[[], Reply],
        *,
        processed: bool,
    ) -> None:
        """Carry out ``fault``. ``answer`` is the exchange's own reply: already computed when
        ``processed``, else computing it processes the request (only DELAY does, after its
        wait: "then answer normally")."""
        kind = fault.kind
        if kind is FaultKind.DELAY:
            if await pause(fault.seconds, receive, self.stopping) is not PauseEnd.DISCONNECTED:
                await send_reply(send, answer())
        elif kind is FaultKind.STALL:
            if await pause(fault.seconds, receive, self.stopping) is not PauseEnd.DISCONNECTED:
                await self._drop(scope, receive, send)
        elif kind is FaultKind.DROP:
            await self._drop(scope, receive, send)
        elif kind is FaultKind.TRUNCATED_BODY:
            # Before processing, the cut body is an answer in which nothing happened.
            full = answer() if processed else self._nothing_done(scope["path"])
            await send_start(send, full, content_length=len(full.body) + 16)
            cut = full.body[: max(1, len(full.body) // 2)]
            await send({"type": "http.response.body", "body": cut, "more_body": True})
            await self._close(scope, receive, abort=False)
        elif kind is FaultKind.TRICKLE:
            full = answer() if processed else self._nothing_done(scope["path"])
            await self._trickle(fault, full, scope, receive, send)
        elif kind is FaultKind.GZIP_BOMB:
            full = answer() if processed else self._nothing_done(scope["path"])
            bomb = bodies.gzip_bomb_body(full.body, fault.size)
            encoded = (*full.headers, ("Content-Encoding", "gzip"))
            await send_reply(send, replace(full, body=bomb, headers=encoded))
        elif kind is FaultKind.OVERSIZE_BODY:
            full = answer() if processed else self._nothing_done(scope["path"])
            await send_start(send, full, content_length=max(fault.size, len(full.body)))
            for piece in bodies.padded_body(full.body, fault.size):
                await send({"type": "http.response.body", "body": piece, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        else:
            await send_reply(send, self._fault_reply(fault))

    async def _trickle(
        self, fault: Fault, reply: Reply, scope: Scope, receive: Receive, send: Send
    ) -> None:
        """``reply`` one byte every ``fault.seconds``, from its status line on when the
        connection's transport can be written to directly, else from its body on."""
        transport = self._transport_of(scope) if fault.part is TricklePart.HEADERS else None
        if transport is None:
            await send_start(send, reply)
            for index in range(len(reply.body)):
                if await self._waited(fault, receive) is not PauseEnd.ELAPSED:
                    return
                last = index == len(reply.body) - 1
                byte = reply.body[index : index + 1]
                await send({"type": "http.response.body", "body": byte, "more_body": not last})
            return
        # Written past uvicorn, which never learns of this answer: the connection is closed
        # at the end, as the answer says.
        head = [f"HTTP/1.1 {reply.status} OK", f"Content-Type: {reply.content_type}"]
        head += [f"{name}: {value}" for name, value in reply.headers]
        head += [f"Content-Length: {len(reply.body)}", "Connection: close", "", ""]
        raw = "\r\n".join(head).encode("latin-1") + reply.body
        for index in range(len(raw)):
            if transport.is_closing():
                return
            transport.write(raw[index : index + 1])
            if index < len(raw) - 1 and await self._waited(fault, receive) is not PauseEnd.ELAPSED:
                await self._close(scope, receive, abort=True)
                return
        await self._close(scope, receive, abort=False)

    async def _waited(self, fault: Fault, receive: Receive) -> PauseEnd:
        return await pause(fault.seconds, receive, self.stopping)

    def _edited(self, fault: Fault, request: ReceivedRequest, *, processed: bool) -> Reply:
        """The answer of a fault that edits a cancel's answer (see ``faults.partial_answer``,
        ``faults.unrequested_id``)."""
        requested = _requested_ids(request.body)
        if requested is None or request.path not in CANCEL_ID_PATHS:
            return process(self.state, request)  # not a cancel of ids: answered as ever
        if fault.kind is FaultKind.PARTIAL_ANSWER:
            named = requested[: fault.named]
            if not processed:  # only the ids it names were cancelled
                request = replace(request, body=_asking_only(request.body, named))
            return _edit_cancel_answer(process(self.state, request), keep=set(named))
        nothing = self._nothing_done(request.path)
        reply = process(self.state, request) if processed else nothing
        return _edit_cancel_answer(reply, extra=fault.order_id)

    def _nothing_done(self, path: str) -> Reply:
        """An ok answer in which nothing was cancelled (or found, or switched)."""
        return Reply(200, nothing_done(path, self.state.now_ms()))

    async def watch_cancel_after(self) -> None:
        """Check the dead man's switches every ``cancel_after_check_interval`` seconds and
        fire those whose countdown has run out; runs on the server's loop until cancelled."""
        while True:
            await asyncio.sleep(self.state.settings.cancel_after_check_interval)
            self.state.fire_due_switches()
            self.state.move_due()  # the market's timed moves, on the same timer

    def _fault_reply(self, fault: Fault) -> Reply:
        """The answer of a fault that is a plain HTTP response."""
        ts = self.state.now_ms()
        kind = fault.kind
        busy, limited, system = (
            ErrorCode.SYSTEM_BUSY,
            ErrorCode.RATE_LIMITED,
            ErrorCode.SYSTEM_ERROR,
        )
        if kind is FaultKind.HTTP_500 and not fault.json_body:
            return Reply(500, b"Internal Server Error", content_type="text/plain; charset=utf-8")
        replies: dict[FaultKind, Callable[[], Reply]] = {
            FaultKind.HTTP_500: lambda: Reply(
                500, bodies.business_error_body(system, system.message, ts)
            ),
            FaultKind.HTML_502: lambda: Reply(
                502, _HTML_502, content_type=_HTML, headers=(("Server", "cloudflare"),)
            ),
            FaultKind.HTTP_503: lambda: Reply(503, _HTML_503, content_type=_HTML),
            FaultKind.HTTP_429: lambda: Reply(
                429,
                bodies.business_error_body(limited, limited.message, ts),
                headers=(("Retry-After", str(fault.retry_after or 0)),),
            ),
            FaultKind.MALFORMED_JSON: lambda: Reply(
                200, b'{"status":"ok","data":{"errors":[],"successes":"1'
            ),
            FaultKind.BUSINESS_ERROR: lambda: Reply(
                200,
                bodies.business_error_body(
                    fault.code if isinstance(fault.code, int) else busy, fault.message, ts
                ),
            ),
            FaultKind.GATEWAY_ERROR: lambda: Reply(
                200,
                bodies.gateway_error_body(
                    fault.code if isinstance(fault.code, str) else GATEWAY_CODE,
                    fault.message or gateway_message(AuthFailure.BAD_SIGNATURE),
                ),
            ),
        }
        return replies[kind]()


def _id_field(document: dict[str, Any]) -> str | None:
    """The field whose ids the exchange cancels (``order_id`` wins when both are sent)."""
    for field in ("order_id", "client_order_id"):
        if isinstance(document.get(field), str) and document[field]:
            return field
    return None


def _json_object(body: bytes) -> dict[str, Any] | None:
    try:
        document = json.loads(body)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _requested_ids(body: bytes) -> list[str] | None:
    document = _json_object(body)
    field = None if document is None else _id_field(document)
    if document is None or field is None:
        return None
    return [part.strip() for part in str(document[field]).split(",") if part.strip()]


def _asking_only(body: bytes, ids: list[str]) -> bytes:
    document = _json_object(body)
    field = None if document is None else _id_field(document)
    assert document is not None  # checked by _requested_ids
    assert field is not None
    document[field] = ",".join(ids)
    return bodies.dumps(document)


def _edit_cancel_answer(reply: Reply, *, keep: set[str] | None = None, extra: str = "") -> Reply:
    """A cancel answer naming only the ids in ``keep`` (None: all it names), and ``extra``
    among its successes too; any other answer (an error, a refusal) as it is."""
    document = _json_object(reply.body)
    data = None if document is None else document.get("data")
    if document is None or not isinstance(data, dict):
        return reply
    if not isinstance(data.get("successes"), str):
        return reply
    successes = [i for i in data["successes"].split(",") if i]
    errors = [e for e in data.get("errors") or [] if isinstance(e, dict)]
    if keep is not None:
        successes = [i for i in successes if i in keep]
        errors = [e for e in errors if str(e.get("order_id")) in keep]
    if extra:
        successes.append(extra)
    document["data"] = {**data, "successes": ",".join(successes), "errors": errors}
    return replace(reply, body=bodies.dumps(document))


def _with_fault(request: ReceivedRequest, rule: FaultRule) -> ReceivedRequest:
    return replace(
        request, fault=rule.fault.kind.value, fault_after_processing=rule.after_processing
    )
