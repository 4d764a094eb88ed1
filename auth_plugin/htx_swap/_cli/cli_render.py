"""What ``htx-swap`` prints: one truthful state per id, as a table or as one JSON document.

Each id of a cancel is in exactly one state:

- ``accepted``: HTX took the cancel (check the order's final state to be sure);
- ``already_cancelled``: HTX answered 1071 (already cancelled) or 1062 (being cancelled) to the
  first attempt: done, nothing left to cancel (after 1062 the order may still fill first, as
  after ``accepted``: the table says so, and counts it as being cancelled);
- ``refused``: HTX refused it, with its code (per id, or the whole request: e.g. the key, or an
  answer from something that is not HTX's API);
- ``not_sent``: certain that nothing reached HTX (no connection was made);
- ``unknown``: the request may have reached HTX (a timeout after sending, a lost answer, a
  5xx, an id the answer did not name, a refusal after an earlier attempt was lost): read the
  order before acting on it.

Server text reaches the terminal through ``printable`` only: ``cli.main`` writes everything
through a ``PrintableStream``.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, TextIO

import attrs

from htx_swap._engine.confirm import CancelOutcome
from htx_swap._model.errors import APIStatusError, HtxApiError, HtxError
from htx_swap._model.redaction import redact
from htx_swap._model.reports import PanicReport
from htx_swap._model.results import CancelResult, OrderCancelError

if TYPE_CHECKING:
    from htx_swap._model.order_info import OrderInfo
    from htx_swap._push.push_protocol import OrderUpdate

__all__ = [
    "CODE_MEANINGS",
    "DONE_STATES",
    "IdState",
    "PrintableStream",
    "Shown",
    "Writer",
    "as_json",
    "cancel_document",
    "error_document",
    "error_line",
    "id_states",
    "outcome_as_json",
    "outcome_document",
    "panic_as_json",
    "panic_document",
    "printable",
    "render_outcome",
    "render_panic",
    "render_table",
    "result_as_json",
    "table",
]

# HTX's per-order codes in plain words, shown next to HTX's own text
CODE_MEANINGS: dict[int | str, str] = {
    1061: "no such order",
    1062: "being cancelled",
    1063: "already filled",
    1071: "already cancelled",
    1056: "in settlement: not cancelled, retry after it",
    1059: "in delivery: not cancelled, retry after it",
}
ALREADY_CANCELLED = frozenset({1062, 1071})
DONE_STATES = frozenset({"accepted", "already_cancelled"})


@attrs.frozen
class Shown:
    """What a command prints: its exit code, its text (stdout) and its JSON document's own
    fields (``command``, ``exit_code`` and ``error`` are added by ``main``)."""

    code: int
    text: str
    document: dict[str, object]
    accepted: bool = False  # an id was accepted: the footer about "accepted" applies
    error: dict[str, object] | None = None  # the JSON's "error": what stopped the command


@attrs.frozen
class IdState:
    """One id's truth after a cancel."""

    order_id: str  # the id as given: an order id or a client order id
    result: str  # accepted | already_cancelled | refused | not_sent | unknown
    may_have_reached: bool
    err_code: int | str | None = None
    err_msg: str = ""

    @property
    def meaning(self) -> str:
        return CODE_MEANINGS.get(self.err_code, "") if self.err_code is not None else ""


def _answered_no(error: HtxError) -> bool:
    """An answer refused the request as a whole: HTX's error envelope, or an HTTP status from
    something that is not HTX's endpoint (a wrong path: 404)."""
    return isinstance(error, APIStatusError) and not error.may_have_reached


def _error_state(error: OrderCancelError, base_url: str = "") -> IdState:
    cause = error.cause
    if cause is None:  # HTX's own per-id answer
        reached = error.may_have_reached  # an earlier attempt may have cancelled it: in doubt
        if not reached and error.err_code in ALREADY_CANCELLED:
            state = "already_cancelled"
        else:
            state = "unknown" if reached else "refused"
        return IdState(error.order_id, state, reached, error.err_code, error.err_msg)
    text = error_line(cause, base_url)
    if error.may_have_reached:
        return IdState(error.order_id, "unknown", True, None, text)
    if _answered_no(cause):
        code = cause.code if isinstance(cause, HtxApiError) else None
        return IdState(error.order_id, "refused", False, code, text)
    return IdState(error.order_id, "not_sent", False, None, text)


def id_states(result: CancelResult, base_url: str = "") -> list[IdState]:
    """Every id of ``result`` in its one state."""
    retried = dict.fromkeys(result.inferred_successes, "accepted after a retry (1062/1071)")
    return [
        *(IdState(i, "accepted", True, None, retried.get(i, "")) for i in result.successes),
        *(_error_state(error, base_url) for error in result.errors),
        *(IdState(i, "unknown", True, None, "HTX's answer did not say") for i in result.unanswered),
    ]


_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def printable(text: str, *, lines: bool = False) -> str:
    """``text`` with control characters (carriage returns, terminal escapes, bidirectional
    overrides) shown as ``?``: a server's message cannot rewrite what the table says. Newlines
    too, unless ``lines``.

    >>> printable("refused\\r accepted\\x1b[2K")
    'refused? accepted?[2K'
    >>> printable("a\\nb"), printable("a\\nb", lines=True)
    ('a?b', 'a\\nb')
    >>> printable("\\u202edeifsnarT")  # a right-to-left override
    '?deifsnarT'
    """
    shown = _CONTROL.sub("?", text)
    return shown if lines else shown.replace("\n", "?")


class Writer(Protocol):
    """Where ``htx-swap`` writes: a ``PrintableStream``."""

    def write(self, text: str, /) -> int: ...
    def flush(self) -> None: ...


class PrintableStream:
    """A text stream that writes only printable text and newlines: the one way ``htx-swap``
    writes, so no server text reaches the terminal raw."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(printable(text, lines=True))

    def flush(self) -> None:
        self._stream.flush()


def error_line(error: HtxError, base_url: str = "") -> str:
    """The error's type and message on one printable line (a server's text cannot start a line
    of its own); an answer that is not HTX's names the URL it came from."""
    text = f"{type(error).__name__}: {error}"
    if isinstance(error, APIStatusError) and not isinstance(error, HtxApiError) and base_url:
        text += f" (answered by {redact(base_url)}: is --base-url HTX's API?)"
    return printable(text)


def error_document(error: HtxError | None, base_url: str = "") -> dict[str, object] | None:
    """An error in the JSON: ``type``, ``message``, ``code`` (HTX's), ``http_status`` and
    ``may_have_reached``."""
    if error is None:
        return None
    return {
        "type": type(error).__name__,
        "message": error_line(error, base_url).partition(": ")[2],
        "code": error.code if isinstance(error, HtxApiError) else None,
        "http_status": error.status_code,
        "may_have_reached": error.may_have_reached,
    }


def as_json(document: dict[str, object]) -> str:
    """One JSON document on one line, ASCII only: no byte of it can drive a terminal."""
    return json.dumps(document, ensure_ascii=True)


def table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Rows in columns, every cell printable; the last column is left ragged."""
    everything = [header, *(tuple(printable(cell) for cell in row) for row in rows)]
    widths = [max(len(row[col]) for row in everything) for col in range(len(header) - 1)]
    widths.append(0)  # the last column is left ragged
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in everything
    ]


def _code(value: int | str | None) -> str:
    return "" if value is None else str(value)


def _message(meaning: str, err_msg: str) -> str:
    """HTX's code in plain words, then HTX's own text."""
    if meaning and err_msg:
        return f"{meaning} (HTX: {err_msg})"
    return meaning or err_msg


def _render(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], notes: list[str]) -> str:
    """The table, then the notes under it; no line ends in spaces."""
    return "\n".join(line.rstrip() for line in [*table(header, rows), *notes])


FOOTER = "accepted means HTX took the cancel; check the order's final state to be sure"
BEING_CANCELLED = (
    "being cancelled (1062) means an earlier cancel is under way: the order may still fill "
    "first; check its final state to be sure"
)


def _being_cancelled(state: IdState) -> bool:
    return state.result == "already_cancelled" and state.err_code == 1062


def cancel_summary(states: Sequence[IdState]) -> str:
    count = Counter(s.result for s in states)
    summary = f"{count['accepted']} accepted for cancel, {count['refused']} refused"
    being = sum(1 for s in states if _being_cancelled(s))
    if count["already_cancelled"] - being:
        summary += f", {count['already_cancelled'] - being} already cancelled"
    if being:
        summary += f", {being} being cancelled"
    if count["unknown"]:
        summary += f", {count['unknown']} unknown (may have reached HTX: read them)"
    if count["not_sent"]:
        summary += f", {count['not_sent']} not sent"
    return summary


def render_table(result: CancelResult, base_url: str = "", *, footer: bool = True) -> str:
    """The cancel's table and summary; the footer about ``accepted`` only when an id was
    accepted (and ``footer``: ``cancel-all --kind all`` prints it once, at the end)."""
    states = id_states(result, base_url)
    notes = [cancel_summary(states)]
    if result.unrequested:
        named = printable(", ".join(result.unrequested))
        notes.append(f"HTX also named ids nobody asked about: {named}")
    if footer and any(s.result == "accepted" for s in states):
        notes.append(FOOTER)
    if any(_being_cancelled(s) for s in states):
        notes.append(BEING_CANCELLED)
    rows = [
        (s.order_id, s.result, _code(s.err_code), _message(s.meaning, s.err_msg)) for s in states
    ]
    return _render(("ORDER ID", "RESULT", "CODE", "MESSAGE"), rows, notes)


def _state_json(state: IdState) -> dict[str, object]:
    return {
        "id": state.order_id,
        "state": state.result,
        "err_code": state.err_code,
        "err_msg": state.err_msg,
        "meaning": state.meaning,
        "may_have_reached": state.may_have_reached,
    }


def cancel_document(result: CancelResult, base_url: str = "") -> dict[str, object]:
    """A cancel's JSON: ``orders`` (one entry per id, in its one state) and HTX's lists."""
    document: dict[str, object] = {
        "orders": [_state_json(s) for s in id_states(result, base_url)],
        "successes": result.successes,
        "inferred_successes": result.inferred_successes,
        "unanswered": result.unanswered,
        "unrequested": result.unrequested,
        "may_have_cancelled_more": result.may_have_cancelled_more,
        "attempts": result.attempts,
    }
    if result.ts is not None:
        document["ts"] = result.ts
    return document


def result_as_json(result: CancelResult) -> str:
    return as_json(cancel_document(result))


def _outcome_states(outcome: CancelOutcome, base_url: str) -> list[tuple[IdState, str]]:
    """Each id of a confirmed cancel: its final state (cancelled, filled, failed, pending)."""
    doubt = set(outcome.in_doubt)
    # whether the cancel of each id may have reached HTX, as ``cancel --json`` says it (an
    # accepted cancel did): what order info found since never makes it False
    sent = {s.order_id: s.may_have_reached for s in id_states(outcome.cancel_result, base_url)}
    buckets = {"cancelled": outcome.cancelled, "filled": outcome.filled, "pending": outcome.pending}
    found = [
        (IdState(i, bucket, i in doubt or sent.get(i, False)), bucket)
        for bucket, ids in buckets.items()
        for i in ids
    ]
    for error in outcome.failed:  # in doubt (it may have reached HTX): never "failed"
        state = _error_state(error, base_url)
        bucket = "unknown" if state.result == "unknown" else "failed"
        found.append((attrs.evolve(state, result=bucket), bucket))
    return found


def outcome_document(outcome: CancelOutcome, base_url: str = "") -> dict[str, object]:
    """A confirmed cancel's JSON: ``orders`` (one entry per id, with its last order info, or
    the push that settled it), the ids by final state, ``via`` and the order-info ``reads``."""
    orders: list[dict[str, object]] = []
    for state, _ in _outcome_states(outcome, base_url):
        info = _last_seen(outcome, state.order_id)
        entry = _state_json(state)
        entry["order"] = (
            None
            if info is None
            else {
                "status": info.status_code,
                "state": info.status.name.lower(),
                "volume": str(info.volume),
                "trade_volume": str(info.trade_volume),
            }
        )
        orders.append(entry)
    return {
        "orders": orders,
        "cancelled": outcome.cancelled,
        "filled": outcome.filled,
        "failed": [e.order_id for e in outcome.failed],
        "pending": outcome.pending,
        "in_doubt": outcome.in_doubt,
        "poll_error": error_document(outcome.poll_error, base_url),
        "via": outcome.via,
        "reads": outcome.reads,
    }


def _last_seen(outcome: CancelOutcome, order_id: str) -> OrderInfo | OrderUpdate | None:
    """What settled ``order_id``: its last order info, else the push that settled it."""
    return outcome.orders.get(order_id) or outcome.updates.get(order_id)


def outcome_as_json(outcome: CancelOutcome) -> str:
    return as_json(outcome_document(outcome))


def _final_detail(outcome: CancelOutcome, order_id: str, bucket: str) -> str:
    order = _last_seen(outcome, order_id)
    doubt = " (cancel in doubt)" if order_id in outcome.in_doubt else ""
    if order is None:
        return ("no order info seen" if bucket == "pending" else "") + doubt
    detail = f"status {order.status_code} {order.status.name.lower()}"
    if order.trade_volume:
        detail += f", traded {order.trade_volume} of {order.volume}"
    return detail + doubt


def render_outcome(outcome: CancelOutcome, base_url: str = "") -> str:
    rows = [
        (
            state.order_id,
            bucket,
            _code(state.err_code),
            _message(state.meaning, state.err_msg)
            if bucket == "failed"
            else _final_detail(outcome, state.order_id, bucket),
        )
        for state, bucket in _outcome_states(outcome, base_url)
    ]
    notes = [
        f"{len(outcome.cancelled)} cancelled, {len(outcome.filled)} filled first, "
        f"{len(outcome.failed)} failed, {len(outcome.pending)} still pending"
    ]
    if outcome.pending and outcome.poll_error is not None:
        notes.append(f"order info failed: {error_line(outcome.poll_error, base_url)}")
    return _render(("ORDER ID", "FINAL STATE", "CODE", "DETAIL"), rows, notes)


def panic_document(report: PanicReport, base_url: str = "") -> dict[str, object]:
    return {
        "clean": report.clean,
        "complete": report.complete,
        "contract_codes": report.contract_codes,
        "seconds": round(report.seconds, 3),
        "entries": [
            {
                "contract_code": e.contract_code,
                "kind": e.kind,
                "cancelled": e.cancelled,
                "still_open": e.still_open,
                "verified_empty": e.verified_empty,
                "may_have_cancelled_more": e.may_have_cancelled_more,
                "errors": [error_document(error, base_url) for error in e.errors],
            }
            for e in report.entries
        ],
    }


def panic_as_json(report: PanicReport) -> str:
    return as_json(panic_document(report))


def render_panic(report: PanicReport, base_url: str = "") -> str:
    rows = [
        (
            e.contract_code,
            e.kind,
            f"{len(e.cancelled)}{' or more' if e.may_have_cancelled_more else ''}",
            "empty" if e.verified_empty else (", ".join(e.still_open) or "not read back"),
            "; ".join(error_line(err, base_url) for err in e.errors[-1:]),
        )
        for e in report.entries
    ]
    verdict = (
        "CLEAN: after the last cancel wave, every kind read back empty"
        if report.clean
        else "NOT CLEAN"
    )
    notes = [f"{verdict} ({report.seconds:.2f} s)"]
    if not report.complete:
        notes.append(
            "contracts were not named: found from open limit orders only (HTX lists trigger, "
            "TP/SL and trailing orders per contract), so the account cannot be proven clean"
        )
    return _render(("CONTRACT", "KIND", "CANCELLED", "STILL OPEN", "LAST ERROR"), rows, notes)
