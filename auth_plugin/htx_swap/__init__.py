"""Signed, typed client for HTX coin-margined swap cancels (wraps the generated htx_swap_client).

>>> from htx_swap import HtxCredentials, SwapClient
"""

from htx_swap.client import DEFAULT_BASE_URL, AsyncSwapClient, SwapClient
from htx_swap.confirm import CancelOutcome
from htx_swap.credentials import HtxCredentials
from htx_swap.errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    DeadlineExceededError,
    HtxApiError,
    HtxError,
    InvalidRequestError,
    RateLimitError,
    ResponseParseError,
    ServerError,
    ServiceUnavailableError,
    TimestampError,
)
from htx_swap.limiter import RateLimiter
from htx_swap.order_info import OrderInfo, OrderStatus
from htx_swap.results import CancelResult, OrderCancelError, RateLimit
from htx_swap.signing import HtxAuth

__all__ = [
    "DEFAULT_BASE_URL",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncSwapClient",
    "AuthenticationError",
    "CancelOutcome",
    "CancelResult",
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
    "ServerError",
    "ServiceUnavailableError",
    "SwapClient",
    "TimestampError",
    "__version__",
]


def __getattr__(name: str) -> str:
    # One source for the version: the installed distribution's metadata, read on first use so
    # that ``import htx_swap`` does not pay for importlib.metadata.
    if name == "__version__":
        from importlib.metadata import version

        return version("htx-swap-sdk")
    raise AttributeError(f"module 'htx_swap' has no attribute {name!r}")
