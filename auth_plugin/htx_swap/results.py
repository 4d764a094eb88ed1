"""Typed results of a cancel. Ids are ``str``, exactly as HTX sent them."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import httpx

if TYPE_CHECKING:
    from htx_swap.errors import HtxError

__all__ = [
    "CancelAfterStatus",
    "CancelResult",
    "OpenOrder",
    "OrderCancelError",
    "PanicEntry",
    "PanicReport",
    "RateLimit",
]


@attrs.frozen
class OrderCancelError:
    """One order the exchange did not cancel, with HTX's code and message (kept as received)."""

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
class CancelResult:
    """An accepted cancel request: which ids the exchange took, which it refused and why.

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
    # Requested ids HTX's answer named in neither list (or in both): in doubt, never dropped.
    # Every requested id is in exactly one of successes, errors and unanswered.
    unanswered: list[str] = attrs.field(factory=list)
    # Ids HTX's answer named that were never requested: never counted as successes.
    unrequested: list[str] = attrs.field(factory=list)
    # A cancel-all retried after an attempt that may have reached HTX: that attempt may have
    # cancelled orders this result does not list (read open orders to know what is left).
    may_have_cancelled_more: bool = False

    @property
    def all_accepted(self) -> bool:
        """True when HTX accepted the cancel of every requested id."""
        return not self.errors and not self.unanswered


@attrs.frozen
class CancelAfterStatus:
    """The dead man's switch as HTX set it: ``armed``, its server time and when it fires
    (epoch milliseconds; ``trigger_time`` None when it is off)."""

    armed: bool
    current_time: int | None
    trigger_time: int | None


@attrs.frozen
class OpenOrder:
    """One open order of any kind (``limit``, ``trigger``, ``tpsl``, ``trailing``). Ids are
    exact strings; volumes and prices ``Decimal``; fields HTX left out are None."""

    kind: str
    order_id: str
    contract_code: str
    direction: str
    offset: str | None
    volume: Decimal
    status: int
    client_order_id: str | None = None
    price: Decimal | None = None
    trigger_price: Decimal | None = None


@attrs.frozen
class PanicEntry:
    """What ``panic`` did for one contract and one kind of order."""

    contract_code: str
    kind: str
    cancelled: list[str] = attrs.field(factory=list)  # ids HTX accepted for cancel
    still_open: list[str] = attrs.field(factory=list)  # ids the last open-orders read listed
    errors: list[HtxError] = attrs.field(factory=list, eq=False)  # requests that failed
    verified_empty: bool = False  # the last open-orders read came back empty
    # a cancel-all retried after an attempt that may have reached HTX: that attempt may have
    # cancelled orders ``cancelled`` does not list
    may_have_cancelled_more: bool = False


@attrs.frozen
class PanicReport:
    """``panic``'s answer to "is everything cancelled now?": one entry per contract and kind.
    ``clean`` is True only when the open-order reads came back empty for everything asked."""

    entries: list[PanicEntry]
    contract_codes: list[str]
    seconds: float
    # False when the contracts were not named: they were found from open limit orders (HTX
    # lists trigger, TP/SL and trailing orders per contract only), so a contract holding only
    # those kinds could not be seen, and the report cannot prove the account clean.
    complete: bool = True

    @property
    def clean(self) -> bool:
        """True only when the contracts were named and every contract and kind was read back
        empty: nothing is left open on them."""
        return self.complete and bool(self.entries) and all(e.verified_empty for e in self.entries)

    @property
    def still_open(self) -> list[str]:
        """Every id a read still listed."""
        return [i for e in self.entries for i in e.still_open]
