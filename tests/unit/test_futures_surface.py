"""The futures clients' public surface: the methods issue 21 names, with ``symbol`` where the
swap methods take ``contract_code``; the async client has every method of the sync one, with
the same signature, as a coroutine (one method table serves both)."""

from __future__ import annotations

import inspect

from htx_swap import AsyncFuturesClient, FuturesClient

METHODS = {
    "cancel": "(self, symbol: str, *, order_ids:",
    "cancel_many": "(self, symbol: str, *, order_ids:",
    "order_info": "(self, symbol: str, *, order_ids:",
    "cancel_and_confirm": "(self, symbol: str, *, order_ids:",
    "cancel_all": "(self, symbol: str, *, contract_code: str | None = None, contract_type: str "
    "| None = None, direction: str | None = None, offset: str | None = None,",
    "cancel_all_trigger": "(self, symbol: str, *, contract_code: str | None = None, "
    "contract_type: str | None = None, direction: str | None = None, offset: str | None = None,",
    "cancel_all_tpsl": "(self, symbol: str, *, contract_code: str | None = None, contract_type: "
    "str | None = None, direction: str | None = None, timeout:",
    "cancel_all_trailing": "(self, symbol: str, *, contract_code: str | None = None, "
    "contract_type: str | None = None, direction: str | None = None, offset: str | None = None,",
    "cancel_trigger": "(self, symbol: str, *, order_ids: Iterable[str | int], timeout:",
    "cancel_tpsl": "(self, symbol: str, *, order_ids: Iterable[str | int], timeout:",
    "cancel_trailing": "(self, symbol: str, *, order_ids: Iterable[str | int], timeout:",
    "cancel_after": "(self, timeout: float | None)",
    "open_orders": "(self, symbol: str | None = None, *, kind: str = 'limit',",
    "panic": "(self, symbols: list[str] | None = None, *, deadline: float = 10.0)",
    "dead_mans_switch": "(self, timeout: float = 30.0, *, refresh: float | None = None,",
    "sync_clock": "(self)",
}


def _public(cls: type) -> set[str]:
    return {n for n in dir(cls) if not n.startswith("_") and callable(getattr(cls, n))}


def test_the_methods_the_issue_names() -> None:
    for name, start in METHODS.items():
        shown = str(inspect.signature(getattr(FuturesClient, name)))
        assert shown.startswith(start), (name, shown)
    assert set(METHODS) <= _public(FuturesClient)


def test_the_async_client_has_every_method_of_the_sync_one() -> None:
    assert _public(FuturesClient) - {"close"} == _public(AsyncFuturesClient) - {"aclose"}
    for name in set(METHODS) - {"dead_mans_switch"}:
        sync, async_ = getattr(FuturesClient, name), getattr(AsyncFuturesClient, name)
        assert inspect.iscoroutinefunction(async_), name
        assert not inspect.iscoroutinefunction(sync), name
        assert str(inspect.signature(sync)) == str(inspect.signature(async_)), name
        assert sync.__doc__ == async_.__doc__, name
