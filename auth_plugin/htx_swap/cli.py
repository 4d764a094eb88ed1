"""``htx-swap``: cancel from the shell.

    htx-swap cancel BTC-USD --order-id 768503271974985728,771038212360937472
    htx-swap cancel BTC-USD --client-order-id 9001,9002 --json
    htx-swap cancel BTC-USD --order-id 768503271974985728 --confirm --deadline 5
    htx-swap cancel-all BTC-USD --direction buy --kind all
    htx-swap panic BTC-USD ETH-USD --deadline 10
    htx-swap dead-man-switch --after 30 --refresh 10
    htx-swap watch BTC-USD --json

Credentials come from ``HTX_ACCESS_KEY`` and ``HTX_SECRET_KEY``, the default ``--base-url``
from ``HTX_BASE_URL``. Every id is reported in one state: accepted, already_cancelled, refused
(HTX's code), not_sent (certain: nothing reached HTX) or unknown (the request may have reached
HTX; read the order before acting on it). With ``--json``, every run prints exactly one JSON
document on stdout, even when it fails.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import signal
import ssl
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import attrs
import httpx

from htx_swap._cli.cli_render import (
    DONE_STATES,
    FOOTER,
    PrintableStream,
    Shown,
    Writer,
    as_json,
    error_document,
    error_line,
    id_states,
    outcome_as_json,
    printable,
    render_outcome,
    render_panic,
    render_table,
    result_as_json,
)
from htx_swap._clients.client import SwapClient
from htx_swap._clients.surface import check_base_url, check_seconds, is_loopback_url
from htx_swap._engine.confirm import CancelOutcome
from htx_swap._engine.family import KINDS
from htx_swap._model.constants import (
    DEFAULT_BASE_URL,
    DEFAULT_CONFIRM_DEADLINE,
    DEFAULT_PANIC_DEADLINE,
    DEFAULT_TIMEOUT,
    MAX_TIMEOUT,
)
from htx_swap._model.credentials import HtxCredentials
from htx_swap._model.errors import (
    AuthenticationError,
    HtxError,
    InvalidRequestError,
    ResponseParseError,
)
from htx_swap._model.redaction import redact
from htx_swap._model.results import CancelResult
from htx_swap._products.futures import CONTRACT_TYPES
from htx_swap._wire.transport import sdk_transport

if TYPE_CHECKING:
    from htx_swap._clients.futures_client import FuturesClient
    from htx_swap._clients.usdt_client import UsdtClient

__all__ = [
    "EXIT_AUTH",
    "EXIT_BAD_INPUT",
    "EXIT_ERROR",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_TERMINATED",
    "main",
    "outcome_as_json",
    "render_outcome",
    "render_table",
    "result_as_json",
]

EXIT_OK, EXIT_PARTIAL, EXIT_BAD_INPUT, EXIT_AUTH, EXIT_ERROR = 0, 1, 2, 3, 4
EXIT_INTERRUPTED = 130  # Ctrl-C: what was sent may have reached HTX
EXIT_TERMINATED = 143  # SIGTERM while dead-man-switch was arming or turning the switch off
BASE_URL_VARIABLE = "HTX_BASE_URL"
EXIT_CODES = (
    "exit codes: 0 every id accepted or already cancelled (cancel --confirm: every order "
    "cancelled; panic: CLEAN, every open-order read of the named contracts came back empty; "
    "panic without contracts is never 0), 1 some refused or left open, 2 bad input (nothing "
    "sent), 3 authentication refused, 4 in doubt or failed: network, timeout, server or other "
    "API error (some ids may have reached HTX: read them before acting), 130 interrupted "
    "(Ctrl-C: what was sent may have reached HTX), 143 dead-man-switch terminated (SIGTERM) "
    "while arming or turning off: the switch may be armed"
)


class _UsageError(Exception):
    """A command line argparse cannot read (raised instead of argparse's exit)."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.usage = parser.format_usage()
        self.prog = parser.prog


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(self, message)


def _id_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",")]


class _CommaSeparated(argparse.Action):
    """``--order-id 1,2``; ``--order-id 1 2`` is refused with a hint to use commas."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        assert isinstance(values, list)
        if len(values) > 1:
            joined = ",".join(part for value in values for part in value)
            parser.error(
                f"{option_string} takes one comma-separated list: use commas, not spaces "
                f"({option_string} {joined})"
            )
        setattr(namespace, self.dest, values[0])


def _env_base_url() -> str | None:
    return os.environ.get(BASE_URL_VARIABLE) or None


def _common(*, switch: bool) -> _Parser:
    common = _Parser(add_help=False)
    from_env = _env_base_url()
    now = f" (set: {redact(from_env)})" if from_env else ""
    common.add_argument(
        "--base-url",
        help=f"HTX's API; default: ${BASE_URL_VARIABLE} when set{now}, else {DEFAULT_BASE_URL}",
    )
    # every command: --request-timeout; --timeout too, but for dead-man-switch (where it is
    # the deprecated name of --after)
    flags = ("--request-timeout",) if switch else ("--timeout", "--request-timeout")
    common.add_argument(
        *flags,
        dest="request_timeout",
        metavar="SECONDS",
        type=float,
        default=DEFAULT_TIMEOUT,
        help="seconds for one attempt, connect to last byte (default: %(default)s)",
    )
    common.add_argument("--ca-cert", help="PEM file of an extra CA to trust (a local exchange)")
    common.add_argument(
        "--json", action="store_true", help="print one JSON document (README: 'JSON output')"
    )
    return common


def _add_cancel(
    command: Callable[..., argparse.ArgumentParser],
    example: str = "BTC-USD (case-insensitive)",
    metavar: str | None = None,
) -> None:
    cancel = command("cancel", help="cancel orders of one contract by id")
    cancel.add_argument("contract_code", help=f"e.g. {example}", metavar=metavar)
    ids = cancel.add_mutually_exclusive_group(required=True)
    for flag, what in (("--order-id", "exchange order ids"), ("--client-order-id", "client ids")):
        ids.add_argument(
            flag, nargs="+", type=_id_list, action=_CommaSeparated, help=f"comma-separated {what}"
        )
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


def _add_cancel_all(
    command: Callable[..., argparse.ArgumentParser],
    example: str = "BTC-USD",
    metavar: str | None = None,
) -> argparse.ArgumentParser:
    cancel_all = command("cancel-all", help="cancel every order of one contract")
    cancel_all.add_argument("contract_code", help=f"e.g. {example}", metavar=metavar)
    cancel_all.add_argument(
        "--direction", choices=("buy", "sell"), help="only buy or only sell orders (default: both)"
    )
    cancel_all.add_argument(
        "--offset",
        choices=("open", "close"),
        help="only orders that open or close a position (default: both; not with tpsl)",
    )
    cancel_all.add_argument(
        "--kind",
        choices=(*KINDS, "all"),
        default="limit",
        help="which orders (default: %(default)s; tpsl takes no --offset)",
    )
    return cancel_all


def _add_panic(
    command: Callable[..., argparse.ArgumentParser], *, accounts: bool = True, by: str = "contract"
) -> None:
    panic = command(
        "panic", help=f"cancel everything on the named {by}s and prove nothing is left open"
    )
    panic.add_argument(
        "contract_codes",
        nargs="*",
        metavar=by.upper(),
        help=f"the {by}s: name them to get a proof (CLEAN, exit 0). Without them, {by}s are found "
        "from open limit orders only (HTX lists trigger, TP/SL and trailing orders per "
        f"{by}), so the report cannot be CLEAN",
    )
    panic.add_argument(
        "--deadline", type=float, default=DEFAULT_PANIC_DEADLINE, help="seconds (default: 10.0)"
    )
    if not accounts:  # many accounts: coin-M swaps only
        return
    panic.add_argument(  # issue 24: many accounts, one report (htx_swap._cli.accounts_cli)
        "--accounts",
        metavar="FILE",
        help="TOML file of accounts ([accounts.NAME] access_key_env / secret_key_env: the "
        "environment variables holding its keys): panic every one at once",
    )


def _add_switch(command: Callable[..., argparse.ArgumentParser]) -> None:
    switch = command(
        "dead-man-switch",
        help="keep HTX's dead man's switch armed until Ctrl-C or SIGTERM, then turn it off",
        parents=[_common(switch=True)],
    )
    switch.add_argument(
        "--after",
        metavar="SECONDS",
        type=float,
        help="seconds without a refresh before HTX cancels every open order (>= 5; default: 30.0)",
    )
    switch.add_argument(
        "--timeout",
        dest="deprecated_timeout",
        metavar="SECONDS",
        type=float,
        help="deprecated name of --after (the per-attempt timeout is --request-timeout)",
    )
    switch.add_argument(
        "--refresh", type=float, help="seconds between refreshes (default: a third of --after)"
    )
    switch.add_argument(
        "--duration", type=float, help="stop after this many seconds instead of at Ctrl-C"
    )
    switch.add_argument(
        "--off", action="store_true", help="only turn the switch off (say, after an interrupt)"
    )


def _add_watch(command: Callable[..., argparse.ArgumentParser]) -> None:
    watch = command(
        "watch",
        help="print order updates from HTX's order push until Ctrl-C (a line at every gap)",
    )
    watch.add_argument("contract_code", nargs="?", help="e.g. BTC-USD (default: every contract)")


def _parser() -> argparse.ArgumentParser:
    from htx_swap import __version__

    parser = _Parser(
        prog="htx-swap",
        description="HTX coin-margined swap: cancel orders (signed with HTX_ACCESS_KEY and "
        f"HTX_SECRET_KEY from the environment; ${BASE_URL_VARIABLE} sets the default "
        "--base-url).",
        epilog=EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    # every command takes the common options and lists the exit codes
    command = functools.partial(
        commands.add_parser, parents=[_common(switch=False)], epilog=EXIT_CODES
    )
    _add_cancel(command)
    _add_cancel_all(command)
    _add_panic(command)
    _add_switch(command)
    _add_watch(command)
    _add_usdt(commands)
    _add_futures(commands)
    return parser


def _add_usdt(commands: argparse._SubParsersAction[_Parser]) -> None:
    """``htx-swap usdt cancel|cancel-all|panic``: the same commands, states and exit codes on
    USDT-margined contracts (HTX's v5 API)."""
    usdt = commands.add_parser(
        "usdt", help="USDT-margined contracts (HTX's v5 API): cancel, cancel-all, panic"
    )
    below = usdt.add_subparsers(dest="usdt_command", required=True)
    command = functools.partial(
        below.add_parser, parents=[_common(switch=False)], epilog=EXIT_CODES
    )
    _add_cancel(command, "BTC-USDT or BTC-USDT-261225 (exact)")
    cancel_all = command("cancel-all", help="cancel every limit (and/or algo) order")
    cancel_all.add_argument(
        "contract_code", nargs="?", help="e.g. BTC-USDT (default: every contract; limit only)"
    )
    cancel_all.add_argument("--side", choices=("buy", "sell"), help="only buy or only sell orders")
    cancel_all.add_argument(
        "--position-side", choices=("long", "short", "both"), help="only orders of one position"
    )
    cancel_all.add_argument(
        "--kind", choices=("limit", "algo", "all"), default="limit", help="default: %(default)s"
    )
    _add_panic(command, accounts=False)


def _add_futures(commands: argparse._SubParsersAction[_Parser]) -> None:
    """``htx-swap futures cancel|cancel-all|panic``: the same commands, states and exit codes
    on coin-margined delivery futures, a contract named by its symbol."""
    futures = commands.add_parser(
        "futures",
        help="coin-margined delivery futures (/api/v1/contract_*): cancel, cancel-all, panic",
    )
    below = futures.add_subparsers(dest="futures_command", required=True)
    command = functools.partial(
        below.add_parser, parents=[_common(switch=False)], epilog=EXIT_CODES
    )
    _add_cancel(command, "BTC (any of its contracts; case-insensitive)", "symbol")
    cancel_all = _add_cancel_all(command, "BTC", "symbol")
    narrow = cancel_all.add_mutually_exclusive_group()
    narrow.add_argument(
        "--contract-code",
        dest="futures_contract_code",
        metavar="CONTRACT_CODE",
        help="only this contract (BTC231229)",
    )
    narrow.add_argument("--contract-type", choices=CONTRACT_TYPES, help="only this contract type")
    _add_panic(command, accounts=False, by="symbol")


def _ca_client(ca_cert: str, base_url: str) -> httpx.Client:
    """An ``httpx.Client`` that also trusts the CA in ``ca_cert`` (a local exchange)."""
    try:
        context = ssl.create_default_context(cafile=ca_cert)
    except (OSError, ssl.SSLError) as exc:
        raise InvalidRequestError("--ca-cert", f"cannot load {ca_cert!r}: {exc}") from None
    transport = sdk_transport(base_url, trust_env=not is_loopback_url(base_url), verify=context)
    return httpx.Client(verify=context, transport=transport, trust_env=transport is None)


def _base_url(args: argparse.Namespace) -> str:
    """``--base-url``, else ``$HTX_BASE_URL``, else HTX's; a bad variable is named as such."""
    if args.base_url is not None:
        return check_base_url(args.base_url, "--base-url")
    from_env = _env_base_url()
    if from_env is None:
        return DEFAULT_BASE_URL
    try:
        return check_base_url(from_env)
    except InvalidRequestError as error:
        raise InvalidRequestError(BASE_URL_VARIABLE, error.problem) from None


@contextlib.contextmanager
def _client(args: argparse.Namespace) -> Iterator[Any]:  # a Swap, Usdt or FuturesClient
    credentials = HtxCredentials.from_env()
    kind: type[SwapClient | UsdtClient | FuturesClient] = SwapClient
    if args.command == "usdt":
        from htx_swap._clients.usdt_client import UsdtClient  # the USDT-M code: on use

        kind = UsdtClient
    if args.command == "futures":
        from htx_swap._clients.futures_client import FuturesClient  # the futures code: on use

        kind = FuturesClient
    with contextlib.ExitStack() as stack:
        url = args.url
        http = stack.enter_context(_ca_client(args.ca_cert, url)) if args.ca_cert else None
        yield stack.enter_context(
            kind(credentials, base_url=url, timeout=args.request_timeout, http_client=http)
        )


def _described(error: HtxError, base_url: str = "") -> str:
    """The error's type and message, and whether the request may have reached HTX."""
    doubt = "it may have reached HTX" if error.may_have_reached else "nothing reached HTX"
    return f"{error_line(error, base_url)} ({doubt})"


def _result_exit(result: CancelResult, base_url: str = "") -> int:
    states = id_states(result, base_url)
    causes = [e.cause for e in result.errors if e.cause is not None]
    if any(isinstance(c, AuthenticationError) and not c.may_have_reached for c in causes):
        return EXIT_AUTH
    if result.may_have_cancelled_more or any(s.result in {"unknown", "not_sent"} for s in states):
        return EXIT_ERROR
    return EXIT_OK if all(s.result in DONE_STATES for s in states) else EXIT_PARTIAL


def _outcome_exit(outcome: CancelOutcome) -> int:
    causes = [e.cause for e in outcome.failed if e.cause is not None]
    if any(isinstance(c, AuthenticationError) and not c.may_have_reached for c in causes):
        return EXIT_AUTH
    if outcome.in_doubt or causes or any(e.may_have_reached for e in outcome.failed):
        return EXIT_ERROR
    return EXIT_PARTIAL if outcome.failed or outcome.filled or outcome.pending else EXIT_OK


def _run_cancel(args: argparse.Namespace, client: SwapClient | UsdtClient, err: Writer) -> Shown:
    ids = {"order_ids": args.order_id, "client_order_ids": args.client_order_id}
    id_field = {"id_field": "order_id" if args.order_id else "client_order_id"}
    if args.confirm:
        deadline = DEFAULT_CONFIRM_DEADLINE if args.deadline is None else args.deadline
        outcome = client.cancel_and_confirm(args.contract_code, **ids, deadline=deadline)
        document = {"confirm": True, **id_field, **outcome.to_dict(base_url=args.url)}
        return Shown(_outcome_exit(outcome), render_outcome(outcome, args.url), document)
    if args.deadline is not None:
        raise InvalidRequestError("--deadline", "only means something with --confirm")
    result = client.cancel_many(args.contract_code, **ids)
    document = {"confirm": False, **id_field, **result.to_dict(base_url=args.url)}
    return Shown(_result_exit(result, args.url), render_table(result, args.url), document)


def _run_cancel_all(args: argparse.Namespace, client: SwapClient, err: Writer) -> Shown:
    kinds = KINDS if args.kind == "all" else (args.kind,)
    if args.offset and "tpsl" in kinds:
        raise InvalidRequestError("--offset", "HTX's TP/SL cancel-all takes no offset")
    methods: dict[str, Callable[..., CancelResult]] = {
        "limit": client.cancel_all,
        "trigger": client.cancel_all_trigger,
        "tpsl": client.cancel_all_tpsl,
        "trailing": client.cancel_all_trailing,
    }
    calls: dict[str, Callable[[], CancelResult]] = {
        kind: functools.partial(
            methods[kind],
            args.contract_code,
            direction=args.direction,
            **_cancel_all_options(args, kind),
        )
        for kind in kinds
    }
    return _cancel_all_kinds(args, calls)


def _cancel_all_options(args: argparse.Namespace, kind: str) -> dict[str, str | None]:
    options = {} if kind == "tpsl" else {"offset": args.offset}  # TP/SL takes a direction only
    if args.command == "futures":  # narrowed to one contract code or contract type
        options |= {"contract_code": args.futures_contract_code}
        options |= {"contract_type": args.contract_type}
    return options


def _run_usdt_cancel_all(args: argparse.Namespace, client: UsdtClient, err: Writer) -> Shown:
    kinds = ("limit", "algo") if args.kind == "all" else (args.kind,)
    if "algo" in kinds and (args.contract_code is None or args.side or args.position_side):
        raise InvalidRequestError("--kind", "algo orders are cancelled per contract, unfiltered")
    code, filters = args.contract_code, {"side": args.side, "position_side": args.position_side}
    calls = {
        "limit": functools.partial(client.cancel_all, code, **filters),
        "algo": functools.partial(_cancel_every_algo, client, code),
    }
    return _cancel_all_kinds(args, {kind: calls[kind] for kind in kinds})


def _cancel_every_algo(client: UsdtClient, contract_code: str) -> CancelResult:
    """Every algo order HTX lists on ``contract_code``, cancelled by id (v5 has no algo
    cancel-all). A listed entry that cannot be read may be an open algo order nobody can cancel
    by id: what could be read is cancelled, then the kind fails in doubt (exit 4)."""
    from htx_swap._products.usdt import read_kind

    engine = client._engine
    deadline_at = engine.deadline(None, engine.timeout)
    page = client._run(read_kind(engine, "algo", contract_code, deadline_at, engine.timeout))
    listed = [order.order_id for order in page.orders]
    result = CancelResult(successes=[], errors=[], ts=None, attempts=0)
    if listed:
        result = client.cancel_algo(contract_code, algo_ids=listed)
    if page.problems:
        done = f"{len(result.successes)} of the {len(listed)} read were accepted for cancel"
        raise ResponseParseError(
            f"{len(page.problems)} algo order(s) listed could not be read and may still be "
            f"open ({done}): run `htx-swap usdt panic {contract_code}`; {page.problems[0]}"
        )
    return result


def _cancel_all_kinds(
    args: argparse.Namespace, calls: dict[str, Callable[[], CancelResult]]
) -> Shown:
    # every kind is tried, whatever became of the one before; the worst exit code wins
    shown = [_cancel_all_kind(args, kind, call) for kind, call in calls.items()]
    text = "\n".join(part.text for part in shown)
    if any(part.accepted for part in shown):
        text += f"\n{FOOTER}"
    document = {"contract_code": args.contract_code, "kinds": [part.document for part in shown]}
    if args.contract_code is None:  # a USDT-M cancel-all of every contract
        del document["contract_code"]
    return Shown(max(part.code for part in shown), text, document)


def _cancel_all_kind(
    args: argparse.Namespace, kind: str, cancel_all: Callable[[], CancelResult]
) -> Shown:
    """Cancel every order of one kind: what became of it, and its exit code."""
    where = args.contract_code or "every contract"
    try:
        result = cancel_all()
    except InvalidRequestError:
        raise
    except HtxError as error:
        code = EXIT_AUTH if isinstance(error, AuthenticationError) else EXIT_ERROR
        failed = f"{kind} orders of {where}: failed: {_described(error, args.url)}"
        return Shown(code, failed, _kind_document(kind, error_document(error, args.url), None))
    text = f"{kind} orders of {where}:\n{render_table(result, args.url, footer=False)}"
    if result.may_have_cancelled_more:  # which orders were cancelled is in doubt
        text += "\nan earlier attempt may have cancelled more: run `htx-swap panic`"
    document = _kind_document(kind, None, result.to_dict(base_url=args.url))
    return Shown(_result_exit(result, args.url), text, document, bool(result.successes))


def _kind_document(kind: str, error: object, result: object) -> dict[str, object]:
    return {"kind": kind, "error": error, "result": result}


def _run_panic(args: argparse.Namespace, client: SwapClient | UsdtClient, err: Writer) -> Shown:
    report = client.panic(args.contract_codes or None, deadline=args.deadline)
    shown = functools.partial(Shown, text=render_panic(report, args.url))
    document = report.to_dict(base_url=args.url)
    if report.clean:
        return shown(EXIT_OK, document=document)
    errors = [error for entry in report.entries for error in entry.errors]
    if any(isinstance(error, AuthenticationError) for error in errors):
        return shown(EXIT_AUTH, document=document)
    return shown(EXIT_ERROR if errors else EXIT_PARTIAL, document=document)


class _Terminated(KeyboardInterrupt):
    """SIGTERM (systemd, docker stop), handled as Ctrl-C by ``dead-man-switch``."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    try:
        before = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: signals cannot be caught here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _switch_after(args: argparse.Namespace, err: Writer) -> float:
    """``--after`` (or its deprecated name), checked under the name the user typed."""
    option, after = "--after", args.after
    if args.deprecated_timeout is not None:
        err.write(
            "htx-swap: dead-man-switch --timeout is deprecated: use --after (the switch's "
            "timeout); --request-timeout is the per-attempt timeout\n"
        )
        if args.after is not None:
            raise InvalidRequestError(
                "--after/--timeout", "give --after only (--timeout is its deprecated name)"
            )
        option, after = "--timeout", args.deprecated_timeout
    if after is None:
        return 30.0
    return check_seconds(option, after, minimum=5.0, maximum=MAX_TIMEOUT * 24)


def _off_command(args: argparse.Namespace) -> str:
    where = "" if args.url == DEFAULT_BASE_URL else f" --base-url {redact(args.url)}"
    return f"htx-swap dead-man-switch --off{where}"


def _run_switch(args: argparse.Namespace, client: SwapClient, err: Writer) -> Shown:
    after = _switch_after(args, err)
    state = {"armed": args.off, "refreshes": 0}  # --off: it may be armed already
    with _sigterm_as_interrupt():
        try:
            return (
                _switch_off(client, after)
                if args.off
                else _keep_switch(args, client, err, after, state)
            )
        except KeyboardInterrupt as interrupt:
            # while arming or turning off: the switch may be on, and nothing will refresh it
            terminated = isinstance(interrupt, _Terminated)
            message = (
                f"{'terminated (SIGTERM)' if terminated else 'interrupted'} while "
                f"{'turning off' if state['armed'] else 'arming'}: the dead man's switch may be "
                f"ARMED: unless it is turned off, HTX cancels every open order of the account "
                f"within {after:g} s. Turn it off: {_off_command(args)}"
            )
            err.write(f"htx-swap: {printable(message)}\n")
            code = EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
            document = _switch_document(state["refreshes"], True, after)
            kind = "SIGTERM" if terminated else "KeyboardInterrupt"
            return Shown(code, "", document, error=_failure(code, message, kind, True).error)
        except HtxError as error:
            kept_armed = state["armed"] and not args.off  # this run armed it
            # --off that failed leaves the switch as it was: armed, maybe (why run --off?); a
            # refusal of the keys or the input is said as any refusal
            off_failed = args.off and not isinstance(error, AuthenticationError)
            doubt = kept_armed or off_failed or error.may_have_reached
            if isinstance(error, InvalidRequestError) or not doubt:
                raise  # refused before this run armed it or touched it: said as any refusal
            # turning it off failed, or a refresh did: it may still fire (--off knows not when)
            when = "" if args.off else f" within {after:g} s of the last refresh"
            text = (
                f"WARNING: the dead man's switch may still be ARMED: unless it is turned off, "
                f"HTX cancels every open order of the account{when} "
                f"({error_line(error, args.url)}). Turn it off: {_off_command(args)}"
            )
            document = _switch_document(state["refreshes"], True, after)
            return Shown(EXIT_ERROR, text, document, error=error_document(error, args.url))


def _switch_off(client: SwapClient, after: float) -> Shown:
    armed = client.cancel_after(None).armed
    text = "the dead man's switch is ARMED" if armed else "the dead man's switch is off"
    return Shown(EXIT_ERROR if armed else EXIT_OK, text, _switch_document(0, armed, after))


def _switch_document(refreshes: int, may_be_armed: bool, after: float) -> dict[str, object]:
    return {"after": after, "refreshes": refreshes, "may_be_armed": may_be_armed}


def _keep_switch(
    args: argparse.Namespace,
    client: SwapClient,
    err: Writer,
    after: float,
    state: dict[str, bool | int],
) -> Shown:
    if args.duration is not None:
        check_seconds("--duration", args.duration, minimum=0.0, maximum=float(10**9))
    progress: Writer = err if args.json else args.progress
    with client.dead_mans_switch(after, refresh=args.refresh) as switch:
        state["armed"] = True
        try:  # from here, Ctrl-C and SIGTERM turn the switch off
            progress.write(
                f"armed: HTX cancels every open order if not refreshed for {after:g} s "
                f"(trigger at {switch.status.trigger_time} ms); Ctrl-C or SIGTERM turns it off\n"
            )
            progress.flush()
            stop_at = None if args.duration is None else time.monotonic() + args.duration
            while stop_at is None or time.monotonic() < stop_at:
                time.sleep(0.1)
                state["refreshes"] = switch.refreshes
                switch.check()
        except _Terminated:
            err.write("htx-swap: terminated (SIGTERM): turning the dead man's switch off\n")
        except KeyboardInterrupt:
            pass
    text = f"turned off after {switch.refreshes} refreshes"
    return Shown(EXIT_OK, text, _switch_document(switch.refreshes, False, after))


def _run_watch(args: argparse.Namespace, client: SwapClient, err: Writer) -> Shown:
    from htx_swap._cli.cli_watch import watch

    with _sigterm_as_interrupt():
        summary, document = watch(
            client, args.contract_code, args.progress, json=args.json, base_url=args.url
        )
    return Shown(EXIT_OK, summary, document)


COMMANDS: dict[str, Callable[[argparse.Namespace, SwapClient, Writer], Shown]] = {
    "cancel": _run_cancel,
    "cancel-all": _run_cancel_all,
    "panic": _run_panic,
    "dead-man-switch": _run_switch,
    "watch": _run_watch,
}
# ``htx-swap usdt ...``: the same runs on a UsdtClient; its JSON says "product": "usdt"
USDT_COMMANDS: dict[str, Callable[[argparse.Namespace, UsdtClient, Writer], Shown]] = {
    "cancel": _run_cancel,
    "cancel-all": _run_usdt_cancel_all,
    "panic": _run_panic,
}


@attrs.frozen
class _Failure:
    """A run that failed as a whole: its exit code, the line for stderr, and its JSON error."""

    code: int
    message: str
    error: dict[str, object]


def _failure(code: int, message: str, kind: str, reached: bool) -> _Failure:
    error: dict[str, object] = {
        "type": kind,
        "message": message,
        "code": None,
        "http_status": None,
        "may_have_reached": reached,
    }
    return _Failure(code, message, error)


def _error_failure(error: HtxError, base_url: str) -> _Failure:
    document = error_document(error, base_url) or {}
    if isinstance(error, InvalidRequestError):
        return _Failure(EXIT_BAD_INPUT, f"bad input: {error}", document)
    if isinstance(error, AuthenticationError):
        return _Failure(EXIT_AUTH, f"authentication refused: {error}", document)
    return _Failure(EXIT_ERROR, _described(error, base_url), document)


def _run(args: argparse.Namespace, err: Writer) -> Shown | _Failure:
    args.url = ""
    try:
        args.url = _base_url(args)
        if args.command == "panic" and args.accounts:  # many accounts, one report
            from htx_swap._cli.accounts_cli import run_accounts_panic

            return run_accounts_panic(args)
        with _client(args) as client:
            if args.command == "usdt":
                return USDT_COMMANDS[args.usdt_command](args, client, err)
            if args.command == "futures":  # the same runs on a FuturesClient
                return COMMANDS[args.futures_command](args, client, err)
            return COMMANDS[args.command](args, client, err)
    except KeyboardInterrupt:
        message = "interrupted: requests already sent may have reached HTX"
        return _failure(EXIT_INTERRUPTED, message, "KeyboardInterrupt", True)
    except HtxError as error:
        return _error_failure(error, args.url)


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    # every byte goes out through the printable filter: no server text reaches a terminal raw
    screen, errors = PrintableStream(out or sys.stdout), PrintableStream(err or sys.stderr)
    words = list(sys.argv[1:] if argv is None else argv)
    wants_json = "--json" in words
    command = next((word for word in words if word in COMMANDS), None)
    try:
        args = _parser().parse_args(words)
        command = getattr(args, "usdt_command", None) or getattr(args, "futures_command", None)
        command, args.progress = command or args.command, screen
        ran = _run(args, errors)
    except _UsageError as usage:
        errors.write(usage.usage)  # then the one line every failure ends with
        ran = _failure(EXIT_BAD_INPUT, f"bad input: {usage.prog}: {usage}", "UsageError", False)
    except SystemExit as exit_:  # --help, --version
        return EXIT_BAD_INPUT if exit_.code else EXIT_OK
    if isinstance(ran, _Failure):
        errors.write(f"htx-swap: {printable(ran.message)}\n")  # one line, whatever it quotes
        document: dict[str, object] = {"error": ran.error}
    else:
        document = {"error": ran.error, **ran.document}
        if not wants_json and ran.text:
            screen.write(f"{ran.text}\n")
    if wants_json:
        header: dict[str, object] = {"command": command, "exit_code": ran.code}
        if words[:1] == ["usdt"]:  # the USDT-M commands: the same document, its product named
            header["product"] = "usdt"
        if words[:1] == ["futures"]:  # the futures commands: the same document, product named
            header["product"] = "futures"
        screen.write(f"{as_json({**header, **document})}\n")
    return ran.code


if __name__ == "__main__":
    sys.exit(main())
