"""The order book and the request validation, without HTTP."""

from __future__ import annotations

import json

import pytest
from htx_swap_mock.cancel_request import CancelRequest, RequestRejected, parse_cancel_body
from htx_swap_mock.order_spec import OrderSpec
from htx_swap_mock.orders import IdKind, OrderBook, OrderState

BIG = "768503271974985728"  # > 2**53: a float would turn it into ...985700


def test_ids_stay_exact_and_codes_are_case_insensitive() -> None:
    book = OrderBook()
    order = book.add(OrderSpec("btc-usd", int(BIG)))
    assert order.order_id == BIG
    assert order.contract_code == "BTC-USD"
    assert book.get("BTC-usd", BIG) == order
    assert book.get("BTC-USD", int(BIG) + 1) is None


@pytest.mark.parametrize("bad", ["0", "-1", "01", "1.0", "9223372036854775808", "", True])
def test_invalid_ids_are_refused_when_seeding(bad: object) -> None:
    with pytest.raises(ValueError, match="positive 64-bit"):
        OrderBook().add(OrderSpec("BTC-USD", bad))  # type: ignore[arg-type]


def test_cancel_rules() -> None:
    book = OrderBook()
    book.add(OrderSpec("BTC-USD", 1))
    book.add(OrderSpec("BTC-USD", 2, state=OrderState.PARTIALLY_FILLED))
    book.add(OrderSpec("BTC-USD", 3, state=OrderState.FILLED))
    book.add(OrderSpec("BTC-USD", 4, state=OrderState.CANCELLED))
    book.add(OrderSpec("BTC-USD", 5, state=OrderState.CANCELLING))
    book.add(OrderSpec("ETH-USD", 6))
    book.add(OrderSpec("BTC-USD", 7, state=OrderState.PARTIALLY_CANCELLED))
    book.add(OrderSpec("BTC-USD", 8, state=OrderState.READY))
    ids = ["1", "2", "3", "4", "5", "6", "7", "8", "1"]
    outcome = book.cancel("btc-usd", ids, IdKind.ORDER_ID)
    assert outcome.successes == ("1", "2", "8")
    assert [(e.order_id, e.err_code) for e in outcome.errors] == [
        ("3", 1063),
        ("4", 1071),
        ("5", 1062),
        ("6", 1061),  # another contract's order does not exist here
        ("7", 1071),  # partially filled, then cancelled: already cancelled
        ("1", 1071),  # the same id twice meets its own cancel
    ]
    assert book.get("BTC-USD", 1) is not None
    assert [book.get("BTC-USD", i).state for i in (1, 2, 3, 8)] == [  # type: ignore[union-attr]
        OrderState.CANCELLED,
        OrderState.PARTIALLY_CANCELLED,  # it had traded: 5, not 7
        OrderState.FILLED,
        OrderState.CANCELLED,
    ]


def test_cancel_by_client_id_reports_client_ids() -> None:
    book = OrderBook()
    book.add(OrderSpec("BTC-USD", 10, client_order_id=9001))
    outcome = book.cancel("BTC-USD", ["9001", "9002", "10"], IdKind.CLIENT_ORDER_ID)
    assert outcome.successes == ("9001",)
    assert [(e.order_id, e.err_code) for e in outcome.errors] == [("9002", 1061), ("10", 1061)]
    assert book.get_by_client_id("btc-usd", 9001).state is OrderState.CANCELLED  # type: ignore[union-attr]


def test_replacing_an_order_moves_its_client_id() -> None:
    book = OrderBook()
    book.add(OrderSpec("BTC-USD", 10, client_order_id=1))
    book.add(OrderSpec("BTC-USD", 10, client_order_id=2))
    assert book.get_by_client_id("BTC-USD", 1) is None
    assert book.get_by_client_id("BTC-USD", 2) is not None


def _body(**fields: object) -> bytes:
    return json.dumps(fields).encode()


def test_valid_bodies() -> None:
    assert parse_cancel_body(_body(order_id=f"{BIG},2", contract_code="btc-usd")) == (
        CancelRequest("BTC-USD", IdKind.ORDER_ID, (BIG, "2"))
    )
    # An id sent as a JSON number stays exact.
    assert parse_cancel_body(f'{{"order_id":{BIG},"contract_code":"X"}}'.encode()) == (
        CancelRequest("X", IdKind.ORDER_ID, (BIG,))
    )
    both = parse_cancel_body(_body(order_id="1", client_order_id="2", contract_code="X"))
    assert both == CancelRequest("X", IdKind.ORDER_ID, ("1",))
    empty_order_id = parse_cancel_body(_body(order_id="", client_order_id="2", contract_code="X"))
    assert empty_order_id == CancelRequest("X", IdKind.CLIENT_ORDER_ID, ("2",))


@pytest.mark.parametrize(
    ("body", "code"),
    [
        (b"not json", 1030),
        (b"[1]", 1030),
        (b"\xff", 1030),
        (_body(order_id="1"), 1066),
        (_body(order_id="1", contract_code=""), 1066),
        (_body(order_id="1", contract_code="BTC USD"), 1014),
        (_body(order_id="1", contract_code=7), 1014),
        (_body(contract_code="X"), 1051),
        (_body(order_id=None, client_order_id="", contract_code="X"), 1051),
        (_body(order_id=",".join(str(i) for i in range(1, 12)), contract_code="X"), 1052),
        (_body(order_id="1,,2", contract_code="X"), 1067),
        (_body(order_id="1,", contract_code="X"), 1067),
        (_body(order_id="01", contract_code="X"), 1067),
        (_body(order_id="1 ,2", contract_code="X"), 1067),
        (_body(order_id="abc", contract_code="X"), 1067),
        (_body(order_id=1.5, contract_code="X"), 1067),
        (_body(order_id=True, contract_code="X"), 1067),
        (_body(order_id="9223372036854775808", contract_code="X"), 1067),
        (_body(client_order_id="x", contract_code="X"), 1065),
    ],
)
def test_rejected_bodies(body: bytes, code: int) -> None:
    rejected = parse_cancel_body(body)
    assert isinstance(rejected, RequestRejected)
    assert rejected.code == code
    assert rejected.message


def test_ten_ids_are_allowed() -> None:
    body = _body(order_id=",".join(str(i) for i in range(1, 11)), contract_code="X")
    parsed = parse_cancel_body(body)
    assert isinstance(parsed, CancelRequest)
    assert len(parsed.ids) == 10
