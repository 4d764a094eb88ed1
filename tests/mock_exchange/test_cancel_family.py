"""The rest of HTX's coin-margined swap cancel family over real HTTP: swap_cancelall, the
trigger / TP-SL / trailing cancels and cancel-alls on their own books, their per-endpoint rate
limits, and signature checks, recording and faults on the new routes."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from htx_swap_mock import MockExchange, OrderKind, OrderState, faults
from htx_swap_mock.lifecycle import Direction, Offset

from tests.mock_exchange.helpers import signed_post

BTC = "BTC-USD"
ETH = "ETH-USD"
BIG = 768503271974985728  # > 2**53
API = "/swap-api/v1/"
CANCEL_ALL = API + "swap_cancelall"
STRATEGY_CANCEL = {
    OrderKind.TRIGGER: API + "swap_trigger_cancel",
    OrderKind.TPSL: API + "swap_tpsl_cancel",
    OrderKind.TRAILING: API + "swap_track_cancel",
}
STRATEGY_CANCEL_ALL = {
    OrderKind.TRIGGER: API + "swap_trigger_cancelall",
    OrderKind.TPSL: API + "swap_tpsl_cancelall",
    OrderKind.TRAILING: API + "swap_track_cancelall",
}
STRATEGY_KINDS = list(STRATEGY_CANCEL)


Post = Callable[..., httpx.Response]


@pytest.fixture
def post(client: httpx.Client, ex: MockExchange) -> Post:
    def send(path: str, body: dict[str, object] | bytes, **options: Any) -> httpx.Response:
        return signed_post(client, path, ex.access_key, ex.secret_key, body, **options)

    return send


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200
    document: dict[str, Any] = json.loads(response.content)
    assert document["status"] == "ok", document
    assert isinstance(document["ts"], int)
    return document


def _error(response: httpx.Response) -> tuple[int, str]:
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["status"] == "error"
    assert set(document) == {"status", "err_code", "err_msg", "ts"}
    return document["err_code"], document["err_msg"]


def _successes(response: httpx.Response) -> list[str]:
    data = _ok(response)["data"]
    assert data["errors"] == []
    return [] if data["successes"] == "" else data["successes"].split(",")


# -- swap_cancelall ---------------------------------------------------------------------------


def _seed_four(ex: MockExchange, kind: OrderKind = OrderKind.LIMIT) -> None:
    """Ids 1..4: buy open, buy close, sell open, sell close; and ETH-USD 5 (buy open)."""
    pairs = [("buy", "open"), ("buy", "close"), ("sell", "open"), ("sell", "close")]
    for order_id, (direction, offset) in enumerate(pairs, start=1):
        ex.add_order(BTC, order_id, kind=kind, direction=direction, offset=offset)
    ex.add_order(ETH, 5, kind=kind)


@pytest.mark.parametrize(
    ("narrowing", "cancelled"),
    [
        ({}, ["1", "2", "3", "4"]),
        ({"direction": "buy"}, ["1", "2"]),  # either alone is allowed
        ({"offset": "close"}, ["2", "4"]),
        ({"direction": "sell", "offset": "open"}, ["3"]),
        ({"direction": "", "offset": None}, ["1", "2", "3", "4"]),  # empty means all
    ],
)
def test_cancelall_narrows_by_direction_and_offset(
    post: Post, ex: MockExchange, narrowing: dict[str, object], cancelled: list[str]
) -> None:
    _seed_four(ex)
    response = post(CANCEL_ALL, {"contract_code": "btc-usd", **narrowing})
    assert sorted(_successes(response)) == cancelled
    for order_id in range(1, 5):
        expected = OrderState.CANCELLED if str(order_id) in cancelled else OrderState.OPEN
        assert ex.order_state(BTC, order_id) is expected
    assert ex.order_state(ETH, 5) is OrderState.OPEN  # another contract is left alone


def test_cancelall_takes_only_cancellable_orders_and_keeps_ids_exact(
    post: Post, ex: MockExchange
) -> None:
    ex.add_order(BTC, BIG)
    ex.add_order(BTC, BIG + 1, state="partially_filled")
    ex.add_order(BTC, 7, state="filled")
    ex.add_order(BTC, 8, state="cancelled")
    ex.add_order(BTC, 9, state="cancelling")
    ex.add_order(BTC, 10, kind="trigger")  # another book
    response = post(CANCEL_ALL, {"contract_code": BTC})
    assert b'"successes":"768503271974985728,768503271974985729"' in response.content
    assert ex.order_state(BTC, BIG + 1) is OrderState.PARTIALLY_CANCELLED
    assert ex.order_state(BTC, 7) is OrderState.FILLED
    assert ex.order_state(BTC, 10, kind="trigger") is OrderState.OPEN


def test_cancelall_follows_cancel_delay_and_on_cancel(post: Post, ex: MockExchange) -> None:
    ex.cancel_delay = 60.0
    ex.add_order(BTC, 1)
    ex.add_order(BTC, 2, on_cancel="never")
    assert sorted(_successes(post(CANCEL_ALL, {"contract_code": BTC}))) == ["1", "2"]
    assert ex.order_state(BTC, 1) is OrderState.CANCELLING
    # A second cancel-all finds nothing cancellable: both are cancelling.
    assert _error(post(CANCEL_ALL, {"contract_code": BTC})) == (1051, "No cancellable orders.")


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        ({"contract_code": ETH}, 1051, "No cancellable orders."),
        ({"contract_code": BTC, "direction": "sell"}, 1051, "No cancellable orders."),
        ({}, 1066, "contract_code cannot be empty."),
        ({"contract_code": "BTC_USD!"}, 1014, "This contract doesnt exist."),
        ({"contract_code": BTC, "direction": "long"}, 1067, "Illegal direction."),
        ({"contract_code": BTC, "offset": "both"}, 1067, "Illegal offset."),
        # JSON objects and arrays: refused, not a 500 (found by schemathesis: they were looked
        # up in a set, where they are unhashable).
        ({"contract_code": BTC, "direction": {}}, 1067, "Illegal direction."),
        ({"contract_code": BTC, "offset": ["open"]}, 1067, "Illegal offset."),
        (b"[]", 1030, "Input error."),
    ],
)
def test_cancelall_refusals(
    post: Post, ex: MockExchange, body: dict[str, object] | bytes, code: int, message: str
) -> None:
    ex.add_order(BTC, 1, direction="buy")
    ex.add_order(BTC, 2, state="filled", direction="sell")
    assert _error(post(CANCEL_ALL, body)) == (code, message)
    assert ex.order_state(BTC, 1) is OrderState.OPEN


# -- trigger / TP-SL / trailing cancels -------------------------------------------------------


@pytest.mark.parametrize("kind", STRATEGY_KINDS)
def test_strategy_cancel_by_ids_with_per_id_errors(
    post: Post, ex: MockExchange, kind: OrderKind
) -> None:
    ex.add_order(BTC, BIG, kind=kind)
    ex.add_order(BTC, 2, kind=kind, state="cancelled")
    ex.add_order(BTC, 3)  # a limit order with that id is not in this book
    ids = f"{BIG},2,3,4,{BIG}"
    response = post(STRATEGY_CANCEL[kind], {"contract_code": "btc-usd", "order_id": ids})
    data = _ok(response)["data"]
    assert data["successes"] == str(BIG)
    assert [(e["order_id"], e["err_code"], e["err_msg"]) for e in data["errors"]] == [
        ("2", 1071, "Repeated withdraw."),
        ("3", 1061, "This order doesnt exist."),
        ("4", 1061, "This order doesnt exist."),
        (str(BIG), 1071, "Repeated withdraw."),  # the same id twice meets its own cancel
    ]
    order = ex.order(BTC, BIG, kind=kind)
    assert order is not None
    assert (order.state, order.status) == (OrderState.CANCELLED, 6)  # at once, even with delay
    assert ex.order_state(BTC, 3) is OrderState.OPEN


@pytest.mark.parametrize("kind", STRATEGY_KINDS)
def test_strategy_cancel_ignores_cancel_delay(
    post: Post, ex: MockExchange, kind: OrderKind
) -> None:
    ex.cancel_delay = 60.0
    ex.add_order(BTC, 1, kind=kind)
    assert _successes(post(STRATEGY_CANCEL[kind], {"contract_code": BTC, "order_id": "1"})) == ["1"]
    assert ex.order_state(BTC, 1, kind=kind) is OrderState.CANCELLED


@pytest.mark.parametrize("kind", STRATEGY_KINDS)
@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"contract_code": BTC, "order_id": ",".join(str(i) for i in range(1, 12))}, 1052),
        ({"contract_code": BTC}, 1066),
        ({"contract_code": BTC, "client_order_id": "1"}, 1066),  # no client ids on these pages
        ({"contract_code": BTC, "order_id": "1.5"}, 1067),
        ({"order_id": "1"}, 1066),
    ],
)
def test_strategy_cancel_refusals(
    post: Post, ex: MockExchange, kind: OrderKind, body: dict[str, object], code: int
) -> None:
    ex.add_order(BTC, 1, kind=kind)
    assert _error(post(STRATEGY_CANCEL[kind], body))[0] == code
    assert ex.order_state(BTC, 1, kind=kind) is OrderState.OPEN


def test_ten_strategy_ids_are_allowed(post: Post, ex: MockExchange) -> None:
    ids = [str(BIG + i) for i in range(10)]
    for order_id in ids:
        ex.add_order(BTC, order_id, kind="trigger")
    response = post(
        STRATEGY_CANCEL[OrderKind.TRIGGER], {"contract_code": BTC, "order_id": ",".join(ids)}
    )
    assert _successes(response) == ids


@pytest.mark.parametrize(
    ("kind", "narrowing", "cancelled"),
    [
        (OrderKind.TRIGGER, {}, ["1", "2", "3", "4"]),
        (OrderKind.TRIGGER, {"offset": "open"}, ["1", "3"]),
        (OrderKind.TRIGGER, {"direction": "sell", "offset": "close"}, ["4"]),
        (OrderKind.TRAILING, {"direction": "buy"}, ["1", "2"]),
        (OrderKind.TRAILING, {"offset": "close"}, ["2", "4"]),
        (OrderKind.TPSL, {"direction": "sell"}, ["3", "4"]),
        # TP/SL's page has no offset: one sent is ignored, not applied
        (OrderKind.TPSL, {"offset": "open"}, ["1", "2", "3", "4"]),
    ],
)
def test_strategy_cancelall(
    post: Post,
    ex: MockExchange,
    kind: OrderKind,
    narrowing: dict[str, object],
    cancelled: list[str],
) -> None:
    _seed_four(ex, kind)
    ex.add_order(BTC, 1)  # the limit book is another book
    response = post(STRATEGY_CANCEL_ALL[kind], {"contract_code": BTC, **narrowing})
    assert sorted(_successes(response)) == cancelled
    assert ex.order_state(ETH, 5, kind=kind) is OrderState.OPEN
    assert ex.order_state(BTC, 1) is OrderState.OPEN
    assert _error(post(STRATEGY_CANCEL_ALL[kind], {"contract_code": BTC, **narrowing})) == (
        1051,
        "No cancellable orders.",
    )


def test_tpsl_orders_always_close() -> None:
    book_kind = OrderKind.TPSL
    with MockExchange(rate_limit=None) as ex:
        order = ex.add_order(BTC, 1, kind=book_kind, offset="open")
        assert (order.offset, order.direction) == (Offset.CLOSE, Direction.BUY)


# -- rate limits ------------------------------------------------------------------------------


def _hit(ex: MockExchange, client: httpx.Client, path: str, key: str | None = None) -> int:
    access = key or ex.access_key
    body = {"contract_code": BTC, "order_id": "1"}
    response = signed_post(client, path, access, ex.credentials[access], body)
    if response.status_code == 429:
        assert json.loads(response.content)["err_code"] == 1032
        assert response.headers["Retry-After"]
        assert response.headers["Ratelimit-Limit"] == "5"
    return response.status_code


def test_strategy_cancels_have_their_own_count_per_endpoint_and_key(
    htx_exchange_factory: Callable[..., MockExchange],
) -> None:
    ex = htx_exchange_factory(
        credentials={"k1": "s1", "k2": "s2"},
        rate_limit=(72, 3.0),
        strategy_cancel_rate_limit=(5, 60.0),  # HTX's 5 per 1 s, stretched: no timing race
    )
    trigger = STRATEGY_CANCEL[OrderKind.TRIGGER]
    with httpx.Client(base_url=ex.url, timeout=5.0) as client:
        assert [_hit(ex, client, trigger) for _ in range(6)] == [200] * 5 + [429]
        assert _hit(ex, client, STRATEGY_CANCEL[OrderKind.TPSL]) == 200  # per endpoint
        assert _hit(ex, client, STRATEGY_CANCEL_ALL[OrderKind.TRIGGER]) == 200
        assert _hit(ex, client, trigger, key="k2") == 200  # per key
        assert _hit(ex, client, API + "swap_cancel") == 200  # swap_cancel has no such limit
        ok = signed_post(client, trigger, "k2", "s2", {"contract_code": BTC, "order_id": "1"})
        assert ok.headers["Ratelimit-Limit"] == "5"  # the endpoint's own count is described
        assert ok.headers["Ratelimit-Remaining"] == "3"


def test_strategy_cancels_count_in_the_trade_bucket_too(
    htx_exchange_factory: Callable[..., MockExchange],
) -> None:
    ex = htx_exchange_factory(rate_limit=(3, 60.0), read_rate_limit=None)
    with httpx.Client(base_url=ex.url, timeout=5.0) as client:
        codes = [_hit(ex, client, path) for path in STRATEGY_CANCEL.values()]
        assert codes == [200, 200, 200]
        limited = signed_post(
            client, API + "swap_cancel", ex.access_key, ex.secret_key, {"contract_code": BTC}
        )
        assert limited.status_code == 429
        assert limited.headers["Ratelimit-Limit"] == "3"


def test_strategy_limit_defaults_follow_rate_limit() -> None:
    assert MockExchange().strategy_cancel_rate_limit == (5, 1.0)  # HTX's numbers
    assert MockExchange(rate_limit=None).strategy_cancel_rate_limit is None
    exchange = MockExchange(rate_limit=None, strategy_cancel_rate_limit=(2, 1.0))
    assert exchange.strategy_cancel_rate_limit == (2, 1.0)
    with pytest.raises(ValueError, match="limit"):
        exchange.strategy_cancel_rate_limit = (0, 1.0)


def test_real_one_second_window(htx_exchange_factory: Callable[..., MockExchange]) -> None:
    """HTX's own numbers: the sixth call within a second is refused."""
    ex = htx_exchange_factory(rate_limit=(72, 3.0))
    path = STRATEGY_CANCEL_ALL[OrderKind.TRAILING]
    with httpx.Client(base_url=ex.url, timeout=5.0) as client:
        codes = [_hit(ex, client, path) for _ in range(6)]
    # Six loopback calls take far less than a second; a very slow machine could spread them.
    assert codes.count(429) <= 1
    assert codes[:5] == [200] * 5


# -- signature, recording, faults -------------------------------------------------------------


@pytest.mark.parametrize(
    "path", [CANCEL_ALL, *STRATEGY_CANCEL.values(), *STRATEGY_CANCEL_ALL.values()]
)
def test_new_routes_check_the_signature_and_are_recorded(
    client: httpx.Client, ex: MockExchange, path: str
) -> None:
    ex.add_order(BTC, 1)
    for kind in STRATEGY_KINDS:
        ex.add_order(BTC, 1, kind=kind)
    body = {"contract_code": BTC, "order_id": "1"}
    response = signed_post(client, path, ex.access_key, "wrong-secret", body)
    document = json.loads(response.content)
    assert document["err-code"] == "api-signature-not-valid"
    assert [order.state for order in ex.orders(kind=None)] == [OrderState.OPEN] * 4
    record = ex.received[-1]
    assert (record.path, record.signature_valid) == (path, False)
    assert json.loads(record.body) == body


def test_faults_apply_per_request_on_new_routes(post: Post, ex: MockExchange) -> None:
    ex.add_order(BTC, 1, kind="trigger")
    ex.add_order(BTC, 2)
    trigger_all = STRATEGY_CANCEL_ALL[OrderKind.TRIGGER]
    ex.inject(faults.http_503(), path=trigger_all)
    assert post(trigger_all, {"contract_code": BTC}).status_code == 503
    assert ex.order_state(BTC, 1, kind="trigger") is OrderState.OPEN  # not processed
    ex.inject(faults.drop(), path=CANCEL_ALL, after_processing=True)
    with pytest.raises(httpx.TransportError):
        post(CANCEL_ALL, {"contract_code": BTC})
    assert ex.order_state(BTC, 2) is OrderState.CANCELLED  # processed, answer lost
    assert [r.fault for r in ex.received] == ["http_503", "drop"]
    # The next request is answered normally again.
    assert _successes(post(trigger_all, {"contract_code": BTC})) == ["1"]


def test_truncated_answer_before_processing_shows_nothing_done(
    post: Post, ex: MockExchange
) -> None:
    ex.add_order(BTC, 1, kind="tpsl")
    path = STRATEGY_CANCEL[OrderKind.TPSL]
    ex.inject(faults.truncated_body(), path=path)
    with pytest.raises(httpx.TransportError):
        post(path, {"contract_code": BTC, "order_id": "1"})
    assert ex.order_state(BTC, 1, kind="tpsl") is OrderState.OPEN
