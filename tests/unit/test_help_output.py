"""``help()`` as a newcomer reads it (issue 26, item 9): signatures without quoted aliases, the
clients' constructors documented, ``dir(htx_swap)`` listing every public name (the package
still imported lazily), and ``open_orders`` taking ``timeout=`` like every other method."""

from __future__ import annotations

import asyncio
import inspect
import pydoc
import re
import subprocess
import sys
from collections.abc import Iterator

import htx_swap
import pytest
from htx_swap import (
    APITimeoutError,
    AsyncSwapClient,
    HtxCredentials,
    InvalidRequestError,
    SwapClient,
)
from htx_swap_mock import MockExchange, faults

CLIENTS = [SwapClient, AsyncSwapClient]


def _public_methods(client: type[object]) -> list[str]:
    return [
        name for name, value in vars(client).items() if callable(value) and not name.startswith("_")
    ] + ["from_env"]


def _text(obj: object) -> str:
    return pydoc.plain(pydoc.render_doc(obj))


@pytest.mark.parametrize("client", CLIENTS)
def test_signatures_spell_out_the_aliases_without_quotes(client: type[object]) -> None:
    for name in _public_methods(client):
        signature = str(inspect.signature(getattr(client, name)))
        assert "'" not in signature.replace("'limit'", "").replace("'auto'", ""), (name, signature)
        assert "IdList" not in signature, (name, signature)
        assert "TimeoutArg" not in signature, (name, signature)
    cancel = str(inspect.signature(client.cancel))  # type: ignore[attr-defined]
    assert "order_ids: Iterable[str | int] | None = None" in cancel
    assert "timeout: float | httpx.Timeout | None = None) -> CancelResult" in cancel


def test_help_of_a_method_reads_as_written() -> None:
    text = _text(SwapClient.cancel)
    assert (
        "cancel(self, contract_code: str, *, order_ids: Iterable[str | int] | None = None, "
        "client_order_ids: Iterable[str | int] | None = None, "
        "timeout: float | httpx.Timeout | None = None) -> CancelResult"
    ) in text.replace("\n", " ").replace("  ", " ")
    assert "'IdList" not in text
    assert "'TimeoutArg" not in text


@pytest.mark.parametrize("client", CLIENTS)
def test_the_constructor_reads_as_written_and_is_documented(client: type[object]) -> None:
    signature = str(inspect.signature(client))
    assert signature.startswith("(credentials: HtxCredentials, *, base_url: str = ")
    assert "timeout: float | httpx.Timeout = 10.0" in signature
    init_doc = inspect.getdoc(client.__init__) or ""
    assert not init_doc.startswith("Initialize self")
    assert f"{client.__name__}.from_env(**options)" in init_doc
    text = _text(client)
    assert "Initialize self" not in text
    assert re.findall(r"(?:: |-> )'\w[^']*'", text) == []  # no annotation shown quoted


def test_dir_lists_the_names_imported_on_first_use() -> None:
    assert set(htx_swap.__all__) <= set(dir(htx_swap))
    assert {"AsyncSwapClient", "PanicReport", "OrderInfo"} <= set(dir(htx_swap))


def test_dir_keeps_the_import_lazy() -> None:
    code = (
        "import sys, htx_swap\n"
        "names = dir(htx_swap)\n"
        "assert 'AsyncSwapClient' in names, names\n"
        "assert 'htx_swap._clients.aclient' not in sys.modules, 'dir() imported the async client'\n"
        "assert 'asyncio' not in sys.modules, 'dir() imported asyncio'\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert run.returncode == 0, run.stderr


# -- open_orders(timeout=) ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_exchange() -> Iterator[MockExchange]:
    with MockExchange(rate_limit=None) as exchange:
        yield exchange


@pytest.fixture
def ex(shared_exchange: MockExchange) -> MockExchange:
    shared_exchange.reset()
    return shared_exchange


def _open_orders(mode: str, ex: MockExchange, **kwargs: object) -> object:
    credentials = HtxCredentials(ex.access_key, ex.secret_key)
    options = {"base_url": ex.url, "timeout": 30.0, "max_retries": 0}
    if mode == "sync":
        with SwapClient(credentials, **options) as client:  # type: ignore[arg-type]
            return client.open_orders("BTC-USD", **kwargs)  # type: ignore[arg-type]

    async def run() -> object:
        async with AsyncSwapClient(credentials, **options) as client:  # type: ignore[arg-type]
            return await client.open_orders("BTC-USD", **kwargs)  # type: ignore[arg-type]

    return asyncio.run(run())


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_open_orders_takes_a_timeout_per_call(mode: str, ex: MockExchange) -> None:
    ex.add_order("BTC-USD", 7)
    listed = _open_orders(mode, ex, timeout=5.0)
    assert [order.order_id for order in listed] == ["7"]  # type: ignore[attr-defined]
    # the call's timeout, not the client's 30 s, ends an attempt HTX is slow to answer
    ex.inject(faults.delay(3.0))
    with pytest.raises(APITimeoutError):
        _open_orders(mode, ex, timeout=0.3)
    with pytest.raises(InvalidRequestError, match=r"^timeout: "):
        _open_orders(mode, ex, timeout=0)
