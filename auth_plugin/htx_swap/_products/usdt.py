"""USDT-margined contracts (HTX's v5 API) as data on the engine's flows: the product
description (``USDT``), its contract-code rule, and the two flows the v5 style needs that the
swap API has no twin of: reading a cursor listing, and cancelling algo orders by listing them
(v5 has no algo cancel-all). Every cancel, confirmation and panic runs through ``engine`` and
``family`` as for swaps, judged by the same ``reconcile`` and ``Confirmation``.
"""

from __future__ import annotations

import re

import httpx

from htx_swap._engine import family
from htx_swap._engine.engine import Engine, Ledger
from htx_swap._engine.products import Product
from htx_swap._engine.steps import Fanout, Flow
from htx_swap._model.errors import HtxError, InvalidRequestError, ResponseParseError
from htx_swap._model.reports import OpenOrder
from htx_swap._model.results import CancelResult
from htx_swap._wire import codec
from htx_swap._wire.v5_codec import page_decoder
from htx_swap._wire.validation import Ids, is_delivery_date

__all__ = [
    "ALGO_TYPES",
    "KINDS",
    "MAX_PAGES",
    "PAGE_SIZE",
    "USDT",
    "USDT_PANIC",
    "cancel_algo_all",
    "read_listing",
    "validate_usdt_contract_code",
]

KINDS = ("limit", "algo")
ALGO_TYPES = ("trigger", "tpsl", "trailing_stop")  # every algo order is one of these
PAGE_SIZE = 100  # HTX's most per page
MAX_PAGES = 500  # 50,000 orders of one listing: far beyond what HTX lets an account hold
ALGO_IDS_PER_REQUEST = 10  # UNCONFIRMED by HTX (no page): the batch cancel's limit
_CODE = re.compile(r"([A-Z0-9]{1,20})-USDT(?:-(\d{6}))?")


def validate_usdt_contract_code(contract_code: object) -> str:
    """A USDT-M contract code, exact: ``BTC-USDT`` (perpetual) or ``BTC-USDT-YYMMDD`` (a
    delivery date that exists).

    >>> validate_usdt_contract_code("BTC-USDT-261225")
    'BTC-USDT-261225'
    >>> validate_usdt_contract_code("btc-usdt")
    Traceback (most recent call last):
    htx_swap._model.errors.InvalidRequestError: contract_code: 'btc-usdt' is not a USDT-M contract code like 'BTC-USDT' or 'BTC-USDT-261225' (exact, upper case)
    """  # noqa: E501 - one line of output
    if not isinstance(contract_code, str):
        raise InvalidRequestError(
            "contract_code", f"must be a string, got {type(contract_code).__name__}"
        )
    match = _CODE.fullmatch(contract_code)
    dated = match is not None and match.group(2) is not None
    if match is None or (dated and not is_delivery_date(match.group(2))):
        raise InvalidRequestError(
            "contract_code",
            f"{contract_code!r} is not a USDT-M contract code like 'BTC-USDT' or "
            "'BTC-USDT-261225' (exact, upper case)",
        )
    return contract_code


USDT = Product(
    "usdt",
    cancel="usdt_cancel_batch_orders",
    order_info="usdt_order_info",
    contract_code=validate_usdt_contract_code,
    cancel_after="usdt_cancel_after",
    reads_per_request=1,  # GET /v5/trade/order reads one order
)


def read_listing(
    engine: Engine,
    kind: str,
    contract_code: str | None,
    deadline_at: float,
    timeout: httpx.Timeout | None = None,
    algo_type: str | None = None,
) -> Flow[codec.OpenOrdersPage]:
    """Every open order of a cursor listing, page after page (``from`` the last entry's id,
    ``direct`` next), each order once. A page shorter than ``PAGE_SIZE`` ends it; a cursor
    that comes back, a full page without one, or more than ``MAX_PAGES`` pages is a
    ``ResponseParseError``: never a loop, never a partial list given as the whole book."""
    name = "usdt_open_orders" if kind == "limit" else "usdt_algo_open_orders"
    decode = page_decoder(kind)
    fields: dict[str, object] = {"contract_code": contract_code, "limit": PAGE_SIZE}
    if algo_type is not None:
        fields["type_"] = algo_type
    found: dict[str, OpenOrder] = {}
    problems: list[str] = []
    cursor, used = "0", {"0"}
    for pages in range(1, MAX_PAGES + 1):
        body = codec.encode(name, from_=cursor, direct="next", **fields)
        page = yield from engine.call(name, body, decode, Ledger(), deadline_at, timeout)
        for order in page.orders:
            found.setdefault(order.order_id, order)
        problems += page.problems
        if page.entries < PAGE_SIZE:
            return codec.OpenOrdersPage(list(found.values()), pages, problems)
        if page.last is None or page.last in used:
            raise ResponseParseError(
                f"{name}: page {pages} is full but its cursor {page.last!r} "
                f"{'repeats an earlier one' if page.last else 'is missing'}; listing stopped"
            )
        used.add(page.last)
        cursor = page.last
    raise ResponseParseError(
        f"{name}: more than {MAX_PAGES} pages of {PAGE_SIZE}: the cursor never ends; "
        "listing stopped"
    )


def read_algo(
    engine: Engine,
    contract_code: str | None,
    deadline_at: float,
    timeout: httpx.Timeout | None = None,
) -> Flow[codec.OpenOrdersPage]:
    """Every open algo order (every type HTX lists apart), as one listing."""
    flows = [
        read_listing(engine, "algo", contract_code, deadline_at, timeout, kind)
        for kind in ALGO_TYPES
    ]
    pages = yield Fanout(flows, fail_fast=True)
    found: dict[str, OpenOrder] = {}
    problems: list[str] = []
    for page in pages:
        if isinstance(page, HtxError):
            raise page
        assert isinstance(page, codec.OpenOrdersPage)
        for order in page.orders:
            found.setdefault(order.order_id, order)
        problems += page.problems
    return codec.OpenOrdersPage(list(found.values()), len(pages), problems)


def read_kind(
    engine: Engine,
    kind: str,
    contract_code: str | None,
    deadline_at: float,
    timeout: httpx.Timeout | None = None,
) -> Flow[codec.OpenOrdersPage]:
    """Every open order of ``kind`` ("limit" or "algo")."""
    if kind == "algo":
        return (yield from read_algo(engine, contract_code, deadline_at, timeout))
    return (yield from read_listing(engine, kind, contract_code, deadline_at, timeout))


def cancel_algo_ids(
    engine: Engine,
    contract_code: str,
    ids: Ids,
    deadline_at: float | None,
    timeout: httpx.Timeout | None = None,
) -> Flow[CancelResult]:
    """Cancel algo orders by ``algo_ids`` / ``algo_client_order_ids``, in requests of
    ``ALGO_IDS_PER_REQUEST``, judged as every cancel is."""
    return (
        yield from engine.cancel_ids(
            "usdt_algo_cancel_orders",
            contract_code,
            ids,
            deadline_at,
            timeout,
            ALGO_IDS_PER_REQUEST,
        )
    )


def cancel_algo_all(engine: Engine, contract_code: str, deadline_at: float) -> Flow[CancelResult]:
    """Cancel every algo order listed on ``contract_code`` (v5 has no algo cancel-all)."""
    listed = yield from read_algo(engine, contract_code, deadline_at)
    if not listed.orders:
        return CancelResult(successes=[], errors=[], ts=None)
    ids = Ids("algo_ids", [order.order_id for order in listed.orders])
    return (yield from cancel_algo_ids(engine, contract_code, ids, deadline_at))


def _cancel(engine: Engine, kind: str, code: str, deadline_at: float) -> Flow[CancelResult]:
    if kind == "algo":
        return (yield from cancel_algo_all(engine, code, deadline_at))
    name = "usdt_cancel_all_orders"
    return (yield from family.cancel_all(engine, kind, code, {}, deadline_at, name=name))


def _read(engine: Engine, kind: str, code: str, deadline_at: float) -> Flow[codec.OpenOrdersPage]:
    return read_kind(engine, kind, code, deadline_at)


def _contracts(engine: Engine, deadline_at: float) -> Flow[list[str]]:
    """Every contract with open orders of either kind."""
    listed = yield Fanout([read_kind(engine, kind, None, deadline_at) for kind in KINDS])
    codes: set[str] = set()
    for each in listed:
        if isinstance(each, HtxError):  # not knowing the contracts: not a clean panic
            raise each
        if isinstance(each, codec.OpenOrdersPage):
            codes |= {order.contract_code for order in each.orders}
    return sorted(codes)


USDT_PANIC = family.PanicPlan(KINDS, _cancel, _read, _contracts, validate_usdt_contract_code)
