"""A raw TCP proxy on loopback that holds every answer of the server behind it for ``delay``
seconds (a Redis that answers after the caller's deadline), and that can be ``cut``: while
cut, what the client sends is dropped (the server never runs it, never answers, and keeps its
data): a network partition, not a paused server."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from types import TracebackType
from typing import Self

__all__ = ["SlowProxy"]


class SlowProxy:
    def __init__(self, port: int, delay: float = 0.0) -> None:
        self.target = port
        self.delay = delay
        self.cut = False
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._closed = threading.Event()
        self._sockets: list[socket.socket] = []

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self) -> Self:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._closed.set()
        with contextlib.suppress(OSError):  # wakes the accept under way (close alone does not)
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for sock in self._sockets:
            sock.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target))
            except OSError:  # the server behind it is gone: so is this connection
                client.close()
                continue
            self._sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, None), daemon=True).start()
            threading.Thread(
                target=self._pipe, args=(upstream, client, self.delay), daemon=True
            ).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, delay: float | None) -> None:
        """``delay``: the answers' way (held that long); None: the requests' way (dropped
        while ``cut``)."""
        try:
            while chunk := source.recv(65536):
                if delay is None and self.cut:
                    continue  # lost on the way: the server never sees it
                time.sleep(delay or 0.0)
                sink.sendall(chunk)
        except OSError:
            return
