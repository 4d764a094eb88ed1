"""A scripted raw HTTP/1.1 server on 127.0.0.1 for hostile-server tests.

Each accepted connection runs the case's ``script(conn)``; the script reads the request
(``conn.read_request()``) and then sends whatever it likes, when it likes: headers then one
byte a second, a gzip bomb, an endless chunked body, nothing at all. Sleeps end early when the
server stops, so a test that failed never leaves a thread trickling behind it.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import socketserver
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Self

__all__ = [
    "RawConnection",
    "RawRequest",
    "RawServer",
    "Script",
    "Tamper",
    "forwarding",
    "http_response",
]


@dataclass(frozen=True)
class RawRequest:
    method: str
    target: str  # path and query, as sent
    headers: dict[str, str]  # names lower case
    body: bytes

    @property
    def path(self) -> str:
        return self.target.partition("?")[0]


class RawConnection:
    def __init__(self, sock: socket.socket, stop: threading.Event, index: int) -> None:
        self.sock, self.stop, self.index = sock, stop, index
        self._buffer = b""

    def read_request(self) -> RawRequest | None:
        """The next request on this connection, or None when the client closed it."""
        while b"\r\n\r\n" not in self._buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self._buffer += chunk
        head, _, self._buffer = self._buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        pairs = (line.partition(":") for line in lines[1:])
        headers = {name.strip().lower(): value.strip() for name, _, value in pairs}
        length = int(headers.get("content-length", "0"))
        while len(self._buffer) < length:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self._buffer += chunk
        body, self._buffer = self._buffer[:length], self._buffer[length:]
        return RawRequest(method, target, headers, body)

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def sleep(self, seconds: float) -> bool:
        """Wait; False when the server is stopping (the script should return)."""
        return not self.stop.wait(seconds)


Script = Callable[[RawConnection], None]
SHUTDOWN_POLL = 0.005  # seconds: how often the accept loop looks for a shutdown request


def http_response(
    status: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    reason: str = "X",
) -> bytes:
    """A whole response with Content-Length (unless ``headers`` says otherwise)."""
    fields = {"Content-Type": "text/plain;charset=UTF-8", "Content-Length": str(len(body))}
    fields.update(headers or {})
    head = "".join(f"{name}: {value}\r\n" for name, value in fields.items() if value)
    return f"HTTP/1.1 {status} {reason}\r\n{head}\r\n".encode("latin-1") + body


class RawServer:
    """``with RawServer(script) as server:`` then point a client at ``server.url``.
    ``requests`` lists every request a script read; ``connections`` counts accepted ones."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.requests: list[RawRequest] = []
        self.connections = 0
        self.stop = threading.Event()
        self._lock = threading.Lock()
        outer = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                with outer._lock:
                    outer.connections += 1
                    index = outer.connections
                conn = _Recording(self.request, outer, index)
                with contextlib.suppress(OSError):  # the client went away: its right
                    outer.script(conn)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        # shutdown() waits for serve_forever's next poll: at its default 0.5 s every server's
        # exit cost half a second, which added up to minutes over the suite.
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(SHUTDOWN_POLL,), daemon=True
        )

    @property
    def port(self) -> int:
        port: int = self._server.server_address[1]
        return port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


class _Recording(RawConnection):
    def __init__(self, sock: socket.socket, server: RawServer, index: int) -> None:
        super().__init__(sock, server.stop, index)
        self._server = server

    def read_request(self) -> RawRequest | None:
        request = super().read_request()
        if request is not None:
            with self._server._lock:
                self._server.requests.append(request)
        return request


Tamper = Callable[[RawRequest, int, bytes], bytes | None]


def forwarding(upstream_port: int, tamper: Tamper) -> Script:
    """Pass each request to ``127.0.0.1:upstream_port`` (the local exchange, Host header kept so
    signatures still check), then send the client ``tamper(request, status, body)``: a whole
    raw response to send instead, or None to pass the exchange's answer through."""

    def script(conn: RawConnection) -> None:
        while (request := conn.read_request()) is not None:
            upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=10)
            try:
                headers = {k: v for k, v in request.headers.items() if k != "accept-encoding"}
                upstream.request(request.method, request.target, request.body, headers)
                answer = upstream.getresponse()
                status, body = answer.status, answer.read()
            finally:
                upstream.close()
            replaced = tamper(request, status, body)
            conn.send(http_response(status, body) if replaced is None else replaced)

    return script
