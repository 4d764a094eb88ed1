"""``htx-swap``: an emergency cancel from the shell.

    htx-swap cancel BTC-USD --order-id 768503271974985728,771038212360937472
    htx-swap cancel BTC-USD --client-order-id 9001,9002 --json

Credentials come from ``HTX_ACCESS_KEY`` and ``HTX_SECRET_KEY``. Any number of ids may be given;
they are sent in requests of ten within HTX's rate limit.

Exit codes: 0 every order accepted for cancel; 1 some or all orders refused (per-order errors);
2 bad input (nothing sent); 3 authentication refused; 4 network, timeout, server or other API
error.
"""

from __future__ import annotations

import argparse
import json
import ssl
import sys
from collections.abc import Sequence
from typing import TextIO

import httpx

from htx_swap.client import DEFAULT_BASE_URL, DEFAULT_TIMEOUT, SwapClient
from htx_swap.credentials import HtxCredentials
from htx_swap.errors import AuthenticationError, HtxError, InvalidRequestError
from htx_swap.results import CancelResult

__all__ = [
    "EXIT_AUTH",
    "EXIT_BAD_INPUT",
    "EXIT_ERROR",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "main",
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
    commands = parser.add_subparsers(dest="command", required=True)
    cancel = commands.add_parser("cancel", help="cancel orders of one contract")
    cancel.add_argument("contract_code", help="e.g. BTC-USD (case-insensitive)")
    ids = cancel.add_mutually_exclusive_group(required=True)
    ids.add_argument("--order-id", type=_id_list, help="comma-separated exchange order ids")
    ids.add_argument("--client-order-id", type=_id_list, help="comma-separated client order ids")
    cancel.add_argument("--base-url", default=DEFAULT_BASE_URL, help="default: %(default)s")
    cancel.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds")
    cancel.add_argument("--ca-cert", help="PEM file of an extra CA to trust (a local exchange)")
    cancel.add_argument("--json", action="store_true", help="print the result as JSON")
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


def _run_cancel(args: argparse.Namespace, out: TextIO) -> int:
    credentials = HtxCredentials.from_env()
    http: httpx.Client | None = None
    if args.ca_cert:
        http = httpx.Client(verify=ssl.create_default_context(cafile=args.ca_cert))
    try:
        with SwapClient(
            credentials, base_url=args.base_url, timeout=args.timeout, http_client=http
        ) as client:
            if args.order_id is not None:
                result = client.cancel_many(args.contract_code, order_ids=args.order_id)
            else:
                result = client.cancel_many(
                    args.contract_code, client_order_ids=args.client_order_id
                )
    finally:
        if http is not None:
            http.close()
    out.write((result_as_json(result) if args.json else render_table(result)) + "\n")
    return _exit_code(result)


def _exit_code(result: CancelResult) -> int:
    """A request that failed as a whole (its ids carry a ``cause``) outranks per-order refusals."""
    causes = [e.cause for e in result.errors if e.cause is not None]
    if any(isinstance(cause, AuthenticationError) for cause in causes):
        return EXIT_AUTH
    if causes:
        return EXIT_ERROR
    return EXIT_PARTIAL if result.errors else EXIT_OK


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
