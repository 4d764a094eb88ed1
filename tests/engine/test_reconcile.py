"""``reconcile``: every requested id in exactly one of successes, errors and unanswered; ids HTX
named that nobody asked for in ``unrequested``, never a success. And ``merge_results``."""

from __future__ import annotations

from collections.abc import Sequence

from htx_swap._engine.engine import ChunkFailed, Ledger, merge_results, reconcile
from htx_swap._model.errors import APIConnectionError, RateLimitError
from htx_swap._model.results import CancelResult, OrderCancelError
from htx_swap._wire import codec

from tests.engine.fakes import Driver, FakeClock, cancel_ok, cancel_one, make_engine


def _answer(successes: list[str], errors: Sequence[tuple[str, int]] = ()) -> codec.CancelAnswer:
    return codec.CancelAnswer(
        successes, [OrderCancelError(i, code, "no") for i, code in errors], 7, None
    )


def _partition(result: CancelResult, requested: list[str]) -> None:
    """Each requested id in exactly one list; no unrequested id among them."""
    placed = result.successes + [e.order_id for e in result.errors] + result.unanswered
    assert sorted(placed) == sorted(requested)
    assert not set(result.unrequested) & set(result.successes)


def test_unanswered_ids_are_neither_successes_nor_errors() -> None:
    result = reconcile(["1", "2", "3"], _answer(["1"], [("2", 1061)]), Ledger(attempts=1))
    assert result.successes == ["1"]
    assert [e.order_id for e in result.errors] == ["2"]
    assert result.unanswered == ["3"]
    assert not result.all_accepted
    _partition(result, ["1", "2", "3"])


def test_unrequested_ids_are_never_successes() -> None:
    result = reconcile(["1"], _answer(["1", "99"], [("98", 1061)]), Ledger(attempts=1))
    assert result.successes == ["1"]
    assert result.errors == []
    assert result.unrequested == ["99", "98"]
    assert result.all_accepted
    _partition(result, ["1"])


def test_an_id_in_both_lists_is_in_doubt() -> None:
    result = reconcile(["1", "2"], _answer(["1", "2"], [("2", 1061)]), Ledger(attempts=1))
    assert result.successes == ["1"]
    assert result.errors == []
    assert result.unanswered == ["2"]
    _partition(result, ["1", "2"])


def test_an_id_in_both_lists_after_a_reached_attempt_is_still_in_doubt() -> None:
    ledger = Ledger(attempts=2, may_have_reached=True)
    result = reconcile(["2"], _answer(["2"], [("2", 1071)]), ledger)
    assert result.successes == []
    assert result.inferred_successes == []
    assert result.unanswered == ["2"]


def test_duplicates_in_the_answer_count_once() -> None:
    answer = _answer(["1", "1", "5", "5"], [("2", 1061), ("2", 1061), ("6", 1), ("6", 1)])
    result = reconcile(["1", "2"], answer, Ledger(attempts=1))
    assert result.successes == ["1"]
    assert [e.order_id for e in result.errors] == ["2"]
    assert result.unrequested == ["5", "6"]
    _partition(result, ["1", "2"])


def test_a_leading_zero_is_another_id() -> None:
    result = reconcile(["11"], _answer(["011"]), Ledger(attempts=1))
    assert result.successes == []
    assert result.unanswered == ["11"]
    assert result.unrequested == ["011"]


def test_a_leading_zero_from_the_wire_is_another_id() -> None:
    clock = FakeClock()
    driver = Driver(clock, [cancel_ok(["011", "12"], [("013", 1061)])])
    result = driver.run(cancel_one(make_engine(clock), "11", "12", "13"))
    assert result.successes == ["12"]
    assert result.errors == []
    assert result.unanswered == ["11", "13"]
    assert result.unrequested == ["011", "013"]


def test_64_bit_ids_stay_exact() -> None:
    big = "768503271974985728"
    near = "768503271974985729"  # the same float64
    clock = FakeClock()
    driver = Driver(clock, [cancel_ok([near])])
    result = driver.run(cancel_one(make_engine(clock), big))
    assert result.successes == []
    assert result.unanswered == [big]
    assert result.unrequested == [near]


def test_reconcile_keeps_attempts_ts_and_inference() -> None:
    ledger = Ledger(attempts=3, may_have_reached=True)
    answer = _answer(["1"], [("2", 1062), ("3", 1063)])
    result = reconcile(["1", "2", "3"], answer, ledger)
    assert (result.attempts, result.ts) == (3, 7)
    assert result.successes == ["1", "2"]
    assert result.inferred_successes == ["2"]
    [error] = result.errors
    assert (error.order_id, error.err_code, error.may_have_reached) == ("3", 1063, True)


def test_merge_results_keeps_every_part() -> None:
    one = CancelResult(["1"], [OrderCancelError("2", 1061, "no")], ts=5, attempts=1)
    two = CancelResult(
        ["11"], [], ts=9, attempts=2, inferred_successes=["11"], unanswered=["12"],
        unrequested=["99"],
    )  # fmt: skip
    cause = RateLimitError("slow down", code=1032, may_have_reached=True)
    failed = ChunkFailed(["21", "22"], cause, 3)
    dropped = ChunkFailed(["31"], APIConnectionError("reset", may_have_reached=False), 1)
    merged = merge_results([one, two, failed, dropped])
    assert merged.successes == ["1", "11"]
    assert [(e.order_id, e.err_code) for e in merged.errors] == [
        ("2", 1061),
        ("21", 1032),
        ("22", 1032),
        ("31", -1),
    ]
    assert [e.may_have_reached for e in merged.errors] == [False, True, True, False]
    assert merged.errors[1].cause is cause
    assert merged.ts == 9
    assert merged.attempts == 7
    assert merged.inferred_successes == ["11"]
    assert merged.unanswered == ["12"]
    assert merged.unrequested == ["99"]


def test_merge_results_without_any_answer_has_no_ts() -> None:
    failed = ChunkFailed(["1"], APIConnectionError("reset"), 3)
    merged = merge_results([failed])
    assert merged.ts is None
    assert merged.successes == []
    assert merged.attempts == 3


def test_two_codes_for_one_id_are_unanswered_whatever_their_order() -> None:
    for codes in ((1061, 1071), (1071, 1061)):
        for reached in (False, True):
            answer = _answer(["1"], [("2", code) for code in codes])
            result = reconcile(["1", "2"], answer, Ledger(attempts=2, may_have_reached=reached))
            assert result.successes == ["1"]
            assert result.errors == []
            assert result.inferred_successes == []
            assert result.unanswered == ["2"]
            _partition(result, ["1", "2"])


def test_the_same_code_twice_after_a_reached_attempt_counts_once() -> None:
    ledger = Ledger(attempts=2, may_have_reached=True)
    result = reconcile(["1", "2"], _answer([], [("1", 1071), ("1", 1071), ("2", 1061)]), ledger)
    assert result.successes == result.inferred_successes == ["1"]
    [error] = result.errors
    assert (error.order_id, error.err_code, error.may_have_reached) == ("2", 1061, True)
    _partition(result, ["1", "2"])


def test_a_contradiction_among_unrequested_ids_is_ignored() -> None:
    result = reconcile(["1"], _answer(["1"], [("9", 1061), ("9", 1071)]), Ledger(attempts=1))
    assert result.successes == ["1"]
    assert result.unanswered == []
    assert result.unrequested == ["9"]


def test_merge_results_never_calls_an_id_of_another_request_unrequested() -> None:
    # HTX's answer to one chunk named ids of another chunk (and one nobody asked about, twice)
    one = CancelResult(["1"], [], ts=5, attempts=1, unrequested=["11", "99"])
    two = CancelResult(["11"], [], ts=6, attempts=1, unrequested=["1", "99"])
    failed = ChunkFailed(["21"], APIConnectionError("reset", may_have_reached=True), 1)
    three = CancelResult([], [], ts=7, attempts=1, unanswered=["31"], unrequested=["21", "31"])
    merged = merge_results([one, two, failed, three])
    assert merged.successes == ["1", "11"]
    assert merged.unrequested == ["99"]
