"""Hostile review of issue 21 (coin-M delivery futures, ``FuturesClient`` /
``AsyncFuturesClient``): wrong outcomes a hostile server can cause, sync and async."""

from __future__ import annotations

import asyncio
import json

import pytest
from htx_swap import AsyncFuturesClient, FuturesClient, HtxCredentials

from tests.hostile.raw_server import RawRequest, RawServer
from tests.hostile.support import json_answers

MODES = ("sync", "async")
CREDS = HtxCredentials("k", "s")


def _ok(data: object) -> bytes:
    return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()


def _run(mode: str, url: str, method: str, *args: object, **kwargs: object) -> object:
    options: dict[str, object] = {"base_url": url, "max_retries": 0, "timeout": 2.0}
    if mode == "sync":
        with FuturesClient(CREDS, **options) as client:  # type: ignore[arg-type]
            return getattr(client, method)(*args, **kwargs)

    async def main() -> object:
        async with AsyncFuturesClient(CREDS, **options) as aclient:  # type: ignore[arg-type]
            return await getattr(aclient, method)(*args, **kwargs)

    return asyncio.run(main())


ETH_CANCELLED = {
    "order_id": 5,
    "order_id_str": "5",
    "symbol": "ETH",
    "contract_code": "ETH261225",
    "contract_type": "quarter",
    "direction": "buy",
    "offset": "open",
    "volume": 1,
    "trade_volume": 0,
    "status": 7,
    "price": 2000,
}


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_order_info_of_another_symbol_never_confirms_a_cancel(mode: str) -> None:
    """Asked about BTC's order 5, the server answers with an ETH order 5, cancelled. That is
    not the state of the order asked about (the swap clients drop such an entry; the futures
    comment claims "theirs is checked", but nothing checked it): BTC's order 5 was reported
    ``cancelled`` on another contract's word, and ``order_info("BTC")`` returned ETH's order."""

    def answer(request: RawRequest) -> bytes:
        if request.path.endswith("/contract_cancel"):
            return _ok({"errors": [], "successes": "5"})
        return _ok([ETH_CANCELLED])

    with RawServer(json_answers(answer)) as server:
        outcome = _run(mode, server.url, "cancel_and_confirm", "BTC", order_ids=["5"], deadline=0.3)
        listed = _run(mode, server.url, "order_info", "BTC", order_ids=["5"])
    assert outcome.cancelled == []  # type: ignore[attr-defined]
    assert outcome.pending == ["5"] or outcome.in_doubt == ["5"]  # type: ignore[attr-defined]
    assert listed == []


@pytest.mark.parametrize("name", ["contract_trigger_cancel", "contract_tpsl_cancelall"])
def test_a_futures_strategy_cancel_counts_in_the_futures_trade_bucket(name: str) -> None:
    """HTX counts every trade request of a key in its trade bucket, whatever endpoint limit it
    has besides (the swap strategy cancels count in ``trade`` and their own). A futures one
    counted only in its own 5/s bucket: its permission ``trade`` names the swaps' bucket,
    which a ``FuturesClient`` does not hold, so the 36 / 3 s futures trade bucket never saw
    it (a panic's or ``cancel_trigger``'s requests run past it into 1032)."""
    from htx_swap._wire import codec

    client = FuturesClient(CREDS)
    try:
        engine = client._engine
        counted = engine.limiters_for(codec.facts(name))
        assert engine.limiters["futures_trade"] in counted
        assert engine.limiters[name] in counted
    finally:
        client.close()


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("method", "args", "kwargs", "field"),
    [
        ("cancel", ("\u017fol",), {"order_ids": ["1"]}, "symbol"),  # long s: upper() is "SOL"
        ("panic", (["b\u0131t"],), {"deadline": 0.3}, "symbol"),  # dotless i: upper() is "BIT"
        ("cancel_all", ("SOL",), {"contract_code": "\u017fol261225"}, "contract_code"),
    ],
)
def test_a_non_ascii_symbol_is_never_upper_cased_into_another_coin(
    mode: str, method: str, args: tuple[object, ...], kwargs: dict[str, object], field: str
) -> None:
    """``str.upper()`` turns some non-ASCII letters into ASCII ones: ``"\u017fol"`` was sent as
    symbol ``SOL``, a coin the caller never typed; refused before sending instead."""
    from htx_swap import InvalidRequestError

    with RawServer(json_answers(lambda request: _ok([]))) as server:
        with pytest.raises(InvalidRequestError) as caught:
            _run(mode, server.url, method, *args, **kwargs)
        assert caught.value.field == field
        assert server.requests == []
