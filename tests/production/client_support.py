"""Run one client call sync or async against a base URL; the exception, if any, returned."""

from __future__ import annotations

import asyncio
from typing import Any

from htx_swap import AsyncSwapClient, SwapClient

from tests.production.conftest import CREDS

QUICK = {"backoff_initial": 0.001, "backoff_max": 0.001, "rate_limiter": None}


def run(mode: str, base_url: str, method: str, *args: Any, options: Any = None, **kw: Any) -> Any:
    """The call's value, or the exception it raised."""
    options = {**QUICK, **(options or {})}
    try:
        if mode == "sync":
            with SwapClient(CREDS, base_url=base_url, **options) as client:
                return getattr(client, method)(*args, **kw)

        async def go() -> Any:
            async with AsyncSwapClient(CREDS, base_url=base_url, **options) as client:
                return await getattr(client, method)(*args, **kw)

        return asyncio.run(go())
    except Exception as exc:  # the test inspects it
        return exc
