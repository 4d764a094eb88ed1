"""What the sync and asyncio order-push drivers share about ``websockets``: the options every
connection is opened with, and its exceptions turned into the SDK's typed errors.

``websockets`` (the ``[push]`` extra) was chosen for its sans-I/O core with ready sync and
asyncio clients on top of it (and servers, which the tests use), with no dependency of its own;
the HTX protocol itself stays in ``push_protocol`` / ``push_session``.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Callable
from typing import Any

from htx_swap._model.errors import (
    APIConnectionError,
    APITimeoutError,
    HtxError,
    InvalidRequestError,
)
from htx_swap._push.push_protocol import loggable_frame
from htx_swap._push.push_session import PushSession
from htx_swap._push.push_stream import PushSettings
from htx_swap._wire.loopback import is_loopback_url

__all__ = [
    "EXTRA_MISSING",
    "as_htx_error",
    "close_box",
    "connect_options",
    "log_frame",
    "require_websockets",
]

log = logging.getLogger("htx_swap.push")
EXTRA_MISSING = (
    "the order push needs the websockets package: pip install 'htx-swap-sdk[push]' "
    "(cancel_and_confirm(via='auto') polls order info without it)"
)
_FRAME_SLACK = 4096  # gzip's header and a stored block may make a frame a bit larger than its text


def require_websockets(field: str = "via") -> None:
    """``InvalidRequestError`` naming ``field`` when the ``[push]`` extra is not installed."""
    import importlib.util

    if importlib.util.find_spec("websockets") is None:
        raise InvalidRequestError(field, EXTRA_MISSING)


def connect_options(settings: PushSettings) -> dict[str, Any]:
    """Keyword arguments for ``websockets``' ``connect``: time-boxed opening, TLS verified with
    the system's CAs (wss), no compression extension (HTX gzips each frame itself), no library
    pings (HTX drives its own heartbeat), a frame cap, and no proxy for a loopback host."""
    options: dict[str, Any] = {
        "open_timeout": settings.open_timeout,
        "close_timeout": 1.0,
        "ping_interval": None,
        "compression": None,
        "max_size": settings.max_frame_bytes + _FRAME_SLACK,
        "user_agent_header": "htx-swap-sdk",
    }
    if settings.url.startswith("wss:"):
        options["ssl"] = ssl.create_default_context()  # certificate and host name verified
    if is_loopback_url(settings.url.replace("ws", "http", 1)):
        options["proxy"] = None
    return options


def new_session(
    settings: PushSettings,
    credentials: Any,  # noqa: ANN401 - HtxCredentials (kept out of this module's imports)
    contract_code: str | None,
    monotonic: Callable[[], float],
) -> PushSession:
    """A fresh ``PushSession`` for one connection (a new auth timestamp each time)."""
    return PushSession(
        credentials,
        url=settings.url,
        contract_code=contract_code,
        clock=monotonic,
        wall_clock=settings.wall_clock,
        answer_timeout=settings.answer_timeout,
        heartbeat_period=settings.heartbeat_period,
        max_frame_bytes=settings.max_frame_bytes,
    )


def log_frame(direction: str, frame: str) -> None:
    """Log a client frame at DEBUG, with the access key and signature masked."""
    if log.isEnabledFor(logging.DEBUG):
        log.debug("htx_swap push %s %s", direction, loggable_frame(frame))


def as_htx_error(exc: BaseException, url: str) -> HtxError:
    """``exc`` (raised while connecting or reading) as an SDK error."""
    if isinstance(exc, HtxError):
        return exc
    if isinstance(exc, TimeoutError):
        return APITimeoutError(
            f"order push {url}: the connection did not open in time", may_have_reached=False
        )
    from websockets.exceptions import ConnectionClosed, InvalidStatus

    if isinstance(exc, InvalidStatus):
        status = exc.response.status_code
        return APIConnectionError(
            f"order push {url}: the server answered HTTP {status} to the WebSocket upgrade",
            may_have_reached=False,
            status_code=status,
        )
    if isinstance(exc, ConnectionClosed):
        return APIConnectionError(
            f"order push {url}: the connection closed ({exc})", may_have_reached=False
        )
    return APIConnectionError(
        f"order push {url}: {type(exc).__name__}: {exc}", may_have_reached=False
    )


def close_box(close_timeout: float | None, wait: float) -> float:
    """A connection's close-handshake time box cut to ``wait`` seconds (a call's deadline; at
    least a millisecond): a server that never answers the close holds nobody past it."""
    box = wait if close_timeout is None else min(close_timeout, wait)
    return max(0.001, box)
