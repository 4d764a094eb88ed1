"""What the engine does around each attempt besides sending it: the caller's event hooks, the
attempt's record, its OpenTelemetry span and its log line.

Decided once per public call (``calls``): with no hook, no OpenTelemetry provider and the log
off, an attempt is only timed and its record kept (``kept``); no ``Attempt`` object is made.
"""

from __future__ import annotations

import functools
import logging
from collections import deque
from contextvars import ContextVar
from types import ModuleType
from typing import TYPE_CHECKING

from htx_swap._model.errors import HtxError
from htx_swap._observe import telemetry

if TYPE_CHECKING:
    from htx_swap._engine.engine import Engine, Ledger
    from htx_swap._engine.steps import Send
    from htx_swap._model.attempts import AttemptRecord
    from htx_swap._observe.hooks import HookRequest
    from htx_swap._observe.telemetry import AttemptSpan, Otel
    from htx_swap._wire.body import ReadAnswer

__all__ = [
    "TRAIL",
    "Attempt",
    "CallEnded",
    "Trail",
    "confirmed",
    "ending",
    "interrupted",
    "kept",
    "waited",
]

log = logging.getLogger("htx_swap")
# A public call's records, its OpenTelemetry emitter (None: off, looked up once a call),
# whether its attempts are watched (OpenTelemetry on or the log at INFO or finer) and the
# ``HookError`` that ended it (empty while it runs: see ``ending``).
Trail = tuple["deque[AttemptRecord]", "Otel | None", bool, "list[HtxError]"]
# The call whose flow is running, set by ``calls``: for a watched call around each step of its
# flows (never across a send or a sleep), for a quiet one around the whole call; read here.
TRAIL: ContextVar[Trail | None] = ContextVar("htx_swap_trail", default=None)


class CallEnded(BaseException):
    """A hook raised something other than an ``HtxError``: ``error`` (a ``HookError``) ends the
    public call. A ``BaseException`` so that no flow takes it for one request's failure (a
    chunk's, a panic wave's); the public call's boundary raises ``error`` in its place."""

    def __init__(self, error: HtxError) -> None:
        super().__init__(error)
        self.error = error


def ending(call: Trail | None, error: HtxError) -> BaseException:
    """What ends an attempt whose hook raised ``error`` (a ``HookError``): within a public call,
    ``CallEnded`` (and the call marked ended: none of its flows starts another attempt); outside
    one (the dead man's switch's refreshes), ``error`` itself."""
    if call is None:
        return error
    if not call[3]:
        call[3].append(error)
    return CallEnded(call[3][0])


class Attempt:
    """One watched attempt of ``operation`` (``tries``: its number within the request): its
    hooks, span and log lines. The engine times it and keeps its record (``kept``)."""

    __slots__ = ("cleared", "ends_call", "engine", "operation", "seen", "send", "span", "tries")

    def __init__(
        self, engine: Engine, operation: str, send: Send, tries: int, call: Trail | None
    ) -> None:
        self.engine = engine
        self.operation = operation
        self.send = send
        self.tries = tries
        self.seen: HookRequest | None = None
        self.cleared = False  # the request hooks passed it: it is (being) sent
        self.ends_call = False  # a hook raised something other than an HtxError
        otel = telemetry.active() if call is None else call[1]
        # the attempt's span is current from here until the answer: httpx's own span, when
        # its instrumentation is on, is its child
        self.span: AttemptSpan | None = (
            None if otel is None else otel.attempt(operation, send.request, tries)
        )

    def before(self) -> HtxError | None:
        """The request hooks: what one raised is the attempt's outcome (nothing sent)."""
        hooks = self.engine.hooks
        if hooks is None:
            self.cleared = True
            return None
        self.seen = hooks.describe(self.operation, self.tries, self.send.request)
        refused = self._decided(hooks.before(self.seen))
        self.cleared = refused is None
        return refused

    def after(self, answer: ReadAnswer | None, failure: HtxError | None) -> HtxError | None:
        """The failure the attempt met, a response hook's included (None: answered)."""
        if self.span is not None:
            self.span.leave()
        hooks = self.engine.hooks
        if hooks is not None and self.seen is not None:
            refused = hooks.after(self.seen, answer, failure)
            if refused is not None:
                return self._decided(refused)
        return failure

    def _decided(self, refused: HtxError | None) -> HtxError | None:
        """What a hook decided; a ``HookError`` (it raised something else) ends the call."""
        from htx_swap._observe.hooks import HookError

        self.ends_call = self.ends_call or isinstance(refused, HookError)
        return refused

    def done(self, record: AttemptRecord) -> None:
        """The attempt's span ended with its record; its log lines."""
        if self.span is not None:
            self.span.end(record)
        if log.isEnabledFor(logging.DEBUG):
            _records().log_attempt(record, self.send.where)
        retry_in = record.retry_in
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


def interrupted(
    ledger: Ledger,
    call: Trail | None,
    attempt: Attempt | None,
    operation: str,
    tries: int,
    seconds: float,
    exc: BaseException,
) -> None:
    """The flow closed mid-send (a fail-fast fan-out cut it off, a cancelled task, Ctrl-C), or
    a request hook raised a ``BaseException``: the attempt on record all the same, with no
    answer, its error ``Interrupted`` (the flow closed) or the exception's class name. It may
    have reached HTX unless a request hook raised before it was sent."""
    sent = attempt is None or attempt.cleared
    error = "Interrupted" if isinstance(exc, GeneratorExit) else type(exc).__name__
    record = _records().AttemptRecord(operation, tries, None, None, seconds, sent, error)
    ledger.log.append(record)
    if call is not None:
        call[0].append(record)
    if attempt is not None and attempt.span is not None:
        attempt.span.end(record)


def kept(
    ledger: Ledger,
    call: Trail | None,
    attempt: Attempt | None,
    operation: str,
    tries: int,
    seconds: float,
    answer: ReadAnswer | None,
    failure: HtxError | None,
    retry_in: float | None,
) -> None:
    """The record of one attempt, kept on its request's ledger and its call's trail; a watched
    ``attempt``'s span ended and its lines logged with it."""
    records = _records()
    if failure is None and answer is not None and retry_in is None:  # answered and decoded
        # positional (a third cheaper than by keyword): AttemptRecord's fields in their order
        record = records.AttemptRecord(
            operation,
            tries,
            answer.status_code,
            None,
            seconds,
            True,
            None,
            None,
            records.kept_headers(answer.headers),
        )
    else:
        record = records.record_of(operation, tries, seconds, answer, failure, retry_in)
    ledger.log.append(record)
    if call is not None:
        call[0].append(record)
    if attempt is not None:
        attempt.done(record)


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
    if _emitter() is not None:
        telemetry.note_event("htx.rate_limit_wait", seconds)


def _emitter() -> Otel | None:
    """The OpenTelemetry emitter of the call running (decided once a call: None for a quiet
    one, even once a provider is set); outside a public call, whether one is set now."""
    call = TRAIL.get()
    return telemetry.active() if call is None else call[1]


def confirmed(before: list[str], after: list[str], seconds: float) -> None:
    """Ids a poll showed final (polled before it, not after): their confirmation latency."""
    otel = _emitter()
    if otel is None or otel.meter is None:
        return
    left = set(after)
    for order_id in before:
        if order_id not in left:
            otel.confirmed(seconds)
