"""Signed, typed client for HTX coin-margined swap cancels (wraps the generated htx_swap_client).

>>> from htx_swap import HtxCredentials, SwapClient
"""

from typing import TYPE_CHECKING

from htx_swap.client import SwapClient
from htx_swap.confirm import CancelOutcome
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
from htx_swap.results import CancelResult, OrderCancelError, RateLimit
from htx_swap.signing import HtxAuth
from htx_swap.surface import HTX_LIMITS

if TYPE_CHECKING:
    from htx_swap.aclient import AsyncSwapClient


__all__ = [
    "DEFAULT_BASE_URL",
    "HTX_LIMITS",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncSwapClient",
    "AuthenticationError",
    "CancelOutcome",
    "CancelResult",
    "ClientClosedError",
    "ClockSkewError",
    "DeadlineExceededError",
    "HtxApiError",
    "HtxAuth",
    "HtxCredentials",
    "HtxError",
    "InvalidRequestError",
    "OrderCancelError",
    "OrderInfo",
    "OrderStatus",
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


def __getattr__(name: str) -> object:
    # asyncio costs about as much to import as the rest of the SDK: only async users pay it
    if name == "AsyncSwapClient":
        from htx_swap.aclient import AsyncSwapClient

        return AsyncSwapClient
    # One source for the version: the installed distribution's metadata, read on first use so
    # that ``import htx_swap`` does not pay for importlib.metadata.
    if name == "__version__":
        from importlib.metadata import version

        return version("htx-swap-sdk")
    raise AttributeError(f"module 'htx_swap' has no attribute {name!r}")
