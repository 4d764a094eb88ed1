"""The pytest plugin: import-light for every consumer, and the fixtures as a consumer uses them."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from htx_swap_mock import MockExchange, OrderState, faults, pytest_plugin

from tests.mock_exchange.helpers import cancel

HEAVY = ("uvicorn", "trustme", "h11", "httpx")


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )


def test_plugin_and_package_import_nothing_heavy() -> None:
    result = _python(
        "import sys, htx_swap_mock, htx_swap_mock.pytest_plugin\n"
        f"heavy = sorted(set({HEAVY!r}) & set(sys.modules))\n"
        "assert not heavy, heavy\n"
        "print('light')"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "light"


def test_missing_extra_is_a_clear_usage_error() -> None:
    result = _python(
        "import sys\n"
        "sys.modules['uvicorn'] = None  # as if the mock extra were not installed\n"
        "import pytest, htx_swap_mock.pytest_plugin as plugin\n"
        "try:\n"
        "    plugin.load_mock_exchange()\n"
        "except pytest.UsageError as exc:\n"
        "    print(exc)\n"
    )
    assert result.returncode == 0, result.stderr
    assert "install its `mock` extra" in result.stdout
    assert "pip install '.[mock]'" in result.stdout


def test_registered_once_through_the_entry_point(request: pytest.FixtureRequest) -> None:
    manager = request.config.pluginmanager
    assert manager.get_plugin("htx_swap_mock") is pytest_plugin
    registered = [p for p in manager.get_plugins() if p is pytest_plugin]
    assert len(registered) == 1


def test_fixture(htx_exchange: MockExchange) -> None:
    htx_exchange.add_order("BTC-USD", 1)
    htx_exchange.inject(faults.http_503())
    with httpx.Client(base_url=htx_exchange.url) as client:
        body = {"order_id": "1", "contract_code": "BTC-USD"}
        first = cancel(client, htx_exchange.access_key, htx_exchange.secret_key, body)
        second = cancel(client, htx_exchange.access_key, htx_exchange.secret_key, body)
    assert (first.status_code, second.status_code) == (503, 200)
    assert second.headers["ratelimit-limit"] == "72"  # HTX's default limit
    assert htx_exchange.order_state("BTC-USD", 1) is OrderState.CANCELLED
    assert len(htx_exchange.received) == 2


def test_factory_fixture(htx_exchange_factory: Callable[..., MockExchange]) -> None:
    exchange = htx_exchange_factory(rate_limit=None, credentials={"k": "s"})
    assert exchange.running
    assert exchange.access_key == "k"
    assert exchange.rate_limit is None


CONSUMER_TEST = """
import json

import httpx
from htx_swap import HtxAuth, HtxCredentials


def test_cancel(htx_exchange):
    htx_exchange.add_order("BTC-USD", 768503271974985728)
    auth = HtxAuth(HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key))
    with httpx.Client(base_url=htx_exchange.url, auth=auth) as client:
        response = client.post(
            "/swap-api/v1/swap_cancel",
            json={"order_id": "768503271974985728", "contract_code": "BTC-USD"},
        )
    assert json.loads(response.content)["data"]["successes"] == "768503271974985728"
    assert htx_exchange.order_state("BTC-USD", 768503271974985728) == "cancelled"
"""


CONSUMER_INI = """[pytest]
filterwarnings = error
asyncio_default_fixture_loop_scope = function
"""


def test_a_consumer_project_gets_the_fixture(tmp_path: Path) -> None:
    (tmp_path / "test_consumer.py").write_text(CONSUMER_TEST, encoding="utf-8")
    (tmp_path / "pytest.ini").write_text(CONSUMER_INI, encoding="utf-8")
    # Unrelated heavy plugins of this environment are left out to keep the run short.
    skip = ["-p", "no:schemathesis", "-p", "no:hypothesispytest", "-p", "no:cacheprovider"]
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", *skip],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_records_serialise_for_reports(htx_exchange: MockExchange) -> None:
    with httpx.Client(base_url=htx_exchange.url) as client:
        client.get("/api/v1/timestamp")
        listed = json.loads(client.get("/_mock/requests").content)["requests"]
    assert [record["path"] for record in listed] == ["/api/v1/timestamp"]
