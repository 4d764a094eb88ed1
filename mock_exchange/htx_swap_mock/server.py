"""``MockExchange``: the exchange served over real HTTP by uvicorn on a background thread.

The server runs in its own thread with its own event loop, so synchronous tests can use it as
well as asynchronous ones, and a client's event loop never shares a loop with the server it is
testing against. The listening socket is bound in the caller's thread before the server starts,
so the real port (port 0 picks a free one) is known at once and a bind error is raised where
``start()`` was called.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Literal, Self

try:  # the `mock` extra: say which one to install rather than "No module named 'uvicorn'"
    import trustme  # noqa: F401 - used by htx_swap_mock.tls
    import uvicorn
except ImportError as exc:
    from htx_swap_mock.extra import install_hint

    raise ImportError(
        f"the local HTX exchange (htx_swap_mock) needs uvicorn and trustme ({exc});\n"
        f"{install_hint()}",
        name=exc.name,
    ) from exc

from htx_swap_mock.app import ExchangeApp
from htx_swap_mock.asgi import Scope
from htx_swap_mock.cancel_after import CancelAfterState
from htx_swap_mock.faults import Fault, FaultRule, RequestPredicate
from htx_swap_mock.lifecycle import (
    DEFAULT_LEVER_RATE,
    DEFAULT_PRICE,
    DEFAULT_VOLUME,
    Direction,
    Offset,
    OnCancel,
    OrderKind,
    Quantity,
)
from htx_swap_mock.moves import Move, MoveRule
from htx_swap_mock.order_spec import OrderSpec
from htx_swap_mock.orders import Order, OrderState
from htx_swap_mock.recording import ReceivedRequest
from htx_swap_mock.request_log import describe
from htx_swap_mock.settings import ExchangeSettings, TimestampErrorStyle
from htx_swap_mock.state import ExchangeState
from htx_swap_mock.tls import ThrowawayTLS
from htx_swap_mock.verify import DEFAULT_TOLERANCE

__all__ = ["DEFAULT_CREDENTIALS", "MockExchange"]

DEFAULT_CREDENTIALS: Mapping[str, str] = {"mock-access-key": "mock-secret-key"}
START_TIMEOUT = 10.0
STOP_TIMEOUT = 10.0
# A request still in flight at shutdown (a long delay, a client that never reads) is given
# this long before uvicorn cancels it, so stop() stays bounded.
GRACEFUL_SHUTDOWN = 2
STRATEGY_CANCEL_LIMIT = (5, 1.0)  # HTX: each trigger/TP-SL/trailing cancel endpoint, 5 per second


class _Server(uvicorn.Server):
    """uvicorn's server, told when it is listening and woken at once when asked to exit
    (uvicorn alone polls every 0.1 s, which adds up over a test suite)."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_started = on_started
        self.exit_requested = asyncio.Event()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self._on_started()

    async def main_loop(self) -> None:
        counter = 0
        while not await self.on_tick(counter):  # on_tick keeps the Date header current
            counter = (counter + 1) % 864000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.exit_requested.wait(), 0.1)

    def request_exit(self) -> None:
        """Call on the server's loop."""
        self.should_exit = True
        self.exit_requested.set()


def _delay(seconds: float) -> float:
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not seconds >= 0:
        raise ValueError(f"cancel_delay must be a number of seconds >= 0, got {seconds!r}")
    return float(seconds)


def _min_timeout(ms: int) -> int:
    if isinstance(ms, bool) or not isinstance(ms, int) or ms < 1:
        raise ValueError(f"cancel_after_min_timeout_ms must be an integer >= 1, got {ms!r}")
    return ms


def _interval(seconds: float) -> float:
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not seconds > 0:
        raise ValueError(f"cancel_after_check_interval must be > 0 seconds, got {seconds!r}")
    return float(seconds)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.create_server((host, port), family=family)
    # Accepted connections inherit it. asyncio sets TCP_NODELAY itself only on sockets it
    # creates with proto=IPPROTO_TCP; create_server's have proto 0, so without this every
    # answer after the first on a kept-alive connection waits ~40 ms for the client's delayed
    # ACK (Nagle).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


class MockExchange:
    """A local HTX-compatible exchange: the coin-margined swap cancel family (``swap_cancel``,
    ``swap_cancelall``, the trigger / TP-SL / trailing cancels and cancel-alls,
    ``swap-cancel-after``), ``swap_order_info`` and the four open-orders queries (signed), and
    ``GET /api/v1/timestamp``, with orders of each kind and their lifecycle, a dead man's
    switch per key, faults, rate limits and a record of requests.

    >>> with MockExchange(cancel_delay=0.1) as ex:  # doctest: +SKIP
    ...     ex.add_order("BTC-USD", 771038212360937472, on_cancel="fill")
    ...     print(ex.url)

    ``credentials`` maps access keys to secret keys (the first pair is ``access_key`` /
    ``secret_key``). ``rate_limit`` is the trade bucket (swap_cancel), ``(requests, seconds)``
    per access key, or None; ``read_rate_limit`` the read bucket (swap_order_info), counted
    apart as on HTX, by default with the same numbers as ``rate_limit``. ``cancel_delay`` is
    how long an accepted cancel shows as cancelling (status 11) before it takes effect.
    ``clock`` is the server's time source (POSIX seconds); ``clock_offset`` skews it. Order
    times and cancel delays run on that clock, so a test with its own clock moves orders on
    by moving the clock. ``strategy_cancel_rate_limit`` is the own count of each of the six
    trigger/TP-SL/trailing cancel endpoints (HTX: 5 per second; ``"auto"``: that when
    ``rate_limit`` is on, else off). ``cancel_after_min_timeout_ms`` and
    ``cancel_after_check_interval`` (seconds) tune the dead man's switch (HTX: 5000 ms, about
    10 ms); tests lower them. ``request_log`` is called with one line per request once it was
    answered (method, path, HTTP status and HTX's code, the signature check's verdict; never
    a secret nor a signature), on the server's thread: ``htx-swap-mock --log-requests``.
    """

    def __init__(
        self,
        *,
        credentials: Mapping[str, str] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        tls: bool = False,
        rate_limit: tuple[int, float] | None = (72, 3.0),
        read_rate_limit: tuple[int, float] | Literal["same"] | None = "same",
        rate_limit_status: int = 429,
        gateway_error_status: int = 200,
        timestamp_error: TimestampErrorStyle | str = TimestampErrorStyle.BUSINESS,
        timestamp_tolerance: float = DEFAULT_TOLERANCE,
        clock: Callable[[], float] = time.time,
        cancel_delay: float = 0.0,
        strategy_cancel_rate_limit: tuple[int, float] | Literal["auto"] | None = "auto",
        cancel_after_min_timeout_ms: int = 5000,
        cancel_after_check_interval: float = 0.01,
        request_log: Callable[[str], None] | None = None,
    ) -> None:
        pairs = dict(DEFAULT_CREDENTIALS if credentials is None else credentials)
        for key, secret in pairs.items():
            if not isinstance(key, str) or not key or not isinstance(secret, str) or not secret:
                raise ValueError("credentials must map non-empty access keys to secret keys")
        settings = ExchangeSettings(
            timestamp_tolerance=timestamp_tolerance,
            timestamp_error=TimestampErrorStyle(timestamp_error),
            gateway_error_status=gateway_error_status,
            rate_limit_status=rate_limit_status,
            cancel_delay=_delay(cancel_delay),
            cancel_after_min_timeout_ms=_min_timeout(cancel_after_min_timeout_ms),
            cancel_after_check_interval=_interval(cancel_after_check_interval),
        )
        if strategy_cancel_rate_limit == "auto":
            strategy_cancel_rate_limit = None if rate_limit is None else STRATEGY_CANCEL_LIMIT
        self._state = ExchangeState(
            pairs,
            settings,
            rate_limit,
            clock,
            read_rate_limit=rate_limit if read_rate_limit == "same" else read_rate_limit,
            strategy_cancel_rate_limit=strategy_cancel_rate_limit,
        )
        self._request_log = request_log
        self._host = host
        self._requested_port = port
        self._tls_wanted = tls
        self._lifecycle = threading.Lock()
        self._tls: ThrowawayTLS | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: _Server | None = None
        self._app: ExchangeApp | None = None
        self._port: int | None = None
        self._startup_error: BaseException | None = None

    def __repr__(self) -> str:
        where = self.url if self.running else "stopped"
        return f"MockExchange({where}, access_key={self.access_key!r})"

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind, start serving and return once the server accepts connections."""
        with self._lifecycle:
            if self._thread is not None:
                raise RuntimeError("this MockExchange is already running")
            sock = _bind(self._host, self._requested_port)
            tls = None
            try:
                tls = ThrowawayTLS() if self._tls_wanted else None
                self._start_thread(sock, tls)
            except BaseException:
                sock.close()
                if tls is not None:
                    tls.close()
                raise
            self._tls = tls
            self._port = sock.getsockname()[1]
        return self

    def _start_thread(self, sock: socket.socket, tls: ThrowawayTLS | None) -> None:
        app = ExchangeApp(
            self._state,
            close_connection=self._close_connection,
            transport_of=self._transport_of,
            on_answer=None if self._request_log is None else self._log_answer,
        )
        config = uvicorn.Config(
            app,
            lifespan="off",
            log_config=None,  # leave the host application's logging alone
            access_log=False,
            http="h11",  # the protocol whose connections _close_connection knows
            ws="none",
            proxy_headers=False,  # scope["client"] must stay the real peer (see drop)
            server_header=False,
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN,
            ssl_context_factory=None if tls is None else (lambda _c, _d: tls.server_context()),
            interface="asgi3",
        )
        ready = threading.Event()
        server = _Server(config, ready.set)
        self._startup_error = None
        thread = threading.Thread(
            target=self._run,
            args=(server, app, sock, ready),
            name=f"htx-swap-mock-{sock.getsockname()[1]}",
            daemon=True,  # never keep the interpreter alive; stop() joins it
        )
        thread.start()
        if not ready.wait(START_TIMEOUT) or not server.started:
            self._loop_call(server.request_exit)
            thread.join(STOP_TIMEOUT)
            raise RuntimeError(
                f"the mock exchange did not start: {self._startup_error or 'timed out'}"
            )
        self._thread, self._server, self._app = thread, server, app

    def _run(
        self, server: _Server, app: ExchangeApp, sock: socket.socket, ready: threading.Event
    ) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop

        async def serve() -> None:
            # The dead man's switches are checked on a timer for as long as the server runs.
            watcher = asyncio.create_task(app.watch_cancel_after())
            try:
                await server.serve(sockets=[sock])
            finally:
                watcher.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await watcher

        try:
            loop.run_until_complete(serve())
        except BaseException as exc:  # uvicorn exits with SystemExit when startup fails
            self._startup_error = exc
        finally:
            ready.set()
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
                loop.run_until_complete(loop.shutdown_default_executor())
            finally:
                loop.close()

    def _log_answer(self, request: ReceivedRequest, status: int | None, body: bytes) -> None:
        if self._request_log is not None:
            self._request_log(describe(request, status, body, self._state.credentials))

    def _loop_call(self, callback: Callable[[], None]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            # RuntimeError: the loop closed in between, so there is nothing left to stop.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(callback)

    def stop(self) -> None:
        """Stop serving, close every connection and the listening socket; idempotent."""
        with self._lifecycle:
            thread, server, app = self._thread, self._server, self._app
            if thread is None or server is None or app is None:
                return

            def request_stop() -> None:
                app.stopping.set()  # ends delays and stalls still waiting
                server.request_exit()

            self._loop_call(request_stop)
            thread.join(STOP_TIMEOUT)
            if thread.is_alive():  # pragma: no cover - only if a handler ignores cancellation
                server.force_exit = True
                thread.join(STOP_TIMEOUT)
            if self._tls is not None:
                self._tls.close()
            self._thread = self._server = self._app = self._loop = None
            self._tls = None
            self._port = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> Self:
        # Starting and stopping block briefly (thread start and join): keep the caller's
        # event loop free meanwhile.
        await asyncio.to_thread(self.start)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await asyncio.to_thread(self.stop)

    def _transport_of(self, scope: Scope) -> asyncio.WriteTransport | None:
        """The transport of the connection ``scope`` came on. ASGI gives an app no transport,
        so the connection is found among uvicorn's by its peer address; runs on the server
        loop."""
        server, client = self._server, scope.get("client")
        if server is None or client is None:
            return None
        for connection in list(server.server_state.connections):
            if getattr(connection, "client", None) == tuple(client):
                transport = getattr(connection, "transport", None)
                return transport if isinstance(transport, asyncio.WriteTransport) else None
        return None

    def _close_connection(self, scope: Scope, abort: bool) -> bool:
        """Close the connection ``scope`` came on; runs on the server loop."""
        transport = self._transport_of(scope)
        if transport is None:
            return False
        if abort:
            transport.abort()  # nothing is flushed: the client gets no byte
        else:
            transport.close()  # flush what was sent (a cut body), then close
        return True

    # -- where and who -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def host(self) -> str:
        return self._host

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the mock exchange is not running")
        return self._port

    @property
    def url(self) -> str:
        """e.g. ``http://127.0.0.1:54321`` (IPv6 hosts in brackets); no trailing slash."""
        scheme = "https" if self._tls_wanted else "http"
        host = f"[{self._host}]" if ":" in self._host else self._host
        return f"{scheme}://{host}:{self.port}"

    @property
    def credentials(self) -> dict[str, str]:
        return dict(self._state.credentials)

    @property
    def access_key(self) -> str:
        return next(iter(self._state.credentials))

    @property
    def secret_key(self) -> str:
        return self._state.credentials[self.access_key]

    @property
    def tls(self) -> bool:
        return self._tls_wanted

    def _running_tls(self) -> ThrowawayTLS:
        if self._tls is None:
            raise RuntimeError("TLS is only available on a running MockExchange(tls=True)")
        return self._tls

    @property
    def ca_cert_pem(self) -> bytes:
        """The throwaway CA's certificate (PEM) that signed the server's certificate."""
        return self._running_tls().ca_cert_pem

    @property
    def ca_cert_pem_path(self) -> str:
        """A file holding ``ca_cert_pem``; removed when the exchange stops."""
        return str(self._running_tls().ca_cert_path)

    def client_ssl_context(self) -> ssl.SSLContext:
        """An SSL context trusting only this exchange's CA: ``httpx.Client(verify=...)``."""
        return self._running_tls().client_context()

    # -- behaviour -------------------------------------------------------------------------

    @property
    def settings(self) -> ExchangeSettings:
        """Mutable switches (timestamp error style, statuses, tolerance, clock offset)."""
        return self._state.settings

    @property
    def clock_offset(self) -> float:
        """Seconds added to the server clock, for the timestamp check and GET /api/v1/timestamp."""
        return self._state.settings.clock_offset

    @clock_offset.setter
    def clock_offset(self, seconds: float) -> None:
        self._state.settings.clock_offset = float(seconds)

    @property
    def rate_limit(self) -> tuple[int, float] | None:
        """The trade bucket (swap_cancel); setting it restarts its counts."""
        return self._state.rate_limit

    @rate_limit.setter
    def rate_limit(self, value: tuple[int, float] | None) -> None:
        self._state.set_rate_limit(value)

    @property
    def read_rate_limit(self) -> tuple[int, float] | None:
        """The read bucket (swap_order_info); setting it restarts its counts."""
        return self._state.read_rate_limit

    @read_rate_limit.setter
    def read_rate_limit(self, value: tuple[int, float] | None) -> None:
        self._state.set_read_rate_limit(value)

    @property
    def strategy_cancel_rate_limit(self) -> tuple[int, float] | None:
        """Each trigger/TP-SL/trailing cancel endpoint's own count; setting it restarts them."""
        return self._state.strategy_cancel_rate_limit

    @strategy_cancel_rate_limit.setter
    def strategy_cancel_rate_limit(self, value: tuple[int, float] | None) -> None:
        self._state.set_strategy_cancel_rate_limit(value)

    @property
    def cancel_delay(self) -> float:
        """Seconds from an accepted cancel to its effect; applies to cancels accepted later."""
        return self._state.settings.cancel_delay

    @cancel_delay.setter
    def cancel_delay(self, seconds: float) -> None:
        self._state.settings.cancel_delay = _delay(seconds)

    def server_time_ms(self) -> int:
        """What GET /api/v1/timestamp would answer now."""
        return self._state.now_ms()

    # -- orders ----------------------------------------------------------------------------

    def add_order(
        self,
        contract_code: str,
        order_id: int | str,
        *,
        kind: OrderKind | str = OrderKind.LIMIT,
        client_order_id: int | str | None = None,
        volume: Quantity = DEFAULT_VOLUME,
        price: Quantity = DEFAULT_PRICE,
        direction: Direction | str = Direction.BUY,
        offset: Offset | str = Offset.OPEN,
        state: OrderState | str | int = OrderState.OPEN,
        trade_volume: Quantity | None = None,
        on_cancel: OnCancel | str = OnCancel.CANCEL,
        lever_rate: int = DEFAULT_LEVER_RATE,
        trigger_type: str = "ge",
        trigger_price: Quantity | None = None,
        tpsl_order_type: str = "tp",
        callback_rate: Quantity = "0.01",
    ) -> Order:
        """Seed (or replace) an order of ``kind`` (``"limit"``, ``"trigger"``, ``"tpsl"``,
        ``"trailing"``) in that kind's book; ids are ints or decimal strings, kept exact.

        ``state`` is an ``OrderState``, its name or HTX's status code. ``trade_volume`` None
        means what the state implies (all for filled, half for partially filled, else 0).
        ``on_cancel`` is what an accepted cancel leads to: ``"cancel"`` (7, or 5 when partly
        traded), ``"fill"`` (6), ``"partial_fill"`` (5 with part of the rest traded) or
        ``"never"`` (stays 11). Strategy orders are ``open`` or ``cancelled`` and take the
        strategy fields (see ``OrderSpec``). ValueError for anything inconsistent.
        """
        return self.add(
            OrderSpec(
                contract_code,
                order_id,
                kind=kind,
                client_order_id=client_order_id,
                state=state,
                volume=volume,
                price=price,
                direction=direction,
                offset=offset,
                lever_rate=lever_rate,
                trade_volume=trade_volume,
                on_cancel=on_cancel,
                trigger_type=trigger_type,
                trigger_price=trigger_price,
                tpsl_order_type=tpsl_order_type,
                callback_rate=callback_rate,
            )
        )

    def add(self, spec: OrderSpec) -> Order:
        """Seed (or replace) the order ``spec`` describes, in its kind's book."""
        return self._state.book(spec.kind).add(spec)

    def order(
        self, contract_code: str, order_id: int | str, *, kind: OrderKind | str = OrderKind.LIMIT
    ) -> Order | None:
        """The order as it is now (a delayed cancel that has come due has taken effect)."""
        return self._state.book(kind).get(contract_code, order_id)

    def order_state(
        self, contract_code: str, order_id: int | str, *, kind: OrderKind | str = OrderKind.LIMIT
    ) -> OrderState | None:
        """The order's state now, or None if there is no such order."""
        order = self.order(contract_code, order_id, kind=kind)
        return None if order is None else order.state

    def set_order_state(
        self,
        contract_code: str,
        order_id: int | str,
        state: OrderState | str | int,
        *,
        kind: OrderKind | str = OrderKind.LIMIT,
    ) -> Order:
        """Move an order by hand (its pending cancel, if any, is forgotten); KeyError if
        unknown."""
        return self._state.book(kind).set_state(contract_code, order_id, state)

    def fill_order(
        self, contract_code: str, order_id: int | str, volume: Quantity | None = None
    ) -> Order:
        """Trade ``volume`` more of an open or partially filled limit order now (None: all
        the rest): it becomes filled (6) or partially filled (4). KeyError if unknown,
        ValueError if it cannot fill that much."""
        return self._state.orders.fill(contract_code, order_id, volume)

    def orders(self, kind: OrderKind | str | None = OrderKind.LIMIT) -> list[Order]:
        """The orders of ``kind``'s book (None: every book, limit orders first)."""
        kinds = list(OrderKind) if kind is None else [OrderKind(kind)]
        return [order for k in kinds for order in self._state.book(k).all()]

    def open_orders(
        self, contract_code: str | None = None, *, kind: OrderKind | str = OrderKind.LIMIT
    ) -> list[Order]:
        """What the kind's open-orders query would list (every page, oldest first)."""
        return self._state.book(kind).open_orders(contract_code)

    # -- dead man's switch -----------------------------------------------------------------

    def cancel_after(self, access_key: str | None = None) -> CancelAfterState:
        """The swap-cancel-after switch of ``access_key`` (default: ``access_key``): whether
        it is armed and when it triggers, how often it fired and what it cancelled last."""
        return self._state.switches.get(self.access_key if access_key is None else access_key)

    @property
    def cancel_after_min_timeout_ms(self) -> int:
        return self._state.settings.cancel_after_min_timeout_ms

    @cancel_after_min_timeout_ms.setter
    def cancel_after_min_timeout_ms(self, ms: int) -> None:
        self._state.settings.cancel_after_min_timeout_ms = _min_timeout(ms)

    # -- faults ----------------------------------------------------------------------------

    def inject(
        self,
        fault: Fault,
        *,
        times: int | None = 1,
        path: str | None = None,
        when: RequestPredicate | None = None,
        after_processing: bool = False,
    ) -> FaultRule:
        """Answer the next ``times`` matching requests (None: all of them) with ``fault``.

        ``path`` and ``when`` narrow which requests match (admin requests never do).
        ``after_processing=True`` applies the cancel first and then fails the answer.
        """
        rule = FaultRule(
            fault, times=times, path=path, when=when, after_processing=after_processing
        )
        return self._state.faults.add(rule)

    def pending_faults(self) -> list[FaultRule]:
        return self._state.faults.pending()

    def clear_faults(self) -> None:
        self._state.faults.clear()

    # -- market moves ----------------------------------------------------------------------

    def schedule(
        self,
        move: Move,
        *,
        after: int = 1,
        path: str | None = None,
        page_index: int | None = None,
        in_seconds: float | None = None,
    ) -> MoveRule:
        """Make the market move (``moves.fire_trigger(...)``, ``moves.place_order(spec)``):
        once the exchange has processed the ``after``-th request to ``path`` (None: any),
        counting only requests for page ``page_index`` of an open-orders query when given (that
        request's answer still shows the book before the move); or ``in_seconds`` from now on
        the server clock. ``rule.done`` says what it did, once done."""
        if not isinstance(move, Move):
            raise ValueError(f"schedule needs a Move (htx_swap_mock.moves), got {move!r}")
        due_at = None
        if in_seconds is not None:
            if isinstance(in_seconds, bool) or not isinstance(in_seconds, int | float):
                raise ValueError(f"in_seconds must be a number, got {in_seconds!r}")
            due_at = self._state.now() + float(in_seconds)
        rule = MoveRule(move, path=path, page_index=page_index, after=after, due_at=due_at)
        return self._state.moves.add(rule)

    def scheduled_moves(self) -> list[MoveRule]:
        """Every scheduled move, done or not, oldest first."""
        return self._state.moves.all()

    def clear_moves(self) -> None:
        self._state.moves.clear()

    # -- what was received -----------------------------------------------------------------

    @property
    def received(self) -> list[ReceivedRequest]:
        """Every request but the admin API's, oldest first (a copy)."""
        return self._state.log.snapshot()

    def clear_received(self) -> None:
        self._state.log.clear()

    def reset(self) -> None:
        """Orders of every kind, dead man's switches, faults, scheduled moves, records,
        rate-limit counts and settings back to a fresh exchange."""
        self._state.reset()
