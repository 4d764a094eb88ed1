"""``htx-swap panic --accounts FILE``: panic every account a TOML file names, in one report.

The file names each account and the environment variables holding its keys, never the keys::

    [accounts.main]
    access_key_env = "HTX_MAIN_ACCESS_KEY"
    secret_key_env = "HTX_MAIN_SECRET_KEY"

    [accounts.hedge]
    access_key_env = "HTX_HEDGE_ACCESS_KEY"
    secret_key_env = "HTX_HEDGE_SECRET_KEY"

Exit code: 0 every account clean; 4 a request of an account whose key was not refused failed
or is in doubt; else 3 some account's key refused; else 1 (left open), as ``htx-swap panic``.
"""

from __future__ import annotations

import argparse
import os
import tomllib
from collections.abc import Mapping

from htx_swap._cli.cli_render import (
    Shown,
    error_document,
    error_line,
    panic_document,
    render_panic,
)
from htx_swap._model.credentials import HtxCredentials, _problem
from htx_swap._model.errors import InvalidRequestError
from htx_swap._redis.accounts import AccountsPanicReport, panic_accounts

__all__ = ["read_accounts", "run_accounts_panic"]

EXIT_OK, EXIT_PARTIAL, EXIT_AUTH, EXIT_ERROR = 0, 1, 3, 4
_FIELDS = ("access_key_env", "secret_key_env")


def read_accounts(path: str, environ: Mapping[str, str] | None = None) -> dict[str, HtxCredentials]:
    """The accounts of the TOML file at ``path``, their keys read from the environment
    variables it names. ``InvalidRequestError`` naming the file's field (never a key).

    Read in a helper that returns: when this raises, no frame of the traceback holds the
    environment or a key (tools that record locals, such as Sentry, record none)."""
    found = _read_accounts(path, os.environ if environ is None else environ)
    del environ
    if isinstance(found, InvalidRequestError):
        raise found
    return found


def _read_accounts(  # noqa: PLR0911 - every refusal returned, never raised here
    path: str, env: Mapping[str, str]
) -> dict[str, HtxCredentials] | InvalidRequestError:
    try:
        with open(path, "rb") as file:
            document = tomllib.load(file)
    except OSError as error:
        return InvalidRequestError("--accounts", f"cannot read {path!r}: {error}")
    except tomllib.TOMLDecodeError as error:
        return InvalidRequestError("--accounts", f"{path!r} is not TOML: {error}")
    table = document.get("accounts")
    if not isinstance(table, dict) or not table:
        return InvalidRequestError("accounts", f"{path!r} has no [accounts.NAME] table")
    accounts: dict[str, HtxCredentials] = {}
    for name, entry in table.items():
        if not isinstance(entry, dict) or set(entry) != set(_FIELDS):
            return InvalidRequestError(
                f"accounts.{name}", f"must hold exactly {' and '.join(_FIELDS)}"
            )
        keys: list[str] = []
        for field in _FIELDS:
            variable = entry[field]
            if not isinstance(variable, str) or not env.get(variable):
                return InvalidRequestError(
                    f"accounts.{name}.{field}",
                    f"names {variable!r}, which is not set in the environment (or is empty)",
                )
            problem = _problem(env[variable])  # in words that never repeat the key
            if problem is not None:
                return InvalidRequestError(
                    f"accounts.{name}.{field}", f"the key in {variable!r} {problem}"
                )
            keys.append(env[variable])
        accounts[name] = HtxCredentials(keys[0], keys[1])
    return accounts


def _exit_code(report: AccountsPanicReport) -> int:
    """A request failed or is in doubt in an account whose key was not refused: 4, whatever
    the others did (3 says nothing reached HTX, which is false for that account)."""
    if report.clean:
        return EXIT_OK
    refused = set(report.refused)
    failed = any(name not in refused for name in report.errors) or any(
        entry.errors
        for name, one in report.reports.items()
        if name not in refused
        for entry in one.entries
    )
    if failed:
        return EXIT_ERROR
    return EXIT_AUTH if refused else EXIT_PARTIAL


def run_accounts_panic(args: argparse.Namespace) -> Shown:
    """``htx-swap panic --accounts FILE [CONTRACT ...]``: every account's report, then the
    verdict over all of them."""
    if args.ca_cert:
        raise InvalidRequestError("--ca-cert", "is not supported with --accounts")
    accounts = read_accounts(args.accounts)
    report = panic_accounts(
        accounts,
        contract_codes=args.contract_codes or None,
        deadline=args.deadline,
        base_url=args.url,
        timeout=args.request_timeout,
    )
    documents: dict[str, dict[str, object]] = {}
    lines: list[str] = []
    for name in accounts:
        outcome = {"outcome": report.outcome(name)}
        lines.append(f"== account {name}: {report.outcome(name).upper()}")
        if name in report.reports:
            documents[name] = {**panic_document(report.reports[name], args.url), **outcome}
            lines.append(render_panic(report.reports[name], args.url))
        else:
            error = report.errors[name]
            documents[name] = {"error": error_document(error, args.url), **outcome}
            lines.append(error_line(error, args.url))
    verdict = "CLEAN: every account" if report.clean else "NOT CLEAN"
    refused = f"; key refused: {', '.join(report.refused)}" if report.refused else ""
    lines.append(f"{verdict} ({len(accounts)} accounts, {report.seconds:.2f} s){refused}")
    document = {"clean": report.clean, "refused": list(report.refused), "accounts": documents}
    return Shown(_exit_code(report), "\n".join(lines), document)
