"""Odd clock answers, odd headers and wrong options: typed errors, never a raw exception."""

from __future__ import annotations

import httpx
import pytest
from htx_swap import (
    HtxCredentials,
    InvalidRequestError,
    RateLimiter,
    RateLimitError,
    ResponseParseError,
    SwapClient,
)
from htx_swap._engine.limiter import htx_trade_limiter

CREDENTIALS = HtxCredentials("access", "secret")
NOW = 1603871877.639


def _client(handler: httpx.MockTransport, **options: object) -> SwapClient:
    http = httpx.Client(transport=handler)
    return SwapClient(
        CREDENTIALS,
        base_url="https://api.hbdm.com",
        http_client=http,
        clock=lambda: NOW,
        backoff_initial=0.001,
        backoff_max=0.002,
        **options,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "body",
    [
        b"<html>cloudflare</html>",
        b'{"status":"error","err-code":"x"}',
        b'{"status":"ok","ts":' + b"9" * 400 + b"}",
        b'{"status":"ok","ts":true}',
        b'{"status":"ok","ts":0}',
        b'{"status":"ok","ts":1.5}',
        b'{"status":"ok","ts":1000}',  # 1970: a nonsense offset of fifty years
        b"[" * 100_000,
    ],
)
def test_an_odd_clock_answer_is_a_parse_error(body: bytes) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=body))
    with _client(transport) as client, pytest.raises(ResponseParseError):
        client.sync_clock()
    assert client.auth.offset == 0.0  # left as it was


def test_a_plausible_clock_answer_sets_the_offset() -> None:
    ts = int((NOW + 90) * 1000)
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, json={"status": "ok", "ts": ts})
    )
    with _client(transport) as client:
        assert client.sync_clock() == pytest.approx(90.0)


def test_a_huge_recovery_time_is_still_a_rate_limit_error() -> None:
    answer = httpx.Response(
        429,
        json={"status": "error", "err_code": 1032, "err_msg": "rl", "ts": 1},
        headers={"recovery-time": "9" * 400},
    )
    transport = httpx.MockTransport(lambda request: answer)
    with _client(transport, max_retries=0) as client, pytest.raises(RateLimitError) as caught:
        client.cancel("BTC-USD", order_ids=[1])
    assert caught.value.retry_after is None  # not a time: not a wait to honour


@pytest.mark.parametrize("wrong", [htx_trade_limiter, 72, "72/3s"])
def test_a_rate_limiter_that_is_not_one_is_refused(wrong: object) -> None:
    with pytest.raises(InvalidRequestError, match="rate_limiter"):
        _client(httpx.MockTransport(lambda request: httpx.Response(500)), rate_limiter=wrong)


def test_a_request_not_sent_for_the_deadline_leaves_no_limiter_slot() -> None:
    limiter = RateLimiter(5, 60.0)
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("swap_cancel"):  # order info polls have their own bucket
            sent.append(request)
        return httpx.Response(503)  # busy: retried, and each retry is limited

    transport = httpx.MockTransport(answer)
    with _client(transport, rate_limiter=limiter, max_retries=5) as client:
        outcome = client.cancel_and_confirm("BTC-USD", order_ids=[1], deadline=0.05)
    # 503s from the front may have been processed: in doubt at the deadline, never "failed"
    assert outcome.pending == outcome.in_doubt == ["1"]
    assert 1 <= len(sent) <= 5
    # every slot still held belongs to a request that was sent; none to one that was not
    free = 0
    while limiter.acquire() == 0.0:
        free += 1
    assert free == 5 - len(sent)
    assert outcome.cancel_result.attempts == len(sent)


def test_reads_and_trades_have_limiters_of_their_own() -> None:
    trade, read = RateLimiter(1, 60.0), RateLimiter(1, 60.0)
    answers = {
        "swap_cancel": {"status": "ok", "data": {"errors": [], "successes": "1"}, "ts": 1},
        "swap_order_info": {"status": "ok", "data": [], "ts": 1},
    }
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, json=answers[request.url.path.rsplit("/", 1)[1]])
    )
    with _client(transport, rate_limiter=trade, read_rate_limiter=read) as client:
        client.cancel("BTC-USD", order_ids=[1])
        assert client.order_info("BTC-USD", order_ids=[1]) == []  # not held back by the cancel
    assert trade.acquire() > 0  # each bucket's one slot is taken, by its own kind of request
    assert read.acquire() > 0
