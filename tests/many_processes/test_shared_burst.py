"""N OS processes of one account cancel at once against the local exchange with HTX's limits
on (72 per 3 s per key): through one ``RedisRateLimiter`` none meets a 429; each with its own
limiter, they do."""

from __future__ import annotations

import pytest
from htx_swap_mock import MockExchange

from bench.redis_server import RedisServer
from bench.shared_burst import RateCounter, burst

PROCESSES, PER_PROCESS = 4, 30  # 120 cancels: past one window of 72


@pytest.mark.slow
def test_processes_sharing_a_redis_limiter_meet_no_429(redis: RedisServer) -> None:
    counter = RateCounter()
    with MockExchange(request_log=counter) as exchange:
        outcome = burst(
            exchange, counter, processes=PROCESSES, per_process=PER_PROCESS, redis_url=redis.url
        )
    assert outcome.refused_by_exchange == 0
    assert (outcome.accepted, outcome.failed, outcome.fallback) == (120, 0, 0)


@pytest.mark.slow
def test_processes_with_limiters_of_their_own_meet_429s() -> None:
    counter = RateCounter()
    with MockExchange(request_log=counter) as exchange:
        outcome = burst(
            exchange, counter, processes=PROCESSES, per_process=PER_PROCESS, redis_url=None
        )
    assert outcome.refused_by_exchange > 0
    assert outcome.failed == outcome.refused_by_exchange
