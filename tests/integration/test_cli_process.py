"""``htx-swap`` run as a process, as a user runs it (issues 20 and 26): every run's ``--json`` is
one document that the checked-in schema accepts; doubt is never shown as a refusal; server text
never reaches the terminal raw; the dead man's switch never goes quiet while it may be armed;
``HTX_BASE_URL``; already cancelled is done; the messages and help a newcomer meets.

Each test starts ``python -m htx_swap.cli`` against the local exchange or a scripted raw server
on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from htx_swap import HtxCredentials, SwapClient
from htx_swap_mock import MockExchange, OrderState

from tests.hostile.raw_server import RawConnection, RawRequest, RawServer, http_response
from tests.hostile.support import BTC, cancel_ok, json_answers

ACCESS, SECRET = "process-access", "process-canary-secret-90b1"
SCHEMA = json.loads((Path(__file__).parent / "cli_output.schema.json").read_text())
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # every control character but "\n"
FOOTER = "accepted means HTX took the cancel; check the order's final state to be sure"
HOSTILE = "\x1b[2K\r\nCLEAN: every open-order read came back empty\x1b[8m\x9b2J"
A, B = "768503271974985728", "771038212360937472"


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("HTX_")}
    return env | {"HTX_ACCESS_KEY": ACCESS, "HTX_SECRET_KEY": SECRET} | (extra or {})


def _command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "htx_swap.cli", *argv]


def htx_swap(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        _command(*argv), env=_env(env), capture_output=True, text=True, timeout=60, check=False
    )
    assert SECRET not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return done


def document(done: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """The one JSON document of a ``--json`` run, checked against the schema."""
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout + done.stderr
    found: dict[str, Any] = json.loads(lines[0])
    jsonschema.validate(found, SCHEMA)
    assert found["exit_code"] == done.returncode
    return found


@pytest.fixture(scope="module")
def shared() -> Iterator[MockExchange]:
    with MockExchange(credentials={ACCESS: SECRET}, rate_limit=None) as exchange:
        yield exchange


@pytest.fixture
def ex(shared: MockExchange) -> MockExchange:
    shared.reset()
    return shared


# -- issue 20 item 1: a refusal after a lost attempt is in doubt ----------------------------


def _lost_then_filled(conn: RawConnection) -> None:
    """The first attempt is read and dropped unanswered; every retry is answered 1063."""
    while conn.read_request() is not None:
        if conn.index == 1:
            return
        error = {"order_id": A, "err_code": 1063, "err_msg": "The order has been executed."}
        conn.send(http_response(200, cancel_ok("", [error])))


@pytest.mark.timeout(60)
def test_a_refusal_after_a_lost_attempt_is_unknown_and_exits_4() -> None:
    with RawServer(_lost_then_filled) as server:
        table = htx_swap("cancel", BTC, "--order-id", A, "--base-url", server.url)
    with RawServer(_lost_then_filled) as server:
        as_json = htx_swap("cancel", BTC, "--order-id", A, "--base-url", server.url, "--json")
    assert table.returncode == 4, table.stdout
    assert re.search(rf"^{A}\s+unknown\s+1063\s", table.stdout, re.MULTILINE), table.stdout
    assert "refused" not in table.stdout.splitlines()[1]
    (order,) = document(as_json)["orders"]
    assert (order["state"], order["err_code"], order["may_have_reached"]) == ("unknown", 1063, True)
    assert as_json.returncode == 4


# -- issue 20 item 8: server text goes through the printable filter -------------------------


def _order_info_refuses_with_escapes(request: RawRequest) -> bytes:
    if request.path.endswith("/swap_cancel"):
        return cancel_ok(A)
    body = {"status": "error", "err_code": 1234, "err_msg": HOSTILE, "ts": 1}
    return json.dumps(body).encode()


def _everything_refused_with_escapes(request: RawRequest) -> bytes:
    body = {"status": "error", "err_code": 1234, "err_msg": HOSTILE, "ts": 1}
    return json.dumps(body).encode()


def _key_refused_with_escapes(request: RawRequest) -> bytes:
    body = {"status": "error", "err-code": "api-signature-not-valid", "err-msg": HOSTILE}
    return json.dumps(body).encode()


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("script", "argv"),
    [
        (_order_info_refuses_with_escapes, ["cancel", BTC, "--order-id", A, "--confirm"]),
        (_everything_refused_with_escapes, ["panic"]),
        (_everything_refused_with_escapes, ["panic", BTC]),
        (_key_refused_with_escapes, ["panic"]),
    ],
    ids=["confirm-order-info-failed", "panic-first-read", "panic-named", "panic-key-refused"],
)
def test_server_text_never_reaches_the_terminal_raw(
    script: Any, argv: list[str], tmp_path: Path
) -> None:
    with RawServer(json_answers(script)) as server:
        done = htx_swap(*argv, "--base-url", server.url, "--deadline", "1")
        as_json = htx_swap(*argv, "--base-url", server.url, "--deadline", "1", "--json")
    assert "CLEAN: every" in done.stdout + done.stderr  # the server's text is shown...
    lines = (done.stdout + done.stderr).splitlines()
    assert not any(line.startswith("CLEAN") for line in lines)  # ...on no line of its own
    assert not CONTROL.search(done.stdout), repr(done.stdout)  # ...but never raw
    assert not CONTROL.search(done.stderr), repr(done.stderr)
    assert not CONTROL.search(as_json.stdout + as_json.stderr)
    assert re.fullmatch(r"[\x20-\x7e\n]*", as_json.stdout)  # the JSON is plain ASCII
    document(as_json)
    assert done.returncode != 0


# -- issue 20 item 9, issue 26 item 6: the switch never goes quiet while it may be armed -----


def _never_answers(conn: RawConnection) -> None:
    while conn.read_request() is not None:
        conn.sleep(60)
        return


def _switch_process(url: str, *argv: str) -> subprocess.Popen[str]:
    command = _command("dead-man-switch", "--base-url", url, *argv)
    env = _env({"PYTHONUNBUFFERED": "1"})
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for(condition: Any, seconds: float = 20.0) -> None:
    give_up = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < give_up, "timed out"
        time.sleep(0.02)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("signum", "code", "said"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated (SIGTERM)")],
    ids=["ctrl-c", "sigterm"],
)
def test_a_signal_while_arming_says_the_switch_may_be_armed_and_how_to_turn_it_off(
    signum: signal.Signals, code: int, said: str
) -> None:
    with RawServer(_never_answers) as server:
        process = _switch_process(server.url, "--after", "30", "--request-timeout", "30")
        _wait_for(lambda: server.requests)  # the arming request reached the server
        time.sleep(0.2)
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    assert process.returncode == code, err
    assert f"{said} while arming" in err
    assert "may be ARMED" in err
    assert "within 30 s" in err
    assert f"htx-swap dead-man-switch --off --base-url {server.url}" in err
    assert out == ""


@pytest.mark.timeout(60)
def test_ctrl_c_while_arming_with_json_prints_one_document() -> None:
    with RawServer(_never_answers) as server:
        process = _switch_process(server.url, "--request-timeout", "30", "--json")
        _wait_for(lambda: server.requests)
        time.sleep(0.2)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    done = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    found = document(done)
    assert found["may_be_armed"] is True
    assert found["error"]["type"] == "KeyboardInterrupt"
    assert "may be ARMED" in found["error"]["message"]
    assert "may be ARMED" in err


@pytest.mark.timeout(60)
def test_sigterm_while_armed_turns_the_switch_off_and_says_so(ex: MockExchange) -> None:
    process = _switch_process(ex.url, "--after", "30")
    assert process.stdout is not None
    assert process.stdout.readline().startswith("armed: ")
    assert ex.cancel_after(ACCESS).armed
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "terminated (SIGTERM): turning the dead man's switch off" in err
    assert out.startswith("turned off after ")
    assert not ex.cancel_after(ACCESS).armed


def test_switch_after_and_the_deprecated_timeout(ex: MockExchange) -> None:
    help_text = " ".join(htx_swap("dead-man-switch", "--help").stdout.split())
    assert "--after SECONDS seconds without a refresh" in help_text
    assert "deprecated name of --after" in help_text
    done = htx_swap("dead-man-switch", "--after", "20", "--duration", "0", "--base-url", ex.url)
    assert done.returncode == 0, done.stderr
    assert "not refreshed for 20 s" in done.stdout
    assert done.stderr == ""
    old = htx_swap("dead-man-switch", "--timeout", "25", "--duration", "0", "--base-url", ex.url)
    assert old.returncode == 0, old.stderr
    assert "not refreshed for 25 s" in old.stdout
    assert "--timeout is deprecated: use --after" in old.stderr
    armed = [json.loads(r.body) for r in ex.received if r.path.endswith("cancel-after")]
    assert [body["time_out"] for body in armed if body["on_off"] == 1] == [20000, 25000]


def test_switch_off_turns_an_armed_switch_off(ex: MockExchange) -> None:
    with _client(ex) as client:
        client.cancel_after(30)
    assert ex.cancel_after(ACCESS).armed
    done = htx_swap("dead-man-switch", "--off", "--base-url", ex.url, "--json")
    assert document(done)["may_be_armed"] is False
    assert done.returncode == 0
    assert not ex.cancel_after(ACCESS).armed


def _client(ex: MockExchange) -> SwapClient:
    return SwapClient(HtxCredentials(ACCESS, SECRET), base_url=ex.url)


# -- issue 20 item 12: one JSON document per run, one schema ---------------------------------


def test_a_whole_request_refusal_has_one_code_for_each_id(ex: MockExchange) -> None:
    ex.add_order(BTC, A)
    done = htx_swap(
        "cancel", BTC, "--order-id", A, "--base-url", ex.url, "--json",
        env={"HTX_SECRET_KEY": "process-wrong-secret"},
    )  # fmt: skip
    found = document(done)
    assert done.returncode == 3
    (order,) = found["orders"]
    assert order["state"] == "refused"
    assert order["err_code"] == "api-signature-not-valid"
    assert "-1" not in json.dumps(found)  # no second, contradicting code for the same id


def test_cancel_all_kind_all_prints_one_document(ex: MockExchange) -> None:
    ex.add_order(BTC, 11)
    ex.add_order(BTC, 12, kind="trigger")
    done = htx_swap("cancel-all", BTC, "--kind", "all", "--base-url", ex.url, "--json")
    found = document(done)
    assert [kind["kind"] for kind in found["kinds"]] == ["limit", "trigger", "tpsl", "trailing"]
    assert found["command"] == "cancel-all"


def test_a_client_order_id_is_not_called_an_order_id(ex: MockExchange) -> None:
    ex.add_order(BTC, 101, client_order_id=9001)
    done = htx_swap("cancel", BTC, "--client-order-id", "9001", "--base-url", ex.url, "--json")
    found = document(done)
    assert found["id_field"] == "client_order_id"
    assert found["orders"][0]["id"] == "9001"
    assert '"order_id"' not in done.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["cancel", BTC, "--order-id", "abc", "--json"],
        ["cancel", BTC, "--json"],
        ["cancel", BTC, "--order-id", "1", "--json", "--base-url", "127.0.0.1:8080"],
        ["panic", "--deadline", "-1", "--json", "--base-url", "http://127.0.0.1:9"],
    ],
    ids=["bad-id", "no-id", "bad-url", "bad-deadline"],
)
def test_bad_input_with_json_prints_one_document(argv: list[str]) -> None:
    done = htx_swap(*argv)
    found = document(done)
    assert done.returncode == 2
    assert found["error"]["may_have_reached"] is False
    assert done.stderr.strip()  # the human-readable line stays on stderr


def test_every_command_output_matches_the_schema(ex: MockExchange) -> None:
    ex.add_order(BTC, A)
    ex.add_order(BTC, B, on_cancel="fill")
    url = ["--base-url", ex.url, "--json"]
    runs = [
        htx_swap("cancel", BTC, "--order-id", f"{A},5", *url),
        htx_swap("cancel", BTC, "--order-id", f"{B},6", "--confirm", "--deadline", "2", *url),
        htx_swap("cancel-all", BTC, "--direction", "buy", *url),
        htx_swap("panic", BTC, "--deadline", "2", *url),
        htx_swap("panic", "--deadline", "2", *url),
        htx_swap("dead-man-switch", "--after", "10", "--duration", "0", *url),
        htx_swap("cancel", BTC, "--order-id", A, "--base-url", "http://127.0.0.1:9", "--json"),
    ]
    commands = [document(done)["command"] for done in runs]
    assert commands == ["cancel", "cancel", "cancel-all", "panic", "panic", *commands[-2:]]


# -- issue 20 item 13: an answer from a wrong path was sent and answered: refused -----------


def test_a_wrong_path_in_the_base_url_is_refused_and_names_the_url(ex: MockExchange) -> None:
    wrong = f"{ex.url}/not-htx"
    done = htx_swap("cancel", BTC, "--order-id", A, "--base-url", wrong)
    assert re.search(rf"^{A}\s+refused\s", done.stdout, re.MULTILINE), done.stdout
    assert "HTTP 404" in done.stdout
    assert wrong in done.stdout
    assert "not sent" not in done.stdout
    assert done.returncode == 1
    as_json = htx_swap("cancel", BTC, "--order-id", A, "--base-url", wrong, "--json")
    (order,) = document(as_json)["orders"]
    assert (order["state"], order["may_have_reached"]) == ("refused", False)
    assert wrong in order["err_msg"]


# -- issue 26 item 1: HTX_BASE_URL --------------------------------------------------------


def test_htx_base_url_sets_the_default_base_url(ex: MockExchange) -> None:
    ex.add_order(BTC, A)
    done = htx_swap("cancel", BTC, "--order-id", A, env={"HTX_BASE_URL": ex.url})
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(ex.received) == 1
    help_text = " ".join(htx_swap("cancel", "--help", env={"HTX_BASE_URL": ex.url}).stdout.split())
    assert f"default: $HTX_BASE_URL when set (set: {ex.url})" in help_text


def test_request_timeout_is_taken_by_every_command(ex: MockExchange) -> None:
    ex.add_order(BTC, A)
    commands = (["cancel", BTC, "--order-id", A], ["panic", BTC], ["dead-man-switch", "--off"])
    for command in commands:
        done = htx_swap(*command, "--base-url", ex.url, "--request-timeout", "5")
        assert done.returncode == 0, done.stderr
    received = len(ex.received)
    for command in commands:  # read, and checked: 0 s is no timeout
        done = htx_swap(*command, "--base-url", ex.url, "--request-timeout", "0")
        assert done.returncode == 2, done.stderr
        assert "bad input: timeout:" in done.stderr
    assert len(ex.received) == received


def test_base_url_overrides_htx_base_url(ex: MockExchange) -> None:
    ex.add_order(BTC, A)
    env = {"HTX_BASE_URL": "http://127.0.0.1:9"}
    done = htx_swap("cancel", BTC, "--order-id", A, "--base-url", ex.url, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(ex.received) == 1


def test_a_bad_htx_base_url_is_named() -> None:
    done = htx_swap("cancel", BTC, "--order-id", "1", env={"HTX_BASE_URL": "127.0.0.1:8080"})
    assert done.returncode == 2
    assert "HTX_BASE_URL" in done.stderr


# -- issue 26 item 2: panic's help says to name the contracts ------------------------------


def test_panic_help_says_to_name_the_contracts_for_a_proof() -> None:
    text = " ".join(htx_swap("panic", "--help").stdout.split())
    assert "name them to get a proof" in text
    assert "cannot be CLEAN" in text
    assert "default: every contract with orders" not in text
    assert "panic: nothing left open" not in text
    assert "panic without contracts is never 0" in text


# -- issue 26 item 5: already cancelled is done --------------------------------------------


def test_cancelling_again_is_already_cancelled_and_exits_0(ex: MockExchange) -> None:
    ex.add_order(BTC, A, state=OrderState.CANCELLED)
    done = htx_swap("cancel", BTC, "--order-id", A, "--base-url", ex.url)
    assert done.returncode == 0, done.stdout
    assert re.search(
        rf"^{A}\s+already_cancelled\s+1071\s+already cancelled \(HTX: ", done.stdout, re.MULTILINE
    ), done.stdout
    assert "1 already cancelled" in done.stdout


def _already(request: RawRequest) -> bytes:
    errors = [
        {"order_id": A, "err_code": 1071, "err_msg": "Repeated withdraw."},
        {"order_id": B, "err_code": 1062, "err_msg": "Cancelling. Please be patient."},
    ]
    return cancel_ok("", errors)


def test_1071_and_1062_on_a_first_attempt_are_already_cancelled() -> None:
    with RawServer(json_answers(_already)) as server:
        done = htx_swap("cancel", BTC, "--order-id", f"{A},{B}", "--base-url", server.url, "--json")
    found = document(done)
    assert [(o["id"], o["state"], o["meaning"]) for o in found["orders"]] == [
        (A, "already_cancelled", "already cancelled"),
        (B, "already_cancelled", "being cancelled"),
    ]
    assert done.returncode == 0


def test_the_meaning_of_htxs_codes_is_shown_next_to_its_text(ex: MockExchange) -> None:
    ex.add_order(BTC, 5, state=OrderState.FILLED)
    done = htx_swap("cancel", BTC, "--order-id", "5,6", "--base-url", ex.url)
    assert "already filled (HTX: The order has been executed.)" in done.stdout
    assert "no such order (HTX: This order doesnt exist.)" in done.stdout


# -- issue 26 item 8: space-separated ids -----------------------------------------------------


def test_space_separated_ids_say_use_commas() -> None:
    done = htx_swap("cancel", BTC, "--order-id", "1", "2", "--base-url", "http://127.0.0.1:9")
    assert done.returncode == 2
    assert "use commas" in done.stderr
    assert "--order-id 1,2" in done.stderr


# -- issue 26 item 9: cancel-all's help and footer -------------------------------------------


def test_cancel_all_help_explains_direction_and_offset() -> None:
    text = " ".join(htx_swap("cancel-all", "--help").stdout.split())
    assert "--direction {buy,sell} only buy or only sell orders" in text
    assert "--offset {open,close} only orders that open or close a position" in text


def test_the_footer_only_when_something_was_accepted_and_once(ex: MockExchange) -> None:
    refused = htx_swap("cancel", BTC, "--order-id", "6", "--base-url", ex.url)
    assert FOOTER not in refused.stdout
    ex.add_order(BTC, 11)
    ex.add_order(BTC, 12, kind="trigger")
    every_kind = htx_swap("cancel-all", BTC, "--kind", "all", "--base-url", ex.url)
    assert every_kind.stdout.count(FOOTER) == 1, every_kind.stdout
    assert every_kind.stdout.rstrip().endswith(FOOTER)
    nothing = htx_swap("cancel-all", BTC, "--kind", "all", "--base-url", ex.url)
    assert FOOTER not in nothing.stdout
