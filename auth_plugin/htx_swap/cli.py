"""``htx-swap``: cancel from the shell.

    htx-swap cancel BTC-USD --order-id 768503271974985728,771038212360937472
    htx-swap cancel BTC-USD --client-order-id 9001,9002 --json
    htx-swap cancel BTC-USD --order-id 768503271974985728 --confirm --deadline 5
    htx-swap cancel-all BTC-USD --direction buy --kind all
    htx-swap panic BTC-USD ETH-USD --deadline 10
    htx-swap dead-man-switch --timeout 30 --refresh 10

Credentials come from ``HTX_ACCESS_KEY`` and ``HTX_SECRET_KEY``. Every id is reported in one
state: accepted, refused (HTX's code), not_sent (certain: nothing reached HTX) or unknown (the
request may have reached HTX; read the order before acting on it).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import ssl
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

import httpx

from htx_swap.cli_render import (
    id_states,
    outcome_as_json,
    panic_as_json,
    printable,
    render_outcome,
    render_panic,
    render_table,
    result_as_json,
)
from htx_swap.client import SwapClient
from htx_swap.confirm import CancelOutcome
from htx_swap.constants import (
    DEFAULT_BASE_URL,
    DEFAULT_CONFIRM_DEADLINE,
    DEFAULT_PANIC_DEADLINE,
    DEFAULT_TIMEOUT,
)
from htx_swap.credentials import HtxCredentials
from htx_swap.errors import AuthenticationError, HtxError, InvalidRequestError
from htx_swap.family import KINDS
from htx_swap.results import CancelResult
from htx_swap.surface import check_base_url, check_seconds, is_loopback_url
from htx_swap.transport import sdk_transport

__all__ = [
    "EXIT_AUTH",
    "EXIT_BAD_INPUT",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "main",
    "outcome_as_json",
    "render_outcome",
    "render_table",
    "result_as_json",
]

EXIT_OK, EXIT_PARTIAL, EXIT_BAD_INPUT, EXIT_AUTH, EXIT_ERROR = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # Ctrl-C: what was sent may have reached HTX
EXIT_CODES = (
    "exit codes: 0 every id accepted (cancel --confirm: every order cancelled; panic: nothing "
    "left open), 1 some refused or left open, 2 bad input (nothing sent), 3 authentication "
    "refused, 4 in doubt or failed: network, timeout, server or other API error (some ids may "
    "have reached HTX: read them before acting), 130 interrupted (Ctrl-C: what was sent may "
    "have reached HTX)"
)


def _id_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",")]


def _common(timeout_flag: str) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--base-url", default=DEFAULT_BASE_URL, help="default: %(default)s")
    common.add_argument(
        timeout_flag,
        dest="request_timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        help="seconds for one attempt, connect to last byte (default: %(default)s)",
    )
    common.add_argument("--ca-cert", help="PEM file of an extra CA to trust (a local exchange)")
    common.add_argument("--json", action="store_true", help="print the result as JSON")
    return common


def _parser() -> argparse.ArgumentParser:
    from htx_swap import __version__

    parser = argparse.ArgumentParser(
        prog="htx-swap",
        description="HTX coin-margined swap: cancel orders (signed with HTX_ACCESS_KEY and "
        "HTX_SECRET_KEY from the environment).",
        epilog=EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    # every command takes the common options and lists the exit codes
    command = functools.partial(
        commands.add_parser, parents=[_common("--timeout")], epilog=EXIT_CODES
    )
    cancel = command("cancel", help="cancel orders of one contract by id")
    cancel.add_argument("contract_code", help="e.g. BTC-USD (case-insensitive)")
    ids = cancel.add_mutually_exclusive_group(required=True)
    ids.add_argument("--order-id", type=_id_list, help="comma-separated exchange order ids")
    ids.add_argument("--client-order-id", type=_id_list, help="comma-separated client order ids")
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
    cancel_all = command("cancel-all", help="cancel every order of one contract")
    cancel_all.add_argument("contract_code", help="e.g. BTC-USD")
    cancel_all.add_argument("--direction", choices=("buy", "sell"))
    cancel_all.add_argument("--offset", choices=("open", "close"))
    cancel_all.add_argument(
        "--kind",
        choices=(*KINDS, "all"),
        default="limit",
        help="which orders (default: %(default)s; tpsl takes no --offset)",
    )
    panic = command(
        "panic", help="cancel everything on some contracts and prove nothing is left open"
    )
    panic.add_argument("contract_codes", nargs="*", help="default: every contract with orders")
    panic.add_argument(
        "--deadline", type=float, default=DEFAULT_PANIC_DEADLINE, help="seconds (default: 10.0)"
    )
    panic.add_argument(  # issue 24: many accounts, one report (htx_swap.accounts_cli)
        "--accounts",
        metavar="FILE",
        help="TOML file of accounts ([accounts.NAME] access_key_env / secret_key_env: the "
        "environment variables holding its keys): panic every one at once",
    )
    switch = command(
        "dead-man-switch",
        help="keep HTX's dead man's switch armed until Ctrl-C, then turn it off",
        parents=[_common("--request-timeout")],
    )
    switch.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="seconds without a refresh before HTX cancels every open order (>= 5; "
        "default: %(default)s)",
    )
    switch.add_argument(
        "--refresh", type=float, help="seconds between refreshes (default: a third of --timeout)"
    )
    switch.add_argument(
        "--duration", type=float, help="stop after this many seconds instead of at Ctrl-C"
    )
    return parser


def _ca_client(ca_cert: str, base_url: str) -> httpx.Client:
    """An ``httpx.Client`` that also trusts the CA in ``ca_cert`` (a local exchange)."""
    try:
        context = ssl.create_default_context(cafile=ca_cert)
    except (OSError, ssl.SSLError) as exc:
        raise InvalidRequestError("--ca-cert", f"cannot load {ca_cert!r}: {exc}") from None
    transport = sdk_transport(base_url, trust_env=not is_loopback_url(base_url), verify=context)
    return httpx.Client(verify=context, transport=transport, trust_env=transport is None)


@contextlib.contextmanager
def _client(args: argparse.Namespace) -> Iterator[SwapClient]:
    base_url = check_base_url(args.base_url)
    credentials = HtxCredentials.from_env()
    with contextlib.ExitStack() as stack:
        http = stack.enter_context(_ca_client(args.ca_cert, base_url)) if args.ca_cert else None
        yield stack.enter_context(
            SwapClient(
                credentials, base_url=base_url, timeout=args.request_timeout, http_client=http
            )
        )


def _described(error: HtxError) -> str:
    """The error's type and message, and whether the request may have reached HTX."""
    doubt = "it may have reached HTX" if error.may_have_reached else "nothing reached HTX"
    return f"{type(error).__name__}: {error} ({doubt})"


def _result_exit(result: CancelResult) -> int:
    states = id_states(result)
    causes = [e.cause for e in result.errors if e.cause is not None]
    if any(isinstance(c, AuthenticationError) and not c.may_have_reached for c in causes):
        return EXIT_AUTH
    if any(s.result in {"unknown", "not_sent"} for s in states):
        return EXIT_ERROR
    return EXIT_PARTIAL if any(s.result == "refused" for s in states) else EXIT_OK


def _outcome_exit(outcome: CancelOutcome) -> int:
    causes = [e.cause for e in outcome.failed if e.cause is not None]
    if any(isinstance(c, AuthenticationError) for c in causes):
        return EXIT_AUTH
    if outcome.in_doubt or causes:
        return EXIT_ERROR
    return EXIT_PARTIAL if outcome.failed or outcome.filled or outcome.pending else EXIT_OK


def _run_cancel(args: argparse.Namespace, client: SwapClient, out: TextIO) -> int:
    ids = {"order_ids": args.order_id, "client_order_ids": args.client_order_id}
    if args.confirm:
        deadline = DEFAULT_CONFIRM_DEADLINE if args.deadline is None else args.deadline
        outcome = client.cancel_and_confirm(args.contract_code, **ids, deadline=deadline)
        out.write((outcome_as_json(outcome) if args.json else render_outcome(outcome)) + "\n")
        return _outcome_exit(outcome)
    if args.deadline is not None:
        raise InvalidRequestError("--deadline", "only means something with --confirm")
    result = client.cancel_many(args.contract_code, **ids)
    out.write((result_as_json(result) if args.json else render_table(result)) + "\n")
    return _result_exit(result)


def _run_cancel_all(args: argparse.Namespace, client: SwapClient, out: TextIO) -> int:
    kinds = KINDS if args.kind == "all" else (args.kind,)
    if args.offset and "tpsl" in kinds:
        raise InvalidRequestError("--offset", "HTX's TP/SL cancel-all takes no offset")
    methods: dict[str, Callable[..., CancelResult]] = {
        "limit": client.cancel_all,
        "trigger": client.cancel_all_trigger,
        "tpsl": client.cancel_all_tpsl,
        "trailing": client.cancel_all_trailing,
    }
    # every kind is tried, whatever became of the one before; the worst exit code wins
    return max([_cancel_all_kind(args, kind, methods[kind], out) for kind in kinds])


def _cancel_all_kind(
    args: argparse.Namespace, kind: str, cancel_all: Callable[..., CancelResult], out: TextIO
) -> int:
    """Cancel every order of one kind, write what became of it, and return its exit code."""
    offset = {} if kind == "tpsl" else {"offset": args.offset}  # TP/SL takes a direction only
    try:
        result = cancel_all(args.contract_code, direction=args.direction, **offset)
    except InvalidRequestError:
        raise
    except HtxError as error:
        text = printable(_described(error))
        failure = {"kind": kind, "error": text, "may_have_reached": error.may_have_reached}
        failed = f"{kind} orders of {args.contract_code}: failed: {text}"
        out.write((json.dumps(failure) if args.json else failed) + "\n")
        return EXIT_AUTH if isinstance(error, AuthenticationError) else EXIT_ERROR
    if args.json:
        out.write(f'{{"kind": "{kind}", "result": {result_as_json(result)}}}\n')
    else:
        out.write(f"{kind} orders of {args.contract_code}:\n{render_table(result)}\n")
        if result.may_have_cancelled_more:
            out.write("an earlier attempt may have cancelled more: run `htx-swap panic`\n")
    if result.may_have_cancelled_more:  # which orders were cancelled is in doubt
        return EXIT_ERROR
    return _result_exit(result)


def _run_panic(args: argparse.Namespace, client: SwapClient, out: TextIO) -> int:
    report = client.panic(args.contract_codes or None, deadline=args.deadline)
    out.write((panic_as_json(report) if args.json else render_panic(report)) + "\n")
    if report.clean:
        return EXIT_OK
    errors = [error for entry in report.entries for error in entry.errors]
    if any(isinstance(error, AuthenticationError) for error in errors):
        return EXIT_AUTH
    return EXIT_ERROR if errors else EXIT_PARTIAL


def _run_switch(args: argparse.Namespace, client: SwapClient, out: TextIO) -> int:
    try:
        return _keep_switch(args, client, out)
    except HtxError as error:
        if isinstance(error, InvalidRequestError):
            raise
        out.write(  # turning it off failed, or a refresh did: it may still fire
            f"WARNING: the dead man's switch may still be ARMED: unless it is turned off, HTX "
            f"cancels every open order of the account within {args.timeout:g} s of the last "
            f"refresh ({type(error).__name__}: {printable(str(error))})\n"
        )
        return EXIT_ERROR


def _keep_switch(args: argparse.Namespace, client: SwapClient, out: TextIO) -> int:
    if args.duration is not None:
        check_seconds("--duration", args.duration, minimum=0.0, maximum=float(10**9))
    with client.dead_mans_switch(args.timeout, refresh=args.refresh) as switch:
        out.write(
            f"armed: HTX cancels every open order if not refreshed for {args.timeout:g} s "
            f"(trigger at {switch.status.trigger_time} ms); Ctrl-C turns it off\n"
        )
        out.flush()
        with contextlib.suppress(KeyboardInterrupt):
            stop_at = None if args.duration is None else time.monotonic() + args.duration
            while stop_at is None or time.monotonic() < stop_at:
                time.sleep(0.1)
                switch.check()
    out.write(f"turned off after {switch.refreshes} refreshes\n")
    return EXIT_OK


COMMANDS = {
    "cancel": _run_cancel,
    "cancel-all": _run_cancel_all,
    "panic": _run_panic,
    "dead-man-switch": _run_switch,
}


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
        if getattr(args, "accounts", None):  # issue 24: no HTX_ACCESS_KEY client of its own
            from htx_swap.accounts_cli import run_accounts_panic

            return run_accounts_panic(args, out)
        with _client(args) as client:
            return COMMANDS[args.command](args, client, out)
    except KeyboardInterrupt:
        message, code = "interrupted: requests already sent may have reached HTX", EXIT_INTERRUPTED
    except InvalidRequestError as error:
        message, code = f"bad input: {error}", EXIT_BAD_INPUT
    except AuthenticationError as error:
        message, code = f"authentication refused: {error}", EXIT_AUTH
    except HtxError as error:
        message, code = _described(error), EXIT_ERROR
    err.write(f"htx-swap: {message}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
