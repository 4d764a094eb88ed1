"""The rest of cancelling, as engine flows: cancel-all of each kind, the dead man's switch, open
orders of each kind (every page), and ``panic``, which cancels everything on some contracts and
reads open orders back until none is left or its deadline passes.

Each operation's facts (bucket, id limit) come from the spec through ``codec``; these flows add
only what the operation means.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

import attrs
import httpx

from htx_swap._engine.engine import Engine, Ledger, named, reconcile
from htx_swap._engine.products import SWAP, Product
from htx_swap._engine.steps import Fanout, Flow, Sleep
from htx_swap._model.constants import POLL_MAX_PAUSE
from htx_swap._model.errors import (
    APITimeoutError,
    AuthenticationError,
    DeadlineExceededError,
    HtxApiError,
    HtxError,
    InvalidRequestError,
    OpenOrdersChangedError,
    ResponseParseError,
)
from htx_swap._model.record import Record
from htx_swap._model.reports import CancelAfterStatus, OpenOrder, PanicEntry, PanicReport
from htx_swap._model.results import CancelResult
from htx_swap._wire import codec
from htx_swap._wire.validation import validate_contract_code

__all__ = [
    "CANCEL_ALL_OPERATIONS",
    "CANCEL_OPERATIONS",
    "KINDS",
    "NOTHING_TO_CANCEL",
    "SWAP_PANIC",
    "PanicPlan",
    "cancel_after",
    "cancel_all",
    "open_orders",
    "panic",
    "read_open_orders",
]

log = logging.getLogger("htx_swap")
KINDS = ("limit", "trigger", "tpsl", "trailing")
CANCEL_ALL_OPERATIONS = SWAP.cancel_alls
CANCEL_OPERATIONS = SWAP.cancels
NOTHING_TO_CANCEL = 1051  # HTX's answer to a cancel-all of an empty book: not a failure
PAGE_SIZE = 50
MAX_PAGES = 1000  # 50,000 open orders of one kind: far beyond what HTX lets an account hold
MIN_WAVE_TIME = POLL_MAX_PAUSE  # the least time left in which panic starts another wave
MAX_LISTING_READS = 3  # reads of a listing whose pages keep changing, before it is not complete


def cancel_all(
    engine: Engine,
    kind: str,
    contract_code: str | None,
    filters: dict[str, str | None],
    deadline_at: float | None = None,
    timeout: httpx.Timeout | None = None,
    product: Product = SWAP,
    name: str | None = None,
) -> Flow[CancelResult]:
    """Cancel every open order of ``kind`` on ``contract_code`` (the product's name of a
    contract: a symbol for delivery futures; ``filters``: direction, offset, and the
    product's others; ``name``: another cancel-all operation than the product's of ``kind``).
    An empty book (1051) is an empty result."""
    name = name or product.cancel_alls[kind]
    ledger = Ledger()
    deadline_at = engine.within(deadline_at, timeout)
    body = codec.encode(name, **named(name, contract_code), **filters)
    try:
        answer = yield from engine.call(
            name, body, codec.decoder(name, every_item_named=True), ledger, deadline_at, timeout
        )
    except HtxApiError as error:
        if error.code != NOTHING_TO_CANCEL:
            raise
        return CancelResult(
            successes=[],
            errors=[],
            ts=None,
            attempts=ledger.attempts,
            attempt_log=tuple(ledger.log),
            may_have_cancelled_more=ledger.may_have_reached,
            rate_limit_fallback=ledger.rate_limit_fallback,
        )
    # The ids HTX named are the request's ids here: one place each (an id named both accepted
    # and refused is in doubt: unanswered), the doubt of an earlier attempt carried.
    ids = list(dict.fromkeys([*answer.successes, *(e.order_id for e in answer.errors)]))
    result = reconcile(ids, answer, ledger)
    return attrs.evolve(result, may_have_cancelled_more=ledger.may_have_reached)


def cancel_after(
    engine: Engine, time_out_ms: int | None, name: str = "swap_cancel_after"
) -> Flow[CancelAfterStatus]:
    """Arm (``time_out_ms``) or turn off (None) the dead man's switch of operation ``name``
    (the v5 API takes ``on_off`` as the text "1" / "0")."""
    on_off: int | str = 0 if time_out_ms is None else 1
    if codec.codec_v5_style(name):
        on_off = str(on_off)
    body = codec.encode(name, on_off=on_off, time_out=time_out_ms)
    decode = functools.partial(codec.decode_cancel_after, name=name)
    ledger = Ledger()
    status = yield from engine.call(name, body, decode, ledger, engine.deadline(None))
    # its records, as every request's result: a switch's refresh runs in no public call
    return attrs.evolve(status, attempt_log=tuple(ledger.log))


def open_orders(kind: str, listing: Flow[codec.OpenOrdersPage]) -> Flow[list[OpenOrder]]:
    """Every open order of ``kind`` that ``listing`` (a ``read_open_orders`` flow, or a
    product's own) could read; an entry that could not is logged."""
    read = yield from listing
    for problem in read.problems:
        log.warning("htx_swap: open orders (%s): %s", kind, problem)
    return read.orders


def read_open_orders(
    engine: Engine,
    kind: str,
    contract_code: str | None,
    deadline_at: float | None = None,
    timeout: httpx.Timeout | None = None,
    product: Product = SWAP,
) -> Flow[codec.OpenOrdersPage]:
    """Every open order of ``kind`` (every page; an order listed on two pages counted once),
    and a line for each entry that could not be read.

    A listing is one read of every page whose pages all agree with the first on
    ``total_page`` and ``total_size``, and list as many distinct orders (readable or not) as
    ``total_size`` counts. When they do not, the book changed while it was read
    (an order placed or gone shifts the pages: an order open the whole time can fall between
    two of them), and it is read again from page 1, at most ``MAX_LISTING_READS`` times; then
    ``OpenOrdersChangedError``: never an incomplete list given as the whole book."""
    name = product.listings[kind][0]
    deadline_at = engine.deadline(None, timeout) if deadline_at is None else deadline_at
    seen: dict[str, OpenOrder] = {}
    for _ in range(MAX_LISTING_READS):
        pages = yield from _read_pages(engine, kind, contract_code, deadline_at, timeout, product)
        found: dict[str, OpenOrder] = {}
        for each in pages:
            for order in each.orders:
                found.setdefault(order.order_id, order)
        first = pages[0]
        problems = [problem for each in pages for problem in each.problems]
        # the pages agree on the totals, and list as many orders as they count (an order
        # listed on no page, or on two, while the totals stay the same is a change too)
        if all(
            (p.total_page, p.total_size) == (first.total_page, first.total_size) for p in pages
        ) and first.total_size in (None, len(found) + len(problems)):
            return codec.OpenOrdersPage(
                list(found.values()), first.total_page, problems, first.total_size
            )
        log.info("htx_swap: %s changed while its pages were read; reading it again", name)
        for order_id, order in found.items():
            seen.setdefault(order_id, order)
    raise OpenOrdersChangedError(
        f"{name}: the open orders changed while their pages were read, {MAX_LISTING_READS} "
        f"times in a row (total_page / total_size differ between pages, or the pages list "
        f"another number of orders than total_size); the listing is not complete",
        orders=list(seen.values()),
        reads=MAX_LISTING_READS,
    )


def _read_pages(
    engine: Engine,
    kind: str,
    contract_code: str | None,
    deadline_at: float,
    timeout: httpx.Timeout | None,
    product: Product,
) -> Flow[list[codec.OpenOrdersPage]]:
    """Page 1, then every other page its ``total_page`` names, as each was answered."""
    name, model_name = product.listings[kind]
    decode = codec.open_orders_decoder(kind, model_name)
    contract = named(name, contract_code)

    def page(index: int) -> Flow[codec.OpenOrdersPage]:
        body = codec.encode(name, **contract, page_index=index, page_size=PAGE_SIZE)
        return (yield from engine.call(name, body, decode, Ledger(), deadline_at, timeout))

    first = yield from page(1)
    if first.total_page > MAX_PAGES:  # memory and time stay bounded whatever the server says
        raise ResponseParseError(
            f"{name}: total_page {first.total_page} is more than {MAX_PAGES} pages of "
            f"{PAGE_SIZE}; not read"
        )
    pages = [first]
    if first.total_page > 1:
        rest = yield Fanout([page(i) for i in range(2, first.total_page + 1)], fail_fast=True)
        for answer in rest:
            if isinstance(answer, HtxError):
                raise answer
            pages.append(answer)
    return pages


def _after_cancel(entry: PanicEntry, result: object) -> PanicEntry:
    """The entry with a cancel-all's result (or failure) taken in."""
    if isinstance(result, CancelResult):
        entry.cancelled.extend(i for i in result.successes if i not in entry.cancelled)
        if result.may_have_cancelled_more:
            return attrs.evolve(entry, may_have_cancelled_more=True)
    elif isinstance(result, HtxError) and not _cut_by_deadline(result):
        _note(entry, result)
        if result.may_have_reached:  # no answer says what it cancelled: maybe some
            return attrs.evolve(entry, may_have_cancelled_more=True)
    return entry


def _after_read(entry: PanicEntry, read: object, timed_out: bool = False) -> PanicEntry:
    """The entry with an open-orders read (or its failure) taken in: ``verified_empty`` says
    whether THIS read came back empty; a failed read proves nothing. ``timed_out``: the
    panic's deadline has passed, so a read it cut short is no fault (a read changes nothing)."""
    if isinstance(read, codec.OpenOrdersPage):
        for problem in read.problems:  # an entry that cannot be read is not "empty"
            _note(entry, ResponseParseError(f"open orders: {problem}"))
        return attrs.evolve(
            entry,
            still_open=[o.order_id for o in read.orders],
            verified_empty=not read.orders and not read.problems,
        )
    if isinstance(read, OpenOrdersChangedError):  # what it saw is open, and maybe more
        _note(entry, read)
        seen = [o.order_id for o in read.orders]
        return attrs.evolve(entry, still_open=seen, verified_empty=False)
    cut = _cut_by_deadline(read) or (timed_out and isinstance(read, APITimeoutError))
    if isinstance(read, HtxError) and not cut:
        _note(entry, read)  # a read the deadline stopped is no fault, only no proof
    return attrs.evolve(entry, verified_empty=False)


def _note(entry: PanicEntry, error: HtxError) -> None:
    """Keep ``error`` on the entry once (a panic repeats the same failing request)."""
    if all((type(e), str(e)) != (type(error), str(error)) for e in entry.errors):
        entry.errors.append(error)


def _key_refused(results: list[object]) -> bool:
    """HTX refused the key for every request of a wave: another wave changes nothing."""
    return bool(results) and all(
        isinstance(r, AuthenticationError) and not r.may_have_reached for r in results
    )


def _cut_by_deadline(error: object) -> bool:
    return isinstance(error, DeadlineExceededError) and not error.may_have_reached


class PanicPlan(Record):
    """What ``panic`` does on one product: its ``kinds`` of order, the flow that cancels every
    order of one kind on one contract (``cancel(engine, kind, code, deadline_at)``), the one
    that reads them back (``read``), the one that lists the contracts with open orders
    (``contracts(engine, deadline_at)``), and ``check``: the product's check of a contract's
    name, which every name that listing gives must pass before panic sends it (the check a
    caller's name passes: a server's odd entry never becomes a request the SDK would refuse)."""

    __slots__ = ("cancel", "check", "contracts", "kinds", "read")

    def __init__(
        self,
        kinds: tuple[str, ...],
        cancel: Callable[[Engine, str, str, float], Flow[CancelResult]],
        read: Callable[[Engine, str, str, float], Flow[codec.OpenOrdersPage]],
        contracts: Callable[[Engine, float], Flow[list[str]]],
        check: Callable[[object], str],
    ) -> None:
        self.kinds, self.cancel, self.read, self.contracts = kinds, cancel, read, contracts
        self.check = check


def _swap_cancel(engine: Engine, kind: str, code: str, deadline_at: float) -> Flow[CancelResult]:
    return cancel_all(engine, kind, code, {}, deadline_at)


def _swap_read(
    engine: Engine, kind: str, code: str, deadline_at: float
) -> Flow[codec.OpenOrdersPage]:
    return read_open_orders(engine, kind, code, deadline_at)


def listed_contracts(
    engine: Engine, deadline_at: float, product: Product = SWAP
) -> Flow[list[OpenOrder]]:
    """Every open limit order of every contract of ``product`` that one listing saw."""
    try:
        listed = yield from read_open_orders(engine, "limit", None, deadline_at, None, product)
    except OpenOrdersChangedError as changed:  # never complete: what it saw will do
        return changed.orders
    for problem in listed.problems:  # its contract unknown: the panic can only say so
        log.warning("htx_swap: panic: open orders of every contract: %s", problem)
    return listed.orders


def _swap_contracts(engine: Engine, deadline_at: float) -> Flow[list[str]]:
    """Every contract with open limit orders."""
    listed = yield from listed_contracts(engine, deadline_at)
    return sorted({order.contract_code for order in listed})


SWAP_PANIC = PanicPlan(KINDS, _swap_cancel, _swap_read, _swap_contracts, validate_contract_code)


def _checked(
    names: list[str], check: Callable[[object], str]
) -> tuple[list[str], list[PanicEntry]]:
    """The names a listing gave that pass the product's ``check``, and an entry (not cancelled,
    never proven empty) for each that does not: panic sends no name it would refuse."""
    usable: list[str] = []
    unusable: list[PanicEntry] = []
    for name in names:
        try:
            usable.append(check(name))
        except InvalidRequestError as refused:
            log.warning(
                "htx_swap: panic: open orders listed a contract it cannot name: %s", refused
            )
            error = ResponseParseError(
                f"open orders listed a contract panic cannot name ({refused}); nothing was sent "
                "for it: cancel its orders by id"
            )
            unusable.append(PanicEntry(name, "limit", errors=[error]))
    return sorted(set(usable)), unusable


def panic(
    engine: Engine,
    contract_codes: list[str] | None,
    deadline: float,
    plan: PanicPlan = SWAP_PANIC,
) -> Flow[PanicReport]:
    """Cancel all four kinds on each contract, then read every kind on every contract back;
    while a read lists something (or fails), cancel those again and read EVERY kind on every
    contract again, until one wave's reads all come back empty or the deadline passes.

    Every kind is read again after each wave, not only those still listing orders: an order
    moves between kinds (a trigger order that fires becomes a limit order), so an earlier
    empty read proves nothing once a later wave found or cancelled something. ``clean``
    therefore rests on one read of every kind on every contract, all after the last cancel."""
    started = engine.monotonic()
    deadline_at = started + deadline
    complete = contract_codes is not None
    unusable: list[PanicEntry] = []
    if contract_codes is None:  # every contract with open limit orders
        listed = yield from plan.contracts(engine, deadline_at)
        contract_codes, unusable = _checked(listed, plan.check)
    entries = {
        (code, kind): PanicEntry(code, kind) for code in contract_codes for kind in plan.kinds
    }
    pause = 0.0
    to_cancel = list(entries)
    # a wave after the first starts only with time for its pause and a round trip left: one
    # begun in the deadline's last moments only sends requests it cannot see answered
    while to_cancel and engine.monotonic() < deadline_at - (pause and MIN_WAVE_TIME):
        cancels = yield Fanout(
            [plan.cancel(engine, kind, code, deadline_at) for code, kind in to_cancel]
        )
        for key, result in zip(to_cancel, cancels, strict=True):
            entries[key] = _after_cancel(entries[key], result)
        if pause:
            yield Sleep(min(pause, max(0.0, deadline_at - engine.monotonic())))
        # every kind, every contract, after this wave's cancels; the trigger, TP/SL and
        # trailing books (USDT-M: algo) first, the limit books once those reads were answered:
        # an order of those kinds that fires becomes a limit order, so one that fires while
        # they are read lands in a limit book not read yet (read in the other order, it would
        # escape both)
        everything = [key for key in entries if key[1] != "limit"]
        reads = list((yield Fanout([plan.read(engine, k, c, deadline_at) for c, k in everything])))
        limits = [key for key in entries if key[1] == "limit"]
        reads += yield Fanout([plan.read(engine, k, c, deadline_at) for c, k in limits])
        everything += limits
        timed_out = engine.monotonic() >= deadline_at
        for key, read in zip(everything, reads, strict=True):
            entries[key] = _after_read(entries[key], read, timed_out)
        to_cancel = [key for key in everything if not entries[key].verified_empty]
        pause = POLL_MAX_PAUSE
        if _key_refused(cancels) or _key_refused(reads):
            break  # HTX refused the key itself: trying again until the deadline changes nothing
    return PanicReport(
        entries=[*entries.values(), *unusable],
        contract_codes=list(contract_codes),
        seconds=engine.monotonic() - started,
        complete=complete,
    )
