"""``htx-swap-mock`` for a first-time user: every default in ``--help``, ``--version``, and a
ready-to-paste block that really cancels an order when pasted into a shell."""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from importlib.metadata import version
from pathlib import Path
from typing import IO

import pytest
from htx_swap import cli as htx_swap_cli
from htx_swap_mock.cli import DEMO_ORDERS, build_parser

DEADLINE = 15.0
BIN = Path(sys.executable).parent


def _help_text() -> str:
    return " ".join(build_parser().format_help().split())


def test_help_shows_every_default() -> None:
    text = _help_text()
    options = [a for a in build_parser()._actions if a.dest not in {"help", "version"}]
    assert len(options) >= 10
    for action in options:
        assert f"(default: {action.default})" in text, action.dest


def test_both_commands_print_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    installed = version("htx-swap-sdk")
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"htx-swap-mock {installed}\n"
    assert htx_swap_cli.main(["--version"]) == 0
    assert capsys.readouterr().out == f"htx-swap {installed}\n"


def test_cancel_help_lists_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert htx_swap_cli.main(["cancel", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "exit codes: 0 every id accepted" in text
    for code in ("1 some refused", "2 bad input", "3 authentication refused", "4 in doubt"):
        assert code in text


def _pump(stream: IO[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line)


def _paste_block(process: subprocess.Popen[str], lines: queue.Queue[str]) -> tuple[str, list[str]]:
    """The URL (stdout's first line) and the lines printed to paste, read as they come."""
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    seen: list[str] = []
    while not seen or seen[-1] != "stop with Ctrl-C":
        seen.append(lines.get(timeout=DEADLINE).rstrip("\n"))
    start = seen.index("to cancel an open demo order, paste into another shell:")
    return url, seen[start + 1 : -1]


@pytest.mark.skipif(shutil.which("htx-swap", path=str(BIN)) is None, reason="not installed")
@pytest.mark.parametrize("tls", [False, True], ids=["http", "tls"])
def test_the_paste_block_cancels_a_demo_order(tls: bool, tmp_path: Path) -> None:
    command = [str(BIN / "htx-swap-mock"), "--port", "0", "--seed-demo"]
    if tls:
        command += ["--tls", "--ca-cert-out", str(tmp_path / "my ca.pem")]
    env = {k: v for k, v in os.environ.items() if not k.startswith("HTX_")}
    env |= {"PYTHONUNBUFFERED": "1", "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}"}
    # Whatever misses the local exchange goes to a dead loopback proxy, never to HTX.
    env |= {"HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as process:
        lines: queue.Queue[str] = queue.Queue()
        stderr = process.stderr
        assert stderr is not None
        reader = threading.Thread(target=_pump, args=(stderr, lines))
        reader.start()
        try:
            url, block = _paste_block(process, lines)
            # HTX_BASE_URL points htx-swap (and the SDK's clients) at this exchange: the
            # command needs no --base-url, and a later one cannot forget it.
            keys = "HTX_ACCESS_KEY=mock-access-key HTX_SECRET_KEY=mock-secret-key"
            assert block[0] == f"export {keys} HTX_BASE_URL={url}"
            expected = f"htx-swap cancel BTC-USD --order-id {DEMO_ORDERS[0].order_id}"
            if tls:
                expected += f" --ca-cert '{tmp_path / 'my ca.pem'}'"
            assert block[1:] == [expected]
            pasted = subprocess.run(
                ["/bin/sh", "-c", "\n".join(block)],
                capture_output=True,
                text=True,
                env=env,
                timeout=DEADLINE,
                check=False,
                cwd=tmp_path,
            )
            assert pasted.returncode == 0, pasted.stderr
            assert re.search(rf"{DEMO_ORDERS[0].order_id}\s+accepted", pasted.stdout)
            assert "1 accepted for cancel, 0 refused" in pasted.stdout
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(DEADLINE)
            reader.join(DEADLINE)  # stderr ends with the process
    assert process.returncode == 0
