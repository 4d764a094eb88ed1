"""Fixtures: one exchange shared by the tests (reset before each), and a plain httpx client.

The ``htx_exchange`` fixture of the package's pytest plugin comes from its ``pytest11`` entry
point (the package is installed in editable mode); it is deliberately not registered here too.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from htx_swap_mock import MockExchange


@pytest.fixture(scope="session")
def shared_exchange() -> Iterator[MockExchange]:
    with MockExchange(rate_limit=None) as exchange:
        yield exchange


@pytest.fixture
def ex(shared_exchange: MockExchange) -> MockExchange:
    """The shared exchange, as good as new: no orders, faults, records; default settings."""
    shared_exchange.reset()
    return shared_exchange


@pytest.fixture
def client(ex: MockExchange) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=ex.url, timeout=5.0) as http:
        yield http
