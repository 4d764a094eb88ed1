"""The SDK (htx_swap) against the exchange: the two signature implementations agree and the
SDK copes with HTX's answer format (text/plain JSON, ids above 2**53)."""

from __future__ import annotations

import pytest
from htx_swap import HtxCredentials, SwapClient
from htx_swap_mock import MockExchange, OrderState, faults

BIG = "768503271974985728"


def _client(ex: MockExchange, max_retries: int = 0) -> SwapClient:
    return SwapClient(
        HtxCredentials(ex.access_key, ex.secret_key),
        base_url=ex.url,
        timeout=5.0,
        max_retries=max_retries,
        rate_limiter=None,
        backoff_initial=0.01,
        backoff_max=0.02,
    )


def test_sdk_cancel_round_trip(ex: MockExchange) -> None:
    ex.add_order("BTC-USD", BIG)
    with _client(ex) as client:
        result = client.cancel("BTC-USD", order_ids=[BIG, "5"])
    assert result.successes == [BIG]
    assert [(e.order_id, e.err_code) for e in result.errors] == [("5", 1061)]
    assert all(record.signature_valid for record in ex.received)


def test_sdk_reads_the_skewed_server_clock(ex: MockExchange) -> None:
    ex.clock_offset = -1800.0
    with _client(ex) as client:
        offset = client.sync_clock()
        assert offset == pytest.approx(-1800.0, abs=5.0)
        ex.add_order("BTC-USD", 1)
        assert client.cancel("BTC-USD", order_ids=["1"]).successes == ["1"]
    assert ex.order_state("BTC-USD", 1) is OrderState.CANCELLED


def test_sdk_survives_a_drop_after_processing(ex: MockExchange) -> None:
    ex.add_order("BTC-USD", BIG)
    ex.inject(faults.drop(), after_processing=True)
    with _client(ex, max_retries=1) as client:
        result = client.cancel("BTC-USD", order_ids=[BIG])
    # The first answer was lost after the cancel took; the retry met 1071 for it.
    assert result.successes == [BIG]
    assert result.attempts == 2
    assert len(ex.received) == 2
