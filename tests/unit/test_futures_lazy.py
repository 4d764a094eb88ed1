"""``import htx_swap`` (and a swap client's work) does not load the delivery futures code;
``htx_swap.FuturesClient`` loads it on first use."""

from __future__ import annotations

import subprocess
import sys

import htx_swap

FUTURES_MODULES = ("htx_swap._products.futures", "htx_swap._clients.futures_client")


def _run(code: str) -> None:
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert run.returncode == 0, run.stderr


def test_import_and_a_swap_client_do_not_load_the_futures_code() -> None:
    _run(
        "import sys, htx_swap\n"
        "htx_swap.SwapClient(htx_swap.HtxCredentials('k', 's')).close()\n"
        "names = dir(htx_swap)\n"
        "assert 'FuturesClient' in names and 'AsyncFuturesClient' in names, names\n"
        f"loaded = [m for m in {FUTURES_MODULES!r} if m in sys.modules]\n"
        "assert not loaded, loaded\n"
        "assert not [m for m in sys.modules if '.contract_' in m], 'futures operations loaded'\n"
    )


def test_the_futures_client_is_loaded_on_first_use() -> None:
    _run(
        "import sys, htx_swap\n"
        "cls = htx_swap.FuturesClient\n"
        "assert cls.__module__ == 'htx_swap._clients.futures_client'\n"
        "assert 'htx_swap._products.futures' in sys.modules\n"
        "assert 'htx_swap._clients.aclient' in sys.modules  # the async twin's driver module\n"
    )


def test_the_public_names_are_in_all() -> None:
    for name in ("FuturesClient", "AsyncFuturesClient", "SettlementError"):
        assert name in htx_swap.__all__
    assert issubclass(htx_swap.SettlementError, htx_swap.HtxApiError)
