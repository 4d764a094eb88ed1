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
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import attrs

from htx_swap._engine.engine import Engine
from htx_swap._engine.steps import Fanout, Flow
from htx_swap._model.constants import MAX_RECORDS
from htx_swap._model.errors import HtxError
from htx_swap._model.results import CancelResult
from htx_swap._observe import telemetry
from htx_swap._observe.watch import TRAIL, CallEnded, Trail

if TYPE_CHECKING:
    from htx_swap._model.attempts import AttemptRecord
    from htx_swap._observe.telemetry import CallSpan

__all__ = [
    "MAX_RECORDS",
    "Tally",
    "describe",
    "ended",
    "observed",
    "quiet",
    "tally",
    "watched",
    "with_log",
]

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


class Tally(NamedTuple):
    """A call's outcome as its span, metrics and log line tell it: ids accepted, refused and in
    doubt, the outcome (``accepted``, ``refused`` or ``in_doubt``) and whether the call may
    have been processed with no answer saying what became of it (``may_have_reached``)."""

    accepted: int
    refused: int
    in_doubt: int
    outcome: str
    may_have_reached: bool


def _told(accepted: int, refused: int, doubt: int, doubtful: bool = False) -> Tally:
    if doubt or doubtful:
        return Tally(accepted, refused, doubt, "in_doubt", True)
    return Tally(accepted, refused, doubt, "refused" if refused else "accepted", False)


def tally(result: object, error: HtxError | None, ids: int | None) -> Tally:
    """The final truth of a call that returned ``result`` or raised ``error``, as the result
    tells it (README's "Truthful outcomes"): a raised error counts every id it named, in doubt
    when it may have reached HTX, else refused; a ``CancelOutcome`` counts what order
    information proved (``cancelled`` and ``filled`` accepted, ``failed`` refused, ``pending``
    in doubt); a ``PanicReport`` counts ids (cancelled accepted, still open refused or, where
    its kind's cancel may have reached HTX, in doubt), never its entries, and is in doubt only
    where a kind not read back empty may have had more cancelled or met an error that may have
    reached HTX."""
    if error is not None:
        count = ids or 0
        if error.may_have_reached:
            return Tally(0, 0, count, "in_doubt", True)
        return Tally(0, count, 0, "refused", False)
    pending = getattr(result, "pending", None)  # a CancelOutcome: what confirmation proved
    if isinstance(pending, list) and hasattr(result, "cancel_result"):
        done = len(result.cancelled) + len(result.filled)  # type: ignore[attr-defined]
        return _told(done, len(result.failed), len(pending))  # type: ignore[attr-defined]
    if isinstance(result, CancelResult):
        refused = sum(1 for e in result.errors if not e.may_have_reached)
        doubt = len(result.errors) - refused + len(result.unanswered)
        return _told(len(result.successes), refused, doubt, result.may_have_cancelled_more)
    entries = getattr(result, "entries", None)  # a PanicReport
    return _panic_tally(entries) if isinstance(entries, list) else _told(0, 0, 0)


def _panic_tally(entries: list[Any]) -> Tally:
    """A ``PanicReport``'s ids (its entries' ``cancelled`` accepted, ``still_open`` refused, or
    in doubt where that kind's cancel may have reached HTX) and whether a kind not read back
    empty is in doubt."""
    unproven = [e for e in entries if not e.verified_empty]
    in_doubt = [
        e
        for e in unproven
        if e.may_have_cancelled_more or any(x.may_have_reached for x in e.errors)
    ]
    accepted = sum(len(e.cancelled) for e in entries)
    doubt = sum(len(e.still_open) for e in in_doubt)
    refused = sum(len(e.still_open) for e in unproven) - doubt
    told = _told(accepted, refused, doubt, bool(in_doubt))
    if not in_doubt and any(e.errors for e in unproven):
        return told._replace(outcome="refused")
    return told


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
    return records, TRAIL.set((records, None, False, []))


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


def ended(stop: CallEnded, trail: deque[AttemptRecord] | None) -> HtxError:
    """The ``HookError`` that ended a call (``stop``'s), with the call's records (``trail``;
    None: already given) and its doubt: True also when any attempt of the call failed after it
    may have reached HTX (a request in doubt stays in doubt)."""
    error = stop.error
    if trail is not None:
        error.attempt_log = tuple(trail)
        error.may_have_reached = error.may_have_reached or any(
            r.may_have_reached and r.error is not None for r in trail
        )
    return error


def _interrupter(exc: BaseException) -> BaseException:
    """What ended a call that did not return nor raise an ``HtxError``: the flow is closed (a
    ``GeneratorExit``) when its driver meets the exception (a cancelled task, Ctrl-C, a hook
    that ended a fan-out), which the close's context names."""
    if isinstance(exc, GeneratorExit) and exc.__context__ is not None:
        return exc.__context__
    return exc


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
        result = yield from _relay(flow, (trail, otel, True, []))
    except HtxError as error:
        error.attempt_log = tuple(trail)
        _finish(operation, contract, ids, None, error, trail, engine.monotonic() - started, call)
        raise
    except BaseException as exc:
        cause = _interrupter(exc)
        if isinstance(cause, CallEnded):  # a hook ended the call: its HookError is the end
            hooked = ended(cause, trail)
            seconds = engine.monotonic() - started
            _finish(operation, contract, ids, None, hooked, trail, seconds, call)
        elif call is not None:
            call.end_raised(cause)
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
    told = tally(result, error, ids)
    if call is not None:
        call.end(error, told, trail.total, seconds)
    if log.isEnabledFor(logging.INFO):
        log.info(
            "htx_swap: %s%s: %s; %d accepted, %d refused, %d in doubt; %d attempt(s) in %.3f s",
            operation,
            f" {contract}" if contract else "",
            "ok" if error is None else f"{type(error).__name__}: {error}",
            told.accepted,
            told.refused,
            told.in_doubt,
            trail.total,
            seconds,
            extra={
                "operation": operation,
                "attempt": trail.total,
                "status": trail[-1].status_code if trail else None,
                "code": trail[-1].htx_code if trail else None,
                "may_have_reached": told.may_have_reached,  # the call's, as on its span
            },
        )
