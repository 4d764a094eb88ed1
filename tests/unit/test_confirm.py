"""Confirmation: the bookkeeping behind cancel_and_confirm puts every id in exactly one list."""

from __future__ import annotations

from decimal import Decimal

import pytest
from htx_swap import (
    APIConnectionError,
    APITimeoutError,
    OrderCancelError,
    OrderInfo,
    OrderStatus,
    ResponseParseError,
)
from htx_swap._engine.confirm import CancelOutcome, Confirmation
from htx_swap._model.results import CancelResult


def _info(order_id: str, status: OrderStatus, client_order_id: str | None = None) -> OrderInfo:
    traded = {OrderStatus.FILLED: 2, OrderStatus.PARTIALLY_FILLED_CANCELLED: 1}.get(status, 0)
    return OrderInfo(
        order_id=order_id,
        client_order_id=client_order_id,
        contract_code="BTC-USD",
        status=status,
        volume=Decimal(2),
        trade_volume=Decimal(traded),
        price=Decimal("100.5"),
        trade_avg_price=Decimal("100.5") if traded else None,
        direction="buy",
        offset="open",
        order_price_type="limit",
        lever_rate=5,
        fee=Decimal(0),
        created_at=1,
        canceled_at=None,
    )


def _lists(outcome: CancelOutcome) -> list[str]:
    return (
        outcome.cancelled + outcome.filled + [e.order_id for e in outcome.failed] + outcome.pending
    )


def test_final_states_sort_into_lists() -> None:
    ids = ["1", "2", "3", "4", "5", "6"]
    refused = OrderCancelError("6", 1063, "filled already")
    result = CancelResult(successes=ids[:5], errors=[refused], ts=1)
    confirmation = Confirmation(ids, by_client_id=False, cancel_result=result)
    assert confirmation.to_poll() == ["1", "2", "3", "4", "5"]
    confirmation.record(
        ["1", "2", "3", "4", "5"],
        [
            _info("1", OrderStatus.CANCELLED),
            _info("2", OrderStatus.FILLED),
            _info("3", OrderStatus.PARTIALLY_FILLED_CANCELLED),
            _info("4", OrderStatus.CANCELLING),
            _info("999", OrderStatus.CANCELLED),  # not asked for: ignored
        ],
    )
    assert confirmation.to_poll() == ["4", "5"]
    confirmation.record(["4", "5"], [_info("4", OrderStatus.CANCELLED)])
    outcome = confirmation.outcome()
    assert outcome.cancelled == ["1", "3", "4"]
    assert outcome.filled == ["2"]
    assert outcome.failed == [refused]
    assert outcome.pending == ["5"]  # accepted but never seen: not final
    assert sorted(_lists(outcome)) == ids
    assert set(outcome.orders) == {"1", "2", "3", "4"}
    assert outcome.orders["4"].status is OrderStatus.CANCELLED  # the last one seen
    assert outcome.cancel_result is result
    assert not outcome.all_final


def test_client_ids_key_by_client_order_id() -> None:
    result = CancelResult(successes=["9001"], errors=[], ts=1)
    confirmation = Confirmation(["9001"], by_client_id=True, cancel_result=result)
    confirmation.record(["9001"], [_info("771038212360937472", OrderStatus.FILLED, "9001")])
    outcome = confirmation.outcome()
    assert outcome.filled == ["9001"]
    assert outcome.orders["9001"].order_id == "771038212360937472"
    assert outcome.all_final


def _chunk_failed(order_id: str) -> OrderCancelError:
    cause = APITimeoutError("read timed out", may_have_reached=True)
    return OrderCancelError(order_id, -1, "APITimeoutError: read timed out", cause=cause)


@pytest.mark.parametrize(
    ("seen", "bucket"),
    [
        ([OrderStatus.CANCELLED], "cancelled"),  # the failed request's cancel did take
        ([OrderStatus.FILLED], "filled"),
        # not settled by the deadline: the request may have reached HTX, so the cancel is in
        # doubt, never "failed" (failed means HTX refused it)
        ([OrderStatus.SUBMITTED], "pending"),
        ([OrderStatus.PARTIALLY_FILLED], "pending"),
        ([], "pending"),  # not found
        ([OrderStatus.CANCELLING], "pending"),  # a cancel is under way, not final yet
    ],
)
def test_ids_of_a_failed_request_follow_order_info(seen: list[OrderStatus], bucket: str) -> None:
    failure = _chunk_failed("7")
    result = CancelResult(successes=[], errors=[failure], ts=0)
    confirmation = Confirmation(["7"], by_client_id=False, cancel_result=result)
    assert confirmation.to_poll() == ["7"]
    confirmation.record(["7"], [_info("7", status) for status in seen])
    outcome = confirmation.outcome()
    assert _lists(outcome) == ["7"]
    assert getattr(outcome, bucket) == ["7"]
    assert outcome.in_doubt == (["7"] if bucket == "pending" else [])
    assert failure.cause is not None


def test_failed_request_never_polled_is_in_doubt_not_failed() -> None:
    failure = _chunk_failed("7")
    confirmation = Confirmation(
        ["7"], by_client_id=False, cancel_result=CancelResult([], [failure], 0)
    )
    outcome = confirmation.outcome()  # the deadline passed before any poll answered
    assert outcome.failed == []
    assert outcome.pending == outcome.in_doubt == ["7"]


def test_a_request_that_never_left_is_failed_at_once_with_its_cause() -> None:
    cause = APIConnectionError("connection refused", may_have_reached=False)
    refused = OrderCancelError("7", -1, "APIConnectionError: refused", cause=cause)
    confirmation = Confirmation(
        ["7"], by_client_id=False, cancel_result=CancelResult([], [refused], None)
    )
    assert confirmation.to_poll() == []  # nothing to settle: the call returns at once
    outcome = confirmation.outcome()
    assert outcome.failed == [refused]
    assert outcome.failed[0].cause is cause


def test_inferred_successes_are_polled_like_successes() -> None:
    result = CancelResult(successes=["5"], errors=[], ts=1, attempts=2, inferred_successes=["5"])
    confirmation = Confirmation(["5"], by_client_id=False, cancel_result=result)
    confirmation.record(["5"], [_info("5", OrderStatus.CANCELLED)])
    assert confirmation.outcome().cancelled == ["5"]


def test_an_id_the_answer_does_not_name_is_polled_not_lost() -> None:
    result = CancelResult(successes=["1"], errors=[], ts=1)
    confirmation = Confirmation(["1", "2"], by_client_id=False, cancel_result=result)
    assert confirmation.to_poll() == ["1", "2"]
    confirmation.record(["1", "2"], [_info("1", OrderStatus.CANCELLED)])
    outcome = confirmation.outcome()
    assert outcome.cancelled == ["1"]
    assert outcome.failed == []
    assert outcome.pending == outcome.in_doubt == ["2"]  # unnamed: in doubt, never refused
    assert _lists(outcome) == ["1", "2"]


def test_an_id_both_accepted_and_refused_lands_once() -> None:
    result = CancelResult(successes=["1"], errors=[OrderCancelError("1", 1061, "x")], ts=1)
    confirmation = Confirmation(["1"], by_client_id=False, cancel_result=result)
    confirmation.record(["1"], [_info("1", OrderStatus.CANCELLED)])
    outcome = confirmation.outcome()
    assert outcome.cancelled == ["1"]
    assert outcome.failed == []


@pytest.mark.parametrize("code", [1062, 1071])
def test_already_cancelling_on_the_first_attempt_is_confirmed(code: int) -> None:
    # e.g. cancel_and_confirm run again for ids still pending from an earlier call
    result = CancelResult(successes=[], errors=[OrderCancelError("1", code, "x")], ts=1)
    confirmation = Confirmation(["1"], by_client_id=False, cancel_result=result)
    assert confirmation.to_poll() == ["1"]
    confirmation.record(["1"], [_info("1", OrderStatus.CANCELLED)])
    assert confirmation.outcome().cancelled == ["1"]


def test_two_entries_for_one_order_the_final_one_wins() -> None:
    failure = _chunk_failed("7")
    confirmation = Confirmation(
        ["7"], by_client_id=False, cancel_result=CancelResult([], [failure], 0)
    )
    confirmation.record(
        ["7"], [_info("7", OrderStatus.CANCELLED), _info("7", OrderStatus.SUBMITTED)]
    )
    outcome = confirmation.outcome()
    assert outcome.cancelled == ["7"]
    assert outcome.failed == []


def test_a_request_surely_never_sent_fails_at_once() -> None:
    cause = APITimeoutError("connect timed out", may_have_reached=False)
    failure = OrderCancelError("7", -1, "APITimeoutError", cause=cause)
    confirmation = Confirmation(
        ["7"], by_client_id=False, cancel_result=CancelResult([], [failure], 0)
    )
    confirmation.record(["7"], [_info("7", OrderStatus.SUBMITTED)])
    assert confirmation.to_poll() == []  # nothing to wait for: that cancel cannot take
    assert confirmation.outcome().failed == [failure]


def test_a_request_that_may_have_reached_keeps_being_polled() -> None:
    failure = _chunk_failed("7")  # a read timeout: the cancel may still be queued
    confirmation = Confirmation(
        ["7"], by_client_id=False, cancel_result=CancelResult([], [failure], 0)
    )
    confirmation.record(["7"], [_info("7", OrderStatus.SUBMITTED)])
    assert confirmation.to_poll() == ["7"]
    confirmation.record(["7"], [_info("7", OrderStatus.CANCELLED)])
    assert confirmation.outcome().cancelled == ["7"]


def test_client_id_missing_from_the_answer_to_a_single_question() -> None:
    result = CancelResult(successes=["9001"], errors=[], ts=1)
    confirmation = Confirmation(["9001"], by_client_id=True, cancel_result=result)
    confirmation.record(["9001"], [_info("771038212360937472", OrderStatus.CANCELLED)])
    assert confirmation.outcome().cancelled == ["9001"]


@pytest.mark.parametrize("code", [1061, 1063, 1062, 1071])
def test_a_per_id_error_that_may_have_reached_is_polled_never_failed(code: int) -> None:
    # a retry answered after an earlier attempt may have gone through: HTX's code is about the
    # retry, and the earlier attempt's cancel may have taken
    error = OrderCancelError("7", code, "x", may_have_reached=True)
    confirmation = Confirmation(
        ["7"], by_client_id=False, cancel_result=CancelResult([], [error], 1)
    )
    assert confirmation.to_poll() == ["7"]
    outcome = confirmation.outcome()
    assert outcome.failed == []
    assert outcome.pending == outcome.in_doubt == ["7"]
    confirmation.record(["7"], [_info("7", OrderStatus.FILLED)])
    assert confirmation.outcome().filled == ["7"]
    assert confirmation.outcome().in_doubt == []


def _accepted(*ids: str, by_client_id: bool = False) -> Confirmation:
    result = CancelResult(successes=list(ids), errors=[], ts=1)
    return Confirmation(list(ids), by_client_id=by_client_id, cancel_result=result)


@pytest.mark.parametrize(
    "seen",
    [
        [OrderStatus.FILLED, OrderStatus.CANCELLED],
        [OrderStatus.CANCELLED, OrderStatus.FILLED],
        [OrderStatus.CANCELLED, OrderStatus.SUBMITTED, OrderStatus.FILLED],
        [OrderStatus.CANCELLED, OrderStatus.PARTIALLY_FILLED_CANCELLED],
        [OrderStatus.SUBMITTED, OrderStatus.PARTIALLY_FILLED],  # no final entry, yet differing
    ],
    ids=lambda seen: "-".join(str(int(status)) for status in seen),
)
def test_contradictory_entries_settle_nothing(seen: list[OrderStatus]) -> None:
    confirmation = _accepted("7")
    confirmation.record(["7"], [_info("7", status) for status in seen])
    assert confirmation.to_poll() == ["7"]
    outcome = confirmation.outcome()
    assert outcome.pending == outcome.in_doubt == ["7"]
    assert outcome.orders == {}
    assert isinstance(outcome.poll_error, ResponseParseError)
    assert "order 7" in str(outcome.poll_error)


def test_identical_repeats_count_once() -> None:
    confirmation = _accepted("7")
    confirmation.record(["7"], [_info("7", OrderStatus.FILLED)] * 3)
    outcome = confirmation.outcome()
    assert outcome.filled == ["7"]
    assert outcome.poll_error is None


def test_two_orders_with_one_client_id_in_different_states_settle_nothing() -> None:
    confirmation = _accepted("9001", by_client_id=True)
    confirmation.record(
        ["9001"],
        [_info("11", OrderStatus.CANCELLED, "9001"), _info("12", OrderStatus.FILLED, "9001")],
    )
    outcome = confirmation.outcome()
    assert outcome.pending == outcome.in_doubt == ["9001"]


def test_a_contradiction_does_not_hide_an_earlier_clean_entry_or_other_orders() -> None:
    confirmation = _accepted("7", "8")
    confirmation.record(["7", "8"], [_info("7", OrderStatus.SUBMITTED)])
    confirmation.record(
        ["7", "8"],
        [
            _info("7", OrderStatus.FILLED),
            _info("8", OrderStatus.CANCELLED),
            _info("7", OrderStatus.CANCELLED),
        ],
    )
    outcome = confirmation.outcome()
    assert outcome.cancelled == ["8"]
    assert outcome.pending == outcome.in_doubt == ["7"]
    assert outcome.orders["7"].status is OrderStatus.SUBMITTED  # the last clean entry seen
