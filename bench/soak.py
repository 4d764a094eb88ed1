"""Soak: many cancels through one client against the local exchange, with faults mixed in.

    .venv/bin/python bench/soak.py [--cancels 10000] [--async-cancels 2000] [--fault-every 200]

A sync phase sends ``--cancels`` cancels (one order each) through one ``SwapClient``; an asyncio
phase sends ``--async-cancels`` through one ``AsyncSwapClient``, 16 in flight. Now and then a
fault answers instead of the exchange (HTTP 503, 429 with ``Retry-After: 1``, 1004, malformed
JSON, a dropped connection, an oversize body, an answer that names none of the ids) or after it
(a drop or a cut body once the cancel took, a trickled answer, a gzip bomb, an HTTP 500, an
answer naming none of the ids or one nobody asked about, a lost answer then 1032 or 1004 on
every retry). The faults take turns, the async phase going on where the sync phase stopped. A
cancel that raises, or whose answer leaves its id in doubt, is sent once more, as a careful
caller would.

Rate limits are off on both sides (the exchange's 72 per 3 s and the client's limiter): with
them, 10,000 cancels would take 7 minutes and measure the limit, not the SDK.

Some orders are seeded filled, some already cancelled and some ids are never seeded, so every
answer HTX can give shows up. At the end every order's reported outcome is checked against the
exchange's final state: accepted and refused (with HTX's code) must match it; "in doubt" (the
call raised with ``may_have_reached``, or the id was ``unanswered``) is right whatever the state,
being what the SDK could truthfully say, and is never counted as accepted or refused; "not sent"
(raised with ``may_have_reached`` False) is checked at once: the exchange must not have acted.
An id HTX named that was never asked about must never be a success. Exit status: 0 when no
order is lost or wrongly reported and open file descriptors and RSS are stable; 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import enum
import functools
import gc
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from htx_swap import (
    AsyncSwapClient,
    CancelResult,
    HtxCredentials,
    HtxError,
    SwapClient,
)
from htx_swap_mock import MockExchange, OrderState, ReceivedRequest, faults

BTC = "BTC-USD"
CANCEL_PATH = "/swap-api/v1/swap_cancel"
FIRST_ID = 768503271974985728  # above 2**53, as HTX's ids are
WARMUP = 200  # cancels before the "start" snapshot: the pool's connection, caches, imports
ASYNC_CONCURRENCY = 16
FD_TOLERANCE = 2  # a connection being replaced after a drop may be open at the snapshot
RSS_TOLERANCE_MIB = 16.0
TIMEOUT = 2.0  # an attempt, connect to last byte: what a trickle costs (answers take ms)
TRICKLE_SECONDS = 0.05  # between two bytes: a whole answer would take some 10 s
MAX_RETRIES = 2
BACKOFF_INITIAL, BACKOFF_MAX = 0.01, 0.05


class Kind(enum.Enum):
    """What an id is at the exchange before the soak cancels it (see ``right_report``)."""

    OPEN = "open"
    FILLED = "filled"
    ALREADY_CANCELLED = "already cancelled"
    UNKNOWN = "never seeded"


def kind_of(n: int) -> Kind:
    if n % 97 == 13:
        return Kind.FILLED
    if n % 101 == 29:
        return Kind.ALREADY_CANCELLED
    if n % 89 == 7:
        return Kind.UNKNOWN
    return Kind.OPEN


def seeded_state(kind: Kind) -> OrderState | None:
    """The order's state before any cancel."""
    return {
        Kind.OPEN: OrderState.OPEN,
        Kind.FILLED: OrderState.FILLED,
        Kind.ALREADY_CANCELLED: OrderState.CANCELLED,
        Kind.UNKNOWN: None,
    }[kind]


@dataclass(frozen=True)
class FaultPlan:
    """One fault of the mix: ``make`` answers the first attempt; ``then`` (if any) answers
    the next ``then_times`` attempts of the same cancel (the retries)."""

    name: str
    make: Callable[[], faults.Fault]
    after_processing: bool = False
    then: Callable[[], faults.Fault] | None = None
    then_times: int = MAX_RETRIES


FAULTS = [
    FaultPlan("503", faults.http_503),
    FaultPlan("drop after processing", faults.drop, after_processing=True),
    FaultPlan("429 Retry-After 1", lambda: faults.http_429(retry_after=1)),
    FaultPlan("malformed JSON", faults.malformed_json),
    FaultPlan("drop", faults.drop),
    FaultPlan("truncated after processing", faults.truncated_body, after_processing=True),
    FaultPlan("1004 busy", lambda: faults.business_error(1004, "System busy.")),
    FaultPlan(
        "trickled body after processing",
        lambda: faults.trickle("body", seconds=TRICKLE_SECONDS),
        after_processing=True,
    ),
    FaultPlan(
        "trickled headers after processing",
        lambda: faults.trickle("headers", seconds=TRICKLE_SECONDS),
        after_processing=True,
    ),
    FaultPlan("gzip bomb after processing", faults.gzip_bomb, after_processing=True),
    FaultPlan("oversize body", faults.oversize_body),
    FaultPlan(
        "partial answer after processing",
        lambda: faults.partial_answer(0),
        after_processing=True,
    ),
    FaultPlan("partial answer", lambda: faults.partial_answer(0)),
    FaultPlan(
        "unrequested id after processing",
        lambda: faults.unrequested_id("99"),
        after_processing=True,
    ),
    FaultPlan(
        "lost answer, then 1032",
        faults.drop,
        after_processing=True,
        then=lambda: faults.business_error(1032, "The number of access exceeded the limit."),
    ),
    FaultPlan(
        "lost answer, then 1004",
        faults.drop,
        after_processing=True,
        then=lambda: faults.business_error(1004, "System busy."),
    ),
    FaultPlan("HTTP 500 after the cancel took", faults.http_500, after_processing=True),
]


@dataclass(frozen=True)
class Report:
    """What the SDK said about one order: ``cancelled`` (``inferred`` when from 1062/1071
    after a failed attempt), ``refused`` with HTX's code, ``in doubt`` (the call raised with
    ``may_have_reached``, or the id was left ``unanswered``) or ``not sent`` (the call raised,
    certainly never processed)."""

    outcome: str
    code: int | None = None
    inferred: bool = False
    follow_up: bool = False  # the answer to the second call, after the first one raised
    detail: str = ""

    def label(self) -> str:
        code = "" if self.code is None else f" {self.code}"
        inferred = " (inferred)" if self.inferred else ""
        follow_up = " (on the follow-up)" if self.follow_up else ""
        return f"{self.outcome}{code}{inferred}{follow_up}"


@functools.cache
def report(outcome: str, code: int | None, inferred: bool, follow_up: bool) -> Report:
    """One shared ``Report`` per distinct answer, so the ledger of a long run stays small and
    the RSS measured is the SDK's and the exchange's, not the soak's own bookkeeping."""
    return Report(outcome, code=code, inferred=inferred, follow_up=follow_up)


@dataclass
class Snapshot:
    fds: int
    rss_mib: float


def snapshot() -> Snapshot:
    gc.collect()
    fds = len(os.listdir("/proc/self/fd"))
    with open("/proc/self/statm", encoding="ascii") as statm:
        resident_pages = int(statm.read().split()[1])
    return Snapshot(fds, resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20)


@dataclass
class Phase:
    name: str
    calls: int = 0
    follow_ups: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    requests: int = 0
    faults_applied: Counter[str] = field(default_factory=Counter)
    start: Snapshot | None = None
    middle: Snapshot | None = None
    end: Snapshot | None = None
    closed: Snapshot | None = None


@dataclass
class Ledger:
    """Every order's report, and anything the SDK said that cannot be right on its face.
    ``state_now`` reads the exchange, to check a "not sent" claim when it is made."""

    state_now: Callable[[str], OrderState | None]
    kinds: dict[str, Kind]
    reports: dict[str, Report] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    unrequested: int = 0  # ids HTX named that nobody asked for, kept apart by the SDK
    doubts: Counter[str] = field(default_factory=Counter)  # every doubt reported, by cause

    def record(self, asked: list[str], result: CancelResult, *, follow_up: bool = False) -> bool:
        """Record ``result``; True when an id was left in doubt (worth sending once more)."""
        successes, refused = set(result.successes), {e.order_id: e for e in result.errors}
        inferred, unanswered = set(result.inferred_successes), set(result.unanswered)
        stray = (successes | set(refused) | unanswered) - set(asked)
        if stray:
            self.problems.append(f"reported ids never asked for: {sorted(stray)}")
        if not inferred <= successes:
            self.problems.append(f"inferred but not successes: {sorted(inferred - successes)}")
        self.unrequested += len(result.unrequested)
        for order_id in asked:
            places = (order_id in successes) + (order_id in refused) + (order_id in unanswered)
            if places != 1:
                self.problems.append(f"{order_id}: reported in {places} of the three lists")
            if order_id in successes:
                self.reports[order_id] = report("cancelled", None, order_id in inferred, follow_up)
            elif order_id in refused:
                code = refused[order_id].err_code
                self.reports[order_id] = report("refused", code, False, follow_up)
            elif order_id in unanswered:
                self.doubts["unanswered"] += 1
                self.reports[order_id] = report("in doubt", None, False, follow_up)
            else:
                self.reports.pop(order_id, None)  # lost: the check below counts it
        return bool(unanswered)

    def failed(self, asked: list[str], error: HtxError, *, follow_up: bool = False) -> None:
        if error.may_have_reached:
            self.doubts[type(error).__name__] += 1
            for order_id in asked:
                self.reports[order_id] = report("in doubt", None, False, follow_up)
            return
        for order_id in asked:  # certainly never processed: the exchange has not acted
            state, seeded = self.state_now(order_id), seeded_state(self.kinds[order_id])
            if state is not seeded:
                self.problems.append(
                    f"{order_id}: {type(error).__name__} said not sent (may_have_reached "
                    f"False), yet the exchange moved it from {seeded} to {state}"
                )
            self.reports[order_id] = report("not sent", None, False, follow_up)


# -- the exchange --------------------------------------------------------------------------


def order_ids(start: int, count: int) -> list[str]:
    return [str(FIRST_ID + n) for n in range(start, start + count)]


def seed(ex: MockExchange, ids: Iterable[str]) -> dict[str, Kind]:
    kinds: dict[str, Kind] = {}
    for order_id in ids:
        kind = kinds[order_id] = kind_of(int(order_id) - FIRST_ID)
        if kind is Kind.OPEN:
            ex.add_order(BTC, order_id)
        elif kind is Kind.FILLED:
            ex.add_order(BTC, order_id, state=OrderState.FILLED)
        elif kind is Kind.ALREADY_CANCELLED:
            ex.add_order(BTC, order_id, state=OrderState.CANCELLED)
    return kinds


def drain_log(ex: MockExchange, phase: Phase) -> None:
    """Count what the exchange received, then forget it (a long run's log would be the
    largest thing in memory, and it is the exchange's, not the SDK's)."""
    records = [r for r in ex.received if r.path == CANCEL_PATH]
    ex.clear_received()
    phase.requests += len(records)
    phase.faults_applied.update(r.fault for r in records if r.fault is not None)


def warm_up_done(ex: MockExchange, phase: Phase) -> None:
    """Forget the warm-up's requests; keep the count of its faults (doubts count them too)."""
    warm_up = Phase("warm-up")
    drain_log(ex, warm_up)
    phase.faults_applied.update(warm_up.faults_applied)


def fault_for(position: int, fault_every: int, turn: int = 0) -> FaultPlan | None:
    """The fault for the cancel at ``position``, if any: they take turns, from ``turn`` on."""
    if fault_every <= 0 or position % fault_every != fault_every // 2:
        return None
    return FAULTS[(turn + position // fault_every) % len(FAULTS)]


def inject(
    ex: MockExchange, plan: FaultPlan, when: Callable[[ReceivedRequest], bool] | None
) -> None:
    """``plan``'s fault for the next cancel (of the id ``when`` looks for), and the retries'."""
    after = plan.after_processing
    ex.inject(plan.make(), times=1, path=CANCEL_PATH, when=when, after_processing=after)
    if plan.then is not None:
        ex.inject(plan.then(), times=plan.then_times, path=CANCEL_PATH, when=when)


def id_in_body(order_id: str) -> Callable[[ReceivedRequest], bool]:
    # An 18-digit id is inside another request's body only if it is the same id.
    wanted = order_id.encode()

    def matches(request: ReceivedRequest) -> bool:
        return wanted in request.body

    return matches


# -- the phases ----------------------------------------------------------------------------


def sync_phase(ex: MockExchange, ids: list[str], fault_every: int, ledger: Ledger) -> Phase:
    phase = Phase("sync")
    client = SwapClient(
        HtxCredentials(ex.access_key, ex.secret_key),
        base_url=ex.url,
        timeout=TIMEOUT,
        max_retries=MAX_RETRIES,
        rate_limiter=None,
        backoff_initial=BACKOFF_INITIAL,
        backoff_max=BACKOFF_MAX,
    )
    started = time.perf_counter()
    for position, order_id in enumerate(ids):
        if position == WARMUP:
            warm_up_done(ex, phase)
            phase.latencies.clear()
            phase.follow_ups = 0
            phase.start = snapshot()
            started = time.perf_counter()
        plan = fault_for(position, fault_every)
        if plan is not None:
            inject(ex, plan, None)
        began = time.perf_counter()
        try:
            in_doubt = ledger.record([order_id], client.cancel(BTC, order_ids=[order_id]))
        except HtxError as error:
            ledger.failed([order_id], error)
            in_doubt = True
        if in_doubt:  # sent once more, as a careful caller would
            phase.follow_ups += 1
            try:
                result = client.cancel(BTC, order_ids=[order_id])
                ledger.record([order_id], result, follow_up=True)
            except HtxError as again:
                ledger.failed([order_id], again, follow_up=True)
        phase.latencies.append(time.perf_counter() - began)
        if position % 1000 == 999:
            drain_log(ex, phase)
        if position == (WARMUP + len(ids)) // 2:
            phase.middle = snapshot()
    phase.seconds = time.perf_counter() - started
    phase.calls = len(ids) - WARMUP
    drain_log(ex, phase)
    phase.end = snapshot()
    client.close()
    phase.closed = snapshot()
    return phase


async def async_phase(
    ex: MockExchange, ids: list[str], fault_every: int, ledger: Ledger, turn: int
) -> Phase:
    phase = Phase("async")
    for position, order_id in enumerate(ids):
        plan = fault_for(position, fault_every, turn)
        if plan is not None:
            inject(ex, plan, id_in_body(order_id))
    client = AsyncSwapClient(
        HtxCredentials(ex.access_key, ex.secret_key),
        base_url=ex.url,
        timeout=TIMEOUT,
        max_retries=MAX_RETRIES,
        rate_limiter=None,
        backoff_initial=BACKOFF_INITIAL,
        backoff_max=BACKOFF_MAX,
        max_concurrency=ASYNC_CONCURRENCY,
    )
    gate = asyncio.Semaphore(ASYNC_CONCURRENCY)

    async def one(order_id: str) -> None:
        async with gate:
            began = time.perf_counter()
            await cancel_with_follow_up(client.cancel, order_id, ledger, phase)
            phase.latencies.append(time.perf_counter() - began)

    await asyncio.gather(*(one(order_id) for order_id in ids[:WARMUP]))
    warm_up_done(ex, phase)
    phase.latencies.clear()
    phase.follow_ups = 0
    phase.start = snapshot()
    started = time.perf_counter()
    middle = (WARMUP + len(ids)) // 2
    await asyncio.gather(*(one(order_id) for order_id in ids[WARMUP:middle]))
    phase.middle = snapshot()
    await asyncio.gather(*(one(order_id) for order_id in ids[middle:]))
    phase.seconds = time.perf_counter() - started
    phase.calls = len(ids) - WARMUP
    drain_log(ex, phase)
    phase.end = snapshot()
    await client.aclose()
    phase.closed = snapshot()
    return phase


async def cancel_with_follow_up(
    cancel: Callable[..., Awaitable[CancelResult]], order_id: str, ledger: Ledger, phase: Phase
) -> None:
    try:
        if not ledger.record([order_id], await cancel(BTC, order_ids=[order_id])):
            return
    except HtxError as error:
        ledger.failed([order_id], error)
    phase.follow_ups += 1  # raised, or left the id in doubt: sent once more
    try:
        ledger.record([order_id], await cancel(BTC, order_ids=[order_id]), follow_up=True)
    except HtxError as again:
        ledger.failed([order_id], again, follow_up=True)


# -- the check -----------------------------------------------------------------------------

# The exchange's state each report implies.
REFUSAL_STATES: dict[int, OrderState | None] = {
    1061: None,
    1062: OrderState.CANCELLING,
    1063: OrderState.FILLED,
    1071: OrderState.CANCELLED,
}


def right_report(kind: Kind, report: Report) -> bool:
    """Whether ``report`` can be right for an order of ``kind``. An open order may come back
    1071 only on the follow-up of a call that raised after its cancel took; an already
    cancelled one may be reported cancelled only by inference (1071 after a lost answer).
    Doubt is right for any kind; "not sent" was checked when it was said."""
    if report.outcome in {"in doubt", "not sent"}:
        return True
    if kind is Kind.OPEN:
        return report.outcome == "cancelled" or (report.code == 1071 and report.follow_up)
    if kind is Kind.ALREADY_CANCELLED:
        return report.code == 1071 or report.inferred
    if kind is Kind.FILLED:
        return report.code == 1063
    return report.code == 1061


def implied_state(report: Report, kind: Kind, state: OrderState | None) -> OrderState | None:
    """The exchange's state ``report`` implies; doubt implies nothing (any state is right)."""
    if report.outcome == "in doubt":
        return state
    if report.outcome == "not sent":
        return seeded_state(kind)
    if report.outcome == "cancelled":
        return OrderState.CANCELLED
    return REFUSAL_STATES.get(report.code or 0, OrderState.OPEN)


def check(
    ex: MockExchange, kinds: dict[str, Kind], ledger: Ledger
) -> tuple[int, int, Counter[str]]:
    """Lost and wrongly reported orders (printing each), and a tally of the reports."""
    lost = wrong = 0
    tally: Counter[str] = Counter()
    for order_id, kind in kinds.items():
        report = ledger.reports.get(order_id)
        state = ex.order_state(BTC, order_id)
        if report is None:
            lost += 1
            print(f"LOST {order_id} ({kind.value}): no report; exchange says {state}")
            continue
        tally[report.label()] += 1
        if state is not implied_state(report, kind, state) or not right_report(kind, report):
            wrong += 1
            print(f"WRONG {order_id} ({kind.value}): reported {report}, exchange says {state}")
    for problem in ledger.problems:
        wrong += 1
        print(f"WRONG: {problem}")
    return lost, wrong, tally


# -- the report ----------------------------------------------------------------------------


def percentile_ms(latencies: list[float], q: int) -> float:
    if len(latencies) < 2:
        return 1000 * (latencies[0] if latencies else 0.0)
    return 1000 * statistics.quantiles(latencies, n=100, method="inclusive")[q - 1]


def print_phases(phases: list[Phase]) -> None:
    print(
        f"{'phase':<6} {'calls':>6} {'requests':>8} {'again':>6} {'seconds':>8} "
        f"{'calls/s':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}"
    )
    for phase in phases:
        print(
            f"{phase.name:<6} {phase.calls:>6} {phase.requests:>8} {phase.follow_ups:>6} "
            f"{phase.seconds:>8.2f} {phase.calls / phase.seconds:>8.0f} "
            f"{phase.requests / phase.seconds:>7.0f} {percentile_ms(phase.latencies, 50):>7.2f} "
            f"{percentile_ms(phase.latencies, 99):>7.2f} {1000 * max(phase.latencies):>7.1f}"
        )
    print(
        f"  after {WARMUP} warm-up cancels per phase. requests: cancel requests the exchange "
        "received (retries and follow-ups included);\n  again: calls that raised or left an id "
        "in doubt, sent once more; latency: one call, its retries and backoffs (and follow-up) "
        "included"
    )


def resources_stable(phases: list[Phase], launch: Snapshot) -> bool:
    print(
        f"\n{'resources':<18} {'start':>8} {'middle':>8} {'end':>8} {'closed':>8}   (at launch: "
        f"{launch.fds} fds, {launch.rss_mib:.1f} MiB; the exchange runs in this process)"
    )
    stable = True
    for phase in phases:
        shots = (phase.start, phase.middle, phase.end, phase.closed)
        if phase.start is None or phase.end is None or None in shots:
            raise RuntimeError(f"{phase.name}: a resource snapshot is missing")
        fd_ok = phase.end.fds - phase.start.fds <= FD_TOLERANCE
        rss_ok = phase.end.rss_mib - phase.start.rss_mib <= RSS_TOLERANCE_MIB
        stable = stable and fd_ok and rss_ok
        fds = " ".join(f"{shot.fds:>8}" for shot in shots if shot is not None)
        rss = " ".join(f"{shot.rss_mib:>8.1f}" for shot in shots if shot is not None)
        print(f"{phase.name + ' open fds':<18} {fds}   {'stable' if fd_ok else 'GREW'}")
        print(f"{phase.name + ' RSS MiB':<18} {rss}   {'stable' if rss_ok else 'GREW'}")
    print(
        f"  stable: at most {FD_TOLERANCE} more fds and {RSS_TOLERANCE_MIB:.0f} MiB more RSS "
        "at the end than at the start"
    )
    return stable


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cancels", type=int, default=10_000, help="sync phase (default 10000)")
    parser.add_argument(
        "--async-cancels", type=int, default=2_000, help="asyncio phase; 0 skips it"
    )
    parser.add_argument(
        "--fault-every", type=int, default=200, help="one fault per N cancels; 0: none"
    )
    args = parser.parse_args(argv)
    if args.cancels <= WARMUP or (args.async_cancels and args.async_cancels <= WARMUP):
        parser.error(f"each phase needs more than {WARMUP} cancels (the warm-up)")

    launch = snapshot()
    with MockExchange(rate_limit=None) as ex:
        sync_ids = order_ids(0, args.cancels)
        async_ids = order_ids(args.cancels, args.async_cancels)
        kinds = seed(ex, sync_ids + async_ids)
        ledger = Ledger(functools.partial(ex.order_state, BTC), kinds)
        print(
            f"soak: {args.cancels} sync + {args.async_cancels} async cancels, one fault per "
            f"{args.fault_every}, taking turns ({'; '.join(plan.name for plan in FAULTS)}), "
            f"against {ex.url}; rate limits off on both sides\n"
        )
        phases = [sync_phase(ex, sync_ids, args.fault_every, ledger)]
        turn = len(sync_ids) // args.fault_every if args.fault_every > 0 else 0
        if async_ids:
            phases.append(asyncio.run(async_phase(ex, async_ids, args.fault_every, ledger, turn)))
        lost, wrong, tally = check(ex, kinds, ledger)
    print_phases(phases)
    applied = sum((phase.faults_applied for phase in phases), Counter[str]())
    print(
        "faults applied (warm-up included): "
        + ", ".join(f"{k} {v}" for k, v in sorted(applied.items()))
    )
    stable = resources_stable(phases, launch)
    print(
        f"\norders: {len(kinds)} checked against the exchange's final state: "
        + ", ".join(f"{k} {v}" for k, v in sorted(tally.items()))
    )
    doubts = ", ".join(f"{k} {v}" for k, v in sorted(ledger.doubts.items())) or "none"
    print(
        f"doubt reported on the way (then sent once more): {doubts}; ids HTX named that "
        f"nobody asked for, kept out of successes: {ledger.unrequested}"
    )
    print(f"lost: {lost}   wrongly reported: {wrong}")
    ok = lost == 0 and wrong == 0 and stable
    print(f"verdict: {'OK' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
