"""The one table: each figure, its ratio to the reference, the target and whether it holds."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from bench.stats import Sample

__all__ = ["Report", "Row", "Target"]


@dataclass(frozen=True)
class Target:
    """``ratio <= bound`` (``at_most``) or ``ratio >= bound``."""

    bound: float
    at_most: bool = True

    def holds(self, ratio: float) -> bool:
        return ratio <= self.bound if self.at_most else ratio >= self.bound

    def __str__(self) -> str:
        return f"{'≤' if self.at_most else '≥'} {self.bound:.2f}x"


@dataclass(frozen=True)
class Row:
    """A line of the table. ``ratio`` is ours ÷ the reference (None: a figure shown alone)."""

    benchmark: str
    ours: str
    reference: str
    ratio: Sample | None = None
    target: Target | None = None

    @property
    def verdict(self) -> str:
        if self.ratio is None or self.target is None:
            return "(info)"
        return "yes" if self.target.holds(self.ratio.median) else "**NO**"

    def cells(self) -> list[str]:
        ratio = "" if self.ratio is None else f"{self.ratio.median:.2f}x"
        if self.ratio is not None and len(self.ratio.values) > 1:
            ratio += f" ({self.ratio.low:.2f}-{self.ratio.high:.2f})"
        target = "" if self.target is None else str(self.target)
        return [self.benchmark, self.ours, self.reference, ratio, target, self.verdict]


@dataclass
class Report:
    """Rows and the detail lines behind them, printed as each section finishes."""

    rows: list[Row] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    def section(self, title: str) -> None:
        self.say(f"\n### {title}\n")

    def say(self, line: str) -> None:
        self.details.append(line)
        print(line, flush=True)

    def add(self, row: Row) -> None:
        self.rows.append(row)

    def table(self) -> str:
        header = ["benchmark", "ours", "reference", "ratio (spread)", "target", "holds"]
        lines = [_line(header), _line(["---"] * len(header))]
        lines += [_line(row.cells()) for row in self.rows]
        return "\n".join(lines)

    def all_hold(self) -> bool:
        return all(row.verdict != "**NO**" for row in self.rows)

    def print_table(self) -> None:
        print("\n## Results\n", file=sys.stdout)
        print(self.table(), flush=True)


def _line(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
