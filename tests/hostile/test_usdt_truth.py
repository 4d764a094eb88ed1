"""USDT-M (v5) answers judged by the swap API's truth rules (issue 22, "Bad input and
faults"), sync and async, over real HTTP against scripted servers: per-item answers that are
partial, contradictory, carry an unknown code or an id nobody asked for; ids as JSON numbers
beyond 2**53; a 200 that fits no success shape; a cursor that repeats or never ends; contract
codes refused before any byte leaves; the v5 envelope's codes typed; the four confirm lists.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

import pytest
from htx_swap import (
    AsyncUsdtClient,
    AuthenticationError,
    CancelResult,
    HtxApiError,
    InvalidRequestError,
    RateLimitError,
    ResponseParseError,
    ServiceUnavailableError,
    UsdtClient,
)
from htx_swap._engine.confirm import CancelOutcome

from tests.hostile.raw_server import RawRequest, RawServer
from tests.hostile.support import MODES, Called, call, json_answers

A, B, C = "1329854623927160832", "1329854623927160833", "1331226415994253312"  # > 2**53
OPTIONS = {"timeout": 2.0, "max_retries": 1, "backoff_initial": 0.01, "backoff_max": 0.02}
BATCH = "/v5/trade/cancel_batch_orders"
USDT = (UsdtClient, AsyncUsdtClient)


def v5(data: object, code: int = 200, message: str | None = "Success") -> bytes:
    return json.dumps({"code": code, "message": message, "data": data, "ts": 1}).encode()


def item(order_id: object, code: int = 200, message: str = "Success") -> dict[str, object]:
    return {"order_id": order_id, "client_order_id": None, "code": code, "message": message}


def run(mode: str, answer: Any, method: str, *args: Any, **kwargs: Any) -> tuple[Called, RawServer]:
    with RawServer(json_answers(answer)) as server:
        called = call(mode, server.url, method, *args, clients=USDT, options=OPTIONS, **kwargs)
    return called, server


def cancelled(mode: str, items: list[dict[str, object]], *ids: str) -> CancelResult:
    called, _ = run(mode, lambda _: v5(items), "cancel", "BTC-USDT", order_ids=list(ids))
    assert called.error is None, called.error
    assert isinstance(called.value, CancelResult)
    return called.value


@pytest.mark.parametrize("mode", MODES)
def test_a_partial_answer_leaves_the_unnamed_id_unanswered(mode: str) -> None:
    result = cancelled(mode, [item(A)], A, B)
    assert (result.successes, result.errors, result.unanswered) == ([A], [], [B])


@pytest.mark.parametrize("mode", MODES)
def test_an_id_both_accepted_and_refused_is_in_doubt(mode: str) -> None:
    result = cancelled(mode, [item(A), item(A, 1061), item(B, 1061), item(B, 1071)], A, B)
    assert (result.successes, result.errors, result.unanswered) == ([], [], [A, B])


@pytest.mark.parametrize("mode", MODES)
def test_an_unknown_item_code_is_a_refusal_with_that_code_never_a_success(mode: str) -> None:
    result = cancelled(mode, [item(A, 987654, "what")], A)
    assert result.successes == []
    assert [(e.order_id, e.err_code, e.err_msg) for e in result.errors] == [(A, 987654, "what")]


@pytest.mark.parametrize("mode", MODES)
def test_an_id_nobody_asked_for_is_unrequested_never_a_success(mode: str) -> None:
    result = cancelled(mode, [item(A), item(C)], A)
    assert (result.successes, result.unrequested) == ([A], [C])


@pytest.mark.parametrize("mode", MODES)
def test_ids_as_json_numbers_beyond_2_53_stay_exact(mode: str) -> None:
    entry = f'{{"order_id":{A},"client_order_id":null,"code":200}}'  # a JSON number
    body = f'{{"code":200,"message":"Success","data":[{entry}]}}'.encode()
    called, _ = run(mode, lambda _: body, "cancel", "BTC-USDT", order_ids=[A])
    assert called.value.successes == [A]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "body",
    [
        b'{"code":200,"message":"Success","data":[{"order_id":1.329854623927161e18,"client_order_id":null,"code":200}]}',
        b'{"code":200,"message":"Success","data":null}',  # fits HtxV5ErrorResponse only
        b'{"code":200,"message":"Success","data":[{"order_id":"1","client_order_id":null,"code":"200"}]}',
    ],
    ids=["float id", "data null", "code as text"],
)
def test_an_odd_200_answer_is_a_parse_error_in_doubt(mode: str, body: bytes) -> None:
    called, _ = run(mode, lambda _: body, "cancel", "BTC-USDT", order_ids=[A])
    assert isinstance(called.error, ResponseParseError), called
    assert called.error.may_have_reached is True


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (4242, HtxApiError),
        (1017, AuthenticationError),
        (1032, RateLimitError),
        (1004, ServiceUnavailableError),
    ],
)
def test_a_v5_error_code_is_an_htx_api_error_carrying_it(
    mode: str, code: int, kind: type[HtxApiError]
) -> None:
    called, _ = run(mode, lambda _: v5(None, code, "refused"), "cancel", "BTC-USDT", order_ids=[A])
    assert type(called.error) is kind, called
    assert called.error.code == code


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "code", ["btc-usdt", "BTC-USD", "BTC-USDT-261345", "BTC-USDT-2612", " BTC-USDT", "BTC_USDT", 7]
)
def test_bad_contract_codes_are_refused_before_sending(mode: str, code: object) -> None:
    called, server = run(mode, lambda _: v5([]), "cancel", code, order_ids=[A])
    assert isinstance(called.error, InvalidRequestError)
    assert called.error.field == "contract_code"
    assert server.requests == []


def _page(ids: list[int]) -> bytes:
    orders = [
        {
            "id": str(i),
            "order_id": str(i),
            "contract_code": "BTC-USDT",
            "volume": "1",
            "trade_volume": "0",
            "state": "new",
            "side": "buy",
        }
        for i in ids
    ]
    return v5(orders)


@pytest.mark.parametrize("mode", MODES)
def test_a_cursor_that_repeats_is_a_typed_error(mode: str) -> None:
    called, server = run(mode, lambda _: _page(list(range(1, 101))), "open_orders")
    assert isinstance(called.error, ResponseParseError), called
    assert "repeats" in str(called.error)
    assert len(server.requests) == 2


@pytest.mark.parametrize("mode", MODES)
def test_a_cursor_that_never_ends_is_a_typed_error(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("htx_swap._products.usdt.MAX_PAGES", 4)

    def endless(request: RawRequest) -> bytes:
        start = int(dict(parse_qsl(request.target.partition("?")[2]))["from"])
        return _page(list(range(start + 1, start + 101)))

    called, server = run(mode, endless, "open_orders")
    assert isinstance(called.error, ResponseParseError), called
    assert "never ends" in str(called.error)
    assert len(server.requests) == 4


@pytest.mark.parametrize("mode", MODES)
def test_every_page_is_read_each_order_once_and_the_query_is_signed(mode: str) -> None:
    def pages(request: RawRequest) -> bytes:
        start = int(dict(parse_qsl(request.target.partition("?")[2]))["from"])
        return _page([i for i in range(start, start + 100) if i <= 230] or [])

    called, server = run(mode, pages, "open_orders", "BTC-USDT")
    assert called.error is None, called.error
    assert [o.order_id for o in called.value] == [str(i) for i in range(0, 231)]
    query = dict(parse_qsl(server.requests[1].target.partition("?")[2]))
    assert query["from"] == "99"
    assert query["contract_code"] == "BTC-USDT"
    assert "Signature" in query


def _order(order_id: str, state: str) -> dict[str, object]:
    return {
        "order_id": order_id,
        "contract_code": "BTC-USDT",
        "volume": "2",
        "trade_volume": "2" if state == "filled" else "0",
        "state": state,
    }


@pytest.mark.parametrize("mode", MODES)
def test_cancel_and_confirm_gives_the_four_lists_by_state_word(mode: str) -> None:
    states = {A: "filled", B: "rejected", C: "canceled", "5": "new"}

    def answer(request: RawRequest) -> bytes:
        if request.path == BATCH:
            return v5([item(i) for i in states])
        wanted = dict(parse_qsl(request.target.partition("?")[2]))["order_id"]
        return v5(_order(wanted, states[wanted]))

    called, _ = run(
        mode, answer, "cancel_and_confirm", "BTC-USDT", order_ids=list(states), deadline=0.3
    )
    outcome = called.value
    assert isinstance(outcome, CancelOutcome), called
    assert (outcome.filled, outcome.cancelled, outcome.pending) == ([A], [B, C], ["5"])
    assert outcome.orders[B].state == "rejected"


@pytest.mark.parametrize("mode", MODES)
def test_an_order_read_answered_not_found_is_never_guessed(mode: str) -> None:
    def answer(request: RawRequest) -> bytes:
        if request.path == BATCH:
            return v5([item(A)])
        return v5(None, 1061, "This order doesnt exist.")

    called, _ = run(mode, answer, "cancel_and_confirm", "BTC-USDT", order_ids=[A], deadline=0.2)
    assert (called.value.cancelled, called.value.pending) == ([], [A])
