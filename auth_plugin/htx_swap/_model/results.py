"""Typed results of a cancel. Ids are ``str``, exactly as HTX sent them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs
import httpx

from htx_swap._model.serialize import Serializable

if TYPE_CHECKING:
    from htx_swap._model.attempts import AttemptRecord
    from htx_swap._model.errors import HtxError

__all__ = ["CancelResult", "OrderCancelError", "RateLimit"]


@attrs.frozen
class OrderCancelError(Serializable):
    """One requested order whose cancel HTX did not accept, with HTX's code and message (kept
    as received). Refused only when ``may_have_reached`` is False: when True, the cancel is in
    doubt (an attempt of the call may have been processed) and the order may be cancelled."""

    order_id: str
    err_code: int
    err_msg: str
    # Set when a whole request failed: the exception behind this entry. Its err_code is then
    # HTX's code when there was one, else -1.
    cause: HtxError | None = attrs.field(default=None, repr=False, eq=False)
    # Whether a cancel of this id may have been processed all the same (any attempt of the
    # call): the order may be cancelled although this entry says it was not. Read its state.
    may_have_reached: bool = False


_RATE_LIMIT_HEADERS = (
    "ratelimit-limit",
    "ratelimit-remaining",
    "ratelimit-interval",
    "ratelimit-reset",
)


def _rate_limit_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The ``ratelimit-*`` headers by lower-case name; a repeated one is joined with ", " (as
    ``httpx.Headers.get`` does), so it reads as unusable."""
    if not isinstance(headers, httpx.Headers):
        return {name.lower(): value for name, value in headers.items()}
    # One pass over the raw byte pairs: every httpx.Headers lookup decodes and scans all of
    # them, and the four lookups cost more than the rest of a cancel's parsing.
    found: dict[str, str] = {}
    for raw_name, raw_value in headers.raw:
        lowered = raw_name.lower()
        if lowered.startswith(b"ratelimit-"):
            name, value = lowered.decode("latin-1"), raw_value.decode("latin-1")
            found[name] = f"{found[name]}, {value}" if name in found else value
    return found


def _int_header(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@attrs.frozen
class RateLimit:
    """HTX's ``ratelimit-*`` answer headers: the quota, what is left, and when it resets."""

    limit: int | None
    remaining: int | None
    interval_ms: int | None
    reset_ms: int | None  # when the window resets, epoch milliseconds

    @classmethod
    def from_headers(cls, headers: Mapping[str, str]) -> RateLimit | None:
        """``None`` when the answer carried no rate-limit header (names in any case)."""
        by_name = _rate_limit_headers(headers)
        values = [_int_header(by_name.get(name)) for name in _RATE_LIMIT_HEADERS]
        if all(value is None for value in values):
            return None
        return cls(*values)


@attrs.frozen
class CancelResult(Serializable):
    """An accepted cancel request: which ids the exchange took, which it refused and why
    (an entry of ``errors`` whose ``may_have_reached`` is True is in doubt, not refused).

    "Success" means HTX accepted the cancel, not that the order is cancelled: read the order's
    final state from order info when it matters.
    """

    successes: list[str]
    errors: list[OrderCancelError]
    ts: int | None  # HTX's answer time (epoch ms); None when no answer came
    rate_limit: RateLimit | None = None
    attempts: int = 1
    # A subset of ``successes``: after an attempt that may have reached the exchange failed, a
    # retry was answered 1062 (cancelling) or 1071 (repeated cancel) for these ids, which means
    # the earlier attempt's cancel took. Reported as successes, flagged here.
    inferred_successes: list[str] = attrs.field(factory=list)
    # Requested ids HTX's answer named in neither list, or contradicted itself about (in both
    # lists, or in errors with two different codes): in doubt, never dropped.
    # Every requested id is in exactly one of successes, errors and unanswered.
    unanswered: list[str] = attrs.field(factory=list)
    # Ids HTX's answer named that were never requested: never counted as successes.
    unrequested: list[str] = attrs.field(factory=list)
    # A cancel-all retried after an attempt that may have reached HTX: that attempt may have
    # cancelled orders this result does not list (read open orders to know what is left).
    may_have_cancelled_more: bool = False
    # A request of this call took its rate-limit slot from a ``RedisRateLimiter``'s local
    # fallback (Redis could not be reached): the account's other processes did not count it.
    rate_limit_fallback: bool = False
    # every attempt of the call (its retries, chunks and clock resync included)
    attempt_log: tuple[AttemptRecord, ...] = attrs.field(default=(), repr=False, eq=False)

    @property
    def all_accepted(self) -> bool:
        """True when HTX accepted the cancel of every requested id."""
        return not self.errors and not self.unanswered
