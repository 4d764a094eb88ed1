"""A client-side request limiter that one sync and any number of async callers can share.

At most ``max_requests`` requests are in flight or answered within the last ``period`` seconds,
and a slot's period starts when its answer came (``release()``), not when it was sent: the
exchange counts a request when it arrives, which can be well after it left (the first requests
of a burst also open connections), so a window kept on send times lets the 73rd request of a
burst reach HTX less than 3 s after the 1st was counted, and HTX refuses it (429, 1032).
Counting from the answer costs at most one round trip per window and never meets a refusal.

``AccountLimiters`` holds one ``RateLimiter`` per bucket HTX counts for one account (trade,
read, and each strategy cancel endpoint's own), read from the spec's ``x-htx-rate-limit`` facts;
any number of clients, sync and async, given the same object share every bucket.

``acquire()`` never sleeps: it takes a slot and returns 0.0, or returns how long to wait before
asking again, so the sync path sleeps with ``time.sleep`` and the async path with
``asyncio.sleep``. Every ``acquire()`` that returned 0.0 is followed by one ``release()`` once
the request is answered or has failed.

Why not a library: aiolimiter is async-only, and pyrate-limiter costs about 46 ms to import
(a quarter of httpx+attrs' own import time) for what is one deque and a lock here.
"""

from __future__ import annotations

import functools
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from typing import Any

__all__ = [
    "POLL_INTERVAL",
    "AccountLimiters",
    "Bucket",
    "RateLimiter",
    "account_buckets",
    "account_of",
    "htx_buckets",
    "htx_limiter",
    "htx_read_limiter",
    "htx_trade_limiter",
]

# When every slot is taken by a request still in flight, no answer time is known yet: ask again
# this soon.
POLL_INTERVAL = 0.005


class RateLimiter:
    """At most ``max_requests`` per ``period`` seconds (HTX: 72 trade requests per 3 s per UID),
    each counted from its answer.

    >>> now = [100.0]
    >>> limiter = RateLimiter(2, 1.0, clock=lambda: now[0])
    >>> limiter.acquire(), limiter.acquire()  # two slots taken: send both now
    (0.0, 0.0)
    >>> limiter.release()  # the first answer came at t=100
    >>> limiter.acquire()  # the next slot frees one period after that answer
    1.0
    """

    def __init__(
        self, max_requests: int, period: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if max_requests < 1 or period <= 0:
            raise ValueError("RateLimiter needs max_requests >= 1 and period > 0")
        self.max_requests = max_requests
        self.period = period
        self._clock = clock
        self._in_flight = 0
        self._answered: deque[float] = deque()  # answer times still inside the window
        self._lock = threading.Lock()
        # the account's other buckets, when this is the trade bucket of clients given it alone
        self._account: AccountLimiters | None = None

    def __repr__(self) -> str:
        return f"RateLimiter({self.max_requests}, {self.period})"

    def acquire(self) -> float:
        """Take a slot and return 0.0 (send now), or return the seconds to wait before asking
        again (no slot is taken)."""
        with self._lock:
            now = self._clock()
            answered = self._answered
            while answered and answered[0] + self.period <= now:
                answered.popleft()
            if self._in_flight + len(answered) < self.max_requests:
                self._in_flight += 1
                return 0.0
            if answered:
                return answered[0] + self.period - now
            return POLL_INTERVAL

    # True for a limiter that asks a server (``RedisRateLimiter``): the engine then takes its
    # slots through its drivers (``take`` / ``take_async``), never on an event loop's thread
    remote = False

    def take(self, within: float | None = None, lasts: float | None = None) -> float:
        """``acquire()``, told that the caller waits at most ``within`` seconds for an answer
        and that the request lasts at most ``lasts`` seconds (a local limiter needs neither)."""
        return self.acquire()

    async def take_async(self, within: float | None = None, lasts: float | None = None) -> float:
        """``take`` for an event loop: never blocks it."""
        return self.take(within, lasts)

    def fallback_slot(self) -> bool:
        """Whether the slot this thread took last came from a fallback rather than the shared
        bucket (``RedisRateLimiter`` while Redis cannot be reached); never, here."""
        return False

    def abandon(self) -> None:
        """A slot was taken for a request that was then not sent: give it back unused."""
        with self._lock:
            if self._in_flight > 0:
                self._in_flight -= 1

    def release(self) -> None:
        """A request that took a slot was answered (or failed): its period starts now."""
        with self._lock:
            if self._in_flight > 0:
                self._in_flight -= 1
                self._answered.append(self._clock())


class Bucket:
    """One of HTX's rate-limit buckets, as the spec's ``x-htx-rate-limit`` names it."""

    __slots__ = ("name", "period", "permission", "requests")

    def __init__(self, name: str, requests: int, period: float, permission: str) -> None:
        self.name, self.requests, self.period, self.permission = name, requests, period, permission

    def __repr__(self) -> str:
        return f"Bucket({self.name!r}, {self.requests}, {self.period:g}, {self.permission!r})"


def htx_buckets(product: str = "swap") -> dict[str, Bucket]:
    """Every bucket the spec names (``x-htx-rate-limit``) for one product's operations
    (``x-htx-product``), by name: for coin-M swaps ``trade``, ``read`` and each trigger /
    TP-SL / trailing cancel endpoint's own. HTX counts each product's buckets apart."""
    from htx_swap._wire.codec import OPERATIONS  # generated from openapi.yaml

    buckets: dict[str, Bucket] = {}
    for facts in OPERATIONS.values():
        name, requests = facts.rate_limit_bucket, facts.rate_limit_requests
        if facts.product == product and name and requests and name not in buckets:
            period = facts.rate_limit_period or 1.0
            buckets[name] = Bucket(name, requests, period, facts.permission)
    return buckets


# The products a client of this SDK speaks to: an account's buckets are theirs (coin-M swaps:
# ``SwapClient``; USDT-M: ``UsdtClient``); each client counts in its own product's only.
CLIENT_PRODUCTS = ("swap", "usdt")


def account_buckets() -> dict[str, Bucket]:
    """The buckets of every product a client speaks to (``CLIENT_PRODUCTS``), by name."""
    buckets: dict[str, Bucket] = {}
    for product in CLIENT_PRODUCTS:
        buckets.update(htx_buckets(product))
    return buckets


@functools.cache  # asked for every request of a product other than swaps; the spec is fixed
def product_roles(product: str) -> tuple[str, str]:
    """The names of ``product``'s trade and read buckets (``trade`` / ``read`` for swaps,
    ``futures_trade`` / ``futures_read`` for delivery futures): the ones whose name ends so."""
    names = sorted(htx_buckets(product))
    trade = next(n for n in names if n.split("_")[-1] == "trade")
    read = next(n for n in names if n.split("_")[-1] == "read")
    return trade, read


def htx_limiter(bucket: str) -> RateLimiter:
    """A fresh limiter with HTX's documented limit for ``bucket`` (a name ``account_buckets()``
    knows)."""
    facts = account_buckets()[bucket]
    return RateLimiter(facts.requests, facts.period)


class AccountLimiters(Mapping[str, RateLimiter]):
    """Every rate-limit bucket of one HTX account, one object to share: pass it as
    ``limiters=`` to any number of clients of that account (``SwapClient`` and
    ``AsyncSwapClient`` alike, in any threads) and they count every request in the same
    buckets: 72 trade requests per 3 s, 72 reads per 3 s, and each trigger / TP-SL / trailing
    cancel endpoint's own 5 per second (each as ``x-htx-rate-limit`` in the spec says). It
    holds the USDT-M buckets too (``usdt_trade``, ``usdt_read``): a ``UsdtClient`` given it
    counts there, a swap client in the swap ones (HTX counts each product apart).

    ``trade`` / ``read`` give a ``RateLimiter`` of your own for that bucket (one you already
    share, say); the others are HTX's documented limits.

    >>> limiters = AccountLimiters()
    >>> limiters["trade"], limiters["swap_trigger_cancel"]
    (RateLimiter(72, 3.0), RateLimiter(5, 1.0))
    """

    def __init__(
        self,
        *,
        trade: RateLimiter | None = None,
        read: RateLimiter | None = None,
        product: str = "swap",
    ) -> None:
        roles = product_roles(product)
        given = {roles[0]: trade, roles[1]: read}
        for field, limiter in (("trade", trade), ("read", read)):
            if limiter is not None and not isinstance(limiter, RateLimiter):
                from htx_swap._model.errors import InvalidRequestError

                kind = type(limiter).__name__
                raise InvalidRequestError(field, f"must be a RateLimiter or None, got {kind}")
        self._buckets: dict[str, RateLimiter] = {}
        self._roles = roles
        shared = account_buckets() if product in CLIENT_PRODUCTS else htx_buckets(product)
        for name, bucket in shared.items():
            own = given.get(name)
            self._buckets[name] = own or RateLimiter(bucket.requests, bucket.period)

    def __getitem__(self, bucket: str) -> RateLimiter:
        return self._buckets[bucket]

    def __iter__(self) -> Iterator[str]:
        return iter(self._buckets)

    def __len__(self) -> int:
        return len(self._buckets)

    def __repr__(self) -> str:
        inside = ", ".join(f"{name}={limiter!r}" for name, limiter in self._buckets.items())
        return f"AccountLimiters({inside})"

    @classmethod
    def on_redis(cls, url: str, *, account: str, **options: Any) -> AccountLimiters:  # noqa: ANN401
        """Every bucket of ``account`` as a ``RedisRateLimiter`` on the Redis at ``url``
        (``options``: its keywords, such as ``share``): shared by every process and host that
        builds them with the same ``url`` and ``account``. Needs ``htx-swap-sdk[redis]``."""
        from htx_swap._redis.redis_limiter import redis_buckets

        limiters = cls.__new__(cls)
        limiters._roles = ("trade", "read")
        limiters._buckets = redis_buckets(url, account=account, **options)
        limiters._buckets["trade"]._account = limiters  # ``rate_limiter=`` its trade bucket
        return limiters

    # Mapping compares by content; two accounts' buckets are never "equal": identity it is.
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    @property
    def trade(self) -> RateLimiter:
        """The trade bucket: every cancel counts here (HTX: 72 per 3 s for swaps)."""
        return self._buckets[self._roles[0]]

    @property
    def read(self) -> RateLimiter:
        """The read bucket: order info and open orders (HTX: 72 per 3 s for swaps)."""
        return self._buckets[self._roles[1]]


# The buckets of clients given one ``RateLimiter`` as ``rate_limiter=`` (and no ``limiters=``):
# that limiter stands for one account, so its clients share the account's other buckets too.
_ACCOUNT_LOCK = threading.Lock()


def account_of(trade: RateLimiter, *, read: RateLimiter | None = None) -> AccountLimiters:
    """The ``AccountLimiters`` whose trade bucket is ``trade``: made on first use (with
    ``read`` as its read bucket, if given), the same object for every later client given that
    limiter (it lives as long as the limiter does)."""
    with _ACCOUNT_LOCK:
        account = trade._account
        if account is None:
            account = trade._account = AccountLimiters(trade=trade, read=read)
        return account


def htx_trade_limiter() -> RateLimiter:
    """A fresh limiter with HTX's documented trade limit: 72 requests per 3 seconds."""
    return htx_limiter("trade")


def htx_read_limiter() -> RateLimiter:
    """A fresh limiter for HTX's read requests (order info), a bucket apart from trades: 72
    requests per 3 seconds."""
    return htx_limiter("read")
