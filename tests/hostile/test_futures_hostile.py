"""``FuturesClient`` / ``AsyncFuturesClient`` against raw servers, sync and async: a page of
open orders that lists another symbol's order (reported, never taken for one of the symbol's,
never cancelled by id), 1056 / 1059 in the middle of a panic (a refusal reported apart, never
a doubt), and bad input that never reaches the wire."""

from __future__ import annotations

import asyncio
import json
import logging
import threading

import pytest
from htx_swap import (
    AsyncFuturesClient,
    FuturesClient,
    HtxCredentials,
    InvalidRequestError,
    PanicReport,
    ResponseParseError,
    SettlementError,
)
from htx_swap._model.reports import OpenOrder

from tests.hostile.raw_server import RawRequest, RawServer
from tests.hostile.support import json_answers

MODES = ("sync", "async")
CREDS = HtxCredentials("k", "s")
ETH_ORDER = {
    "order_id": 5,
    "order_id_str": "5",
    "symbol": "ETH",
    "contract_code": "ETH261225",
    "contract_type": "quarter",
    "direction": "buy",
    "offset": "open",
    "volume": 1,
    "status": 3,
    "price": 2000,
}


def _page(orders: list[dict[str, object]]) -> bytes:
    data = {"orders": orders, "total_page": 1, "current_page": 1, "total_size": len(orders)}
    return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()


def _nothing_to_cancel() -> bytes:
    return json.dumps({"status": "error", "err_code": 1051, "err_msg": "none", "ts": 1}).encode()


def _run(
    mode: str, url: str, method: str, *args: object, retries: int = 0, **kwargs: object
) -> object:
    options: dict[str, object] = {"base_url": url, "max_retries": retries, "timeout": 2.0}
    if mode == "sync":
        with FuturesClient(CREDS, **options) as client:  # type: ignore[arg-type]
            return getattr(client, method)(*args, **kwargs)

    async def main() -> object:
        async with AsyncFuturesClient(CREDS, **options) as aclient:  # type: ignore[arg-type]
            return await getattr(aclient, method)(*args, **kwargs)

    return asyncio.run(main())


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_another_symbols_order_on_the_page_is_reported_and_left_alone(
    mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    def answer(request: RawRequest) -> bytes:
        if request.path.endswith("/contract_openorders"):
            return _page([ETH_ORDER])
        return _page([]) if "openorders" in request.path else _nothing_to_cancel()

    with RawServer(json_answers(answer)) as server, caplog.at_level(logging.WARNING):
        listed = _run(mode, server.url, "open_orders", "BTC")
        report = _run(mode, server.url, "panic", ["BTC"], deadline=0.5)
        requests = list(server.requests)
    assert listed == []  # never taken for one of BTC's orders
    assert "ETH261225 listed for symbol BTC" in caplog.text
    assert isinstance(report, PanicReport)
    assert not report.clean
    (limit,) = [entry for entry in report.entries if entry.kind == "limit"]
    assert not limit.verified_empty
    assert limit.still_open == []
    assert any(isinstance(e, ResponseParseError) and "ETH261225" in str(e) for e in limit.errors)
    # cancelled only by symbol, never by id: the ETH order was never named in a request
    assert all(b"order_id" not in r.body for r in requests)
    assert all(json.loads(r.body).get("symbol") == "BTC" for r in requests if r.body)


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("code", [1056, 1059])
def test_settlement_mid_panic_is_a_refusal_reported_apart(mode: str, code: int) -> None:
    settling = threading.Event()
    settling.set()
    limit_cancels = 0

    def answer(request: RawRequest) -> bytes:
        nonlocal limit_cancels
        if request.path.endswith("/contract_cancelall"):
            limit_cancels += 1
            if limit_cancels >= 2:  # the first wave cancelled some; then settlement began
                msg = "Settling." if code == 1056 else "Delivering contracts."
                body = {"status": "error", "err_code": code, "err_msg": msg, "ts": 1}
                return json.dumps(body).encode()
            ok = {"errors": [], "successes": "9"}
            return json.dumps({"status": "ok", "data": ok, "ts": 1}).encode()
        if request.path.endswith("/contract_openorders"):
            order = {**ETH_ORDER, "symbol": "BTC", "contract_code": "BTC261225"}
            return _page([order])  # still listed: panic cancels again, into the settlement
        return _page([]) if "openorders" in request.path else _nothing_to_cancel()

    with RawServer(json_answers(answer)) as server:
        report = _run(mode, server.url, "panic", ["BTC"], deadline=1.0)
    assert isinstance(report, PanicReport)
    assert not report.clean
    (limit,) = report.settlement
    assert (limit.contract_code, limit.kind, limit.cancelled) == ("BTC", "limit", ["9"])
    assert limit.still_open == ["5"]
    errors = [e for e in limit.errors if isinstance(e, SettlementError)]
    assert errors
    assert errors[0].code == code
    assert not errors[0].may_have_reached
    assert not limit.may_have_cancelled_more  # a refusal, never a doubt


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("method", "args", "kwargs", "field"),
    [
        ("cancel", ("BTC-USD",), {"order_ids": ["1"]}, "symbol"),
        ("cancel_all", ("BTC",), {"contract_code": "BTC23122"}, "contract_code"),
        ("cancel_all", ("BTC",), {"contract_code": "ETH231229"}, "contract_code"),
        ("cancel_all_trailing", ("BTC",), {"contract_type": "weekly"}, "contract_type"),
        ("order_info", ("ETH-USD",), {"order_ids": ["1"]}, "symbol"),
    ],
)
def test_bad_input_never_reaches_a_raw_server(
    mode: str, method: str, args: tuple[object, ...], kwargs: dict[str, object], field: str
) -> None:
    with RawServer(json_answers(lambda request: _nothing_to_cancel())) as server:
        with pytest.raises(InvalidRequestError) as caught:
            _run(mode, server.url, method, *args, **kwargs)  # type: ignore[arg-type]
        assert caught.value.field == field
        assert server.requests == []
        assert server.connections == 0


def test_open_orders_carry_contract_type() -> None:
    with RawServer(json_answers(lambda request: _page([ETH_ORDER]))) as server:
        listed = _run("sync", server.url, "open_orders", "ETH")
    assert listed == [
        OpenOrder(
            kind="limit",
            order_id="5",
            contract_code="ETH261225",
            direction="buy",
            offset="open",
            volume=listed[0].volume,  # type: ignore[index]
            status=3,
            price=listed[0].price,  # type: ignore[index]
            contract_type="quarter",
        )
    ]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_a_settlement_refusal_is_never_retried(mode: str) -> None:
    def answer(request: RawRequest) -> bytes:
        body = {"status": "error", "err_code": 1056, "err_msg": "Settling.", "ts": 1}
        return json.dumps(body).encode()

    with RawServer(json_answers(answer)) as server:
        with pytest.raises(SettlementError) as caught:
            _run(mode, server.url, "cancel", "BTC", order_ids=["1"], retries=3)
        assert len(server.requests) == 1
    assert caught.value.may_have_reached is False
