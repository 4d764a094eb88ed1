"""``UsdtClient`` and ``AsyncUsdtClient``: USDT-margined contracts (HTX's v5 API) on the same
drivers, engine and flows as the swap clients; only the product description (``usdt.USDT``)
and the methods the v5 API has differ. Imported when first used (``htx_swap.UsdtClient``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from htx_swap._clients.aclient import AsyncDriver
from htx_swap._clients.client import SyncDriver
from htx_swap._clients.help_text import readable_help
from htx_swap._clients.surface import (
    ClientSurface,
    TimeoutArg,
    async_method,
    check_seconds,
    sync_method,
)
from htx_swap._engine import family
from htx_swap._engine.steps import Flow
from htx_swap._model.constants import MAX_TIMEOUT
from htx_swap._model.errors import InvalidRequestError
from htx_swap._products.usdt import (
    KINDS,
    USDT,
    USDT_PANIC,
    cancel_algo_ids,
    read_kind,
    validate_usdt_contract_code,
)
from htx_swap._wire import codec
from htx_swap._wire.validation import IdList, Ids, validate_choice, validate_ids

if TYPE_CHECKING:
    from htx_swap._engine.confirm import CancelOutcome
    from htx_swap._model.reports import CancelAfterStatus, OpenOrder
    from htx_swap._model.results import CancelResult

__all__ = ["AsyncUsdtClient", "UsdtClient"]

MaybeIds = IdList | None
SIDES = ("buy", "sell")
POSITION_SIDES = ("long", "short", "both")


class UsdtSurface(ClientSurface):
    """The USDT-M methods' flows; ``cancel``, ``cancel_many``, ``order_info`` and
    ``cancel_and_confirm`` are the swap clients' own, run on the ``USDT`` product (the last
    polls only: the order push is coin-M only)."""

    _kind = USDT

    def _cancel_and_confirm(  # type: ignore[override] # no order push: via is "poll" only
        self,
        contract_code: str,
        *,
        order_ids: MaybeIds = None,
        client_order_ids: MaybeIds = None,
        deadline: float = 5.0,
        timeout: TimeoutArg | None = None,
        via: Literal["poll"] = "poll",
    ) -> Flow[CancelOutcome]:
        """Cancel any number of orders, then read each one's state (``GET /v5/trade/order``,
        one id per read, within the read bucket) until each is final or ``deadline`` seconds
        have passed. USDT-M has no order push in this SDK (it is coin-M only): ``via`` takes
        ``"poll"`` alone (``"auto"`` / ``"push"`` are an ``InvalidRequestError`` naming
        ``via``) and ``outcome.via`` is always ``"poll"``. Every id lands in exactly one of
        ``cancelled``, ``filled``, ``failed`` and ``pending`` (see ``CancelOutcome``)."""
        validate_choice("via", via, ("poll",))
        return ClientSurface._cancel_and_confirm(
            self,
            contract_code,
            order_ids=order_ids,
            client_order_ids=client_order_ids,
            deadline=deadline,
            timeout=timeout,
            via="poll",
        )

    def _cancel_all(  # type: ignore[override] # v5 filters by side and position side
        self,
        contract_code: str | None = None,
        *,
        side: str | None = None,
        position_side: str | None = None,
        timeout: TimeoutArg | None = None,
    ) -> Flow[CancelResult]:
        """Cancel every open limit order (of ``contract_code``, or of every contract), or only
        those of one ``side`` ("buy"/"sell") and/or ``position_side`` ("long"/"short"/"both").
        HTX answers one item per order: accepted ids are ``successes``, refused ones
        ``errors``; an empty book is an empty result."""
        code = None if contract_code is None else validate_usdt_contract_code(contract_code)
        filters = {
            "side": validate_choice("side", side, (None, *SIDES)),
            "position_side": validate_choice(
                "position_side", position_side, (None, *POSITION_SIDES)
            ),
        }
        name = "usdt_cancel_all_orders"
        return family.cancel_all(
            self._engine, "limit", code, filters, None, self._timeout(timeout), name=name
        )

    def _cancel_algo(
        self,
        contract_code: str,
        *,
        algo_ids: MaybeIds = None,
        algo_client_order_ids: MaybeIds = None,
        timeout: TimeoutArg | None = None,
    ) -> Flow[CancelResult]:
        """Cancel algo orders (trigger, TP/SL, trailing) by ``algo_ids`` or
        ``algo_client_order_ids`` (any number, requests of 10); every id ends in exactly one of
        successes, errors, unanswered. ``POST /v5/algo/cancel_orders`` has no HTX page: its
        form follows ccxt 4.5.90 and gocryptotrader."""
        code = validate_usdt_contract_code(contract_code)
        if (algo_ids is None) == (algo_client_order_ids is None):
            raise InvalidRequestError("algo_ids/algo_client_order_ids", "give exactly one of them")
        field = "algo_ids" if algo_ids is not None else "algo_client_order_ids"
        raw = algo_ids if algo_ids is not None else algo_client_order_ids
        assert raw is not None
        ids = Ids(field, validate_ids(field, raw, limit=None))
        return cancel_algo_ids(self._engine, code, ids, None, self._timeout(timeout))

    def _cancel_after(self, timeout: float | None) -> Flow[CancelAfterStatus]:
        """Arm HTX's USDT-M dead man's switch: unless called again within ``timeout`` seconds
        (>= 5), HTX cancels every open USDT-M order of the account. ``None`` turns it off.
        ``POST /v5/trade/cancel-after`` has no HTX page: it follows ccxt and gocryptotrader."""
        limits = {"minimum": 5.0, "maximum": MAX_TIMEOUT * 24}
        ms = None if timeout is None else round(check_seconds("timeout", timeout, **limits) * 1000)
        return family.cancel_after(self._engine, ms, "usdt_cancel_after")

    def _open_orders(  # type: ignore[override] # the v5 kinds
        self,
        contract_code: str | None = None,
        *,
        kind: Literal["limit", "algo"] = "limit",
        timeout: TimeoutArg | None = None,
    ) -> Flow[list[OpenOrder]]:
        """Every open order of ``kind`` ("limit", or "algo": trigger, TP/SL and trailing),
        of ``contract_code`` or of every contract: every page through HTX's cursor, each
        order once, ids exact. A cursor that repeats or never ends is a
        ``ResponseParseError``, never a loop."""
        validate_choice("kind", kind, KINDS)
        code = None if contract_code is None else validate_usdt_contract_code(contract_code)
        timeout_ = self._timeout(timeout)
        deadline_at = self._engine.deadline(None, timeout_)
        return _orders(read_kind(self._engine, kind, code, deadline_at, timeout_))

    def _panic_plan(self) -> family.PanicPlan:
        return USDT_PANIC


def _orders(flow: Flow[codec.OpenOrdersPage]) -> Flow[list[OpenOrder]]:
    read = yield from flow
    for problem in read.problems:
        family.log.warning("htx_swap: USDT-M open orders: %s", problem)
    return read.orders


# The public methods: the swap clients' own flow builders (``_C``, run on the USDT product)
# and the v5 API's (``_U``), made sync (``_S``) or async (``_A``), five lines a client.
_C, _U, _S, _A = ClientSurface, UsdtSurface, sync_method, async_method


@readable_help
class UsdtClient(UsdtSurface, SyncDriver):
    """Signed, validated, typed access to HTX's USDT-margined contracts (the v5 API) over one
    pooled ``httpx.Client``: the options of ``SwapClient`` (``event_hooks``, ``with_options``
    and the attempt records included) but ``push_url`` (the order push is coin-M only:
    ``cancel_and_confirm`` polls order info); by default HTX's USDT-M buckets
    (72 trade and 72 read requests per 3 s, apart from the swap ones); ``rate_limiter`` /
    ``read_rate_limiter`` set the USDT-M trade / read bucket. Contract codes are exact:
    ``BTC-USDT`` (perpetual) or ``BTC-USDT-YYMMDD`` (delivery), checked before sending."""

    sync_clock, cancel = _S(_C._sync_clock), _S(_C._cancel)
    cancel_many, order_info = _S(_C._cancel_many), _S(_C._order_info)
    cancel_and_confirm, cancel_all = _S(_U._cancel_and_confirm), _S(_U._cancel_all)
    cancel_algo, cancel_after = _S(_U._cancel_algo), _S(_U._cancel_after)
    open_orders, panic = _S(_U._open_orders), _S(_C._panic)


@readable_help
class AsyncUsdtClient(UsdtSurface, AsyncDriver):
    """The asyncio twin of ``UsdtClient`` over one pooled ``httpx.AsyncClient``; the requests
    of one call (order reads, pages of each algo type, panic's cancels) go concurrently."""

    sync_clock, cancel = _A(_C._sync_clock), _A(_C._cancel)
    cancel_many, order_info = _A(_C._cancel_many), _A(_C._order_info)
    cancel_and_confirm, cancel_all = _A(_U._cancel_and_confirm), _A(_U._cancel_all)
    cancel_algo, cancel_after = _A(_U._cancel_algo), _A(_U._cancel_after)
    open_orders, panic = _A(_U._open_orders), _A(_C._panic)
