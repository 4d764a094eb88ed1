"""The wrapper around each public call: the call's attempt records (its retries, chunks, polls
and clock resync included) onto its result or error, a span and metrics when OpenTelemetry is
on (``telemetry``), an INFO line when the log is. Kept free of per-call imports: it runs on
every call.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from htx_swap._engine.engine import Engine
from htx_swap._engine.steps import Fanout, Flow
from htx_swap._model.errors import HtxError
from htx_swap._model.results import CancelResult
from htx_swap._observe import telemetry
from htx_swap._observe.watch import TRAIL

if TYPE_CHECKING:
    from htx_swap._model.attempts import AttemptRecord
    from htx_swap._observe.telemetry import CallSpan, Otel

__all__ = ["MAX_RECORDS", "describe", "observed", "tally"]

log = logging.getLogger("htx_swap")
MAX_RECORDS = 1000  # a call keeps the records of its last 1,000 attempts: memory stays bounded


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


def _with_log(result: object, trail: deque[AttemptRecord]) -> object:
    """``result`` carrying the call's records (a result that has ``attempt_log``)."""
    current = getattr(result, "attempt_log", None)
    if current is None or len(current) == len(trail):
        return result
    return attrs.evolve(result, attempt_log=tuple(trail))  # type: ignore[misc]


def _relay(flow: Flow[Any], call: tuple[deque[AttemptRecord], Otel | None]) -> Flow[Any]:
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
    trail: deque[AttemptRecord] = deque(maxlen=MAX_RECORDS)
    otel = telemetry.active()
    wanted = otel is not None or log.isEnabledFor(logging.INFO)
    contract, ids = describe(args, kwargs) if wanted else (None, None)
    call = None if otel is None else otel.start_call(operation, contract, ids)
    started = engine.monotonic()
    try:
        result = yield from _relay(flow, (trail, otel))
    except HtxError as error:
        error.attempt_log = tuple(trail)
        _finish(operation, contract, ids, None, error, trail, engine.monotonic() - started, call)
        raise
    except BaseException as exc:
        if call is not None:
            call.end_raised(exc)
        raise
    result = _with_log(result, trail)
    _finish(operation, contract, ids, result, None, trail, engine.monotonic() - started, call)
    return result


def _finish(
    operation: str,
    contract: str | None,
    ids: int | None,
    result: object,
    error: HtxError | None,
    trail: deque[AttemptRecord],
    seconds: float,
    call: CallSpan | None,
) -> None:
    if call is None and not log.isEnabledFor(logging.INFO):
        return
    counts = tally(result, error, ids)
    if call is not None:
        call.end(result, error, counts, len(trail), seconds)
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
            len(trail),
            seconds,
            extra={
                "operation": operation,
                "attempt": len(trail),
                "status": trail[-1].status_code if trail else None,
                "code": trail[-1].htx_code if trail else None,
                "may_have_reached": any(r.may_have_reached for r in trail),
            },
        )
