"""N OS processes, one account: each sends its cancels as fast as it can against the local
exchange with HTX's limits on, through a ``RedisRateLimiter`` shared by all (or, to compare,
each with its own ``RateLimiter``).

``burst()`` starts the children (``python -m bench.shared_burst``), lets them all go at once,
and returns what the exchange answered (HTTP 429 / err_code 1032 counted from its request log)
and the wall time from "go" to the last child's last answer. ``tests/many_processes`` uses it
with a few processes; ``make bench`` with 8 x 150 (section 9).
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["BurstOutcome", "RateCounter", "burst", "floor_seconds"]

CONTRACT = "BTC-USD"
ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT = 60.0


class RateCounter:
    """The exchange's ``request_log``: counts the answers that were HTX's rate-limit refusal."""

    def __init__(self) -> None:
        self.refused = 0
        self.answers = 0
        self._lock = threading.Lock()

    def __call__(self, line: str) -> None:
        with self._lock:
            self.answers += 1
            if "HTTP 429" in line or "err_code 1032" in line:
                self.refused += 1


@dataclass(frozen=True)
class BurstOutcome:
    processes: int
    per_process: int
    seconds: float  # "go" to the last answer of the last child (CLOCK_MONOTONIC, system-wide)
    accepted: int  # ids HTX accepted the cancel of
    failed: int  # cancels that raised (a 429 among them, retries off)
    fallback: int  # results marked rate_limit_fallback
    refused_by_exchange: int  # HTTP 429 / 1032 answers the exchange sent


def floor_seconds(requests: int, limit: tuple[int, float] = (72, 3.0)) -> float:
    """The earliest the last of ``requests`` can go out under the bucket: each full window of
    ``limit[0]`` requests costs ``limit[1]`` seconds."""
    count, period = limit
    return (requests - 1) // count * period


def burst(
    exchange: Any,  # noqa: ANN401 - a running htx_swap_mock.MockExchange
    counter: RateCounter,
    *,
    processes: int,
    per_process: int,
    redis_url: str | None,
    first_id: int = 771038212360937472,
) -> BurstOutcome:
    """Seed ``processes * per_process`` orders, start the children, let them go at once."""
    ids = [str(first_id + n) for n in range(processes * per_process)]
    for order_id in ids:
        exchange.add_order(CONTRACT, order_id)
    env = {
        **os.environ,
        "HTX_ACCESS_KEY": exchange.access_key,
        "HTX_SECRET_KEY": exchange.secret_key,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    children = []
    for n in range(processes):
        chunk = ids[n * per_process : (n + 1) * per_process]
        argv = [sys.executable, "-m", "bench.shared_burst", exchange.url, redis_url or "-"]
        children.append(
            subprocess.Popen(
                [*argv, ",".join(chunk)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=env,
                cwd=ROOT,
                text=True,
            )
        )
    try:
        for child in children:
            assert child.stdout is not None
            line = child.stdout.readline()
            if line.strip() != "ready":
                raise RuntimeError(f"a burst child did not start: {line!r}")
        before = counter.refused
        start = time.monotonic()
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        reports = []
        for child in children:
            out, _ = child.communicate(timeout=300)
            reports.append(json.loads(out.strip().splitlines()[-1]))
        # to the last answer of the last child (not its interpreter's exit)
        seconds = max(r["done_at_ns"] for r in reports) / 1e9 - start
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    return BurstOutcome(
        processes=processes,
        per_process=per_process,
        seconds=seconds,
        accepted=sum(r["accepted"] for r in reports),
        failed=sum(r["failed"] for r in reports),
        fallback=sum(r["fallback"] for r in reports),
        refused_by_exchange=counter.refused - before,
    )


async def _child(url: str, redis_url: str | None, ids: list[str]) -> dict[str, int]:
    from htx_swap import AccountLimiters, AsyncSwapClient, HtxCredentials, HtxError

    limiters = None
    if redis_url is not None:
        limiters = AccountLimiters.on_redis(redis_url, account="bench")
    credentials = HtxCredentials.from_env()
    counts = {"accepted": 0, "failed": 0, "fallback": 0}
    async with AsyncSwapClient(
        credentials,
        base_url=url,
        limiters=limiters,
        timeout=60.0,  # an attempt's bound: the burst waits its turn well past 10 s
        max_retries=0,  # a 429 is counted, not retried
    ) as client:
        await client.sync_clock()  # connection and imports warm before "go"
        print("ready", flush=True)
        await asyncio.to_thread(sys.stdin.readline)

        async def one(order_id: str) -> None:
            try:
                result = await client.cancel(CONTRACT, order_ids=[order_id])
            except HtxError:
                counts["failed"] += 1
                return
            counts["accepted"] += len(result.successes)
            counts["fallback"] += result.rate_limit_fallback

        await asyncio.gather(*(one(order_id) for order_id in ids))
        counts["done_at_ns"] = time.monotonic_ns()  # the system's clock: the parent's too
    return counts


def main(argv: list[str]) -> int:
    url, redis_url, ids = argv[0], argv[1], argv[2].split(",")
    counts = asyncio.run(_child(url, None if redis_url == "-" else redis_url, ids))
    print(json.dumps(counts), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
