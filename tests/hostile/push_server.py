"""A scripted raw order-push server on 127.0.0.1 (``websockets``' sync server): each
connection runs ``script(conn)``, which reads the client's frames and sends what it likes
(gzip or not, any size, or nothing at all)."""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
from collections.abc import Callable
from typing import Any, Self

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

__all__ = ["PushConnection", "RawPushServer", "order_push"]


def order_push(order_id: int | str, status: int, contract_code: str = "BTC-USD") -> dict[str, Any]:
    """An ``orders.<contract>`` push as HTX sends it."""
    return {
        "op": "notify",
        "topic": f"orders.{contract_code.lower()}",
        "ts": 1_700_000_000_000,
        "order_id": int(order_id),
        "order_id_str": str(order_id),
        "client_order_id": None,
        "contract_code": contract_code,
        "status": status,
        "volume": 10,
        "trade_volume": 0,
        "canceled_at": 1_700_000_000_000 if status == 7 else 0,
        "canceled_source": "api" if status == 7 else None,
    }


class PushConnection:
    """One client connection, as a script sees it."""

    def __init__(self, ws: ServerConnection, server: RawPushServer) -> None:
        self.ws = ws
        self.server = server

    def recv(self, timeout: float = 5.0) -> dict[str, Any]:
        """The client's next frame (plain JSON text)."""
        frame = self.ws.recv(timeout=timeout)
        assert isinstance(frame, str), f"client frames are text: {frame!r}"
        document: dict[str, Any] = json.loads(frame)
        self.server.frames.append(document)
        return document

    def send(self, document: dict[str, Any] | bytes) -> None:
        """``document`` gzipped, or raw bytes as they are."""
        if isinstance(document, bytes):
            self.ws.send(document)
        else:
            self.ws.send(gzip.compress(json.dumps(document).encode()))

    def accept(self, contract_code: str | None = None) -> None:
        """Answer the auth and the sub with err-code 0."""
        auth = self.recv()
        assert auth["op"] == "auth"
        self.send({"op": "auth", "type": "api", "err-code": 0, "ts": 1})
        sub = self.recv()
        assert sub["op"] == "sub"
        self.send({"op": "sub", "cid": sub["cid"], "topic": sub["topic"], "err-code": 0, "ts": 1})

    def serve(self, seconds: float = 1.0) -> None:
        """Accept, then idle for ``seconds``: a stream that opens and stays quiet."""
        self.accept()
        self.idle(seconds)

    def idle(self, seconds: float) -> None:
        """Read (and drop) the client's frames for ``seconds``."""
        stop = threading.Event()
        timer = threading.Timer(seconds, stop.set)
        timer.start()
        try:
            while not stop.is_set():
                try:
                    self.recv(timeout=0.05)
                except TimeoutError:
                    continue
        finally:
            timer.cancel()


Script = Callable[[PushConnection], None]


class RawPushServer:
    """Serves ``script`` on every connection; counts connections, keeps client frames."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.connections = 0
        self.frames: list[dict[str, Any]] = []
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    def _handle(self, ws: ServerConnection) -> None:
        self.connections += 1
        with contextlib.suppress(ConnectionClosed, TimeoutError):
            self.script(PushConnection(ws, self))

    @property
    def url(self) -> str:
        assert self._server is not None
        port = self._server.socket.getsockname()[1]
        return f"ws://127.0.0.1:{port}/swap-notification"

    def __enter__(self) -> Self:
        self._server = serve(self._handle, "127.0.0.1", 0, compression=None, max_size=None)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        assert self._server is not None
        assert self._thread is not None
        self._server.shutdown()
        self._thread.join(5.0)
