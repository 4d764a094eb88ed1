"""``htx-swap`` tells the trader the truth under hostile answers (hostile review a04, a26, a09,
a18, a24, a13, a28).

Findings: ``cancel-all --kind all`` stopped at the first kind that failed, so later kinds were
never sent (a04); ``cancel-all --json`` dropped ``may_have_cancelled_more`` and exited 0 after a
lost answer (a26); a server's ``err_msg`` with a carriage return or ANSI escapes rewrote the
table on a terminal (a09); Ctrl-C printed a traceback and nothing about requests already sent
(a18); a dead man's switch that could not be turned off was not reported as still armed (a24);
``panic`` said CLEAN with an open order it could not read (a13), and called an account clean
when it had only found contracts from open limit orders (a28).
"""

from __future__ import annotations

import functools
import json
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from htx_swap import SwapClient, cli
from htx_swap_mock import MockExchange, OrderState, faults

from tests.hostile.raw_server import RawConnection, RawRequest, RawServer, http_response
from tests.hostile.support import BTC, json_answers

ACCESS, SECRET = "review-cli-access", "review-cli-canary-secret-7a3d"
KIND_PATHS = {
    "limit": "/swap-api/v1/swap_cancelall",
    "trigger": "/swap-api/v1/swap_trigger_cancelall",
    "tpsl": "/swap-api/v1/swap_tpsl_cancelall",
    "trailing": "/swap-api/v1/swap_track_cancelall",
}
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # every control character but "\n"


@pytest.fixture(autouse=True)
def quick_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """Credentials in the environment; the CLI's client with its real retry count but a short
    backoff (as tests/hostile/test_cli_truth.py does)."""
    monkeypatch.setenv("HTX_ACCESS_KEY", ACCESS)
    monkeypatch.setenv("HTX_SECRET_KEY", SECRET)
    quick = functools.partial(SwapClient, backoff_initial=0.01, backoff_max=0.02)
    monkeypatch.setattr(cli, "SwapClient", quick)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    assert SECRET not in captured.out + captured.err
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def _json_lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture
def ex(htx_exchange_factory: Callable[..., MockExchange]) -> MockExchange:
    return htx_exchange_factory(rate_limit=None, credentials={ACCESS: SECRET})


# -- a04: --kind all tries every kind -------------------------------------------------------


def _trigger_fails(conn: RawConnection) -> None:
    while (request := conn.read_request()) is not None:
        if request.path == KIND_PATHS["trigger"]:
            conn.send(http_response(500, b"Internal Server Error"))
        else:
            body = {"status": "ok", "data": {"successes": "111,222", "errors": []}, "ts": 1}
            conn.send(http_response(200, json.dumps(body).encode()))


@pytest.mark.timeout(30)
def test_a04_cancel_all_kind_all_tries_every_kind_when_one_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with RawServer(_trigger_fails) as server:
        code, out, _ = _run(
            capsys, "cancel-all", BTC, "--kind", "all", "--base-url", server.url, "--timeout", "1"
        )
        paths = {request.path for request in server.requests}
    assert paths == set(KIND_PATHS.values())  # the kinds after the failing one were sent too
    for kind in KIND_PATHS:
        assert f"{kind} orders of {BTC}" in out, out
    assert f"trigger orders of {BTC}: failed" in out
    assert "may have reached HTX" in out  # a 500 after sending: in doubt
    assert code == cli.EXIT_ERROR  # the worst of the kinds


@pytest.mark.timeout(30)
def test_a04_cancel_all_kind_all_json_has_an_entry_per_kind(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with RawServer(_trigger_fails) as server:
        code, out, _ = _run(
            capsys,
            "cancel-all",
            BTC,
            "--kind",
            "all",
            "--json",
            "--base-url",
            server.url,
            "--timeout",
            "1",
        )
    (document,) = _json_lines(out)  # one document for the whole run
    lines = {line["kind"]: line for line in document["kinds"]}
    assert set(lines) == set(KIND_PATHS)
    assert lines["trigger"]["error"]["may_have_reached"] is True
    assert lines["trigger"]["result"] is None
    assert all(lines[kind]["error"] is None for kind in ("limit", "tpsl", "trailing"))
    assert all(lines[kind]["result"]["orders"] for kind in ("limit", "tpsl", "trailing"))
    assert document["exit_code"] == code
    assert code == cli.EXIT_ERROR


# -- a26: --json carries the doubt of a lost answer -----------------------------------------


@pytest.mark.timeout(30)
def test_a26_cancel_all_json_carries_may_have_cancelled_more_and_exits_4(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    ex.add_order(BTC, 11)
    ex.add_order(BTC, 12)
    ex.inject(faults.drop(), path=KIND_PATHS["limit"], after_processing=True)
    code, out, _ = _run(capsys, "cancel-all", BTC, "--json", "--base-url", ex.url)
    (document,) = _json_lines(out)
    (line,) = document["kinds"]
    assert line["kind"] == "limit"
    # the first answer was lost after both orders were cancelled; the retry found nothing left
    assert line["result"]["may_have_cancelled_more"] is True
    assert code == cli.EXIT_ERROR
    assert [ex.order_state(BTC, i) for i in (11, 12)] == [OrderState.CANCELLED] * 2


# -- a09: control characters in a server's message ------------------------------------------

HOSTILE_MSG = "\r\x1b[2K771038212360937472  accepted\n1 accepted for cancel, 0 refused\x1b[8m"
ORDER_ID = "771038212360937472"


def _hostile_message(request: RawRequest) -> bytes:
    error = {"order_id": ORDER_ID, "err_code": 1061, "err_msg": HOSTILE_MSG}
    body = {"status": "ok", "data": {"successes": "", "errors": [error]}, "ts": 1}
    return json.dumps(body).encode()


@pytest.mark.timeout(30)
def test_a09_control_characters_in_err_msg_are_shown_as_question_marks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with RawServer(json_answers(_hostile_message)) as server:
        code, out, _ = _run(capsys, "cancel", BTC, "--order-id", ORDER_ID, "--base-url", server.url)
    assert not CONTROL.search(out), repr(out)
    assert "?[2K" in out  # the escape is shown, made harmless
    (row,) = [line for line in out.splitlines() if line.startswith(ORDER_ID)]
    assert "refused" in row
    assert "1061" in row
    assert code == cli.EXIT_PARTIAL


# -- a18: Ctrl-C ----------------------------------------------------------------------------

INTERRUPTED = {
    "cancel": ("cancel_many", ["cancel", BTC, "--order-id", "1"]),
    "cancel-all": ("cancel_all", ["cancel-all", BTC]),
    "panic": ("panic", ["panic", BTC, "--deadline", "1"]),
}


def _ok_to_everything(request: RawRequest) -> bytes:
    if "openorders" in request.path:
        data = {"orders": [], "total_page": 1, "current_page": 1, "total_size": 0}
        return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()
    body = {"status": "ok", "data": {"successes": "1", "errors": []}, "ts": 1}
    return json.dumps(body).encode()


@pytest.mark.timeout(30)
@pytest.mark.parametrize("command", list(INTERRUPTED))
def test_a18_ctrl_c_inside_a_call_says_sent_requests_may_have_reached_htx(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    method, argv = INTERRUPTED[command]
    real = getattr(SwapClient, method)

    def interrupted(self: SwapClient, *args: Any, **kwargs: Any) -> Any:
        real(self, *args, **kwargs)  # the requests went out and were answered...
        raise KeyboardInterrupt  # ...and Ctrl-C came before the result was shown

    monkeypatch.setattr(SwapClient, method, interrupted)
    with RawServer(json_answers(_ok_to_everything)) as server:
        try:
            code = cli.main([*argv, "--base-url", server.url])
        except KeyboardInterrupt:
            pytest.fail("Ctrl-C escaped htx_swap.cli.main as a traceback")
        assert server.requests  # something was sent before the interrupt
    captured = capsys.readouterr()
    assert code == cli.EXIT_INTERRUPTED == 130
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "may have reached HTX" in lines[0]
    assert "Traceback" not in captured.out + captured.err


@pytest.mark.timeout(30)
def test_ctrl_c_with_json_still_prints_one_document(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: SwapClient, *args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(SwapClient, "cancel_many", interrupted)
    with RawServer(json_answers(_ok_to_everything)) as server:
        argv = ["cancel", BTC, "--order-id", "1", "--json", "--base-url", server.url]
        code, out, err = _run(capsys, *argv)
    (document,) = _json_lines(out)
    assert document["command"] == "cancel"
    assert document["exit_code"] == code == cli.EXIT_INTERRUPTED
    assert document["error"]["type"] == "KeyboardInterrupt"
    assert document["error"]["may_have_reached"] is True
    assert "may have reached HTX" in err


# -- a24: turning the switch off failed -----------------------------------------------------


def _arm_once_then_drop(conn: RawConnection) -> None:
    while conn.read_request() is not None:
        if conn.index > 1:  # every later connection: the request is dropped unanswered
            return
        now = int(time.time() * 1000)
        data = {"current_time": now, "trigger_time": now + 30000}
        body = {"code": 200, "msg": "", "data": data, "ts": now}
        conn.send(http_response(200, json.dumps(body).encode(), {"Connection": "close"}))
        return


@pytest.mark.timeout(30)
def test_a24_dead_man_switch_that_cannot_be_turned_off_says_it_may_be_armed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with RawServer(_arm_once_then_drop) as server:
        argv = ["dead-man-switch", "--timeout", "30", "--duration", "1", "--base-url"]
        code, out, _ = _run(capsys, *argv, server.url, "--request-timeout", "1")
        bodies = [json.loads(request.body) for request in server.requests]
    assert bodies[0]["on_off"] == 1
    assert any(body["on_off"] == 0 for body in bodies[1:])  # turning it off was tried
    assert "may still be ARMED" in out, out
    assert f"Turn it off: htx-swap dead-man-switch --off --base-url {server.url}" in out
    assert code == cli.EXIT_ERROR


# -- a13: panic with an unreadable open order ----------------------------------------------

UNREADABLE = {  # every field HTX sends but "direction"
    "symbol": "BTC",
    "contract_code": BTC,
    "volume": 1,
    "price": 30000,
    "order_price_type": "limit",
    "offset": "open",
    "lever_rate": 5,
    "order_id": int(ORDER_ID),
    "order_id_str": ORDER_ID,
    "client_order_id": None,
    "created_at": 1,
    "trade_volume": 0,
    "status": 3,
    "order_type": 1,
    "order_source": "api",
}


def unreadable_book(request: RawRequest) -> bytes:
    """Open limit orders list one the SDK cannot read; every cancel-all finds nothing."""
    if "openorders" in request.path:
        orders = [UNREADABLE] if request.path.endswith("/swap_openorders") else []
        data = {"orders": orders, "total_page": 1, "current_page": 1, "total_size": len(orders)}
        return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()
    body = {"status": "error", "err_code": 1051, "err_msg": "No cancellable orders.", "ts": 1}
    return json.dumps(body).encode()


@pytest.mark.timeout(30)
@pytest.mark.parametrize("as_json", [False, True], ids=["table", "json"])
def test_a13_cli_panic_with_an_unreadable_open_order_is_not_clean(
    as_json: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    with RawServer(json_answers(unreadable_book)) as server:
        argv = ["panic", BTC, "--base-url", server.url, "--deadline", "1"]
        code, out, _ = _run(capsys, *argv, *(["--json"] if as_json else []))
    if as_json:
        assert json.loads(out)["clean"] is False
    else:
        assert "NOT CLEAN" in out
        assert "CLEAN:" not in out
    assert code != cli.EXIT_OK


# -- a28: panic without contracts cannot prove the account clean ---------------------------


@pytest.mark.timeout(30)
def test_a28_cli_panic_without_contracts_on_an_empty_account_is_not_called_clean(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "panic", "--base-url", ex.url, "--deadline", "2")
    assert "CLEAN:" not in out
    assert "cannot be proven clean" in out
    assert code != cli.EXIT_OK
    named, out, _ = _run(capsys, "panic", BTC, "--base-url", ex.url, "--deadline", "2")
    assert "CLEAN:" in out  # with the contract named, an empty account is clean
    assert named == cli.EXIT_OK
