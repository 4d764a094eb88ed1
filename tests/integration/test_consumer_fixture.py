"""Written as a consumer writes it after ``pip install htx-swap-sdk[mock]``; the README shows it."""

from htx_swap import HtxCredentials, SwapClient
from htx_swap_mock import MockExchange, OrderState


def test_cancel_on_the_local_exchange(htx_exchange: MockExchange) -> None:
    htx_exchange.add_order("BTC-USD", 768503271974985728)
    credentials = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    with SwapClient(credentials, base_url=htx_exchange.url) as client:
        result = client.cancel("BTC-USD", order_ids=[768503271974985728])
    assert result.successes == ["768503271974985728"]
    assert result.errors == []
    assert htx_exchange.order_state("BTC-USD", 768503271974985728) is OrderState.CANCELLED
