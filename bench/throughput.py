"""3. Async throughput with 1, 8 and 32 cancels in flight: ``AsyncSwapClient.cancel`` against a
bare ``httpx.AsyncClient.post`` of the same request signed by the stdlib reference.

Client-side rate limiting is off (``rate_limiter=None``) and so is the exchange's: the limit
would cap both at 24 requests a second. Both clients use httpx's default pool limits.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Awaitable, Callable, Iterator

import httpx
from htx_swap import AsyncSwapClient, HtxCredentials

from bench.contenders import cancel_body, stdlib_signed_query, utc_timestamp
from bench.report import Report, Row, Target
from bench.server import CANCEL_PATH, CONTRACT, Exchange
from bench.stats import Sample, Timing, paired_ratio

__all__ = ["run"]

LEVELS = (1, 8, 32)
PARTS = 2
JSON = {"Content-Type": "application/json"}
Send = Callable[[str], Awaitable[bool]]


async def _drive(send: Send, ids: list[str], in_flight: int) -> Timing:
    """Send every id with ``in_flight`` workers; CPU and wall time per request."""
    pending: Iterator[str] = iter(ids)
    failures = 0

    async def worker() -> None:
        nonlocal failures
        for order_id in pending:  # one shared iterator: each id goes to exactly one worker
            if not await send(order_id):
                failures += 1

    gc.collect()
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(in_flight)))
    cpu, wall = time.process_time() - cpu_start, time.perf_counter() - wall_start
    if failures:
        raise AssertionError(f"{failures} error answers, the comparison is void")
    return Timing(cpu / len(ids), wall / len(ids))


async def _measure(
    exchange: Exchange, rounds: int, batch: int
) -> dict[int, dict[str, list[Timing]]]:
    ours = AsyncSwapClient(
        HtxCredentials(exchange.access_key, exchange.secret_key),
        base_url=exchange.url,
        rate_limiter=None,
    )
    bare_client = httpx.AsyncClient(timeout=10.0)
    signed_url = f"{exchange.url}{CANCEL_PATH}?"

    async def ours_send(order_id: str) -> bool:
        result = await ours.cancel(CONTRACT, order_ids=[order_id])
        return result.successes == [order_id]

    async def bare_send(order_id: str) -> bool:
        query = stdlib_signed_query(
            exchange.access_key,
            exchange.secret_key,
            "POST",
            exchange.host,
            CANCEL_PATH,
            utc_timestamp(),
        )
        response = await bare_client.post(
            signed_url + query, content=cancel_body(CONTRACT, [order_id]), headers=JSON
        )
        return response.status_code == 200 and b'"status":"ok"' in response.content

    contenders: dict[str, Send] = {
        "AsyncSwapClient.cancel": ours_send,
        "bare httpx.AsyncClient.post": bare_send,
    }
    results: dict[int, dict[str, list[Timing]]] = {}
    try:
        for level in LEVELS:
            for send in contenders.values():  # opens the level's connections
                await _drive(send, exchange.seed(level * 4), level)
            names = list(contenders)
            results[level] = {name: [] for name in names}
            for round_number in range(rounds):
                shift = round_number % len(names)
                for name in names[shift:] + names[:shift]:
                    parts = [
                        await _drive(contenders[name], exchange.seed(batch // PARTS), level)
                        for _ in range(PARTS)
                    ]
                    # Other processes only ever slow a part down: keep the fastest.
                    results[level][name].append(min(parts, key=lambda timing: timing.wall))
    finally:
        await ours.aclose()
        await bare_client.aclose()
    return results


def run(report: Report, exchange: Exchange, *, rounds: int, batch: int) -> None:
    report.section("3. Async throughput (cancels per second; client CPU per cancel)")
    report.say("Rate limiting off in AsyncSwapClient (rate_limiter=None) and on the exchange.")
    results = asyncio.run(_measure(exchange, rounds, batch))
    for level, by_name in results.items():
        rates: dict[str, Sample] = {}
        for name, timings in by_name.items():
            rates[name] = Sample(tuple(1 / t.wall for t in timings))
            cpu = Sample(tuple(t.cpu for t in timings))
            report.say(
                f"- {level:>2} in flight, {name}: {rates[name].show(digits=0)} /s, "
                f"client CPU {cpu.show(1e6, 0)} µs"
            )
        ours, bare = rates["AsyncSwapClient.cancel"], rates["bare httpx.AsyncClient.post"]
        report.add(
            Row(
                f"3. async throughput, {level} in flight: AsyncSwapClient ÷ bare httpx",
                f"{ours.median:.0f} /s",
                f"{bare.median:.0f} /s",
                paired_ratio(ours.values, bare.values),
                Target(1.0, at_most=False),
            )
        )
