"""The exchange's behaviour switches; mutable, so a test can flip them on a running exchange."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from htx_swap_mock.verify import DEFAULT_TOLERANCE

__all__ = ["ExchangeSettings", "TimestampErrorStyle"]


class TimestampErrorStyle(enum.StrEnum):
    """How a stale ``Timestamp`` is refused. HTX has answered both ways."""

    # {"status":"error","err_code":12001,"err_msg":"Invalid submission time.","ts":…}
    BUSINESS = "business"
    # {"status":"error","err-code":"api-signature-not-valid","err-msg":"… 无效的提交时间 …"}
    GATEWAY = "gateway"


@dataclass
class ExchangeSettings:
    # Seconds added to the real clock: skews both the timestamp check and GET /api/v1/timestamp.
    clock_offset: float = 0.0
    timestamp_tolerance: float = DEFAULT_TOLERANCE
    timestamp_error: TimestampErrorStyle = TimestampErrorStyle.BUSINESS
    # HTX answers gateway (signature) errors with HTTP 200; some proxies turn them into 401/403.
    gateway_error_status: int = 200
    # 429 (with Retry-After) or 200: both carry the 1032 business error body.
    rate_limit_status: int = 429
    # Seconds between a cancel being accepted and taking effect; meanwhile the order shows as
    # cancelling (status 11). 0: an accepted cancel is final at once.
    cancel_delay: float = 0.0
    # swap-cancel-after (dead man's switch): the smallest time_out accepted, in ms (HTX: 5000,
    # also its default), and how often armed countdowns are checked, in seconds (HTX: about
    # every 10 ms). Tests lower both to keep their waits short.
    cancel_after_min_timeout_ms: int = 5000
    cancel_after_check_interval: float = 0.01
