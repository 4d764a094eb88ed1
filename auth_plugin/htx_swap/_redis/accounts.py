"""Panic across accounts: ``panic_accounts`` (sync) and ``panic_accounts_async`` run ``panic``
on every account at once, each through a client of its own (so in its own rate-limit buckets),
and return one ``AccountsPanicReport``.

An account whose panic raised (its key refused while finding its contracts, say) is in
``errors``; one that ran has its ``PanicReport`` in ``reports``; ``clean`` only when every
account ran and every report is clean. ``refused`` names the accounts HTX refused the key of
(nothing they sent may have been processed).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

import attrs

from htx_swap._model.constants import DEFAULT_PANIC_DEADLINE
from htx_swap._model.credentials import HtxCredentials
from htx_swap._model.errors import AuthenticationError, HtxError, InvalidRequestError
from htx_swap._model.reports import PanicReport

__all__ = ["AccountsPanicReport", "panic_accounts", "panic_accounts_async"]

Outcome = Literal["clean", "refused", "not clean"]


def _refused_error(error: BaseException) -> bool:
    return isinstance(error, AuthenticationError) and not error.may_have_reached


def _report_refused(report: PanicReport) -> bool:
    """Every request the report made was refused for the key: nothing was cancelled."""
    errors = [error for entry in report.entries for error in entry.errors]
    return (
        bool(report.entries)
        and all(entry.errors for entry in report.entries)
        and all(_refused_error(error) for error in errors)
        and not any(entry.cancelled or entry.may_have_cancelled_more for entry in report.entries)
    )


@attrs.frozen
class AccountsPanicReport:
    """What ``panic_accounts`` did: one ``PanicReport`` per account that ran (``reports``), the
    error of each whose panic raised (``errors``), and the whole call's ``seconds``."""

    reports: dict[str, PanicReport]
    errors: dict[str, HtxError] = attrs.field(factory=dict, eq=False)
    seconds: float = 0.0

    @property
    def clean(self) -> bool:
        """True only when every account ran and every account's report is clean."""
        return (
            not self.errors and bool(self.reports) and all(r.clean for r in self.reports.values())
        )

    @property
    def refused(self) -> list[str]:
        """The accounts whose key HTX refused (nothing they sent was processed)."""
        named = [name for name, error in self.errors.items() if _refused_error(error)]
        named += [name for name, report in self.reports.items() if _report_refused(report)]
        return sorted(named)

    def outcome(self, account: str) -> Outcome:
        """``account``'s outcome: "clean", "refused" (its key), or "not clean" (orders may be
        left open, or its requests failed: read them)."""
        if account in self.reports and self.reports[account].clean:
            return "clean"
        return "refused" if account in self.refused else "not clean"


def _checked(accounts: object) -> dict[str, HtxCredentials]:
    if not isinstance(accounts, Mapping) or not accounts:
        raise InvalidRequestError("accounts", "must be a non-empty mapping of name to credentials")
    checked: dict[str, HtxCredentials] = {}
    for name, credentials in accounts.items():
        if not isinstance(name, str) or not name:
            raise InvalidRequestError("accounts", f"names must be non-empty text, got {name!r}")
        if not isinstance(credentials, HtxCredentials):
            kind = type(credentials).__name__
            raise InvalidRequestError(f"accounts[{name!r}]", f"must be HtxCredentials, got {kind}")
        same = [
            other for other, known in checked.items() if known.access_key == credentials.access_key
        ]
        if same:  # one account twice: two panics at once in two buckets HTX counts as one
            raise InvalidRequestError(
                f"accounts[{name!r}]", f"has the same access key as accounts[{same[0]!r}]"
            )
        checked[name] = credentials
    return checked


def _one_sync(
    credentials: HtxCredentials,
    contract_codes: list[str] | None,
    deadline: float,
    options: dict[str, Any],
) -> PanicReport | HtxError:
    from htx_swap._clients.client import SwapClient

    try:
        with SwapClient(credentials, **options) as client:
            return client.panic(contract_codes, deadline=deadline)
    except InvalidRequestError:
        raise
    except Exception as error:
        return _as_htx_error(error)


def _as_htx_error(error: Exception) -> HtxError:
    """An account's panic raised ``error``: as an ``HtxError`` (anything but one may have
    reached HTX: its requests' fate is unknown), so the other accounts' reports are kept."""
    if isinstance(error, HtxError):
        return error
    wrapped = HtxError(
        f"this account's panic failed ({type(error).__name__}: {error}): what it sent is "
        "unknown; read its open orders",
        may_have_reached=True,
    )
    wrapped.__cause__ = error
    return wrapped


def _gathered(
    names: list[str], outcomes: list[PanicReport | HtxError], started: float
) -> AccountsPanicReport:
    reports = {n: o for n, o in zip(names, outcomes, strict=True) if isinstance(o, PanicReport)}
    errors = {n: o for n, o in zip(names, outcomes, strict=True) if isinstance(o, HtxError)}
    return AccountsPanicReport(reports, errors, time.monotonic() - started)


def panic_accounts(
    accounts: Mapping[str, HtxCredentials],
    *,
    contract_codes: list[str] | None = None,
    deadline: float = DEFAULT_PANIC_DEADLINE,
    **client_options: Any,  # noqa: ANN401 - SwapClient's keywords
) -> AccountsPanicReport:
    """``panic`` on every account of ``accounts`` (name to ``HtxCredentials``) at once, each in
    a thread with a ``SwapClient(credentials, **client_options)`` of its own (its own buckets),
    all within ``deadline`` seconds. A typed error naming the field for bad input, before
    anything is sent."""
    checked = _checked(accounts)
    started = time.monotonic()
    with ThreadPoolExecutor(len(checked), thread_name_prefix="htx-panic") as pool:
        futures = [
            pool.submit(_one_sync, credentials, contract_codes, deadline, client_options)
            for credentials in checked.values()
        ]
        outcomes = [future.result() for future in futures]
    return _gathered(list(checked), outcomes, started)


async def panic_accounts_async(
    accounts: Mapping[str, HtxCredentials],
    *,
    contract_codes: list[str] | None = None,
    deadline: float = DEFAULT_PANIC_DEADLINE,
    **client_options: Any,  # noqa: ANN401 - AsyncSwapClient's keywords
) -> AccountsPanicReport:
    """``panic_accounts``' async twin: one ``AsyncSwapClient`` per account, run as tasks."""
    import asyncio

    from htx_swap._clients.aclient import AsyncSwapClient

    checked = _checked(accounts)
    started = time.monotonic()

    async def one(credentials: HtxCredentials) -> PanicReport | HtxError:
        try:
            async with AsyncSwapClient(credentials, **client_options) as client:
                return await client.panic(contract_codes, deadline=deadline)
        except InvalidRequestError:
            raise
        except Exception as error:
            return _as_htx_error(error)

    outcomes = await asyncio.gather(*(one(c) for c in checked.values()))
    return _gathered(list(checked), list(outcomes), started)
