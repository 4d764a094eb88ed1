"""Everything the running exchange holds, shared by the ASGI app and ``MockExchange``."""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from htx_swap_mock.faults import FaultPlan
from htx_swap_mock.orders import OrderBook
from htx_swap_mock.ratelimit import SlidingWindowLimiter
from htx_swap_mock.recording import RequestLog
from htx_swap_mock.settings import ExchangeSettings

__all__ = ["ExchangeState", "RateBucket"]

RateLimit = tuple[int, float]  # (requests, seconds)


class RateBucket(enum.StrEnum):
    """HTX counts private requests per UID in two buckets, by the interface's permission:
    trade (swap_cancel) and read (swap_order_info); each answer's ``Ratelimit-*`` headers
    describe the bucket it was counted in."""

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
    faults: FaultPlan = field(default_factory=FaultPlan)
    log: RequestLog = field(default_factory=RequestLog)
    orders: OrderBook = field(init=False)  # on the server clock, skew included
    limiter: SlidingWindowLimiter | None = field(init=False, default=None)
    read_limiter: SlidingWindowLimiter | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if not self.credentials:
            raise ValueError("at least one access key / secret key pair is needed")
        self.orders = OrderBook(self.now)
        self._initial_settings = replace(self.settings)
        self._initial_rate_limits = (self.rate_limit, self.read_rate_limit)
        self.set_rate_limit(self.rate_limit)
        self.set_read_rate_limit(self.read_rate_limit)

    def set_rate_limit(self, rate_limit: RateLimit | None) -> None:
        """The trade bucket: ``(limit, interval seconds)``, or None to turn it off; counts
        restart."""
        self.rate_limit = rate_limit
        self.limiter = _limiter(rate_limit, self.monotonic)

    def set_read_rate_limit(self, rate_limit: RateLimit | None) -> None:
        """The read bucket, likewise."""
        self.read_rate_limit = rate_limit
        self.read_limiter = _limiter(rate_limit, self.monotonic)

    def limiter_for(self, bucket: RateBucket) -> SlidingWindowLimiter | None:
        return self.limiter if bucket is RateBucket.TRADE else self.read_limiter

    def now(self) -> float:
        """The server clock, POSIX seconds, skew included."""
        return self.clock() + self.settings.clock_offset

    def now_ms(self) -> int:
        return int(self.now() * 1000)

    def reset(self) -> None:
        """Back to a fresh exchange: no orders, faults or records; settings as constructed."""
        self.orders.clear()
        self.faults.clear()
        self.log.clear()
        initial = self._initial_settings
        for name in vars(initial):
            setattr(self.settings, name, getattr(initial, name))
        trade, read = self._initial_rate_limits
        self.set_rate_limit(trade)
        self.set_read_rate_limit(read)
