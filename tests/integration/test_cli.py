"""The ``htx-swap`` CLI against the local exchange: output (table and ``--json``), each exit code,
credentials from the environment, TLS with ``--ca-cert``, and a secret that never shows.

Most runs call ``htx_swap.cli.main(argv)`` in-process; one runs the installed console script in
a subprocess, end to end. Every in-process run goes through ``run_cli``, which asserts that the
secret key appears in neither stdout nor stderr.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from htx_swap import SwapClient, cli
from htx_swap_mock import AuthFailure, MockExchange, OrderState

ACCESS_KEY = "cli-access-key"
SECRET_KEY = "cli-canary-secret-7f3e9a"  # searched for in every output
WRONG_SECRET = "cli-wrong-secret-41d2c8"
CREDENTIALS = {ACCESS_KEY: SECRET_KEY}
BTC = "BTC-USD"
BIG = "768503271974985728"
FOOTER = "accepted means HTX took the cancel; check the order's final state to be sure"


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Run:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    for secret in (SECRET_KEY, WRONG_SECRET):
        assert secret not in captured.out
        assert secret not in captured.err
    return Run(code, captured.out, captured.err)


@pytest.fixture(scope="module")
def shared_exchange() -> Iterator[MockExchange]:
    with MockExchange(credentials=CREDENTIALS) as exchange:
        yield exchange


@pytest.fixture
def ex(shared_exchange: MockExchange) -> MockExchange:
    shared_exchange.reset()
    return shared_exchange


@pytest.fixture(autouse=True)
def credentials_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTX_ACCESS_KEY", ACCESS_KEY)
    monkeypatch.setenv("HTX_SECRET_KEY", SECRET_KEY)


@pytest.fixture
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's client with its real retry count but a short backoff, for failing transports."""
    quick = functools.partial(SwapClient, backoff_initial=0.001, backoff_max=0.002)
    monkeypatch.setattr(cli, "SwapClient", quick)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # closed again: connecting to it is refused


# -- output -----------------------------------------------------------------------------------


def test_full_success_prints_a_table_and_exits_0(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    ex.add_order(BTC, BIG)
    ex.add_order(BTC, 5)
    run = run_cli(capsys, "cancel", BTC, "--order-id", f"{BIG},5", "--base-url", ex.url)
    assert run.code == cli.EXIT_OK == 0
    assert run.out == "\n".join(
        [
            "ORDER ID            RESULT    CODE  MESSAGE",
            f"{BIG}  accepted",
            "5                   accepted",
            "2 accepted for cancel, 0 refused",
            FOOTER,
            "",
        ]
    )
    assert run.err == ""
    assert ex.order_state(BTC, BIG) is OrderState.CANCELLED
    assert ex.received[0].header("host") == f"127.0.0.1:{ex.port}"  # --base-url was used


def test_per_order_refusals_print_each_code_and_exit_1(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    ex.add_order(BTC, BIG)
    ex.add_order(BTC, 5, state=OrderState.FILLED)
    run = run_cli(capsys, "cancel", BTC, "--order-id", f"{BIG},5,6", "--base-url", ex.url)
    assert run.code == cli.EXIT_PARTIAL == 1
    assert run.out == "\n".join(
        [
            "ORDER ID            RESULT    CODE  MESSAGE",
            f"{BIG}  accepted",
            "5                   refused   1063  already filled (HTX: The order has been executed.)",  # noqa: E501
            "6                   refused   1061  no such order (HTX: This order doesnt exist.)",
            "1 accepted for cancel, 2 refused",
            FOOTER,
            "",
        ]
    )


def test_json_output_keeps_ids_as_strings_across_chunks(
    ex: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = [str(2**53 + n) for n in range(1, 13)]  # 12 ids above 2**53: two requests
    for order_id in ids[:11]:
        ex.add_order(BTC, order_id)
    run = run_cli(
        capsys, "cancel", BTC, "--order-id", ",".join(ids), "--base-url", ex.url, "--json"
    )
    assert run.code == cli.EXIT_PARTIAL
    answer = json.loads(run.out)
    assert answer["successes"] == ids[:11]
    assert answer["orders"][11] == {
        "id": ids[11],
        "state": "refused",
        "err_code": 1061,
        "err_msg": "This order doesnt exist.",
        "meaning": "no such order",
        "may_have_reached": False,
    }
    assert [order["state"] for order in answer["orders"][:11]] == ["accepted"] * 11
    assert answer["inferred_successes"] == []
    assert answer["attempts"] == 2
    assert type(answer["ts"]) is int
    assert answer["ts"] <= ex.server_time_ms()
    assert [record.json() for record in ex.received] == [
        {"order_id": ",".join(ids[:10]), "contract_code": BTC},
        {"order_id": ",".join(ids[10:]), "contract_code": BTC},
    ]


def test_client_order_ids(ex: MockExchange, capsys: pytest.CaptureFixture[str]) -> None:
    ex.add_order(BTC, 101, client_order_id=9001)
    run = run_cli(
        capsys,
        "cancel",
        "btc-usd",
        "--client-order-id",
        "9001,9002",
        "--base-url",
        ex.url,
        "--json",
    )
    assert run.code == cli.EXIT_PARTIAL
    answer = json.loads(run.out)
    assert answer["successes"] == ["9001"]
    assert answer["id_field"] == "client_order_id"
    assert [(o["id"], o["state"], o["err_code"]) for o in answer["orders"]] == [
        ("9001", "accepted", None),
        ("9002", "refused", 1061),
    ]
    assert '"order_id"' not in run.out  # a client order id is never called an order id
    assert ex.received[0].json() == {"client_order_id": "9001,9002", "contract_code": "btc-usd"}
    assert ex.order_state(BTC, 101) is OrderState.CANCELLED


def test_help_names_the_default_base_url_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "cancel", "--help")
    assert run.code == cli.EXIT_OK
    assert "else https://api.hbdm.com" in " ".join(run.out.split())


# -- failures and their exit codes ------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["BTC-USD", "--order-id", "abc"], "htx-swap: bad input: order_ids[0]: 'abc' is not"),
        (["BTC-USD", "--order-id", "1,1"], "htx-swap: bad input: order_ids: id 1 appears more"),
        (["BTC-USD", "--order-id", str(2**63)], "htx-swap: bad input: order_ids[0]:"),
        (["BTC USD", "--order-id", "1"], "htx-swap: bad input: contract_code: 'BTC USD'"),
        (["BTC-USD", "--order-id", "1", "--client-order-id", "2"], "not allowed with argument"),
        (["BTC-USD"], "one of the arguments --order-id --client-order-id is required"),
        (["BTC-USD", "--order-id", "1", "--timeout", "0"], "htx-swap: bad input: timeout:"),
    ],
    ids=["not-an-id", "repeated", "above-2**63-1", "contract", "both", "none", "timeout"],
)
def test_bad_input_exits_2_before_any_request(
    ex: MockExchange, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    run = run_cli(capsys, "cancel", *args, "--base-url", ex.url)
    assert run.code == cli.EXIT_BAD_INPUT == 2
    assert message in run.err
    assert run.out == ""
    assert ex.received == []


def test_a_plain_http_base_url_off_loopback_is_bad_input(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(capsys, "cancel", BTC, "--order-id", "1", "--base-url", "http://example.com")
    assert run.code == cli.EXIT_BAD_INPUT
    assert "htx-swap: bad input: base_url: 'http://example.com' is plain http" in run.err


@pytest.mark.parametrize(
    ("unset", "empty", "named"),
    [
        (
            ["HTX_ACCESS_KEY", "HTX_SECRET_KEY"],
            [],
            "HTX_ACCESS_KEY and HTX_SECRET_KEY: are not set in the environment (or are empty)",
        ),
        (["HTX_SECRET_KEY"], [], "HTX_SECRET_KEY: is not set in the environment (or is empty)"),
        (["HTX_ACCESS_KEY"], [], "HTX_ACCESS_KEY: is not set in the environment (or is empty)"),
        ([], ["HTX_SECRET_KEY"], "HTX_SECRET_KEY: is not set in the environment (or is empty)"),
    ],
    ids=["both", "secret", "access", "empty-secret"],
)
def test_missing_credentials_are_named_and_exit_2(
    ex: MockExchange,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    unset: list[str],
    empty: list[str],
    named: str,
) -> None:
    for name in unset:
        monkeypatch.delenv(name)
    for name in empty:
        monkeypatch.setenv(name, "")
    run = run_cli(capsys, "cancel", BTC, "--order-id", "1", "--base-url", ex.url)
    assert run.code == cli.EXIT_BAD_INPUT
    assert run.err == f"htx-swap: bad input: {named}\n"
    assert ex.received == []


@pytest.mark.usefixtures("quick_retries")
def test_a_refused_connection_exits_4(capsys: pytest.CaptureFixture[str]) -> None:
    base_url = f"http://127.0.0.1:{closed_port()}"
    run = run_cli(capsys, "cancel", BTC, "--order-id", "1,2", "--base-url", base_url)
    assert run.code == cli.EXIT_ERROR == 4
    lines = run.out.splitlines()
    assert lines[0] == "ORDER ID  RESULT    CODE  MESSAGE"
    for line, order_id in zip(lines[1:3], ["1", "2"], strict=True):
        # never sent (no connection): certain, and not "refused" (HTX refused nothing)
        assert line.startswith(f"{order_id}         not_sent        APIConnectionError: POST ")
        assert "Connection refused" in line
        assert "AccessKeyId=***" in line
        assert "Signature=***" in line
    assert lines[3] == "0 accepted for cancel, 0 refused, 2 not sent"


def test_a_wrong_secret_exits_3_after_one_request(
    ex: MockExchange, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTX_SECRET_KEY", WRONG_SECRET)
    ex.add_order(BTC, BIG)
    run = run_cli(capsys, "cancel", BTC, "--order-id", BIG, "--base-url", ex.url)
    assert run.code == cli.EXIT_AUTH == 3
    # HTX refused the request as a whole: refused, with HTX's own code
    assert f"{BIG}  refused  api-signature-not-valid  AuthenticationError: HTX error" in (run.out)
    assert "Verification failure" in run.out
    assert len(ex.received) == 1  # never retried
    assert ex.received[0].auth_failure is AuthFailure.BAD_SIGNATURE
    assert ex.order_state(BTC, BIG) is OrderState.OPEN


# -- TLS --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_exchange() -> Iterator[MockExchange]:
    with MockExchange(credentials=CREDENTIALS, tls=True) as exchange:
        yield exchange


def test_ca_cert_trusts_a_tls_exchange(
    tls_exchange: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    tls_exchange.reset()
    tls_exchange.add_order(BTC, BIG)
    base_url = tls_exchange.url
    assert base_url.startswith("https://127.0.0.1:")
    args = ["cancel", BTC, "--order-id", BIG, "--base-url", base_url, "--json"]
    run = run_cli(capsys, *args, "--ca-cert", tls_exchange.ca_cert_pem_path)
    assert run.code == cli.EXIT_OK
    assert json.loads(run.out)["successes"] == [BIG]
    assert tls_exchange.received[0].signature_valid


@pytest.mark.usefixtures("quick_retries")
def test_without_ca_cert_the_tls_exchange_is_not_trusted(
    tls_exchange: MockExchange, capsys: pytest.CaptureFixture[str]
) -> None:
    tls_exchange.reset()
    run = run_cli(capsys, "cancel", BTC, "--order-id", "1", "--base-url", tls_exchange.url)
    assert run.code == cli.EXIT_ERROR
    assert "CERTIFICATE_VERIFY_FAILED" in run.out
    assert tls_exchange.received == []


# -- the installed console script, end to end -------------------------------------------------


def console_script() -> Path:
    beside_python = Path(sys.executable).parent / "htx-swap"
    found = beside_python if beside_python.exists() else shutil.which("htx-swap")
    assert found is not None, "the htx-swap console script is not installed"
    return Path(found)


def test_the_installed_console_script(ex: MockExchange) -> None:
    ex.add_order(BTC, BIG)
    env = {name: value for name, value in os.environ.items() if not name.startswith("HTX_")}
    env |= {"HTX_ACCESS_KEY": ACCESS_KEY, "HTX_SECRET_KEY": SECRET_KEY}
    argv = [str(console_script()), "cancel", "btc-usd", "--order-id", BIG, "--base-url", ex.url]
    done = subprocess.run(
        [*argv, "--json"], env=env, capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["successes"] == [BIG]
    assert done.stderr == ""
    assert SECRET_KEY not in done.stdout + done.stderr
    assert len(ex.received) == 1
    assert ex.received[0].signature_valid
    assert ex.order_state(BTC, BIG) is OrderState.CANCELLED
