"""Per-key sliding-window rate limiting and HTX's Ratelimit-* headers."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest
from htx_swap_mock import MockExchange
from htx_swap_mock.ratelimit import SlidingWindowLimiter

from tests.mock_exchange.helpers import cancel

BODY = {"order_id": "1", "contract_code": "BTC-USD"}
KEYS = {"key-a": "secret-a", "key-b": "secret-b"}


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_window_slides() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter(3, 3.0, clock)
    assert [limiter.hit("k").remaining for _ in range(3)] == [2, 1, 0]
    refused = limiter.hit("k")
    assert not refused.allowed
    assert refused.reset_after == pytest.approx(3.0)
    assert refused.retry_after == 3
    clock.now += 1.5
    assert not limiter.hit("k").allowed  # refused requests do not count...
    clock.now += 1.5  # ...so exactly 3 s after the first three, the window is empty again
    decision = limiter.hit("k")
    assert decision.allowed
    assert decision.remaining == 2
    assert limiter.hit("other").remaining == 2  # keys are counted apart


def test_partial_expiry_and_headers() -> None:
    clock = FakeClock()
    limiter = SlidingWindowLimiter(2, 0.5, clock)
    limiter.hit("k")
    clock.now += 0.3
    limiter.hit("k")
    clock.now += 0.1
    refused = limiter.hit("k")
    assert not refused.allowed
    assert refused.reset_after == pytest.approx(0.1)
    assert refused.retry_after == 1  # Retry-After is whole seconds, never 0
    headers = dict(refused.headers(now_ms=5_000))
    assert headers == {
        "Ratelimit-Limit": "2",
        "Ratelimit-Interval": "500",
        "Ratelimit-Remaining": "0",
        "Ratelimit-Reset": "5100",
    }
    clock.now += 0.1
    assert limiter.hit("k").allowed


def test_limiter_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="limit"):
        SlidingWindowLimiter(0, 1.0)


@pytest.fixture(scope="module")
def limited_exchange() -> Iterator[MockExchange]:
    # A window far longer than the test: the fourth request is refused, deterministically.
    with MockExchange(credentials=KEYS, rate_limit=(3, 60.0)) as exchange:
        yield exchange


@pytest.fixture
def limited(limited_exchange: MockExchange) -> MockExchange:
    limited_exchange.reset()
    return limited_exchange


def test_headers_on_every_signed_answer_then_429(limited: MockExchange) -> None:
    with httpx.Client(base_url=limited.url) as client:
        answers = [cancel(client, "key-a", "secret-a", BODY) for _ in range(4)]
        other_key = cancel(client, "key-b", "secret-b", BODY)
        unsigned = client.get("/api/v1/timestamp")
    now_ms = time.time() * 1000
    for answer, remaining in zip(answers[:3], ["2", "1", "0"], strict=True):
        assert answer.status_code == 200
        assert answer.headers["ratelimit-limit"] == "3"
        assert answer.headers["ratelimit-interval"] == "60000"
        assert answer.headers["ratelimit-remaining"] == remaining
        assert now_ms < int(answer.headers["ratelimit-reset"]) <= now_ms + 60_000
    refused = answers[3]
    assert refused.status_code == 429
    assert 59 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["ratelimit-remaining"] == "0"
    body = json.loads(refused.content)
    assert (body["status"], body["err_code"]) == ("error", 1032)
    assert (b"Ratelimit-Remaining", b"0") in refused.headers.raw  # capitalised, as HTX sends
    assert other_key.headers["ratelimit-remaining"] == "2"
    assert "ratelimit-limit" not in unsigned.headers


def test_rate_limited_request_does_not_cancel(limited: MockExchange) -> None:
    limited.add_order("BTC-USD", 1)
    with httpx.Client(base_url=limited.url) as client:
        for _ in range(3):
            cancel(client, "key-a", "secret-a", {"order_id": "2", "contract_code": "BTC-USD"})
        refused = cancel(client, "key-a", "secret-a", BODY)
    assert refused.status_code == 429
    assert limited.order_state("BTC-USD", 1) == "open"


def test_200_mode_and_bad_signatures_not_counted(limited: MockExchange) -> None:
    limited.settings.rate_limit_status = 200
    with httpx.Client(base_url=limited.url) as client:
        for _ in range(5):
            cancel(client, "key-a", "wrong-secret", BODY)  # unauthenticated: not counted
        answers = [cancel(client, "key-a", "secret-a", BODY) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 200]
    assert json.loads(answers[2].content)["status"] == "ok"
    refused = json.loads(answers[3].content)
    assert refused["err_code"] == 1032
    assert "retry-after" not in answers[3].headers


def test_rate_limit_can_change_and_be_turned_off(limited: MockExchange) -> None:
    limited.rate_limit = None
    with httpx.Client(base_url=limited.url) as client:
        answers = [cancel(client, "key-a", "secret-a", BODY) for _ in range(5)]
        assert all(a.status_code == 200 for a in answers)
        assert "ratelimit-limit" not in answers[0].headers
        limited.rate_limit = (1, 60.0)
        assert cancel(client, "key-a", "secret-a", BODY).status_code == 200
        assert cancel(client, "key-a", "secret-a", BODY).status_code == 429
    limited.reset()
    assert limited.rate_limit == (3, 60.0)
