"""Doubt is never collapsed into a refusal, and HTX contradicting itself is never resolved by
list position (issue 20, items 1-4), over real HTTP against a scripted server.

- A per-id error after an attempt that may have reached HTX (its answer lost) is in doubt:
  ``may_have_reached`` True, ``unknown`` in the CLI's states, and ``cancel_and_confirm`` polls
  it like any other unsure id instead of calling it ``failed``.
- Order info listing one order twice in two different states settles nothing: the id is
  ``pending`` and ``in_doubt``; ``order_info`` returns every differing entry (identical repeats
  once) and picks none.
- A cancel answer naming one id twice in ``errors`` with different codes is ``unanswered``;
  the same entry repeated counts once.
"""

from __future__ import annotations

import copy
import json
import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from htx_swap import CancelResult, OrderInfo, ResponseParseError
from htx_swap._cli.cli_render import id_states
from htx_swap._engine.confirm import CancelOutcome

from tests.hostile.raw_server import RawRequest, RawServer
from tests.hostile.support import (
    BTC,
    CANCEL_PATH,
    MODES,
    ORDER_INFO_PATH,
    Called,
    call,
    cancel_ok,
    json_answers,
)

ID = "768503271974985728"  # > 2**53: exact strings end to end
OTHER = "771038212360937472"
OPTIONS = {"timeout": 2.0, "max_retries": 2, "backoff_initial": 0.01, "backoff_max": 0.02}
LOST = None  # the connection closed after the request was read: the answer is lost

ORDER: dict[str, Any] = {
    "symbol": "BTC",
    "contract_code": BTC,
    "volume": 2,
    "price": 30000.5,
    "order_price_type": "limit",
    "direction": "buy",
    "offset": "open",
    "lever_rate": 20,
    "client_order_id": None,
    "created_at": 1603872714279,
    "trade_volume": 0,
    "fee": 0,
    "trade_avg_price": None,
    "canceled_at": 0,
}


def _order(order_id: str, status: int) -> dict[str, Any]:
    order = copy.deepcopy(ORDER)
    traded = {6: 2, 5: 1}.get(status, 0)
    order.update(order_id=int(order_id), order_id_str=order_id, status=status)
    order.update(trade_volume=traded, trade_avg_price=30000.5 if traded else None)
    return order


def _info(*orders: dict[str, Any]) -> bytes:
    return json.dumps({"status": "ok", "data": list(orders), "ts": 1603872729321}).encode()


class Exchange:
    """Answers cancels from ``cancels`` in turn (the last one again after that; ``LOST``: the
    connection closes unanswered) and every order-info request with ``info``."""

    def __init__(self, cancels: list[bytes | None], info: bytes = b"") -> None:
        self.cancels = cancels
        self.info = info or _info()
        self.sent: list[str] = []
        self._lock = threading.Lock()

    def answer(self, request: RawRequest) -> bytes | None:
        with self._lock:
            self.sent.append(request.path)
            if request.path == ORDER_INFO_PATH:
                return self.info
            assert request.path == CANCEL_PATH, request.path
            count = self.sent.count(CANCEL_PATH)
            return self.cancels[min(count, len(self.cancels)) - 1]

    def run(self, mode: str, method: str, ids: list[str], **kwargs: Any) -> Called:
        _SHARED.exchange = self
        url = _SHARED.url
        return call(mode, url, method, BTC, order_ids=ids, options=OPTIONS, **kwargs)


class _Shared:
    """One server for the module (starting and stopping one costs half a second), answering
    as the running test's ``Exchange`` says."""

    exchange: Exchange
    url: str

    def answer(self, request: RawRequest) -> bytes | None:
        return self.exchange.answer(request)


_SHARED = _Shared()


@pytest.fixture(scope="module", autouse=True)
def _server() -> Iterator[None]:
    with RawServer(json_answers(_SHARED.answer)) as server:
        _SHARED.url = server.url
        yield


def _errors(*entries: tuple[str, int]) -> list[dict[str, object]]:
    return [{"order_id": i, "err_code": code, "err_msg": f"code {code}"} for i, code in entries]


def _result(done: Called) -> CancelResult:
    assert done.error is None, repr(done.error)
    assert isinstance(done.value, CancelResult), done.value
    return done.value


def _outcome(done: Called) -> CancelOutcome:
    assert done.error is None, repr(done.error)
    assert isinstance(done.value, CancelOutcome), done.value
    return done.value


# -- item 1: a per-id error after a lost attempt is in doubt, never a proven refusal ---------


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("code", [1063, 1061])
def test_a_per_id_error_after_a_lost_attempt_is_in_doubt(mode: str, code: int) -> None:
    exchange = Exchange([LOST, cancel_ok("", _errors((ID, code)))])
    result = _result(exchange.run(mode, "cancel", [ID]))
    assert exchange.sent == [CANCEL_PATH, CANCEL_PATH]
    [error] = result.errors
    assert (error.order_id, error.err_code, error.may_have_reached) == (ID, code, True)
    [state] = id_states(result)  # what the CLI shows: never "refused"
    assert (state.order_id, state.result, state.may_have_reached) == (ID, "unknown", True)


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_a_per_id_error_on_the_only_attempt_is_a_refusal(mode: str) -> None:
    exchange = Exchange([cancel_ok("", _errors((ID, 1063)))])
    result = _result(exchange.run(mode, "cancel", [ID]))
    [error] = result.errors
    assert error.may_have_reached is False
    [state] = id_states(result)
    assert (state.result, state.err_code) == ("refused", 1063)


# -- item 2: cancel_and_confirm polls such an id and reports what order info says ------------


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("code", "status", "bucket"),
    [
        pytest.param(1063, 6, "filled", id="1063-filled"),
        pytest.param(1061, 7, "cancelled", id="1061-the-lost-attempt-cancelled-it"),
    ],
)
def test_confirm_polls_a_per_id_error_in_doubt(
    mode: str, code: int, status: int, bucket: str
) -> None:
    exchange = Exchange([LOST, cancel_ok("", _errors((ID, code)))], _info(_order(ID, status)))
    outcome = _outcome(exchange.run(mode, "cancel_and_confirm", [ID], deadline=5.0))
    assert ORDER_INFO_PATH in exchange.sent  # polled, not given up on
    assert outcome.failed == []
    assert getattr(outcome, bucket) == [ID]
    assert outcome.pending == outcome.in_doubt == []
    assert outcome.orders[ID].status_code == status


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_confirm_leaves_an_unsettled_per_id_error_pending_and_in_doubt(mode: str) -> None:
    exchange = Exchange([LOST, cancel_ok("", _errors((ID, 1063)))], _info())  # not found
    outcome = _outcome(exchange.run(mode, "cancel_and_confirm", [ID], deadline=0.3))
    assert exchange.sent.count(ORDER_INFO_PATH) >= 1
    assert outcome.failed == []
    assert outcome.pending == outcome.in_doubt == [ID]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_confirm_still_fails_a_refusal_on_the_only_attempt_at_once(mode: str) -> None:
    exchange = Exchange([cancel_ok("", _errors((ID, 1063)))], _info(_order(ID, 6)))
    outcome = _outcome(exchange.run(mode, "cancel_and_confirm", [ID], deadline=5.0))
    assert [(e.order_id, e.may_have_reached) for e in outcome.failed] == [(ID, False)]
    assert outcome.pending == outcome.in_doubt == []
    assert ORDER_INFO_PATH not in exchange.sent


# -- item 3: order info contradicting itself settles nothing ---------------------------------


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("statuses", [(6, 7), (7, 6), (7, 5)], ids=str)
def test_confirm_keeps_contradictory_order_info_in_doubt(
    mode: str, statuses: tuple[int, int]
) -> None:
    listed = [_order(ID, status) for status in statuses]
    exchange = Exchange([cancel_ok(ID)], _info(*listed, _order(OTHER, 7)))
    outcome = _outcome(exchange.run(mode, "cancel_and_confirm", [ID, OTHER], deadline=0.3))
    assert exchange.sent.count(ORDER_INFO_PATH) >= 2  # still polled after the contradiction
    assert outcome.cancelled == [OTHER]  # the other order of that answer is not hidden
    assert outcome.filled == []
    assert outcome.pending == outcome.in_doubt == [ID]
    assert ID not in outcome.orders  # no entry picked
    assert isinstance(outcome.poll_error, ResponseParseError)
    assert ID in str(outcome.poll_error)


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_confirm_counts_an_identical_repeat_once(mode: str) -> None:
    exchange = Exchange([cancel_ok(ID)], _info(_order(ID, 6), _order(ID, 6), _order(ID, 3)))
    outcome = _outcome(exchange.run(mode, "cancel_and_confirm", [ID], deadline=5.0))
    assert outcome.filled == [ID]
    assert outcome.pending == outcome.in_doubt == []


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_order_info_returns_every_differing_entry_and_picks_none(
    mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    listed = [_order(ID, 6), _order(OTHER, 3), _order(ID, 7), _order(ID, 6)]
    exchange = Exchange([], _info(*listed))
    with caplog.at_level(logging.WARNING, logger="htx_swap"):
        done = exchange.run(mode, "order_info", [ID, OTHER])
    assert done.error is None, repr(done.error)
    orders = done.value
    assert all(isinstance(order, OrderInfo) for order in orders)
    assert [(o.order_id, o.status_code) for o in orders] == [(ID, 6), (OTHER, 3), (ID, 7)]
    [warning] = [r.getMessage() for r in caplog.records if "contradicted" in r.getMessage()]
    assert ID in warning
    assert "6, 7" in warning


# -- item 4: one id twice in a cancel answer's errors -----------------------------------------


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lost_first", [True, False], ids=["after-a-lost-attempt", "first"])
@pytest.mark.parametrize("codes", [(1061, 1071), (1071, 1061), (1063, 1062)], ids=str)
def test_two_codes_for_one_id_are_unanswered(
    mode: str, lost_first: bool, codes: tuple[int, int]
) -> None:
    answer = cancel_ok(OTHER, _errors(*((ID, code) for code in codes)))
    exchange = Exchange([LOST, answer] if lost_first else [answer])
    result = _result(exchange.run(mode, "cancel", [ID, OTHER]))
    assert result.unanswered == [ID]
    assert result.successes == [OTHER]
    assert result.errors == []
    assert result.inferred_successes == []
    assert [(s.order_id, s.result) for s in id_states(result)] == [
        (OTHER, "accepted"),
        (ID, "unknown"),
    ]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("codes", [(1061, 1071), (1071, 1061)], ids=str)
def test_confirm_polls_an_id_answered_with_two_codes(mode: str, codes: tuple[int, int]) -> None:
    answer = cancel_ok("", _errors(*((ID, code) for code in codes)))
    exchange = Exchange([LOST, answer], _info(_order(ID, 7)))
    outcome = _outcome(exchange.run(mode, "cancel_and_confirm", [ID], deadline=5.0))
    assert outcome.cancelled == [ID]
    assert outcome.failed == []


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_the_same_answer_repeated_counts_once(mode: str) -> None:
    answer = cancel_ok(f"{OTHER},{OTHER}", _errors((ID, 1061), (ID, 1061)))
    result = _result(Exchange([answer]).run(mode, "cancel", [ID, OTHER]))
    assert result.successes == [OTHER]
    assert [(e.order_id, e.err_code) for e in result.errors] == [(ID, 1061)]
    assert result.unanswered == []


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_the_same_already_cancelled_repeated_after_a_lost_attempt_counts_once(mode: str) -> None:
    answer = cancel_ok("", _errors((ID, 1071), (ID, 1071)))
    result = _result(Exchange([LOST, answer]).run(mode, "cancel", [ID]))
    assert result.successes == result.inferred_successes == [ID]
    assert result.errors == []
    assert result.unanswered == []


# -- many requests merged: an id one request asked about is never "unrequested" --------------


class _CrossTalk(Exchange):
    """Each cancel chunk's answer accepts its own ids and names, as accepted too, the first id
    of the call (asked about by the first chunk only) and one id nobody asked about."""

    def __init__(self, ids: list[str]) -> None:
        super().__init__([])
        self.ids = ids

    def answer(self, request: RawRequest) -> bytes | None:
        asked = json.loads(request.body)["order_id"].split(",")
        if self.ids[0] in asked:
            return cancel_ok(",".join(asked))
        return cancel_ok(",".join([*asked, self.ids[0], "5"]), _errors(("5", 1061)))


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_cancel_many_never_calls_an_id_of_another_chunk_unrequested(mode: str) -> None:
    ids = [str(10**18 + i) for i in range(21)]  # three requests: 10, 10 and 1 ids
    result = _result(_CrossTalk(ids).run(mode, "cancel_many", ids))
    assert sorted(result.successes) == sorted(ids)
    assert result.unanswered == []
    assert result.unrequested == ["5"]  # once, though two answers named it
