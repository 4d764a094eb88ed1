"""``FuturesClient`` / ``AsyncFuturesClient`` against the local exchange, sync and async: the
cancel family on HTX's coin-M delivery futures (``/api/v1/contract_*``), named by symbol;
bad input refused before anything is sent; 1056 / 1059 (settlement, delivery) as a typed
refusal reported apart by ``cancel_and_confirm`` and ``panic``; the futures buckets apart from
the swaps'.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import AsyncIterator, Iterator
from typing import Any, Literal

import pytest
import pytest_asyncio
from htx_swap import (
    AccountLimiters,
    AsyncFuturesClient,
    FuturesClient,
    HtxApiError,
    HtxCredentials,
    InvalidRequestError,
    SettlementError,
    SwapClient,
)
from htx_swap_mock import MockExchange, OrderState

Mode = Literal["sync", "async"]
BIG = "768503271974985728"  # above 2**53
MAX_ID = str(2**63 - 1)
API = "/api/v1/"
asyncio_test = pytest.mark.asyncio


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> Mode:
    chosen: Mode = request.param
    return chosen


@pytest.fixture(scope="module")
def shared_exchange() -> Iterator[MockExchange]:
    with MockExchange() as exchange:
        yield exchange


@pytest.fixture
def ex(shared_exchange: MockExchange) -> MockExchange:
    shared_exchange.reset()
    return shared_exchange


class Sdk:
    """One async face over both futures clients."""

    def __init__(self, client: FuturesClient | AsyncFuturesClient) -> None:
        self.client = client

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.client, name)

        async def call(*args: object, **kwargs: object) -> object:
            result = method(*args, **kwargs)
            return await result if inspect.isawaitable(result) else result

        return call


@pytest_asyncio.fixture
async def sdk(mode: Mode, ex: MockExchange) -> AsyncIterator[Sdk]:
    creds = HtxCredentials(ex.access_key, ex.secret_key)
    options: dict[str, Any] = {"base_url": ex.url, "timeout": 5.0, "backoff_max": 0.05}
    if mode == "sync":
        with FuturesClient(creds, **options) as client:
            yield Sdk(client)
    else:
        async with AsyncFuturesClient(creds, **options) as aclient:
            yield Sdk(aclient)


def paths(ex: MockExchange) -> list[str]:
    return [record.path for record in ex.received]


def bodies(ex: MockExchange, endpoint: str) -> list[object]:
    return [record.json() for record in ex.received if record.path == API + endpoint]


# -- the cancel family, named by symbol ---------------------------------------------------------


@asyncio_test
async def test_cancel_sends_the_symbol_and_exact_ids(sdk: Sdk, ex: MockExchange) -> None:
    code = ex.futures_contract_code("BTC", "quarter")
    ex.add_order(code, BIG)
    ex.add_order(code, MAX_ID)
    result = await sdk.cancel("btc", order_ids=[BIG, MAX_ID])
    assert sorted(result.successes) == sorted([BIG, MAX_ID])
    assert bodies(ex, "contract_cancel") == [{"symbol": "BTC", "order_id": f"{BIG},{MAX_ID}"}]
    assert ex.order_state(code, BIG) is OrderState.CANCELLED


@asyncio_test
async def test_cancel_many_sends_requests_of_ten(sdk: Sdk, ex: MockExchange) -> None:
    code = ex.futures_contract_code("ETH", "this_week")
    ids = [str(10**18 + i) for i in range(23)]
    for order_id in ids:
        ex.add_order(code, order_id)
    result = await sdk.cancel_many("ETH", order_ids=ids)
    assert sorted(result.successes) == sorted(ids)
    assert paths(ex) == [API + "contract_cancel"] * 3


@asyncio_test
async def test_order_info_and_open_orders_carry_contract_code_and_type(
    sdk: Sdk, ex: MockExchange
) -> None:
    code = ex.futures_contract_code("BTC", "next_week")
    ex.add_order(code, BIG)
    (info,) = await sdk.order_info("BTC", order_ids=[BIG])
    assert (info.order_id, info.contract_code, info.contract_type) == (BIG, code, "next_week")
    (listed,) = await sdk.open_orders("BTC")
    assert (listed.order_id, listed.contract_code, listed.contract_type) == (BIG, code, "next_week")
    assert bodies(ex, "contract_openorders")[0] == {
        "symbol": "BTC",
        "page_index": 1,
        "page_size": 50,
    }


@asyncio_test
async def test_open_orders_of_every_symbol(sdk: Sdk, ex: MockExchange) -> None:
    ex.add_order(ex.futures_contract_code("BTC", "quarter"), 1)
    ex.add_order(ex.futures_contract_code("ETH", "quarter"), 2)
    listed = await sdk.open_orders()
    assert sorted(o.order_id for o in listed) == ["1", "2"]
    assert "symbol" not in bodies(ex, "contract_openorders")[0]  # type: ignore[operator]


@asyncio_test
async def test_cancel_all_by_contract_type_leaves_the_other_contracts(
    sdk: Sdk, ex: MockExchange
) -> None:
    quarter = ex.futures_contract_code("BTC", "quarter")
    week = ex.futures_contract_code("BTC", "this_week")
    ex.add_order(quarter, 1)
    ex.add_order(week, 2)
    result = await sdk.cancel_all("BTC", contract_type="quarter", direction="buy")
    assert result.successes == ["1"]
    assert ex.order_state(week, 2) is OrderState.OPEN
    assert bodies(ex, "contract_cancelall") == [
        {"symbol": "BTC", "contract_type": "quarter", "direction": "buy"}
    ]


@asyncio_test
@pytest.mark.parametrize("kind", ["trigger", "tpsl", "trailing"])
async def test_strategy_cancels_and_cancel_alls(kind: str, sdk: Sdk, ex: MockExchange) -> None:
    code = ex.futures_contract_code("BTC", "quarter")
    extra: dict[str, Any] = {"offset": "close"} if kind != "tpsl" else {}
    ex.add_order(code, 11, kind=kind, **extra)
    ex.add_order(code, 12, kind=kind, **extra)
    one = await getattr(sdk, f"cancel_{kind}")("BTC", order_ids=["11"])
    assert one.successes == ["11"]
    rest = await getattr(sdk, f"cancel_all_{kind}")("BTC", contract_code=code)
    assert rest.successes == ["12"]
    endpoint = {"trigger": "trigger", "tpsl": "tpsl", "trailing": "track"}[kind]
    assert bodies(ex, f"contract_{endpoint}_cancelall") == [
        {"symbol": "BTC", "contract_code": code}
    ]


@asyncio_test
async def test_cancel_after_is_the_futures_switch(sdk: Sdk, ex: MockExchange) -> None:
    status = await sdk.cancel_after(10)
    assert status.armed
    assert paths(ex) == [API + "contract-cancel-after"]
    assert ex.cancel_after(product="futures").armed
    await sdk.cancel_after(None)


def test_dead_mans_switch_arms_the_futures_switch(ex: MockExchange) -> None:
    creds = HtxCredentials(ex.access_key, ex.secret_key)
    with (
        FuturesClient(creds, base_url=ex.url) as client,
        client.dead_mans_switch(10) as switch,
    ):
        assert switch.status.armed
        assert ex.cancel_after(product="futures").armed
    assert not ex.cancel_after(product="futures").armed
    assert {r.path for r in ex.received} == {API + "contract-cancel-after"}


@asyncio_test
async def test_panic_proves_the_symbol_clean(sdk: Sdk, ex: MockExchange) -> None:
    for contract_type in ("this_week", "next_week", "quarter"):
        ex.add_order(ex.futures_contract_code("BTC", contract_type), len(contract_type))
    ex.add_order(ex.futures_contract_code("BTC", "quarter"), 99, kind="trigger", offset="open")
    eth = ex.futures_contract_code("ETH", "quarter")
    ex.add_order(eth, 7)
    report = await sdk.panic(["BTC"], deadline=5.0)
    assert report.clean
    assert report.contract_codes == ["BTC"]
    assert report.settlement == []
    assert ex.order_state(eth, 7) is OrderState.OPEN  # another symbol: untouched


@asyncio_test
async def test_panic_without_symbols_finds_them(sdk: Sdk, ex: MockExchange) -> None:
    ex.add_order(ex.futures_contract_code("BTC", "quarter"), 1)
    ex.add_order(ex.futures_contract_code("ETH", "quarter"), 2)
    report = await sdk.panic(deadline=5.0)
    assert report.contract_codes == ["BTC", "ETH"]
    assert not report.complete
    assert not report.clean
    assert all(e.verified_empty for e in report.entries)


# -- settlement: 1056 / 1059 --------------------------------------------------------------------


@asyncio_test
@pytest.mark.parametrize(("delivery", "code"), [(False, 1056), (True, 1059)])
async def test_settlement_is_a_typed_refusal(
    delivery: bool, code: int, sdk: Sdk, ex: MockExchange
) -> None:
    contract = ex.futures_contract_code("BTC", "quarter")
    ex.add_order(contract, BIG)
    ex.open_settlement("BTC", delivery=delivery)
    with pytest.raises(SettlementError) as caught:
        await sdk.cancel("BTC", order_ids=[BIG])
    assert isinstance(caught.value, HtxApiError)
    assert caught.value.code == code
    assert caught.value.may_have_reached is False  # a refusal, never in doubt
    assert ex.order_state(contract, BIG) is OrderState.OPEN


@asyncio_test
async def test_cancel_and_confirm_reports_settlement_apart(sdk: Sdk, ex: MockExchange) -> None:
    btc = ex.futures_contract_code("BTC", "quarter")
    ex.add_order(btc, BIG)
    ex.open_settlement("BTC", delivery=True)
    outcome = await sdk.cancel_and_confirm("BTC", order_ids=[BIG], deadline=1.0)
    assert outcome.settlement == [BIG]
    assert [e.order_id for e in outcome.failed] == [BIG]
    assert (outcome.pending, outcome.in_doubt, outcome.cancelled) == ([], [], [])
    ex.close_settlement()
    again = await sdk.cancel_and_confirm("BTC", order_ids=[BIG], deadline=5.0)
    assert (again.cancelled, again.settlement) == ([BIG], [])


@asyncio_test
async def test_panic_during_settlement_is_not_clean_and_says_why(
    sdk: Sdk, ex: MockExchange
) -> None:
    ex.add_order(ex.futures_contract_code("BTC", "quarter"), 1)
    ex.add_order(ex.futures_contract_code("ETH", "quarter"), 2)
    ex.open_settlement("BTC")
    # a deadline that leaves every kind one answer, even on a loaded machine
    report = await sdk.panic(["BTC", "ETH"], deadline=2.0)
    assert not report.clean
    assert {(e.contract_code, e.kind) for e in report.settlement} == {
        ("BTC", kind) for kind in ("limit", "trigger", "tpsl", "trailing")
    }
    eth = [e for e in report.entries if e.contract_code == "ETH"]
    assert eth[0].cancelled == ["2"]
    assert all(not e.errors and not e.still_open for e in eth)  # no settlement there


@asyncio_test
async def test_a_settlement_that_ends_mid_panic_ends_clean(sdk: Sdk, ex: MockExchange) -> None:
    ex.add_order(ex.futures_contract_code("BTC", "quarter"), 1)
    ex.open_settlement("BTC", delivery=True)
    timer = threading.Timer(0.4, ex.close_settlement)
    timer.start()
    try:
        report = await sdk.panic(["BTC"], deadline=8.0)
    finally:
        timer.cancel()
    assert report.clean
    assert report.settlement == []  # proven empty at last: nothing left to retry
    assert any(e.cancelled == ["1"] for e in report.entries)


# -- bad input, refused before anything is sent -----------------------------------------------

BAD_CALLS: list[tuple[str, tuple[object, ...], dict[str, object], str]] = [
    ("cancel", ("BTC-USD",), {"order_ids": ["1"]}, "symbol"),
    ("cancel", ("",), {"order_ids": ["1"]}, "symbol"),
    ("cancel", (5,), {"order_ids": ["1"]}, "symbol"),
    ("cancel", ("BTC231229",), {"order_ids": ["1"]}, "symbol"),
    ("cancel", ("BTC",), {"order_ids": [str(i) for i in range(1, 12)]}, "order_ids"),
    ("cancel_all", ("BTC",), {"contract_code": "BTC2312"}, "contract_code"),
    ("cancel_all", ("BTC",), {"contract_code": "BTC231299"}, "contract_code"),
    ("cancel_all", ("BTC",), {"contract_code": "BTC-231229"}, "contract_code"),
    ("cancel_all", ("BTC",), {"contract_type": "monthly"}, "contract_type"),
    ("cancel_all", ("BTC",), {"direction": "up"}, "direction"),
    ("cancel_all_trigger", ("BTC",), {"offset": "both"}, "offset"),
    (
        "cancel_all",
        ("BTC",),
        {"contract_code": "BTC231229", "contract_type": "quarter"},
        "contract_code/contract_type",
    ),
    ("cancel_trigger", ("BT C",), {"order_ids": ["1"]}, "symbol"),
    ("open_orders", (None,), {"kind": "tpsl"}, "symbol"),
    ("open_orders", ("BTC",), {"kind": "algo"}, "kind"),
    ("panic", ("BTC",), {}, "symbols"),
    ("panic", (["BTC", "BTC-USD"],), {}, "symbol"),
    ("cancel_after", (1,), {}, "timeout"),
]


@asyncio_test
@pytest.mark.parametrize(("method", "args", "kwargs", "field"), BAD_CALLS)
async def test_bad_input_is_refused_before_sending(
    method: str,
    args: tuple[object, ...],
    kwargs: dict[str, object],
    field: str,
    sdk: Sdk,
    ex: MockExchange,
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await getattr(sdk, method)(*args, **kwargs)
    assert caught.value.field == field
    assert ex.received == []


@asyncio_test
async def test_a_contract_code_of_another_symbol_is_refused_naming_both(
    sdk: Sdk, ex: MockExchange
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        await sdk.cancel_all("ETH", contract_code="BTC231229")
    assert caught.value.field == "contract_code"
    assert "BTC231229" in str(caught.value)
    assert "'ETH'" in str(caught.value)
    assert ex.received == []


@asyncio_test
async def test_a_filter_the_tpsl_page_does_not_take_is_refused(sdk: Sdk, ex: MockExchange) -> None:
    with pytest.raises(TypeError, match="offset"):
        await sdk.cancel_all_tpsl("BTC", offset="close")
    assert ex.received == []


# -- buckets ------------------------------------------------------------------------------------


def test_default_limiters_are_the_futures_buckets_never_a_swap_clients() -> None:
    creds = HtxCredentials("k", "s")
    with FuturesClient(creds) as futures, SwapClient(creds) as swap:
        mine = futures._engine.limiters
        theirs = swap._engine.limiters
    assert set(mine) == {
        "futures_trade",
        "futures_read",
        "contract_trigger_cancel",
        "contract_trigger_cancelall",
        "contract_tpsl_cancel",
        "contract_tpsl_cancelall",
        "contract_track_cancel",
        "contract_track_cancelall",
    }
    trade = mine["futures_trade"]
    assert trade is not None
    assert (trade.max_requests, trade.period) == (36, 3.0)
    assert not {id(x) for x in mine.values()} & {id(x) for x in theirs.values()}
    assert "futures_trade" not in theirs


def test_account_limiters_of_the_futures_product_are_shared() -> None:
    account = AccountLimiters(product="futures")
    creds = HtxCredentials("k", "s")
    with (
        FuturesClient(creds, limiters=account) as one,
        FuturesClient(creds, limiters=account) as two,
    ):
        assert one._engine.limiters["futures_trade"] is two._engine.limiters["futures_trade"]
    with pytest.raises(InvalidRequestError) as caught:
        FuturesClient(creds, limiters=AccountLimiters())
    assert caught.value.field == "limiters"
