"""The order stream's sync driver: one daemon thread per stream reads the connection
(``websockets.sync.client``), answers every ping at once, and fills the bounded buffer the
consumer takes from; it reconnects after a retryable error, with backoff, marking a gap.
``close()`` ends the thread and waits for it (bounded: the connection's open and close time
boxes), so no thread outlives the stream.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, Self

from htx_swap._model.credentials import HtxCredentials
from htx_swap._model.errors import HtxError
from htx_swap._push.push_protocol import OrderUpdate
from htx_swap._push.push_session import SessionState, is_retryable
from htx_swap._push.push_stream import (
    PushGap,
    PushSettings,
    StreamItem,
    UpdateBuffer,
    reconnect_delay,
)
from htx_swap._push.push_wire import (
    as_htx_error,
    close_box,
    connect_options,
    log_frame,
    new_session,
)

__all__ = ["OrderStream"]


class OrderStream:
    """Order updates of ``contract_code`` (None: every contract) as an iterator of
    ``OrderUpdate`` and ``PushGap``; a stream ended by a refused auth or subscription raises
    that error (after the items before it). Use as a context manager; ``open()`` returns once
    the first subscription is live, or raises why it could not be."""

    def __init__(
        self,
        credentials: HtxCredentials,
        contract_code: str | None,
        settings: PushSettings,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._credentials = credentials
        self._contract_code = contract_code
        self._settings = settings
        self._monotonic = monotonic
        self._buffer: UpdateBuffer[OrderUpdate] = UpdateBuffer(settings.queue_size)
        self._ready = threading.Condition()
        self._stop = threading.Event()
        self._opened = threading.Event()
        self._first_error: HtxError | None = None
        self._ended = False
        self._ws: Any = None
        self._thread: threading.Thread | None = None

    # -- lifetime ------------------------------------------------------------------------------

    def open(self, within: float | None = None) -> Self:
        """Connect, authenticate and subscribe (each step time-boxed; all of it within
        ``within`` seconds if given); raise the error the first connection met, typed
        (``PushAuthRefusedError``, ``APIConnectionError``…)."""
        self._thread = threading.Thread(target=self._main, name="htx-swap-push", daemon=True)
        self._thread.start()
        bound = self._settings.open_timeout + 2 * self._settings.answer_timeout + 1.0
        if within is not None:
            bound = max(0.0, min(bound, within))
        ends = self._monotonic() + bound
        if not self._opened.wait(bound):  # the session's own time boxes end it first
            self.close(wait=max(0.0, ends - self._monotonic()))
            raise as_htx_error(TimeoutError(), self._settings.url)
        if self._first_error is not None:
            self.close(wait=max(0.0, ends - self._monotonic()))
            raise self._first_error
        return self

    def close(self, wait: float | None = None) -> None:
        """End the connection and its thread, and wait for the thread: until it ended (it is
        bounded by the connection's open time box), or at most ``wait`` seconds (a call's
        deadline; the daemon thread then ends by itself once its connect attempt gives up)."""
        self._stop.set()
        ws = self._ws
        if ws is not None:
            # A server that never answers the close, or never reads (the reading thread then
            # blocks in a send, holding the connection's lock): the socket is shut once the
            # close's time box (cut to ``wait``) has passed.
            box = close_box(ws.close_timeout, 1.0 if wait is None else wait)
            ws.close_timeout = box
            abort = threading.Timer(box, _shut, (ws,))
            abort.daemon = True
            abort.start()
            try:
                with contextlib.suppress(Exception):  # a connection already gone
                    ws.close()
            finally:
                abort.cancel()
                abort.join()  # no timer thread outlives close()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            bound = self._settings.open_timeout + 2.0
            thread.join(bound if wait is None else min(bound, wait))
        with self._ready:
            self._ended = True
            self._ready.notify_all()

    def __enter__(self) -> Self:
        return self.open()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def alive(self) -> bool:
        """Whether the reading thread still runs."""
        return self._thread is not None and self._thread.is_alive()

    # -- the consumer's side -------------------------------------------------------------------

    def take(self, until: float) -> list[StreamItem]:
        """Every item buffered, waiting until one comes or the monotonic time ``until``."""
        with self._ready:
            while not len(self._buffer) and not self._ended:
                left = until - self._monotonic()
                if left <= 0:
                    break
                self._ready.wait(left)
            return self._buffer.take_all() or self._end_marker()

    def _end_marker(self) -> list[StreamItem]:
        """Nothing buffered: a final gap once the stream has ended (so a waiting flow stops
        waiting on it), else nothing."""
        if not self._ended:
            return []
        ended = as_htx_error(ConnectionError("the order push ended"), self._settings.url)
        return [PushGap("closed", error=ended)]

    def __iter__(self) -> Iterator[StreamItem]:
        return self

    def __next__(self) -> StreamItem:
        with self._ready:
            while True:
                item = self._buffer.take_one()
                if item is not None:
                    break
                if self._ended:
                    raise StopIteration
                self._ready.wait(0.5)  # wakes for Ctrl-C in the main thread now and then
        if isinstance(item, PushGap) and item.final and item.error is not None:
            raise item.error
        return item

    # -- the reading thread --------------------------------------------------------------------

    def _put(self, item: OrderUpdate | PushGap) -> None:
        with self._ready:
            if isinstance(item, PushGap):
                self._buffer.put_gap(item)
            else:
                self._buffer.put_update(item)
            self._ready.notify_all()

    def _main(self) -> None:
        failures = 0
        try:
            while not self._stop.is_set():
                try:
                    self._connection()
                    error: HtxError = as_htx_error(
                        ConnectionError("the server closed the stream"), self._settings.url
                    )
                except Exception as exc:  # every failure: typed, reported
                    error = as_htx_error(exc, self._settings.url)
                if self._stop.is_set():
                    return
                if not self._opened.is_set():
                    self._first_error = error
                    self._opened.set()
                    return
                if not is_retryable(error):
                    self._put(PushGap("closed", error=error))
                    return
                if self._subscribed_once:
                    self._put(PushGap("reconnect", error=error))
                    self._subscribed_once = False
                    failures = 0
                failures += 1
                self._stop.wait(reconnect_delay(failures))
        finally:
            with self._ready:
                self._ended = True
                self._ready.notify_all()

    _subscribed_once = False

    def _connection(self) -> None:
        from websockets.sync.client import connect

        settings = self._settings
        with connect(settings.url, **connect_options(settings)) as ws:
            self._ws = ws
            if self._stop.is_set():
                return
            session = new_session(settings, self._credentials, self._contract_code, self._monotonic)
            for frame in session.opening_frames():
                log_frame("sent", frame)
                ws.send(frame)
            while not self._stop.is_set():
                session.check()  # a server that floods other frames is still timed by pings
                try:
                    data = ws.recv(timeout=max(session.time_left(), 0.001))
                except TimeoutError:
                    session.check()
                    continue
                received = session.receive(data)
                for frame in received.send:
                    ws.send(frame)
                if received.subscribed:
                    self._subscribed_once = True
                    self._opened.set()
                if received.update is not None:
                    self._put(received.update)
                if session.state is SessionState.CLOSED:
                    return


def _shut(ws: Any) -> None:  # noqa: ANN401 - a websockets sync connection
    """Shut ``ws``'s socket: a blocked send or close fails at once."""
    import socket

    with contextlib.suppress(OSError):
        ws.socket.shutdown(socket.SHUT_RDWR)
