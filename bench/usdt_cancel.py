"""10. A USDT-M (v5) cancel end to end beside the swap cancel, the exchange in another process.

Four contenders in the same interleaved rounds, each cancelling one open order per call:
``UsdtClient.cancel`` (``POST /v5/trade/cancel_batch_orders``: validate, sign, send, parse the
per-item answer into ``CancelResult``) and a bare ``httpx.Client.post`` of the same v5 request
signed by the stdlib reference (no parsing: the floor); ``SwapClient.cancel`` and its bare
twin, as in section 2. The target: the USDT-M client's CPU ratio to its floor is no worse than
the swap client's to its own, measured in the same rounds. Rate limits are off on both sides.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
from htx_swap import HtxCredentials, SwapClient, UsdtClient

from bench.contenders import cancel_body, stdlib_signed_query, utc_timestamp
from bench.report import Report, Row, Target
from bench.server import CANCEL_PATH, CONTRACT, Exchange
from bench.stats import Sample, Timing, best, cpu, interleave, paired_ratio, timed

__all__ = ["run"]

USDT_PATH = "/v5/trade/cancel_batch_orders"
USDT_CONTRACT = "BTC-USDT"
WARMUP = 50
PARTS = 3
JSON = {"Content-Type": "application/json"}


def _v5_body(order_id: str) -> bytes:
    return json.dumps(
        {"contract_code": USDT_CONTRACT, "order_id": [order_id]}, separators=(",", ":")
    ).encode()


def run(report: Report, exchange: Exchange, *, rounds: int, batch: int) -> None:
    report.section("10. One USDT-M (v5) cancel beside the swap cancel (client CPU per cancel)")
    errors: dict[str, int] = {}
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    usdt = UsdtClient(credentials, base_url=exchange.url, rate_limiter=None)
    swap = SwapClient(credentials, base_url=exchange.url, rate_limiter=None)
    bare_client = httpx.Client(timeout=10.0)

    def failed(name: str) -> None:
        errors[name] = errors.get(name, 0) + 1

    def ours_usdt(ids: list[str]) -> int:
        for order_id in ids:
            if usdt.cancel(USDT_CONTRACT, order_ids=[order_id]).successes != [order_id]:
                failed("UsdtClient.cancel")
        return len(ids)

    def ours_swap(ids: list[str]) -> int:
        for order_id in ids:
            if swap.cancel(CONTRACT, order_ids=[order_id]).successes != [order_id]:
                failed("SwapClient.cancel")
        return len(ids)

    def bare(path: str, body: Callable[[str], bytes], ok: bytes) -> Callable[[list[str]], int]:
        url = f"{exchange.url}{path}?"

        def send(ids: list[str]) -> int:
            for order_id in ids:
                query = stdlib_signed_query(
                    exchange.access_key,
                    exchange.secret_key,
                    "POST",
                    exchange.host,
                    path,
                    utc_timestamp(),
                )
                response = bare_client.post(url + query, content=body(order_id), headers=JSON)
                if response.status_code != 200 or ok not in response.content:
                    failed(f"bare httpx {path}")
            return len(ids)

        return send

    bare_usdt = bare(USDT_PATH, _v5_body, b'"code":200')
    bare_swap = bare(CANCEL_PATH, lambda i: cancel_body(CONTRACT, [i]), b'"status":"ok"')
    seeds = {
        "usdt": lambda count: exchange.seed_usdt(USDT_CONTRACT, count),
        "swap": exchange.seed,
    }

    def contender(send: Callable[[list[str]], int], book: str) -> Callable[[], Timing]:
        def part() -> Timing:
            ids = seeds[book](batch // PARTS)  # seeded before the clock starts
            return timed(lambda: send(ids))

        return lambda: best([part() for _ in range(PARTS)])

    contenders = {
        "UsdtClient.cancel": contender(ours_usdt, "usdt"),
        "bare httpx.Client.post (v5)": contender(bare_usdt, "usdt"),
        "SwapClient.cancel": contender(ours_swap, "swap"),
        "bare httpx.Client.post (swap)": contender(bare_swap, "swap"),
    }
    try:
        for send, book in ((ours_usdt, "usdt"), (bare_usdt, "usdt")):
            send(seeds[book](WARMUP))
        for send in (ours_swap, bare_swap):
            send(exchange.seed(WARMUP))
        results = interleave(contenders, rounds)
    finally:
        usdt.close()
        swap.close()
        bare_client.close()
    if errors:
        raise AssertionError(f"error answers, the comparison is void: {errors}")
    report.say(
        f"{rounds} rounds of {batch} cancels each (best of {PARTS} parts); every answer a success."
    )
    for name, timings in results.items():
        report.say(f"- {name}: client CPU {cpu(timings).show(1e6, 0)} µs")

    def ratio(ours: str, floor: str) -> tuple[str, str, Sample]:
        mine, theirs = results[ours], results[floor]
        shown = (f"{cpu(mine).median * 1e6:.0f} µs", f"{cpu(theirs).median * 1e6:.0f} µs")
        return (*shown, paired_ratio([t.cpu for t in mine], [t.cpu for t in theirs]))

    swap_ours, swap_floor, swap_ratio = ratio("SwapClient.cancel", "bare httpx.Client.post (swap)")
    usdt_ours, usdt_floor, usdt_ratio = ratio("UsdtClient.cancel", "bare httpx.Client.post (v5)")
    report.add(
        Row(
            "10. USDT-M cancel, client CPU: UsdtClient ÷ bare httpx (target: the swap ratio)",
            usdt_ours,
            usdt_floor,
            usdt_ratio,
            Target(swap_ratio.median),
        )
    )
    report.add(
        Row(
            "10. swap cancel, same rounds: SwapClient ÷ bare httpx",
            swap_ours,
            swap_floor,
            swap_ratio,
        )
    )
