"""``cancel_and_confirm`` with the order push, on the fake clock (issue 23): the push is opened
before the cancel, pushes settle ids with no read, order info is read only after the grace
time or at once after a gap, and an unavailable push is polled ("auto") or raised ("push")."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs
import pytest
from htx_swap._engine.confirm import PUSH_GRACE, CancelOutcome
from htx_swap._engine.steps import AwaitPushes, OpenPush, Step
from htx_swap._model.errors import APIConnectionError
from htx_swap._model.order_info import OrderStatus
from htx_swap._push.push_protocol import OrderUpdate
from htx_swap._push.push_stream import PushGap

from tests.engine.fakes import (
    CANCEL,
    ORDER_INFO,
    Driver,
    FakeClock,
    Record,
    cancel_ok,
    ids,
    make_engine,
    order,
    order_info_ok,
)


def _push(order_id: str, status: OrderStatus, contract_code: str = "BTC-USD") -> OrderUpdate:
    return OrderUpdate(
        order_id=order_id,
        client_order_id=None,
        contract_code=contract_code,
        status=status,
        trade_volume=Decimal(0),
        volume=Decimal(1),
        canceled_source=None,
        ts=1,
    )


@attrs.define
class PushDriver(Driver):
    """``Driver`` plus the order push: ``opened`` answers ``OpenPush``; ``pushes`` are batches
    delivered at their fake time, to the ``AwaitPushes`` waiting then."""

    opened: object = True
    pushes: list[tuple[float, list[Any]]] = attrs.field(factory=list)

    def _do(self, step: Step) -> object:
        start = self.clock.now
        if isinstance(step, OpenPush):
            self.records.append(Record(step, start, start))
            return self.opened
        if isinstance(step, AwaitPushes):
            items: list[Any] = []
            if self.pushes and self.pushes[0][0] <= step.until:
                at, items = self.pushes.pop(0)
                self.clock.now = max(self.clock.now, at)
            else:
                self.clock.now = max(self.clock.now, step.until)
            self.records.append(Record(step, start, self.clock.now))
            return items
        return super()._do(step)

    def read_times(self) -> list[float]:
        return [r.start for r in self.records if getattr(r.step, "where", None) == ORDER_INFO]


def _confirm(driver: PushDriver, *values: str, via: str = "auto", deadline: float = 5.0) -> Any:
    engine = make_engine(driver.clock)
    flow = engine.cancel_and_confirm("BTC-USD", ids(*values), deadline, None, via)
    return driver.run(flow)


def test_the_push_is_opened_before_the_cancel_and_settles_with_no_read() -> None:
    driver = PushDriver(
        FakeClock(), [cancel_ok(["1"])], pushes=[(0.01, [_push("1", OrderStatus.CANCELLED)])]
    )
    outcome: CancelOutcome = _confirm(driver, "1")
    kinds = driver.kinds()
    assert kinds[:3] == ["openpush", "fanout", CANCEL]  # subscribed before the cancel is sent
    assert ORDER_INFO not in kinds
    assert (outcome.cancelled, outcome.reads, outcome.via) == (["1"], 0, "push")


def test_an_id_no_push_settles_is_read_after_the_grace_only() -> None:
    driver = PushDriver(
        FakeClock(), [cancel_ok(["1"])], responder=lambda _: order_info_ok(order("1", 7))
    )
    outcome: CancelOutcome = _confirm(driver, "1")
    assert driver.read_times() == [PUSH_GRACE]
    assert (outcome.cancelled, outcome.reads) == (["1"], 1)


def test_a_gap_reads_at_once() -> None:
    driver = PushDriver(
        FakeClock(),
        [cancel_ok(["1"])],
        responder=lambda _: order_info_ok(order("1", 7)),
        pushes=[(0.1, [PushGap("reconnect")])],
    )
    outcome: CancelOutcome = _confirm(driver, "1")
    assert driver.read_times() == [0.1]
    assert (outcome.cancelled, outcome.reads, outcome.via) == (["1"], 1, "push")


def test_pushes_of_another_contract_or_id_settle_nothing() -> None:
    driver = PushDriver(
        FakeClock(),
        [cancel_ok(["1"])],
        responder=lambda _: order_info_ok(order("1", 6)),
        pushes=[
            (
                0.01,
                [_push("1", OrderStatus.CANCELLED, "ETH-USD"), _push("2", OrderStatus.CANCELLED)],
            )
        ],
    )
    outcome: CancelOutcome = _confirm(driver, "1")
    assert (outcome.filled, outcome.reads) == (["1"], 1)  # order info decided, at the grace
    assert outcome.updates == {}


def test_a_stream_that_ended_for_good_falls_back_to_polling() -> None:
    driver = PushDriver(
        FakeClock(),
        [cancel_ok(["1"]), order_info_ok(order("1", 11))],
        responder=lambda _: order_info_ok(order("1", 7)),
        pushes=[(0.05, [PushGap("closed", error=APIConnectionError("gone"))])],
    )
    outcome: CancelOutcome = _confirm(driver, "1")
    times = driver.read_times()
    assert times[0] == 0.05  # at once after the gap
    assert times[1] == pytest.approx(0.05 + 0.02)  # then the poll schedule, with Sleep
    assert "sleep" in driver.kinds()
    assert outcome.cancelled == ["1"]


def test_auto_polls_when_the_push_cannot_open_and_push_raises_before_any_cancel() -> None:
    refused = APIConnectionError("no push", may_have_reached=False)
    polled = PushDriver(
        FakeClock(),
        [cancel_ok(["1"]), order_info_ok(order("1", 7))],
        opened=refused,
    )
    outcome: CancelOutcome = _confirm(polled, "1")
    assert (outcome.cancelled, outcome.via, polled.read_times()) == (["1"], "poll", [0.0])
    raised = PushDriver(FakeClock(), [cancel_ok(["1"])], opened=refused)
    with pytest.raises(APIConnectionError):
        _confirm(raised, "1", via="push")
    assert raised.kinds() == ["openpush"]  # nothing sent


def test_poll_never_opens_the_push() -> None:
    driver = PushDriver(FakeClock(), [cancel_ok(["1"]), order_info_ok(order("1", 7))])
    outcome: CancelOutcome = _confirm(driver, "1", via="poll")
    assert "openpush" not in driver.kinds()
    assert (outcome.via, outcome.reads) == ("poll", 1)
