"""The admin API under ``/_mock``: seed orders, inject faults, read what was received, change
settings, reset. For tests and demos driving an exchange in another process (the CLI); it is
unauthenticated, which is why the exchange listens on loopback by default.

    GET    /_mock/orders                 -> {"orders": [order, …]}   (every kind, limit first)
    POST   /_mock/orders                 {order} or {"orders": [order, …]} -> {"orders": […]}
           order = {"contract_code", "order_id", "kind"?, "client_order_id"?, "state"?,
                    "volume"?, "price"?, "direction"?, "offset"?, "lever_rate"?,
                    "trade_volume"?, "on_cancel"?, "trigger_type"?, "trigger_price"?,
                    "tpsl_order_type"?, "callback_rate"?}
                    (as ``MockExchange.add_order`` / ``OrderSpec``; kind limit (default),
                     trigger, tpsl or trailing; state by name or status code, quantities as
                     numbers or decimal strings)
    POST   /_mock/usdt_orders            {"orders": [{"contract_code", "order_id"}, …]}
                                         -> {"orders": […]}   (open USDT-M limit orders, as
                                         ``MockExchange.add_usdt_order`` with its defaults)
    POST   /_mock/orders/fill            {"contract_code", "order_id", "volume"?}
                                         -> {"order": order}   (fill_order; 404 if unknown)
    POST   /_mock/orders/state           {"contract_code", "order_id", "state", "kind"?}
                                         -> {"order": order}   (set_order_state; 404 if unknown)
    GET    /_mock/cancel_after           -> {"switches": {access_key: switch, …}}
           switch = {"armed", "time_out", "trigger_time", "fired", "fired_at", "cancelled"}
           (the swap-cancel-after dead man's switches; keys never armed are absent)
    GET    /_mock/futures/cancel_after   -> likewise, the contract-cancel-after switches
    GET    /_mock/futures                -> {"contract_codes": {"this_week": "YYMMDD", …},
                                             "settlement": window|null}
           (a delivery contract's code is its symbol then that date: "BTC" + "231229")
    GET    /_mock/settlement             -> {"settlement": window|null}
    POST   /_mock/settlement             {"code"?: 1056|1059, "symbols"?: [symbol, …]|null}
                                         -> {"settlement": window}   (open_settlement)
    DELETE /_mock/settlement             -> {"settlement": null}     (close_settlement)
           window = {"code", "message", "symbols": [symbol, …]|null}: until it is closed,
           delivery futures cancels of those symbols (null: all) are refused with its code
    GET    /_mock/faults                 -> {"faults": [rule, …]}
    POST   /_mock/faults                 {"fault": kind, "times"?: n|null, "path"?,
                                          "after_processing"?, "seconds"?, "json_body"?,
                                          "retry_after"?, "code"?, "message"?, "part"?,
                                          "size"?, "named"?, "order_id"?} -> {"fault": rule}
    DELETE /_mock/faults                 -> {"faults": []}
    GET    /_mock/moves                  -> {"moves": [move_rule, …]}
    POST   /_mock/moves                  {"move": "fire_trigger", "contract_code", "order_id",
                                          "limit_order_id"?} or
                                         {"move": "place_order", "order": {order}}
                                         plus when: {"after"?: n (1), "path"?, "page_index"?}
                                         or {"in_seconds": s} -> {"move": move_rule}
           (``MockExchange.schedule``: the market's moves, see ``htx_swap_mock/moves.py``)
           move_rule = {"move", "contract_code", "order_id", "limit_order_id", "order",
                        "after", "path", "page_index", "due_at", "seen", "done"}
    DELETE /_mock/moves                  -> {"moves": []}
    GET    /_mock/requests               -> {"requests": [record, …]}
    DELETE /_mock/requests               -> {"requests": []}
    GET    /_mock/settings               -> {"settings": {…}}
    POST   /_mock/settings               {"clock_offset"?, "timestamp_tolerance"?,
                                          "timestamp_error"?, "gateway_error_status"?,
                                          "rate_limit_status"?, "rate_limit"?: [n, s]|null,
                                          "read_rate_limit"?: [n, s]|null, "cancel_delay"?,
                                          "strategy_cancel_rate_limit"?: [n, s]|null,
                                          "cancel_after_min_timeout_ms"?,
                                          "cancel_after_check_interval"?,
                                          "futures_rate_limit"?: [n, s]|null,
                                          "futures_read_rate_limit"?: [n, s]|null}
    POST   /_mock/reset                  -> {"reset": true}
    GET    /_mock/push                   -> {"push": {settings…, "connections": [conn, …]}}
    POST   /_mock/push                   {"ping_interval"?, "max_missed_pings"?,
                                          "stop_pinging"?, "delay"?, "duplicate"?,
                                          "reorder"?, "refuse_auth"?: err-code|null}
                                         -> {"push": {…}}   (the order push's settings and
                                          faults; see htx_swap_mock/push.py)
    POST   /_mock/push/drop              -> {"dropped": n}   (abort every push connection)
    POST   /_mock/push/malformed         {"kind"?: "not_gzip"|"bad_json"|"oversized",
                                          "size"?} -> {"sent": n}

An order in answers is {"contract_code", "order_id", "client_order_id", "state", "status",
"volume", "price", "direction", "offset", "lever_rate", "trade_volume", "created_at",
"canceled_at", "on_cancel", "cancel_effective_at", "kind", "updated_at"}, plus for strategy
kinds "trigger_type", "trigger_price", "tpsl_order_type", "callback_rate": ids and quantities
as strings (exact), ``cancel_effective_at`` the server time (seconds) a pending cancel takes
effect, or null; ``status`` is the code of the order's own book (a waiting strategy order is 2).

Errors are HTTP 400 (bad input), 404 (unknown path or order) or 405, with ``{"error": "…"}``.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict
from typing import Any

from htx_swap_mock import faults
from htx_swap_mock.asgi import Reply
from htx_swap_mock.bodies import dumps
from htx_swap_mock.cancel_after import CancelAfterState
from htx_swap_mock.codes import ErrorCode
from htx_swap_mock.faults import Fault, FaultKind, FaultRule
from htx_swap_mock.moves import MoveKind, MoveRule, fire_trigger, place_order
from htx_swap_mock.order_spec import OrderSpec
from htx_swap_mock.orders import Order, OrderBook, OrderKind
from htx_swap_mock.products import CONTRACT_TYPES, FUTURES, SWAP, futures_contract_code
from htx_swap_mock.push import PUSH_ADMIN_ROUTES, PushHandler
from htx_swap_mock.recording import ReceivedRequest
from htx_swap_mock.settings import TimestampErrorStyle
from htx_swap_mock.state import ExchangeState, RateBucket, SettlementWindow
from htx_swap_mock.usdt import check_usdt_contract

# The settings naming the delivery futures' buckets.
_FUTURES_LIMITS = {
    "futures_rate_limit": RateBucket.FUTURES_TRADE,
    "futures_read_rate_limit": RateBucket.FUTURES_READ,
}

__all__ = ["ADMIN_PREFIX", "fault_from_json", "handle_admin"]

ADMIN_PREFIX = "/_mock"
_JSON = "application/json"


class _BadInput(ValueError):
    pass


def _ok(document: object) -> Reply:
    return Reply(200, dumps(document), _JSON)


def _error(status: int, message: str) -> Reply:
    return Reply(status, dumps({"error": message}), _JSON)


def _object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body) if body.strip() else {}
    except ValueError as exc:
        raise _BadInput(f"body is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise _BadInput("body must be a JSON object")
    return data


def order_json(order: Order) -> dict[str, object]:
    document: dict[str, object] = {
        "contract_code": order.contract_code,
        "order_id": order.order_id,
        "client_order_id": order.client_order_id,
        "state": order.state.value,
        "status": order.status,
        "volume": str(order.volume),
        "price": str(order.price),
        "direction": order.direction.value,
        "offset": order.offset.value,
        "lever_rate": order.lever_rate,
        "trade_volume": str(order.trade_volume),
        "created_at": order.created_at,
        "canceled_at": order.canceled_at,
        "on_cancel": order.on_cancel.value,
        "cancel_effective_at": None if order.pending is None else order.pending.effective_at,
        "kind": order.kind.value,
        "updated_at": order.updated_at,
    }
    if order.kind.strategy:
        document["trigger_type"] = order.trigger_type
        document["trigger_price"] = str(order.trigger_price)
        document["tpsl_order_type"] = order.tpsl_order_type
        document["callback_rate"] = str(order.callback_rate)
    return document


def switch_json(switch: CancelAfterState) -> dict[str, object]:
    return {
        "armed": switch.armed,
        "time_out": switch.time_out,
        "trigger_time": switch.trigger_time,
        "fired": switch.fired,
        "fired_at": switch.fired_at,
        "cancelled": list(switch.cancelled),
    }


def rule_json(rule: FaultRule) -> dict[str, object]:
    fault = asdict(rule.fault)
    fault["kind"] = rule.fault.kind.value
    return {
        "fault": fault,
        "remaining": rule.remaining,
        "applied": rule.applied,
        "path": rule.path,
        "after_processing": rule.after_processing,
        "predicate": rule.when is not None,
    }


def record_json(record: ReceivedRequest) -> dict[str, object]:
    return {
        "method": record.method,
        "path": record.path,
        "query_string": record.query_string,
        "query": [list(pair) for pair in record.query],
        "headers": [list(pair) for pair in record.headers],
        "body": record.body.decode("utf-8", "replace"),
        "body_base64": base64.b64encode(record.body).decode("ascii"),
        "signature_valid": record.signature_valid,
        "auth_failure": None if record.auth_failure is None else record.auth_failure.value,
        "auth_detail": record.auth_detail,
        "access_key": record.access_key,
        "received_at": record.received_at,
        "fault": record.fault,
        "fault_after_processing": record.fault_after_processing,
    }


def _number(data: Mapping[str, Any], name: str, default: float) -> float:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _BadInput(f"{name} must be a number")
    return float(value)


def _whole_number(data: Mapping[str, Any], name: str, default: int) -> int:
    value = data.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _BadInput(f"{name} must be an integer")
    return value


def fault_from_json(data: Mapping[str, Any]) -> Fault:
    """A ``Fault`` from its admin-API description, e.g. ``{"fault": "delay", "seconds": 1}``."""
    try:
        kind = FaultKind(str(data.get("fault")))
    except ValueError:
        known = ", ".join(k.value for k in FaultKind)
        raise _BadInput(f"fault must be one of {known}") from None
    try:
        builders: dict[FaultKind, Callable[[], Fault]] = {
            FaultKind.DELAY: lambda: faults.delay(_number(data, "seconds", 1.0)),
            FaultKind.STALL: lambda: faults.stall(_number(data, "seconds", 30.0)),
            FaultKind.DROP: faults.drop,
            FaultKind.HTTP_500: lambda: faults.http_500(
                json_body=bool(data.get("json_body", True))
            ),
            FaultKind.HTML_502: faults.html_502,
            FaultKind.HTTP_503: faults.http_503,
            FaultKind.HTTP_429: lambda: faults.http_429(int(_number(data, "retry_after", 1))),
            FaultKind.MALFORMED_JSON: faults.malformed_json,
            FaultKind.TRUNCATED_BODY: faults.truncated_body,
            FaultKind.BUSINESS_ERROR: lambda: faults.business_error(
                int(data.get("code", faults.business_error().code)),
                str(data.get("message", faults.business_error().message)),
            ),
            FaultKind.GATEWAY_ERROR: lambda: faults.gateway_error(
                str(data.get("code", faults.gateway_error().code)),
                str(data.get("message", faults.gateway_error().message)),
            ),
            FaultKind.TRICKLE: lambda: faults.trickle(
                str(data.get("part", "body")), seconds=_number(data, "seconds", 0.05)
            ),
            FaultKind.GZIP_BOMB: lambda: faults.gzip_bomb(_whole_number(data, "size", 64 << 20)),
            FaultKind.OVERSIZE_BODY: lambda: faults.oversize_body(
                _whole_number(data, "size", 4 << 20)
            ),
            FaultKind.PARTIAL_ANSWER: lambda: faults.partial_answer(
                _whole_number(data, "named", 1)
            ),
            FaultKind.UNREQUESTED_ID: lambda: faults.unrequested_id(
                str(data.get("order_id", "99"))
            ),
        }
        return builders[kind]()
    except (TypeError, ValueError) as exc:
        raise _BadInput(str(exc)) from None


# The optional fields of a seeded order: passed on to OrderSpec when present.
_ORDER_OPTIONS = (
    "kind",
    "client_order_id",
    "state",
    "volume",
    "price",
    "direction",
    "offset",
    "lever_rate",
    "trade_volume",
    "on_cancel",
    "trigger_type",
    "trigger_price",
    "tpsl_order_type",
    "callback_rate",
)


def _order_spec(item: dict[str, Any]) -> OrderSpec:
    unknown = set(item) - {"contract_code", "order_id", *_ORDER_OPTIONS}
    if unknown:
        raise _BadInput(f"unknown order fields: {', '.join(sorted(unknown))}")
    options = {name: item[name] for name in _ORDER_OPTIONS if name in item}
    try:
        return OrderSpec(item["contract_code"], item["order_id"], **options)
    except KeyError as exc:
        raise _BadInput(f"order needs {exc.args[0]}") from None
    except (TypeError, ValueError) as exc:
        raise _BadInput(str(exc)) from None


def _add_orders(state: ExchangeState, data: dict[str, Any]) -> Reply:
    items = data.get("orders", [data])
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise _BadInput("orders must be a list of objects")
    specs = [_order_spec(item) for item in items]
    added = [state.book(spec.kind).add(spec) for spec in specs]
    return _ok({"orders": [order_json(order) for order in added]})


def _add_usdt_orders(state: ExchangeState, data: dict[str, Any]) -> Reply:
    items = data.get("orders")
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise _BadInput("orders must be a list of objects")
    try:
        specs = [OrderSpec(check_usdt_contract(i["contract_code"]), i["order_id"]) for i in items]
    except (KeyError, TypeError, ValueError) as exc:
        problem = f"an order needs an exact USDT-M contract_code and an order_id ({exc})"
        raise _BadInput(problem) from None
    added = [state.usdt.orders.add(spec) for spec in specs]
    return _ok({"orders": [order_json(order) for order in added]})


def move_json(rule: MoveRule) -> dict[str, object]:
    move = rule.move
    spec = move.spec
    return {
        "move": move.kind.value,
        "contract_code": move.contract_code,
        "order_id": move.order_id,
        "limit_order_id": move.limit_order_id,
        "order": None if spec is None else {"kind": spec.kind.value, "order_id": spec.order_id},
        "after": rule.after,
        "path": rule.path,
        "page_index": rule.page_index,
        "due_at": rule.due_at,
        "seen": rule.seen,
        "done": rule.done,
    }


_MOVE_FIELDS = {"move", "contract_code", "order_id", "limit_order_id", "order", "after", "path"}
_MOVE_FIELDS |= {"page_index", "in_seconds"}


def _add_move(state: ExchangeState, data: dict[str, Any]) -> Reply:
    unknown = set(data) - _MOVE_FIELDS
    if unknown:
        raise _BadInput(f"unknown move fields: {', '.join(sorted(unknown))}")
    try:
        kind = MoveKind(str(data.get("move")))
    except ValueError:
        raise _BadInput(f"move must be one of {', '.join(k.value for k in MoveKind)}") from None
    try:
        if kind is MoveKind.PLACE_ORDER:
            order = data.get("order")
            if not isinstance(order, dict):
                raise _BadInput("place_order needs an order object")
            move = place_order(_order_spec(order))
        else:
            move = fire_trigger(data["contract_code"], data["order_id"], data.get("limit_order_id"))
        path = data.get("path")
        if path is not None and not isinstance(path, str):
            raise _BadInput("path must be a string or null")
        in_seconds = data.get("in_seconds")
        due_at = None if in_seconds is None else state.now() + _number(data, "in_seconds", 0)
        rule = MoveRule(
            move,
            path=path,
            page_index=data.get("page_index"),
            after=data.get("after", 1),
            due_at=due_at,
        )
    except KeyError as exc:
        raise _BadInput(f"fire_trigger needs {exc.args[0]}") from None
    except (TypeError, ValueError) as exc:
        raise _BadInput(str(exc)) from None
    return _ok({"move": move_json(state.moves.add(rule))})


def _list_moves(state: ExchangeState, data: dict[str, Any]) -> Reply:
    return _ok({"moves": [move_json(rule) for rule in state.moves.all()]})


def _clear_moves(state: ExchangeState, data: dict[str, Any]) -> Reply:
    state.moves.clear()
    return _ok({"moves": []})


def _order_change(
    state: ExchangeState, data: dict[str, Any], change: Callable[[OrderBook, Any, Any], Order]
) -> Reply:
    """Apply ``change(book, contract_code, order_id)`` to one existing order."""
    missing = [name for name in ("contract_code", "order_id") if name not in data]
    if missing:
        raise _BadInput(f"needs {missing[0]}")
    try:
        book = state.book(data.get("kind", OrderKind.LIMIT))
        order = change(book, data["contract_code"], data["order_id"])
    except KeyError as exc:  # no such order
        return _error(404, str(exc.args[0]))
    except (TypeError, ValueError) as exc:
        raise _BadInput(str(exc)) from None
    return _ok({"order": order_json(order)})


def _fill_order(state: ExchangeState, data: dict[str, Any]) -> Reply:
    return _order_change(
        state, data, lambda book, code, order_id: book.fill(code, order_id, data.get("volume"))
    )


def _set_order_state(state: ExchangeState, data: dict[str, Any]) -> Reply:
    if "state" not in data:
        raise _BadInput("needs state")
    return _order_change(
        state, data, lambda book, code, order_id: book.set_state(code, order_id, data["state"])
    )


def _add_fault(state: ExchangeState, data: dict[str, Any]) -> Reply:
    fault = fault_from_json(data)
    times = data.get("times", 1)
    path = data.get("path")
    if times is not None and (isinstance(times, bool) or not isinstance(times, int)):
        raise _BadInput("times must be an integer or null")
    if path is not None and not isinstance(path, str):
        raise _BadInput("path must be a string or null")
    try:
        rule = FaultRule(
            fault,
            times=times,
            path=path,
            when=None,
            after_processing=bool(data.get("after_processing", False)),
        )
    except ValueError as exc:
        raise _BadInput(str(exc)) from None
    return _ok({"fault": rule_json(state.faults.add(rule))})


def settlement_json(window: SettlementWindow | None) -> dict[str, object] | None:
    if window is None:
        return None
    symbols = None if window.symbols is None else sorted(window.symbols)
    return {"code": int(window.code), "message": window.code.message, "symbols": symbols}


def _open_settlement(state: ExchangeState, data: dict[str, Any]) -> Reply:
    code = data.get("code", int(ErrorCode.SETTLING))
    symbols = data.get("symbols")
    if symbols is not None and (
        not isinstance(symbols, list) or not all(isinstance(s, str) and s for s in symbols)
    ):
        raise _BadInput("symbols must be a list of symbols or null")
    try:
        state.open_settlement(
            code, None if symbols is None else frozenset(s.upper() for s in symbols)
        )
    except (TypeError, ValueError) as exc:
        raise _BadInput(str(exc)) from None
    return _ok({"settlement": settlement_json(state.settlement)})


def _close_settlement(state: ExchangeState, data: dict[str, Any]) -> Reply:
    state.close_settlement()
    return _ok({"settlement": None})


def _show_settlement(state: ExchangeState, data: dict[str, Any]) -> Reply:
    return _ok({"settlement": settlement_json(state.settlement)})


def _show_futures(state: ExchangeState, data: dict[str, Any]) -> Reply:
    dates = {kind: futures_contract_code("X", kind, state.now())[1:] for kind in CONTRACT_TYPES}
    return _ok({"contract_codes": dates, "settlement": settlement_json(state.settlement)})


def settings_json(state: ExchangeState) -> dict[str, object]:
    document: dict[str, object] = asdict(state.settings)
    document["timestamp_error"] = state.settings.timestamp_error.value
    document["rate_limit"] = None if state.rate_limit is None else list(state.rate_limit)
    read = state.read_rate_limit
    document["read_rate_limit"] = None if read is None else list(read)
    strategy = state.strategy_cancel_rate_limit
    document["strategy_cancel_rate_limit"] = None if strategy is None else list(strategy)
    for name, bucket in _FUTURES_LIMITS.items():
        limit = state.bucket_limit(bucket)
        document[name] = None if limit is None else list(limit)
    document["ts"] = state.now_ms()
    return document


def _rate_limit(value: Any) -> tuple[int, float] | None:  # noqa: ANN401 - raw JSON
    return None if value is None else (int(value[0]), float(value[1]))


def _change_family_settings(state: ExchangeState, data: dict[str, Any]) -> None:
    """The dead man's switch and strategy-cancel settings."""
    settings = state.settings
    if "cancel_after_min_timeout_ms" in data:
        minimum = data["cancel_after_min_timeout_ms"]
        if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
            raise _BadInput("cancel_after_min_timeout_ms must be an integer >= 1")
        settings.cancel_after_min_timeout_ms = minimum
    if "cancel_after_check_interval" in data:
        interval = _number(data, "cancel_after_check_interval", 0.01)
        if not interval > 0:
            raise _BadInput("cancel_after_check_interval must be > 0")
        settings.cancel_after_check_interval = interval
    if "strategy_cancel_rate_limit" in data:
        limit = _rate_limit(data["strategy_cancel_rate_limit"])
        state.set_strategy_cancel_rate_limit(limit)


def _change_settings(state: ExchangeState, data: dict[str, Any]) -> Reply:
    settings = state.settings
    try:
        if "clock_offset" in data:
            settings.clock_offset = _number(data, "clock_offset", 0.0)
        if "timestamp_tolerance" in data:
            settings.timestamp_tolerance = _number(data, "timestamp_tolerance", 300.0)
        if "timestamp_error" in data:
            settings.timestamp_error = TimestampErrorStyle(data["timestamp_error"])
        for name in ("gateway_error_status", "rate_limit_status"):
            if name in data:
                setattr(settings, name, int(_number(data, name, 200)))
        if "cancel_delay" in data:
            delay = _number(data, "cancel_delay", 0.0)
            if not delay >= 0:
                raise _BadInput("cancel_delay must be >= 0")
            settings.cancel_delay = delay
        _change_family_settings(state, data)
        if "rate_limit" in data:
            state.set_rate_limit(_rate_limit(data["rate_limit"]))
        if "read_rate_limit" in data:
            state.set_read_rate_limit(_rate_limit(data["read_rate_limit"]))
        for name, bucket in _FUTURES_LIMITS.items():
            if name in data:
                state.set_bucket_limit(bucket, _rate_limit(data[name]))
    except (TypeError, ValueError, IndexError) as exc:
        raise _BadInput(str(exc)) from None
    return _ok({"settings": settings_json(state)})


def _reset(state: ExchangeState, data: dict[str, Any]) -> Reply:
    state.reset()
    return _ok({"reset": True})


def _list_orders(state: ExchangeState, data: dict[str, Any]) -> Reply:
    orders = [order for book in state.books.values() for order in book.all()]
    return _ok({"orders": [order_json(order) for order in orders]})


def _list_switches(state: ExchangeState, data: dict[str, Any]) -> Reply:
    switches = state.switches_of(SWAP).all()
    return _ok({"switches": {key: switch_json(switch) for key, switch in switches.items()}})


def _list_futures_switches(state: ExchangeState, data: dict[str, Any]) -> Reply:
    switches = state.switches_of(FUTURES).all()
    return _ok({"switches": {key: switch_json(switch) for key, switch in switches.items()}})


def _list_faults(state: ExchangeState, data: dict[str, Any]) -> Reply:
    return _ok({"faults": [rule_json(rule) for rule in state.faults.pending()]})


def _clear_faults(state: ExchangeState, data: dict[str, Any]) -> Reply:
    state.faults.clear()
    return _ok({"faults": []})


def _list_requests(state: ExchangeState, data: dict[str, Any]) -> Reply:
    return _ok({"requests": [record_json(record) for record in state.log.snapshot()]})


def _clear_requests(state: ExchangeState, data: dict[str, Any]) -> Reply:
    state.log.clear()
    return _ok({"requests": []})


def _show_settings(state: ExchangeState, data: dict[str, Any]) -> Reply:
    return _ok({"settings": settings_json(state)})


Handler = Callable[[ExchangeState, dict[str, Any]], Reply]
_ROUTES: dict[str, dict[str, Handler]] = {
    "/orders": {"GET": _list_orders, "POST": _add_orders},
    "/usdt_orders": {"POST": _add_usdt_orders},
    "/orders/fill": {"POST": _fill_order},
    "/orders/state": {"POST": _set_order_state},
    "/cancel_after": {"GET": _list_switches},
    "/futures/cancel_after": {"GET": _list_futures_switches},
    "/futures": {"GET": _show_futures},
    "/settlement": {
        "GET": _show_settlement,
        "POST": _open_settlement,
        "DELETE": _close_settlement,
    },
    "/faults": {"GET": _list_faults, "POST": _add_fault, "DELETE": _clear_faults},
    "/moves": {"GET": _list_moves, "POST": _add_move, "DELETE": _clear_moves},
    "/requests": {"GET": _list_requests, "DELETE": _clear_requests},
    "/settings": {"GET": _show_settings, "POST": _change_settings},
    "/reset": {"POST": _reset},
}


def _on_push(handler: PushHandler) -> Handler:
    return lambda state, data: handler(state.push, data)


# The order push's settings, faults and connections (see htx_swap_mock.push).
_ROUTES.update(
    {
        path: {method: _on_push(handler) for method, handler in methods.items()}
        for path, methods in PUSH_ADMIN_ROUTES.items()
    }
)


def handle_admin(state: ExchangeState, method: str, path: str, body: bytes) -> Reply:
    methods = _ROUTES.get(path.removeprefix(ADMIN_PREFIX).rstrip("/"))
    if methods is None:
        return _error(404, f"no admin endpoint {path}")
    handler = methods.get(method)
    if handler is None:
        return Reply(
            405,
            dumps({"error": f"{method} not allowed on {path}"}),
            _JSON,
            (("Allow", ", ".join(methods)),),
        )
    try:
        return handler(state, _object(body) if method == "POST" else {})
    except _BadInput as exc:
        return _error(400, str(exc))
