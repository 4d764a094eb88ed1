"""Everything the running exchange holds, shared by the ASGI app and ``MockExchange``."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from htx_swap_mock.faults import FaultPlan
from htx_swap_mock.orders import OrderBook
from htx_swap_mock.ratelimit import SlidingWindowLimiter
from htx_swap_mock.recording import RequestLog
from htx_swap_mock.settings import ExchangeSettings

__all__ = ["ExchangeState"]


@dataclass
class ExchangeState:
    credentials: Mapping[str, str]  # access key -> secret key
    settings: ExchangeSettings = field(default_factory=ExchangeSettings)
    rate_limit: tuple[int, float] | None = (72, 3.0)
    clock: Callable[[], float] = time.time
    monotonic: Callable[[], float] = time.monotonic
    orders: OrderBook = field(default_factory=OrderBook)
    faults: FaultPlan = field(default_factory=FaultPlan)
    log: RequestLog = field(default_factory=RequestLog)
    limiter: SlidingWindowLimiter | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if not self.credentials:
            raise ValueError("at least one access key / secret key pair is needed")
        self._initial_settings = replace(self.settings)
        self._initial_rate_limit = self.rate_limit
        self.set_rate_limit(self.rate_limit)

    def set_rate_limit(self, rate_limit: tuple[int, float] | None) -> None:
        """``(limit, interval seconds)``, or None to turn rate limiting off; counts restart."""
        self.rate_limit = rate_limit
        self.limiter = (
            None
            if rate_limit is None
            else SlidingWindowLimiter(rate_limit[0], rate_limit[1], self.monotonic)
        )

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
        self.set_rate_limit(self._initial_rate_limit)
