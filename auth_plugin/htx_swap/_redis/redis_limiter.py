"""``RedisRateLimiter``: one HTX bucket shared by every process and host of an account through
Redis (the ``htx-swap-sdk[redis]`` extra, on redis-py).

The semantics are ``RateLimiter``'s, kept atomic across processes by one server-side Lua
script: a slot is held from sending until the answer starts its period, and every time is
Redis's own (``TIME``), never a host's clock. Two sorted sets per bucket hold the slots: the
requests in flight (scored by when their hold lapses, so a process that dies holding slots
gives them back after its requests' bound plus the period, ``hold`` at most) and the answered
ones (scored by answer time).

Redis is asked by one round-trip thread per limiter, and every take of the process waiting at
that moment rides the same round trip: the script gives back the slots released since (their
period starts then), then grants the bucket's free slots to the waiting takes, oldest first,
and tells the others when the next slots free (``EVALSHA``; ``EVAL`` when Redis does not have
the script; the connection and the script are warmed when the limiter is built). A burst of
150 takes in one process costs a few round trips, not 150 queued one behind the other. A take
waits for the round trip under way when it came (its takes were collected before it) and then
its own, ``redis_timeout`` from its own round trip's start at most, and never past the time
the call has left (the engine's ``TakeSlot`` step); past that it sends on a local slot alone
(marked), counted on Redis (answered) by the next round trip, and a slot Redis gives it late
goes back unused.
``AsyncSwapClient`` awaits the answer, never blocking its loop; a release is queued for the
next round trip and never waited for. A slot in flight is held on Redis for its request's own
bound (plus the wait and the period), so a process killed mid-request frees it then. While
Redis says when the next slots free, a process's waiters are each handed their own turn among
those times and do not ask Redis before it, so a burst's waiters wake one at a time.

When Redis cannot be reached (a round trip failed: refused, Redis silent for
``redis_timeout`` on the socket, wrong password, ...) the limiter falls back to a local
``RateLimiter`` holding ``share`` of the bucket (default a quarter, so four processes on
fallback together stay inside HTX's limit), logs one warning, marks what it lets through
(``CancelResult.rate_limit_fallback``), and asks Redis again every ``retry_after`` seconds;
once Redis answers it rejoins, counting the slots the fallback still holds as answered at that
moment. How many takes of the process wait does not count: they share the round trips. The
local fallback counts every slot of this process (on Redis or not), so it starts from the
slots this process had in the last period, and from the bucket as taken when other processes
held slots at its last round trip (until Redis said they free, or a period). A take late by
its own thread's clock (the call's time out, or a loaded host's scheduling) never puts the
limiter on the fallback: only Redis failing a round trip does.

Nothing is lost on Redis for long: slots given back while it is away, and the takes of a
round trip that failed here (Redis may run it late), go back with the next round trip that
succeeds (each token once: a give-back that arrives first keeps a late grant from happening),
tried every ``retry_after`` and at exit. Redis that lost its data is noticed by an epoch key
and the bucket restored from what this process knows; a rejoin from a full bucket holds the
grants back one period while the other processes rejoin. A forked child starts afresh.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import hashlib
import logging
import os
import threading
import time
import uuid
import weakref
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, InvalidStateError, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

from htx_swap._engine.limiter import POLL_INTERVAL, RateLimiter, account_buckets
from htx_swap._model.errors import InvalidRequestError

if TYPE_CHECKING:
    import redis

__all__ = ["RedisRateLimiter", "connect", "redis_buckets"]

LOG = logging.getLogger("htx_swap.redis")
KEY_PREFIX = "htx_swap"
DEFAULT_SHARE = 0.25
DEFAULT_REDIS_TIMEOUT = 0.25  # seconds for one Redis command, connect included
DEFAULT_RETRY_AFTER = 1.0  # seconds between two tries of an unreachable Redis
DEFAULT_HOLD = 60.0  # seconds a slot in flight is held at most (a process that died)

# One round trip of a process's limiter: the slots it gives back, then the slots its waiting
# takes ask for, oldest first. KEYS: in flight, answered, given back (tokens given back before
# they were granted: a round trip that failed on this side may still run late on Redis, and
# its grants must go to nobody), epoch, held back. ARGV: limit, period (us), this round
# trip's token (a
# new epoch's id; a rejoin's slots), a rejoin's count of slots the fallback holds (counted
# answered now), the epoch this process last saw ('' none yet), the count of slots given back,
# the count of slots restored answered, the count restored in flight, 1 when this process
# rejoins from the fallback having lost Redis while the bucket was full (else 0); then (token, 1:
# answered / 0: abandoned, back unused, microseconds since it was answered) per slot given
# back; (microseconds since it was answered) per slot restored answered; (token, hold in us)
# per slot restored in flight; then (token, hold in us) per take. A slot given back twice
# counts once (idempotent). A rejoin from a full bucket holds every grant back for one period
# ("held back"): the processes still on the fallback sent slots Redis has not counted yet
# (each counts its own when it rejoins, within ``retry_after``), and the slots sent before
# it have left HTX's window by then.
# The epoch is a key Redis keeps while it keeps its data: a process that saw another one
# knows Redis lost the bucket (restarted empty, flushed): the script answers {-1, epoch} and
# does nothing else; the process asks again restoring what it knows of the bucket (its own
# slots in flight and answered within the period, and the bucket's slots as the last round
# trip that found it full named them). Else it returns {slots given, epoch}: the first takes
# got them; when some take got none, then the microseconds from now until each slot of the
# bucket frees at the earliest: an answered one a period after its answer; one in flight a
# period from now (its answer has yet to come) or when its hold lapses, whichever is first.
ROUND_TRIP = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit, period = tonumber(ARGV[1]), tonumber(ARGV[2])
local epoch = redis.call('GET', KEYS[4])
if not epoch then
  epoch = ARGV[3]
  redis.call('SET', KEYS[4], epoch)
end
if ARGV[5] ~= '' and ARGV[5] ~= epoch then
  return {-1, epoch}
end
local answered_now = 0
for i = 1, tonumber(ARGV[4]) do
  redis.call('ZADD', KEYS[2], now, ARGV[3] .. ':' .. i)
  answered_now = answered_now + 1
end
if ARGV[9] == '1' then
  redis.call('SET', KEYS[5], '1', 'PX', math.ceil(period / 1000), 'NX')
end
local at = 10
for i = 1, tonumber(ARGV[6]) do
  local token = ARGV[at]
  local removed = redis.call('ZREM', KEYS[1], token)
  if removed == 0 then
    redis.call('ZADD', KEYS[3], now, token)
    redis.call('PEXPIRE', KEYS[3], 600000)
  end
  if ARGV[at + 1] == '1' then
    local member = token .. ':1'
    local when = now - tonumber(ARGV[at + 2])
    if when > now - period and (removed == 1 or not redis.call('ZSCORE', KEYS[2], member)) then
      redis.call('ZADD', KEYS[2], when, member)
      answered_now = answered_now + 1
    end
  end
  at = at + 3
end
for i = 1, tonumber(ARGV[7]) do
  redis.call('ZADD', KEYS[2], now - tonumber(ARGV[at]), ARGV[3] .. ':r' .. i)
  answered_now = answered_now + 1
  at = at + 1
end
for i = 1, tonumber(ARGV[8]) do
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[at + 1]), ARGV[at])
  redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[at + 1]) / 1000) + 1000)
  at = at + 2
end
if answered_now > 0 then
  redis.call('PEXPIRE', KEYS[2], math.ceil(period / 1000) + 1000)
end
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - period)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - 600000000)
local free = limit - redis.call('ZCARD', KEYS[1]) - redis.call('ZCARD', KEYS[2])
local held_back = redis.call('PTTL', KEYS[5])
if held_back > 0 then free = 0 end
local occupied = limit - free
local given, longest = 0, 0
while at < #ARGV and given < free do
  local token, hold = ARGV[at], tonumber(ARGV[at + 1])
  if not redis.call('ZSCORE', KEYS[3], token) then
    redis.call('ZADD', KEYS[1], now + hold, token)
    if hold > longest then longest = hold end
    given = given + 1
  end
  at = at + 2
end
if longest > 0 and redis.call('PTTL', KEYS[1]) < math.ceil(longest / 1000) + 1000 then
  redis.call('PEXPIRE', KEYS[1], math.ceil(longest / 1000) + 1000)
end
local reply = {given, epoch, occupied}
if at >= #ARGV then
  return reply
end
if held_back > 0 then
  for i = 1, limit do
    reply[#reply + 1] = held_back * 1000
  end
  return reply
end
local answered = redis.call('ZRANGE', KEYS[2], 0, limit - 1, 'WITHSCORES')
for i = 2, #answered, 2 do
  reply[#reply + 1] = math.max(1, tonumber(answered[i]) + period - now)
end
local in_flight = redis.call('ZRANGE', KEYS[1], 0, limit - 1, 'WITHSCORES')
for i = 2, #in_flight, 2 do
  reply[#reply + 1] = math.max(1, math.min(period, tonumber(in_flight[i]) - now))
end
return reply
"""


class _Script:
    __slots__ = ("sha", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.sha = hashlib.sha1(source.encode()).hexdigest()  # noqa: S324 - Redis's script id


ROUND_TRIP_SCRIPT = _Script(ROUND_TRIP)
# A take waits for Redis at most this many round trips of ``redis_timeout``: the one under way
# when it asked (its takes were collected before it came), then its own.
ROUND_TRIPS_WAITED = 2
# Slots going back that wait for Redis (while it cannot be reached): the newest this many.
MAX_UNSENT = 10_000
# At exit, how long slots going back wait for a Redis that is there but silent (paused).
EXIT_FLUSH_SECONDS = 5.0
# A slot going back: (its token, answered, when: ``time.monotonic``).
_Return = tuple[str, bool, float]


class _Ask:
    """One take waiting for the next round trip to Redis; ``lock`` decides between the caller
    giving up (``gave_up``) and the round trip's answer reaching it (``delivered``): True, a
    slot; False, none (the caller is handed its turn among the frees Redis named); an
    exception, Redis failed."""

    __slots__ = (
        "delivered",
        "end",
        "future",
        "gave_up",
        "hold",
        "lock",
        "queued_at",
        "sent_at",
        "token",
    )

    def __init__(self, token: str, hold: int, end: float) -> None:
        self.token, self.hold = token, hold
        self.queued_at = time.monotonic()
        self.end = end  # (time.monotonic) the call's own time runs out
        self.sent_at: float | None = None  # (time.monotonic) its round trip began
        self.lock = threading.Lock()
        self.gave_up = self.delivered = False
        self.future: Future[bool | BaseException] = Future()

    def deliver(self, answer: bool | BaseException) -> bool:
        """The round trip's answer to the caller; False when it gave up meanwhile."""
        with self.lock:
            if self.gave_up:
                return False
            self.delivered = True
            with contextlib.suppress(InvalidStateError):  # cancelled with the caller's task
                self.future.set_result(answer)
            return True


def _redis_module() -> Any:  # noqa: ANN401 - redis-py, imported when first used
    try:
        import redis
    except ImportError:
        raise ImportError(
            "RedisRateLimiter and RedisSwitchCoordinator need redis-py: "
            "pip install 'htx-swap-sdk[redis]'"
        ) from None
    return redis


def redacted(url: str) -> str:
    """``url`` without its password (for messages and reprs), whatever characters the
    password holds: everything up to the last ``@`` is the user part (a password holding
    ``#``, ``/``, ``?`` or ``@`` unencoded included), shown as ``user:***@``; a ``password=``
    of the query is shown as ``password=***``. Never the raw URL."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return "<not a URL>"
    user_part, at, rest = rest.rpartition("@")
    shown = f"{scheme}://"
    if at:
        user, colon, _ = user_part.partition(":")
        shown += f"{user}:***@" if colon else "***@"  # no ':': the whole of it may be a secret
    address, question, query = rest.partition("?")
    shown += address
    if question:
        fields = []
        for field in query.split("&"):
            name, equals, _ = field.partition("=")
            secret = equals and unquote_plus(name).strip().lower() == "password"
            fields.append(f"{name}=***" if secret else field)
        shown += "?" + "&".join(fields)
    return shown


def connect(url: str, *, timeout: float = DEFAULT_REDIS_TIMEOUT) -> redis.Redis:
    """A redis-py client for ``url`` that never waits on Redis more than ``timeout`` seconds a
    command and never retries on its own (the caller decides what a failure means). A URL
    redis-py cannot read is ``InvalidRequestError('url')``; nothing is sent here."""
    module = _redis_module()
    if not isinstance(url, str) or not url.startswith(("redis://", "rediss://", "unix://")):
        raise InvalidRequestError(
            "url", f"must be a redis://, rediss:// or unix:// URL, got {redacted(str(url))!r}"
        )
    try:
        client: redis.Redis = module.Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=None,
            retry_on_timeout=False,
            health_check_interval=0,
            **_no_client_setinfo(module),
        )
    except (ValueError, TypeError) as error:  # redis-py's text may quote the password: not shown
        raise InvalidRequestError(
            "url",
            f"redis-py cannot read {redacted(url)!r} ({type(error).__name__}; a password "
            "holding '@', ':', '/', '?' or '#' must be percent-encoded)",
        ) from None
    return client


def _no_client_setinfo(module: Any) -> dict[str, None]:  # noqa: ANN401 - redis-py
    """The keywords that spare each new connection its two CLIENT SETINFO round trips (a
    slow Redis would make every first command of a connection three times as slow)."""
    import inspect

    base = getattr(module.connection, "AbstractConnection", module.Connection)
    if "driver_info" in inspect.signature(base.__init__).parameters:
        return {"driver_info": None}  # redis-py 7.1 and later
    return {"lib_name": None, "lib_version": None}


def _share_of(limit: int, period: float, share: float, clock: Callable[[], float]) -> RateLimiter:
    """The local fallback: ``share`` of ``limit`` per ``period``. A share under one slot is
    one slot per a longer period (a quarter of 1 slot per 0.25 s: 1 per second), never a
    whole slot per period."""
    slots = limit * share
    if slots >= 1:
        return RateLimiter(int(slots), period, clock=clock)
    return RateLimiter(1, period / slots, clock=clock)


# Every RedisRateLimiter of this process, to reset in a forked child: its round-trip thread
# did not follow it there, nor did any lock another thread held.
_LIMITERS: weakref.WeakSet[RedisRateLimiter] = weakref.WeakSet()


def _after_fork() -> None:
    for limiter in list(_LIMITERS):
        limiter._forked()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


@atexit.register
def _flush_at_exit() -> None:
    """Slots going back that still wait for Redis (it was away): sent before the process
    exits. A Redis that refuses gets one try; one that is there but silent (paused, slow) is
    tried again for ``EXIT_FLUSH_SECONDS`` at most, all limiters together; else the slots
    lapse on Redis after their hold."""
    end = time.monotonic() + EXIT_FLUSH_SECONDS
    for limiter in list(_LIMITERS):
        if time.monotonic() + limiter._redis_timeout > end:
            return  # the budget is spent: the rest lapse on Redis after their hold
        limiter._flush(end)


def _checked_account(account: object) -> str:
    if not isinstance(account, str) or not account or any(c in account for c in " {}:\n"):
        raise InvalidRequestError(
            "account", f"must be a non-empty name without spaces, ':' or braces, got {account!r}"
        )
    return account


class RedisRateLimiter(RateLimiter):
    """At most ``limit`` requests per ``period`` seconds for every process and host that builds
    one with the same Redis ``url``, ``account`` and ``bucket``; each slot counted from its
    answer, as ``RateLimiter`` does, by Redis's clock.

    Accepted wherever a ``RateLimiter`` is (``rate_limiter=``, ``read_rate_limiter=``,
    ``AccountLimiters``). ``clock`` times only the local fallback and the retries of Redis.
    """

    def __init__(
        self,
        url: str,
        *,
        account: str,
        limit: int,
        period: float,
        bucket: str = "trade",
        share: float = DEFAULT_SHARE,
        redis_timeout: float = DEFAULT_REDIS_TIMEOUT,
        retry_after: float = DEFAULT_RETRY_AFTER,
        hold: float = DEFAULT_HOLD,
        clock: Callable[[], float] = time.monotonic,
        client: redis.Redis | None = None,
    ) -> None:
        super().__init__(limit, period, clock=clock)
        if not 0 < share <= 1:
            raise InvalidRequestError("share", f"must be in (0, 1], got {share!r}")
        for field, value, least in (
            ("redis_timeout", redis_timeout, 0.0),
            ("retry_after", retry_after, 0.0),
            ("hold", hold, period),
        ):
            if not isinstance(value, int | float) or not value > least:
                raise InvalidRequestError(field, f"must be seconds > {least:g}, got {value!r}")
        self.account = _checked_account(account)
        self.bucket = bucket
        self.url = redacted(url)
        self.share = share
        self._redis = client if client is not None else connect(url, timeout=redis_timeout)
        prefix = f"{KEY_PREFIX}:{{{self.account}}}:{bucket}"
        names = ("in_flight", "answered", "given_back", "epoch", "held_back")
        self._keys = [f"{prefix}:{name}" for name in names]
        self._worker: ThreadPoolExecutor | None = None  # the round trips; made when needed
        self._queue_lock = threading.Lock()
        self._asks: list[_Ask] = []  # takes waiting for the next round trip, oldest first
        self._returns: list[_Return] = []  # slots going back, for the next round trip
        # slots going back (and the takes of round trips that failed, which Redis may still
        # grant late) until a round trip succeeds: retried every ``retry_after`` meanwhile
        self._unsent: list[_Return] = []
        self._retry: threading.Timer | None = None
        self._closed = False
        self._epoch = ""  # the epoch of Redis's data this process last saw
        self._tripping = False  # the round-trip thread is collecting them
        self._uncounted = 0  # local slots taken while on Redis, to count there (answered)
        self._redis_timeout = redis_timeout
        self._local_answered: deque[float] = deque()  # the fallback's own slots, answered
        self._local_in_flight = 0  # and in flight
        self._period_us = round(period * 1_000_000)
        self._hold_us = round(hold * 1_000_000)
        self._retry_after = retry_after
        self._held: deque[str | None] = deque()  # a Redis token per slot held; None: local
        self._holds: dict[str, int] = {}  # each held token's own hold (us), for a restore
        self._answered_at: deque[float] = deque()  # (clock) this process's answers, a period
        self._held_lock = threading.Lock()
        self._fallback = _share_of(limit, period, share, clock)
        self._down_since: float | None = None  # on the fallback since (clock), else None
        self._next_try = 0.0
        self._frees: list[float] = []  # (clock) when the next slots free, as Redis last said
        # (clock) when each slot of the bucket frees, as the last round trip that found it
        # full said (empty: it had room): the fallback starts from them
        self._full_until: list[float] = []
        self._was_full = False  # the last round trip with takes found the bucket half full
        self._handed = 0  # callers handed one of those times since
        self._schedule_lock = threading.Lock()
        self._warned = False
        self._warned_late = False
        self._taken_locally = threading.local()
        self.last_error: BaseException | None = None
        _LIMITERS.add(self)  # reset in a forked child (``_after_fork``)
        if client is None:  # a connection of its own: warmed now (``redis_buckets`` warms one)
            self.warm_up()

    remote = True  # the engine takes its slots through its drivers (``take_async``)

    def __repr__(self) -> str:
        return (
            f"RedisRateLimiter({self.url!r}, account={self.account!r}, bucket={self.bucket!r}, "
            f"limit={self.max_requests}, period={self.period})"
        )

    @property
    def on_fallback(self) -> bool:
        """True while Redis cannot be reached and the local fallback counts the slots."""
        return self._down_since is not None

    def fallback_slot(self) -> bool:
        """Whether the slot this thread took last came from the local fallback."""
        return bool(getattr(self._taken_locally, "value", False))

    # -- Redis, or the fallback ---------------------------------------------------------------

    def _lost(self, error: BaseException) -> None:
        """Redis failed: on the fallback from now, asked again ``retry_after`` from now. The
        first time in the limiter's life a warning; a Redis that flaps is told at INFO after it
        (once per fall, never per failed round trip)."""
        now = self._clock()
        self.last_error = error
        entering = self._down_since is None
        if entering:
            self._down_since = now
            self._fallback_from_full_bucket(now)
        self._next_try = now + self._retry_after
        if not entering:
            return
        LOG.log(
            logging.INFO if self._warned else logging.WARNING,
            "RedisRateLimiter %s/%s: Redis at %s cannot be reached (%s: %s); counting %d "
            "slot(s) per %g s locally (of %d per %g s) until it answers again",
            self.account,
            self.bucket,
            self.url,
            type(error).__name__,
            error,
            self._fallback.max_requests,
            self._fallback.period,
            self.max_requests,
            self.period,
        )
        self._warned = True

    def _fallback_from_full_bucket(self, now: float) -> None:
        """Entering the fallback while the bucket was full (as the last round trip said):
        the other processes' slots count in the fallback until they free, as Redis said they
        would, so that the processes falling back mid-window together stay inside the limit
        (each is let through only what its share leaves once those slots are counted)."""
        fallback = self._fallback
        busy = [free - fallback.period for free in self._full_until if free > now]
        if not busy:
            return
        with fallback._lock:
            fallback._answered = deque(sorted([*fallback._answered, *busy]))

    def _flush(self, end: float) -> None:
        """At exit: what goes back to Redis and waits for it, sent now; again every
        ``redis_timeout`` until ``end`` (``time.monotonic``) while Redis is silent."""
        with self._queue_lock:
            if self._closed or not (self._unsent or self._returns):
                return
            self._closed = True  # no thread started at exit
            retry, self._retry = self._retry, None
        if retry is not None:
            retry.cancel()
        silent = (TimeoutError, _redis_module().exceptions.TimeoutError)
        while True:
            with self._queue_lock:
                returns, self._returns = self._returns, []
            self._next_try = float("-inf")  # asked now, whenever it failed last
            with contextlib.suppress(Exception):
                self._round_trip([], returns)
            if not (self._unsent or self._returns) or not isinstance(self.last_error, silent):
                return
            if time.monotonic() + self._redis_timeout >= end:
                return
            time.sleep(self._redis_timeout)

    def _redis_due(self) -> bool:
        return self._down_since is None or self._clock() >= self._next_try

    def _rejoined(self) -> None:
        """Back on Redis (the fallback's slots were counted there)."""
        with self._held_lock:
            self._local_answered.clear()
            self._local_in_flight = 0
        self._down_since = None
        LOG.info(
            "RedisRateLimiter %s/%s: Redis at %s answers again; back on the shared bucket",
            self.account,
            self.bucket,
            self.url,
        )

    def acquire(self) -> float:
        """Take a slot and return 0.0, or return the seconds to wait before asking again;
        Redis is waited for at most ``ROUND_TRIPS_WAITED`` x ``redis_timeout``."""
        return self.take()

    def take(self, within: float | None = None, lasts: float | None = None) -> float:
        """``acquire()``, waiting for Redis at most ``within`` seconds (the time the call has
        left) and never more than ``redis_timeout`` from the start of the take's own round
        trip (``_waits_until``); past that the take goes out on a local slot, counted on Redis
        afterwards. The slot is held on Redis for ``lasts`` (the request's bound) plus the
        period at most."""
        ask = self._ask(within, lasts)
        if not isinstance(ask, _Ask):
            return ask
        try:
            while (left := self._waits_until(ask) - time.monotonic()) > 0:
                if wait_for([ask.future], timeout=left).done:
                    break
        except BaseException:  # interrupted (Ctrl-C): a slot Redis gives, now or late, goes back
            self._given_up(ask)
            raise
        return self._settle(ask)

    async def take_async(self, within: float | None = None, lasts: float | None = None) -> float:
        """``take`` for an event loop: Redis is asked by the limiter's round-trip thread, the
        loop awaits its answer (the same bounds), never blocked by a Redis round trip."""
        ask = self._ask(within, lasts)
        if not isinstance(ask, _Ask):
            return ask
        waiting = asyncio.wrap_future(ask.future)
        try:
            while (left := self._waits_until(ask) - time.monotonic()) > 0:
                done, _ = await asyncio.wait({waiting}, timeout=left)
                if done:
                    break
        except BaseException:  # cancelled: a slot Redis gives, now or late, goes back unused
            self._given_up(ask)
            raise
        return self._settle(ask)

    def _given_up(self, ask: _Ask) -> None:
        """The caller of ``ask`` stopped waiting (interrupted, cancelled): a slot Redis gave it
        goes back unused, and one Redis gives it late goes back when the answer comes."""
        with ask.lock:
            ask.gave_up = not ask.delivered
        if ask.delivered and ask.future.result() is True:
            self._send_back(ask.token, answered=False)

    def _ask(self, within: float | None, lasts: float | None) -> float | _Ask:
        """What ``take`` answers without Redis (a float), or the take queued for the next
        round trip (an ``_Ask``)."""
        self._taken_locally.value = False
        if self._down_since is None:
            wait = self._scheduled()
            if wait > 0:
                return wait
        cap = ROUND_TRIPS_WAITED * self._redis_timeout
        if within is not None:
            cap = min(cap, within)
        if not self._redis_due():
            return self._local()
        if cap <= 0:  # no time left to ask Redis: a local slot, counted there by the next trip
            return self._uncounted_local()
        hold = self._hold_us
        if lasts is not None:  # the request's own bound, the wait for Redis and the period
            hold = min(hold, round((lasts + cap + self.period) * 1_000_000))
        end = time.monotonic() + (within if within is not None else cap)
        ask = _Ask(uuid.uuid4().hex, hold, end)
        with self._queue_lock:
            self._asks.append(ask)
        self._wake_round_trips()
        return ask

    def _waits_until(self, ask: _Ask) -> float:
        """(``time.monotonic``) until when ``ask`` waits for Redis: ``redis_timeout`` from the
        start of the round trip carrying it, ``ROUND_TRIPS_WAITED`` x ``redis_timeout`` from
        its asking at most (the round trip under way, then its own), and never past the call's
        own time. How many other takes of this process wait does not count: they share the
        round trips."""
        bound = ask.queued_at + ROUND_TRIPS_WAITED * self._redis_timeout
        if ask.sent_at is not None:
            bound = min(bound, ask.sent_at + self._redis_timeout)
        elif time.monotonic() < ask.queued_at + self._redis_timeout:
            bound = ask.queued_at + self._redis_timeout  # then look again: it was sent by then
        return min(bound, ask.end)

    def _settle(self, ask: _Ask) -> float:
        """The caller's answer once the round trip answered or its bound passed."""
        with ask.lock:
            if not ask.delivered:
                ask.gave_up = True
        if not ask.delivered:
            # The call's time ran out, or Redis's answer is late by this thread's clock (a
            # loaded host's own scheduling counts in it): this slot alone is local, counted on
            # Redis (answered) by the next round trip. Redis itself is judged by the round
            # trips (refused, or silent for redis_timeout): those put the limiter on the
            # fallback.
            wait = self._uncounted_local()
            if wait == 0:
                self._late_once(ask)
            return wait
        answer = ask.future.result()
        if isinstance(answer, BaseException):  # the round trip failed (and said so once)
            return self._local()
        if answer:  # a slot
            with self._held_lock:
                self._held.append(ask.token)
                self._holds[ask.token] = ask.hold
            with self._fallback._lock:  # counted locally too: the fallback starts from it
                self._fallback._in_flight += 1
            return 0.0
        return self._scheduled() or POLL_INTERVAL  # none: its turn among the frees Redis named

    def _uncounted_local(self) -> float:
        """A local slot while Redis is up (the call has no time to ask it): counted on Redis,
        answered, by the next round trip."""
        wait = self._local()
        if wait == 0:
            with self._queue_lock:
                self._uncounted += 1
            self._wake_round_trips()
        return wait

    def _local(self) -> float:
        """A slot of the local fallback (its share of the bucket, counting this process's own
        recent slots, on Redis or not), or the wait for one."""
        wait = self._fallback.acquire()
        if wait == 0:
            with self._held_lock:
                self._held.append(None)
                self._local_in_flight += 1
            self._taken_locally.value = True
            return 0.0
        # never wait past the next try of Redis
        return max(POLL_INTERVAL, min(wait, self._next_try - self._clock()))

    def _late_once(self, ask: _Ask) -> None:
        if self._warned_late or time.monotonic() >= ask.end:
            return  # said once; or the call's own time ran out, not Redis's
        self._warned_late = True
        LOG.warning(
            "RedisRateLimiter %s/%s: Redis at %s answered a take later than %g s; it went out on "
            "a local slot, counted on Redis afterwards (said once)",
            self.account,
            self.bucket,
            self.url,
            self._redis_timeout,
        )

    # -- the round trips ----------------------------------------------------------------------

    def _wake_round_trips(self) -> None:
        """Make sure the round-trip thread will collect what is queued."""
        with self._queue_lock:
            if self._closed or self._tripping:
                return
            if not (self._asks or self._returns or self._uncounted):
                return
            self._tripping = True
        try:
            self._pool().submit(self._round_trips)
        except RuntimeError:  # the interpreter is exiting: what is queued lapses on Redis
            with self._queue_lock:
                self._tripping = False

    def _round_trips(self) -> None:
        """In the round-trip thread: one round trip for everything queued meanwhile, until
        nothing is."""
        while True:
            with self._queue_lock:
                asks, returns = self._asks, self._returns
                self._asks, self._returns = [], []
                if not asks and not returns and not self._uncounted:
                    self._tripping = False
                    return
            self._round_trip([ask for ask in asks if not ask.gave_up], returns)

    def _round_trip(self, asks: list[_Ask], returns: list[_Return]) -> None:
        """The slots given back, then every waiting take, in one script; each take answered.
        A failure (the socket's ``redis_timeout`` included) is Redis's: on the fallback. The
        slots given back then wait for a round trip that succeeds, and so do the takes of the
        failed one (Redis may run it late, a paused Redis once resumed: what it grants them
        goes back, and a give-back that reaches Redis first keeps it from granting them)."""
        if not self._redis_due():  # it failed a round trip ago: not asked again before its time
            down = ConnectionError("Redis could not be reached a moment ago")
            for ask in asks:
                ask.deliver(down)
            with self._queue_lock:  # the rejoin counts them, with every local slot held
                self._uncounted = 0
            self._keep_unsent(returns)
            return
        rejoin = self._down_since is not None
        with self._queue_lock:  # local slots of calls out of time, or (rejoining) all held
            extra, self._uncounted = self._uncounted, 0
            returns, self._unsent = self._unsent + returns, []
        if rejoin:
            extra = self._local_held()
        started = time.monotonic()
        for ask in asks:
            ask.sent_at = started
        try:
            given, reply = self._script(extra, returns, asks, None)
            if given < 0:  # Redis lost the bucket since: asked again, restoring it
                given, reply = self._script(extra, returns, asks, self._restored())
                if given < 0:
                    raise TypeError("Redis lost its data twice in a row")
        except Exception as error:  # whatever it is, the takes fall back
            self._lost(error)
            for ask in asks:
                ask.deliver(error)
            self._keep_unsent(returns + [(ask.token, False, started) for ask in asks])
            return
        if rejoin:
            self._rejoined()
        if asks:  # (a round trip of give-backs alone says nothing of the bucket's room)
            self._note_frees(reply[3:] if given < len(asks) else None, int(reply[2]))
        for n, ask in enumerate(asks):
            if not ask.deliver(n < given) and n < given:
                self._send_back(ask.token, answered=False)  # the caller stopped waiting

    def _script(
        self,
        extra: int,
        returns: list[_Return],
        asks: list[_Ask],
        restored: tuple[list[int], list[tuple[str, int]]] | None,
    ) -> tuple[int, list[Any]]:
        """One round trip: (slots given, or -1: Redis lost the bucket; the reply)."""
        answered_ages, in_flight = restored if restored is not None else ([], [])
        args: list[int | str] = [
            self.max_requests,
            self._period_us,
            uuid.uuid4().hex,
            extra,
            self._epoch,
            len(returns),
            len(answered_ages),
            len(in_flight),
            1 if self._down_since is not None and self._was_full else 0,
        ]
        now = time.monotonic()
        for token, answered, at in returns:
            args += [token, 1 if answered else 0, max(0, round((now - at) * 1_000_000))]
        args += answered_ages
        for token, hold in in_flight:
            args += [token, hold]
        for ask in asks:
            args += [ask.token, ask.hold]
        reply = self._run(ROUND_TRIP_SCRIPT, args)
        if not isinstance(reply, list) or len(reply) < 2:
            raise TypeError(f"the round-trip script answered {reply!r}")
        epoch = reply[1]
        self._epoch = epoch.decode() if isinstance(epoch, bytes) else str(epoch)
        return int(reply[0]), reply

    def _restored(self) -> tuple[list[int], list[tuple[str, int]]]:
        """What this process knows of the bucket Redis lost: (microseconds since each slot
        was answered: its own within the period, local ones in flight (now), and the
        bucket's as the last round trip that found it full named them; its own slots in
        flight on Redis)."""
        now = self._clock()
        with self._held_lock:
            while self._answered_at and self._answered_at[0] + self.period <= now:
                self._answered_at.popleft()
            ages = [now - at for at in self._answered_at]
            ages += [0.0] * self._local_in_flight
            in_flight = [
                (token, self._holds.get(token, self._hold_us))
                for token in self._held
                if token is not None
            ]
        ages += [self.period - (free - now) for free in self._full_until if free > now]
        return [max(0, round(age * 1_000_000)) for age in ages], in_flight

    def _note_frees(self, micros: list[Any] | None, occupied: int) -> None:
        """Redis found the bucket full (some take got none): the waiters' turns among the
        frees it named, counted from now; ``None``: it had room. Either way, what the
        fallback starts from should Redis be lost now (``_full_until``): the frees it named;
        or, when other processes held slots (``occupied`` beyond this process's own), the
        whole bucket taken until a period from now (they may take the rest at once)."""
        now = self._clock()
        # full, or half full: processes still on the fallback may send their shares on top
        self._was_full = micros is not None or occupied * 2 >= self.max_requests
        if micros is None:
            with self._held_lock:
                while self._answered_at and self._answered_at[0] + self.period <= now:
                    self._answered_at.popleft()
                own = len(self._held) + len(self._answered_at)
            others = occupied > own
            self._full_until = [now + self.period] * self.max_requests if others else []
            return
        frees = sorted(now + int(free) / 1_000_000 for free in micros)
        self._full_until = frees
        with self._schedule_lock:
            self._frees = frees
            self._handed = 0

    def _keep_unsent(self, returns: list[_Return]) -> None:
        """Slots going back that Redis did not get: kept for the next round trip that
        succeeds (the newest ``MAX_UNSENT``, for their hold at most: they lapse on Redis then),
        tried every ``retry_after`` even when no take asks."""
        lapsed = time.monotonic() - self._hold_us / 1_000_000  # gone from Redis by then
        with self._queue_lock:
            kept = [back for back in self._unsent + returns if back[2] > lapsed]
            self._unsent = kept[-MAX_UNSENT:]
            if not self._unsent or self._retry is not None or self._closed:
                return
            self._retry = retry = threading.Timer(self._retry_after, self._retry_unsent)
        retry.daemon = True
        retry.start()

    def _retry_unsent(self) -> None:
        with self._queue_lock:
            self._retry = None
            self._returns, self._unsent = self._unsent + self._returns, []
        self._wake_round_trips()

    def _send_back(self, token: str, *, answered: bool) -> None:
        """A slot on Redis given back in the next round trip; the caller never waits for it."""
        with self._queue_lock:
            self._returns.append((token, answered, time.monotonic()))
        self._wake_round_trips()

    def _run(self, script: _Script, args: list[int | str]) -> object:
        """One script on Redis: EVALSHA, and EVAL (which loads it) when Redis does not have
        it (never warmed, or restarted since): one round trip, two at most."""
        client = self._redis
        try:
            return client.evalsha(script.sha, len(self._keys), *self._keys, *args)
        except _redis_module().exceptions.NoScriptError:
            return client.eval(script.source, len(self._keys), *self._keys, *args)

    def warm_up(self) -> None:
        """Connect and load the script in a short thread of its own, so that the first take
        does not pay for them; never waited for, and never in front of a take. A failure is
        quiet here: the first take meets it (and falls back, with the warning)."""
        name = f"htx-redis-warm-{self.bucket}"
        threading.Thread(target=self._warm, name=name, daemon=True).start()

    def _warm(self) -> None:
        with contextlib.suppress(Exception):  # the first take meets it, and says so
            self._redis.script_load(ROUND_TRIP)

    def _pool(self) -> ThreadPoolExecutor:
        with self._held_lock:
            if self._worker is None:
                self._worker = ThreadPoolExecutor(
                    max_workers=1, thread_name_prefix=f"htx-redis-{self.bucket}"
                )
            return self._worker

    def _scheduled(self) -> float:
        """While the next slot Redis named is still ahead, no caller of this process asks
        Redis: each is handed the next of the slots' free times in turn (past the last, the
        same again one period later), so a burst's waiters wake one at a time as slots free,
        not all at once each time one does. 0.0: ask Redis now."""
        now = self._clock()
        with self._schedule_lock:
            frees = self._frees
            if not frees or frees[0] <= now:
                return 0.0
            turn, self._handed = self._handed, self._handed + 1
            rounds, at = divmod(turn, len(frees))
            return frees[at] + rounds * self.period - now

    def _local_held(self) -> int:
        """The slots the fallback let through that are in flight or answered within the
        period: counted on Redis when it answers again."""
        with self._held_lock:
            now = self._clock()
            while self._local_answered and self._local_answered[0] + self.period <= now:
                self._local_answered.popleft()
            return len(self._local_answered) + self._local_in_flight

    def _give_back(self, answered: bool) -> None:
        with self._held_lock:
            if not self._held:
                return
            token = self._held.popleft()
            if token is not None:
                self._holds.pop(token, None)
            if answered:  # kept a period: restored on Redis should it lose the bucket
                now = self._clock()
                while self._answered_at and self._answered_at[0] + self.period <= now:
                    self._answered_at.popleft()
                self._answered_at.append(now)
            if token is None and self._local_in_flight > 0:
                self._local_in_flight -= 1
                if answered:
                    self._local_answered.append(self._clock())
        if answered:  # every slot of this process, on Redis or not, counts locally too
            self._fallback.release()
        else:
            self._fallback.abandon()
        if token is not None:  # Redis down: kept until it answers again
            self._send_back(token, answered=answered)

    def abandon(self) -> None:
        """A slot was taken for a request that was then not sent: give it back unused."""
        self._give_back(answered=False)
        with self._schedule_lock:
            self._frees = []  # a slot is free: the next caller asks Redis at once

    def release(self) -> None:
        """A request that took a slot was answered (or failed): its period starts now, by
        Redis's clock."""
        self._give_back(answered=True)

    def _forked(self) -> None:
        """In a forked child: a limiter of its own, from scratch (no thread, no slot held:
        the parent's slots are the parent's to give back; Redis's connection pool resets
        itself in a new process)."""
        self._queue_lock = threading.Lock()
        self._held_lock = threading.Lock()
        self._schedule_lock = threading.Lock()
        self._worker, self._retry, self._tripping = None, None, False
        self._asks, self._returns, self._unsent, self._uncounted = [], [], [], 0
        self._held.clear()
        self._holds.clear()
        self._local_answered.clear()
        self._answered_at.clear()
        self._local_in_flight = 0
        self._frees, self._handed, self._full_until = [], 0, []
        self._was_full = False
        fallback = self._fallback
        self._fallback = RateLimiter(fallback.max_requests, fallback.period, clock=self._clock)
        self._taken_locally = threading.local()

    def close(self) -> None:
        """Close the connections to Redis (the slots queued to go back go first: tried for
        twice ``redis_timeout`` at most, else they lapse on Redis after their hold)."""
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.shutdown(wait=True)  # its round trip under way ends (bounded by its socket)
        self._flush(time.monotonic() + 2 * self._redis_timeout)
        with self._queue_lock:
            self._closed = True
            retry, self._retry = self._retry, None
        if retry is not None:
            retry.cancel()
        self._redis.close()


def redis_buckets(url: str, *, account: str, **options: Any) -> dict[str, RateLimiter]:  # noqa: ANN401
    """A ``RedisRateLimiter`` for every bucket HTX counts for one account, on one connection
    pool (``options``: ``RedisRateLimiter``'s keywords)."""
    client = options.pop("client", None)
    if client is None:
        client = connect(url, timeout=options.get("redis_timeout", DEFAULT_REDIS_TIMEOUT))
    buckets: dict[str, RateLimiter] = {}
    for name, bucket in account_buckets().items():
        buckets[name] = limiter = RedisRateLimiter(
            url,
            account=account,
            limit=bucket.requests,
            period=bucket.period,
            bucket=name,
            client=client,
            **options,
        )
        if name == "trade":  # the pool's first connection and the script, for every bucket
            limiter.warm_up()
    return buckets
