"""Issue 25's cost when off: with no hook, no OpenTelemetry provider and the log off, a call
makes no per-attempt watcher (``watch.Attempt``) and no wrapping flow (``calls.observed``); its
attempts are only timed and recorded, with the same records as a watched call's.

The first test runs in a fresh process (nothing there has set an OpenTelemetry provider, as
the in-memory ones of ``otel_support`` are, once, for the whole test process), against its own
local exchange, sync and async: first without OpenTelemetry imported, then with its API
imported and no provider set, then with the log at INFO (watched: the counters must move).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from htx_swap import CancelResult, ServiceUnavailableError
from htx_swap._engine import calls
from htx_swap._model.attempts import AttemptRecord
from htx_swap_mock import MockExchange, faults

from tests.production.client_support import run
from tests.production.conftest import BTC, ORDER_A, ORDER_B

CANCEL_PATH = "/swap-api/v1/swap_cancel"

_SCRIPT = """
import asyncio, json, logging, sys
from htx_swap import AsyncSwapClient, HtxCredentials, SwapClient
from htx_swap._engine import calls
from htx_swap._observe import watch
from htx_swap_mock import MockExchange, faults

ACCESS, SECRET, A, B = "cost-access", "cost-secret", "768503271974985728", "771038212360937472"
made = {"Attempt": 0, "observed": 0}
real_attempt, real_observed = watch.Attempt, calls.observed

class Counted(real_attempt):
    __slots__ = ()
    def __init__(self, *args, **kwargs):
        made["Attempt"] += 1
        super().__init__(*args, **kwargs)

def observed(*args, **kwargs):
    made["observed"] += 1
    return real_observed(*args, **kwargs)

watch.Attempt, calls.observed = Counted, observed

def shape(log):
    return [[r.operation, r.attempt, r.status_code, r.htx_code, r.error, r.retry_in is not None,
             r.may_have_reached] for r in log]

def scenario(exchange, mode):
    exchange.reset()
    exchange.add_order("BTC-USD", A)
    exchange.add_order("BTC-USD", B)
    exchange.inject(faults.http_503(), times=1, path="/swap-api/v1/swap_cancel")
    exchange.inject(faults.business_error(12001, "Invalid submission time."), times=1)
    options = dict(base_url=exchange.url, backoff_initial=0.001, backoff_max=0.001,
                   rate_limiter=None, max_retries=1)
    if mode == "sync":
        with SwapClient(HtxCredentials(ACCESS, SECRET), **options) as client:
            # the third call: HTX busy on every attempt (the fault set after the second call)
            first = client.cancel("BTC-USD", order_ids=[A])
            second = client.cancel_and_confirm("BTC-USD", order_ids=[B], via="poll")
            exchange.inject(faults.business_error(1004, "System busy."), times=None,
                            path="/swap-api/v1/swap_cancel")
            try:
                third = client.cancel("BTC-USD", order_ids=[A])
            except Exception as error:
                third = error
    else:
        async def go():
            async with AsyncSwapClient(HtxCredentials(ACCESS, SECRET), **options) as client:
                first = await client.cancel("BTC-USD", order_ids=[A])
                second = await client.cancel_and_confirm("BTC-USD", order_ids=[B], via="poll")
                exchange.inject(faults.business_error(1004, "System busy."), times=None,
                                path="/swap-api/v1/swap_cancel")
                try:
                    third = await client.cancel("BTC-USD", order_ids=[A])
                except Exception as error:
                    third = error
                return first, second, third
        first, second, third = asyncio.run(go())
    return {"first": shape(first.attempt_log), "second": shape(second.attempt_log),
            "third": [type(third).__name__, shape(third.attempt_log)]}

def phase():
    made.update(Attempt=0, observed=0)
    found = {mode: scenario(exchange, mode) for mode in ("sync", "async")}
    return {"made": dict(made), "found": found,
            "otel": sorted(m for m in sys.modules if m.startswith("opentelemetry"))}

with MockExchange(credentials={ACCESS: SECRET}, rate_limit=None) as exchange:
    out = {"not imported": phase()}
    import opentelemetry.metrics, opentelemetry.trace  # the API imported, no provider set
    out["imported, no provider"] = phase()
    logging.getLogger("htx_swap").setLevel(logging.INFO)  # watched: the counters move
    out["log at info"] = phase()
print(json.dumps(out))
"""

FIRST = [  # a retry (HTTP 503), a clock resync (12001), then the cancel
    ["swap_cancel", 1, 503, None, "ServiceUnavailableError", True, True],
    ["swap_cancel", 2, 200, 12001, "TimestampError", False, True],
    ["get_timestamp", 1, 200, None, None, False, True],
    ["swap_cancel", 3, 200, None, None, False, True],
]
THIRD = [  # HTX busy on each of the two attempts
    ["swap_cancel", 1, 200, 1004, "ServiceUnavailableError", True, True],
    ["swap_cancel", 2, 200, 1004, "ServiceUnavailableError", False, True],
]


def test_a_call_with_nothing_on_makes_no_watcher_and_keeps_the_same_records() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HTX_SWAP_LOG", "OTEL_"))}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)

    assert out["not imported"]["otel"] == []  # the SDK imported none of it
    assert out["imported, no provider"]["otel"] != []
    for phase in ("not imported", "imported, no provider"):
        assert out[phase]["made"] == {"Attempt": 0, "observed": 0}, phase
    assert out["log at info"]["made"]["observed"] == 3 * 2  # three calls, sync and async
    assert out["log at info"]["made"]["Attempt"] >= 2 * (4 + 1 + 2)
    for phase in out.values():
        for mode in ("sync", "async"):
            found = phase["found"][mode]
            assert found["first"] == FIRST, (phase, mode)
            second = [r[0] for r in found["second"]]
            assert second[0] == "swap_cancel", (phase, mode)
            assert "swap_order_info" in second, (phase, mode)  # the polls' (a fan-out's) reads
            assert found["third"] == ["ServiceUnavailableError", THIRD], (phase, mode)


def _records(log: tuple[AttemptRecord, ...]) -> list[tuple[Any, ...]]:
    """Every field of each record but its time, its headers as read."""
    return [
        (
            r.operation,
            r.attempt,
            r.status_code,
            r.htx_code,
            r.may_have_reached,
            r.error,
            r.retry_in is not None,
            r.rate_limit,
            r.request_id,
        )
        for r in log
    ]


@pytest.mark.parametrize("watched", [False, True])
def test_a_quiet_call_and_a_watched_one_keep_equal_records(
    mode: str, exchange: MockExchange, monkeypatch: pytest.MonkeyPatch, watched: bool
) -> None:
    monkeypatch.setattr(calls, "watched", lambda: watched)
    exchange.add_order(BTC, ORDER_A)
    exchange.add_order(BTC, ORDER_B)
    exchange.inject(faults.http_503(), times=1, path=CANCEL_PATH)
    exchange.inject(faults.business_error(12001, "Invalid submission time."), times=1)

    result = run(mode, exchange.url, "cancel", BTC, order_ids=[ORDER_A])
    many = run(mode, exchange.url, "cancel_many", BTC, order_ids=[ORDER_B])
    exchange.inject(faults.business_error(1004, "System busy."), times=None, path=CANCEL_PATH)
    error = run(mode, exchange.url, "cancel", BTC, order_ids=[ORDER_A], options={"max_retries": 1})

    assert isinstance(result, CancelResult), result
    assert isinstance(many, CancelResult), many
    assert isinstance(error, ServiceUnavailableError), error
    assert _records(result.attempt_log) == [
        ("swap_cancel", 1, 503, None, True, "ServiceUnavailableError", True, {}, None),
        ("swap_cancel", 2, 200, 12001, True, "TimestampError", False, {}, None),
        ("get_timestamp", 1, 200, None, True, None, False, {}, None),
        ("swap_cancel", 3, 200, None, True, None, False, {}, None),
    ]
    assert _records(many.attempt_log) == [
        ("swap_cancel", 1, 200, None, True, None, False, {}, None)
    ]
    assert _records(error.attempt_log) == [
        ("swap_cancel", 1, 200, 1004, True, "ServiceUnavailableError", True, {}, None),
        ("swap_cancel", 2, 200, 1004, True, "ServiceUnavailableError", False, {}, None),
    ]
    assert all(r.seconds >= 0 for r in result.attempt_log + many.attempt_log)
