"""8. Panic: ``panic`` over 3 contracts holding 200 open orders of the four kinds, HTX's limits
on in the exchange (72 trade and 72 read requests per 3 s, 5 per second on each strategy
cancel endpoint) and in the client (its defaults), every answer 20 ms late.

The floor those limits set: panic sends one cancel-all per contract and kind (3 x 4 = 12
requests: 3 in the trade bucket alone, 9 on the strategy endpoints, 3 each against their 5 per
second and all 12 in the trade bucket's 72), then reads open orders back (12 requests, one page
each once the book is empty, against the read bucket's 72): the 9 trigger, TP/SL and trailing
books first, the 3 limit books once those were answered (an order of those kinds that fires
becomes a limit order, so the limit books are read last). No bucket is exhausted and the async
client runs up to 16 requests at once, so the floor is three dependent round trips (the
cancels, the strategy reads, the limit reads): 3 x 20 ms. The sync client's floor is 24 round
trips (one request at a time): shown beside. Connections are warm (a first, untimed panic of
an empty book).
"""

from __future__ import annotations

import asyncio
import time

import httpx
from htx_swap import AsyncSwapClient, HtxCredentials, PanicReport, SwapClient

from bench.report import Report, Row, Target
from bench.server import Exchange
from bench.stats import Sample

__all__ = ["run"]

CONTRACTS = ["BTC-USD", "ETH-USD", "XRP-USD"]
KINDS = ("limit", "trigger", "tpsl", "trailing")
ORDERS = 200
ROUND_TRIP = 0.020
HTX_LIMIT = [72, 3.0]
STRATEGY_LIMIT = [5, 1.0]
REQUESTS = len(CONTRACTS) * len(KINDS)  # per wave
# one wave's dependent round trips: the cancel-alls, the strategy books' reads, the limit reads
ROUND_TRIPS = 3


def _seed(exchange: Exchange) -> None:
    ids = exchange.next_ids(ORDERS)
    orders: list[dict[str, object]] = [
        {"contract_code": CONTRACTS[n % 3], "order_id": order_id, "kind": KINDS[n % 4]}
        for n, order_id in enumerate(ids)
    ]
    exchange.seed_orders(orders)


def _check(report: PanicReport, what: str) -> None:
    cancelled = sum(len(entry.cancelled) for entry in report.entries)
    if not report.clean or cancelled != ORDERS:
        raise AssertionError(f"{what}: clean={report.clean}, {cancelled} cancelled of {ORDERS}")


def _limits(exchange: Exchange) -> None:
    """HTX's limits, every window restarted (each run starts with the whole quota)."""
    exchange.settings(
        rate_limit=HTX_LIMIT, read_rate_limit=HTX_LIMIT, strategy_cancel_rate_limit=STRATEGY_LIMIT
    )


async def _measure(exchange: Exchange, rounds: int) -> tuple[list[float], list[float]]:
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    concurrent: list[float] = []
    sequential: list[float] = []
    async with httpx.AsyncClient(timeout=10.0) as shared:
        warm = AsyncSwapClient(credentials, base_url=exchange.url, http_client=shared)
        await warm.panic(CONTRACTS)  # opens the pool's connections
        with SwapClient(credentials, base_url=exchange.url) as warm_sync:
            warm_sync.panic(CONTRACTS)
        for _ in range(rounds):
            _seed(exchange)
            _limits(exchange)
            client = AsyncSwapClient(credentials, base_url=exchange.url, http_client=shared)
            start = time.perf_counter()
            result = await client.panic(CONTRACTS)
            concurrent.append(time.perf_counter() - start)
            _check(result, "AsyncSwapClient.panic")

            _seed(exchange)
            _limits(exchange)
            with SwapClient(credentials, base_url=exchange.url) as sync_client:
                sync_client.cancel(CONTRACTS[0], order_ids=["1"])  # its connection, untimed
                start = time.perf_counter()
                result = sync_client.panic(CONTRACTS)
                sequential.append(time.perf_counter() - start)
            _check(result, "SwapClient.panic")
    return concurrent, sequential


def run(report: Report, exchange: Exchange, *, rounds: int) -> None:
    report.section("8. Panic: 3 contracts, 200 open orders of four kinds, HTX's limits on")
    exchange.answer_delay(ROUND_TRIP, path=None)
    try:
        concurrent, sequential = asyncio.run(_measure(exchange, rounds))
    finally:
        exchange.answer_delay(None)
        exchange.settings(rate_limit=None, read_rate_limit=None, strategy_cancel_rate_limit=None)
    floor = ROUND_TRIPS * ROUND_TRIP
    sync_floor = 2 * REQUESTS * ROUND_TRIP
    ours, theirs = Sample(tuple(concurrent)), Sample(tuple(sequential))
    report.say(
        f"Floor: {REQUESTS} cancel-alls at once, then {REQUESTS} open-order reads in two steps "
        f"(the trigger, TP/SL and trailing books, then the limit books); no bucket runs out "
        f"(trade 12 of 72, each strategy endpoint 3 of 5 per second, read 12 of 72), so "
        f"{ROUND_TRIPS} x {ROUND_TRIP * 1e3:.0f} ms = {floor * 1e3:.0f} ms; one request at a "
        f"time (sync): {2 * REQUESTS} x {ROUND_TRIP * 1e3:.0f} ms = {sync_floor:.3f} s."
    )
    report.say(f"- AsyncSwapClient.panic: {ours.show(1e3, 1)} ms, every order cancelled, clean")
    report.say(f"- SwapClient.panic: {theirs.show(1e3, 1)} ms, every order cancelled, clean")
    report.add(
        Row(
            "8. panic, 3 contracts, 200 orders, HTX limits: AsyncSwapClient ÷ the floor",
            f"{ours.median * 1e3:.1f} ms",
            f"{floor * 1e3:.0f} ms",
            Sample(tuple(value / floor for value in concurrent)),
            Target(1.10),
        )
    )
    report.add(
        Row(
            "8. panic, same: SwapClient (one request at a time) ÷ its floor",
            f"{theirs.median * 1e3:.0f} ms",
            f"{sync_floor * 1e3:.0f} ms",
            Sample(tuple(value / sync_floor for value in sequential)),
        )
    )
