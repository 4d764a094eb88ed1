"""``htx-swap``: an emergency cancel from the shell.

    htx-swap cancel BTC-USD --order-id 768503271974985728,771038212360937472
    htx-swap cancel BTC-USD --client-order-id 9001,9002 --json
    htx-swap cancel BTC-USD --order-id 768503271974985728 --confirm --deadline 5

Credentials come from ``HTX_ACCESS_KEY`` and ``HTX_SECRET_KEY``. Any number of ids may be given;
they are sent in requests of ten within HTX's rate limit. With ``--confirm`` the final state of
each order is read back (cancelled, filled, failed or still pending at the deadline).

Exit codes: 0 every order accepted for cancel (with ``--confirm``: every order cancelled);
1 some orders refused (with ``--confirm``: some filled, failed or still pending); 2 bad input
(nothing sent); 3 authentication refused; 4 network, timeout, server or other API error.
"""

from __future__ import annotations

import argparse
import json
import ssl
import sys
from collections.abc import Sequence
from typing import TextIO

import httpx

from htx_swap.client import SwapClient
from htx_swap.confirm import CancelOutcome
from htx_swap.constants import DEFAULT_BASE_URL, DEFAULT_CONFIRM_DEADLINE, DEFAULT_TIMEOUT
from htx_swap.credentials import HtxCredentials
from htx_swap.errors import AuthenticationError, HtxError, InvalidRequestError
from htx_swap.results import CancelResult, OrderCancelError

__all__ = [
    "EXIT_AUTH",
    "EXIT_BAD_INPUT",
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "main",
    "outcome_as_json",
    "render_outcome",
    "render_table",
    "result_as_json",
]

EXIT_OK, EXIT_PARTIAL, EXIT_BAD_INPUT, EXIT_AUTH, EXIT_ERROR = 0, 1, 2, 3, 4


def _id_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",")]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="htx-swap",
        description="HTX coin-margined swap: cancel orders (signed with HTX_ACCESS_KEY and "
        "HTX_SECRET_KEY from the environment).",
        epilog="exit codes: 0 all accepted, 1 some refused, 2 bad input, 3 auth refused, "
        "4 network/server/API error",
    )
    from htx_swap import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    cancel = commands.add_parser(
        "cancel", help="cancel orders of one contract", epilog=parser.epilog
    )
    cancel.add_argument("contract_code", help="e.g. BTC-USD (case-insensitive)")
    ids = cancel.add_mutually_exclusive_group(required=True)
    ids.add_argument("--order-id", type=_id_list, help="comma-separated exchange order ids")
    ids.add_argument("--client-order-id", type=_id_list, help="comma-separated client order ids")
    cancel.add_argument("--base-url", default=DEFAULT_BASE_URL, help="default: %(default)s")
    cancel.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds")
    cancel.add_argument("--ca-cert", help="PEM file of an extra CA to trust (a local exchange)")
    cancel.add_argument("--json", action="store_true", help="print the result as JSON")
    cancel.add_argument(
        "--confirm",
        action="store_true",
        help="after the cancel, read each order's final state (cancelled, filled, failed, pending)",
    )
    cancel.add_argument(
        "--deadline",
        type=float,
        help="with --confirm: seconds to wait for final states "
        f"(default: {DEFAULT_CONFIRM_DEADLINE})",
    )
    return parser


def result_as_json(result: CancelResult) -> str:
    return json.dumps(
        {
            "successes": result.successes,
            "inferred_successes": result.inferred_successes,
            "errors": [
                {"order_id": e.order_id, "err_code": e.err_code, "err_msg": e.err_msg}
                for e in result.errors
            ],
            "ts": result.ts,
            "attempts": result.attempts,
        },
        ensure_ascii=False,
    )


def render_table(result: CancelResult) -> str:
    rows = [("ORDER ID", "RESULT", "CODE", "MESSAGE")]
    inferred = set(result.inferred_successes)
    for order_id in result.successes:
        note = "accepted after a retry (1062/1071)" if order_id in inferred else ""
        rows.append((order_id, "accepted", "", note))
    rows += [(e.order_id, "refused", str(e.err_code), e.err_msg) for e in result.errors]
    widths = [max(len(row[col]) for row in rows) for col in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in rows
    ]
    accepted, refused = len(result.successes), len(result.errors)
    lines.append(f"{accepted} accepted for cancel, {refused} refused")
    lines.append("accepted means HTX took the cancel; check the order's final state to be sure")
    return "\n".join(line.rstrip() for line in lines)


def _error_json(error: OrderCancelError) -> dict[str, object]:
    return {"order_id": error.order_id, "err_code": error.err_code, "err_msg": error.err_msg}


def _error_text(error: HtxError | None) -> str | None:
    return None if error is None else f"{type(error).__name__}: {error}"


def outcome_as_json(outcome: CancelOutcome) -> str:
    return json.dumps(
        {
            "cancelled": outcome.cancelled,
            "filled": outcome.filled,
            "failed": [_error_json(e) for e in outcome.failed],
            "pending": outcome.pending,
            "orders": {
                order_id: {
                    "status": int(order.status),
                    "state": order.status.name.lower(),
                    "volume": str(order.volume),
                    "trade_volume": str(order.trade_volume),
                }
                for order_id, order in outcome.orders.items()
            },
            "poll_error": _error_text(outcome.poll_error),
        },
        ensure_ascii=False,
    )


def _final_state(outcome: CancelOutcome, order_id: str, bucket: str) -> tuple[str, str]:
    order = outcome.orders.get(order_id)
    if order is None:
        return bucket, "no order info seen" if bucket == "pending" else ""
    detail = f"status {int(order.status)} {order.status.name.lower()}"
    if order.trade_volume:
        detail += f", traded {order.trade_volume} of {order.volume}"
    return bucket, detail


def render_outcome(outcome: CancelOutcome) -> str:
    rows = [("ORDER ID", "FINAL STATE", "CODE", "DETAIL")]
    for bucket, ids in (
        ("cancelled", outcome.cancelled),
        ("filled", outcome.filled),
        ("pending", outcome.pending),
    ):
        for order_id in ids:
            state, detail = _final_state(outcome, order_id, bucket)
            rows.append((order_id, state, "", detail))
    rows += [(e.order_id, "failed", str(e.err_code), e.err_msg) for e in outcome.failed]
    widths = [max(len(row[col]) for row in rows) for col in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in rows
    ]
    lines.append(
        f"{len(outcome.cancelled)} cancelled, {len(outcome.filled)} filled first, "
        f"{len(outcome.failed)} failed, {len(outcome.pending)} still pending"
    )
    if outcome.pending and outcome.poll_error is not None:
        lines.append(f"order info failed: {_error_text(outcome.poll_error)}")
    return "\n".join(line.rstrip() for line in lines)


def _trust(ca_cert: str) -> httpx.Client:
    try:
        context = ssl.create_default_context(cafile=ca_cert)
    except (OSError, ssl.SSLError) as exc:
        raise InvalidRequestError("--ca-cert", f"cannot load {ca_cert!r}: {exc}") from None
    return httpx.Client(verify=context)


def _run_cancel(args: argparse.Namespace, out: TextIO) -> int:
    if args.deadline is not None and not args.confirm:
        raise InvalidRequestError("--deadline", "only means something with --confirm")
    deadline = DEFAULT_CONFIRM_DEADLINE if args.deadline is None else args.deadline
    credentials = HtxCredentials.from_env()
    ids = {"order_ids": args.order_id, "client_order_ids": args.client_order_id}
    http = _trust(args.ca_cert) if args.ca_cert else None
    try:
        with SwapClient(
            credentials, base_url=args.base_url, timeout=args.timeout, http_client=http
        ) as client:
            if args.confirm:
                outcome = client.cancel_and_confirm(args.contract_code, **ids, deadline=deadline)
            else:
                result = client.cancel_many(args.contract_code, **ids)
    finally:
        if http is not None:
            http.close()
    if args.confirm:
        out.write((outcome_as_json(outcome) if args.json else render_outcome(outcome)) + "\n")
        return _outcome_exit_code(outcome)
    out.write((result_as_json(result) if args.json else render_table(result)) + "\n")
    return _exit_code(result)


def _cause_exit_code(errors: list[OrderCancelError]) -> int | None:
    """A request that failed as a whole (its ids carry a ``cause``) outranks per-order refusals."""
    causes = [e.cause for e in errors if e.cause is not None]
    if any(isinstance(cause, AuthenticationError) for cause in causes):
        return EXIT_AUTH
    return EXIT_ERROR if causes else None


def _exit_code(result: CancelResult) -> int:
    by_cause = _cause_exit_code(result.errors)
    if by_cause is not None:
        return by_cause
    return EXIT_PARTIAL if result.errors else EXIT_OK


def _outcome_exit_code(outcome: CancelOutcome) -> int:
    by_cause = _cause_exit_code(outcome.failed)
    if by_cause is not None:
        return by_cause
    return EXIT_PARTIAL if outcome.failed or outcome.filled or outcome.pending else EXIT_OK


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_BAD_INPUT if exit_.code else EXIT_OK
    try:
        return _run_cancel(args, out)
    except InvalidRequestError as error:
        err.write(f"htx-swap: bad input: {error}\n")
        return EXIT_BAD_INPUT
    except AuthenticationError as error:
        err.write(f"htx-swap: authentication refused: {error}\n")
        return EXIT_AUTH
    except HtxError as error:
        err.write(f"htx-swap: {type(error).__name__}: {error}\n")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
