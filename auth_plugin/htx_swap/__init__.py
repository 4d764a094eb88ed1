"""Signed, typed client for HTX coin-margined swap cancels (wraps the generated htx_swap_client).

>>> from htx_swap import HtxCredentials, SwapClient
"""

from typing import TYPE_CHECKING

from htx_swap._clients.client import SwapClient
from htx_swap._clients.surface import HTX_LIMITS
from htx_swap._engine.limiter import AccountLimiters, RateLimiter
from htx_swap._engine.policy import RetryPolicy
from htx_swap._model.constants import DEFAULT_BASE_URL
from htx_swap._model.credentials import HtxCredentials
from htx_swap._model.errors import (
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
from htx_swap._model.results import CancelResult, OrderCancelError, RateLimit
from htx_swap._wire.signing import HtxAuth

if TYPE_CHECKING:
    from htx_swap._clients.aclient import AsyncSwapClient
    from htx_swap._clients.futures_client import AsyncFuturesClient, FuturesClient
    from htx_swap._clients.usdt_client import AsyncUsdtClient, UsdtClient
    from htx_swap._engine.confirm import CancelOutcome
    from htx_swap._engine.dead_man import DeadMansSwitch
    from htx_swap._model.attempts import AttemptRecord
    from htx_swap._model.order_info import OrderInfo, OrderStatus
    from htx_swap._model.reports import CancelAfterStatus, OpenOrder, PanicEntry, PanicReport
    from htx_swap._observe.otel_httpx import instrument_httpx
    from htx_swap._push.push_protocol import OrderUpdate
    from htx_swap._push.push_stream import PushGap
    from htx_swap._redis.accounts import AccountsPanicReport, panic_accounts, panic_accounts_async
    from htx_swap._redis.redis_limiter import RedisRateLimiter
    from htx_swap._redis.redis_switch import (
        RedisSwitchCoordinator,
        SwitchCoordinationError,
        SwitchLeaseLostError,
    )
    from htx_swap._wire.transport import DeadlineTransport

# Imported on first use, so that ``import htx_swap`` pays only for what a plain cancel needs:
# asyncio (the async client), httpcore (made with a client anyway), the confirmation, the
# cancel family and order information.
_LAZY = {
    "AccountsPanicReport": "htx_swap._redis.accounts",
    "RedisRateLimiter": "htx_swap._redis.redis_limiter",
    "RedisSwitchCoordinator": "htx_swap._redis.redis_switch",
    "SwitchCoordinationError": "htx_swap._redis.redis_switch",
    "SwitchLeaseLostError": "htx_swap._redis.redis_switch",
    "panic_accounts": "htx_swap._redis.accounts",
    "panic_accounts_async": "htx_swap._redis.accounts",
    "AttemptRecord": "htx_swap._model.attempts",
    "AsyncSwapClient": "htx_swap._clients.aclient",
    "AsyncFuturesClient": "htx_swap._clients.futures_client",
    "FuturesClient": "htx_swap._clients.futures_client",
    "CancelAfterStatus": "htx_swap._model.reports",
    "CancelOutcome": "htx_swap._engine.confirm",
    "DeadMansSwitch": "htx_swap._engine.dead_man",
    "DeadlineTransport": "htx_swap._wire.transport",
    "OpenOrder": "htx_swap._model.reports",
    "OrderInfo": "htx_swap._model.order_info",
    "OrderStatus": "htx_swap._model.order_info",
    "OrderUpdate": "htx_swap._push.push_protocol",
    "PushGap": "htx_swap._push.push_stream",
    "PanicEntry": "htx_swap._model.reports",
    "PanicReport": "htx_swap._model.reports",
    "instrument_httpx": "htx_swap._observe.otel_httpx",
    "AsyncUsdtClient": "htx_swap._clients.usdt_client",
    "UsdtClient": "htx_swap._clients.usdt_client",
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
    """Every public name, the ones imported on first use included, and the module's dunders
    (``dir(htx_swap)``); internal subpackages and helper imports are not listed."""
    return sorted({*__all__, *(name for name in globals() if name.startswith("__"))})


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
