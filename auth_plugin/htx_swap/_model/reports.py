"""What the rest of the cancel family answers: the dead man's switch, open orders, ``panic``'s
report. Ids are ``str``, exactly as HTX sent them; numbers ``Decimal``."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from htx_swap._model.serialize import Serializable

if TYPE_CHECKING:
    from htx_swap._model.attempts import AttemptRecord
    from htx_swap._model.errors import HtxError

__all__ = ["CancelAfterStatus", "OpenOrder", "PanicEntry", "PanicReport"]


@attrs.frozen
class CancelAfterStatus(Serializable):
    """The dead man's switch as HTX set it: ``armed``, its server time and when it fires
    (epoch milliseconds; ``trigger_time`` None when it is off)."""

    armed: bool
    current_time: int | None
    trigger_time: int | None
    # every attempt of the call
    attempt_log: tuple[AttemptRecord, ...] = attrs.field(default=(), repr=False, eq=False)


@attrs.frozen
class OpenOrder(Serializable):
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
    contract_type: str | None = None  # delivery futures: this_week, next_week, quarter, ...


@attrs.frozen
class PanicEntry(Serializable):
    """What ``panic`` did for one contract and one kind of order."""

    contract_code: str
    kind: str
    cancelled: list[str] = attrs.field(factory=list)  # ids HTX accepted for cancel
    still_open: list[str] = attrs.field(factory=list)  # ids the last open-orders read listed
    errors: list[HtxError] = attrs.field(factory=list, eq=False)  # requests that failed
    # this kind's open-orders read in panic's last wave (after its last cancels) came back
    # empty and whole; an earlier wave's empty read does not count
    verified_empty: bool = False
    # a cancel-all retried after an attempt that may have reached HTX: that attempt may have
    # cancelled orders ``cancelled`` does not list
    may_have_cancelled_more: bool = False


@attrs.frozen
class PanicReport(Serializable):
    """``panic``'s answer to "is everything cancelled now?": one entry per contract and kind.
    ``clean`` is True only when, after the last cancel wave, one read of every kind on every
    contract asked came back empty."""

    entries: list[PanicEntry]
    contract_codes: list[str]
    seconds: float
    # False when the contracts were not named: they were found from open limit orders (HTX
    # lists trigger, TP/SL and trailing orders per contract only), so a contract holding only
    # those kinds could not be seen, and the report cannot prove the account clean.
    complete: bool = True
    # every attempt of the call (the last 1,000)
    attempt_log: tuple[AttemptRecord, ...] = attrs.field(default=(), repr=False, eq=False)

    @property
    def clean(self) -> bool:
        """True only when the contracts were named and, after the last cancel wave, one read
        of every kind on every contract came back empty (and whole): at those reads HTX listed
        nothing open on them. An order placed after the read of its kind is not covered."""
        return self.complete and bool(self.entries) and all(e.verified_empty for e in self.entries)

    @property
    def still_open(self) -> list[str]:
        """Every id a read still listed."""
        return [i for e in self.entries for i in e.still_open]

    @property
    def settlement(self) -> list[PanicEntry]:
        """The entries (contract and kind) not proven empty because HTX refused a request for
        them while the contract settles or is delivered (1056 / 1059, a ``SettlementError``):
        HTX cancelled nothing for that request; panic again once the settlement is over."""
        from htx_swap._model.errors import SettlementError

        return [
            e
            for e in self.entries
            if not e.verified_empty and any(isinstance(x, SettlementError) for x in e.errors)
        ]
