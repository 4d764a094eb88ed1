"""One async face for both clients over the cancel family, for the ``test_family*`` modules.

Every test there runs twice, with ``SwapClient`` and with ``AsyncSwapClient``. A sync call
simply blocks the test's event loop, which is harmless: the local exchange serves from its own
thread. The dead man's switch is entered as the client gives it (a thread for the sync client,
a task for the async one); the test body waits with ``asyncio.sleep`` so both keep refreshing.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import time
from collections.abc import AsyncIterator, Callable
from typing import Any, Literal

import pytest
from htx_swap import (
    AsyncSwapClient,
    CancelAfterStatus,
    CancelResult,
    DeadMansSwitch,
    HtxCredentials,
    OpenOrder,
    PanicReport,
    SwapClient,
)
from htx_swap_mock import MockExchange

__all__ = [
    "BIG",
    "BTC",
    "CANCEL_AFTER_PATH",
    "CANCEL_ALL_METHOD",
    "CANCEL_ALL_PATH",
    "CANCEL_METHOD",
    "CANCEL_PATH",
    "ETH",
    "KINDS",
    "MAX_ID",
    "OPEN_ORDERS_PATH",
    "STRATEGY_KINDS",
    "FamilySdk",
    "Mode",
    "bodies",
    "open_family_sdk",
    "paths",
    "wait_until",
]

Mode = Literal["sync", "async"]
BTC = "BTC-USD"
ETH = "ETH-USD"
BIG = "768503271974985728"  # a real HTX order id, above 2**53: a float would corrupt it
MAX_ID = str(2**63 - 1)
KINDS = ("limit", "trigger", "tpsl", "trailing")
STRATEGY_KINDS = ("trigger", "tpsl", "trailing")
PREFIX = "/swap-api/v1/"
CANCEL_ALL_PATH = {
    "limit": PREFIX + "swap_cancelall",
    "trigger": PREFIX + "swap_trigger_cancelall",
    "tpsl": PREFIX + "swap_tpsl_cancelall",
    "trailing": PREFIX + "swap_track_cancelall",
}
CANCEL_PATH = {
    "trigger": PREFIX + "swap_trigger_cancel",
    "tpsl": PREFIX + "swap_tpsl_cancel",
    "trailing": PREFIX + "swap_track_cancel",
}
OPEN_ORDERS_PATH = {
    "limit": PREFIX + "swap_openorders",
    "trigger": PREFIX + "swap_trigger_openorders",
    "tpsl": PREFIX + "swap_tpsl_openorders",
    "trailing": PREFIX + "swap_track_openorders",
}
CANCEL_AFTER_PATH = PREFIX + "swap-cancel-after"
CANCEL_ALL_METHOD = {
    "limit": "cancel_all",
    "trigger": "cancel_all_trigger",
    "tpsl": "cancel_all_tpsl",
    "trailing": "cancel_all_trailing",
}
CANCEL_METHOD = {
    "trigger": "cancel_trigger",
    "tpsl": "cancel_tpsl",
    "trailing": "cancel_trailing",
}


class FamilySdk:
    """Either client, awaited: ``call`` runs any public method by name (for bad input), the
    typed methods check what came back."""

    def __init__(self, client: SwapClient | AsyncSwapClient) -> None:
        self.client = client

    async def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        result = getattr(self.client, name)(*args, **kwargs)
        if inspect.isawaitable(result):
            return await result
        return result

    async def cancel_all(self, kind: str, contract_code: str, **filters: Any) -> CancelResult:
        result = await self.call(CANCEL_ALL_METHOD[kind], contract_code, **filters)
        assert isinstance(result, CancelResult)
        return result

    async def cancel_ids(
        self, kind: str, contract_code: str, order_ids: list[int | str]
    ) -> CancelResult:
        result = await self.call(CANCEL_METHOD[kind], contract_code, order_ids=order_ids)
        assert isinstance(result, CancelResult)
        return result

    async def open_orders(self, contract_code: str | None, kind: str) -> list[OpenOrder]:
        result = await self.call("open_orders", contract_code, kind=kind)
        assert isinstance(result, list)
        assert all(isinstance(order, OpenOrder) for order in result)
        return result

    async def cancel_after(self, timeout: float | None) -> CancelAfterStatus:
        result = await self.call("cancel_after", timeout)
        assert isinstance(result, CancelAfterStatus)
        return result

    async def panic(
        self, contract_codes: list[str] | None = None, *, deadline: float = 10.0
    ) -> PanicReport:
        result = await self.call("panic", contract_codes, deadline=deadline)
        assert isinstance(result, PanicReport)
        return result

    @contextlib.asynccontextmanager
    async def switch(
        self, timeout: float, *, refresh: float | None = None
    ) -> AsyncIterator[DeadMansSwitch]:
        """``dead_mans_switch`` of either client, entered and left as that client does."""
        if isinstance(self.client, SwapClient):
            with self.client.dead_mans_switch(timeout, refresh=refresh) as switch:
                yield switch
        else:
            async with self.client.dead_mans_switch(timeout, refresh=refresh) as aswitch:
                yield aswitch


@contextlib.asynccontextmanager
async def open_family_sdk(
    mode: Mode,
    ex: MockExchange,
    *,
    secret: str | None = None,
    timeout: float = 5.0,
    max_retries: int = 2,
    backoff_initial: float = 0.01,
    backoff_max: float = 0.05,
) -> AsyncIterator[FamilySdk]:
    """A client of ``mode`` for ``ex`` with HTX's limits on (the SDK's default limiters), short
    backoff so retries stay quick; ``secret`` replaces the right one."""
    creds = HtxCredentials(ex.access_key, secret or ex.secret_key)
    options: dict[str, Any] = {
        "base_url": ex.url,
        "timeout": timeout,
        "max_retries": max_retries,
        "backoff_initial": backoff_initial,
        "backoff_max": backoff_max,
    }
    if mode == "sync":
        with SwapClient(creds, **options) as client:
            yield FamilySdk(client)
    else:
        async with AsyncSwapClient(creds, **options) as aclient:
            yield FamilySdk(aclient)


def paths(ex: MockExchange) -> list[str]:
    return [record.path for record in ex.received]


def bodies(ex: MockExchange, path: str) -> list[object]:
    """The JSON bodies the exchange received on ``path``, in order."""
    return [record.json() for record in ex.received if record.path == path]


async def wait_until(check: Callable[[], bool], *, within: float = 2.0) -> float:
    """Poll ``check`` every 10 ms until it holds; the seconds it took. Fails after ``within``."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > within:
            pytest.fail(f"not true within {within} s")
        await asyncio.sleep(0.01)
    return time.monotonic() - started
