"""Hostile review 21b of issue 21 (coin-M delivery futures and the package layout): defects
found by using ``FuturesClient`` / ``AsyncFuturesClient``, the ``htx-swap futures`` CLI and the
layered package; each failed before its fix. (Two more findings are held elsewhere: the wire
codecs as the only importers of the generated client in tests/unit/test_layout.py; public names
keeping their defining module's ``__module__`` is a choice README's Architecture section
states.)"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import io
import json
from pathlib import Path

import htx_swap
import pytest
from htx_swap import (
    AsyncFuturesClient,
    FuturesClient,
    HtxCredentials,
    InvalidRequestError,
    PanicReport,
    cli,
)
from htx_swap._products.futures import validate_symbol

from tests.hostile.raw_server import RawRequest, RawServer
from tests.hostile.support import json_answers

MODES = ("sync", "async")
CREDS = HtxCredentials("k", "s")
PACKAGE = Path(htx_swap.__file__).parent


def _ok(data: object) -> bytes:
    return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()


def _page(orders: list[dict[str, object]]) -> bytes:
    return _ok({"orders": orders, "total_page": 1, "current_page": 1, "total_size": len(orders)})


def _nothing_to_cancel() -> bytes:
    return json.dumps({"status": "error", "err_code": 1051, "err_msg": "none", "ts": 1}).encode()


def _order(contract_code: str, order_id: int, symbol: str = "BTC") -> dict[str, object]:
    return {
        "order_id": order_id,
        "order_id_str": str(order_id),
        "symbol": symbol,
        "contract_code": contract_code,
        "contract_type": "quarter",
        "direction": "buy",
        "offset": "open",
        "volume": 1,
        "status": 3,
        "price": 2000,
    }


def _run(mode: str, url: str, method: str, *args: object, **kwargs: object) -> object:
    options: dict[str, object] = {"base_url": url, "max_retries": 0, "timeout": 2.0}
    if mode == "sync":
        with FuturesClient(CREDS, **options) as client:  # type: ignore[arg-type]
            return getattr(client, method)(*args, **kwargs)

    async def main() -> object:
        async with AsyncFuturesClient(CREDS, **options) as aclient:  # type: ignore[arg-type]
            return await getattr(aclient, method)(*args, **kwargs)

    return asyncio.run(main())


def _refused(symbol: object) -> bool:
    try:
        validate_symbol(symbol)
    except InvalidRequestError:
        return True
    return False


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("listed_code", ["", "BTC-USD", "BTC_CQ"])
def test_panic_without_symbols_never_sends_a_symbol_it_would_refuse(
    mode: str, listed_code: str
) -> None:
    """A hostile (or confused) server lists, on the symbol-less limit listing, an order whose
    contract code is no delivery contract code. ``panic(None)`` took ``base_of(code)`` for a
    symbol without checking it and sent ``{"symbol": ""}`` (to ``contract_tpsl_cancelall``
    too, whose ``symbol`` HTX documents as optional: an empty one may mean every symbol),
    ``{"symbol": "BTC-USD"}`` and so on: a cancel-all the SDK would refuse with an
    ``InvalidRequestError`` had the caller typed it. Expected: such an entry is reported (the
    panic not clean), its "symbol" never sent."""

    def answer(request: RawRequest) -> bytes:
        body = json.loads(request.body or b"{}")
        if request.path.endswith("/contract_openorders") and "symbol" not in body:
            return _page([_order(listed_code, 7), _order("ETH261225", 8, "ETH")])
        return _page([]) if "openorders" in request.path else _nothing_to_cancel()

    with RawServer(json_answers(answer)) as server:
        report = _run(mode, server.url, "panic", None, deadline=0.5)
        sent = [json.loads(r.body) for r in server.requests if r.body]
    assert isinstance(report, PanicReport)
    assert not report.clean
    bad = sorted({b["symbol"] for b in sent if "symbol" in b and _refused(b["symbol"])})
    assert bad == []


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_an_entry_whose_symbol_names_another_coin_is_not_taken_for_the_symbols(
    mode: str,
) -> None:
    """Asked for BTC's open orders, the server lists an order with ``symbol: "ETH"`` and
    ``contract_code: "BTC261225"``. The entry contradicts itself: whose order it is cannot be
    known from it, so it is "a page of open orders listing another symbol's order" (issue 21)
    and must be reported and left alone, not returned as one of BTC's."""

    contradicting = _order("BTC261225", 5, symbol="ETH")
    with RawServer(json_answers(lambda request: _page([contradicting]))) as server:
        listed = _run(mode, server.url, "open_orders", "BTC")
    assert listed == []


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "(htx_swap)"


def _layer_graph() -> dict[str, set[str]]:
    """Which subpackage imports which, at import time: module-level statements only (``if
    TYPE_CHECKING:`` blocks and imports inside functions aside), as README's Architecture
    section and tests/unit/test_layout.py count them."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        source = _layer(module)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("htx_swap."):
                targets = [str(node.module)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("htx_swap.")]
            for target in targets:
                if _layer(target) != source:
                    graph.setdefault(source, set()).add(_layer(target))
    return graph


def test_the_layers_import_each_other_without_a_cycle() -> None:
    """README, Architecture: "One path from the contract to the shell; each layer knows only
    the ones below it". tests/unit/test_layout.py checks modules only, so a cycle between
    layers passes it: ``_engine.engine`` imports ``_products.products`` while
    ``_products.futures`` imports ``_engine.engine``; ``_engine.engine`` imports
    ``_observe.watch`` while ``_observe.calls`` imports ``_engine.engine``; ``_model`` (the
    bottom layer) imports ``_wire.redaction`` and ``_observe.serialize``; ``_push.push_wire``
    imports ``_clients.surface``; ``_cli.accounts_cli`` imports ``htx_swap.cli``."""
    graph = _layer_graph()
    cycles = sorted(
        f"{a} <-> {b}" for a, targets in graph.items() for b in targets if a in graph.get(b, ())
    )
    assert cycles == []


def test_futures_panic_help_offers_no_option_it_always_refuses() -> None:
    """A hurried trader reads ``htx-swap futures panic --help``, sees ``--accounts FILE ...
    panic every one at once`` and uses it mid-incident: exit 2, nothing cancelled. The usdt
    panic leaves the option out (``_add_panic(command, accounts=False)``); the futures panic
    adds it and then refuses it."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(["futures", "panic", "--help"])
    assert code == cli.EXIT_OK
    assert "usage: htx-swap futures panic" in out.getvalue()
    assert "--accounts" not in out.getvalue()
