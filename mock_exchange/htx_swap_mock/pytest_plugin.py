"""pytest plugin (entry point ``pytest11``): the ``htx_exchange`` fixtures.

pytest imports this module in every run of every project that installed htx-swap-sdk, with or
without its ``mock`` extra, so it imports nothing heavy at import time: the server (uvicorn,
trustme) is imported when a fixture is first used, and a missing extra is reported there.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from htx_swap_mock.server import MockExchange

__all__ = ["htx_exchange", "htx_exchange_factory", "load_mock_exchange"]

MISSING_EXTRA = "the htx_exchange fixture needs the local exchange's dependencies"


def load_mock_exchange() -> type[MockExchange]:
    """The ``MockExchange`` class, or a ``pytest.UsageError`` naming the extra to install."""
    try:
        module = importlib.import_module("htx_swap_mock.server")
    except ImportError as exc:  # its message says how to install the extra
        raise pytest.UsageError(f"{MISSING_EXTRA}: {exc}") from exc
    exchange_class: type[MockExchange] = module.MockExchange
    return exchange_class


@pytest.fixture
def htx_exchange() -> Iterator[MockExchange]:
    """A running local HTX exchange for this test, with the default credentials
    (``htx_exchange.access_key`` / ``secret_key``) and HTX's rate limit.

    Use ``url``, ``add_order``, ``inject``, ``received``, ``order_state``…
    """
    with load_mock_exchange()() as exchange:
        yield exchange


@pytest.fixture
def htx_exchange_factory() -> Iterator[Callable[..., MockExchange]]:
    """Start exchanges with your own options: ``htx_exchange_factory(tls=True,
    rate_limit=None)``; each is stopped when the test ends."""
    started: list[MockExchange] = []

    def start(**options: Any) -> MockExchange:  # noqa: ANN401 - MockExchange's keywords
        exchange = load_mock_exchange()(**options).start()
        started.append(exchange)
        return exchange

    yield start
    for exchange in reversed(started):
        exchange.stop()
