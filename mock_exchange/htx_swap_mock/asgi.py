"""Raw ASGI plumbing: the types, sending a reply (whole, or cut short) and waiting while
watching for the client to leave. Raw ASGI rather than a framework because faults need to
send partial bodies and stay silent, which frameworks hide."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

from htx_swap_mock.codes import CONTENT_TYPE

__all__ = [
    "CloseConnection",
    "PauseEnd",
    "Receive",
    "Reply",
    "Scope",
    "Send",
    "pause",
    "read_body",
    "send_reply",
    "send_start",
    "wait_for_disconnect",
]

Scope = Mapping[str, Any]
Receive = Callable[[], Awaitable[Mapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
# Closes the TCP connection a request came on, without a response; False if it cannot.
# ``abort=False`` flushes what was already written first (used to cut a body short).
CloseConnection = Callable[[Scope, bool], bool]


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = CONTENT_TYPE
    headers: tuple[tuple[str, str], ...] = ()


def _encoded_headers(reply: Reply, content_length: int | None = None) -> list[tuple[bytes, bytes]]:
    length = len(reply.body) if content_length is None else content_length
    headers = [
        (b"content-type", reply.content_type.encode("latin-1")),
        (b"content-length", str(length).encode("ascii")),
    ]
    headers += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers]
    return headers


async def send_start(send: Send, reply: Reply, *, content_length: int | None = None) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": reply.status,
            "headers": _encoded_headers(reply, content_length),
        }
    )


async def send_reply(send: Send, reply: Reply) -> None:
    await send_start(send, reply)
    await send({"type": "http.response.body", "body": reply.body, "more_body": False})


async def read_body(receive: Receive) -> bytes | None:
    """The whole request body, or None if the client disconnected before sending it all."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


async def wait_for_disconnect(receive: Receive) -> None:
    """Return once the server reports the client gone (after the body, receive() only ever
    answers http.disconnect)."""
    while (await receive())["type"] != "http.disconnect":
        pass


class PauseEnd(enum.Enum):
    ELAPSED = "elapsed"
    DISCONNECTED = "disconnected"
    STOPPING = "stopping"


async def pause(seconds: float, receive: Receive, stopping: asyncio.Event) -> PauseEnd:
    """Wait ``seconds``, ending early when the client disconnects (e.g. its read timeout fired)
    or the exchange is stopping, so a long stall never holds up shutdown."""
    gone = asyncio.ensure_future(wait_for_disconnect(receive))
    stop = asyncio.ensure_future(stopping.wait())
    try:
        done, _ = await asyncio.wait({gone, stop}, timeout=seconds, return_when="FIRST_COMPLETED")
    finally:
        for task in (gone, stop):
            task.cancel()
        await asyncio.gather(gone, stop, return_exceptions=True)
    if gone in done:
        return PauseEnd.DISCONNECTED
    if stop in done:
        return PauseEnd.STOPPING
    return PauseEnd.ELAPSED
