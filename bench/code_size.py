"""``python -m bench.code_size``: the size of ``htx_swap``'s code, as issue 12 counts it.

A line counts when it holds code: blank lines, comments and docstrings (module, class and
function) do not. Besides the total, it splits off the code that exists only for features added
after issue 12's baseline of 2,021 lines (the truthful-outcome rules of issue 13 that live in
modules or functions of their own, the cancel family and the CLI commands of issue 14). Only
whole modules and whole top-level functions, classes or methods are split off; code that mixes
old and new work (the engine's retry loop with its deadlines and ledger, the drivers' sends)
counts as old.
"""

from __future__ import annotations

import ast
import io
import sys
import tokenize
from pathlib import Path

__all__ = [
    "ADDED_LATER",
    "WHOLE_MODULES_ADDED_LATER",
    "code_lines",
    "key",
    "main",
    "modules",
    "split",
]

PACKAGE = Path(__file__).resolve().parent.parent / "auth_plugin" / "htx_swap"
BASELINE = 2021  # issue 12's count of htx_swap before the engine (commit 2898ddd)

WHOLE_MODULES_ADDED_LATER = {
    "_wire/body.py": "13: answers capped while they stream",
    "_wire/deadline.py": "13: each sync attempt bounded as a whole",
    "_wire/transport.py": "13: each sync attempt bounded as a whole",
    "_engine/family.py": "14: cancel-all, open orders, the switch, panic",
    "_engine/dead_man.py": "14: the dead man's switch",
    "_model/reports.py": "14: open orders, the switch's status, panic reports",
    "_push/push_protocol.py": "23: the order push's WebSocket protocol, I/O-free",
    "_push/push_session.py": "23: one push connection's decisions, I/O-free",
    "_push/push_stream.py": "23: the order stream's buffer, gaps and settings, I/O-free",
    "_push/push_wire.py": "23: what the push drivers share about websockets",
    "_push/push_sync.py": "23: the order stream's sync driver",
    "_push/push_async.py": "23: the order stream's asyncio driver",
    "_cli/cli_watch.py": "23: htx-swap watch",
    "_model/attempts.py": "25: every attempt on record",
    "_engine/calls.py": "25: each public call's records, span and log line",
    "_observe/watch.py": "25: hooks, records, spans and log lines around each attempt",
    "_observe/telemetry.py": "25: OpenTelemetry traces and metrics",
    "_observe/hooks.py": "25: event hooks",
    "_model/serialize.py": "25: to_dict / to_json",
    "_clients/options.py": "25: with_options",
    "_observe/log_setup.py": "25: HTX_SWAP_LOG",
    "_observe/otel_httpx.py": "25: httpx's instrumentation with the SDK's redaction",
    "_wire/signed_url.py": "25: the signed URL without httpx parsing it again (the cost when off)",
    "_engine/products.py": "22: a product's part of the flows, as data",
    "_products/futures.py": "21: coin-M delivery futures: symbols, contract codes, panic plan",
    "_clients/futures_client.py": "21: FuturesClient / AsyncFuturesClient",
    "_products/usdt.py": "22: USDT-M (v5): contract codes, cursor pages, algo cancels, panic plan",
    "_clients/usdt_client.py": "22: UsdtClient / AsyncUsdtClient",
    "_wire/v5_codec.py": "22: the v5 API's shapes in and out",
}
ADDED_LATER = {
    "_clients/aclient.py": ["AsyncDriver.dead_mans_switch"],
    "_clients/client.py": ["SyncDriver.dead_mans_switch"],
    "cli.py": ["_run_cancel_all", "_cancel_all_kind", "_run_panic", "_run_switch", "_keep_switch"],
    "_cli/cli_render.py": [
        "IdState",
        "_error_state",
        "id_states",
        "_CONTROL",
        "printable",
        "panic_as_json",
        "render_panic",
    ],
    "_wire/codec.py": [
        "decoder",
        "decode_cancel_after",
        "OpenOrdersPage",
        "OPEN_ORDER_OPERATIONS",
        "_open_order",
        "open_orders_decoder",
    ],
    "_engine/engine.py": ["Engine.limiters_for", "Engine.bulk_deadline", "Engine.within"],
    "_model/errors.py": ["ResponseTooLargeError", "ClientClosedError", "SwitchMayBeArmedError"],
    "_clients/surface.py": [
        "DIRECTIONS",
        "OFFSETS",
        "_PROXY_VARIABLES",
        "_HOST",
        "_importable",
        "_limiters",
        "_check_proxies",
        "ClientSurface._cancel_all_of",
        "ClientSurface._cancel_all",
        "ClientSurface._cancel_all_trigger",
        "ClientSurface._cancel_all_tpsl",
        "ClientSurface._cancel_all_trailing",
        "ClientSurface._strategy_cancel",
        "ClientSurface._cancel_trigger",
        "ClientSurface._cancel_tpsl",
        "ClientSurface._cancel_trailing",
        "ClientSurface._cancel_after",
        "ClientSurface._switch_times",
        "ClientSurface._open_orders",
        "ClientSurface._panic",
    ],
    "_wire/validation.py": ["validate_choice", "as_seconds", "shown"],
}

_NOT_CODE = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENDMARKER,
}
_WITH_DOCSTRING = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


def code_lines(source: str) -> set[int]:
    """The numbers of the lines of ``source`` that hold code.

    >>> sorted(code_lines("def f():\\n    'Doc.'\\n\\n    # note\\n    return 1  # counted\\n"))
    [1, 5]
    """
    docstrings: set[int] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, _WITH_DOCSTRING) and node.body:
            first = node.body[0]
            value = first.value if isinstance(first, ast.Expr) else None
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                docstrings.update(range(first.lineno, (first.end_lineno or 0) + 1))
    lines: set[int] = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in _NOT_CODE:
            lines.update(set(range(token.start[0], token.end[0] + 1)) - docstrings)
    return lines


def _name(node: ast.stmt) -> str | None:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return node.name
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    return None


def _span(node: ast.stmt) -> set[int]:
    decorators = getattr(node, "decorator_list", [])
    start = min([node.lineno, *(d.lineno for d in decorators)])
    return set(range(start, (node.end_lineno or start) + 1))


def key(module: Path) -> str:
    """The name the lists above give ``module``: its path inside the package (``_wire/body.py``),
    or its file name when it lies elsewhere."""
    if module.is_relative_to(PACKAGE):
        return module.relative_to(PACKAGE).as_posix()
    return module.name


def modules() -> list[Path]:
    """Every module of the package, its internal subpackages' included."""
    return sorted(PACKAGE.rglob("*.py"))


def split(module: Path) -> tuple[int, int]:
    """``(all code lines, lines added after the baseline)`` of one module; raises
    ``LookupError`` when a name listed in ``ADDED_LATER`` is not in it (a stale list)."""
    source = module.read_text(encoding="utf-8")
    lines = code_lines(source)
    if key(module) in WHOLE_MODULES_ADDED_LATER:
        return len(lines), len(lines)
    wanted = set(ADDED_LATER.get(key(module), ()))
    later: set[int] = set()
    found: set[str] = set()
    for node in ast.parse(source).body:
        members = node.body if isinstance(node, ast.ClassDef) else []
        candidates = [(_name(node), node)] + [(f"{_name(node)}.{_name(m)}", m) for m in members]
        for name, each in candidates:
            if name in wanted:
                later |= _span(each)
                found.add(name)
    if wanted - found:
        raise LookupError(f"{key(module)}: no {sorted(wanted - found)}")
    return len(lines), len(lines & later)


def main() -> int:
    total = later = 0
    print(f"{'module':<26} {'code':>5} {'added later':>12}")
    for module in modules():
        lines, added = split(module)
        total, later = total + lines, later + added
        print(f"{key(module):<26} {lines:>5} {added:>12}")
    print(f"{'total':<26} {total:>5} {later:>12}")
    print(f"like for like (mixed code counted as old): {total - later}; baseline {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
