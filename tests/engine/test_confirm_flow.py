"""``cancel_and_confirm`` on the fake clock: the poll schedule, when it stops, what is failed
(proven refusals only), what stays pending and in doubt."""

from __future__ import annotations

import httpx
import pytest
from htx_swap._engine.confirm import CancelOutcome
from htx_swap._model.constants import POLL_FIRST_PAUSE, POLL_MAX_PAUSE
from htx_swap._model.errors import (
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    ResponseParseError,
    ServiceUnavailableError,
)
from htx_swap._model.order_info import OrderStatus

from tests.engine.fakes import (
    CANCEL,
    ORDER_INFO,
    Driver,
    FakeClock,
    ScriptItem,
    cancel_ok,
    htx_error,
    ids,
    make_engine,
    order,
    order_info_ok,
    response,
)


def _confirm(
    driver: Driver, *values: str, deadline: float = 1.0, field: str = "order_ids", **options: float
) -> CancelOutcome:
    engine = make_engine(driver.clock, **options)  # type: ignore[arg-type]
    flow = engine.cancel_and_confirm("BTC-USD", ids(*values, field=field), deadline, None)
    outcome: CancelOutcome = driver.run(flow)
    return outcome


def test_poll_schedule_at_once_then_doubling_to_its_cap() -> None:
    assert (POLL_FIRST_PAUSE, POLL_MAX_PAUSE) == (0.02, 0.06)
    clock = FakeClock()
    driver = Driver(clock, [cancel_ok(["1"])], responder=lambda _: order_info_ok(order("1", 3)))
    outcome = _confirm(driver, "1", deadline=0.5)
    kinds = driver.kinds()
    assert kinds[:3] == ["fanout", CANCEL, "fanout"]  # the cancel, then the first poll at once
    assert kinds[3] == ORDER_INFO
    sleeps = driver.sleeps()
    assert sleeps[:6] == pytest.approx([0.02, 0.04, 0.06, 0.06, 0.06, 0.06])
    assert sum(sleeps) == pytest.approx(0.5)  # the last pause ends on the deadline, not past it
    assert all(s <= POLL_MAX_PAUSE + 1e-12 for s in sleeps)
    polls = [r.start for r in driver.records if r.step in driver.sends(ORDER_INFO)]
    assert polls[:4] == pytest.approx([0.0, 0.02, 0.06, 0.12])
    assert len(polls) == len(sleeps)  # a poll, a pause, ...: none after the deadline
    assert outcome.pending == ["1"]
    assert outcome.in_doubt == []  # accepted, just not final yet
    assert outcome.orders["1"].status is OrderStatus.SUBMITTED


def test_polling_stops_when_every_order_is_final() -> None:
    clock = FakeClock()
    script = [
        cancel_ok(["1", "2"]),
        order_info_ok(order("1", 7), order("2", 4)),
        order_info_ok(order("2", 6)),
    ]
    driver = Driver(clock, script)
    outcome = _confirm(driver, "1", "2", deadline=5.0)
    assert outcome.cancelled == ["1"]
    assert outcome.filled == ["2"]
    assert outcome.pending == []
    assert outcome.all_final
    assert driver.sleeps() == [0.02]
    assert len(driver.sends(ORDER_INFO)) == 2
    second = driver.sends(ORDER_INFO)[1].request.content
    assert b'"order_id":"2"' in second  # only the id still open is asked about again
    assert clock.now == pytest.approx(0.02)


def test_partly_filled_then_cancelled_and_failed_orders_are_cancelled() -> None:
    clock = FakeClock()
    driver = Driver(clock, [cancel_ok(["1", "2"]), order_info_ok(order("1", 5), order("2", 10))])
    outcome = _confirm(driver, "1", "2")
    assert outcome.cancelled == ["1", "2"]
    assert driver.sleeps() == []


@pytest.mark.parametrize(
    "answer",
    [
        cancel_ok([], [("1", 1061), ("2", 1063)]),
        htx_error(1017),
        htx_error(1051),
    ],
    ids=["per-id-refusals", "auth-refusal", "whole-request-refusal"],
)
def test_every_id_proven_refused_returns_at_once(answer: httpx.Response) -> None:
    clock = FakeClock()
    driver = Driver(clock, [answer])
    outcome = _confirm(driver, "1", "2")
    assert [e.order_id for e in outcome.failed] == ["1", "2"]
    assert outcome.pending == []
    assert outcome.in_doubt == []
    assert driver.sends(ORDER_INFO) == []
    assert driver.sleeps() == []
    assert clock.now == 0.0


def test_no_connection_at_all_is_a_proven_refusal() -> None:
    clock = FakeClock()
    driver = Driver(
        clock, responder=lambda _: APIConnectionError("refused", may_have_reached=False)
    )
    outcome = _confirm(driver, "1", max_retries=1, backoff_initial=0.01, backoff_max=0.01)
    [failed] = outcome.failed
    assert isinstance(failed.cause, APIConnectionError)
    assert driver.sends(ORDER_INFO) == []


@pytest.mark.parametrize(
    "doubt",
    [
        lambda: APIConnectionError("reset after sending", may_have_reached=True),
        lambda: APITimeoutError("slow", may_have_reached=True),
        lambda: response(503, ""),
        lambda: response(500, "oops"),
        lambda: response(200, "<html>cloudflare</html>"),
    ],
    ids=["dropped", "timeout", "503", "500", "html-200"],
)
def test_in_doubt_ids_are_settled_by_order_info(doubt: object) -> None:
    clock = FakeClock()
    make = doubt if callable(doubt) else None
    assert make is not None
    driver = Driver(clock, [make(), order_info_ok(order("1", 7), order("2", 6))])
    outcome = _confirm(driver, "1", "2", max_retries=0)
    assert outcome.cancelled == ["1"]
    assert outcome.filled == ["2"]
    assert outcome.failed == []
    assert outcome.pending == []
    assert outcome.in_doubt == []


def test_in_doubt_ids_not_settled_are_pending_and_in_doubt_at_the_deadline() -> None:
    clock = FakeClock()
    driver = Driver(
        clock,
        [APIConnectionError("reset after sending", may_have_reached=True)],
        responder=lambda _: order_info_ok(order("1", 3), order("2", 3)),
    )
    outcome = _confirm(driver, "1", "2", deadline=0.3, max_retries=0)
    assert outcome.failed == []
    assert outcome.pending == ["1", "2"]
    assert outcome.in_doubt == ["1", "2"]
    assert clock.now == pytest.approx(0.3)
    assert isinstance(outcome.cancel_result.errors[0].cause, APIConnectionError)


def test_ids_the_answer_did_not_name_are_in_doubt() -> None:
    clock = FakeClock()
    driver = Driver(
        clock,
        [cancel_ok(["1"])],
        responder=lambda _: order_info_ok(order("1", 3), order("2", 3)),
    )
    outcome = _confirm(driver, "1", "2", deadline=0.2)
    assert outcome.pending == ["1", "2"]
    assert outcome.in_doubt == ["2"]  # "1" was accepted: pending, but not in doubt
    assert outcome.cancel_result.unanswered == ["2"]


def test_already_cancelling_ids_are_polled_not_failed() -> None:
    clock = FakeClock()
    driver = Driver(
        clock, [cancel_ok([], [("1", 1071), ("2", 1062)]), order_info_ok(order("1", 7))]
    )
    driver.responder = lambda _: order_info_ok(order("2", 7))
    outcome = _confirm(driver, "1", "2")
    assert outcome.cancelled == ["1", "2"]
    assert outcome.failed == []


def test_one_unreadable_order_does_not_hide_the_others() -> None:
    clock = FakeClock()
    broken = order("2", 7)
    del broken["volume"]
    driver = Driver(
        clock,
        [cancel_ok(["1", "2"]), order_info_ok(order("1", 7), broken)],
        responder=lambda _: order_info_ok(broken),
    )
    outcome = _confirm(driver, "1", "2", deadline=0.1)
    assert outcome.cancelled == ["1"]
    assert outcome.pending == ["2"]
    assert isinstance(outcome.poll_error, ResponseParseError)
    assert "2" in str(outcome.poll_error)


def test_an_unknown_status_is_not_final() -> None:
    clock = FakeClock()
    driver = Driver(clock, [cancel_ok(["1"])], responder=lambda _: order_info_ok(order("1", 42)))
    outcome = _confirm(driver, "1", deadline=0.1)
    assert outcome.pending == ["1"]
    assert outcome.orders["1"].status is OrderStatus.UNKNOWN
    assert outcome.orders["1"].status_code == 42


@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (lambda: htx_error(1017), AuthenticationError),
        (lambda: response(503, ""), ServiceUnavailableError),
    ],
    ids=["no-read-permission", "busy"],
)
def test_a_failed_poll_keeps_ids_pending_with_poll_error(
    failure: object, expected: type[Exception]
) -> None:
    clock = FakeClock()
    assert callable(failure)
    driver = Driver(clock, [cancel_ok(["1"])], responder=lambda _: failure())
    outcome = _confirm(driver, "1", deadline=0.2, max_retries=0)
    assert outcome.pending == ["1"]
    assert outcome.failed == []
    assert outcome.in_doubt == []
    assert isinstance(outcome.poll_error, expected)
    assert len(driver.sends(ORDER_INFO)) > 1  # kept polling until the deadline


def test_a_failed_poll_then_a_good_one_settles() -> None:
    clock = FakeClock()
    script = [cancel_ok(["1"]), response(503, ""), order_info_ok(order("1", 7))]
    driver = Driver(clock, script)
    outcome = _confirm(driver, "1", max_retries=0)
    assert outcome.cancelled == ["1"]
    assert driver.sleeps() == [0.02]


def test_by_client_id_orders_are_matched_by_their_client_id() -> None:
    clock = FakeClock()
    script = [
        cancel_ok(["501", "502"]),
        order_info_ok(order("9001", 7, client_order_id=501), order("9002", 6, client_order_id=502)),
    ]
    driver = Driver(clock, script)
    outcome = _confirm(driver, "501", "502", field="client_order_ids")
    assert outcome.cancelled == ["501"]
    assert outcome.filled == ["502"]
    assert outcome.orders["501"].order_id == "9001"
    assert b"client_order_id" in driver.sends(ORDER_INFO)[0].request.content


def test_every_id_lands_in_exactly_one_list() -> None:
    clock = FakeClock()
    many = [str(i) for i in range(1, 16)]
    script: list[ScriptItem] = [
        cancel_ok(["1", "2", "3", "4"], [("5", 1061), ("6", 1071)]),  # 7..10 unanswered
        APIConnectionError("reset after sending", may_have_reached=True),  # 11..15 in doubt
    ]
    statuses = {"1": 7, "2": 6, "3": 3, "6": 7, "7": 5, "11": 7}
    driver = Driver(
        clock,
        script,
        responder=lambda _: order_info_ok(*(order(i, s) for i, s in statuses.items())),
    )
    outcome = _confirm(driver, *many, deadline=0.2, max_retries=0)
    assert outcome.cancelled == ["1", "6", "7", "11"]
    assert outcome.filled == ["2"]
    assert [e.order_id for e in outcome.failed] == ["5"]
    assert outcome.pending == ["3", "4", "8", "9", "10", "12", "13", "14", "15"]
    assert outcome.in_doubt == ["8", "9", "10", "12", "13", "14", "15"]


def test_order_info_reads_in_chunks_of_50_and_stops_at_the_first_failure() -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    many = [str(i) for i in range(1, 121)]
    driver = Driver(clock, [order_info_ok(order("1", 7)), htx_error(1017), order_info_ok()])
    with pytest.raises(AuthenticationError):
        driver.run(engine.order_info("BTC-USD", ids(*many), None))
    assert len(driver.sends(ORDER_INFO)) == 2  # the third chunk never ran
    first = driver.sends(ORDER_INFO)[0].request.content
    assert b'"1,2,' in first
    assert b",50" in first
    assert b",51" not in first


def test_order_info_merges_its_chunks() -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    many = [str(i) for i in range(1, 61)]
    driver = Driver(clock, [order_info_ok(order("1", 7)), order_info_ok(order("60", 3))])
    orders = driver.run(engine.order_info("BTC-USD", ids(*many), None))
    assert [o.order_id for o in orders] == ["1", "60"]


def test_a_per_id_refusal_after_a_lost_attempt_is_polled_until_settled() -> None:
    clock = FakeClock()
    script: list[ScriptItem] = [
        APIConnectionError("answer lost after sending", may_have_reached=True),
        cancel_ok([], [("1", 1063), ("2", 1061)]),
        order_info_ok(order("1", 6), order("2", 3)),
    ]
    driver = Driver(clock, script, responder=lambda _: order_info_ok(order("2", 3)))
    outcome = _confirm(driver, "1", "2", deadline=0.2, backoff_initial=0.01, backoff_max=0.01)
    assert outcome.filled == ["1"]
    assert outcome.failed == []
    assert outcome.pending == outcome.in_doubt == ["2"]
    assert [e.may_have_reached for e in outcome.cancel_result.errors] == [True, True]


def test_contradictory_order_info_is_polled_again_and_settled_by_a_clean_answer() -> None:
    clock = FakeClock()
    script = [
        cancel_ok(["1"]),
        order_info_ok(order("1", 6), order("1", 7)),
        order_info_ok(order("1", 7)),
    ]
    driver = Driver(clock, script)
    outcome = _confirm(driver, "1", deadline=1.0)
    assert outcome.cancelled == ["1"]
    assert outcome.pending == outcome.in_doubt == []
    assert len(driver.sends(ORDER_INFO)) == 2
    assert isinstance(outcome.poll_error, ResponseParseError)  # what was seen on the way


def test_order_info_keeps_differing_entries_and_drops_identical_repeats() -> None:
    clock = FakeClock()
    engine = make_engine(clock)
    listed = order_info_ok(order("1", 6), order("1", 7), order("1", 6), order("2", 3))
    driver = Driver(clock, [listed])
    orders = driver.run(engine.order_info("BTC-USD", ids("1", "2"), None))
    assert [(o.order_id, o.status_code) for o in orders] == [("1", 6), ("1", 7), ("2", 3)]
