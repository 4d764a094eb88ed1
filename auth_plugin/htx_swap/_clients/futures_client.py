"""``FuturesClient`` and ``AsyncFuturesClient``: coin-margined delivery futures (HTX's
``/api/v1/contract_*``) on the same drivers, engine and flows as the swap clients; only the
product description (``futures.FUTURES``) and the contract-naming rule differ: a contract is
named by ``symbol`` ("BTC"), optionally narrowed by ``contract_code`` ("BTC231229") or
``contract_type`` ("quarter"). Imported when first used (``htx_swap.FuturesClient``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from htx_swap._clients.aclient import AsyncDriver
from htx_swap._clients.client import SyncDriver
from htx_swap._clients.help_text import readable_help
from htx_swap._clients.surface import (
    DIRECTIONS,
    OFFSETS,
    ClientSurface,
    TimeoutArg,
    both_drivers,
)
from htx_swap._engine import family
from htx_swap._engine.steps import Flow
from htx_swap._model.constants import DEFAULT_PANIC_DEADLINE
from htx_swap._model.errors import InvalidRequestError
from htx_swap._products.futures import (
    FUTURES,
    FUTURES_PANIC,
    read_own,
    validate_contract_type,
    validate_futures_contract_code,
    validate_symbol,
)
from htx_swap._wire.validation import IdList, validate_choice

if TYPE_CHECKING:
    import httpx

    from htx_swap._model.reports import PanicReport
    from htx_swap._model.results import CancelResult
    from htx_swap._wire.codec import OpenOrdersPage

__all__ = ["AsyncFuturesClient", "FuturesClient"]


_Builder = Callable[..., Flow["CancelResult"]]
_B = both_drivers  # a public method of both futures clients
T = TypeVar("T")


def _named(builder: Callable[..., Flow[T]], name: str, doc: str) -> Callable[..., Flow[T]]:
    """``builder`` as flow builder ``name`` of ``FuturesSurface`` (its ``self`` shown bare)."""
    signature = inspect.signature(builder)
    first, *rest = signature.parameters.values()
    bare = first.replace(annotation=inspect.Parameter.empty)
    builder.__signature__ = signature.replace(parameters=[bare, *rest])  # type: ignore[attr-defined]
    builder.__name__ = name
    builder.__qualname__ = f"FuturesSurface.{name}"
    builder.__doc__ = doc
    return builder


def _by_symbol(swap: Callable[..., Flow[T]], doc: str) -> Callable[..., Flow[T]]:
    """The swap flow builder ``swap``, taking ``symbol`` where it takes ``contract_code`` (with
    its annotation and default; its signature otherwise, for ``help()`` and the call checks)."""
    signature = inspect.signature(swap)
    self_, code, *rest = signature.parameters.values()
    default = code.default

    def builder(self: FuturesSurface, symbol: Any = default, **options: Any) -> Flow[T]:  # noqa: ANN401
        if symbol is inspect.Parameter.empty:
            raise TypeError(f"{swap.__name__.lstrip('_')}() missing its argument 'symbol'")
        return swap(self, symbol, **options)

    symbol = code.replace(name="symbol")
    builder.__signature__ = signature.replace(parameters=[self_, symbol, *rest])  # type: ignore[attr-defined]
    return _named(builder, swap.__name__, doc)


def _filtered(kind: str, doc: str) -> _Builder:
    """The flow builder of ``kind``'s cancel-all, with every filter its page takes."""

    def builder(
        self: FuturesSurface,
        symbol: str,
        *,
        contract_code: str | None = None,
        contract_type: str | None = None,
        direction: str | None = None,
        offset: str | None = None,
        timeout: TimeoutArg | None = None,
    ) -> Flow[CancelResult]:
        filters = {"contract_code": contract_code, "contract_type": contract_type}
        return self._cancel_all_by(
            kind, symbol, timeout, **filters, direction=direction, offset=offset
        )

    suffix = "" if kind == "limit" else f"_{kind}"
    return _named(builder, f"_cancel_all{suffix}", doc)


def _by_ids(kind: str, doc: str) -> _Builder:
    """The flow builder of ``kind``'s cancel by ids."""

    def builder(
        self: FuturesSurface, symbol: str, *, order_ids: IdList, timeout: TimeoutArg | None = None
    ) -> Flow[CancelResult]:
        return self._strategy_cancel(kind, symbol, order_ids, timeout)

    return _named(builder, f"_cancel_{kind}", doc)


class FuturesSurface(ClientSurface):
    """The delivery futures methods' flows: the swap clients' own, run on the ``FUTURES``
    product, with ``symbol`` where the swap methods take ``contract_code``."""

    _kind = FUTURES

    _cancel = _by_symbol(
        ClientSurface._cancel,
        """Cancel up to 10 orders of ``symbol`` (any of its contracts) by exchange ids or by
        client ids (found for 24 h after they were placed). While the contract settles or is
        delivered HTX refuses the request with a ``SettlementError``; see ``SwapClient.cancel``
        for the rest.""",
    )
    _cancel_many = _by_symbol(
        ClientSurface._cancel_many,
        """Cancel any number of orders of ``symbol`` (requests of 10, within the futures trade
        bucket); a request refused for settlement lists its ids in ``errors`` with a
        ``SettlementError`` as ``cause``.""",
    )
    _order_info = _by_symbol(
        ClientSurface._order_info,
        """Read orders of ``symbol`` (50 per request); each carries its ``contract_code`` and
        ``contract_type``. HTX keeps cancelled orders readable for 4 hours only.""",
    )

    _cancel_and_confirm = _by_symbol(
        ClientSurface._cancel_and_confirm,
        """Cancel orders of ``symbol``, then read them until each is final or ``deadline``
        passes (see ``SwapClient.cancel_and_confirm``). Ids refused because the contract is in
        settlement or delivery are ``failed`` and listed apart in ``outcome.settlement``. It
        confirms by order info only (``outcome.via`` is ``"poll"``): the SDK's order push is
        the coin-M swaps'; ``via="push"`` is an ``InvalidRequestError`` naming ``via``.""",
    )

    def _cancel_all_by(
        self, kind: str, symbol: str, timeout: TimeoutArg | None, **given: object
    ) -> Flow[CancelResult]:
        """A cancel-all of ``kind``: ``given`` holds exactly the filters its page takes."""
        code = validate_symbol(symbol)
        contract_code, contract_type = given.pop("contract_code"), given.pop("contract_type")
        if contract_code is not None and contract_type is not None:
            raise InvalidRequestError(
                "contract_code/contract_type", "give one of them (or neither), not both"
            )
        filters = {
            "contract_code": None
            if contract_code is None
            else validate_futures_contract_code(contract_code, code),
            "contract_type": None
            if contract_type is None
            else validate_contract_type(contract_type),
            "direction": validate_choice("direction", given.pop("direction"), (None, *DIRECTIONS)),
        }
        if "offset" in given:  # the TP/SL cancel-all takes no offset
            filters["offset"] = validate_choice("offset", given.pop("offset"), (None, *OFFSETS))
        return family.cancel_all(
            self._engine, kind, code, filters, None, self._timeout(timeout), FUTURES
        )

    _cancel_all = _filtered(
        "limit",
        """Cancel every open limit order of ``symbol``, or only those of one ``contract_code``
        or ``contract_type`` ("this_week", "next_week", "quarter", "next_quarter"), one
        ``direction`` and/or ``offset``. An empty book is an empty result.""",
    )
    _cancel_all_trigger = _filtered(
        "trigger",
        """Cancel every trigger order of ``symbol`` (filters as ``cancel_all``); within HTX's
        5 requests per second for this endpoint.""",
    )
    _cancel_all_trailing = _filtered(
        "trailing",
        """Cancel every trailing order of ``symbol`` (filters as ``cancel_all``); within HTX's
        5 requests per second for this endpoint.""",
    )

    def _cancel_all_tpsl(  # type: ignore[override] # named by symbol; futures filters
        self,
        symbol: str,
        *,
        contract_code: str | None = None,
        contract_type: str | None = None,
        direction: str | None = None,
        timeout: TimeoutArg | None = None,
    ) -> Flow[CancelResult]:
        """Cancel every take-profit / stop-loss order of ``symbol`` (``contract_code``,
        ``contract_type``, ``direction``: HTX's page takes no ``offset``); within HTX's 5
        requests per second for this endpoint."""
        filters = {"contract_code": contract_code, "contract_type": contract_type}
        return self._cancel_all_by("tpsl", symbol, timeout, **filters, direction=direction)

    _cancel_trigger = _by_ids(
        "trigger",
        """Cancel trigger orders of ``symbol`` by id (requests of 10, within HTX's 5 per
        second for this endpoint); every id ends in one of successes, errors, unanswered.""",
    )
    _cancel_tpsl = _by_ids(
        "tpsl",
        """Cancel take-profit / stop-loss orders of ``symbol`` by id (like ``cancel_trigger``).""",
    )
    _cancel_trailing = _by_ids(
        "trailing", """Cancel trailing orders of ``symbol`` by id (like ``cancel_trigger``)."""
    )

    _open_orders = _by_symbol(
        ClientSurface._open_orders,
        """Every open order of ``kind`` ("limit", "trigger", "tpsl", "trailing") of ``symbol``
        (None: limit orders of every symbol; HTX lists the other kinds per symbol only), every
        page; each carries its ``contract_code`` and ``contract_type``. An order of another
        symbol on the page is logged and left out, never taken for one of ``symbol``'s.""",
    )

    def _listing(
        self, kind: str, code: str | None, timeout: httpx.Timeout | None
    ) -> Flow[OpenOrdersPage]:
        return read_own(self._engine, kind, code, None, timeout)

    def _panic(
        self, symbols: list[str] | None = None, *, deadline: float = DEFAULT_PANIC_DEADLINE
    ) -> Flow[PanicReport]:
        """Cancel every order of every kind of ``symbols`` (None: every symbol with open limit
        orders), then read open orders back until none is left or ``deadline`` passes;
        ``report.clean`` only when every read came back empty. Entries refused while a
        contract settles are listed apart in ``report.settlement``."""
        if isinstance(symbols, str):
            raise InvalidRequestError("symbols", "must be a list of symbols")
        return ClientSurface._panic(self, symbols, deadline=deadline)

    def _panic_plan(self) -> family.PanicPlan:
        return FUTURES_PANIC

    # the public methods, one table for both clients (sync on FuturesClient, async on
    # AsyncFuturesClient)
    sync_clock, cancel_after = _B(ClientSurface._sync_clock), _B(ClientSurface._cancel_after)
    cancel, cancel_many, order_info = _B(_cancel), _B(_cancel_many), _B(_order_info)
    cancel_and_confirm, open_orders = _B(_cancel_and_confirm), _B(_open_orders)
    cancel_all, cancel_all_tpsl, panic = _B(_cancel_all), _B(_cancel_all_tpsl), _B(_panic)
    cancel_all_trigger, cancel_all_trailing = _B(_cancel_all_trigger), _B(_cancel_all_trailing)
    cancel_trigger, cancel_tpsl = _B(_cancel_trigger), _B(_cancel_tpsl)
    cancel_trailing = _B(_cancel_trailing)


@readable_help
class FuturesClient(FuturesSurface, SyncDriver):
    """Signed, validated, typed cancels on HTX's coin-margined delivery futures over one pooled
    ``httpx.Client``: the options of ``SwapClient``; by default HTX's futures buckets (36 trade
    and 36 read requests per 3 s, and each strategy cancel endpoint's 5 per second), never
    shared with a ``SwapClient``'s; ``rate_limiter`` / ``read_rate_limiter`` set the futures
    trade / read bucket, ``limiters`` takes ``AccountLimiters(product="futures")``. Symbols,
    contract codes and contract types are checked before sending."""


@readable_help
class AsyncFuturesClient(FuturesSurface, AsyncDriver):
    """The asyncio twin of ``FuturesClient`` over one pooled ``httpx.AsyncClient``; the
    requests of one call (chunks, order reads, panic's cancels and reads) go concurrently."""
