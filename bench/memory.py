"""6. Memory and stability: a fresh process holding one ``SwapClient`` sends 10,000 cancels;
its RSS and open file descriptors (from /proc) are read when the client is new, after a warm-up
of 100 cancels (the pooled connection open, caches filled) and after the 10,000.

``python -m bench.memory URL ACCESS_KEY SECRET_KEY FIRST_ID COUNT`` is the child; it prints one
JSON line.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

from bench.report import Report, Row, Target
from bench.server import CONTRACT, Exchange
from bench.stats import Sample

__all__ = ["run"]

WARMUP = 100
CANCELS = 10_000


def _status_kib(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise RuntimeError(f"/proc/self/status has no {field}")


def _snapshot() -> dict[str, int]:
    gc.collect()
    return {"rss_kib": _status_kib("VmRSS"), "fds": len(os.listdir("/proc/self/fd")) - 1}


def child(url: str, access_key: str, secret_key: str, first_id: int, count: int) -> None:
    from htx_swap import HtxCredentials, SwapClient

    ids = [str(first_id + n) for n in range(count)]
    failures = 0
    with SwapClient(
        HtxCredentials(access_key, secret_key), base_url=url, rate_limiter=None
    ) as client:
        new = _snapshot()
        for order_id in ids[:WARMUP]:
            client.cancel(CONTRACT, order_ids=[order_id])
        warm = _snapshot()
        for order_id in ids[WARMUP:]:
            if client.cancel(CONTRACT, order_ids=[order_id]).successes != [order_id]:
                failures += 1
        after = _snapshot()
    peak = _status_kib("VmHWM")
    print(
        json.dumps(
            {"new": new, "warm": warm, "after": after, "peak_kib": peak, "failures": failures}
        )
    )


def run(report: Report, exchange: Exchange) -> None:
    report.section(f"6. Memory and stability: one SwapClient, {CANCELS:,} cancels")
    ids = exchange.seed(WARMUP + CANCELS)
    argv = [exchange.url, exchange.access_key, exchange.secret_key, ids[0], str(len(ids))]
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    output = subprocess.run(
        [sys.executable, "-m", "bench.memory", *argv],
        check=True,
        capture_output=True,
        text=True,
        cwd=here,
    ).stdout
    result = json.loads(output.splitlines()[-1])
    if result["failures"]:
        raise AssertionError(f"{result['failures']} cancels failed, the figures are void")
    new, warm, after = result["new"], result["warm"], result["after"]
    for label, point in (("client new", new), (f"after {WARMUP} warm-up cancels", warm)):
        report.say(f"- {label}: RSS {point['rss_kib'] / 1024:.1f} MiB, {point['fds']} open fds")
    report.say(
        f"- after {CANCELS:,} more: RSS {after['rss_kib'] / 1024:.1f} MiB "
        f"(peak {result['peak_kib'] / 1024:.1f} MiB), {after['fds']} open fds"
    )
    report.add(
        Row(
            f"6. RSS after {CANCELS:,} cancels ÷ warmed up",
            f"{after['rss_kib'] / 1024:.1f} MiB",
            f"{warm['rss_kib'] / 1024:.1f} MiB",
            Sample((after["rss_kib"] / warm["rss_kib"],)),
            Target(1.02),
        )
    )
    report.add(
        Row(
            f"6. open fds after {CANCELS:,} cancels ÷ warmed up",
            str(after["fds"]),
            str(warm["fds"]),
            Sample((after["fds"] / warm["fds"],)),
            Target(1.0),
        )
    )


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
