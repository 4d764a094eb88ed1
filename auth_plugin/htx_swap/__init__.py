"""Signed, typed client for HTX coin-margined swap cancels (wraps the generated htx_swap_client).

>>> from htx_swap import HtxCredentials, SwapClient
"""

from typing import TYPE_CHECKING

from htx_swap.client import SwapClient
from htx_swap.confirm import CancelOutcome
from htx_swap.constants import DEFAULT_BASE_URL
from htx_swap.credentials import HtxCredentials
from htx_swap.dead_man import DeadMansSwitch
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
    RateLimitError,
    ResponseParseError,
    ResponseTooLargeError,
    ServerError,
    ServiceUnavailableError,
    TimestampError,
)
from htx_swap.limiter import RateLimiter
from htx_swap.order_info import OrderInfo, OrderStatus
from htx_swap.policy import RetryPolicy
from htx_swap.results import (
    CancelAfterStatus,
    CancelResult,
    OpenOrder,
    OrderCancelError,
    PanicEntry,
    PanicReport,
    RateLimit,
)
from htx_swap.signing import HtxAuth
from htx_swap.surface import HTX_LIMITS

if TYPE_CHECKING:
    from htx_swap.aclient import AsyncSwapClient
    from htx_swap.transport import DeadlineTransport


def __getattr__(name: str) -> object:
    # asyncio costs about as much to import as the rest of the SDK: only async users pay it.
    # One source for the version: the installed distribution's metadata, read on first use so
    # that ``import htx_swap`` does not pay for importlib.metadata.
    if name == "AsyncSwapClient":
        from htx_swap.aclient import AsyncSwapClient

        return AsyncSwapClient
    if name == "DeadlineTransport":  # httpcore: imported when a client is made, not before
        from htx_swap.transport import DeadlineTransport

        return DeadlineTransport
    if name == "__version__":
        from importlib.metadata import version

        return version("htx-swap-sdk")
    raise AttributeError(f"module 'htx_swap' has no attribute {name!r}")


__all__ = [
    "DEFAULT_BASE_URL",
    "HTX_LIMITS",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncSwapClient",
    "AuthenticationError",
    "CancelAfterStatus",
    "CancelOutcome",
    "CancelResult",
    "ClientClosedError",
    "ClockSkewError",
    "DeadMansSwitch",
    "DeadlineExceededError",
    "DeadlineTransport",
    "HtxApiError",
    "HtxAuth",
    "HtxCredentials",
    "HtxError",
    "InvalidRequestError",
    "OpenOrder",
    "OrderCancelError",
    "OrderInfo",
    "OrderStatus",
    "PanicEntry",
    "PanicReport",
    "RateLimit",
    "RateLimitError",
    "RateLimiter",
    "ResponseParseError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "ServerError",
    "ServiceUnavailableError",
    "SwapClient",
    "TimestampError",
    "__version__",
]
