"""The README walked as a new user who only has pip: a fresh venv outside the repository, the
built wheel installed with the ``mock`` extra as the README's Install section says, then the
README's fixture example and its command lines against ``htx-swap-mock``.

Offline: dependencies come from wheels repacked from this venv (``--no-index``), and pip runs
``--isolated`` so this machine's pip configuration (extra indexes, find-links) plays no part.
Slow (a venv and an install: about 15 s), so marked; ``make test`` runs it.
"""

from __future__ import annotations

import os
import queue
import re
import shlex
import signal
import subprocess
import threading
import venv
from pathlib import Path
from typing import IO

import pytest

from tests.onboarding.wheelhouse import ROOT, wheelhouse

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]

README = (ROOT / "README.md").read_text(encoding="utf-8")
DEADLINE = 30.0


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def _commands(block: str) -> list[str]:
    lines = [line.split("  #")[0].strip() for line in block.splitlines()]
    return [line for line in lines if line]


def _pump(stream: IO[str], lines: queue.Queue[str]) -> None:
    for line in stream:
        lines.put(line.rstrip("\n"))


@pytest.fixture(scope="module")
def user(
    tmp_path_factory: pytest.TempPathFactory, built_wheel: Path
) -> tuple[Path, dict[str, str]]:
    """A fresh venv with the wheel installed as the README says; returns (workdir, env)."""
    home = tmp_path_factory.mktemp("new-user")
    dist = home / "dist"
    dist.mkdir()
    (dist / built_wheel.name).write_bytes(built_wheel.read_bytes())
    wheels = home / "wheels"
    wheelhouse(wheels, ["htx-swap-sdk[mock]", "pytest"])
    venv.create(home / "venv", with_pip=True)
    bin_dir = home / "venv" / "bin"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV", "HTX_"))
    }
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    [line] = [c for b in _blocks(_section("Install"), "sh") for c in _commands(b) if "dist/" in c]
    make_dist, pip_install = line.split(" && ")
    assert make_dist == "make dist"
    words = shlex.split(pip_install)
    assert words[:2] == ["pip", "install"]
    assert words[2] == f"dist/{built_wheel.name}[mock]", "README names another wheel"
    offline = ["--isolated", "--no-index", "--find-links", str(wheels), "--quiet"]
    subprocess.run(
        [bin_dir / "python", "-m", *words, *offline, "pytest"],
        cwd=home,
        env=env,
        check=True,
        timeout=120,
    )
    return home, env


def test_the_installed_package_is_the_wheel_not_the_checkout(
    user: tuple[Path, dict[str, str]],
) -> None:
    home, env = user
    code = "import htx_swap, htx_swap_mock, htx_swap_client; print(htx_swap.__file__)"
    where = subprocess.run(
        [home / "venv/bin/python", "-c", code],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(home / "venv"))
    assert str(ROOT) not in where
    for command in ("htx-swap", "htx-swap-mock"):
        shown = subprocess.run(
            [command, "--version"], cwd=home, env=env, capture_output=True, text=True, check=True
        )
        assert re.fullmatch(rf"{command} \d+\.\d+\.\d+\S*\n", shown.stdout)


def test_the_readme_fixture_example_passes(user: tuple[Path, dict[str, str]]) -> None:
    home, env = user
    section = _section("Test your own code offline: the local exchange")
    [example] = [b for b in _blocks(section, "python") if "htx_exchange" in b]
    (home / "test_readme_example.py").write_text(example, encoding="utf-8")
    run = subprocess.run(
        [
            home / "venv/bin/python",
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "test_readme_example.py",
        ],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=DEADLINE,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 passed" in run.stdout


def test_the_readme_command_lines_against_the_local_exchange(
    user: tuple[Path, dict[str, str]],
) -> None:
    home, env = user
    start_block, paste_block = _blocks(_section("Install"), "sh")[1:3]
    [start] = _commands(start_block)
    pasted = _commands(paste_block)
    # Port 0 rather than the README's default 8080, which may be taken on a shared machine.
    with subprocess.Popen(
        [*shlex.split(start), "--port", "0"],
        cwd=home,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        lines: queue.Queue[str] = queue.Queue()
        reader = threading.Thread(target=_pump, args=(process.stderr, lines))
        reader.start()
        try:
            url = process.stdout.readline().strip()
            seen: list[str] = []
            while not seen or seen[-1] != "stop with Ctrl-C":
                seen.append(lines.get(timeout=DEADLINE))
            printed = seen[
                seen.index("to cancel an open demo order, paste into another shell:") + 1 : -1
            ]
            assert printed == [line.replace("http://127.0.0.1:8080", url) for line in pasted]
            # What misses the local exchange meets a dead loopback proxy, never HTX.
            guarded = {**env, "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}
            run = subprocess.run(
                ["/bin/sh", "-c", "\n".join(printed)],
                cwd=home,
                env=guarded,
                capture_output=True,
                text=True,
                timeout=DEADLINE,
                check=False,
            )
            assert run.returncode == 0, run.stderr
            assert "1 accepted for cancel, 0 refused" in run.stdout
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(DEADLINE)
            reader.join(DEADLINE)
    assert process.returncode == 0
