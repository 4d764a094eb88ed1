"""Coin-margined delivery futures (HTX's ``/api/v1/contract_*``) as data on the engine's flows:
the product description (``FUTURES``), its contract-naming rule (a ``symbol``, optionally
narrowed by a ``contract_code`` or a ``contract_type``) and ``FUTURES_PANIC``, panic's plan.
Every cancel, confirmation and panic runs through ``engine`` and ``family`` as for swaps,
judged by the same ``reconcile`` and ``Confirmation``; the answers have the swaps' shapes.
"""

from __future__ import annotations

import re

import httpx

from htx_swap._engine import family
from htx_swap._engine.engine import Engine
from htx_swap._engine.products import Product, family_operations
from htx_swap._engine.steps import Flow
from htx_swap._model.errors import InvalidRequestError
from htx_swap._model.reports import OpenOrder
from htx_swap._model.results import CancelResult
from htx_swap._wire import codec
from htx_swap._wire.validation import is_delivery_date

__all__ = [
    "CONTRACT_TYPES",
    "FUTURES",
    "FUTURES_PANIC",
    "base_of",
    "validate_contract_type",
    "validate_futures_contract_code",
    "validate_symbol",
]

CONTRACT_TYPES = ("this_week", "next_week", "quarter", "next_quarter")
_SYMBOL = re.compile(r"[A-Z][A-Z0-9]{0,14}")
_CODE = re.compile(r"([A-Z][A-Z0-9]{0,14}?)(\d{6})")


def validate_symbol(symbol: object) -> str:
    """A coin such as ``BTC`` (HTX matches it case-insensitively; sent upper case).

    >>> validate_symbol("eth")
    'ETH'
    >>> validate_symbol("BTC231229")
    Traceback (most recent call last):
    htx_swap._model.errors.InvalidRequestError: symbol: 'BTC231229' is a contract code; give its symbol ('BTC') and contract_code='BTC231229'
    """  # noqa: E501 - one line of output
    if not isinstance(symbol, str):
        raise InvalidRequestError("symbol", f"must be a string, got {type(symbol).__name__}")
    upper = symbol.upper() if symbol.isascii() else symbol  # upper() makes a long s "S"
    code = _CODE.fullmatch(upper)
    if code is not None:
        raise InvalidRequestError(
            "symbol",
            f"{symbol!r} is a contract code; give its symbol ({code.group(1)!r}) and "
            f"contract_code={upper!r}",
        )
    if not _SYMBOL.fullmatch(upper):
        raise InvalidRequestError(
            "symbol", f"{symbol!r} is not a coin symbol like 'BTC' (letters and digits only)"
        )
    return upper


def validate_futures_contract_code(contract_code: object, symbol: str | None = None) -> str:
    """A delivery contract's code, its base and delivery date: ``BTC231229`` (base + YYMMDD, a
    date that exists); with ``symbol``, its base must be that symbol (both named otherwise).

    >>> validate_futures_contract_code("BTC231229", "ETH")
    Traceback (most recent call last):
    htx_swap._model.errors.InvalidRequestError: contract_code: 'BTC231229' is a contract of BTC, not of symbol 'ETH'
    """  # noqa: E501 - one line of output
    if not isinstance(contract_code, str):
        raise InvalidRequestError(
            "contract_code", f"must be a string, got {type(contract_code).__name__}"
        )
    upper = contract_code.upper() if contract_code.isascii() else contract_code
    match = _CODE.fullmatch(upper)
    if match is None or not is_delivery_date(match.group(2)):
        raise InvalidRequestError(
            "contract_code",
            f"{contract_code!r} is not a delivery contract code like 'BTC231229' (the symbol, "
            "then the delivery date as YYMMDD)",
        )
    if symbol is not None and match.group(1) != symbol:
        raise InvalidRequestError(
            "contract_code",
            f"{contract_code!r} is a contract of {match.group(1)}, not of symbol {symbol!r}",
        )
    return upper


def validate_contract_type(contract_type: object) -> str:
    """One of HTX's contract types: ``this_week``, ``next_week``, ``quarter``,
    ``next_quarter``."""
    if contract_type not in CONTRACT_TYPES:
        raise InvalidRequestError(
            "contract_type", f"must be one of {', '.join(CONTRACT_TYPES)}, got {contract_type!r}"
        )
    assert isinstance(contract_type, str)
    return contract_type


def base_of(contract_code: str) -> str:
    """The symbol of a delivery contract code (``BTC231229`` → ``BTC``); the code itself when
    it is none."""
    match = _CODE.fullmatch(contract_code.upper())
    return contract_code.upper() if match is None else match.group(1)


FUTURES = Product(
    "futures",
    cancel="contract_cancel",
    order_info="contract_order_info",
    contract_code=validate_symbol,
    naming="symbol",
    cancel_after="contract_cancel_after",
    **family_operations("contract_", "Futures"),
    order_model="FuturesOrderInfo",
)


def own_orders(symbol: str | None, page: codec.OpenOrdersPage) -> codec.OpenOrdersPage:
    """``page`` with the orders of another symbol than the one asked for moved to its
    problems: reported, never taken for (nor cancelled as) one of ``symbol``'s."""
    if symbol is None:
        return page
    kept: list[OpenOrder] = []
    problems = list(page.problems)
    for order in page.orders:
        if base_of(order.contract_code) == symbol:
            kept.append(order)
        else:
            problems.append(
                f"order {order.order_id} of {order.contract_code} listed for symbol {symbol}: "
                "not one of its orders, left alone"
            )
    return codec.OpenOrdersPage(kept, page.total_page, problems, page.total_size)


def read_own(
    engine: Engine,
    kind: str,
    symbol: str | None,
    deadline_at: float | None,
    timeout: httpx.Timeout | None,
) -> Flow[codec.OpenOrdersPage]:
    """Every open order of ``kind`` of ``symbol`` (None: of every symbol), each page read as
    for swaps; an order of another symbol is a problem line."""
    page = yield from family.read_open_orders(engine, kind, symbol, deadline_at, timeout, FUTURES)
    return own_orders(symbol, page)


def _cancel(engine: Engine, kind: str, symbol: str, deadline_at: float) -> Flow[CancelResult]:
    return family.cancel_all(engine, kind, symbol, {}, deadline_at, None, FUTURES)


def _read(engine: Engine, kind: str, symbol: str, deadline_at: float) -> Flow[codec.OpenOrdersPage]:
    return read_own(engine, kind, symbol, deadline_at, None)


def _symbols(engine: Engine, deadline_at: float) -> Flow[list[str]]:
    """Every symbol with open limit orders."""
    listed = yield from family.listed_contracts(engine, deadline_at, FUTURES)
    return sorted({base_of(order.contract_code) for order in listed})


FUTURES_PANIC = family.PanicPlan(family.KINDS, _cancel, _read, _symbols, validate_symbol)
