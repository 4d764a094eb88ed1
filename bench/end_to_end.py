"""2. One cancel end to end on a kept-alive connection, the exchange in another process.

Contenders, each cancelling one open order per call with the same body:
``SwapClient.cancel`` (validate, sign, send, parse into ``CancelResult``); a bare
``httpx.Client.post`` of the same request signed by the stdlib reference (no parsing: the floor);
ccxt's implicit API method for the endpoint (its rate limiter off). Rate limits are off on the
exchange and in ``SwapClient`` (``rate_limiter=None``): 72 requests per 3 s would measure the
limit. Every answer must be a success for the order sent, or the run fails.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
from htx_swap import HtxCredentials, SwapClient

from bench.contenders import (
    CCXT_CANCEL,
    cancel_body,
    ccxt_htx,
    stdlib_signed_query,
    utc_timestamp,
)
from bench.report import Report, Row, Target
from bench.server import CANCEL_PATH, CONTRACT, Exchange
from bench.stats import Timing, best, cpu, interleave, paired_ratio, timed, wall

__all__ = ["run"]

WARMUP = 50
PARTS = 3
JSON = {"Content-Type": "application/json"}


def run(report: Report, exchange: Exchange, *, rounds: int, batch: int) -> None:
    report.section("2. One cancel end to end, kept-alive connection (per cancel)")
    errors: dict[str, int] = {}
    ours_client = SwapClient(
        HtxCredentials(exchange.access_key, exchange.secret_key),
        base_url=exchange.url,
        rate_limiter=None,
    )
    bare_client = httpx.Client(timeout=10.0)
    theirs = ccxt_htx(exchange.host, exchange.access_key, exchange.secret_key, scheme="http")
    ccxt_cancel = getattr(theirs, CCXT_CANCEL)
    signed_url = f"{exchange.url}{CANCEL_PATH}?"

    def ours(ids: list[str]) -> int:
        for order_id in ids:
            result = ours_client.cancel(CONTRACT, order_ids=[order_id])
            if result.successes != [order_id]:
                errors["SwapClient.cancel"] = errors.get("SwapClient.cancel", 0) + 1
        return len(ids)

    def bare(ids: list[str]) -> int:
        for order_id in ids:
            query = stdlib_signed_query(
                exchange.access_key,
                exchange.secret_key,
                "POST",
                exchange.host,
                CANCEL_PATH,
                utc_timestamp(),
            )
            response = bare_client.post(
                signed_url + query, content=cancel_body(CONTRACT, [order_id]), headers=JSON
            )
            if response.status_code != 200 or b'"status":"ok"' not in response.content:
                errors["bare httpx"] = errors.get("bare httpx", 0) + 1
        return len(ids)

    def ccxt(ids: list[str]) -> int:
        for order_id in ids:
            answer = ccxt_cancel({"contract_code": CONTRACT, "order_id": order_id})
            if answer.get("status") != "ok" or answer["data"]["successes"] != order_id:
                errors["ccxt"] = errors.get("ccxt", 0) + 1
        return len(ids)

    def contender(send: Callable[[list[str]], int]) -> Callable[[], Timing]:
        def part() -> Timing:
            ids = exchange.seed(batch // PARTS)  # seeded before the clock starts
            return timed(lambda: send(ids))

        return lambda: best([part() for _ in range(PARTS)])

    contenders = {
        "SwapClient.cancel": contender(ours),
        "bare httpx.Client.post": contender(bare),
        "ccxt implicit API": contender(ccxt),
    }
    try:
        for send in (ours, bare, ccxt):
            send(exchange.seed(WARMUP))
        results = interleave(contenders, rounds)
    finally:
        ours_client.close()
        bare_client.close()
    if errors:
        raise AssertionError(f"error answers, the comparison is void: {errors}")
    report.say(
        f"{rounds} rounds of {batch} cancels each (best of {PARTS} parts); every answer a success."
    )
    for name, timings in results.items():
        report.say(
            f"- {name}: client CPU {cpu(timings).show(1e6, 0)} µs, "
            f"wall {wall(timings).show(1e6, 0)} µs"
        )
    ours_cpu = [t.cpu for t in results["SwapClient.cancel"]]
    ours_shown = f"{cpu(results['SwapClient.cancel']).median * 1e6:.0f} µs"
    for name, label, target in (
        ("bare httpx.Client.post", "2. cancel, client CPU: SwapClient ÷ bare httpx", 1.00),
        ("ccxt implicit API", "2. cancel, client CPU: SwapClient ÷ ccxt", 0.75),
    ):
        reference = results[name]
        report.add(
            Row(
                label,
                ours_shown,
                f"{cpu(reference).median * 1e6:.0f} µs",
                paired_ratio(ours_cpu, [t.cpu for t in reference]),
                Target(target),
            )
        )
    bare_wall = results["bare httpx.Client.post"]
    report.add(
        Row(
            "2. cancel, wall: SwapClient ÷ bare httpx",
            f"{wall(results['SwapClient.cancel']).median * 1e6:.0f} µs",
            f"{wall(bare_wall).median * 1e6:.0f} µs",
            paired_ratio(
                [t.wall for t in results["SwapClient.cancel"]], [t.wall for t in bare_wall]
            ),
        )
    )
