"""When a failed attempt is tried again, and after how long: one pure function, ``next_delay``.

The engine runs the loop itself (one explicit loop, as Stainless SDKs do); tenacity, which ran it
before, needed a first attempt outside it, a replayed failure and a stop class built per call
to fit a loop that also resyncs the clock and keeps a deadline.
"""

from __future__ import annotations

import random

import attrs

from htx_swap._model.constants import (
    DEFAULT_BACKOFF_INITIAL,
    DEFAULT_BACKOFF_MAX,
    DEFAULT_MAX_RETRIES,
    MAX_SERVER_WAIT,
)
from htx_swap._model.errors import InvalidRequestError
from htx_swap._wire.error_map import is_retryable
from htx_swap._wire.validation import as_seconds, shown

__all__ = ["RetryPolicy", "next_delay"]


def _seconds(name: str, value: object, *, allow_zero: bool) -> float:
    seconds = as_seconds(value)
    if seconds is None or seconds > MAX_SERVER_WAIT * 60:
        raise InvalidRequestError(name, f"must be a finite number of seconds, got {shown(value)}")
    if seconds < 0 or (seconds == 0 and not allow_zero):
        raise InvalidRequestError(name, f"must be {'>=' if allow_zero else '>'} 0, got {seconds!r}")
    return seconds


@attrs.frozen
class RetryPolicy:
    """``max_retries`` extra attempts (0 turns retries off); backoff ``backoff_initial * 2**n``
    capped at ``backoff_max``, plus up to ``backoff_initial`` of jitter; a server-given wait
    (``Retry-After``, ``recovery-time``) is honoured up to ``max_server_wait`` seconds, beyond
    which the error is raised at once instead of waiting."""

    max_retries: int = DEFAULT_MAX_RETRIES
    backoff_initial: float = DEFAULT_BACKOFF_INITIAL
    backoff_max: float = DEFAULT_BACKOFF_MAX
    max_server_wait: float = MAX_SERVER_WAIT

    def __attrs_post_init__(self) -> None:
        retries = self.max_retries
        if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 100:
            raise InvalidRequestError("max_retries", f"must be an int in 0..100, got {retries!r}")
        _seconds("backoff_initial", self.backoff_initial, allow_zero=True)
        _seconds("backoff_max", self.backoff_max, allow_zero=True)
        _seconds("max_server_wait", self.max_server_wait, allow_zero=True)

    @property
    def longest_wait(self) -> float:
        """The longest pause between two attempts, jitter included."""
        return max(self.backoff_max + self.backoff_initial, self.max_server_wait)

    def backoff(self, retry_number: int, jitter: float | None = None) -> float:
        """The pause before retry ``retry_number`` (1 for the first retry).

        >>> RetryPolicy().backoff(1, jitter=0.0), RetryPolicy().backoff(9, jitter=0.0)
        (0.5, 8.0)
        """
        jitter = random.random() if jitter is None else jitter  # noqa: S311 - not crypto
        exponent = min(retry_number - 1, 60)
        return min(self.backoff_initial * 2.0**exponent, self.backoff_max) + (
            jitter * self.backoff_initial
        )


def next_delay(
    attempts: int, error: BaseException, policy: RetryPolicy, time_left: float | None
) -> float | None:
    """Seconds to wait before the next attempt, or None to give up and raise ``error``.

    ``attempts`` is how many were sent so far; ``time_left`` the seconds until the call's
    deadline (None: no deadline). No retry starts whose wait would end past the deadline.

    >>> from htx_swap._model.errors import APIConnectionError, HtxApiError
    >>> next_delay(1, APIConnectionError("reset"), RetryPolicy(), None) is not None
    True
    >>> next_delay(1, HtxApiError("no such order", code=1061), RetryPolicy(), None) is None
    True
    >>> next_delay(3, APIConnectionError("reset"), RetryPolicy(), None) is None
    True
    """
    if attempts > policy.max_retries or not is_retryable(error):
        return None
    server_wait = getattr(error, "retry_after", None)
    if isinstance(server_wait, float | int):
        if server_wait > policy.max_server_wait:
            return None
        delay = float(server_wait)
    else:
        delay = policy.backoff(attempts)
    if time_left is not None and delay >= time_left:
        return None
    return delay
