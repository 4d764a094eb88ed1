"""Everything the running exchange holds, shared by the ASGI app and ``MockExchange``."""

from __future__ import annotations

import enum
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from htx_swap_mock.cancel_after import DeadMansSwitches
from htx_swap_mock.codes import ErrorCode
from htx_swap_mock.faults import FaultPlan
from htx_swap_mock.moves import MovePlan
from htx_swap_mock.orders import OrderBook, OrderKind
from htx_swap_mock.products import PRODUCTS, Contracts, Product
from htx_swap_mock.push import SWAP_NOTIFICATION_PATH, PushHub
from htx_swap_mock.ratelimit import SlidingWindowLimiter
from htx_swap_mock.recording import RequestLog
from htx_swap_mock.settings import ExchangeSettings
from htx_swap_mock.usdt import UsdtMarket

__all__ = ["ExchangeState", "RateBucket", "SettlementWindow"]

RateLimit = tuple[int, float]  # (requests, seconds)


class RateBucket(enum.StrEnum):
    """HTX counts private requests per UID in two buckets per product, by the interface's
    permission as its page gives it: trade (the cancels, the cancel-afters,
    swap_track_openorders) and read (the order-info and the other open-orders queries). The
    swaps', the delivery futures' and the USDT-M contracts' buckets are apart. Each answer's
    ``Ratelimit-*`` headers describe the bucket it was counted in (for a strategy cancel, its
    own 5-per-second count)."""

    TRADE = "trade"
    READ = "read"
    FUTURES_TRADE = "futures_trade"
    FUTURES_READ = "futures_read"
    # USDT-margined contracts (the v5 API) count apart from the coin-margined swaps, 72 trade
    # + 72 read per 3 s per UID.
    USDT_TRADE = "usdt_trade"
    USDT_READ = "usdt_read"


@dataclass(frozen=True)
class SettlementWindow:
    """A delivery futures settlement (1056) or delivery (1059) under way: every futures cancel
    naming one of ``symbols`` (None: any symbol) is refused with ``code`` until it closes."""

    code: ErrorCode
    symbols: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.code not in (ErrorCode.SETTLING, ErrorCode.DELIVERING):
            raise ValueError(f"a settlement window answers 1056 or 1059, not {int(self.code)}")

    def covers(self, contracts: Contracts) -> bool:
        return self.symbols is None or contracts.symbol is None or contracts.symbol in self.symbols


# The field of ExchangeState that holds each bucket's (limit, interval seconds).
_LIMIT_FIELDS = {
    RateBucket.TRADE: "rate_limit",
    RateBucket.READ: "read_rate_limit",
    RateBucket.FUTURES_TRADE: "futures_rate_limit",
    RateBucket.FUTURES_READ: "futures_read_rate_limit",
    RateBucket.USDT_TRADE: "usdt_rate_limit",
    RateBucket.USDT_READ: "usdt_read_rate_limit",
}


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
    # The delivery futures' trade and read buckets (HTX: 36 per 3 s each, apart from the swaps').
    futures_rate_limit: RateLimit | None = (36, 3.0)
    futures_read_rate_limit: RateLimit | None = (36, 3.0)
    faults: FaultPlan = field(default_factory=FaultPlan)
    log: RequestLog = field(default_factory=RequestLog)
    moves: MovePlan = field(default_factory=MovePlan)  # the market's scheduled moves
    books: dict[OrderKind, OrderBook] = field(init=False)  # server clock, skew included
    orders: OrderBook = field(init=False)  # the limit book, books[OrderKind.LIMIT]
    limiter: SlidingWindowLimiter | None = field(init=False, default=None)
    read_limiter: SlidingWindowLimiter | None = field(init=False, default=None)
    endpoint_limiters: dict[str, SlidingWindowLimiter] = field(init=False)
    switches: DeadMansSwitches = field(init=False, default_factory=DeadMansSwitches)
    futures_switches: DeadMansSwitches = field(init=False, default_factory=DeadMansSwitches)
    settlement: SettlementWindow | None = field(init=False, default=None)
    bucket_limiters: dict[RateBucket, SlidingWindowLimiter | None] = field(init=False)
    push: PushHub = field(init=False)  # the order-push WebSocket: connections, faults
    # The USDT-M (v5) market: its own books, switches and buckets (usdt_trade, usdt_read).
    usdt_rate_limit: RateLimit | None = (72, 3.0)
    usdt_read_rate_limit: RateLimit | None = (72, 3.0)
    usdt: UsdtMarket = field(init=False)

    def __post_init__(self) -> None:
        if not self.credentials:
            raise ValueError("at least one access key / secret key pair is needed")
        self.books = {kind: OrderBook(self.now, kind) for kind in OrderKind}
        self.orders = self.books[OrderKind.LIMIT]
        self.push = PushHub(self.now_ms, self.now)
        self.push.watch(self.orders, SWAP_NOTIFICATION_PATH)  # swap limit orders: orders.*
        self.usdt = UsdtMarket(self.now)
        self._initial_settings = replace(self.settings)
        self._initial_rate_limits = (
            self.rate_limit,
            self.read_rate_limit,
            self.strategy_cancel_rate_limit,
            self.futures_rate_limit,
            self.futures_read_rate_limit,
            self.usdt_rate_limit,
            self.usdt_read_rate_limit,
        )
        self.bucket_limiters = {}
        self._set_limits(self._initial_rate_limits)

    def _set_limits(self, limits: tuple[RateLimit | None, ...]) -> None:
        trade, read, strategy, futures_trade, futures_read, usdt_trade, usdt_read = limits
        self.set_rate_limit(trade)
        self.set_read_rate_limit(read)
        self.set_strategy_cancel_rate_limit(strategy)
        self.set_bucket_limit(RateBucket.FUTURES_TRADE, futures_trade)
        self.set_bucket_limit(RateBucket.FUTURES_READ, futures_read)
        self.set_usdt_rate_limits(usdt_trade, usdt_read)

    def set_rate_limit(self, rate_limit: RateLimit | None) -> None:
        """The trade bucket: ``(limit, interval seconds)``, or None to turn it off; counts
        restart."""
        self.rate_limit = rate_limit
        self.limiter = _limiter(rate_limit, self.monotonic)
        self.bucket_limiters[RateBucket.TRADE] = self.limiter

    def set_read_rate_limit(self, rate_limit: RateLimit | None) -> None:
        """The read bucket, likewise."""
        self.read_rate_limit = rate_limit
        self.read_limiter = _limiter(rate_limit, self.monotonic)
        self.bucket_limiters[RateBucket.READ] = self.read_limiter

    def set_bucket_limit(self, bucket: RateBucket | str, rate_limit: RateLimit | None) -> None:
        """Any bucket by name (``trade``, ``read``, ``futures_trade``, ``futures_read``,
        ``usdt_trade``, ``usdt_read``): ``(limit, interval seconds)`` or None to turn it off;
        its counts restart."""
        bucket = RateBucket(bucket)
        if bucket is RateBucket.TRADE:
            self.set_rate_limit(rate_limit)
        elif bucket is RateBucket.READ:
            self.set_read_rate_limit(rate_limit)
        else:
            limiter = _limiter(rate_limit, self.monotonic)
            setattr(self, _LIMIT_FIELDS[bucket], rate_limit)
            self.bucket_limiters[bucket] = limiter

    def bucket_limit(self, bucket: RateBucket | str) -> RateLimit | None:
        """A bucket's ``(limit, interval seconds)``, or None when it is off."""
        limit: RateLimit | None = getattr(self, _LIMIT_FIELDS[RateBucket(bucket)])
        return limit

    def set_strategy_cancel_rate_limit(self, rate_limit: RateLimit | None) -> None:
        """The per-endpoint limit of the six strategy cancel endpoints, likewise (each
        endpoint counts apart)."""
        _limiter(rate_limit, self.monotonic)  # a ValueError now for an impossible limit
        self.strategy_cancel_rate_limit = rate_limit
        self.endpoint_limiters = {}

    def set_usdt_rate_limits(self, trade: RateLimit | None, read: RateLimit | None) -> None:
        """The USDT-M trade and read buckets, likewise (counted apart from the swaps')."""
        self.set_bucket_limit(RateBucket.USDT_TRADE, trade)
        self.set_bucket_limit(RateBucket.USDT_READ, read)

    def limiter_for(self, bucket: RateBucket | str) -> SlidingWindowLimiter | None:
        return self.bucket_limiters[RateBucket(bucket)]

    def switches_of(self, product: Product) -> DeadMansSwitches:
        """The dead man's switches of a product's cancel-after endpoint (each product has its
        own, and a firing switch cancels only that product's orders)."""
        return self.futures_switches if product.settles else self.switches

    def open_settlement(self, code: ErrorCode | int, symbols: frozenset[str] | None) -> None:
        """Refuse delivery futures cancels of ``symbols`` (None: all) with ``code`` (1056
        settlement, 1059 delivery) until ``close_settlement``."""
        self.settlement = SettlementWindow(ErrorCode(code), symbols)

    def close_settlement(self) -> None:
        self.settlement = None

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
        fired: list[str] = []
        for product in PRODUCTS:
            switches = self.switches_of(product)
            due = switches.take_due(self.now_ms())
            for key in due:
                outcome = self.orders.cancel_matching(
                    product.every_contract, delay=self.settings.cancel_delay
                )
                switches.record_cancelled(key, outcome.successes)
            fired.extend(due)
        for key in self.usdt.switches.take_due(self.now_ms()):  # the USDT-M switch: its orders
            outcome = self.usdt.orders.cancel_matching(None, delay=self.settings.cancel_delay)
            self.usdt.switches.record_cancelled(key, outcome.successes)
            fired.append(key)
        return fired

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
        self.futures_switches.clear()
        self.settlement = None
        self.faults.clear()
        self.moves.clear()
        self.log.clear()
        self.push.reset()
        initial = self._initial_settings
        for name in vars(initial):
            setattr(self.settings, name, getattr(initial, name))
        self._set_limits(self._initial_rate_limits)
        self.usdt.clear()
