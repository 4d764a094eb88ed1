"""``htx-swap-mock`` as a user runs it: a process that prints its URL and stops on a signal."""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import socket
import ssl
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from htx_swap_mock import MockExchange
from htx_swap_mock.cli import DEMO_CONTRACT, DEMO_ORDERS, main, seed_demo

from tests.mock_exchange.helpers import cancel, order_info, utc_timestamp

DEADLINE = 15.0


def _read_line(process: subprocess.Popen[str], timeout: float = DEADLINE) -> str:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            raise AssertionError("the exchange printed no URL in time")
    return process.stdout.readline().strip()


@contextmanager
def _running(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    command = [sys.executable, "-m", "htx_swap_mock.cli", "--port", "0", *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as process:
        try:
            yield process, _read_line(process)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(DEADLINE)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_prints_url_serves_and_stops_on_signal(sig: signal.Signals) -> None:
    with _running("--access-key", "cli-key", "--secret-key", "cli-secret", "--seed-demo") as (
        process,
        url,
    ):
        assert url.startswith("http://127.0.0.1:")
        open_id = DEMO_ORDERS[0][0]
        with httpx.Client(base_url=url, timeout=5.0) as client:
            body = {"order_id": open_id, "contract_code": "btc-usd"}
            response = cancel(client, "cli-key", "cli-secret", body)
        assert json.loads(response.content)["data"]["successes"] == open_id
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=DEADLINE)
        assert process.returncode == 0
        assert "stopped" in stderr
        assert f"seeded BTC-USD order_id={open_id}" in stderr
        assert "POST /swap-api" not in stderr  # requests are logged only when asked


def test_tls_writes_the_ca(tmp_path: Path) -> None:
    ca_file = tmp_path / "ca.pem"
    with _running("--tls", "--ca-cert-out", str(ca_file)) as (process, url):
        assert url.startswith("https://127.0.0.1:")
        context = ssl.create_default_context(cafile=str(ca_file))
        with httpx.Client(verify=context) as client:
            assert client.get(f"{url}/api/v1/timestamp").status_code == 200
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=DEADLINE)
        assert process.returncode == 0


def test_bad_arguments() -> None:
    assert main(["--ca-cert-out", "x.pem"]) == 2
    assert main(["--cancel-delay", "-1"]) == 2
    with pytest.raises(SystemExit) as exited:
        main(["--port", "not-a-port"])
    assert exited.value.code == 2


def test_port_in_use_suggests_port_0() -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "htx_swap_mock.cli", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=DEADLINE,
            check=False,
        )
    assert run.returncode == 1
    assert run.stdout == ""  # no URL: a script reading it sees nothing started
    assert f"cannot start on 127.0.0.1:{port}" in run.stderr
    assert "use --port 0 for a free port" in run.stderr


def test_log_requests_says_what_each_request_got_and_why() -> None:
    """One line per request on stderr: method, path, HTTP status and HTX's code, and the
    signature check's verdict; never the secret nor a Signature sent."""
    open_id, filled_id = DEMO_ORDERS[0].order_id, DEMO_ORDERS[5].order_id
    assert DEMO_ORDERS[5].state == "filled"
    args = ("--access-key", "cli-key", "--secret-key", "cli-secret", "--seed-demo")
    with _running(*args, "--log-requests") as (process, url):
        body = {"order_id": f"{open_id},{filled_id}", "contract_code": DEMO_CONTRACT}
        with httpx.Client(base_url=url, timeout=5.0) as client:
            sent = [
                cancel(client, "cli-key", "cli-secret", body),
                cancel(client, "cli-key", "a-wrong-secret", body),
                cancel(client, "someone-elses-key", "cli-secret", body),
                cancel(client, "cli-key", "cli-secret", body, timestamp=utc_timestamp(1e9)),
                client.get("/api/v1/timestamp"),
            ]
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=DEADLINE)
    assert process.returncode == 0
    logged = [line for line in stderr.splitlines() if line.startswith(("POST ", "GET "))]
    host = url.removeprefix("http://")
    cancel_line = "POST /swap-api/v1/swap_cancel -> HTTP 200"
    refused = "err-code api-signature-not-valid Signature not valid:"
    assert logged[0] == (
        f"{cancel_line} ok: 1 accepted, 1 refused ({filled_id} 1063) | signature ok"
    )
    assert logged[1].startswith(f"{cancel_line} {refused} Verification failure")
    assert logged[1].endswith(
        "| signature refused: bad_signature; the exchange signed "
        f"'POST\\n{host}\\n/swap-api/v1/swap_cancel\\nAccessKeyId=cli-key&SignatureMethod="
        "HmacSHA256&SignatureVersion=2&Timestamp="
        + sent[1].request.url.params["Timestamp"].replace(":", "%3A")
        + "'"
    )
    assert logged[2].startswith(f"{cancel_line} {refused} Incorrect Access key")
    assert logged[2].endswith(
        "| signature refused: unknown_access_key (this exchange knows: cli-key)"
    )
    assert logged[3].startswith(f"{cancel_line} err_code 12001 ")
    assert re.search(
        r"\| signature ok, timestamp refused: -\d+ s off the exchange's clock$", logged[3]
    )
    assert (
        logged[4]
        == "GET /api/v1/timestamp -> HTTP 200 ok | signature not checked (not a signed endpoint)"
    )
    assert len(logged) == len(sent)
    log_text = "\n".join(logged)
    assert "cli-secret" not in log_text
    for response in sent[:4]:
        signature = response.request.url.params["Signature"]
        assert signature not in stderr


def test_demo_orders_reach_every_final_state(capsys: pytest.CaptureFixture[str]) -> None:
    ids = ",".join(order.order_id for order in DEMO_ORDERS)
    assert all(int(order.order_id) > 2**53 for order in DEMO_ORDERS)
    with MockExchange(rate_limit=None) as ex, httpx.Client(base_url=ex.url) as client:
        seed_demo(ex)
        body = {"order_id": ids, "contract_code": DEMO_CONTRACT}
        cancelled = json.loads(cancel(client, ex.access_key, ex.secret_key, body).content)
        read = json.loads(order_info(client, ex.access_key, ex.secret_key, body).content)
    expected_errors = {o.order_id for o in DEMO_ORDERS if o.state in {"filled", "cancelled"}}
    assert {error["order_id"] for error in cancelled["data"]["errors"]} == expected_errors
    statuses = [order["status"] for order in read["data"]]
    assert statuses == [7, 7, 7, 6, 5, 6, 7]  # DEMO_ORDERS' order
    assert [order["order_id_str"] for order in read["data"]] == ids.split(",")
    assert "on_cancel=fill" in capsys.readouterr().err
