"""One order-push connection's protocol as decisions only (I/O-free): auth, then sub, each
answer time-boxed, then the stream with its heartbeat; and whether an error is worth a new
connection. The frames and their decoding are ``htx_swap._push.push_protocol``'s.

>>> import json
>>> from htx_swap._push.push_protocol import gzip_frame
>>> session = PushSession(HtxCredentials("ak", "sk"), url="wss://api.hbdm.com/swap-notification",
...                       contract_code="BTC-USD", clock=lambda: 0.0, wall_clock=lambda: 0.0)
>>> [json.loads(frame)["op"] for frame in session.opening_frames()], session.state.value
(['auth'], 'authenticating')
>>> session.receive(gzip_frame({"op": "auth", "err-code": 0})).send
('{"op":"sub","cid":"htx-swap-orders","topic":"orders.BTC-USD"}',)
"""

from __future__ import annotations

import enum
from collections.abc import Callable

import attrs

from htx_swap._model.credentials import HtxCredentials
from htx_swap._model.errors import InvalidRequestError
from htx_swap._push.push_protocol import (
    DEFAULT_MAX_FRAME_BYTES,
    HEARTBEAT_PERIOD,
    AuthAnswer,
    Heartbeat,
    OrderUpdate,
    Ping,
    PushAnswerTimeoutError,
    PushAuthRefusedError,
    PushSubscribeRefusedError,
    ServerClose,
    SubAnswer,
    auth_frame,
    auth_timestamp,
    decode_frame,
    sub_frame,
)

__all__ = ["PushSession", "Received", "SessionState", "is_retryable"]


class SessionState(enum.Enum):
    """Where a ``PushSession`` is: waiting for the auth answer, for the sub answer, streaming,
    or closed (HTX said ``op: close``)."""

    AUTHENTICATING = "authenticating"
    SUBSCRIBING = "subscribing"
    STREAMING = "streaming"
    CLOSED = "closed"


@attrs.frozen
class Received:
    """What one server frame asks of the driver: ``send`` these frames now (a pong, the sub
    once authenticated), hand on ``update`` (an order push), and whether the stream just
    became live (``subscribed``: from here on no push is missed until a disconnect)."""

    send: tuple[str, ...] = ()
    update: OrderUpdate | None = None
    subscribed: bool = False


class PushSession:
    """The order push of one connection, as decisions only: a driver sends ``opening_frames()``
    once connected, passes every frame it receives to ``receive`` (sending what it says), and
    waits for the next frame at most ``time_left()`` seconds, calling ``check()`` when that
    runs out.

    Auth, then sub (``orders.<contract_code>``, or ``orders.*`` for None), each answer within
    ``answer_timeout`` seconds (``PushAnswerTimeoutError``); refused: ``PushAuthRefusedError``
    / ``PushSubscribeRefusedError``. Once streaming, no ping for two ``heartbeat_period`` s is
    ``PushConnectionDeadError``. ``clock`` is monotonic seconds, ``wall_clock`` POSIX seconds
    for the auth ``Timestamp`` (with any server-clock offset already applied).

    A session is one connection: after any error or disconnect, make a new one (HTX replays
    nothing, so the driver reports a gap and reconciles over REST).
    """

    def __init__(
        self,
        credentials: HtxCredentials,
        *,
        url: str,
        contract_code: str | None,
        clock: Callable[[], float],
        wall_clock: Callable[[], float],
        cid: str = "htx-swap-orders",
        answer_timeout: float = 5.0,
        heartbeat_period: float = HEARTBEAT_PERIOD,
        max_frame_bytes: int = DEFAULT_MAX_FRAME_BYTES,
    ) -> None:
        self._sub = sub_frame(contract_code, cid=cid)  # bad input raises before any I/O
        self._credentials = credentials
        self._url = url
        self._clock = clock
        self._wall_clock = wall_clock
        self._answer_timeout = _seconds("answer_timeout", answer_timeout)
        self._heartbeat = Heartbeat(heartbeat_period, clock=clock)
        self._max_frame_bytes = max_frame_bytes
        self._answer_due: float | None = None
        self.state = SessionState.AUTHENTICATING

    def opening_frames(self) -> list[str]:
        """The frames to send once connected (the auth); starts its answer's time box."""
        self._answer_due = self._clock() + self._answer_timeout
        self._heartbeat.ping_received()  # the silence is counted from the connection
        stamp = auth_timestamp(self._wall_clock())
        return [auth_frame(self._credentials, url=self._url, timestamp=stamp)]

    def receive(self, data: bytes | bytearray | memoryview | str) -> Received:
        """Decode one server frame (``decode_frame``'s errors propagate) and decide."""
        message = decode_frame(data, max_bytes=self._max_frame_bytes)
        if isinstance(message, Ping):
            self._heartbeat.ping_received()
            return Received(send=(message.pong(),))
        if isinstance(message, AuthAnswer) and self.state is SessionState.AUTHENTICATING:
            message.raise_for_refusal()
            self.state = SessionState.SUBSCRIBING
            self._answer_due = self._clock() + self._answer_timeout
            return Received(send=(self._sub,))
        if type(message) is SubAnswer and self.state is SessionState.SUBSCRIBING:
            message.raise_for_refusal()
            self.state, self._answer_due = SessionState.STREAMING, None
            return Received(subscribed=True)
        if isinstance(message, OrderUpdate):
            return Received(update=message)
        if isinstance(message, ServerClose):
            self.state = SessionState.CLOSED
        return Received()

    def time_left(self) -> float:
        """Seconds the driver may wait for the next frame before calling ``check``."""
        now = self._clock()
        left = self._heartbeat.time_left()
        if self._answer_due is not None:
            left = min(left, max(0.0, self._answer_due - now))
        return left

    def check(self) -> None:
        """``PushAnswerTimeoutError`` when the auth or sub answer is overdue,
        ``PushConnectionDeadError`` when the server stopped pinging; else nothing."""
        if self._answer_due is not None and self._clock() >= self._answer_due:
            what = "auth" if self.state is SessionState.AUTHENTICATING else "sub"
            raise PushAnswerTimeoutError(
                f"no answer to the WebSocket {what} within {self._answer_timeout:g} s"
            )
        self._heartbeat.check()


def _seconds(name: str, value: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise InvalidRequestError(name, f"must be seconds > 0, got {value!r}")
    return float(value)


def is_retryable(error: BaseException) -> bool:
    """Whether a new connection may cure ``error``: not for a refused auth or subscription
    (the same frames would be refused again) nor bad input; yes for everything else (a dead
    or dropped connection, a timeout, a malformed frame).

    >>> from htx_swap._push.push_protocol import PushConnectionDeadError
    >>> is_retryable(PushConnectionDeadError("silent")), is_retryable(
    ...     PushAuthRefusedError("no", code=2003))
    (True, False)
    """
    return not isinstance(
        error, PushAuthRefusedError | PushSubscribeRefusedError | InvalidRequestError
    )
