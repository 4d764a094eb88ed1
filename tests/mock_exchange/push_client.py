"""A plain WebSocket client for the local exchange's order push: ``websockets``' sync client
plus ``htx_swap._push.push_protocol`` for the frames; no SDK driver (that comes later)."""

from __future__ import annotations

import time
from types import TracebackType
from typing import Self

from htx_swap._model.credentials import HtxCredentials
from htx_swap._push.push_protocol import (
    SWAP_NOTIFICATION_PATH,
    AuthAnswer,
    OrderUpdate,
    Ping,
    ServerMessage,
    SubAnswer,
    auth_frame,
    auth_timestamp,
    decode_frame,
    sub_frame,
)
from htx_swap_mock import MockExchange
from websockets.sync.client import ClientConnection, connect

__all__ = ["PushClient"]

TIMEOUT = 5.0


class PushClient:
    """One connection to ``ex``'s notification ``path``; every frame received is checked to be
    binary (gzip) before it is decoded."""

    def __init__(self, ex: MockExchange, path: str = SWAP_NOTIFICATION_PATH) -> None:
        self.ex = ex
        self.url = ex.push_url(path)
        # websockets 17.1+: connect() is used as a context manager (entered here).
        self._connecting = connect(
            self.url, open_timeout=TIMEOUT, ping_interval=None, compression=None
        )
        self.ws: ClientConnection = self._connecting.__enter__()
        self.pings: list[Ping] = []

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._connecting.__exit__(exc_type, exc, traceback)

    def send(self, text: str) -> None:
        self.ws.send(text)

    def raw(self, timeout: float = TIMEOUT) -> bytes:
        frame = self.ws.recv(timeout=timeout)
        assert isinstance(frame, bytes), f"a text frame: {frame!r}"
        assert frame[:2] == b"\x1f\x8b", "not gzip"
        return frame

    def recv(self, timeout: float = TIMEOUT) -> ServerMessage:
        return decode_frame(self.raw(timeout))

    def auth(
        self,
        credentials: HtxCredentials | None = None,
        *,
        at: float | None = None,
    ) -> AuthAnswer:
        keys = credentials or HtxCredentials(self.ex.access_key, self.ex.secret_key)
        stamp = auth_timestamp(time.time() if at is None else at)
        self.send(auth_frame(keys, url=self.url, timestamp=stamp))
        answer = self.recv()
        assert isinstance(answer, AuthAnswer), answer
        return answer

    def sub(self, contract_code: str | None = None, cid: str = "c1") -> SubAnswer:
        self.send(sub_frame(contract_code, cid=cid))
        answer = self.recv()
        assert isinstance(answer, SubAnswer), answer
        return answer

    def subscribed(self, contract_code: str | None = None) -> Self:
        assert self.auth().ok
        assert self.sub(contract_code).ok
        return self

    def update(self, timeout: float = TIMEOUT) -> OrderUpdate:
        """The next order push; pings met on the way are answered and kept in ``pings``."""
        deadline = time.monotonic() + timeout
        while True:
            message = self.recv(max(0.0, deadline - time.monotonic()))
            if isinstance(message, Ping):
                self.pings.append(message)
                self.send(message.pong())
                continue
            assert isinstance(message, OrderUpdate), message
            return message

    def nothing_for(self, seconds: float) -> None:
        """No order push for ``seconds`` (pings are answered)."""
        try:
            update = self.update(seconds)
        except TimeoutError:
            return
        raise AssertionError(f"unexpected push {update}")
