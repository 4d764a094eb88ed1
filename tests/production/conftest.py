"""One local exchange for the module (reset before each test), with a canary secret key."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from htx_swap import HtxCredentials
from htx_swap_mock import MockExchange

ACCESS = "prod-access-key-7f3a"
CANARY = "prod-canary-secret-e2d9-never-shown"
CREDS = HtxCredentials(ACCESS, CANARY)
BTC = "BTC-USD"
ORDER_A = "768503271974985728"  # above 2**53
ORDER_B = "771038212360937472"


@pytest.fixture(scope="module")
def shared_exchange() -> Iterator[MockExchange]:
    with MockExchange(credentials={ACCESS: CANARY}, rate_limit=None) as exchange:
        yield exchange


@pytest.fixture
def exchange(shared_exchange: MockExchange) -> MockExchange:
    shared_exchange.reset()
    return shared_exchange


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    chosen: str = request.param
    return chosen
