"""Fixtures: a real ``redis-server`` per module (``redis``), or one of a test's own
(``redis_factory``) for the tests that stop, restart or password it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bench.redis_server import RedisServer


@pytest.fixture(scope="module")
def redis() -> Iterator[RedisServer]:
    with RedisServer() as server:
        yield server


@pytest.fixture
def redis_factory() -> Iterator[Callable[..., RedisServer]]:
    started: list[RedisServer] = []

    def start(**options: Any) -> RedisServer:
        server = RedisServer(**options)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.__exit__(None, None, None)
