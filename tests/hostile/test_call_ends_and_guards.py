"""Regression tests for the fixes of review 25b's telemetry, logs and hooks defects: a hook's
exception ends a multi-request call without losing a doubt, and a raising logging handler
never changes a cancel's outcome (README, "In production")."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from htx_swap import CancelResult, HtxCredentials
from htx_swap._observe.hooks import HookError, HookRequest
from htx_swap_mock import MockExchange

from tests.hostile.raw_server import RawConnection, RawServer, http_response
from tests.hostile.support import BTC, MODES, call, cancel_ok, json_answers

BASE = 768503271974985728  # order ids above 2**53
IDS = [str(BASE + i) for i in range(35)]  # four chunks of at most 10


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_a_hook_that_raises_ends_a_panic_at_once(mode: str, htx_exchange: MockExchange) -> None:
    """README: a hook's non-HtxError ends the call: no request starts after it (before the
    fix, panic called the hook again for every request of every wave until its deadline)."""
    called: list[HookRequest] = []

    def hook(request: HookRequest) -> None:
        called.append(request)
        if len(called) == 2:
            raise ValueError("a bug in the caller's hook")

    htx_exchange.add_order(BTC, IDS[0])
    creds = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    done = call(
        mode,
        htx_exchange.url,
        "panic",
        [BTC],
        credentials=creds,
        options={"event_hooks": {"request": [hook]}},
    )

    assert isinstance(done.error, HookError), done
    assert isinstance(done.error.__cause__, ValueError)
    assert len(called) == 2  # none after the one that raised
    assert len(done.error.attempt_log) == 2  # the call's records: the answered one and it


def _first_chunk_unanswered(conn: RawConnection) -> None:
    """Cancels answered with their ids cancelled, but the one naming ``IDS[0]`` never answered
    (it may have reached HTX: in doubt)."""
    while (request := conn.read_request()) is not None:
        order_id = json.loads(request.body)["order_id"]
        if IDS[0] in order_id.split(","):
            conn.sleep(10)
            return
        conn.send(http_response(200, cancel_ok(order_id)))


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_a_hook_that_ends_a_fan_out_keeps_a_request_in_doubt_in_doubt(mode: str) -> None:
    """The first chunk goes unanswered (in doubt), the second chunk's request hook raises: the
    call ends as a HookError whose may_have_reached is True (the first chunk may have been
    processed), the first chunk waited for (async: in flight, never cut) and on record."""

    def hook(request: HookRequest) -> None:
        if IDS[12] in request.content.decode():
            raise ValueError("a bug in the caller's hook")

    options: dict[str, Any] = {
        "event_hooks": {"request": [hook]},
        "timeout": 0.5,
        "max_retries": 0,
    }
    with RawServer(_first_chunk_unanswered) as server:
        done = call(mode, server.url, "cancel_many", BTC, order_ids=IDS, options=options)
        sent = len(server.requests)

    assert isinstance(done.error, HookError), done
    assert done.error.may_have_reached is True
    assert sent == 1  # the second chunk never sent; nothing started after it
    records = sorted((r.may_have_reached, r.error is not None) for r in done.error.attempt_log)
    assert records == [(False, True), (True, True)]  # the hook's, the timed out chunk


class _RaisingHandler(logging.Handler):
    """A logging handler with a bug: ``handle`` raises (no ``handleError`` to catch it)."""

    def handle(self, record: logging.LogRecord) -> bool:
        raise RuntimeError("a logging handler's bug")


class _RaisingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        raise RuntimeError("a logging filter's bug")


@pytest.mark.timeout(30)
@pytest.mark.parametrize("raising", ["handler", "filter", "root handler"])
@pytest.mark.parametrize("level", [logging.INFO, logging.DEBUG])
@pytest.mark.parametrize("mode", MODES)
def test_a_raising_logging_handler_never_changes_a_cancels_outcome(
    mode: str, level: int, raising: str
) -> None:
    logger = logging.getLogger("htx_swap")
    handler = _RaisingHandler()
    bug = _RaisingFilter()
    if raising == "filter":
        logger.addFilter(bug)
    else:
        (logging.getLogger() if raising == "root handler" else logger).addHandler(handler)
    was = logger.level
    logger.setLevel(level)
    answers = iter([None])  # the first answer dropped: a retry (its INFO line), then the answer

    def answer(request: Any) -> bytes | None:
        order_id = json.loads(request.body)["order_id"]
        return next(answers, cancel_ok(order_id))

    try:
        with RawServer(json_answers(answer)) as server:
            options = {"backoff_initial": 0.001, "backoff_max": 0.001}
            done = call(mode, server.url, "cancel", BTC, order_ids=IDS[:1], options=options)
            sent = len(server.requests)
    finally:
        logger.removeFilter(bug)
        logger.removeHandler(handler)
        logging.getLogger().removeHandler(handler)
        logger.setLevel(was)

    assert sent == 2, done
    assert isinstance(done.value, CancelResult), repr(done.error)
    assert done.value.successes == IDS[:1]
