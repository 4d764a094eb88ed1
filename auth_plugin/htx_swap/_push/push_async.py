"""The order stream's asyncio driver: one task per stream reads the connection
(``websockets.asyncio.client``), answers every ping at once, and fills the bounded buffer the
consumer takes from; it reconnects after a retryable error, with backoff, marking a gap.
``aclose()`` cancels the task and waits for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
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

__all__ = ["AsyncOrderStream"]


class AsyncOrderStream:
    """The asyncio twin of ``OrderStream``: an async iterator of ``OrderUpdate`` and
    ``PushGap``; use as an async context manager."""

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
        self._changed = asyncio.Event()
        self._opened = asyncio.Event()
        self._first_error: HtxError | None = None
        self._ended = False
        self._subscribed_once = False
        self._task: asyncio.Task[None] | None = None
        self._ws: Any = None

    async def open(self, within: float | None = None) -> Self:
        """Connect, authenticate and subscribe (each step time-boxed; all of it within
        ``within`` seconds if given); raise the error the first connection met, typed."""
        self._task = asyncio.create_task(self._main(), name="htx-swap-push")
        bound = self._settings.open_timeout + 2 * self._settings.answer_timeout + 1.0
        if within is not None:
            bound = max(0.0, min(bound, within))
        ends = self._monotonic() + bound
        try:
            async with asyncio.timeout(bound):
                await self._opened.wait()
        except TimeoutError:
            await self.aclose(max(0.0, ends - self._monotonic()))
            raise as_htx_error(TimeoutError(), self._settings.url) from None
        except BaseException:  # cancelled while opening: nothing left behind
            await self.aclose()
            raise
        if self._first_error is not None:
            await self.aclose(max(0.0, ends - self._monotonic()))
            raise self._first_error
        return self

    async def aclose(self, wait: float | None = None) -> None:
        """End the connection and its task, and wait for the task; with ``wait`` (a call's
        deadline), the close handshake of a server that never answers it is cut to that."""
        ws = self._ws
        box = 1.0 if wait is None else wait
        if ws is not None:
            box = close_box(ws.close_timeout, box)
            ws.close_timeout = box
        task = self._task
        if task is not None and not task.done():
            task.cancel()
            # a server that never reads: the task's send or close waits on a full socket
            done, _ = await asyncio.wait({task}, timeout=box)
            if not done and ws is not None:
                ws.transport.abort()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._ended = True
        self._changed.set()

    async def __aenter__(self) -> Self:
        return await self.open()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    @property
    def alive(self) -> bool:
        """Whether the reading task still runs."""
        return self._task is not None and not self._task.done()

    async def take(self, until: float) -> list[StreamItem]:
        """Every item buffered, waiting until one comes or the monotonic time ``until``."""
        while not len(self._buffer) and not self._ended:
            left = until - self._monotonic()
            if left <= 0:
                break
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(left):
                    await self._changed.wait()
        return self._buffer.take_all() or self._end_marker()

    def _end_marker(self) -> list[StreamItem]:
        """Nothing buffered: a final gap once the stream has ended (so a waiting flow stops
        waiting on it), else nothing."""
        if not self._ended:
            return []
        ended = as_htx_error(ConnectionError("the order push ended"), self._settings.url)
        return [PushGap("closed", error=ended)]

    def __aiter__(self) -> AsyncIterator[StreamItem]:
        return self

    async def __anext__(self) -> StreamItem:
        while True:
            item = self._buffer.take_one()
            if item is not None:
                break
            if self._ended:
                raise StopAsyncIteration
            self._changed.clear()
            await self._changed.wait()
        if isinstance(item, PushGap) and item.final and item.error is not None:
            raise item.error
        return item

    def _put(self, item: OrderUpdate | PushGap) -> None:
        if isinstance(item, PushGap):
            self._buffer.put_gap(item)
        else:
            self._buffer.put_update(item)
        self._changed.set()

    async def _main(self) -> None:
        failures = 0
        try:
            while True:
                try:
                    await self._connection()
                    error: HtxError = as_htx_error(
                        ConnectionError("the server closed the stream"), self._settings.url
                    )
                except Exception as exc:  # every failure: typed, reported
                    error = as_htx_error(exc, self._settings.url)
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
                await asyncio.sleep(reconnect_delay(failures))
        finally:
            self._ended = True
            self._changed.set()

    async def _connection(self) -> None:
        from websockets.asyncio.client import connect

        settings = self._settings
        async with connect(settings.url, **connect_options(settings)) as ws:
            self._ws = ws
            session = new_session(settings, self._credentials, self._contract_code, self._monotonic)
            for frame in session.opening_frames():
                log_frame("sent", frame)
                await ws.send(frame)
            while True:
                session.check()  # a server that floods other frames is still timed by pings
                try:
                    async with asyncio.timeout(max(session.time_left(), 0.001)):
                        data = await ws.recv()
                except TimeoutError:
                    session.check()
                    continue
                received = session.receive(data)
                for frame in received.send:
                    await ws.send(frame)
                if received.subscribed:
                    self._subscribed_once = True
                    self._opened.set()
                if received.update is not None:
                    self._put(received.update)
                if session.state is SessionState.CLOSED:
                    return
