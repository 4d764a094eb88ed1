"""The cancel family through the SDK against the local exchange, sync and async: cancel-alls
of every kind with their filters, the strategy cancels by id (chunks of 10 within their own
5-per-second bucket), open orders of every kind (every page), the dead man's switch's single
call, ``panic``, and bad input refused before anything is sent.

Faults are in ``test_family_faults.py``, the dead man's switch as a context manager in
``test_family_switch.py``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from htx_swap import InvalidRequestError
from htx_swap_mock import MockExchange, OrderState

from tests.integration.family_sdk import (
    BIG,
    BTC,
    CANCEL_AFTER_PATH,
    CANCEL_ALL_PATH,
    CANCEL_PATH,
    ETH,
    KINDS,
    MAX_ID,
    OPEN_ORDERS_PATH,
    STRATEGY_KINDS,
    Mode,
    bodies,
    open_family_sdk,
    paths,
)

asyncio_test = pytest.mark.asyncio


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> Mode:
    chosen: Mode = request.param
    return chosen


@pytest.fixture(scope="module")
def shared_exchange() -> Iterator[MockExchange]:
    """One exchange for the module (HTX's limits on); ``reset()`` before each test gives a fresh
    one (orders, switches, faults, records, rate-limit counts, settings) at a fraction of the
    cost of starting a server per test."""
    with MockExchange() as exchange:
        yield exchange


@pytest.fixture
def htx_exchange(shared_exchange: MockExchange) -> MockExchange:
    shared_exchange.reset()
    return shared_exchange


def open_ids(ex: MockExchange, kind: str, contract_code: str | None = None) -> set[str]:
    return {order.order_id for order in ex.open_orders(contract_code, kind=kind)}


def seed(ex: MockExchange, kind: str, contract_code: str, order_id: int | str, **kw: Any) -> None:
    if kind == "tpsl":
        kw.pop("offset", None)  # a TP/SL order always closes
    ex.add_order(contract_code, order_id, kind=kind, **kw)


# -- cancel-all of every kind ------------------------------------------------------------------


@asyncio_test
@pytest.mark.parametrize("kind", KINDS)
async def test_cancel_all_cancels_every_order_of_the_contract_and_nothing_else(
    mode: Mode, kind: str, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    seed(ex, kind, BTC, BIG)
    seed(ex, kind, BTC, MAX_ID)
    seed(ex, kind, ETH, 77)  # another contract: untouched
    other = "trigger" if kind == "limit" else "limit"
    seed(ex, other, BTC, 88)  # another kind on the same contract: untouched
    async with open_family_sdk(mode, ex) as sdk:
        result = await sdk.cancel_all(kind, BTC)
    assert sorted(result.successes) == sorted([BIG, MAX_ID])  # exact strings, no float
    assert all(type(i) is str for i in result.successes)
    assert (result.errors, result.unanswered, result.unrequested) == ([], [], [])
    assert result.attempts == 1
    assert result.may_have_cancelled_more is False
    assert isinstance(result.ts, int)
    assert ex.order_state(BTC, BIG, kind=kind) is OrderState.CANCELLED
    assert ex.order_state(BTC, MAX_ID, kind=kind) is OrderState.CANCELLED
    assert open_ids(ex, kind, ETH) == {"77"}
    assert open_ids(ex, other, BTC) == {"88"}
    assert paths(ex) == [CANCEL_ALL_PATH[kind]]
    assert bodies(ex, CANCEL_ALL_PATH[kind]) == [{"contract_code": BTC}]


FILTER_CASES = [
    ("limit", {"direction": "sell"}),
    ("limit", {"offset": "close"}),
    ("limit", {"direction": "buy", "offset": "close"}),
    ("trigger", {"direction": "buy"}),
    ("trigger", {"offset": "open"}),
    ("trigger", {"direction": "sell", "offset": "open"}),
    ("tpsl", {"direction": "sell"}),
    ("trailing", {"offset": "close"}),
    ("trailing", {"direction": "buy", "offset": "open"}),
]


@asyncio_test
@pytest.mark.parametrize(("kind", "filters"), FILTER_CASES)
async def test_cancel_all_filters_really_filter(
    mode: Mode, kind: str, filters: dict[str, str], htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    grid = {
        "1": ("buy", "open"),
        "2": ("buy", "close"),
        "3": ("sell", "open"),
        "4": ("sell", "close"),
    }
    for order_id, (direction, offset) in grid.items():
        seed(ex, kind, BTC, order_id, direction=direction, offset=offset)

    def matches(direction: str, offset: str) -> bool:
        if kind == "tpsl":
            offset = "close"  # TP/SL orders close
        return (
            filters.get("direction", direction) == direction
            and filters.get("offset", offset) == offset
        )

    wanted = {i for i, (d, o) in grid.items() if matches(d, o)}
    assert wanted
    assert wanted != set(grid)  # the filter leaves something open, or the test proves nothing
    async with open_family_sdk(mode, ex) as sdk:
        result = await sdk.cancel_all(kind, BTC, **filters)
    assert set(result.successes) == wanted
    assert len(result.successes) == len(wanted)
    assert open_ids(ex, kind, BTC) == set(grid) - wanted
    assert bodies(ex, CANCEL_ALL_PATH[kind]) == [{"contract_code": BTC, **filters}]


@asyncio_test
@pytest.mark.parametrize("kind", KINDS)
async def test_an_empty_book_is_an_empty_result(
    mode: Mode, kind: str, htx_exchange: MockExchange
) -> None:
    """HTX answers 1051 "No cancellable orders": an empty result, not an error, with or without
    a filter that matches nothing."""
    ex = htx_exchange
    async with open_family_sdk(mode, ex) as sdk:
        empty = await sdk.cancel_all(kind, BTC)
        seed(ex, kind, BTC, BIG, direction="buy")
        unmatched = await sdk.cancel_all(kind, BTC, direction="sell")
    for result in (empty, unmatched):
        assert (result.successes, result.errors, result.unanswered) == ([], [], [])
        assert result.ts is None  # no cancel answer came, only 1051
        assert result.attempts == 1
        assert result.may_have_cancelled_more is False
    assert open_ids(ex, kind, BTC) == {BIG}
    assert paths(ex) == [CANCEL_ALL_PATH[kind]] * 2


# -- strategy cancels by id ------------------------------------------------------------------


@asyncio_test
@pytest.mark.parametrize("kind", STRATEGY_KINDS)
async def test_strategy_cancel_exact_ids_and_per_id_refusals(
    mode: Mode, kind: str, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    seed(ex, kind, BTC, BIG)
    seed(ex, kind, BTC, MAX_ID)
    seed(ex, kind, BTC, 7, state="cancelled")
    async with open_family_sdk(mode, ex) as sdk:
        result = await sdk.cancel_ids(kind, BTC, [BIG, int(MAX_ID), 7, 8])
    assert sorted(result.successes) == sorted([BIG, MAX_ID])
    assert {(e.order_id, e.err_code) for e in result.errors} == {("7", 1071), ("8", 1061)}
    assert all(e.may_have_reached is False for e in result.errors)  # one clean answer
    assert (result.unanswered, result.unrequested) == ([], [])
    assert ex.order_state(BTC, BIG, kind=kind) is OrderState.CANCELLED
    assert bodies(ex, CANCEL_PATH[kind]) == [
        {"contract_code": BTC, "order_id": f"{BIG},{MAX_ID},7,8"}
    ]


@asyncio_test
@pytest.mark.parametrize("kind", STRATEGY_KINDS)
async def test_strategy_cancel_sends_chunks_of_ten(
    mode: Mode, kind: str, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    ids = [str(int(BIG) + i) for i in range(25)]
    for order_id in ids:
        seed(ex, kind, BTC, order_id)
    async with open_family_sdk(mode, ex) as sdk:
        result = await sdk.cancel_ids(kind, BTC, list(ids))
    assert sorted(result.successes) == sorted(ids)
    assert (result.errors, result.unanswered) == ([], [])
    assert result.attempts == 3
    sent = [str(body["order_id"]).split(",") for body in bodies(ex, CANCEL_PATH[kind])]  # type: ignore[index]
    assert sorted(len(chunk) for chunk in sent) == [5, 10, 10]
    assert sorted(i for chunk in sent for i in chunk) == sorted(ids)
    assert open_ids(ex, kind) == set()


@asyncio_test
@pytest.mark.parametrize("kind", STRATEGY_KINDS)
async def test_strategy_cancel_stays_within_its_five_per_second_bucket(
    mode: Mode, kind: str, htx_exchange: MockExchange
) -> None:
    """51 ids are 6 requests; the exchange allows each strategy cancel endpoint 5 per second
    (a 6th within the second is refused 429 and would show as a 7th attempt)."""
    ex = htx_exchange
    assert ex.strategy_cancel_rate_limit == (5, 1.0)
    ids = [str(1000 + i) for i in range(51)]
    for order_id in ids:
        seed(ex, kind, BTC, order_id)
    async with open_family_sdk(mode, ex) as sdk:
        started = time.monotonic()
        result = await sdk.cancel_ids(kind, BTC, list(ids))
        took = time.monotonic() - started
    assert sorted(result.successes) == sorted(ids)
    assert result.errors == []
    assert result.attempts == 6  # no request was refused and retried
    times = [r.received_at for r in ex.received if r.path == CANCEL_PATH[kind]]
    assert len(times) == 6
    assert times[5] - times[0] >= 0.95  # the 6th waited for the first's second to pass
    assert took < 3.0


# -- open orders -------------------------------------------------------------------------------


@asyncio_test
@pytest.mark.parametrize("kind", KINDS)
async def test_open_orders_every_page_exact_ids_decimal_numbers(
    mode: Mode, kind: str, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    ids = [str(int(BIG) + i) for i in range(110)]  # 3 pages of 50
    for order_id in ids:
        seed(ex, kind, BTC, order_id, direction="sell", offset="close", volume=3)
    seed(ex, kind, BTC, 5, state="cancelled")  # not open: not listed
    if kind == "limit":
        ex.add_order(BTC, 6, price="12345.6")
    elif kind == "trigger":
        ex.add_order(BTC, 6, kind=kind, trigger_price="100.5")
    else:
        seed(ex, kind, BTC, 6)
    seed(ex, kind, ETH, 9)
    async with open_family_sdk(mode, ex) as sdk:
        listed = await sdk.open_orders(BTC, kind)
    by_id = {order.order_id: order for order in listed}
    assert len(listed) == len(by_id) == 111
    assert set(by_id) == {*ids, "6"}
    assert all(o.kind == kind and o.contract_code == BTC for o in listed)
    assert all(type(o.volume) is Decimal for o in listed)
    assert by_id[BIG].volume == Decimal(3)
    assert by_id[BIG].direction == "sell"
    if kind == "limit":
        assert by_id["6"].price == Decimal("12345.6")
        assert type(by_id["6"].price) is Decimal
    if kind == "trigger":
        assert by_id["6"].trigger_price == Decimal("100.5")
    pages = bodies(ex, OPEN_ORDERS_PATH[kind])
    assert sorted(p["page_index"] for p in pages) == [1, 2, 3]  # type: ignore[index]
    assert all(p["page_size"] == 50 and p["contract_code"] == BTC for p in pages)  # type: ignore[index]


@asyncio_test
async def test_open_limit_orders_of_every_contract(mode: Mode, htx_exchange: MockExchange) -> None:
    ex = htx_exchange
    ex.add_order(BTC, BIG)
    ex.add_order(ETH, MAX_ID)
    ex.add_order("XRP-USD", 3, state="cancelled")
    ex.add_order(BTC, 4, kind="trigger")  # another kind: not a limit order
    async with open_family_sdk(mode, ex) as sdk:
        listed = await sdk.open_orders(None, "limit")
    assert {(o.contract_code, o.order_id) for o in listed} == {(BTC, BIG), (ETH, MAX_ID)}
    assert bodies(ex, OPEN_ORDERS_PATH["limit"]) == [{"page_index": 1, "page_size": 50}]


@asyncio_test
@pytest.mark.parametrize("kind", KINDS)
async def test_open_orders_of_an_empty_book(
    mode: Mode, kind: str, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    seed(ex, kind, ETH, 1)
    async with open_family_sdk(mode, ex) as sdk:
        assert await sdk.open_orders(BTC, kind) == []
    assert paths(ex) == [OPEN_ORDERS_PATH[kind]]


# -- cancel_after, one call ---------------------------------------------------------------------


@asyncio_test
async def test_cancel_after_arms_and_turns_off(mode: Mode, htx_exchange: MockExchange) -> None:
    ex = htx_exchange
    async with open_family_sdk(mode, ex) as sdk:
        armed = await sdk.cancel_after(7.5)
        state = ex.cancel_after()
        off = await sdk.cancel_after(None)
    assert armed.armed is True
    assert armed.current_time is not None
    assert armed.trigger_time == armed.current_time + 7500
    assert state.armed
    assert state.trigger_time == armed.trigger_time
    assert off.armed is False
    assert off.trigger_time is None
    assert not ex.cancel_after().armed
    sent = bodies(ex, CANCEL_AFTER_PATH)
    assert sent[0] == {"on_off": 1, "time_out": 7500}
    assert isinstance(sent[1], dict)
    assert sent[1]["on_off"] == 0


# -- panic -------------------------------------------------------------------------------------


@asyncio_test
async def test_panic_cancels_every_kind_and_proves_it(
    mode: Mode, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    ex.add_order(BTC, BIG)
    ex.add_order(BTC, 2, direction="sell", offset="close")
    ex.add_order(BTC, 3, kind="trigger")
    ex.add_order(BTC, 4, kind="tpsl")
    ex.add_order(BTC, 5, kind="trailing")
    ex.add_order(ETH, MAX_ID)
    ex.add_order(ETH, 6, kind="trigger")
    async with open_family_sdk(mode, ex) as sdk:
        report = await sdk.panic(None, deadline=5.0)
    assert report.contract_codes == [BTC, ETH]  # every contract with open limit orders
    cancelled = {(e.contract_code, e.kind): sorted(e.cancelled) for e in report.entries}
    assert cancelled == {
        (BTC, "limit"): sorted(["2", BIG]),
        (BTC, "trigger"): ["3"],
        (BTC, "tpsl"): ["4"],
        (BTC, "trailing"): ["5"],
        (ETH, "limit"): [MAX_ID],
        (ETH, "trigger"): ["6"],
        (ETH, "tpsl"): [],  # 1051: nothing to cancel is no failure
        (ETH, "trailing"): [],
    }
    # contracts found, not named: every read came back empty, yet the account is not proven
    # clean (a contract with only strategy orders could not be seen)
    assert not report.complete
    assert not report.clean
    assert report.still_open == []
    assert all(e.verified_empty and e.errors == [] for e in report.entries)
    assert report.seconds < 5.0
    assert all(ex.open_orders(code, kind=k) == [] for code in (BTC, ETH) for k in KINDS)


@asyncio_test
async def test_panic_on_named_contracts_leaves_the_others(
    mode: Mode, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    ex.add_order(BTC, 1, kind="tpsl")
    ex.add_order(ETH, 2)
    async with open_family_sdk(mode, ex) as sdk:
        report = await sdk.panic([BTC, BTC], deadline=5.0)
    assert report.contract_codes == [BTC]
    assert {(e.contract_code, e.kind) for e in report.entries} == {(BTC, k) for k in KINDS}
    assert report.clean
    assert open_ids(ex, "limit", ETH) == {"2"}
    assert ex.order_state(BTC, 1, kind="tpsl") is OrderState.CANCELLED


@asyncio_test
async def test_panic_says_what_is_still_open_and_keeps_its_deadline(
    mode: Mode, htx_exchange: MockExchange
) -> None:
    """An order whose cancel never completes stays listed: the report is not clean, names it,
    and panic returns at its deadline."""
    ex = htx_exchange
    ex.add_order(BTC, BIG, on_cancel="never")
    ex.add_order(BTC, 2)
    async with open_family_sdk(mode, ex) as sdk:
        started = time.monotonic()
        report = await sdk.panic([BTC], deadline=0.6)
        took = time.monotonic() - started
    assert not report.clean
    assert report.still_open == [BIG]
    limit = next(e for e in report.entries if e.kind == "limit")
    assert set(limit.cancelled) == {BIG, "2"}
    assert not limit.verified_empty
    # the other kinds hold nothing; whether their last read (after the last wave, which found
    # BIG again) got in before the deadline is timing, and only such a read is proof
    assert all(not e.still_open and not e.errors for e in report.entries if e.kind != "limit")
    assert 0.5 <= took < 0.6 + 0.4


# -- bad input: refused before sending -----------------------------------------------------------

BAD_INPUT: list[tuple[str, tuple[Any, ...], dict[str, Any], str]] = [
    ("cancel_all", ("",), {}, "contract_code"),
    ("cancel_all", (BTC,), {"direction": "long"}, "direction"),
    ("cancel_all", (BTC,), {"offset": "both"}, "offset"),
    ("cancel_all_trigger", (BTC,), {"direction": 1}, "direction"),
    ("cancel_all_trigger", ("BTC USD",), {}, "contract_code"),
    ("cancel_all_tpsl", (BTC,), {"direction": "SELLL"}, "direction"),
    ("cancel_all_trailing", (BTC,), {"offset": ""}, "offset"),
    ("cancel_trigger", (BTC,), {"order_ids": []}, "order_ids"),
    ("cancel_trigger", (BTC,), {"order_ids": [1, 1]}, "order_ids"),
    ("cancel_tpsl", (BTC,), {"order_ids": ["12a"]}, "order_ids"),
    ("cancel_tpsl", (None,), {"order_ids": [1]}, "contract_code"),
    ("cancel_trailing", (BTC,), {"order_ids": [1.0]}, "order_ids"),
    ("cancel_trailing", (BTC,), {"order_ids": [2**63]}, "order_ids"),
    ("cancel_after", (4.9,), {}, "timeout"),
    ("cancel_after", (float("inf"),), {}, "timeout"),
    ("cancel_after", (True,), {}, "timeout"),
    ("open_orders", (BTC,), {"kind": "stop"}, "kind"),
    ("open_orders", (None,), {"kind": "tpsl"}, "contract_code"),
    ("open_orders", ("",), {"kind": "limit"}, "contract_code"),
    ("panic", (None,), {"deadline": 0}, "deadline"),
    ("panic", (None,), {"deadline": float("nan")}, "deadline"),
    ("panic", (BTC,), {}, "contract_codes"),
    ("panic", ([BTC, ""],), {}, "contract_code"),
    ("dead_mans_switch", (4,), {}, "timeout"),
    ("dead_mans_switch", (30,), {"refresh": 30}, "refresh"),
    ("dead_mans_switch", (30,), {"refresh": 0}, "refresh"),
]


@asyncio_test
@pytest.mark.parametrize(
    ("method", "args", "kwargs", "field"),
    BAD_INPUT,
    ids=[f"{m}-{f}-{i}" for i, (m, _a, _k, f) in enumerate(BAD_INPUT)],
)
async def test_bad_input_is_refused_before_sending(
    mode: Mode,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    field: str,
    htx_exchange: MockExchange,
) -> None:
    ex = htx_exchange
    ex.add_order(BTC, 1)
    async with open_family_sdk(mode, ex) as sdk:
        with pytest.raises(InvalidRequestError) as refused:
            await sdk.call(method, *args, **kwargs)
    assert refused.value.field.split("[")[0] == field  # "order_ids[0]" names the position
    assert refused.value.may_have_reached is False
    assert ex.received == []
    assert ex.order_state(BTC, 1) is OrderState.OPEN
