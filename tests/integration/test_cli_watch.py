"""``htx-swap watch`` (issue 23): order updates as lines until Ctrl-C, a line at every gap,
the last JSON document checked against the schema; ``cancel --confirm`` confirms from the push.
Run as a real process, so Ctrl-C is a real SIGINT."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from htx_swap.cli import EXIT_AUTH, EXIT_OK, main
from htx_swap_mock import MockExchange

from tests.integration.test_cli_process import ACCESS, SCHEMA, SECRET, _command, _env

CONTRACT = "BTC-USD"
ABOVE_2_53 = 9223372036854775807


@pytest.fixture(scope="module")
def shared() -> Iterator[MockExchange]:
    with MockExchange(credentials={ACCESS: SECRET}, rate_limit=None) as exchange:
        yield exchange


@pytest.fixture
def ex(shared: MockExchange) -> MockExchange:
    shared.reset()
    return shared


def _wait_for(condition: Any, seconds: float = 20.0) -> None:
    give_up = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < give_up, "timed out"
        time.sleep(0.02)


class _Watch:
    """``htx-swap watch`` as a process; its stdout lines collected as they come."""

    def __init__(self, ex: MockExchange, *argv: str) -> None:
        self.process = subprocess.Popen(
            _command("watch", CONTRACT, "--base-url", ex.url, *argv),
            env=_env({"PYTHONUNBUFFERED": "1"}),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_lines(self, count: int) -> None:
        _wait_for(lambda: len(self.lines) >= count)

    def interrupt(self) -> tuple[int, str]:
        """Ctrl-C; the exit code and stderr."""
        self.process.send_signal(signal.SIGINT)
        code = self.process.wait(timeout=30)
        self._reader.join(5.0)  # stdout read to its end by the reader alone
        assert self.process.stdout is not None
        assert self.process.stderr is not None
        err = self.process.stderr.read()
        self.process.stdout.close()
        self.process.stderr.close()
        return code, err


def _subscribed(ex: MockExchange, besides: list[Any] | None = None) -> bool:
    """Whether a push connection (none of ``besides``: told apart by their client address,
    since each ``connections()`` call gives new snapshots) has subscribed."""
    old = {o.client for o in besides or []}
    return any(c.topics and c.client not in old for c in ex.push.connections())


@pytest.mark.timeout(60)
def test_watch_json_prints_updates_and_gaps_then_ctrl_c_ends_it_cleanly(ex: MockExchange) -> None:
    watch = _Watch(ex, "--json")
    _wait_for(lambda: _subscribed(ex))
    ex.add_order(CONTRACT, ABOVE_2_53)
    watch.wait_lines(1)
    dropped = ex.push.connections()
    ex.push.drop_connections()  # a gap: the watch says so, reconnects, and goes on
    watch.wait_lines(2)
    # subscribed again on a new connection (the dropped one may still be listed a moment:
    # an update sent there is lost, as the gap line said)
    _wait_for(lambda: _subscribed(ex, besides=dropped))
    ex.add_order(CONTRACT, 12)
    watch.wait_lines(3)
    code, err = watch.interrupt()
    assert code == EXIT_OK, err
    assert "Traceback" not in err
    assert SECRET not in "".join(watch.lines) + err
    lines = [json.loads(line) for line in watch.lines]
    *stream, last = lines
    assert [next(iter(line)) for line in stream] == ["update", "gap", "update"]
    assert stream[0]["update"]["order_id"] == str(ABOVE_2_53)  # exact, a string
    assert stream[1]["gap"]["reason"] == "reconnect"
    assert stream[2]["update"]["order_id"] == "12"
    jsonschema.validate(last, SCHEMA)
    assert (last["command"], last["updates"], last["gaps"]) == ("watch", 2, 1)
    assert not ex.push.connections() or _closed_soon(ex)


def _closed_soon(ex: MockExchange) -> bool:
    _wait_for(lambda: not ex.push.connections(), 5.0)
    return True


@pytest.mark.timeout(60)
def test_watch_text_says_so_at_every_gap(ex: MockExchange) -> None:
    watch = _Watch(ex)
    watch.wait_lines(1)
    _wait_for(lambda: _subscribed(ex))
    ex.push.send_malformed("not_gzip")
    watch.wait_lines(2)
    code, err = watch.interrupt()
    assert code == EXIT_OK, err
    lines = watch.lines
    assert lines[0] == "watching orders.BTC-USD (Ctrl-C to stop)"
    assert lines[1].startswith("GAP: the connection was lost; reconnecting (PushFrameError")
    assert "updates may be missing here" in lines[1]
    assert lines[-1] == "stopped: 0 updates, 1 gaps"


def test_watch_with_a_refused_auth_exits_3_and_never_retries(ex: MockExchange) -> None:
    ex.push.refuse_auth = 2003
    out, err = io.StringIO(), io.StringIO()
    argv = ["watch", CONTRACT, "--base-url", ex.url, "--json"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HTX_ACCESS_KEY", ACCESS)
        patch.setenv("HTX_SECRET_KEY", SECRET)
        code = main(argv, out=out, err=err)
    assert code == EXIT_AUTH
    found = json.loads(out.getvalue())
    jsonschema.validate(found, SCHEMA)
    assert found["error"]["type"] == "PushAuthRefusedError"
    assert "authentication refused" in err.getvalue()


def test_cancel_confirm_confirms_from_the_push(ex: MockExchange) -> None:
    ex.cancel_delay = 0.05
    ex.add_order(CONTRACT, ABOVE_2_53, state="partially_filled", trade_volume=3)
    out, err = io.StringIO(), io.StringIO()
    argv = ["cancel", CONTRACT, "--base-url", ex.url, "--order-id", str(ABOVE_2_53)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HTX_ACCESS_KEY", ACCESS)
        patch.setenv("HTX_SECRET_KEY", SECRET)
        code = main([*argv, "--confirm", "--json"], out=out, err=err)
    assert code == EXIT_OK, err.getvalue()
    found = json.loads(out.getvalue())
    jsonschema.validate(found, SCHEMA)
    assert (found["via"], found["reads"]) == ("push", 0)
    assert found["cancelled"] == [str(ABOVE_2_53)]
    (entry,) = found["orders"]
    assert entry["order"] == {
        "status": 5,
        "state": "partially_filled_cancelled",
        "volume": "10",
        "trade_volume": "3",
    }
    assert not any(r.path.endswith("swap_order_info") for r in ex.received)


def test_cancel_confirm_with_ca_cert_polls(ex: MockExchange, tmp_path: Any) -> None:
    ex.add_order(CONTRACT, 77)
    ca = tmp_path / "ca.pem"
    import trustme

    ca.write_bytes(trustme.CA().cert_pem.bytes())  # any CA: the exchange is plain http here
    out, err = io.StringIO(), io.StringIO()
    argv = ["cancel", CONTRACT, "--base-url", ex.url, "--order-id", "77", "--ca-cert", str(ca)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HTX_ACCESS_KEY", ACCESS)
        patch.setenv("HTX_SECRET_KEY", SECRET)
        code = main([*argv, "--confirm", "--json"], out=out, err=err)
    assert code == EXIT_OK, err.getvalue()
    found = json.loads(out.getvalue())
    assert found["via"] == "poll"
    assert found["reads"] >= 1
