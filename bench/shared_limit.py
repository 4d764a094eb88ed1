"""9. One account, 8 processes: each sends 150 cancels as fast as it can against the local
exchange with HTX's limits on (72 trade requests per 3 s per account), through one
``RedisRateLimiter`` (``AccountLimiters.on_redis``), against the same run with a limiter per
process. Counted: the exchange's HTTP 429 / err_code 1032 answers, and the wall time from "go"
to the last answer, against the floor the bucket sets for 1,200 requests (16 windows of 3 s
after the first 72: 48 s). Needs ``redis-server`` (Debian's package) and the redis extra.
"""

from __future__ import annotations

import shutil
import time

from bench.redis_server import RedisServer
from bench.report import Report, Row, Target
from bench.shared_burst import BurstOutcome, RateCounter, burst, floor_seconds
from bench.stats import Sample

__all__ = ["run"]

LIMIT = (72, 3.0)


def _say(report: Report, what: str, outcome: BurstOutcome, floor: float) -> None:
    report.say(
        f"- {what}: {outcome.seconds:.2f} s ({outcome.seconds / floor:.3f}x the floor "
        f"{floor:.0f} s); {outcome.refused_by_exchange} answers HTTP 429 / 1032; "
        f"{outcome.accepted} accepted, {outcome.failed} failed, {outcome.fallback} on the "
        "local fallback"
    )


def run(report: Report, *, processes: int = 8, per_process: int = 150) -> None:
    from htx_swap_mock import MockExchange

    total = processes * per_process
    report.section(f"9. One account, {processes} processes x {per_process} cancels, HTX's limit on")
    floor = floor_seconds(total, LIMIT)
    if shutil.which("redis-server") is None:
        report.say("- skipped: redis-server is not installed (apt-get install redis-server)")
        return
    counter = RateCounter()
    with RedisServer() as redis, MockExchange(request_log=counter, rate_limit=LIMIT) as exchange:
        shared = burst(
            exchange, counter, processes=processes, per_process=per_process, redis_url=redis.url
        )
        time.sleep(LIMIT[1] + 0.1)  # a fresh window on the exchange
        own = burst(
            exchange,
            counter,
            processes=processes,
            per_process=per_process,
            redis_url=None,
            first_id=771038212360937472 + total,
        )
    _say(report, "one RedisRateLimiter shared by every process", shared, floor)
    _say(report, "a limiter per process (today's default)", own, floor)
    report.add(
        Row(
            f"9. {processes} processes x {per_process} cancels via Redis ÷ the bucket's floor",
            f"{shared.seconds:.2f} s, {shared.refused_by_exchange} x 429",
            f"{floor:.2f} s",
            Sample((shared.seconds / floor,)),
            Target(1.10),
        )
    )
    report.add(
        Row(
            f"9. {processes} processes x {per_process}: 429s met, Redis-shared vs per-process",
            str(shared.refused_by_exchange),
            str(own.refused_by_exchange),
        )
    )
