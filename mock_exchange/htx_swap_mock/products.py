"""The products the exchange serves, as data: each one's paths, rate-limit buckets and the rule
by which its requests name contracts. The endpoints, books, limiters and answers are the same
machinery for every product (``processing`` builds one table from ``PRODUCTS``).

- ``swap`` (coin-margined perpetual swaps, ``/swap-api/v1/swap_*``): a request names one
  contract by ``contract_code`` ("BTC-USD"); buckets ``trade`` and ``read`` (72 per 3 s each).
- ``futures`` (coin-margined delivery futures, ``/api/v1/contract_*``): a request names a coin
  by ``symbol`` ("BTC"), and may narrow it to one ``contract_code`` (the symbol and the delivery
  date, "BTC231229") or one ``contract_type`` (``this_week``, ``next_week``, ``quarter``; the
  exchange lists these three per symbol, their codes computed from its clock); buckets
  ``futures_trade`` and ``futures_read`` (36 per 3 s each), apart from the swaps'.

Both products keep their orders in the same books (one per order kind), keyed by contract
code; a code's form says whose it is ("BTC-USD" a swap's, "BTC231229" a delivery contract's),
and every request of a product sees only its own product's contracts.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from htx_swap_mock.codes import ErrorCode
from htx_swap_mock.lifecycle import OrderKind
from htx_swap_mock.order_spec import normalize_contract_code

__all__ = [
    "CONTRACT_TYPES",
    "FUTURES",
    "PRODUCTS",
    "SWAP",
    "ContractRefused",
    "ContractRule",
    "Contracts",
    "Need",
    "Product",
    "contract_type_of",
    "futures_contract_code",
    "product_of",
]

_FUTURES_CODE = re.compile(r"([A-Z0-9]*[A-Z])([0-9]{6})")
_SYMBOL = re.compile(r"[A-Za-z0-9]{1,20}")
# The contract types the exchange lists per symbol, nearest delivery first. HTX documents
# next_quarter too; the local exchange lists three, so next_quarter names no contract (1014).
CONTRACT_TYPES = ("this_week", "next_week", "quarter")
_DOCUMENTED_TYPES = (*CONTRACT_TYPES, "next_quarter")
_DELIVERY_HOUR = 8  # HTX delivers on Fridays at 08:00 UTC
_FRIDAY = 4
_QUARTER_MONTHS = (3, 6, 9, 12)


@dataclass(frozen=True)
class Contracts:
    """Which contracts a request names: one ``code``, or every contract ``owns`` accepts (all
    of a product, or all of a futures ``symbol``). ``symbol`` is the coin it names, if any."""

    owns: Callable[[str], bool]
    code: str | None = None
    symbol: str | None = None

    def __contains__(self, contract: object) -> bool:
        if not isinstance(contract, str):
            return False
        return contract == self.code if self.code is not None else self.owns(contract)


class Need(enum.Enum):
    """How much of a contract an endpoint's request must name."""

    REQUIRED = "required"  # swap: contract_code; futures: symbol
    OPTIONAL = "optional"  # absent: every contract of the product
    SYMBOL_OR_CODE = "symbol_or_code"  # contract_tpsl_cancelall: symbol or contract_code


class ContractRefused(Exception):
    """A request names no contract where it must, or one that cannot be: HTX's ``code`` and
    message (``field`` fills the message's blank)."""

    def __init__(self, code: ErrorCode, field: str = "") -> None:
        super().__init__(code.message.format(field))
        self.code = code
        self.message = code.message.format(field)


# Reads the contracts a request body names at server time ``now`` (POSIX seconds); raises
# ``ContractRefused`` with HTX's code when the body names none it should, or a bad one.
ContractRule = Callable[[Mapping[str, Any], Need, float], Contracts]


def _present(value: object) -> bool:
    return value is not None and value != ""


def _is_swap_code(code: str) -> bool:
    return _FUTURES_CODE.fullmatch(code) is None


def _is_futures_code(code: str) -> bool:
    return _FUTURES_CODE.fullmatch(code) is not None


def _code(value: object, owns: Callable[[str], bool]) -> str:
    """A contract code of the product (upper case), else 1014 (no such contract)."""
    if not isinstance(value, str):
        raise ContractRefused(ErrorCode.CONTRACT_NOT_FOUND)
    try:
        code = normalize_contract_code(value)
    except ValueError:
        raise ContractRefused(ErrorCode.CONTRACT_NOT_FOUND) from None
    if not owns(code):
        raise ContractRefused(ErrorCode.CONTRACT_NOT_FOUND)
    return code


def _swap_contracts(data: Mapping[str, Any], need: Need, now: float) -> Contracts:
    value = data.get("contract_code")
    if not _present(value):
        if need is Need.OPTIONAL:
            return Contracts(_is_swap_code)
        raise ContractRefused(ErrorCode.FIELD_EMPTY, "contract_code")
    return Contracts(_is_swap_code, code=_code(value, _is_swap_code))


def _symbol(value: object) -> str:
    if not isinstance(value, str) or not _SYMBOL.fullmatch(value):
        raise ContractRefused(ErrorCode.CONTRACT_NOT_FOUND)
    return value.upper()


def _of_symbol(symbol: str) -> Callable[[str], bool]:
    def owns(code: str) -> bool:
        match = _FUTURES_CODE.fullmatch(code)
        return match is not None and match.group(1) == symbol

    return owns


def _futures_contracts(data: Mapping[str, Any], need: Need, now: float) -> Contracts:
    """``symbol``, narrowed by ``contract_code`` (which wins, as on HTX's pages) or by
    ``contract_type``; a code of another symbol, or an unknown type, is 1014 / 1067."""
    raw_symbol, raw_code = data.get("symbol"), data.get("contract_code")
    raw_type = data.get("contract_type")
    symbol = _symbol(raw_symbol) if _present(raw_symbol) else None
    if symbol is None and not (need is Need.SYMBOL_OR_CODE and _present(raw_code)):
        if need is Need.OPTIONAL:
            return Contracts(_is_futures_code)
        raise ContractRefused(ErrorCode.FIELD_EMPTY, "symbol")
    if _present(raw_code):
        code = _code(raw_code, _is_futures_code if symbol is None else _of_symbol(symbol))
        base = _FUTURES_CODE.fullmatch(code)
        assert base is not None  # _code checked the form
        return Contracts(_is_futures_code, code=code, symbol=base.group(1))
    assert symbol is not None
    if _present(raw_type):
        if raw_type not in _DOCUMENTED_TYPES:
            raise ContractRefused(ErrorCode.ILLEGAL_FIELD, "contract_type")
        if raw_type not in CONTRACT_TYPES:  # documented, but not listed here
            raise ContractRefused(ErrorCode.CONTRACT_NOT_FOUND)
        code = futures_contract_code(symbol, raw_type, now)
        return Contracts(_is_futures_code, code=code, symbol=symbol)
    return Contracts(_of_symbol(symbol), symbol=symbol)


def _friday_delivery(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, _DELIVERY_HOUR, tzinfo=dt.UTC)


def _deliveries(now: float) -> dict[str, dt.datetime]:
    """The delivery time of each listed contract type at server time ``now``: this_week the
    first Friday 08:00 UTC after now, next_week a week later, quarter the first last-Friday of
    March, June, September or December after next_week."""
    moment = dt.datetime.fromtimestamp(now, dt.UTC)
    day = moment.date() + dt.timedelta(days=(_FRIDAY - moment.weekday()) % 7)
    if _friday_delivery(day) <= moment:
        day += dt.timedelta(days=7)
    this_week = _friday_delivery(day)
    next_week = this_week + dt.timedelta(days=7)
    year, month = next_week.year, next_week.month
    while True:
        if month in _QUARTER_MONTHS:
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            last -= dt.timedelta(days=(last.weekday() - _FRIDAY) % 7)
            if _friday_delivery(last) > next_week:
                quarter = _friday_delivery(last)
                return {"this_week": this_week, "next_week": next_week, "quarter": quarter}
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def futures_contract_code(symbol: str, contract_type: str, now: float) -> str:
    """The code of ``symbol``'s ``contract_type`` contract at server time ``now`` (POSIX
    seconds): the symbol upper-cased, then the delivery date as YYMMDD.

    >>> futures_contract_code("btc", "this_week", 1701417600.0)  # Fri 2023-12-01 08:00 UTC
    'BTC231208'
    """
    if contract_type not in CONTRACT_TYPES:
        raise ValueError(f"contract_type must be one of {CONTRACT_TYPES}, got {contract_type!r}")
    return _symbol(symbol) + _deliveries(now)[contract_type].strftime("%y%m%d")


def contract_type_of(code: str, now: float) -> str:
    """The contract type a futures code has at ``now``: the listed type it is, else by its
    delivery date (up to this week's, next week's, the quarter's, or later: next_quarter)."""
    match = _FUTURES_CODE.fullmatch(code)
    if match is None:
        raise ValueError(f"not a delivery contract code: {code!r}")
    delivered = dt.datetime.strptime(match.group(2), "%y%m%d").replace(
        hour=_DELIVERY_HOUR, tzinfo=dt.UTC
    )
    for name, when in _deliveries(now).items():
        if delivered <= when:
            return name
    return "next_quarter"


@dataclass(frozen=True)
class Product:
    """One product: where its endpoints live, its buckets and how its requests name contracts."""

    name: str
    api: str  # the path prefix of its private endpoints, e.g. "/swap-api/v1/"
    prefix: str  # the endpoints' name prefix: "swap" (swap_cancel) or "contract"
    buckets: tuple[str, str]  # the buckets of its Trade and of its Read endpoints
    contracts: ContractRule
    owns: Callable[[str], bool]  # whether a contract code is one of this product's
    # The kinds whose open-orders page gives the Trade permission (swap_track_openorders).
    trade_open_orders: frozenset[OrderKind]
    # The kinds whose cancel-all takes no symbol of necessity (contract_tpsl_cancelall).
    code_is_enough: frozenset[OrderKind]
    settles: bool  # whether it has settlement windows (1056 / 1059)

    def path(self, endpoint: str) -> str:
        """``endpoint`` ("cancel", "trigger_cancelall", …) as this product's path."""
        return f"{self.api}{self.prefix}_{endpoint}"

    @property
    def trade_bucket(self) -> str:
        return self.buckets[0]

    @property
    def read_bucket(self) -> str:
        return self.buckets[1]

    @property
    def cancel_after_path(self) -> str:
        return f"{self.api}{self.prefix}-cancel-after"

    @property
    def every_contract(self) -> Contracts:
        return Contracts(self.owns)

    def symbol_of(self, code: str) -> str:
        """The coin of a contract code: "BTC" for "BTC-USD" and for "BTC231229"."""
        match = _FUTURES_CODE.fullmatch(code) if self.settles else None
        return match.group(1) if match else code.split("-", 1)[0]


# name, path prefix, endpoint prefix, (trade, read) buckets, naming rule, owned codes, kinds
# whose open orders are Trade reads, kinds whose cancel-all needs no symbol, settlements
SWAP = Product("swap", "/swap-api/v1/", "swap", ("trade", "read"), _swap_contracts,
               _is_swap_code, frozenset({OrderKind.TRAILING}), frozenset(),
               settles=False)  # fmt: skip
FUTURES = Product("futures", "/api/v1/", "contract", ("futures_trade", "futures_read"),
                  _futures_contracts, _is_futures_code, frozenset(), frozenset({OrderKind.TPSL}),
                  settles=True)  # fmt: skip
PRODUCTS = (SWAP, FUTURES)


def product_of(code: str) -> Product:
    """The product a (normalized) contract code belongs to, by its form."""
    return FUTURES if _is_futures_code(code) else SWAP
