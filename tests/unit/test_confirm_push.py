"""Confirmation.record_push and ReadSchedule (issue 23): a push settles an awaited id as order
information would, and never anything else; when an id is read while the push is live."""

from __future__ import annotations

from decimal import Decimal

from htx_swap import OrderCancelError, OrderStatus
from htx_swap._engine.confirm import PUSH_GRACE, PUSH_HEARD_GRACE, Confirmation, ReadSchedule
from htx_swap._model.results import CancelResult
from htx_swap._push.push_protocol import OrderUpdate


def _push(order_id: str, status: OrderStatus, client_order_id: str | None = None) -> OrderUpdate:
    return OrderUpdate(
        order_id=order_id,
        client_order_id=client_order_id,
        contract_code="BTC-USD",
        status=status,
        trade_volume=Decimal(0),
        volume=Decimal(2),
        canceled_source=None,
        ts=1,
    )


def _confirmation(
    ids: list[str], *, refused: tuple[str, ...] = (), by_client_id: bool = False
) -> Confirmation:
    errors = [OrderCancelError(i, 1061, "not found", may_have_reached=False) for i in refused]
    result = CancelResult(successes=[i for i in ids if i not in refused], errors=errors, ts=0)
    return Confirmation(ids, by_client_id=by_client_id, cancel_result=result)


def test_a_final_push_settles_an_awaited_id_like_order_info() -> None:
    c = _confirmation(["1", "2", "3"])
    assert c.record_push(_push("1", OrderStatus.CANCELLED)) == "1"
    assert c.record_push(_push("2", OrderStatus.FILLED)) == "2"
    assert c.record_push(_push("3", OrderStatus.PARTIALLY_FILLED_CANCELLED)) == "3"
    outcome = c.outcome()
    assert (outcome.cancelled, outcome.filled, outcome.pending) == (["1", "3"], ["2"], [])
    assert sorted(outcome.updates) == ["1", "2", "3"]
    assert outcome.orders == {}


def test_a_push_never_turns_a_final_state_back() -> None:
    c = _confirmation(["1"])
    c.record_push(_push("1", OrderStatus.CANCELLED))
    assert c.record_push(_push("1", OrderStatus.SUBMITTED)) is None  # reordered, or late
    assert c.record_push(_push("1", OrderStatus.FILLED)) is None  # already final: ignored
    assert c.outcome().cancelled == ["1"]
    assert c.outcome().updates["1"].status is OrderStatus.CANCELLED


def test_a_push_for_an_id_nobody_asked_about_or_refused_is_ignored() -> None:
    c = _confirmation(["1", "2"], refused=("2",))
    assert c.record_push(_push("99", OrderStatus.CANCELLED)) is None
    assert c.record_push(_push("2", OrderStatus.CANCELLED)) is None  # the cancel was refused
    outcome = c.outcome()
    assert outcome.pending == ["1"]
    assert [e.order_id for e in outcome.failed] == ["2"]
    assert outcome.updates == {}


def test_an_open_push_names_the_id_and_leaves_it_awaited() -> None:
    c = _confirmation(["1"])
    assert c.record_push(_push("1", OrderStatus.CANCELLING)) == "1"
    assert c.to_poll() == ["1"]
    assert c.outcome().pending == ["1"]


def test_by_client_order_id_a_push_is_keyed_by_its_client_id() -> None:
    c = _confirmation(["9001"], by_client_id=True)
    assert c.record_push(_push("42", OrderStatus.CANCELLED)) is None  # no client id
    assert c.record_push(_push("42", OrderStatus.CANCELLED, client_order_id="9001")) == "9001"
    assert c.outcome().cancelled == ["9001"]
    assert c.outcome().updates["9001"].order_id == "42"


def test_the_schedule_reads_unheard_ids_after_the_grace_and_heard_ones_later() -> None:
    schedule = ReadSchedule(start=100.0)
    awaited = ["1", "2"]
    assert schedule.due(awaited, 100.0 + PUSH_GRACE - 0.01) == []
    schedule.heard("2", 100.1)
    assert schedule.due(awaited, 100.0 + PUSH_GRACE) == ["1"]
    assert schedule.next_due(["2"]) == 100.1 + PUSH_HEARD_GRACE
    schedule.read(["1"], again_at=100.6)
    assert schedule.due(awaited, 100.55) == []
    schedule.gap(100.56)  # a disconnect: every awaited id at once
    assert schedule.due(awaited, 100.56) == ["1", "2"]
    assert schedule.next_due([]) == float("inf")


def test_the_stream_types_are_exported_by_the_package() -> None:
    import htx_swap
    from htx_swap._push import push_stream

    assert htx_swap.PushGap is push_stream.PushGap
    assert htx_swap.OrderUpdate is OrderUpdate
    assert {"PushGap", "OrderUpdate"} <= set(htx_swap.__all__)
