"""What ``htx-swap`` prints: one truthful state per id, as a table or as JSON.

Each id of a cancel is in exactly one state:

- ``accepted``: HTX took the cancel (check the order's final state to be sure);
- ``refused``: HTX refused it, with its code (per id, or the whole request: e.g. the key);
- ``not_sent``: certain that nothing reached HTX (no connection was made);
- ``unknown``: the request may have reached HTX (a timeout after sending, a lost answer, a
  5xx, an id the answer did not name): read the order before acting on it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence

import attrs

from htx_swap.confirm import CancelOutcome
from htx_swap.errors import HtxApiError, HtxError
from htx_swap.reports import PanicReport
from htx_swap.results import CancelResult, OrderCancelError

__all__ = [
    "IdState",
    "id_states",
    "outcome_as_json",
    "panic_as_json",
    "printable",
    "render_outcome",
    "render_panic",
    "render_table",
    "result_as_json",
    "table",
]


@attrs.frozen
class IdState:
    """One id's truth after a cancel."""

    order_id: str
    result: str  # accepted | refused | not_sent | unknown
    may_have_reached: bool
    err_code: int | str | None = None
    err_msg: str = ""


def _error_state(error: OrderCancelError) -> IdState:
    cause = error.cause
    if error.may_have_reached:  # a per-id error too, after an attempt that may have reached
        return IdState(error.order_id, "unknown", True, None, error.err_msg)
    if cause is None:  # HTX's own per-id answer
        return IdState(error.order_id, "refused", False, error.err_code, error.err_msg)
    if isinstance(cause, HtxApiError):  # HTX refused the request as a whole (say, the key)
        return IdState(error.order_id, "refused", False, cause.code, error.err_msg)
    return IdState(error.order_id, "not_sent", False, None, error.err_msg)


def id_states(result: CancelResult) -> list[IdState]:
    """Every id of ``result`` in its one state."""
    retried = dict.fromkeys(result.inferred_successes, "accepted after a retry (1062/1071)")
    return [
        *(IdState(i, "accepted", True, None, retried.get(i, "")) for i in result.successes),
        *(_error_state(error) for error in result.errors),
        *(IdState(i, "unknown", True, None, "HTX's answer did not say") for i in result.unanswered),
    ]


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters (carriage returns, terminal escapes) shown as ``?``: a
    server's message cannot rewrite what the table says.

    >>> printable("refused\\r accepted\\x1b[2K")
    'refused? accepted?[2K'
    """
    return _CONTROL.sub("?", text)


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


def _render(header: tuple[str, ...], rows: Sequence[tuple[str, ...]], notes: list[str]) -> str:
    """The table, then the notes under it; no line ends in spaces."""
    return "\n".join(line.rstrip() for line in [*table(header, rows), *notes])


def render_table(result: CancelResult) -> str:
    states = id_states(result)
    count = Counter(s.result for s in states)
    summary = f"{count['accepted']} accepted for cancel, {count['refused']} refused"
    if count["unknown"]:
        summary += f", {count['unknown']} unknown (may have reached HTX: read them)"
    if count["not_sent"]:
        summary += f", {count['not_sent']} not sent"
    notes = [summary]
    if result.unrequested:
        notes.append(f"HTX also named ids nobody asked about: {', '.join(result.unrequested)}")
    notes.append("accepted means HTX took the cancel; check the order's final state to be sure")
    rows = [(s.order_id, s.result, _code(s.err_code), s.err_msg) for s in states]
    return _render(("ORDER ID", "RESULT", "CODE", "MESSAGE"), rows, notes)


def _state_json(state: IdState) -> dict[str, object]:
    keys = ("order_id", "result", "err_code", "err_msg", "may_have_reached")  # the JSON's order
    return {key: getattr(state, key) for key in keys}


def _error_json(error: OrderCancelError) -> dict[str, object]:
    """``order_id``, ``err_code``, ``err_msg`` and ``may_have_reached``, in that order."""
    return attrs.asdict(error, filter=attrs.filters.exclude("cause"))


def result_as_json(result: CancelResult) -> str:
    document: dict[str, object] = {
        "orders": [_state_json(s) for s in id_states(result)],
        "successes": result.successes,
        "inferred_successes": result.inferred_successes,
        "errors": [_error_json(e) for e in result.errors],
        "unanswered": result.unanswered,
        "unrequested": result.unrequested,
        "may_have_cancelled_more": result.may_have_cancelled_more,
        "attempts": result.attempts,
    }
    if result.ts is not None:
        document["ts"] = result.ts
    return json.dumps(document, ensure_ascii=False)


def _error_text(error: HtxError | None) -> str | None:
    return None if error is None else f"{type(error).__name__}: {error}"


def outcome_as_json(outcome: CancelOutcome) -> str:
    document = {
        "cancelled": outcome.cancelled,
        "filled": outcome.filled,
        "failed": [_error_json(e) for e in outcome.failed],
        "pending": outcome.pending,
        "in_doubt": outcome.in_doubt,
        "orders": {
            order_id: {
                "status": order.status_code,
                "state": order.status.name.lower(),
                "volume": str(order.volume),
                "trade_volume": str(order.trade_volume),
            }
            for order_id, order in outcome.orders.items()
        },
        "poll_error": _error_text(outcome.poll_error),
    }
    return json.dumps(document, ensure_ascii=False)


def _final_detail(outcome: CancelOutcome, order_id: str, bucket: str) -> str:
    order = outcome.orders.get(order_id)
    doubt = " (cancel in doubt)" if order_id in outcome.in_doubt else ""
    if order is None:
        return ("no order info seen" if bucket == "pending" else "") + doubt
    detail = f"status {order.status_code} {order.status.name.lower()}"
    if order.trade_volume:
        detail += f", traded {order.trade_volume} of {order.volume}"
    return detail + doubt


def render_outcome(outcome: CancelOutcome) -> str:
    buckets = {"cancelled": outcome.cancelled, "filled": outcome.filled, "pending": outcome.pending}
    rows = [
        (order_id, bucket, "", _final_detail(outcome, order_id, bucket))
        for bucket, ids in buckets.items()
        for order_id in ids
    ]
    rows += [(e.order_id, "failed", str(e.err_code), e.err_msg) for e in outcome.failed]
    notes = [
        f"{len(outcome.cancelled)} cancelled, {len(outcome.filled)} filled first, "
        f"{len(outcome.failed)} failed, {len(outcome.pending)} still pending"
    ]
    if outcome.pending and outcome.poll_error is not None:
        notes.append(f"order info failed: {_error_text(outcome.poll_error)}")
    return _render(("ORDER ID", "FINAL STATE", "CODE", "DETAIL"), rows, notes)


def panic_as_json(report: PanicReport) -> str:
    document = {
        "clean": report.clean,
        "complete": report.complete,
        "contract_codes": report.contract_codes,
        "seconds": round(report.seconds, 3),
        "entries": [  # each entry's fields in their order, its errors last, as text
            {
                **attrs.asdict(e, filter=attrs.filters.exclude("errors")),
                "errors": [_error_text(error) for error in e.errors],
            }
            for e in report.entries
        ],
    }
    return json.dumps(document, ensure_ascii=False)


def render_panic(report: PanicReport) -> str:
    rows = [
        (
            e.contract_code,
            e.kind,
            f"{len(e.cancelled)}{' or more' if e.may_have_cancelled_more else ''}",
            "empty" if e.verified_empty else (", ".join(e.still_open) or "not read back"),
            "; ".join(_error_text(err) or "" for err in e.errors[-1:]),
        )
        for e in report.entries
    ]
    verdict = "CLEAN: every open-order read came back empty" if report.clean else "NOT CLEAN"
    notes = [f"{verdict} ({report.seconds:.2f} s)"]
    if not report.complete:
        notes.append(
            "contracts were not named: found from open limit orders only (HTX lists trigger, "
            "TP/SL and trailing orders per contract), so the account cannot be proven clean"
        )
    return _render(("CONTRACT", "KIND", "CANCELLED", "STILL OPEN", "LAST ERROR"), rows, notes)
