"""codec.decode_order_info: exact ids from JSON numbers, decimals, every odd answer typed.

(Was ``parse_order_info_response``; the SDK's redesign moved it to ``codec.decode_order_info``,
which returns ``OrderInfoAnswer(orders, problems)``: one unreadable order is a line in
``problems`` and never hides the others, instead of failing the whole answer.)"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import httpx
import pytest
from htx_swap import (
    AuthenticationError,
    HtxApiError,
    OrderInfo,
    OrderStatus,
    RateLimitError,
    ResponseParseError,
    ServerError,
)
from htx_swap._wire.codec import OrderInfoAnswer, decode_order_info

BIG_ID = 9223372036854775807  # 2**63 - 1: far above 2**53
ORDER: dict[str, Any] = {
    "symbol": "THETA",
    "contract_code": "THETA-USD",
    "volume": 1,
    "price": 0.6,
    "order_price_type": "post_only",
    "order_type": 1,
    "direction": "buy",
    "offset": "open",
    "lever_rate": 20,
    "order_id": 771043577949732864,
    "client_order_id": None,
    "created_at": 1603872714279,
    "trade_volume": 0,
    "trade_turnover": 0,
    "fee": 0,
    "trade_avg_price": None,
    "margin_frozen": 0.8333333333333334,
    "profit": 0,
    "status": 3,
    "order_source": "api",
    "order_id_str": "771043577949732864",
    "fee_asset": "THETA",
    "liquidation_type": "0",
    "canceled_at": 0,
    "real_profit": 0,
    "canceled_source": "timeout-canceled-order",
    "is_tpsl": 0,
}


def _answer(
    body: object, status: int = 200, headers: dict[str, str] | None = None
) -> httpx.Response:
    text = body if isinstance(body, str) else json.dumps(body)
    return httpx.Response(
        status,
        content=text.encode(),
        headers={"Content-Type": "text/plain;charset=UTF-8", **(headers or {})},
    )


def _ok(*orders: object) -> httpx.Response:
    return _answer({"status": "ok", "data": list(orders), "ts": 1603872729321})


def _read_orders(response: httpx.Response) -> list[OrderInfo]:
    """The orders of an answer every entry of which must be readable (no problem reported)."""
    answer = decode_order_info(response)
    assert answer.problems == []
    return answer.orders


def _unreadable(response: httpx.Response) -> str:
    """The one problem line of an answer whose only order cannot be read (and is not guessed)."""
    answer = decode_order_info(response)
    assert answer.orders == []
    (problem,) = answer.problems
    return problem


def test_documented_order_parses_exactly() -> None:
    (order,) = _read_orders(_ok(ORDER))
    assert order == OrderInfo(
        order_id="771043577949732864",
        client_order_id=None,
        contract_code="THETA-USD",
        status=OrderStatus.SUBMITTED,
        volume=Decimal(1),
        trade_volume=Decimal(0),
        price=Decimal("0.6"),
        trade_avg_price=None,
        direction="buy",
        offset="open",
        order_price_type="post_only",
        lever_rate=20,
        fee=Decimal(0),
        created_at=1603872714279,
        canceled_at=None,
    )
    assert not order.is_final


def test_json_number_above_2_53_stays_exact_from_the_raw_text() -> None:
    body = json.dumps({"status": "ok", "data": [ORDER], "ts": 1}).replace(
        "771043577949732864", str(BIG_ID)
    )
    assert str(BIG_ID) in body
    assert float(BIG_ID) != BIG_ID
    (order,) = _read_orders(_answer(body))
    assert order.order_id == str(BIG_ID)


def test_decimals_are_not_floats() -> None:
    raw = dict(ORDER, price=0.1, trade_avg_price=0.30000000000000004, trade_volume=1, status=6)
    body = json.dumps({"status": "ok", "data": [raw], "ts": 1})
    (order,) = _read_orders(_answer(body))
    assert order.price == Decimal("0.1")  # Decimal(0.1) as a float would be 0.1000000000000000055…
    assert order.trade_avg_price == Decimal("0.30000000000000004")
    assert order.status is OrderStatus.FILLED
    assert order.is_final


def test_client_order_id_and_canceled_at() -> None:
    raw = dict(ORDER, client_order_id=BIG_ID, status=7, canceled_at=1603872800000)
    (order,) = _read_orders(_ok(raw))
    assert order.client_order_id == str(BIG_ID)
    assert order.canceled_at == 1603872800000
    assert order.status is OrderStatus.CANCELLED


def test_nothing_found_is_an_empty_list() -> None:
    assert decode_order_info(_ok()) == OrderInfoAnswer(orders=[], problems=[])


@pytest.mark.parametrize("status", [1, 2, 3, 4, 5, 6, 7, 10, 11])
def test_every_documented_status(status: int) -> None:
    (order,) = _read_orders(_ok(dict(ORDER, status=status)))
    assert int(order.status) == status
    assert order.is_final is (status in {5, 6, 7, 10})


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"order_id_str": "771043577949732900"}, "disagree"),
        ({"order_id": 7.710435779497329e17}, "not an integer"),
        ({"status": "7"}, "status"),
        ({"volume": "1"}, "volume"),
        ({"volume": True}, "volume"),
        ({"client_order_id": "9001"}, "client_order_id"),
        ({"contract_code": None}, "contract_code"),
        ({"canceled_at": "0"}, "canceled_at"),
    ],
)
def test_wrong_types_are_problems_naming_the_field(change: dict[str, Any], words: str) -> None:
    # Rule change (tolerant order info): a wrongly typed order is no longer a ResponseParseError
    # for the whole answer; it is left out and named in ``problems`` (never guessed at).
    problem = _unreadable(_ok(dict(ORDER, **change)))
    assert words in problem
    assert "order #0" in problem


def test_unknown_status_is_kept_as_unknown_with_its_code() -> None:
    # Rule change: status 99 used to be a ResponseParseError ("unknown status 99"); an unknown
    # status is now OrderStatus.UNKNOWN with the raw code on OrderInfo.status_code, never final.
    (order,) = _read_orders(_ok(dict(ORDER, status=99)))
    assert order.status is OrderStatus.UNKNOWN
    assert order.status_code == 99
    assert not order.is_final
    assert order.order_id == "771043577949732864"


def test_one_unreadable_order_never_hides_the_others() -> None:
    good = dict(ORDER, order_id=BIG_ID, order_id_str=str(BIG_ID), status=7)
    answer = decode_order_info(_ok(dict(ORDER, volume="1"), good, 5))
    assert [order.order_id for order in answer.orders] == [str(BIG_ID)]
    assert answer.orders[0].status is OrderStatus.CANCELLED
    assert len(answer.problems) == 2
    assert "order #0 (771043577949732864)" in answer.problems[0]
    assert "volume" in answer.problems[0]
    assert "order #2" in answer.problems[1]


@pytest.mark.parametrize(
    "field", ["order_id", "order_id_str", "status", "volume", "trade_volume", "contract_code"]
)
def test_missing_confirmation_field_is_named(field: str) -> None:
    # Rule change (tolerant order info): the order is left out with a problem naming the field,
    # rather than the whole answer raising ResponseParseError.
    raw = copy.deepcopy(ORDER)
    del raw[field]
    assert field in _unreadable(_ok(raw))


def test_missing_field_a_confirmation_does_not_need_is_tolerated() -> None:
    # openapi.yaml requires only the confirmation fields of an order (SwapOrderInfo's
    # description): an answer without is_tpsl still parses.
    raw = copy.deepcopy(ORDER)
    del raw["is_tpsl"]
    (order,) = _read_orders(_ok(raw))
    assert order.order_id == str(ORDER["order_id"])


@pytest.mark.parametrize(
    ("answer", "error", "code"),
    [
        (
            _answer({"status": "error", "err_code": 1014, "err_msg": "x", "ts": 1}),
            HtxApiError,
            1014,
        ),
        (
            _answer({"status": "error", "err_code": 1032, "err_msg": "x", "ts": 1}),
            RateLimitError,
            1032,
        ),
        (
            _answer(
                {
                    "status": "error",
                    "err-code": "api-signature-not-valid",
                    "err-msg": "x",
                    "data": None,
                }
            ),
            AuthenticationError,
            "api-signature-not-valid",
        ),
        (
            _answer(
                {"status": "error", "err_code": 1032, "err_msg": "x"}, 429, {"Retry-After": "1"}
            ),
            RateLimitError,
            1032,
        ),
    ],
)
def test_error_shapes_map_to_classes(
    answer: httpx.Response, error: type[HtxApiError], code: int | str
) -> None:
    with pytest.raises(error) as caught:
        decode_order_info(answer)
    assert type(caught.value) is error
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (_answer("<html>bad gateway</html>", 500), ServerError),
        (_answer("not json"), ResponseParseError),
        (_answer('{"status":"ok","data":[{"order_id": 1'), ResponseParseError),
        (_answer([1, 2]), ResponseParseError),
        (_answer({"status": "ok", "data": [ORDER], "ts": 1}, 500), ServerError),
        (_answer({"status": "maybe"}), ResponseParseError),
        (_answer({"status": "error", "err_code": [1], "err_msg": "x"}), ResponseParseError),
    ],
)
def test_odd_answers_are_typed(answer: httpx.Response, error: type[Exception]) -> None:
    with pytest.raises(error):
        decode_order_info(answer)


def test_nulls_real_answers_carry_are_accepted() -> None:
    # Captured real answers show these as null on orders that were not cancelled.
    raw = dict(ORDER, canceled_at=None, canceled_source=None, liquidation_type=None)
    (order,) = _read_orders(_ok(raw))
    assert order.canceled_at is None
