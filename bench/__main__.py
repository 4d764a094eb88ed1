"""``python -m bench``: every benchmark, then one table of ratios, targets and verdicts.

``--update BENCHMARKS.md`` also writes the run (machine, details, table) between the file's
``<!-- bench:begin -->`` and ``<!-- bench:end -->`` markers. ``--quick`` runs fewer rounds
(for checking the bench itself, not for figures). Exit status 0 once the table is printed
(with ``--strict``: 1 when a target does not hold), 2 when a benchmark could not run fairly
(error answers, a contender failed).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from bench import (
    bulk,
    confirm,
    end_to_end,
    imports,
    memory,
    panic,
    shared_limit,
    signing,
    throughput,
    usdt_cancel,
)
from bench.machine import describe
from bench.report import Report
from bench.server import Exchange

__all__ = ["main"]

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
COMMAND = "make bench  # or: .venv/bin/python -m bench"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds: checks the bench")
    parser.add_argument("--update", metavar="PATH", help="write the run into this Markdown file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--only",
        metavar="N,N",
        help="run only these sections (1 sign, 2 cancel, 3 async, 4 import, 5 bulk, 5f futures "
        "bulk, 6 memory, 7 confirm, 8 panic, 9 shared limit, 10 USDT-M cancel); for working on "
        "one, not for the record",
    )
    return parser


def _measure(report: Report, quick: bool, only: set[str] | None = None) -> None:
    def n(full: int) -> int:
        return max(1, full // 3) if quick else full

    def wanted(section: str) -> bool:
        return only is None or section in only

    if wanted("1"):
        signing.run(report, rounds=n(11), batch=n(3000))
    with Exchange() as exchange:
        if wanted("2"):
            end_to_end.run(report, exchange, rounds=n(11), batch=n(300))
            exchange.reset()
        if wanted("3"):
            throughput.run(report, exchange, rounds=n(8), batch=n(300))
            exchange.reset()
        if wanted("4"):
            imports.run(report, runs=n(7))  # the exchange idles meanwhile
        if wanted("5"):
            bulk.run(report, exchange, rounds=n(3), limited_rounds=n(2))
            exchange.reset()
        if wanted("5") or wanted("5f"):  # 5f: the futures row alone
            bulk.run_futures(report, exchange, rounds=n(3))
            exchange.reset()
        if wanted("6"):
            memory.run(report, exchange)
            exchange.reset()
        if wanted("7"):
            confirm.run(report, exchange, samples=n(9))
            exchange.reset()
        if wanted("8"):
            panic.run(report, exchange, rounds=n(6))
    if wanted("9"):  # its own exchange, HTX's limit on, and a redis-server
        shared_limit.run(report, processes=8, per_process=n(150))
    if wanted("10"):
        with Exchange() as exchange:
            usdt_cancel.run(report, exchange, rounds=n(11), batch=n(300))


def _update(path: Path, report: Report, machine: str, seconds: float) -> None:
    text = path.read_text(encoding="utf-8")
    block = "\n".join(
        [
            BEGIN,
            f"Machine: {machine}.",
            "",
            f"Command: `{COMMAND}` ({seconds:.0f} s for the whole run).",
            "",
            "## Results",
            "",
            report.table(),
            "",
            "## Details",
            *report.details,
            END,
        ]
    )
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        raise SystemExit(f"{path} has no {BEGIN} … {END} block to replace")
    path.write_text(pattern.sub(lambda _: block, text), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    machine = describe()
    print(f"Machine: {machine}", flush=True)
    started = time.monotonic()
    report = Report()
    try:
        only = None if args.only is None else set(args.only.split(","))
        _measure(report, args.quick, only)
    except AssertionError as exc:
        print(f"\nbench: a comparison could not run fairly: {exc}", file=sys.stderr)
        return 2
    seconds = time.monotonic() - started
    report.print_table()
    print(f"\n{seconds:.0f} s in all.")
    if args.update:
        _update(Path(args.update), report, machine, seconds)
    return 1 if args.strict and not report.all_hold() else 0


if __name__ == "__main__":
    raise SystemExit(main())
