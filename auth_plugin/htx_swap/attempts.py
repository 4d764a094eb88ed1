"""Every attempt on record: ``AttemptRecord``, built by the engine once per request sent, and
the wrapper around each public call that collects a call's records (its retries, chunks, polls
and clock resync included) onto its result or error, and reports the call to the log and to
OpenTelemetry (``telemetry``) when they are on.

HTX's request id: HTX documents none. Its answers come through Cloudflare, whose ``Cf-Ray``
header identifies the request at the edge; that is the value kept as ``request_id`` (None when
the answer had no such header, as with the local exchange). Quote it with ``ts`` (HTX's answer
time) in a support ticket.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from htx_swap.errors import HtxApiError, HtxError
from htx_swap.serialize import Serializable

if TYPE_CHECKING:
    from htx_swap.body import ReadAnswer
    from htx_swap.engine import Engine, Flow
    from htx_swap.telemetry import CallSpan

__all__ = ["MAX_RECORDS", "REQUEST_ID_HEADER", "AttemptRecord", "observed", "record_of", "tally"]

log = logging.getLogger("htx_swap")
MAX_RECORDS = 1000  # a call keeps the records of its last 1,000 attempts: memory stays bounded
REQUEST_ID_HEADER = "cf-ray"


@attrs.frozen
class AttemptRecord(Serializable):
    """One request the SDK sent (or tried to send) within a call, as a support ticket would
    quote it.

    ``operation`` is the spec's operation (``swap_cancel``, ``get_timestamp`` for a clock
    resync); ``attempt`` counts from 1 within that request (2 is its first retry);
    ``status_code`` is the HTTP status (None without an answer); ``htx_code`` HTX's error code
    (None for an ``ok`` answer or without one); ``seconds`` the time from sending to the answer
    or the failure; ``may_have_reached`` whether this attempt may have been processed by HTX;
    ``rate_limit`` the answer's ``ratelimit-*`` headers by lower-case name; ``request_id`` the
    answer's ``Cf-Ray`` header (HTX documents no request id of its own); ``error`` the class
    name of the error the attempt met (None when it was answered and decoded);
    ``retry_in`` the pause before the next attempt when one followed.
    """

    operation: str
    attempt: int
    status_code: int | None
    htx_code: int | str | None
    seconds: float
    may_have_reached: bool
    rate_limit: Mapping[str, str] = attrs.field(factory=dict, hash=False)
    request_id: str | None = None
    error: str | None = None
    retry_in: float | None = None


def _headers_of(answer: ReadAnswer | None) -> tuple[dict[str, str], str | None]:
    if answer is None:
        return {}, None
    from htx_swap.results import _rate_limit_headers

    headers = answer.headers
    return _rate_limit_headers(headers), headers.get(REQUEST_ID_HEADER)


def record_of(
    operation: str,
    attempt: int,
    seconds: float,
    answer: ReadAnswer | None,
    failure: HtxError | None,
    retry_in: float | None,
) -> AttemptRecord:
    """The record of one attempt: its ``answer`` when one came (status, headers), the
    ``failure`` it met (None: answered and decoded)."""
    rate_limit, request_id = _headers_of(answer)
    status = answer.status_code if answer is not None else None
    if failure is not None and failure.status_code is not None:
        status = failure.status_code
    code = failure.code if isinstance(failure, HtxApiError) else None
    return AttemptRecord(
        operation=operation,
        attempt=attempt,
        status_code=status,
        htx_code=code,
        seconds=seconds,
        may_have_reached=answer is not None or (failure is not None and failure.may_have_reached),
        rate_limit=rate_limit,
        request_id=request_id,
        error=None if failure is None else type(failure).__name__,
        retry_in=retry_in,
    )


def log_attempt(record: AttemptRecord, where: str) -> None:
    """One DEBUG line per attempt (callers check ``log.isEnabledFor`` first)."""
    log.debug(
        "htx_swap: %s attempt %d: %s in %.3f s%s",
        where,
        record.attempt,
        f"HTTP {record.status_code}" if record.status_code is not None else "no answer",
        record.seconds,
        "" if record.error is None else f" ({record.error}, code {record.htx_code})",
        extra={
            "operation": record.operation,
            "attempt": record.attempt,
            "status": record.status_code,
            "code": record.htx_code,
            "may_have_reached": record.may_have_reached,
        },
    )


# -- the whole call ---------------------------------------------------------------------------


def describe(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[str | None, int | None]:
    """The contract and the number of ids a public call named (already validated)."""
    code = kwargs.get("contract_code", args[0] if args and isinstance(args[0], str) else None)
    ids = kwargs.get("order_ids") or kwargs.get("client_order_ids")
    count = len(ids) if isinstance(ids, list | tuple) else None
    codes = kwargs.get("contract_codes", args[0] if args and isinstance(args[0], list) else None)
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
    from htx_swap.results import CancelResult

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


def _relay(flow: Flow[Any], trail: deque[AttemptRecord]) -> Flow[Any]:
    """``flow``'s steps, the call's trail current while the flow runs (the engine appends each
    attempt's record there), each ``Fanout``'s flows relayed the same way."""
    from htx_swap.engine import Fanout
    from htx_swap.watch import TRAIL

    outcome: object = None
    try:
        while True:
            token = TRAIL.set(trail)
            try:
                step = flow.send(outcome)
            except StopIteration as stop:
                return stop.value
            finally:
                TRAIL.reset(token)
            if isinstance(step, Fanout):
                step = Fanout([_relay(f, trail) for f in step.flows], step.fail_fast)
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
    from htx_swap import telemetry

    trail: deque[AttemptRecord] = deque(maxlen=MAX_RECORDS)
    otel = telemetry.active()
    wanted = otel is not None or log.isEnabledFor(logging.INFO)
    contract, ids = describe(args, kwargs) if wanted else (None, None)
    call = None if otel is None else otel.start_call(operation, contract, ids)
    started = engine.monotonic()
    try:
        result = yield from _relay(flow, trail)
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
