"""What the engine does around each attempt besides sending it: the caller's event hooks, the
attempt's record, its OpenTelemetry span and its log line. One small object per attempt; with
no hooks, no OpenTelemetry and the log off, it only times the attempt and keeps its record.
"""

from __future__ import annotations

import functools
import logging
from collections import deque
from contextvars import ContextVar
from types import ModuleType
from typing import TYPE_CHECKING, cast

from htx_swap._model.errors import HtxError
from htx_swap._observe import telemetry

if TYPE_CHECKING:
    from htx_swap._engine.engine import Engine, Ledger
    from htx_swap._engine.steps import Send
    from htx_swap._model.attempts import AttemptRecord
    from htx_swap._observe.hooks import HookRequest
    from htx_swap._observe.telemetry import AttemptSpan, Otel
    from htx_swap._wire.body import ReadAnswer

__all__ = ["TRAIL", "Attempt", "confirmed", "waited"]

log = logging.getLogger("htx_swap")
# The records of the public call whose flow is running: set by ``attempts.observed`` around each
# step of the call's flows (never across a send or a sleep), read here.
# It holds the call's records and its OpenTelemetry emitter (None: off), looked up once a call.
TRAIL: ContextVar[tuple[deque[AttemptRecord], Otel | None] | None] = ContextVar(
    "htx_swap_trail", default=None
)


class Attempt:
    """One attempt of ``operation`` (``tries``: its number within the request)."""

    __slots__ = (
        "call",
        "engine",
        "operation",
        "seconds",
        "seen",
        "send",
        "span",
        "started",
        "tries",
    )

    def __init__(self, engine: Engine, operation: str, send: Send, tries: int) -> None:
        self.engine = engine
        self.operation = operation
        self.send = send
        self.tries = tries
        self.seen: HookRequest | None = None
        self.call = call = TRAIL.get()  # the public call's, when there is one
        otel = telemetry.active() if call is None else call[1]
        # the attempt's span is current from here until the answer: httpx's own span, when
        # its instrumentation is on, is its child
        self.span: AttemptSpan | None = (
            None if otel is None else otel.attempt(operation, send.request, tries)
        )
        self.seconds = 0.0
        self.started = engine.monotonic()

    def before(self) -> HtxError | None:
        """The request hooks: what one raised is the attempt's outcome (nothing sent)."""
        hooks = self.engine.hooks
        if hooks is None:
            return None
        self.seen = hooks.describe(self.operation, self.tries, self.send.request)
        return hooks.before(self.seen)

    def after(self, outcome: object) -> tuple[ReadAnswer | None, HtxError | None]:
        """The answer, or the failure the attempt met (a response hook's included)."""
        self.seconds = self.engine.monotonic() - self.started
        if self.span is not None:
            self.span.leave()
        answer: ReadAnswer | None = None
        failure: HtxError | None = None
        if isinstance(outcome, HtxError):
            failure = outcome
        else:
            answer = cast("ReadAnswer", outcome)  # the driver's answer, read whole
        hooks = self.engine.hooks
        if hooks is not None and self.seen is not None:
            refused = hooks.after(self.seen, answer, failure)
            if refused is not None:
                failure = refused
        return answer, failure

    def done(
        self,
        ledger: Ledger,
        answer: ReadAnswer | None,
        failure: HtxError | None,
        retry_in: float | None,
    ) -> None:
        """Keep the attempt's record (on the ledger and the call's trail); end its span; log."""
        records = _records()
        record = records.record_of(
            self.operation, self.tries, self.seconds, answer, failure, retry_in
        )
        ledger.log.append(record)
        if self.call is not None:
            self.call[0].append(record)
        if self.span is not None:
            self.span.end(record)
        if log.isEnabledFor(logging.DEBUG):
            records.log_attempt(record, self.send.where)
        if retry_in is not None:
            if log.isEnabledFor(logging.INFO):
                log.info(
                    "htx_swap: %s: retrying in %.3f s after %s",
                    self.send.where,
                    retry_in,
                    record.error,
                    extra={
                        "operation": self.operation,
                        "attempt": self.tries,
                        "status": record.status_code,
                        "code": record.htx_code,
                        "may_have_reached": record.may_have_reached,
                    },
                )
            if self.span is not None:
                telemetry.note_event("htx.retry", retry_in)

    def interrupted(self) -> None:
        """The flow closed mid-send: the span ends without a record."""
        if self.span is not None:
            self.span.end(None)


@functools.cache
def _records() -> ModuleType:
    """``htx_swap._model.attempts``, imported on the first attempt (it defines an attrs class)."""
    from htx_swap._model import attempts

    return attempts


def waited(where: str, seconds: float) -> None:
    """A rate-limit wait: an INFO line and an event on the call's span, when they are on."""
    if log.isEnabledFor(logging.INFO):
        log.info(
            "htx_swap: %s: waiting %.3f s for a rate-limit slot",
            where,
            seconds,
            extra={
                "operation": where,
                "attempt": None,
                "status": None,
                "code": None,
                "may_have_reached": False,  # nothing sent while waiting
            },
        )
    if telemetry.active() is not None:
        telemetry.note_event("htx.rate_limit_wait", seconds)


def confirmed(before: list[str], after: list[str], seconds: float) -> None:
    """Ids a poll showed final (polled before it, not after): their confirmation latency."""
    otel = telemetry.active()
    if otel is None or otel.meter is None:
        return
    left = set(after)
    for order_id in before:
        if order_id not in left:
            otel.confirmed(seconds)
