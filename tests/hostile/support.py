"""What the hostile tests share: the rewritten SDK's names (looked up so that today's code fails
a test instead of breaking collection), one way to run a call sync or async, canned answers,
and the wall-time bound of a call."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import htx_swap
import pytest
from htx_swap import AsyncSwapClient, HtxCredentials, SwapClient

from tests.hostile.raw_server import RawConnection, RawRequest, Script, http_response

__all__ = [
    "BTC",
    "CANCEL_PATH",
    "CREDS",
    "MODES",
    "ORDER_INFO_PATH",
    "Called",
    "api",
    "attr",
    "call",
    "call_bound",
    "cancel_ok",
    "json_answers",
]

MODES = ("sync", "async")
BTC = "BTC-USD"
CANCEL_PATH = "/swap-api/v1/swap_cancel"
ORDER_INFO_PATH = "/swap-api/v1/swap_order_info"
TIMESTAMP_PATH = "/api/v1/timestamp"
CREDS = HtxCredentials("hostile-access-key", "hostile-canary-secret-5c1e")
# Scheduling noise on a loaded 2-core machine on top of what the policy allows.
SLACK = 2.5


def api(name: str) -> Any:
    """``htx_swap.<name>``, a name the rewritten SDK exports; fails the test when it is absent."""
    found = getattr(htx_swap, name, None)
    if found is None:
        pytest.fail(f"htx_swap.{name} does not exist")
    return found


def attr(obj: object, name: str) -> Any:
    """``obj.<name>``, an attribute the rewritten SDK has; fails the test when it is absent."""
    if not hasattr(obj, name):
        pytest.fail(f"{type(obj).__name__} has no attribute {name!r}: {obj!r}")
    return getattr(obj, name)


def call_bound(
    *, timeout: float, max_retries: int, backoff_initial: float, backoff_max: float
) -> float:
    """The longest a call may take: every attempt at its timeout, every backoff at its
    longest, one clock resync, plus slack."""
    attempts = (max_retries + 1) * timeout
    return attempts + max_retries * (backoff_max + backoff_initial) + timeout + SLACK


@dataclass
class Called:
    value: Any
    error: BaseException | None
    seconds: float


def call(
    mode: str,
    base_url: str,
    method: str,
    *args: Any,
    credentials: HtxCredentials = CREDS,
    options: dict[str, Any] | None = None,
    http_client: Callable[[str], Any] | None = None,
    clients: tuple[type[Any], type[Any]] = (SwapClient, AsyncSwapClient),
    **kwargs: Any,
) -> Called:
    """Build a ``SwapClient`` or ``AsyncSwapClient`` (or the sync / async pair ``clients``)
    with ``options`` and call ``method``; any exception is returned, not raised.
    ``http_client(mode)`` makes the caller's own httpx client, closed afterwards."""
    sync_client, async_client = clients
    options = {"rate_limiter": None, "read_rate_limiter": None, **(options or {})}
    own = http_client(mode) if http_client is not None else None
    if own is not None:
        options["http_client"] = own
    started = time.monotonic()
    try:
        if mode == "sync":
            try:
                with sync_client(credentials, base_url=base_url, **options) as client:
                    value = getattr(client, method)(*args, **kwargs)
            finally:
                if own is not None:
                    own.close()
        else:

            async def run() -> Any:
                try:
                    async with async_client(credentials, base_url=base_url, **options) as client:
                        return await getattr(client, method)(*args, **kwargs)
                finally:
                    if own is not None:
                        await own.aclose()

            value = asyncio.run(run())
    except Exception as exc:  # the test inspects whatever came out
        return Called(None, exc, time.monotonic() - started)
    return Called(value, None, time.monotonic() - started)


def cancel_ok(successes: str, errors: list[dict[str, object]] | None = None) -> bytes:
    body = {"status": "ok", "data": {"errors": errors or [], "successes": successes}, "ts": 1}
    return json.dumps(body).encode()


def json_answers(answer: Callable[[RawRequest], bytes | None]) -> Script:
    """A keep-alive server answering each request with ``answer(request)`` as HTTP 200
    (None: close the connection without answering)."""

    def script(conn: RawConnection) -> None:
        while (request := conn.read_request()) is not None:
            body = answer(request)
            if body is None:
                return
            conn.send(http_response(200, body))

    return script


def mock_transport_client(
    mode: str, handler: Callable[[httpx.Request], httpx.Response]
) -> httpx.Client | httpx.AsyncClient:
    transport = httpx.MockTransport(handler)
    if mode == "sync":
        return httpx.Client(transport=transport)
    return httpx.AsyncClient(transport=transport)
