"""``SwapClient``: the engine's flows run with one pooled ``httpx.Client``.

The engine (``engine.py``) decides everything; this driver only sends, reads (the body capped,
the attempt held to its time), sleeps and runs sub-flows one after another.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Self

import attrs
import httpx

from htx_swap._clients.help_text import readable_help
from htx_swap._clients.surface import (
    HTX_LIMITS,
    ClientSurface,
    Default,
    TimeoutArg,
    sync_method,
)
from htx_swap._engine.limiter import AccountLimiters, RateLimiter
from htx_swap._engine.steps import AwaitPushes, Fanout, Flow, OpenPush, Send, Sleep, TakeSlot
from htx_swap._model.constants import (
    ATTEMPT_GUARD_GRACE,
    DEFAULT_BACKOFF_INITIAL,
    DEFAULT_BACKOFF_MAX,
    DEFAULT_BASE_URL,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
)
from htx_swap._model.credentials import HtxCredentials
from htx_swap._model.errors import ClientClosedError, HtxError, InvalidRequestError
from htx_swap._push.push_stream import DEFAULT_QUEUE_SIZE
from htx_swap._wire.body import ReadAnswer, answer_of, closed_mid_call, overran, reader_for
from htx_swap._wire.deadline import local as _deadline
from htx_swap._wire.deadline import on_helper_thread
from htx_swap._wire.error_map import transport_error
from htx_swap._wire.validation import validate_contract_code

if TYPE_CHECKING:
    from htx_swap._engine.dead_man import DeadMansSwitch, SwitchCoordinator
    from htx_swap._push.push_sync import OrderStream

__all__ = ["SwapClient", "SyncDriver"]


class SyncDriver(ClientSurface):
    """The sync driver of every product's client (``SwapClient``, ``UsdtClient``,
    ``FuturesClient``): the engine's flows run with one pooled ``httpx.Client``; the options are
    described on ``SwapClient``."""

    _public_method = staticmethod(sync_method)  # a product's ``both_drivers`` methods, sync

    def __init__(
        self,
        credentials: HtxCredentials,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: TimeoutArg = DEFAULT_TIMEOUT,
        http_client: httpx.Client | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        rate_limiter: RateLimiter | Default | None = HTX_LIMITS,
        read_rate_limiter: RateLimiter | Default | None = HTX_LIMITS,
        limiters: AccountLimiters | None = None,
        clock: Callable[[], float] = time.time,
        backoff_initial: float = DEFAULT_BACKOFF_INITIAL,
        backoff_max: float = DEFAULT_BACKOFF_MAX,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        push_url: str | None = None,
        event_hooks: Mapping[str, list[Callable[[Any], object]]] | None = None,
    ) -> None:
        """Check every option (an ``InvalidRequestError`` names the one that is wrong) and make
        the client; nothing is sent before a method is called. The options are described on
        ``SwapClient`` itself. ``base_url`` is used as given (default: HTX's live exchange): this
        constructor never reads ``HTX_BASE_URL`` or the keys from the environment;
        ``SwapClient.from_env(**options)`` does."""
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
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise InvalidRequestError("http_client", "must be an httpx.Client")
        self._owns_http = http_client is None
        # over a transport that cannot cut socket reads (a caller's, a SOCKS proxy's) each
        # attempt runs on a helper thread that the call stops waiting for at its end
        self._guard = not self._owns_http
        if http_client is None:  # every attempt bounded whole, through a proxy or not
            from htx_swap._wire.transport import sdk_transport  # httpcore: as httpx.Client does

            transport = sdk_transport(self._base_url, trust_env=self._trust_env)
            http_client = httpx.Client(transport=transport, trust_env=transport is None)
            self._guard = transport is None
        self._http = http_client
        self._closed = False

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool (when the SDK made it); the client can no longer send."""
        self._closed = True
        if self._owns_http:
            self._http.close()

    def dead_mans_switch(
        self,
        timeout: float = 30.0,
        *,
        refresh: float | None = None,
        coordinator: SwitchCoordinator | None = None,
    ) -> contextlib.AbstractContextManager[DeadMansSwitch]:
        """Keep HTX's dead man's switch armed (``timeout`` seconds) while the block runs: a
        thread re-arms it every ``refresh`` seconds (default a third of ``timeout``). A clean
        exit turns it off; an exception, or the process dying, leaves it armed, so HTX cancels
        every open order when it runs out. A failed refresh is raised at exit (and by
        ``switch.check()`` at once). At a clean exit the refresh in flight is waited for (within
        its attempt's bound) before the turn-off; ``SwitchMayBeArmedError`` when the exit cannot
        prove the switch off. With a ``coordinator`` (``RedisSwitchCoordinator``) the switch is
        shared by every process of the account: only the last holder's clean exit turns it
        off."""
        seconds, period = self._switch_times(timeout, refresh)
        arming = self._kind.cancel_after  # the product's switch operation
        from htx_swap._engine.dead_man import keep_armed  # imported when first used

        return keep_armed(self._cancel_after, self._run, seconds, period, coordinator, arming)

    def _run(self, flow: Flow[Any]) -> Any:  # noqa: ANN401 - each flow returns its own type
        if self._closed or self._http.is_closed:
            flow.close()
            raise ClientClosedError("the client is closed; nothing was sent")
        outcome: object = None
        stream: OrderStream | None = None  # the order push a flow opened, for its life
        close_by = 0.0  # the flow's deadline: closing the push never holds the call past it
        try:
            while True:
                step = flow.send(outcome)
                if isinstance(step, Send):
                    outcome = self._send(step)
                elif isinstance(step, TakeSlot):
                    outcome = step.limiter.take(step.within, step.lasts)
                elif isinstance(step, Sleep):
                    time.sleep(step.seconds)
                    outcome = None
                elif isinstance(step, OpenPush):
                    opened, close_by = self._open_push(step), step.deadline
                    outcome, stream = opened, None if isinstance(opened, HtxError) else opened
                elif isinstance(step, AwaitPushes):
                    outcome = [] if stream is None else stream.take(step.until)
                else:
                    outcome = self._fanout(step)
        except StopIteration as stop:
            return stop.value
        finally:
            flow.close()  # interrupted (Ctrl-C): the flow gives back what it holds
            if stream is not None:
                stream.close(wait=max(0.0, close_by - self._engine.monotonic()))

    def _open_push(self, step: OpenPush) -> OrderStream | HtxError:
        from htx_swap._push.push_sync import OrderStream

        within = step.until - self._engine.monotonic()
        stream = OrderStream(
            self._engine.auth.credentials, step.contract_code, self._push_settings(within)
        )
        try:
            return stream.open(within)
        except HtxError as error:
            return error

    def _fanout(self, step: Fanout) -> list[object]:
        results: list[object] = []
        failed = False
        for flow in step.flows:
            if failed and step.fail_fast:
                flow.close()
                results.append(None)
                continue
            try:
                results.append(self._run(flow))
            except HtxError as error:
                results.append(error)
                failed = True
        return results

    def _send(self, step: Send) -> ReadAnswer | HtxError:
        if self._guard:  # a transport that cannot cut socket reads: stop waiting instead
            wait = max(0.0, step.until - self._engine.monotonic()) + ATTEMPT_GUARD_GRACE
            outcome = on_helper_thread(lambda: self._attempt(step), step.until, wait)
            return overran(step) if outcome is None else outcome
        _deadline.until = step.until  # DeadlineTransport's sockets end by then
        try:
            return self._attempt(step)
        finally:
            _deadline.until = None

    def _attempt(self, step: Send) -> ReadAnswer | HtxError:
        response = None
        try:
            response = self._http.send(step.request, stream=True, follow_redirects=False, auth=None)
            reader = reader_for(response, step)
            for raw in () if response.is_stream_consumed else response.iter_raw():
                reader.feed(raw)
                if self._engine.monotonic() > step.until:  # a trickle cannot hold it
                    return overran(step)
            return answer_of(response, reader.body())
        except httpx.HTTPError as exc:
            return transport_error(exc, step.where)
        except HtxError as error:  # the body's cap, or one a caller's transport or hook raised
            return error
        except RuntimeError:  # the client closed by another thread mid-call
            if not (self._closed or self._http.is_closed):
                raise
            return closed_mid_call(step, sent=response is not None)
        finally:
            if response is not None:
                response.close()


@readable_help
class SwapClient(SyncDriver):
    """Signed, validated, typed access to HTX swap cancels over one pooled ``httpx.Client``.

    ``base_url`` must be https (plain http only to a loopback host, which never goes through a
    proxy). ``timeout`` bounds each attempt as a whole, connect to last byte (seconds, or an
    ``httpx.Timeout`` whose parts add up); it is never None. A call's total time is bounded by
    ``(max_retries + 2) * timeout + max_retries * (backoff_max + backoff_initial)`` (every
    attempt, backoff and one clock resync). ``http_client`` lets you bring your own
    ``httpx.Client`` (transports, proxies); the SDK signs each request itself, never follows a
    redirect, and does not close it. ``limiters`` (an ``AccountLimiters``, shared by every
    client of one account, sync or async) holds every rate-limit bucket HTX counts: trades
    (72 per 3 s), reads (72 per 3 s) and each strategy cancel endpoint's 5 per second; without
    it each client has its own. ``rate_limiter`` / ``read_rate_limiter`` set the trade / read
    bucket alone (``HTX_LIMITS``: HTX's documented limits; None: off; a ``RateLimiter``: that
    bucket, and clients given the same one share the account's other buckets too).
    ``max_retries``, ``backoff_initial`` and ``backoff_max`` shape retries (``RetryPolicy``);
    ``max_response_bytes`` caps an answer's decoded size. ``event_hooks``
    (``{"request": [...], "response": [...]}``) are called once per attempt with the signed
    request redacted (``htx_swap._observe.hooks``); ``with_options(...)`` makes a client with
    another time bound or retry policy on the same pool and limiters.
    """

    sync_clock = sync_method(ClientSurface._sync_clock)
    cancel = sync_method(ClientSurface._cancel)
    cancel_many = sync_method(ClientSurface._cancel_many)
    order_info = sync_method(ClientSurface._order_info)
    cancel_and_confirm = sync_method(ClientSurface._cancel_and_confirm)
    cancel_all = sync_method(ClientSurface._cancel_all)
    cancel_all_trigger = sync_method(ClientSurface._cancel_all_trigger)
    cancel_all_tpsl = sync_method(ClientSurface._cancel_all_tpsl)
    cancel_all_trailing = sync_method(ClientSurface._cancel_all_trailing)
    cancel_trigger = sync_method(ClientSurface._cancel_trigger)
    cancel_tpsl = sync_method(ClientSurface._cancel_tpsl)
    cancel_trailing = sync_method(ClientSurface._cancel_trailing)
    cancel_after = sync_method(ClientSurface._cancel_after)
    open_orders = sync_method(ClientSurface._open_orders)
    panic = sync_method(ClientSurface._panic)

    def order_updates(
        self, contract_code: str | None = None, *, queue_size: int = DEFAULT_QUEUE_SIZE
    ) -> OrderStream:
        """The order push of ``contract_code`` (None: every contract), as a context manager
        that yields an iterator of ``OrderUpdate``, and of ``PushGap`` wherever updates may be
        missing (the consumer fell ``queue_size`` behind, or the connection was made again:
        HTX replays nothing, so read what matters after a gap). Entering connects,
        authenticates and subscribes, each time-boxed, and raises why it could not
        (``PushAuthRefusedError``: never retried); later disconnects are retried with backoff.
        Leaving closes the connection and ends its thread. Needs the ``[push]`` extra."""
        from htx_swap._push.push_sync import OrderStream
        from htx_swap._push.push_wire import require_websockets

        require_websockets("order_updates")
        code = None if contract_code is None else validate_contract_code(contract_code)
        if self._closed:
            raise ClientClosedError("the client is closed; nothing was sent")
        settings = attrs.evolve(self._push_settings(), queue_size=queue_size)
        return OrderStream(self._engine.auth.credentials, code, settings)
