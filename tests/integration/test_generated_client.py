"""The generated package on its own, as a consumer who skips ``SwapClient`` uses it: the
generated ``Client`` signing through ``httpx_args={"auth": HtxAuth(creds)}``. Every operation in
the generated ``api`` package is run this way against the local exchange, so a template or spec
change that breaks that wiring fails here; an operation with no example fails, listing itself.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from types import ModuleType

import httpx
import htx_swap_client.api
import pytest
from htx_swap import HtxAuth, HtxCredentials
from htx_swap_client import Client, models
from htx_swap_client.models import (
    SwapCancelAfterData,
    SwapCancelAfterOk,
    SwapCancelAfterRequest,
    SwapCancelallRequest,
    SwapCancelData,
    SwapCancelOk,
    SwapCancelRequest,
    SwapOpenordersData,
    SwapOpenordersOk,
    SwapOpenordersRequest,
    SwapOrderInfoOk,
    SwapOrderInfoRequest,
    SwapStrategyCancelData,
    SwapStrategyCancelOk,
    SwapStrategyCancelRequest,
    SwapStrategyOpenordersRequest,
    SwapTpslCancelallRequest,
    SwapTpslOpenordersData,
    SwapTpslOpenordersOk,
    SwapTpslOpenordersRequest,
    SwapTrackOpenordersData,
    SwapTrackOpenordersOk,
    SwapTriggerOpenordersData,
    SwapTriggerOpenordersOk,
    TimestampResponse,
    UsdtAlgoCancelItem,
    UsdtAlgoCancelOk,
    UsdtAlgoOpenOrdersOk,
    UsdtCancelAfterOk,
    UsdtCancelAfterRequest,
    UsdtCancelAllOrdersRequest,
    UsdtCancelBatchOrdersRequest,
    UsdtCancelItemsOk,
    UsdtCancelOrderOk,
    UsdtCancelOrderRequest,
    UsdtOpenOrdersOk,
    UsdtOrderInfoOk,
)
from htx_swap_client.types import Unset
from htx_swap_mock import MockExchange, OrderState

BTC = "BTC-USD"
OPEN = "771038212360937472"
ABOVE_2_53 = "9223372036854775807"
USDT = "BTC-USDT"


def _operations() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.walk_packages(htx_swap_client.api.__path__, "htx_swap_client.api."):
        module = importlib.import_module(info.name)
        if not info.ispkg and hasattr(module, "sync_detailed"):
            found[info.name.rsplit(".", 1)[1]] = module
    return found


def _swap_cancel(op: ModuleType, client: Client, ex: MockExchange) -> None:
    ex.add_order(BTC, OPEN)
    ex.add_order(BTC, ABOVE_2_53)
    answer = op.sync(client=client, body=SwapCancelRequest(BTC, order_id=f"{OPEN},{ABOVE_2_53}"))
    assert isinstance(answer, SwapCancelOk)
    assert isinstance(answer.data, SwapCancelData)
    assert answer.data.successes == f"{OPEN},{ABOVE_2_53}"  # ids exact, as strings
    assert ex.order_state(BTC, ABOVE_2_53) is OrderState.CANCELLED


def _swap_order_info(op: ModuleType, client: Client, ex: MockExchange) -> None:
    ex.add_order(BTC, ABOVE_2_53, state="filled")
    answer = op.sync(client=client, body=SwapOrderInfoRequest(BTC, order_id=ABOVE_2_53))
    assert isinstance(answer, SwapOrderInfoOk)
    assert isinstance(answer.data, list)
    [order] = answer.data
    assert (order.order_id, order.order_id_str, order.status) == (int(ABOVE_2_53), ABOVE_2_53, 6)


def _get_timestamp(op: ModuleType, client: Client, ex: MockExchange) -> None:
    answer = op.sync(client=client)
    assert isinstance(answer, TimestampResponse)
    assert answer.ts > 1_600_000_000_000


def _successes(answer: object) -> str:
    """The comma-joined accepted ids of a cancel-family answer (either of its two shapes)."""
    assert isinstance(answer, SwapCancelOk | SwapStrategyCancelOk), answer
    data = answer.data
    assert isinstance(data, SwapCancelData | SwapStrategyCancelData), data
    assert isinstance(data.errors, Unset) or data.errors == []  # nothing refused
    return data.successes


def _swap_cancelall(op: ModuleType, client: Client, ex: MockExchange) -> None:
    ex.add_order(BTC, OPEN)
    ex.add_order(BTC, ABOVE_2_53)
    answer = op.sync(client=client, body=SwapCancelallRequest(BTC))
    assert sorted(_successes(answer).split(",")) == sorted([OPEN, ABOVE_2_53])
    assert ex.order_state(BTC, ABOVE_2_53) is OrderState.CANCELLED


def _strategy_cancel(kind: str) -> Callable[[ModuleType, Client, MockExchange], None]:
    def example(op: ModuleType, client: Client, ex: MockExchange) -> None:
        ex.add_order(BTC, ABOVE_2_53, kind=kind)
        answer = op.sync(client=client, body=SwapStrategyCancelRequest(BTC, order_id=ABOVE_2_53))
        assert _successes(answer) == ABOVE_2_53  # the id exact, as a string
        assert ex.order_state(BTC, ABOVE_2_53, kind=kind) is OrderState.CANCELLED

    return example


def _strategy_cancelall(kind: str) -> Callable[[ModuleType, Client, MockExchange], None]:
    def example(op: ModuleType, client: Client, ex: MockExchange) -> None:
        ex.add_order(BTC, ABOVE_2_53, kind=kind)
        body = SwapTpslCancelallRequest(BTC) if kind == "tpsl" else SwapCancelallRequest(BTC)
        answer = op.sync(client=client, body=body)
        assert _successes(answer) == ABOVE_2_53
        assert ex.order_state(BTC, ABOVE_2_53, kind=kind) is OrderState.CANCELLED

    return example


def _open_order_ids(answer: object, ok: type, data_type: type) -> list[tuple[int, str]]:
    """The (order_id, order_id_str) pairs of an open-orders answer of type ``ok``."""
    assert isinstance(answer, ok), answer
    data: object = getattr(answer, "data", None)
    assert isinstance(data, data_type), data
    orders: object = getattr(data, "orders", None)
    assert isinstance(orders, list)
    return [(order.order_id, order.order_id_str) for order in orders]


def _swap_openorders(op: ModuleType, client: Client, ex: MockExchange) -> None:
    ex.add_order(BTC, ABOVE_2_53)
    answer = op.sync(client=client, body=SwapOpenordersRequest(contract_code=BTC))
    found = _open_order_ids(answer, SwapOpenordersOk, SwapOpenordersData)
    assert found == [(int(ABOVE_2_53), ABOVE_2_53)]


def _strategy_openorders(
    kind: str, ok: type, data_type: type
) -> Callable[[ModuleType, Client, MockExchange], None]:
    def example(op: ModuleType, client: Client, ex: MockExchange) -> None:
        ex.add_order(BTC, ABOVE_2_53, kind=kind)
        request = SwapTpslOpenordersRequest if kind == "tpsl" else SwapStrategyOpenordersRequest
        answer = op.sync(client=client, body=request(BTC))
        assert _open_order_ids(answer, ok, data_type) == [(int(ABOVE_2_53), ABOVE_2_53)]

    return example


def _swap_cancel_after(op: ModuleType, client: Client, ex: MockExchange) -> None:
    body = SwapCancelAfterRequest(on_off=1, time_out=60_000)
    answer = op.sync(client=client, body=body)
    assert isinstance(answer, SwapCancelAfterOk), answer
    assert answer.code == 200
    assert isinstance(answer.data, SwapCancelAfterData)
    current, trigger = answer.data.current_time, answer.data.trigger_time
    assert isinstance(current, int)
    assert isinstance(trigger, int)
    assert trigger - current == 60_000
    off = op.sync(client=client, body=SwapCancelAfterRequest(on_off=0))
    assert isinstance(off, SwapCancelAfterOk), off  # disarmed again: nothing fires later


def _usdt_cancel_order(op: ModuleType, client: Client, ex: MockExchange) -> None:
    ex.add_usdt_order(USDT, ABOVE_2_53)
    answer = op.sync(client=client, body=UsdtCancelOrderRequest(USDT, order_id=ABOVE_2_53))
    assert isinstance(answer, UsdtCancelOrderOk), answer
    assert answer.data.order_id == ABOVE_2_53  # the id exact, as a string
    assert ex.usdt_order_state(USDT, ABOVE_2_53) == "canceled"


def _usdt_item_codes(answer: object) -> dict[str | None, int]:
    """Each order id of a v5 cancel-items answer with its own code."""
    assert isinstance(answer, UsdtCancelItemsOk), answer
    return {item.order_id: item.code for item in answer.data}


def _usdt_cancel_batch_orders(op: ModuleType, client: Client, ex: MockExchange) -> None:
    ex.add_usdt_order(USDT, ABOVE_2_53)
    body = UsdtCancelBatchOrdersRequest(USDT, order_id=[ABOVE_2_53, OPEN])
    answer = op.sync(client=client, body=body)
    assert _usdt_item_codes(answer) == {ABOVE_2_53: 200, OPEN: 1061}  # OPEN: no such order
    assert ex.usdt_order_state(USDT, ABOVE_2_53) == "canceled"


def _usdt_cancel_all_orders(op: ModuleType, client: Client, ex: MockExchange) -> None:
    ex.add_usdt_order(USDT, OPEN)
    ex.add_usdt_order(USDT, ABOVE_2_53)
    answer = op.sync(client=client, body=UsdtCancelAllOrdersRequest(contract_code=USDT))
    assert _usdt_item_codes(answer) == {OPEN: 200, ABOVE_2_53: 200}
    assert ex.usdt_open_orders(USDT) == []


def _usdt_algo_cancel_orders(op: ModuleType, client: Client, ex: MockExchange) -> None:
    ex.add_usdt_order(USDT, ABOVE_2_53, algo_type="trigger", trigger_price=70000)
    body = [UsdtAlgoCancelItem(USDT, algo_id=ABOVE_2_53), UsdtAlgoCancelItem(USDT, algo_id=OPEN)]
    answer = op.sync(client=client, body=body)
    assert isinstance(answer, UsdtAlgoCancelOk), answer
    assert {item.algo_id: item.code for item in answer.data} == {ABOVE_2_53: 200, OPEN: 1061}
    assert ex.usdt_order_state(USDT, ABOVE_2_53, algo_type="trigger") == "canceled"


def _usdt_cancel_after(op: ModuleType, client: Client, ex: MockExchange) -> None:
    answer = op.sync(client=client, body=UsdtCancelAfterRequest(on_off="1", time_out=60_000))
    assert isinstance(answer, UsdtCancelAfterOk), answer
    switch = ex.usdt_cancel_after()
    assert switch.armed
    assert answer.data.trigger_time == switch.trigger_time
    assert not ex.cancel_after().armed  # the swap switch is another one
    off = op.sync(client=client, body=UsdtCancelAfterRequest(on_off="0"))
    assert isinstance(off, UsdtCancelAfterOk), off
    assert not ex.usdt_cancel_after().armed  # disarmed again: nothing fires later


def _usdt_order_info(op: ModuleType, client: Client, ex: MockExchange) -> None:
    ex.add_usdt_order(USDT, ABOVE_2_53, state="partially_filled")
    answer = op.sync(client=client, contract_code=USDT, order_id=ABOVE_2_53)  # a signed query
    assert isinstance(answer, UsdtOrderInfoOk), answer
    assert (answer.data.order_id, answer.data.state) == (ABOVE_2_53, "partially_filled")


def _usdt_open_orders(op: ModuleType, client: Client, ex: MockExchange) -> None:
    ex.add_usdt_order(USDT, OPEN)
    ex.add_usdt_order(USDT, ABOVE_2_53, state="filled")
    answer = op.sync(client=client, contract_code=USDT, from_="0", limit=100, direct="next")
    assert isinstance(answer, UsdtOpenOrdersOk), answer
    assert [(order.order_id, order.state) for order in answer.data] == [(OPEN, "new")]


def _usdt_algo_open_orders(op: ModuleType, client: Client, ex: MockExchange) -> None:
    ex.add_usdt_order(USDT, ABOVE_2_53, algo_type="tpsl")
    ex.add_usdt_order(USDT, OPEN, algo_type="trigger", trigger_price=70000)
    answer = op.sync(client=client, type_="tpsl", contract_code=USDT, limit=100)
    assert isinstance(answer, UsdtAlgoOpenOrdersOk), answer
    assert [order.algo_id for order in answer.data] == [ABOVE_2_53]


EXAMPLES: dict[str, Callable[[ModuleType, Client, MockExchange], None]] = {
    "usdt_cancel_order": _usdt_cancel_order,
    "usdt_cancel_batch_orders": _usdt_cancel_batch_orders,
    "usdt_cancel_all_orders": _usdt_cancel_all_orders,
    "usdt_order_info": _usdt_order_info,
    "usdt_open_orders": _usdt_open_orders,
    "usdt_algo_cancel_orders": _usdt_algo_cancel_orders,
    "usdt_algo_open_orders": _usdt_algo_open_orders,
    "usdt_cancel_after": _usdt_cancel_after,
    "swap_cancel": _swap_cancel,
    "swap_order_info": _swap_order_info,
    "get_timestamp": _get_timestamp,
    "swap_cancelall": _swap_cancelall,
    "swap_openorders": _swap_openorders,
    "swap_cancel_after": _swap_cancel_after,
    "swap_trigger_cancel": _strategy_cancel("trigger"),
    "swap_tpsl_cancel": _strategy_cancel("tpsl"),
    "swap_track_cancel": _strategy_cancel("trailing"),
    "swap_trigger_cancelall": _strategy_cancelall("trigger"),
    "swap_tpsl_cancelall": _strategy_cancelall("tpsl"),
    "swap_track_cancelall": _strategy_cancelall("trailing"),
    "swap_trigger_openorders": _strategy_openorders(
        "trigger", SwapTriggerOpenordersOk, SwapTriggerOpenordersData
    ),
    "swap_tpsl_openorders": _strategy_openorders(
        "tpsl", SwapTpslOpenordersOk, SwapTpslOpenordersData
    ),
    "swap_track_openorders": _strategy_openorders(
        "trailing", SwapTrackOpenordersOk, SwapTrackOpenordersData
    ),
}


def test_every_generated_operation_has_an_example() -> None:
    missing = sorted(set(_operations()) - set(EXAMPLES))
    assert not missing, f"generated operations with no example in {__name__}: {missing}"
    assert not set(EXAMPLES) - set(_operations()), "examples of operations no longer generated"


# -- the coin-margined delivery futures (contract_*, named by symbol) ---------------------------


def _ok(answer: object) -> object:
    """The answer, checked to be the operation's documented success (no error shape)."""
    assert answer is not None
    assert type(answer).__name__.endswith("Ok"), answer
    return answer


def _futures(kind: str, verb: str) -> Callable[[ModuleType, Client, MockExchange], None]:
    """An example of a futures operation: one order of ``kind`` on BTC's quarter contract; a
    cancel (or cancel-all) cancels it, a read finds it."""

    def example(op: ModuleType, client: Client, ex: MockExchange) -> None:
        code = ex.futures_contract_code("BTC", "quarter")
        ex.add_order(code, ABOVE_2_53, kind=kind)
        body: object
        if verb == "cancel" and kind == "limit":
            body = models.FuturesCancelRequest("BTC", order_id=ABOVE_2_53)
        elif verb == "cancel":
            body = models.FuturesStrategyCancelRequest("BTC", order_id=ABOVE_2_53)
        elif verb == "cancelall" and kind == "tpsl":
            body = models.FuturesTpslCancelallRequest(symbol="BTC")
        elif verb == "cancelall":
            body = models.FuturesCancelallRequest("BTC")
        elif verb == "order_info":
            body = models.FuturesOrderInfoRequest("BTC", order_id=ABOVE_2_53)
        elif kind == "limit":
            body = models.FuturesOpenordersRequest(symbol="BTC")
        elif kind == "tpsl":
            body = models.FuturesTpslOpenordersRequest("BTC")
        else:
            body = models.FuturesStrategyOpenordersRequest("BTC")
        text = str(_ok(op.sync(client=client, body=body)).to_dict())  # type: ignore[attr-defined]
        assert ABOVE_2_53 in text  # the id exact, as a string
        if verb.startswith("cancel"):
            assert ex.order_state(code, ABOVE_2_53, kind=kind) is OrderState.CANCELLED

    return example


def _contract_cancel_after(op: ModuleType, client: Client, ex: MockExchange) -> None:
    answer = _ok(op.sync(client=client, body=SwapCancelAfterRequest(on_off=1, time_out=60_000)))
    assert isinstance(answer, SwapCancelAfterOk)
    assert _ok(op.sync(client=client, body=SwapCancelAfterRequest(on_off=0)))


EXAMPLES.update(
    {
        "contract_cancel": _futures("limit", "cancel"),
        "contract_cancelall": _futures("limit", "cancelall"),
        "contract_order_info": _futures("limit", "order_info"),
        "contract_openorders": _futures("limit", "openorders"),
        "contract_cancel_after": _contract_cancel_after,
        **{
            f"contract_{prefix}_{verb}": _futures(kind, verb)
            for prefix, kind in (("trigger", "trigger"), ("tpsl", "tpsl"), ("track", "trailing"))
            for verb in ("cancel", "cancelall", "openorders")
        },
    }
)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_each_operation_signed_through_httpx_args(name: str, htx_exchange: MockExchange) -> None:
    operation = _operations()[name]
    creds = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    client = Client(
        base_url=htx_exchange.url,
        timeout=httpx.Timeout(10.0),
        httpx_args={"auth": HtxAuth(creds)},
    )
    with client:
        EXAMPLES[name](operation, client, htx_exchange)
    signed = [r for r in htx_exchange.received if r.path != "/api/v1/timestamp"]
    assert all(r.auth_failure is None for r in signed)
    assert htx_exchange.received, "nothing reached the exchange"


# The README's example of this client is run by tests/test_readme.py (against the demo orders).
