"""Everything the running exchange holds, shared by the ASGI app and ``MockExchange``."""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from htx_swap_mock.cancel_after import DeadMansSwitches
from htx_swap_mock.faults import FaultPlan
from htx_swap_mock.moves import MovePlan
from htx_swap_mock.orders import OrderBook, OrderKind
from htx_swap_mock.ratelimit import SlidingWindowLimiter
from htx_swap_mock.recording import RequestLog
from htx_swap_mock.settings import ExchangeSettings

__all__ = ["ExchangeState", "RateBucket"]

RateLimit = tuple[int, float]  # (requests, seconds)


class RateBucket(enum.StrEnum):
    """HTX counts private requests per UID in two buckets, by the interface's permission as
    its page gives it: trade (the cancels, swap-cancel-after, swap_track_openorders) and read
    (swap_order_info and the other open-orders queries); each answer's ``Ratelimit-*`` headers
    describe the bucket it was counted in (for a strategy cancel, its own 5-per-second
    count)."""

    TRADE = "trade"
    READ = "read"


def _limiter(
    limit: RateLimit | None, monotonic: Callable[[], float]
) -> SlidingWindowLimiter | None:
    return None if limit is None else SlidingWindowLimiter(limit[0], limit[1], monotonic)


@dataclass
class ExchangeState:
    credentials: Mapping[str, str]  # access key -> secret key
    settings: ExchangeSettings = field(default_factory=ExchangeSettings)
    rate_limit: RateLimit | None = (72, 3.0)  # the trade bucket
    clock: Callable[[], float] = time.time
    monotonic: Callable[[], float] = time.monotonic
    read_rate_limit: RateLimit | None = (72, 3.0)
    # Each of the six trigger/TP-SL/trailing cancel endpoints: its own count per key, on top
    # of the trade bucket (HTX: 5 per second).
    strategy_cancel_rate_limit: RateLimit | None = (5, 1.0)
    faults: FaultPlan = field(default_factory=FaultPlan)
    log: RequestLog = field(default_factory=RequestLog)
    moves: MovePlan = field(default_factory=MovePlan)  # the market's scheduled moves
    books: dict[OrderKind, OrderBook] = field(init=False)  # server clock, skew included
    orders: OrderBook = field(init=False)  # the limit book, books[OrderKind.LIMIT]
    limiter: SlidingWindowLimiter | None = field(init=False, default=None)
    read_limiter: SlidingWindowLimiter | None = field(init=False, default=None)
    endpoint_limiters: dict[str, SlidingWindowLimiter] = field(init=False)
    switches: DeadMansSwitches = field(init=False, default_factory=DeadMansSwitches)

    def __post_init__(self) -> None:
        if not self.credentials:
            raise ValueError("at least one access key / secret key pair is needed")
        self.books = {kind: OrderBook(self.now, kind) for kind in OrderKind}
        self.orders = self.books[OrderKind.LIMIT]
        self._initial_settings = replace(self.settings)
        self._initial_rate_limits = (
            self.rate_limit,
            self.read_rate_limit,
            self.strategy_cancel_rate_limit,
        )
        self.set_rate_limit(self.rate_limit)
        self.set_read_rate_limit(self.read_rate_limit)
        self.set_strategy_cancel_rate_limit(self.strategy_cancel_rate_limit)

    def set_rate_limit(self, rate_limit: RateLimit | None) -> None:
        """The trade bucket: ``(limit, interval seconds)``, or None to turn it off; counts
        restart."""
        self.rate_limit = rate_limit
        self.limiter = _limiter(rate_limit, self.monotonic)

    def set_read_rate_limit(self, rate_limit: RateLimit | None) -> None:
        """The read bucket, likewise."""
        self.read_rate_limit = rate_limit
        self.read_limiter = _limiter(rate_limit, self.monotonic)

    def set_strategy_cancel_rate_limit(self, rate_limit: RateLimit | None) -> None:
        """The per-endpoint limit of the six strategy cancel endpoints, likewise (each
        endpoint counts apart)."""
        _limiter(rate_limit, self.monotonic)  # a ValueError now for an impossible limit
        self.strategy_cancel_rate_limit = rate_limit
        self.endpoint_limiters = {}

    def limiter_for(self, bucket: RateBucket) -> SlidingWindowLimiter | None:
        return self.limiter if bucket is RateBucket.TRADE else self.read_limiter

    def endpoint_limiter(self, path: str) -> SlidingWindowLimiter | None:
        """The own limiter of a strategy cancel endpoint, made on first use."""
        limit = self.strategy_cancel_rate_limit
        if limit is None:
            return None
        limiter = self.endpoint_limiters.get(path)
        if limiter is None:
            limiter = _limiter(limit, self.monotonic)
            assert limiter is not None
            limiter = self.endpoint_limiters.setdefault(path, limiter)
        return limiter

    def book(self, kind: OrderKind | str) -> OrderBook:
        return self.books[OrderKind(kind)]

    def fire_due_switches(self) -> list[str]:
        """Fire every dead man's switch whose countdown has run out: cancel the open limit
        orders as a cancel-all would (``cancel_delay`` and ``on_cancel`` apply). The mock's
        orders belong to no key in particular, so a firing switch cancels them all. Returns the
        keys that fired."""
        due = self.switches.take_due(self.now_ms())
        for key in due:
            outcome = self.orders.cancel_matching(None, delay=self.settings.cancel_delay)
            self.switches.record_cancelled(key, outcome.successes)
        return due

    def move_due(self) -> None:
        """Do every scheduled market move whose time has come."""
        self.moves.due(self.now(), self.book)

    def now(self) -> float:
        """The server clock, POSIX seconds, skew included."""
        return self.clock() + self.settings.clock_offset

    def now_ms(self) -> int:
        return int(self.now() * 1000)

    def reset(self) -> None:
        """Back to a fresh exchange: no orders, faults or records; settings as constructed."""
        for book in self.books.values():
            book.clear()
        self.switches.clear()
        self.faults.clear()
        self.moves.clear()
        self.log.clear()
        initial = self._initial_settings
        for name in vars(initial):
            setattr(self.settings, name, getattr(initial, name))
        trade, read, strategy = self._initial_rate_limits
        self.set_rate_limit(trade)
        self.set_read_rate_limit(read)
        self.set_strategy_cancel_rate_limit(strategy)
