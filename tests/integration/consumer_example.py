"""The README's consumer example as a module: mypy --strict checks it (``make lint``) and
tests/integration runs it against the local exchange."""

from __future__ import annotations

import asyncio

from htx_swap import AsyncSwapClient, CancelResult, HtxCredentials, OrderCancelError, SwapClient


def cancel_two(base_url: str, creds: HtxCredentials, order_ids: list[str]) -> CancelResult:
    with SwapClient(creds, base_url=base_url, timeout=10.0) as client:
        result = client.cancel("BTC-USD", order_ids=order_ids)
    accepted: list[str] = result.successes
    refused: list[OrderCancelError] = result.errors
    # None only when no answer came (a result of failed requests); a cancel's own answer has it
    server_ms: int | None = result.ts
    print(f"{len(accepted)} accepted, {len(refused)} refused at {server_ms}")
    return result


async def cancel_by_client_ids(base_url: str, creds: HtxCredentials) -> CancelResult:
    async with AsyncSwapClient(creds, base_url=base_url) as client:
        return await client.cancel("BTC-USD", client_order_ids=[9001, 9002])


def main(base_url: str) -> None:
    creds = HtxCredentials.from_env()
    print(cancel_two(base_url, creds, ["768503271974985728", "771038212360937472"]))
    print(asyncio.run(cancel_by_client_ids(base_url, creds)))
