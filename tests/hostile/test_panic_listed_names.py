"""``panic()`` without contracts finds them from the open-orders listing; a name the server
lists there must pass the check a caller's name passes before panic sends it. A listed
contract the product cannot name is reported (an entry with the error, the panic not clean)
and nothing is sent for it. Coin-M swaps here (futures in test_review21b.py), sync and async,
against a raw loopback server."""

from __future__ import annotations

import asyncio
import json

import pytest
from htx_swap import (
    AsyncSwapClient,
    HtxCredentials,
    InvalidRequestError,
    PanicReport,
    ResponseParseError,
    SwapClient,
)
from htx_swap._wire.validation import validate_contract_code

from tests.hostile.raw_server import RawRequest, RawServer
from tests.hostile.support import json_answers

CREDS = HtxCredentials("k", "s")


def _ok(data: object) -> bytes:
    return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()


def _page(orders: list[dict[str, object]]) -> bytes:
    return _ok({"orders": orders, "total_page": 1, "current_page": 1, "total_size": len(orders)})


def _order(contract_code: str, order_id: int, symbol: str) -> dict[str, object]:
    return {
        "order_id": order_id,
        "order_id_str": str(order_id),
        "symbol": symbol,
        "contract_code": contract_code,
        "direction": "buy",
        "offset": "open",
        "volume": 1,
        "status": 3,
        "price": 2000,
    }


def _refused(name: object) -> bool:
    try:
        validate_contract_code(name)
    except InvalidRequestError:
        return True
    return False


def _panic(mode: str, url: str) -> PanicReport:
    options: dict[str, object] = {"base_url": url, "max_retries": 0, "timeout": 2.0}
    if mode == "sync":
        with SwapClient(CREDS, **options) as client:  # type: ignore[arg-type]
            return client.panic(None, deadline=0.5)

    async def main() -> PanicReport:
        async with AsyncSwapClient(CREDS, **options) as aclient:  # type: ignore[arg-type]
            return await aclient.panic(None, deadline=0.5)

    return asyncio.run(main())


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("listed", ["", "BTC-USD?x=1", "BTC/USD"])
def test_a_listed_contract_panic_cannot_name_is_reported_and_never_sent(
    mode: str, listed: str
) -> None:
    def answer(request: RawRequest) -> bytes:
        body = json.loads(request.body or b"{}")
        if request.path.endswith("/swap_openorders") and "contract_code" not in body:
            return _page([_order(listed, 7, "BTC"), _order("ETH-USD", 8, "ETH")])
        return _page([]) if "openorders" in request.path else _ok({"successes": "", "errors": []})

    with RawServer(json_answers(answer)) as server:
        report = _panic(mode, server.url)
        sent = [json.loads(r.body) for r in server.requests if r.body]
    assert not report.clean
    assert sorted({b["contract_code"] for b in sent if "contract_code" in b}) == ["ETH-USD"]
    assert not [b for b in sent if "contract_code" in b and _refused(b["contract_code"])]
    if not listed:  # an entry without a contract code is unreadable: logged, never a name
        return
    (unnamed,) = [e for e in report.entries if e.contract_code == listed]
    assert not unnamed.verified_empty
    assert isinstance(unnamed.errors[0], ResponseParseError)
    assert "cancel its orders by id" in str(unnamed.errors[0])
