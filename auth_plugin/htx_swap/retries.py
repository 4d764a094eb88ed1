"""When a failed cancel is tried again, and how long to wait first.

tenacity runs the loop (sync and async alike); this module holds the policy: which failures
are worth another attempt, the backoff, and ``Retry-After``/``recovery-time`` honoured.
tenacity is imported on the first retry: it brings asyncio, which costs about as much to import
as the rest of the SDK, and most cancels never retry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from htx_swap.errors import (
    APIConnectionError,
    HtxError,
    RateLimitError,
    ServiceUnavailableError,
)

if TYPE_CHECKING:
    import tenacity

__all__ = ["RetryPolicy", "is_retryable", "reached_exchange"]


def is_retryable(error: BaseException) -> bool:
    """Connection faults and timeouts, HTTP 429/502/503/504, HTX 1004 (busy) and 1032 (rate
    limited). Never business errors: a retry cannot fix them."""
    return isinstance(error, APIConnectionError | RateLimitError | ServiceUnavailableError)


@attrs.frozen
class RetryPolicy:
    """``max_retries`` extra attempts (0 turns retries off), exponential backoff with jitter
    from ``backoff_initial`` up to ``backoff_max`` seconds; a server-given wait is honoured up
    to ``max_server_wait`` seconds, beyond which the error is raised instead of waiting."""

    max_retries: int = 2
    backoff_initial: float = 0.5
    backoff_max: float = 8.0
    max_server_wait: float = 60.0

    def __attrs_post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")

    def backoff(self, attempt_number: int) -> float:
        """initial * 2**(n-1), capped at ``backoff_max``, plus up to ``backoff_initial`` jitter."""
        import tenacity

        state = tenacity.RetryCallState(tenacity.Retrying(), None, (), {})
        state.attempt_number = attempt_number
        return float(self._backoff_wait(state))

    @property
    def _backoff_wait(self) -> tenacity.wait.wait_base:
        import tenacity

        return tenacity.wait_exponential(
            multiplier=self.backoff_initial, max=self.backoff_max
        ) + tenacity.wait_random(0, self.backoff_initial)

    def _wait(self, state: tenacity.RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome else None
        server_wait = getattr(error, "retry_after", None)
        if isinstance(server_wait, float | int):
            return float(server_wait)
        return float(self._backoff_wait(state))

    def wants_retry(self, error: BaseException) -> bool:
        """Whether ``error`` is worth another attempt (attempts left aside)."""
        if self.max_retries == 0 or not is_retryable(error):
            return False
        server_wait = getattr(error, "retry_after", None)
        return not (isinstance(server_wait, float | int) and server_wait > self.max_server_wait)

    def _should_retry(self, state: tenacity.RetryCallState) -> bool:
        error = state.outcome.exception() if state.outcome else None
        return error is not None and self.wants_retry(error)

    def _kwargs(self) -> dict[str, object]:
        import tenacity

        return {
            "stop": tenacity.stop_after_attempt(self.max_retries + 1),
            "wait": self._wait,
            "retry": self._should_retry,
            "reraise": True,
        }

    def sync(self) -> tenacity.Retrying:
        import tenacity

        return tenacity.Retrying(**self._kwargs())  # type: ignore[arg-type]

    def asyncio(self) -> tenacity.AsyncRetrying:
        import tenacity

        return tenacity.AsyncRetrying(**self._kwargs())  # type: ignore[arg-type]


def reached_exchange(error: HtxError) -> bool:
    """Whether a failed attempt may have been processed by the exchange all the same."""
    if isinstance(error, APIConnectionError):
        return error.may_have_reached
    return isinstance(error, ServiceUnavailableError) and error.code is None
