"""Signed, typed client for HTX coin-margined swap cancels (wraps the generated htx_swap_client).

>>> from htx_swap import HtxCredentials, SwapClient
"""

from typing import TYPE_CHECKING

from htx_swap.client import SwapClient
from htx_swap.constants import DEFAULT_BASE_URL
from htx_swap.credentials import HtxCredentials
from htx_swap.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ClientClosedError,
    ClockSkewError,
    DeadlineExceededError,
    HtxApiError,
    HtxError,
    InvalidRequestError,
    OpenOrdersChangedError,
    RateLimitError,
    ResponseParseError,
    ResponseTooLargeError,
    ServerError,
    ServiceUnavailableError,
    SettlementError,
    SwitchMayBeArmedError,
    TimestampError,
)
from htx_swap.limiter import AccountLimiters, RateLimiter
from htx_swap.policy import RetryPolicy
from htx_swap.results import CancelResult, OrderCancelError, RateLimit
from htx_swap.signing import HtxAuth
from htx_swap.surface import HTX_LIMITS

if TYPE_CHECKING:
    from htx_swap.accounts import AccountsPanicReport, panic_accounts, panic_accounts_async
    from htx_swap.aclient import AsyncSwapClient
    from htx_swap.attempts import AttemptRecord
    from htx_swap.confirm import CancelOutcome
    from htx_swap.dead_man import DeadMansSwitch
    from htx_swap.futures_client import AsyncFuturesClient, FuturesClient
    from htx_swap.order_info import OrderInfo, OrderStatus
    from htx_swap.otel_httpx import instrument_httpx
    from htx_swap.push_protocol import OrderUpdate
    from htx_swap.push_stream import PushGap
    from htx_swap.redis_limiter import RedisRateLimiter
    from htx_swap.redis_switch import (
        RedisSwitchCoordinator,
        SwitchCoordinationError,
        SwitchLeaseLostError,
    )
    from htx_swap.reports import CancelAfterStatus, OpenOrder, PanicEntry, PanicReport
    from htx_swap.transport import DeadlineTransport
    from htx_swap.usdt_client import AsyncUsdtClient, UsdtClient

# Imported on first use, so that ``import htx_swap`` pays only for what a plain cancel needs:
# asyncio (the async client), httpcore (made with a client anyway), the confirmation, the
# cancel family and order information.
_LAZY = {
    "AccountsPanicReport": "htx_swap.accounts",
    "RedisRateLimiter": "htx_swap.redis_limiter",
    "RedisSwitchCoordinator": "htx_swap.redis_switch",
    "SwitchCoordinationError": "htx_swap.redis_switch",
    "SwitchLeaseLostError": "htx_swap.redis_switch",
    "panic_accounts": "htx_swap.accounts",
    "panic_accounts_async": "htx_swap.accounts",
    "AttemptRecord": "htx_swap.attempts",
    "AsyncSwapClient": "htx_swap.aclient",
    "AsyncFuturesClient": "htx_swap.futures_client",
    "FuturesClient": "htx_swap.futures_client",
    "CancelAfterStatus": "htx_swap.reports",
    "CancelOutcome": "htx_swap.confirm",
    "DeadMansSwitch": "htx_swap.dead_man",
    "DeadlineTransport": "htx_swap.transport",
    "OpenOrder": "htx_swap.reports",
    "OrderInfo": "htx_swap.order_info",
    "OrderStatus": "htx_swap.order_info",
    "OrderUpdate": "htx_swap.push_protocol",
    "PushGap": "htx_swap.push_stream",
    "PanicEntry": "htx_swap.reports",
    "PanicReport": "htx_swap.reports",
    "instrument_httpx": "htx_swap.otel_httpx",
    "AsyncUsdtClient": "htx_swap.usdt_client",
    "UsdtClient": "htx_swap.usdt_client",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is not None:
        import importlib

        return getattr(importlib.import_module(module), name)
    if name == "__version__":  # one source: the installed distribution's metadata
        from importlib.metadata import version

        return version("htx-swap-sdk")
    raise AttributeError(f"module 'htx_swap' has no attribute {name!r}")


def __dir__() -> list[str]:
    """Every public name, the ones imported on first use included (``dir(htx_swap)``)."""
    return sorted({*globals(), *__all__})


__all__ = [
    "DEFAULT_BASE_URL",
    "HTX_LIMITS",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AccountLimiters",
    "AccountsPanicReport",
    "AsyncFuturesClient",
    "AsyncSwapClient",
    "AsyncUsdtClient",
    "AttemptRecord",
    "AuthenticationError",
    "CancelAfterStatus",
    "CancelOutcome",
    "CancelResult",
    "ClientClosedError",
    "ClockSkewError",
    "DeadMansSwitch",
    "DeadlineExceededError",
    "DeadlineTransport",
    "FuturesClient",
    "HtxApiError",
    "HtxAuth",
    "HtxCredentials",
    "HtxError",
    "InvalidRequestError",
    "OpenOrder",
    "OpenOrdersChangedError",
    "OrderCancelError",
    "OrderInfo",
    "OrderStatus",
    "OrderUpdate",
    "PanicEntry",
    "PanicReport",
    "PushGap",
    "RateLimit",
    "RateLimitError",
    "RateLimiter",
    "RedisRateLimiter",
    "RedisSwitchCoordinator",
    "ResponseParseError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "ServerError",
    "ServiceUnavailableError",
    "SettlementError",
    "SwapClient",
    "SwitchCoordinationError",
    "SwitchLeaseLostError",
    "SwitchMayBeArmedError",
    "TimestampError",
    "UsdtClient",
    "__version__",
    "instrument_httpx",
    "panic_accounts",
    "panic_accounts_async",
]
