"""``AsyncSwapClient``: the engine's flows run with one pooled ``httpx.AsyncClient``.

The same flows as ``SwapClient``; this driver adds only concurrency: the requests of one call
(chunks, polls) run at once, at most ``max_concurrency`` in flight. Each attempt is held to its
time as a whole by ``asyncio.timeout``.

A pool's connections belong to the event loop that opened them. The client's own pool is
closed by that loop's end (``asyncio.run`` finalizes the async generator ``_pool_keeper``
holds open) and made again in the next loop, so one client serves any number of
``asyncio.run()`` calls, one after another. A caller's ``http_client`` cannot be made again: a
call from a loop other than the one it was first used in is an ``InvalidRequestError`` naming
it, before anything is sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from collections.abc import AsyncGenerator, Callable, Mapping
from typing import TYPE_CHECKING, Any, Self

import attrs
import httpx

from htx_swap._clients.help_text import readable_help
from htx_swap._clients.surface import HTX_LIMITS, ClientSurface, Default, TimeoutArg, async_method
from htx_swap._engine.limiter import AccountLimiters, RateLimiter
from htx_swap._engine.steps import AwaitPushes, Fanout, Flow, OpenPush, Send, Sleep, TakeSlot
from htx_swap._model.constants import (
    ATTEMPT_GUARD_GRACE,
    DEFAULT_BACKOFF_INITIAL,
    DEFAULT_BACKOFF_MAX,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
)
from htx_swap._model.credentials import HtxCredentials
from htx_swap._model.errors import (
    APIConnectionError,
    ClientClosedError,
    HtxError,
    InvalidRequestError,
)
from htx_swap._observe.watch import CallEnded
from htx_swap._push.push_stream import DEFAULT_QUEUE_SIZE
from htx_swap._wire.body import ReadAnswer, answer_of, closed_mid_call, overran, reader_for
from htx_swap._wire.error_map import transport_error
from htx_swap._wire.validation import validate_contract_code

if TYPE_CHECKING:
    from htx_swap._engine.dead_man import DeadMansSwitch, SwitchCoordinator
    from htx_swap._push.push_async import AsyncOrderStream

__all__ = ["AsyncDriver", "AsyncSwapClient"]


async def _pool_keeper(http: httpx.AsyncClient) -> AsyncGenerator[None, None]:
    """Held open while a loop uses ``http``: the loop's end (``asyncio.run`` finalizes every
    async generator still open) closes the pool inside that loop, where its connections
    live."""
    try:
        yield
    finally:
        await http.aclose()


async def _close_push(stream: AsyncOrderStream | None, wait: float) -> None:
    if stream is not None:
        await stream.aclose(wait)


class AsyncDriver(ClientSurface):
    """The asyncio driver of every product's client (``AsyncSwapClient``,
    ``AsyncUsdtClient``, ``AsyncFuturesClient``): one pooled ``httpx.AsyncClient``, the
    requests of one call concurrently, at most ``max_concurrency`` in flight."""

    _public_method = staticmethod(async_method)  # a product's ``both_drivers`` methods, async

    def __init__(
        self,
        credentials: HtxCredentials,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: TimeoutArg = DEFAULT_TIMEOUT,
        http_client: httpx.AsyncClient | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        rate_limiter: RateLimiter | Default | None = HTX_LIMITS,
        read_rate_limiter: RateLimiter | Default | None = HTX_LIMITS,
        limiters: AccountLimiters | None = None,
        clock: Callable[[], float] = time.time,
        backoff_initial: float = DEFAULT_BACKOFF_INITIAL,
        backoff_max: float = DEFAULT_BACKOFF_MAX,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        event_hooks: Mapping[str, list[Callable[[Any], object]]] | None = None,
        max_concurrency: int = DEFAULT_MAX_CONCURRENCY,
        push_url: str | None = None,
    ) -> None:
        """Check every option (an ``InvalidRequestError`` names the one that is wrong) and make
        the client; nothing is sent before a method is called. The options are described on
        ``AsyncSwapClient`` and ``SwapClient``. ``base_url`` is used as given (default: HTX's
        live exchange): this constructor never reads ``HTX_BASE_URL`` or the keys from the
        environment; ``AsyncSwapClient.from_env(**options)`` does."""
        super().__init__(
            credentials,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            rate_limiter=rate_limiter,
            read_rate_limiter=read_rate_limiter,
            limiters=limiters,
            clock=clock,
            backoff_initial=backoff_initial,
            backoff_max=backoff_max,
            max_response_bytes=max_response_bytes,
            push_url=push_url,
            event_hooks=event_hooks,
        )
        if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int):
            raise InvalidRequestError("max_concurrency", f"must be an int, got {max_concurrency!r}")
        if max_concurrency < 1:
            raise InvalidRequestError("max_concurrency", "must be >= 1")
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise InvalidRequestError("http_client", "must be an httpx.AsyncClient")
        self._max_concurrency = max_concurrency
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(trust_env=self._trust_env)
        self._closed = False
        self._loop: weakref.ref[asyncio.AbstractEventLoop] | None = None  # the pool's loop
        self._keeper: AsyncGenerator[None, None] | None = None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (when the SDK made it); the client can no longer send."""
        self._closed = True
        if self._owns_http and self._loop_is(asyncio.get_running_loop()):
            await self._http.aclose()  # (a pool of another loop died with it)

    def _loop_is(self, loop: asyncio.AbstractEventLoop) -> bool:
        """Whether ``loop`` is the pool's loop (or the pool has none yet)."""
        return self._loop is None or self._loop() is loop

    async def _bind(self) -> None:
        """Hold the pool to the running loop: the first call binds it; a call in a later loop
        (the first one ended, as each ``asyncio.run()`` does) gets a new pool when the SDK made
        it, and an ``InvalidRequestError`` when the caller did."""
        parent = self._parent
        if isinstance(parent, AsyncSwapClient):  # with_options: the parent's pool, bound by it
            if not parent._closed:
                await parent._bind()
            self._http, self._loop = parent._http, parent._loop
            return
        loop = asyncio.get_running_loop()
        if self._loop is not None and self._loop() is loop:
            return
        last = None if self._loop is None else self._loop()
        if last is not None and last.is_running():
            raise InvalidRequestError(
                "event loop",
                f"this {type(self).__name__} is in use in another running event loop (another "
                "thread); make one client per event loop. Nothing was sent",
            )
        if self._loop is not None:
            if not self._owns_http:
                raise InvalidRequestError(
                    "http_client",
                    "was used in an event loop that has ended (an earlier asyncio.run()); its "
                    "connections ended with it. Make the httpx.AsyncClient inside the loop that "
                    "uses it, or let the SDK make its own (made again in each loop). Nothing "
                    "was sent",
                )
            if not self._http.is_closed:  # a loop that ended without finalizing: drop it
                self._http = httpx.AsyncClient(trust_env=self._trust_env)
        if self._owns_http:
            if self._http.is_closed:  # closed by the last loop's end
                self._http = httpx.AsyncClient(trust_env=self._trust_env)
            self._keeper = _pool_keeper(self._http)
            await anext(self._keeper)
        self._loop = weakref.ref(loop)

    def dead_mans_switch(
        self,
        timeout: float = 30.0,
        *,
        refresh: float | None = None,
        coordinator: SwitchCoordinator | None = None,
    ) -> contextlib.AbstractAsyncContextManager[DeadMansSwitch]:
        """Keep HTX's dead man's switch armed (``timeout`` seconds) while the block runs: a
        task re-arms it every ``refresh`` seconds (default a third of ``timeout``). A clean
        exit turns it off; an exception, or the process dying, leaves it armed, so HTX cancels
        every open order when it runs out. A failed refresh is raised at exit (and by
        ``switch.check()`` at once). At a clean exit the refresh in flight is waited for (within
        its attempt's bound) before the turn-off; ``SwitchMayBeArmedError`` when the exit cannot
        prove the switch off. With a ``coordinator`` (``RedisSwitchCoordinator``) the switch is
        shared by every process of the account: only the last holder's clean exit turns it
        off."""
        seconds, period = self._switch_times(timeout, refresh)
        arming = self._kind.cancel_after  # the product's switch operation
        from htx_swap._engine.dead_man import keep_armed_async  # imported when first used

        return keep_armed_async(self._cancel_after, self._run, seconds, period, coordinator, arming)

    async def _run(self, flow: Flow[Any], gate: asyncio.Semaphore | None = None) -> Any:  # noqa: ANN401 - each flow returns its own type
        """Drive ``flow``. ``gate`` bounds one public call: made here for the call's top flow,
        shared by every flow its fan-outs start, nested ones included. A flow holds a slot
        while it runs (sends, sleeps) and gives it back while it waits for its own fan-out,
        so at most ``max_concurrency`` requests of the call are in flight and a parent never
        holds a slot its children wait for."""
        if not self._closed:
            try:
                await self._bind()
            except InvalidRequestError:
                flow.close()
                raise
        if self._closed or self._http.is_closed:
            flow.close()
            raise ClientClosedError("the client is closed; nothing was sent")
        if gate is None:
            gate = asyncio.Semaphore(self._max_concurrency)
        outcome: object = None
        held = False
        stream: AsyncOrderStream | None = None  # the order push a flow opened, for its life
        close_by = 0.0  # the flow's deadline: closing the push never holds the call past it
        try:
            await gate.acquire()
            held = True
            while True:
                step = flow.send(outcome)
                if isinstance(step, Send):
                    outcome = await self._send(step)
                elif isinstance(step, Sleep):
                    await asyncio.sleep(step.seconds)
                    outcome = None
                elif isinstance(step, OpenPush | AwaitPushes | TakeSlot):
                    close_by = step.deadline if isinstance(step, OpenPush) else close_by
                    outcome, stream = await self._side_step(step, stream)
                else:
                    gate.release()
                    held = False
                    outcome = await self._fanout(step, gate)
                    await gate.acquire()
                    held = True
        except StopIteration as stop:
            return stop.value
        finally:
            if held:
                gate.release()
            flow.close()  # cancelled: the flow gives back what it holds (a rate-limit slot)
            await _close_push(stream, max(0.0, close_by - self._engine.monotonic()))

    async def _side_step(
        self, step: OpenPush | AwaitPushes | TakeSlot, stream: AsyncOrderStream | None
    ) -> tuple[object, AsyncOrderStream | None]:
        """What a push step or a shared bucket's slot gets back, and the flow's order push
        after it."""
        if isinstance(step, TakeSlot):  # in a worker thread: the loop never waits on Redis
            return await step.limiter.take_async(step.within, step.lasts), stream
        if isinstance(step, AwaitPushes):
            return ([] if stream is None else await stream.take(step.until)), stream
        opened = await self._open_push(step)
        return opened, None if isinstance(opened, HtxError) else opened

    async def _open_push(self, step: OpenPush) -> AsyncOrderStream | HtxError:
        from htx_swap._push.push_async import AsyncOrderStream

        within = step.until - self._engine.monotonic()
        stream = AsyncOrderStream(
            self._engine.auth.credentials, step.contract_code, self._push_settings(within)
        )
        try:
            return await stream.open(within)
        except HtxError as error:
            return error

    async def _fanout(self, step: Fanout, gate: asyncio.Semaphore) -> list[object]:
        async def one(flow: Flow[Any]) -> object:
            try:
                return await self._run(flow, gate)
            except HtxError as error:
                return error
            except CallEnded as ended:  # a hook ended the call: the others send nothing more
                return ended

        tasks = [asyncio.ensure_future(one(flow)) for flow in step.flows]
        try:
            waiting = set(tasks)
            while waiting:
                done, waiting = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
                if step.fail_fast and any(isinstance(t.result(), HtxError) for t in done):
                    break
        finally:  # a failure that ends the call, or the caller's cancellation: stop the rest
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
        results = [None if t.cancelled() else t.result() for t in tasks]
        for result in results:  # in flight when a hook ended the call: answered, never cut
            if isinstance(result, CallEnded):
                raise result
        return results

    async def _send(self, step: Send) -> ReadAnswer | HtxError:
        # httpx's own timeouts (each cut to the time left) end a slow connect or a stalled read
        # first, as ConnectTimeout (never sent) or ReadTimeout; the attempt's guard, a moment
        # later, ends only what they cannot: an answer trickled a byte at a time.
        response = None
        try:
            left = step.until - self._engine.monotonic()
            async with asyncio.timeout(max(0.0, left) + ATTEMPT_GUARD_GRACE):
                response = await self._http.send(
                    step.request, stream=True, follow_redirects=False, auth=None
                )
                try:
                    reader = reader_for(response, step)
                    if not response.is_stream_consumed:
                        async for raw in response.aiter_raw():
                            reader.feed(raw)
                    return answer_of(response, reader.body())
                finally:
                    await response.aclose()
        except RuntimeError as exc:  # the client closed by another task mid-call
            if self._closed or self._http.is_closed:
                return closed_mid_call(step, sent=response is not None)
            if "loop" not in str(exc):
                raise
            # a caller's client first used by the caller in a loop that has ended: its
            # connection died with that loop, maybe after the request was written
            return APIConnectionError(
                f"{step.where}: the http_client's connection belongs to an event loop that "
                f"has ended ({exc}); make the httpx.AsyncClient inside the loop that uses it",
                may_have_reached=True,
            )
        except TimeoutError:
            return overran(step)
        except httpx.HTTPError as exc:
            return transport_error(exc, step.where)
        except HtxError as error:
            return error


@readable_help
class AsyncSwapClient(AsyncDriver):
    """The asyncio twin of ``SwapClient`` over one pooled ``httpx.AsyncClient``; the requests
    of one call go concurrently, at most ``max_concurrency`` in flight."""

    sync_clock = async_method(ClientSurface._sync_clock)
    cancel = async_method(ClientSurface._cancel)
    cancel_many = async_method(ClientSurface._cancel_many)
    order_info = async_method(ClientSurface._order_info)
    cancel_and_confirm = async_method(ClientSurface._cancel_and_confirm)
    cancel_all = async_method(ClientSurface._cancel_all)
    cancel_all_trigger = async_method(ClientSurface._cancel_all_trigger)
    cancel_all_tpsl = async_method(ClientSurface._cancel_all_tpsl)
    cancel_all_trailing = async_method(ClientSurface._cancel_all_trailing)
    cancel_trigger = async_method(ClientSurface._cancel_trigger)
    cancel_tpsl = async_method(ClientSurface._cancel_tpsl)
    cancel_trailing = async_method(ClientSurface._cancel_trailing)
    cancel_after = async_method(ClientSurface._cancel_after)
    open_orders = async_method(ClientSurface._open_orders)
    panic = async_method(ClientSurface._panic)

    def order_updates(
        self, contract_code: str | None = None, *, queue_size: int = DEFAULT_QUEUE_SIZE
    ) -> AsyncOrderStream:
        """The asyncio twin of ``SwapClient.order_updates``: an async context manager that
        yields an async iterator of ``OrderUpdate`` and ``PushGap``; leaving it closes the
        connection and ends its task."""
        from htx_swap._push.push_async import AsyncOrderStream
        from htx_swap._push.push_wire import require_websockets

        require_websockets("order_updates")
        code = None if contract_code is None else validate_contract_code(contract_code)
        if self._closed:
            raise ClientClosedError("the client is closed; nothing was sent")
        settings = attrs.evolve(self._push_settings(), queue_size=queue_size)
        return AsyncOrderStream(self._engine.auth.credentials, code, settings)
