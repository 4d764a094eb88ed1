"""7. Confirmation latency: how long after the exchange has really cancelled an order
``cancel_and_confirm`` knows it, for an exchange that shows the order as cancelling (status 11)
until the cancel is ``cancel_delay`` old and cancelled (7) after.

The exchange stamps the moment the cancel took effect (``canceled_at``, its clock, the same
machine's ``time.time``); the figure is the moment the call returned minus that stamp. HTX's
limits are on at both ends (72 trade and 72 read requests per 3 s, the clients' default
limiters), so a schedule that overran the read bucket would show as waits or refusals; the reads
each confirmation spent are counted by the exchange. Target: median at most 50 ms after the
delay, sync and async, for every delay.

A fixed delay against the client's fixed poll schedule would measure one phase only (the same
poll lands the same few ms after the cancel every time). So the i-th of n samples of a delay D
runs with D + i/n x ``POLL_MAX_PAUSE`` (one whole period of the schedule's steady state): the
median is then the median over phases, as with a real exchange whose delay varies.

Confirmation from the order push (issue 23) is measured in the same run, side by side: for each
of ``PUSH_DELAYS`` and each driver, the samples alternate ``via="poll"`` and ``via="push"`` on
the same exchange settings. A push sample's latency is measured the same way (call returned
minus ``canceled_at``), and its reads are the order-info requests the exchange received for it.
Targets for the push: median at most +5 ms after the exchange's cancel, 0 reads; p99 shown.
"""

from __future__ import annotations

import asyncio
import math
import statistics
import time

from htx_swap import AsyncSwapClient, CancelOutcome, HtxCredentials, SwapClient
from htx_swap._model.constants import POLL_MAX_PAUSE

from bench.report import Report, Row, Target
from bench.server import CONTRACT, Exchange
from bench.stats import Sample

__all__ = ["run"]

DELAYS = (0.020, 0.050, 0.200, 1.000)
PUSH_DELAYS = (0.020, 0.200, 1.000)
TARGET = 0.050
PUSH_TARGET = 0.005
ORDER_INFO_PATH = "/swap-api/v1/swap_order_info"
HTX_LIMIT = (72, 3.0)


def _effective_at(exchange: Exchange, order_id: str) -> float:
    for order in exchange.orders():
        if order["order_id"] == order_id:
            stamp = order["canceled_at"]
            if not isinstance(stamp, int) or stamp <= 0:
                raise AssertionError(f"order {order_id} not cancelled")
            return stamp / 1000
    raise AssertionError(f"order {order_id} is not on the exchange")


def _check(outcome: CancelOutcome, order_id: str, what: str) -> None:
    if outcome.cancelled != [order_id]:
        raise AssertionError(f"{what}: not confirmed cancelled ({outcome}), comparison void")


def _sample(exchange: Exchange, order_id: str, returned_at: float) -> tuple[float, int]:
    latency = returned_at - _effective_at(exchange, order_id)
    reads = exchange.requests_to(ORDER_INFO_PATH)
    exchange.clear_requests()
    return latency, reads


def _phase(exchange: Exchange, delay: float, index: int, samples: int) -> None:
    exchange.settings(cancel_delay=delay + index / samples * POLL_MAX_PAUSE)


Figures = dict[str, tuple[list[float], list[int]]]  # via -> (latencies, reads)


def _record(
    figures: Figures, via: str, outcome: CancelOutcome, exchange: Exchange, order_id: str
) -> None:
    returned_at = time.time()
    _check(outcome, order_id, f"cancel_and_confirm(via={via!r})")
    if via == "push" and outcome.via != "push":
        raise AssertionError("the order push could not be opened: comparison void")
    latency, count = _sample(exchange, order_id, returned_at)
    figures.setdefault(via, ([], []))
    figures[via][0].append(latency)
    figures[via][1].append(count)


def _sync(exchange: Exchange, delay: float, samples: int, vias: tuple[str, ...]) -> Figures:
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    figures: Figures = {}
    with SwapClient(credentials, base_url=exchange.url) as client:
        for index in range(samples):
            for via in vias:  # side by side: one sample of each, in turn
                _phase(exchange, delay, index, samples)
                (order_id,) = exchange.seed(1)
                exchange.clear_requests()
                outcome = client.cancel_and_confirm(CONTRACT, order_ids=[order_id], via=via)
                _record(figures, via, outcome, exchange, order_id)
    return figures


async def _async(exchange: Exchange, delay: float, samples: int, vias: tuple[str, ...]) -> Figures:
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    figures: Figures = {}
    client = AsyncSwapClient(credentials, base_url=exchange.url)
    try:
        for index in range(samples):
            for via in vias:
                _phase(exchange, delay, index, samples)
                (order_id,) = exchange.seed(1)
                exchange.clear_requests()
                outcome = await client.cancel_and_confirm(CONTRACT, order_ids=[order_id], via=via)
                _record(figures, via, outcome, exchange, order_id)
    finally:
        await client.aclose()
    return figures


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]


def run(report: Report, exchange: Exchange, *, samples: int) -> None:
    report.section("7. Confirmation latency after the exchange's cancel delay (ms)")
    report.say(
        f"Delay D: samples at D + 0 to {POLL_MAX_PAUSE * 1e3:.0f} ms, evenly spread (every phase "
        "of the poll schedule)."
    )
    exchange.settings(rate_limit=list(HTX_LIMIT), read_rate_limit=list(HTX_LIMIT))
    report.say(
        f"{samples} confirmations per delay and driver, one order each, HTX's limits on at both "
        "ends; latency = call returned minus the exchange's own cancel time; reads = "
        "swap_order_info "
        "requests the exchange received for that confirmation. The schedule polls at once, "
        f"then after 20 and 40 ms, then every {POLL_MAX_PAUSE * 1e3:.0f} ms: at most "
        f"{3.0 / POLL_MAX_PAUSE:.0f} reads per 3 s of one confirmation, "
        f"{3.0 / POLL_MAX_PAUSE / 72:.0%} of HTX's read bucket (72 per 3 s, shared with "
        "every other read of the key; the read limiter keeps every confirmation inside it)."
    )
    report.say(
        'Polling and the order push side by side (`via="poll"` and `via="push"`, one '
        "sample of each in turn, same settings): the push opens its WebSocket (connect, auth, "
        "sub) before the cancel, settles the id from its push, and reads order info only for "
        "an id no push settled (0.5 s; 2 s after a 'cancelling' push) or after a gap."
    )
    try:
        for delay in DELAYS:
            for driver in ("SwapClient", "AsyncSwapClient"):
                vias = ("poll", "push") if delay in PUSH_DELAYS else ("poll",)
                if driver == "SwapClient":
                    figures = _sync(exchange, delay, samples, vias)
                else:
                    figures = asyncio.run(_async(exchange, delay, samples, vias))
                if "push" in figures:
                    _push_rows(report, delay, driver, *figures["push"])
                latencies, reads = figures["poll"]
                sample = Sample(tuple(latencies))
                report.say(
                    f"- {delay * 1e3:>4.0f} ms, {driver}.cancel_and_confirm(via='poll'): "
                    f"+{sample.show(1e3, 1)} ms; reads {statistics.median(reads):.0f} "
                    f"[{min(reads)}-{max(reads)}]"
                )
                report.add(
                    Row(
                        f"7. confirmed after a {delay * 1e3:.0f} ms cancel delay, {driver} "
                        f"(÷ 50 ms; reads {statistics.median(reads):.0f})",
                        f"+{sample.median * 1e3:.1f} ms",
                        f"+{TARGET * 1e3:.0f} ms",
                        Sample(tuple(value / TARGET for value in latencies)),
                        Target(1.0),
                    )
                )
    finally:
        exchange.settings(cancel_delay=0.0, rate_limit=None, read_rate_limit=None)


def _push_rows(
    report: Report, delay: float, driver: str, latencies: list[float], reads: list[int]
) -> None:
    sample = Sample(tuple(latencies))
    p99 = _p99(latencies)
    report.say(
        f"- {delay * 1e3:>4.0f} ms, {driver}.cancel_and_confirm(via='push'): "
        f"+{sample.show(1e3, 1)} ms, p99 +{p99 * 1e3:.1f} ms; reads "
        f"{statistics.median(reads):.0f} [{min(reads)}-{max(reads)}]"
    )
    report.add(
        Row(
            f"7. confirmed from the push after a {delay * 1e3:.0f} ms cancel delay, {driver} "
            f"(÷ 5 ms; p99 +{p99 * 1e3:.1f} ms)",
            f"+{sample.median * 1e3:.1f} ms",
            f"+{PUSH_TARGET * 1e3:.0f} ms",
            Sample(tuple(value / PUSH_TARGET for value in latencies)),
            Target(1.0),
        )
    )
    report.add(
        Row(
            f"7. order-info reads per confirmation from the push, {delay * 1e3:.0f} ms, {driver} "
            "(count, target 0)",
            f"{statistics.median(reads):.0f} [{min(reads)}-{max(reads)}]",
            "0",
            Sample(tuple(float(count) for count in reads)),
            Target(0.0),
        )
    )
