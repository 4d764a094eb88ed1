"""The Makefile's bootstrap: a python3 older than 3.11 is refused before anything is installed;
a .venv made by another Python is rebuilt, not reused. Run against a throwaway VENV."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.onboarding.wheelhouse import ROOT

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="needs make")


def _stub_python(path: Path, answer: str) -> Path:
    """An executable that answers every ``python -c ...`` with ``answer``, as an old python3."""
    path.write_text(f"#!/bin/sh\necho '{answer}'\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def _make(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    assert MAKE is not None
    return subprocess.run(
        [MAKE, "--no-print-directory", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("verb", ["demo", "test", "venv", "dist"])
def test_an_old_python_is_refused_before_anything_is_installed(verb: str, tmp_path: Path) -> None:
    old = _stub_python(tmp_path / "python3", "3.10.13 0")
    target = tmp_path / "venv"
    run = _make(verb, f"PYTHON={old}", f"VENV={target}")
    assert run.returncode != 0
    assert "needs Python 3.11 or newer" in run.stderr
    assert "is Python 3.10.13. Nothing was installed." in run.stderr
    assert "PYTHON=python3.11" in run.stderr
    assert not target.exists()


def test_a_missing_python_is_named(tmp_path: Path) -> None:
    run = _make("demo", f"PYTHON={tmp_path / 'no-python'}", f"VENV={tmp_path / 'venv'}")
    assert run.returncode != 0
    assert "cannot run" in run.stderr
    assert "Install Python 3.11 or newer" in run.stderr
    assert not (tmp_path / "venv").exists()


@pytest.mark.slow
def test_a_venv_of_another_python_is_rebuilt(tmp_path: Path) -> None:
    target = tmp_path / "venv"
    (target / "bin").mkdir(parents=True)
    _stub_python(target / "bin" / "python", "3.10.13")  # a .venv left by python 3.10
    (target / "marker").write_text("old", encoding="utf-8")
    found = subprocess.run(
        [sys.executable, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    stamp = target / f".demo-installed-{found}"
    # PIP=: skips the install itself: this is about which interpreter the .venv has.
    run = _make(str(stamp), f"PYTHON={sys.executable}", f"VENV={target}", "PIP=:")
    assert run.returncode == 0, run.stderr
    assert f"was made by Python 3.10.13, {sys.executable} is {found}: rebuilding it" in run.stdout
    assert not (target / "marker").exists()
    rebuilt = subprocess.run(
        [target / "bin" / "python", "-c", "import sys; print(sys.prefix)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert rebuilt.stdout.strip() == str(target)
    assert stamp.exists()
    lines = [line for line in run.stdout.splitlines() if line.endswith(" s")]
    assert lines[0].startswith(f"create {target} with Python {found}")
    again = _make(str(stamp), f"PYTHON={sys.executable}", f"VENV={target}", "PIP=:")
    assert again.returncode == 0
    assert "rebuilding" not in again.stdout  # the same Python's .venv is kept
