"""Timing and summaries: client CPU and wall time of a batch, contenders interleaved in rounds.

A round runs every contender's batch once, in a rotated order, so that drift on a shared
machine (other processes, CPU frequency, the server's own state) falls on all of them alike.
A batch is split into a few back-to-back parts and the round keeps the part with the least
CPU: other processes only ever add time, so the least disturbed part is the best estimate.
Results are medians over rounds, with their spread (lowest and highest round).
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["Sample", "Timing", "best", "interleave", "paired_ratio", "timed"]


@dataclass(frozen=True)
class Timing:
    """One batch: client CPU seconds (``time.process_time``) and wall seconds, per call."""

    cpu: float
    wall: float


@dataclass(frozen=True)
class Sample:
    """Values from several rounds."""

    values: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> float:
        return min(self.values)

    @property
    def high(self) -> float:
        return max(self.values)

    def show(self, scale: float = 1.0, digits: int = 1, unit: str = "") -> str:
        """``median [low-high]unit`` with values multiplied by ``scale``."""
        return (
            f"{self.median * scale:.{digits}f} "
            f"[{self.low * scale:.{digits}f}-{self.high * scale:.{digits}f}]{unit}"
        )


def timed(batch: Callable[[], int]) -> Timing:
    """Run ``batch`` (which returns how many calls it made) and time it per call. A collection
    first, so no batch pays for garbage an earlier one left."""
    gc.collect()
    cpu_start, wall_start = time.process_time(), time.perf_counter()
    calls = batch()
    cpu, wall = time.process_time() - cpu_start, time.perf_counter() - wall_start
    return Timing(cpu / calls, wall / calls)


def best(timings: Sequence[Timing]) -> Timing:
    """The part of a batch that cost the least CPU (its wall time with it)."""
    return min(timings, key=lambda timing: timing.cpu)


def interleave(
    contenders: Mapping[str, Callable[[], Timing]], rounds: int
) -> dict[str, list[Timing]]:
    """Run each contender once per round, in an order rotated every round."""
    names = list(contenders)
    results: dict[str, list[Timing]] = {name: [] for name in names}
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].append(contenders[name]())
    return results


def cpu(timings: Sequence[Timing]) -> Sample:
    return Sample(tuple(t.cpu for t in timings))


def wall(timings: Sequence[Timing]) -> Sample:
    return Sample(tuple(t.wall for t in timings))


def paired_ratio(ours: Sequence[float], theirs: Sequence[float]) -> Sample:
    """Round-by-round ratios: both figures of a round ran side by side under the same load."""
    return Sample(tuple(a / b for a, b in zip(ours, theirs, strict=True)))
