"""Around each public call: the call's attempt records (its retries, chunks, polls and clock
resync included) onto its result or error, a span and metrics when OpenTelemetry is on
(``telemetry``), an INFO line when the log is. Kept free of per-call imports: it runs on every
call.

``watched()`` decides once per call, the cheapest check first. A watched call runs through
``observed`` (a flow around the call's flow); a quiet one (no OpenTelemetry provider, the log
off: the usual case) only has its trail set for the whole call (``quiet``), and its
attempts are only timed and recorded (``watch.kept``).
"""

from __future__ import annotations

import logging
import sys
from collections import deque
from collections.abc import Mapping
from contextvars import Token
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from htx_swap._engine.engine import Engine
from htx_swap._engine.steps import Fanout, Flow
from htx_swap._model.constants import MAX_RECORDS
from htx_swap._model.errors import HtxError
from htx_swap._model.results import CancelResult
from htx_swap._observe import telemetry
from htx_swap._observe.watch import TRAIL, Trail

if TYPE_CHECKING:
    from htx_swap._model.attempts import AttemptRecord
    from htx_swap._observe.telemetry import CallSpan

__all__ = ["MAX_RECORDS", "describe", "observed", "quiet", "tally", "watched", "with_log"]

T = TypeVar("T")
log = logging.getLogger("htx_swap")


def describe(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[str | None, int | None]:
    """The contract and the number of ids a public call named (already validated)."""
    first = args[0] if args else None  # a swap's contract code, a delivery future's symbol
    code = kwargs.get("symbol", kwargs.get("contract_code", first))
    code = code if isinstance(code, str) else None
    ids = kwargs.get("order_ids") or kwargs.get("client_order_ids")
    count = len(ids) if isinstance(ids, list | tuple) else None
    codes = kwargs.get("contract_codes", kwargs.get("symbols", first))
    if code is None and isinstance(codes, list):  # panic's contracts
        code = ",".join(str(c) for c in codes)
    return (str(code).upper() if code is not None else None), count


def tally(result: object, error: HtxError | None, ids: int | None) -> tuple[int, int, int]:
    """(accepted, refused, in doubt) ids of a call that returned ``result`` or raised
    ``error``; a raised error counts every id it named: in doubt when it may have reached HTX,
    else refused."""
    if error is not None:
        count = ids or 0
        return (0, 0, count) if error.may_have_reached else (0, count, 0)
    cancel = getattr(result, "cancel_result", result)  # a CancelOutcome's cancel
    if isinstance(cancel, CancelResult):
        refused = sum(1 for e in cancel.errors if not e.may_have_reached)
        doubt = len(cancel.errors) - refused + len(cancel.unanswered)
        return len(cancel.successes), refused, doubt
    entries = getattr(result, "entries", None)  # a PanicReport
    if isinstance(entries, list):
        accepted = sum(len(e.cancelled) for e in entries)
        doubt = sum(1 for e in entries if e.may_have_cancelled_more or e.errors)
        return accepted, 0, doubt
    return 0, 0, 0


def watched() -> bool:
    """Whether this call is watched: OpenTelemetry imported by the application with a provider
    set, or the ``htx_swap`` log at INFO or finer."""
    modules = sys.modules
    if ("opentelemetry.trace" in modules or "opentelemetry.metrics" in modules) and (
        telemetry.active() is not None
    ):
        return True
    return log.isEnabledFor(logging.INFO)


def quiet() -> tuple[deque[AttemptRecord], Token[Trail | None]] | None:
    """None when this call is ``watched()``; else the call's records, its trail current until
    ``TRAIL.reset(token)`` (the caller's ``finally``), so that its flows' attempts (fan-outs
    included) keep their records there. One call decides and sets up."""
    if watched():
        return None
    # maxlen by position: half the cost of maxlen= (this runs on every call)
    records: deque[AttemptRecord] = deque((), MAX_RECORDS)  # noqa: RUF037
    return records, TRAIL.set((records, None, False))


def with_log(result: T, trail: deque[AttemptRecord]) -> T:
    """``result`` carrying the call's records (a result that has ``attempt_log``). Its own
    records (its requests' ledgers: a subset of the call's) are kept when they are as many as
    the call's and the call's all fit (fewer than ``MAX_RECORDS``: none dropped); else the
    call's last ``MAX_RECORDS``."""
    current = getattr(result, "attempt_log", None)
    if current is None or len(current) == len(trail) < MAX_RECORDS:
        return result
    return attrs.evolve(result, attempt_log=tuple(trail))  # type: ignore[misc]


class Counted(deque["AttemptRecord"]):
    """A watched call's records (its last ``MAX_RECORDS``) and how many it kept in all."""

    def __init__(self) -> None:
        super().__init__((), MAX_RECORDS)
        self.total = 0

    def append(self, record: AttemptRecord) -> None:
        self.total += 1
        super().append(record)


def _relay(flow: Flow[Any], call: Trail) -> Flow[Any]:
    """``flow``'s steps, the call's trail current while the flow runs (the engine appends each
    attempt's record there), each ``Fanout``'s flows relayed the same way."""
    outcome: object = None
    try:
        while True:
            token = TRAIL.set(call)
            try:
                step = flow.send(outcome)
            except StopIteration as stop:
                return stop.value
            finally:
                TRAIL.reset(token)
            if isinstance(step, Fanout):
                step = Fanout([_relay(f, call) for f in step.flows], step.fail_fast)
            outcome = yield step
    finally:
        flow.close()


def observed(
    engine: Engine,
    operation: str,
    flow: Flow[Any],
    args: tuple[Any, ...],
    kwargs: Mapping[str, Any],
) -> Flow[Any]:
    """``flow`` as one public call: its attempts' records onto its result or error, a span
    and metrics when OpenTelemetry is on, an INFO line when the log is."""
    trail = Counted()
    otel = telemetry.active()
    wanted = otel is not None or log.isEnabledFor(logging.INFO)
    contract, ids = describe(args, kwargs) if wanted else (None, None)
    call = None if otel is None else otel.start_call(operation, contract, ids)
    started = engine.monotonic()
    try:
        result = yield from _relay(flow, (trail, otel, True))
    except HtxError as error:
        error.attempt_log = tuple(trail)
        _finish(operation, contract, ids, None, error, trail, engine.monotonic() - started, call)
        raise
    except BaseException as exc:
        if call is not None:
            call.end_raised(exc)
        raise
    result = with_log(result, trail)
    _finish(operation, contract, ids, result, None, trail, engine.monotonic() - started, call)
    return result


def _finish(
    operation: str,
    contract: str | None,
    ids: int | None,
    result: object,
    error: HtxError | None,
    trail: Counted,
    seconds: float,
    call: CallSpan | None,
) -> None:
    if call is None and not log.isEnabledFor(logging.INFO):
        return
    counts = tally(result, error, ids)
    if call is not None:
        call.end(result, error, counts, trail.total, seconds)
    if log.isEnabledFor(logging.INFO):
        accepted, refused, doubt = counts
        log.info(
            "htx_swap: %s%s: %s; %d accepted, %d refused, %d in doubt; %d attempt(s) in %.3f s",
            operation,
            f" {contract}" if contract else "",
            "ok" if error is None else f"{type(error).__name__}: {error}",
            accepted,
            refused,
            doubt,
            trail.total,
            seconds,
            extra={
                "operation": operation,
                "attempt": trail.total,
                "status": trail[-1].status_code if trail else None,
                "code": trail[-1].htx_code if trail else None,
                "may_have_reached": any(r.may_have_reached for r in trail),
            },
        )
