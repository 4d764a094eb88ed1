"""5. Bulk: 1,000 ids, against the exchange answering every cancel 20 ms late (a realistic round
trip to HTX).

Without rate limits (off on the exchange and in the client): ``AsyncSwapClient.cancel_many``
(chunks of 10, at most 16 in flight) against 100 sequential single-chunk ``SwapClient.cancel``
calls; ``SwapClient.cancel_many``, which sends its chunks one after another, is shown beside.
With HTX's limit (72 requests per 3 s) on the exchange and the client's default limiter:
``AsyncSwapClient.cancel_many`` against the limit's own floor, the earliest the 100th request
can be answered. The same under HTX's coin-M delivery futures limit (36 requests per 3 s):
``AsyncFuturesClient.cancel_many`` of 1,000 ids of one symbol against that limit's floor.

Connections are warm for every contender, as in a long-running client: the async clients share
one ``httpx.AsyncClient`` whose pool a first, untimed ``cancel_many`` filled (each limited run
still gets a client of its own, so a limiter with its whole quota).
"""

from __future__ import annotations

import asyncio
import math
import time

import httpx
from htx_swap import AsyncFuturesClient, AsyncSwapClient, CancelResult, HtxCredentials, SwapClient

from bench.report import Report, Row, Target
from bench.server import CONTRACT, Exchange
from bench.stats import Sample, paired_ratio

__all__ = ["run"]

IDS = 1000
CHUNK = 10
ROUND_TRIP = 0.020
HTX_LIMIT = (72, 3.0)
FUTURES_LIMIT = (36, 3.0)  # HTX's coin-M delivery futures trade bucket
FUTURES_SYMBOL = "BTC"
FUTURES_CANCEL_PATH = "/api/v1/contract_cancel"


def _check(result: CancelResult, ids: list[str], what: str) -> int:
    """Every id a success; returns the retries it took."""
    if sorted(result.successes) != sorted(ids) or result.errors:
        raise AssertionError(f"{what}: {len(result.errors)} errors, comparison void")
    return result.attempts - math.ceil(len(ids) / CHUNK)


def _floor(requests: int, limit: tuple[int, float]) -> float:
    """When the last of ``requests`` sent as early as the sliding window allows is answered."""
    count, period = limit
    return (requests - 1) // count * period + ROUND_TRIP


async def _measure(
    exchange: Exchange, rounds: int, limited_rounds: int
) -> tuple[dict[str, list[float]], list[float], int]:
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    times: dict[str, list[float]] = {"concurrent": [], "sequential": [], "sync": []}
    limited: list[float] = []
    retries = 0
    async with httpx.AsyncClient(timeout=10.0) as shared:
        unlimited = AsyncSwapClient(
            credentials, base_url=exchange.url, http_client=shared, rate_limiter=None
        )
        with SwapClient(credentials, base_url=exchange.url, rate_limiter=None) as sync_client:
            await unlimited.cancel_many(CONTRACT, order_ids=exchange.seed(200))  # fills the pool
            sync_client.cancel(CONTRACT, order_ids=exchange.seed(1))
            for _ in range(rounds):
                ids = exchange.seed(IDS)
                start = time.perf_counter()
                result = await unlimited.cancel_many(CONTRACT, order_ids=ids)
                times["concurrent"].append(time.perf_counter() - start)
                _check(result, ids, "AsyncSwapClient.cancel_many")

                ids = exchange.seed(IDS)
                start = time.perf_counter()
                for at in range(0, IDS, CHUNK):
                    chunk = ids[at : at + CHUNK]
                    _check(sync_client.cancel(CONTRACT, order_ids=chunk), chunk, "cancel")
                times["sequential"].append(time.perf_counter() - start)

                ids = exchange.seed(IDS)
                start = time.perf_counter()
                result = sync_client.cancel_many(CONTRACT, order_ids=ids)
                times["sync"].append(time.perf_counter() - start)
                _check(result, ids, "SwapClient.cancel_many")
        for _ in range(limited_rounds):
            # A fresh limiter and a fresh window on the exchange: each run starts with the whole
            # quota, as after three quiet seconds.
            exchange.rate_limit(HTX_LIMIT)
            client = AsyncSwapClient(credentials, base_url=exchange.url, http_client=shared)
            ids = exchange.seed(IDS)
            start = time.perf_counter()
            result = await client.cancel_many(CONTRACT, order_ids=ids)
            limited.append(time.perf_counter() - start)
            retries += _check(result, ids, "AsyncSwapClient.cancel_many (HTX limit)")
        exchange.rate_limit(None)
    return times, limited, retries


def _futures_code(exchange: Exchange) -> str:
    """The quarter's contract code of ``FUTURES_SYMBOL`` on the exchange's clock."""
    listed = exchange._call("GET", "/futures")
    assert isinstance(listed, dict)
    return f"{FUTURES_SYMBOL}{listed['contract_codes']['quarter']}"


async def _measure_futures(exchange: Exchange, rounds: int) -> tuple[list[float], int, int]:
    """``AsyncFuturesClient.cancel_many`` of 1,000 ids under HTX's futures limit, each run with
    a fresh limiter and a fresh window; the seconds, the retries and the 1032s it met."""
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    code = _futures_code(exchange)
    seconds: list[float] = []
    retries = refused = 0
    async with httpx.AsyncClient(timeout=10.0) as shared:
        for _ in range(rounds):
            exchange.settings(futures_rate_limit=list(FUTURES_LIMIT))  # restarts the window
            client = AsyncFuturesClient(credentials, base_url=exchange.url, http_client=shared)
            ids = exchange.next_ids(IDS)
            exchange.seed_orders([{"contract_code": code, "order_id": i} for i in ids])
            start = time.perf_counter()
            result = await client.cancel_many(FUTURES_SYMBOL, order_ids=ids)
            seconds.append(time.perf_counter() - start)
            refused += sum(1 for e in result.errors if e.err_code == 1032)
            retries += _check(result, ids, "AsyncFuturesClient.cancel_many (futures limit)")
        exchange.settings(futures_rate_limit=None)
    return seconds, retries, refused


def run_futures(report: Report, exchange: Exchange, *, rounds: int) -> None:
    """The futures row: 1,000 ids under HTX's 36 per 3 s, against that limit's floor."""
    report.section("5f. Bulk on coin-M delivery futures: 1,000 ids, every answer 20 ms late")
    exchange.answer_delay(ROUND_TRIP, FUTURES_CANCEL_PATH)
    try:
        limited, retries, refused = asyncio.run(_measure_futures(exchange, rounds))
    finally:
        exchange.answer_delay(None)
    floor = _floor(math.ceil(IDS / CHUNK), FUTURES_LIMIT)
    sample = Sample(tuple(limited))
    report.say(
        f"With HTX's coin-M delivery futures limit, {FUTURES_LIMIT[0]} requests per "
        f'{FUTURES_LIMIT[1]:.0f} s (both sides): AsyncFuturesClient.cancel_many("BTC", 1,000 '
        f"ids): {sample.show(1, 3)} s; the floor {floor:.3f} s (36 at once, 36 more every 3 s, "
        f"+20 ms); retries after a refusal: {retries}; 1032 in the result: {refused}"
    )
    report.add(
        Row(
            "5. bulk, HTX futures limit: futures cancel_many ÷ the limit's floor",
            f"{sample.median:.3f} s",
            f"{floor:.3f} s",
            Sample(tuple(value / floor for value in limited)),
            Target(1.10),
        )
    )


def run(report: Report, exchange: Exchange, *, rounds: int, limited_rounds: int) -> None:
    report.section("5. Bulk: 1,000 ids, every answer 20 ms late (wall seconds)")
    exchange.answer_delay(ROUND_TRIP)
    try:
        times, limited, retries = asyncio.run(_measure(exchange, rounds, limited_rounds))
    finally:
        exchange.answer_delay(None)
    unlimited = {name: Sample(tuple(values)) for name, values in times.items()}
    report.say("Rate limits off (exchange and client):")
    for name, label in (
        ("concurrent", "AsyncSwapClient.cancel_many(1,000 ids), 16 in flight"),
        ("sequential", "100 sequential SwapClient.cancel(10 ids)"),
        ("sync", "SwapClient.cancel_many(1,000 ids), chunks one after another"),
    ):
        report.say(f"- {label}: {unlimited[name].show(1, 3)} s")
    report.add(
        Row(
            "5. bulk, no limit: speed-up of cancel_many over 100 sequential calls",
            f"{unlimited['concurrent'].median:.3f} s",
            f"{unlimited['sequential'].median:.3f} s",
            paired_ratio(times["sequential"], times["concurrent"]),
            Target(8.0, at_most=False),
        )
    )
    report.add(
        Row(
            "5. bulk, no limit: SwapClient.cancel_many (sync) ÷ 100 sequential calls",
            f"{unlimited['sync'].median:.3f} s",
            f"{unlimited['sequential'].median:.3f} s",
            paired_ratio(times["sync"], times["sequential"]),
        )
    )
    floor = _floor(math.ceil(IDS / CHUNK), HTX_LIMIT)
    sample = Sample(tuple(limited))
    report.say(f"With HTX's limit, {HTX_LIMIT[0]} requests per {HTX_LIMIT[1]:.0f} s (both sides):")
    report.say(
        f"- AsyncSwapClient.cancel_many(1,000 ids): {sample.show(1, 3)} s; the limit's floor "
        f"{floor:.3f} s (72 at once, the 73rd to 100th 3 s later, +20 ms); "
        f"retries after a refusal: {retries}"
    )
    report.add(
        Row(
            "5. bulk, HTX limit: cancel_many ÷ the limit's floor",
            f"{sample.median:.3f} s",
            f"{floor:.3f} s",
            Sample(tuple(value / floor for value in limited)),
            Target(1.10),
        )
    )
