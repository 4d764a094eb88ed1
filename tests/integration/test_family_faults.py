"""The cancel family's faults through the SDK against the local exchange, sync and async.

The truthful-outcome rules hold for every method: a failure carries ``may_have_reached`` for
the call as a whole (a dropped answer followed by refusals is still in doubt); no requested id
is lost (the strategy cancels list each id in successes, errors or unanswered); every call ends
within its documented bound, ``(max_retries + 2) * timeout + max_retries * (backoff_max +
backoff_initial)``, and ``panic`` within its deadline, even when the exchange keeps refusing.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass

import pytest
from htx_swap import (
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    CancelResult,
    HtxError,
    ResponseParseError,
    ServiceUnavailableError,
)
from htx_swap_mock import MockExchange, OrderState, faults

from tests.integration.family_sdk import (
    BIG,
    BTC,
    CANCEL_AFTER_PATH,
    CANCEL_ALL_PATH,
    CANCEL_PATH,
    KINDS,
    OPEN_ORDERS_PATH,
    STRATEGY_KINDS,
    FamilySdk,
    Mode,
    open_family_sdk,
    paths,
)

asyncio_test = pytest.mark.asyncio
BUSY = 1004


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> Mode:
    chosen: Mode = request.param
    return chosen


@pytest.fixture(scope="module")
def shared_exchange() -> Iterator[MockExchange]:
    """One exchange for the module, ``reset()`` before each test (faults, orders, switches,
    records, rate-limit counts, settings); stalls still held from an earlier test end when it
    stops."""
    with MockExchange() as exchange:
        yield exchange


@pytest.fixture
def htx_exchange(shared_exchange: MockExchange) -> MockExchange:
    shared_exchange.reset()
    return shared_exchange


@dataclass(frozen=True)
class Op:
    """One method of the family: what to seed, how to call it, where it goes, and whether
    its effect happened on the exchange (None for a read)."""

    name: str
    path: str
    seed: Callable[[MockExchange], None]
    run: Callable[[FamilySdk], Awaitable[object]]
    took_effect: Callable[[MockExchange], bool] | None
    ids: tuple[str, ...] = ()  # the strategy cancels: failures are per id in the result


def _seed(kind: str) -> Callable[[MockExchange], None]:
    def seed(ex: MockExchange) -> None:
        ex.add_order(BTC, BIG, kind=kind)
        ex.add_order(BTC, 7, kind=kind)

    return seed


def _cancelled(kind: str) -> Callable[[MockExchange], bool]:
    def check(ex: MockExchange) -> bool:
        states = {ex.order_state(BTC, i, kind=kind) for i in (BIG, 7)}
        assert len(states) == 1  # both or neither
        return states == {OrderState.CANCELLED}

    return check


def _cancel_all_op(kind: str) -> Op:
    return Op(
        f"cancel_all[{kind}]",
        CANCEL_ALL_PATH[kind],
        _seed(kind),
        lambda sdk: sdk.cancel_all(kind, BTC),
        _cancelled(kind),
    )


def _cancel_ids_op(kind: str) -> Op:
    return Op(
        f"cancel_ids[{kind}]",
        CANCEL_PATH[kind],
        _seed(kind),
        lambda sdk: sdk.cancel_ids(kind, BTC, [BIG, 7]),
        _cancelled(kind),
        ids=(BIG, "7"),
    )


def _open_orders_op(kind: str) -> Op:
    return Op(
        f"open_orders[{kind}]",
        OPEN_ORDERS_PATH[kind],
        _seed(kind),
        lambda sdk: sdk.open_orders(BTC, kind),
        None,
    )


OPS = [
    *(_cancel_all_op(k) for k in KINDS),
    *(_cancel_ids_op(k) for k in STRATEGY_KINDS),
    Op(
        "cancel_after",
        CANCEL_AFTER_PATH,
        lambda ex: None,
        lambda sdk: sdk.cancel_after(5),
        lambda ex: ex.cancel_after().armed,
    ),
    *(_open_orders_op(k) for k in KINDS),
]
OP_IDS = [op.name for op in OPS]


async def failure_of(op: Op, sdk: FamilySdk) -> HtxError:
    """The call's failure: raised, or (strategy cancels) the cause behind every id, each id in
    ``errors`` with the call's doubt and none lost."""
    if not op.ids:
        with pytest.raises(HtxError) as raised:
            await op.run(sdk)
        return raised.value
    result = await op.run(sdk)
    assert isinstance(result, CancelResult)
    assert (result.successes, result.unanswered) == ([], [])
    assert sorted(e.order_id for e in result.errors) == sorted(op.ids)
    causes = {id(e.cause) for e in result.errors}
    assert len(causes) == 1  # one request, one cause
    cause = result.errors[0].cause
    assert cause is not None
    assert all(e.may_have_reached is cause.may_have_reached for e in result.errors)
    return cause


def sent_to(ex: MockExchange, path: str) -> int:
    return paths(ex).count(path)


# -- a dropped answer, then refusals: the doubt stays ----------------------------------------


@asyncio_test
@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
async def test_dropped_answer_then_refusals_carries_the_doubt(
    mode: Mode, op: Op, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    op.seed(ex)
    ex.inject(faults.drop(), path=op.path, after_processing=True)
    ex.inject(faults.business_error(BUSY), path=op.path, times=None)
    async with open_family_sdk(mode, ex, max_retries=2) as sdk:
        error = await failure_of(op, sdk)
    assert isinstance(error, ServiceUnavailableError)
    assert error.code == BUSY  # the last attempt's refusal...
    assert error.may_have_reached is True  # ...but the first attempt may have done it
    assert sent_to(ex, op.path) == 3
    if op.took_effect is not None:
        assert op.took_effect(ex)  # it had: the doubt was warranted


@asyncio_test
@pytest.mark.parametrize("kind", KINDS)
async def test_cancel_all_retried_after_a_lost_answer_says_it_may_have_cancelled_more(
    mode: Mode, kind: str, htx_exchange: MockExchange
) -> None:
    """The first attempt cancelled everything and its answer was lost; the retry finds an empty
    book (1051). The result is empty but says an earlier attempt may have cancelled orders."""
    ex = htx_exchange
    _seed(kind)(ex)
    ex.inject(faults.drop(), path=CANCEL_ALL_PATH[kind], after_processing=True)
    async with open_family_sdk(mode, ex) as sdk:
        result = await sdk.cancel_all(kind, BTC)
    assert result.successes == []
    assert result.attempts == 2
    assert result.may_have_cancelled_more is True
    assert _cancelled(kind)(ex)


@asyncio_test
@pytest.mark.parametrize("kind", STRATEGY_KINDS)
async def test_strategy_cancel_retried_after_a_lost_answer_loses_no_id(
    mode: Mode, kind: str, htx_exchange: MockExchange
) -> None:
    """The retry is answered 1071 (already cancelled) for both ids: the earlier attempt's
    cancel took, so they are successes, flagged as inferred; no id lost, none an error."""
    ex = htx_exchange
    _seed(kind)(ex)
    ex.inject(faults.drop(), path=CANCEL_PATH[kind], after_processing=True)
    async with open_family_sdk(mode, ex) as sdk:
        result = await sdk.cancel_ids(kind, BTC, [BIG, 7])
    assert sorted(result.successes) == sorted([BIG, "7"])
    assert sorted(result.inferred_successes) == sorted([BIG, "7"])
    assert (result.errors, result.unanswered) == ([], [])
    assert result.attempts == 2


# -- 5xx and malformed answers after the request was processed ---------------------------------


@asyncio_test
@pytest.mark.parametrize("json_body", [True, False], ids=["htx-1000-body", "plain-text"])
@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
async def test_http_500_after_processing_is_in_doubt(
    mode: Mode, op: Op, json_body: bool, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    op.seed(ex)
    ex.inject(faults.http_500(json_body=json_body), path=op.path, after_processing=True)
    async with open_family_sdk(mode, ex) as sdk:
        error = await failure_of(op, sdk)
    assert isinstance(error, APIStatusError)
    assert error.status_code == 500
    assert error.may_have_reached is True
    assert sent_to(ex, op.path) == 1  # a 500 is not retried
    if op.took_effect is not None:
        assert op.took_effect(ex)


@asyncio_test
@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
async def test_malformed_answer_after_processing_is_in_doubt(
    mode: Mode, op: Op, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    op.seed(ex)
    ex.inject(faults.malformed_json(), path=op.path, after_processing=True)
    async with open_family_sdk(mode, ex) as sdk:
        error = await failure_of(op, sdk)
    assert isinstance(error, ResponseParseError)
    assert error.may_have_reached is True
    assert sent_to(ex, op.path) == 1
    if op.took_effect is not None:
        assert op.took_effect(ex)


# -- a stall: the call ends within its documented bound ----------------------------------------


@asyncio_test
@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
async def test_a_stall_is_bounded_by_the_call_bound(
    mode: Mode, op: Op, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    op.seed(ex)
    ex.inject(faults.stall(30), path=op.path, times=None)
    timeout, retries, initial, most = 0.15, 1, 0.01, 0.05
    bound = (retries + 2) * timeout + retries * (most + initial)
    async with open_family_sdk(
        mode, ex, timeout=timeout, max_retries=retries, backoff_initial=initial, backoff_max=most
    ) as sdk:
        started = time.monotonic()
        error = await failure_of(op, sdk)
        took = time.monotonic() - started
    assert isinstance(error, APITimeoutError)
    assert error.may_have_reached is True  # sent, never answered
    assert 1 <= sent_to(ex, op.path) <= retries + 1
    assert took >= timeout  # it did wait for an answer
    assert took <= bound + 0.25, f"{took:.2f} s, bound {bound:.2f} s"


# -- a wrong secret: proven refused, at once -----------------------------------------------------


@asyncio_test
@pytest.mark.parametrize("op", OPS, ids=OP_IDS)
async def test_wrong_secret_is_a_proven_refusal(
    mode: Mode, op: Op, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    op.seed(ex)
    async with open_family_sdk(mode, ex, secret="not-the-secret") as sdk:
        error = await failure_of(op, sdk)
    assert isinstance(error, AuthenticationError)
    assert error.may_have_reached is False  # HTX's gateway refused it before processing
    assert paths(ex) == [op.path]  # not retried
    assert ex.received[0].signature_valid is False
    if op.took_effect is not None:
        assert not op.took_effect(ex)


# -- panic under faults -------------------------------------------------------------------------


@asyncio_test
async def test_panic_keeps_its_deadline_when_the_exchange_keeps_refusing(
    mode: Mode, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    for kind in KINDS:
        ex.add_order(BTC, BIG, kind=kind)
    ex.inject(faults.business_error(BUSY), times=None)
    deadline = 1.0
    async with open_family_sdk(mode, ex, backoff_initial=0.05, backoff_max=0.2) as sdk:
        started = time.monotonic()
        report = await sdk.panic([BTC], deadline=deadline)
        took = time.monotonic() - started
    assert took <= deadline + 0.3, f"{took:.2f} s for a {deadline} s deadline"
    assert not report.clean
    assert len(report.entries) == 4
    for entry in report.entries:
        assert not entry.verified_empty
        assert entry.cancelled == []
        refused = [e for e in entry.errors if isinstance(e, ServiceUnavailableError)]
        assert refused
        assert all(e.code == BUSY and e.may_have_reached is False for e in refused)
        # the rest were cut short by the deadline: never sent, or still under way at it
        others = [e for e in entry.errors if e not in refused]
        assert all(isinstance(e, APITimeoutError) for e in others), others
    assert all(ex.order_state(BTC, BIG, kind=k) is OrderState.OPEN for k in KINDS)


@asyncio_test
async def test_panic_keeps_its_deadline_through_a_stall(
    mode: Mode, htx_exchange: MockExchange
) -> None:
    """Every request stalls; the client's timeout (5 s) is longer than panic's deadline, which
    cuts every attempt short."""
    ex = htx_exchange
    ex.add_order(BTC, BIG)
    ex.inject(faults.stall(30), times=None)
    deadline = 0.8
    async with open_family_sdk(mode, ex, timeout=5.0) as sdk:
        started = time.monotonic()
        report = await sdk.panic([BTC], deadline=deadline)
        took = time.monotonic() - started
    assert took <= deadline + 0.3, f"{took:.2f} s for a {deadline} s deadline"
    assert not report.clean
    errors = [e for entry in report.entries for e in entry.errors]
    assert errors
    assert all(isinstance(e, APITimeoutError) for e in errors)
    sent = [e for e in errors if e.may_have_reached]
    assert sent  # at least the stalled request is in doubt


@asyncio_test
async def test_panic_after_a_lost_answer_still_proves_the_book_empty(
    mode: Mode, htx_exchange: MockExchange
) -> None:
    """The limit cancel-all took but its answer was lost; the retry finds nothing (1051) and
    the read-back proves the book empty: clean, and the order is cancelled. The entry cannot
    name the order the lost answer cancelled, and says so: may_have_cancelled_more."""
    ex = htx_exchange
    ex.add_order(BTC, BIG)
    ex.inject(faults.drop(), path=CANCEL_ALL_PATH["limit"], after_processing=True)
    async with open_family_sdk(mode, ex) as sdk:
        report = await sdk.panic([BTC], deadline=5.0)
    assert report.clean
    assert ex.order_state(BTC, BIG) is OrderState.CANCELLED
    assert sent_to(ex, CANCEL_ALL_PATH["limit"]) == 2
    (limit,) = [e for e in report.entries if e.kind == "limit"]
    assert limit.cancelled == []
    assert limit.may_have_cancelled_more
    assert not any(e.may_have_cancelled_more for e in report.entries if e.kind != "limit")


@asyncio_test
async def test_panic_with_a_wrong_secret_reports_the_refusal(
    mode: Mode, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    ex.add_order(BTC, BIG)
    async with open_family_sdk(mode, ex, secret="not-the-secret") as sdk:
        report = await sdk.panic([BTC], deadline=0.5)
    assert not report.clean
    for entry in report.entries:
        refused = [e for e in entry.errors if isinstance(e, AuthenticationError)]
        assert refused
        assert all(e.may_have_reached is False for e in refused)  # proven refusals
        # the rest were cut short by the deadline: never sent, or still under way at it
        others = [e for e in entry.errors if e not in refused]
        assert all(isinstance(e, APITimeoutError) for e in others), others
    assert ex.order_state(BTC, BIG) is OrderState.OPEN


@asyncio_test
async def test_panic_with_a_wrong_secret_returns_at_once(
    mode: Mode, htx_exchange: MockExchange
) -> None:
    ex = htx_exchange
    ex.add_order(BTC, BIG)
    async with open_family_sdk(mode, ex, secret="not-the-secret") as sdk:
        started = time.monotonic()
        report = await sdk.panic([BTC], deadline=2.0)
        took = time.monotonic() - started
    assert not report.clean
    assert len(ex.received) <= 8  # one round: four cancel-alls, four reads at most
    assert took < 1.0
