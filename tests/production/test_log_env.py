"""``HTX_SWAP_LOG``: the ``htx_swap`` logger on, to stderr, by one variable (in a subprocess,
against the local exchange); and ``import htx_swap`` stays free of OpenTelemetry."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest
from htx_swap._observe.log_setup import configure_from_env
from htx_swap_mock import MockExchange, faults

from tests.production.conftest import ACCESS, BTC, CANARY, ORDER_A

_SCRIPT = """
import json, logging, sys
from htx_swap import HtxCredentials, SwapClient

class Fields(logging.Handler):  # what a JSON formatter would see of each line
    def emit(self, record):
        print(json.dumps({k: getattr(record, k, "-") for k in
            ("operation", "attempt", "status", "code", "may_have_reached")}, default=str))

url, access, secret, order = sys.argv[1:5]
with SwapClient(HtxCredentials(access, secret), base_url=url, backoff_initial=0.001,
                backoff_max=0.001, rate_limiter=None) as client:
    logging.getLogger("htx_swap").addHandler(Fields())
    print(client.cancel("BTC-USD", order_ids=[order]).successes, file=sys.stderr)
"""


def _run(url: str, level: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "HTX_SWAP_LOG"}
    if level is not None:
        env["HTX_SWAP_LOG"] = level
    return subprocess.run(
        [sys.executable, "-c", _SCRIPT, url, ACCESS, CANARY, ORDER_A],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        check=True,
    )


def test_debug_logs_each_attempt_to_stderr_with_fields_and_no_secret(
    exchange: MockExchange,
) -> None:
    exchange.add_order(BTC, ORDER_A)
    exchange.inject(faults.http_503(), times=1, path="/swap-api/v1/swap_cancel")

    done = _run(exchange.url, "debug")

    lines = done.stderr.splitlines()
    attempts = [line for line in lines if "attempt" in line and "DEBUG" in line]
    assert len(attempts) == 2, done.stderr
    assert "HTTP 503" in attempts[0]
    assert "HTTP 200" in attempts[1]
    assert any("INFO" in line and "retrying" in line for line in lines)
    assert any("INFO" in line and "1 accepted, 0 refused, 0 in doubt" in line for line in lines)
    assert CANARY not in done.stderr
    assert ACCESS not in done.stderr
    fields = [json.loads(line) for line in done.stdout.splitlines()]
    first = fields[0]
    assert first == {
        "operation": "swap_cancel",
        "attempt": 1,
        "status": 503,
        "code": None,
        "may_have_reached": True,
    }


def test_info_logs_calls_not_attempts_and_unset_logs_nothing(exchange: MockExchange) -> None:
    exchange.add_order(BTC, ORDER_A)
    info = _run(exchange.url, "INFO")
    exchange.add_order(BTC, ORDER_A)
    quiet = _run(exchange.url, None)

    assert "DEBUG" not in info.stderr
    assert "cancel BTC-USD: ok; 1 accepted" in info.stderr
    assert quiet.stderr.strip() == f"['{ORDER_A}']"


def test_another_value_warns_naming_the_variable_and_turns_nothing_on() -> None:
    logger = logging.getLogger("htx_swap")
    level, handlers = logger.level, list(logger.handlers)
    with pytest.warns(RuntimeWarning, match="HTX_SWAP_LOG"):
        configure_from_env({"HTX_SWAP_LOG": "verbose"})
    assert (logger.level, logger.handlers) == (level, handlers)


@pytest.mark.parametrize("warnings_are", ["shown", "errors"])
def test_a_typo_in_the_variable_never_stops_an_emergency_panic(
    exchange: MockExchange, warnings_are: str
) -> None:
    exchange.add_order(BTC, ORDER_A)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HTX_", "PYTHONWARN"))}
    env.update(HTX_SWAP_LOG="debgu", HTX_ACCESS_KEY=ACCESS, HTX_SECRET_KEY=CANARY)
    flags = ["-W", "error"] if warnings_are == "errors" else []
    main = "import sys; from htx_swap.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, *flags, "-c", main, "panic", BTC, "--base-url", exchange.url],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr  # CLEAN: the order cancelled
    assert any("cancel" in r.path for r in exchange.received)
    assert "RuntimeWarning" in done.stderr
    assert "HTX_SWAP_LOG must be debug or info, got 'debgu'" in done.stderr
    assert "DEBUG" not in done.stderr  # logging stays off


def test_import_htx_swap_imports_no_opentelemetry_until_the_application_does() -> None:
    script = (
        "import sys\n"
        "import htx_swap\n"
        "from htx_swap import HtxCredentials, SwapClient\n"
        "c = SwapClient(HtxCredentials('k', 's'))\n"
        "assert not [m for m in sys.modules if m.startswith('opentelemetry')], 'imported'\n"
        "from htx_swap._observe import telemetry\n"
        "assert telemetry.active() is None\n"
        "assert not [m for m in sys.modules if m.startswith('opentelemetry')], 'imported'\n"
        "import opentelemetry.trace\n"
        "assert telemetry.active() is None, 'no provider set: nothing to emit'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=30)


def test_info_logs_each_wait_for_a_rate_limit_slot(
    mode: str, exchange: MockExchange, caplog: pytest.LogCaptureFixture
) -> None:
    from htx_swap import RateLimiter

    from tests.production.client_support import run

    full = RateLimiter(1, 0.2)
    full.acquire()  # the next call waits for the slot
    full.release()
    exchange.add_order(BTC, ORDER_A)
    with caplog.at_level(logging.INFO, logger="htx_swap"):
        run(mode, exchange.url, "cancel", BTC, order_ids=[ORDER_A], options={"rate_limiter": full})

    waits = [r for r in caplog.records if "rate-limit slot" in r.getMessage()]
    assert len(waits) == 1
    assert waits[0].levelno == logging.INFO
    assert waits[0].operation == "POST /swap-api/v1/swap_cancel"  # type: ignore[attr-defined]
