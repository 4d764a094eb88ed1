"""What `make dist` installs (the build backend, not the dev tools) and how `make test` runs the
suite (every test, on pytest-xdist workers, a file per worker). Read from `make -n`: the
recipes are printed, nothing is installed or run."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.onboarding.wheelhouse import ROOT

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="needs make")
BUILD_BACKEND = ("build", "hatchling", "twine")
SCHEMATHESIS = "tests/contract/test_schemathesis.py"
PER_OPERATION = "test_the_exchange_answers_as_the_spec_says"  # one test per operation


def _dry_run(verb: str, venv: Path) -> list[str]:
    """The shell lines `make VERB` would run against a throwaway (absent) VENV."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    assert MAKE is not None
    run = subprocess.run(
        [MAKE, "--no-print-directory", "-n", verb, f"PYTHON={sys.executable}", f"VENV={venv}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return run.stdout.splitlines()


def _installs(lines: list[str]) -> list[list[str]]:
    """The argument lists of every `pip install` the lines run."""
    found = []
    for line in lines:
        for command in re.findall(r"-m pip install (.*?)(?: \|\||;|$)", line):
            found.append(shlex.split(command))
    return found


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def test_make_dist_installs_the_build_backend_only(tmp_path: Path) -> None:
    [install] = _installs(_dry_run("dist", tmp_path / "venv"))
    requirements = [word for word in install if not word.startswith("-")]
    requirements.remove("generator/requirements.lock")  # the -c constraints file
    project = _pyproject()
    dev = project["project"]["optional-dependencies"]["dev"]  # type: ignore[index]
    pinned = {req.partition("==")[0]: req for req in dev}
    assert requirements == [pinned[name] for name in BUILD_BACKEND]
    assert "-e" not in install
    assert "-r" not in install
    # the same hatchling as the wheel's own build-system (an isolated build would fetch it)
    assert pinned["hatchling"] in project["build-system"]["requires"]  # type: ignore[index]


def test_make_test_runs_every_test_on_xdist_workers(tmp_path: Path) -> None:
    [pytest_line] = [line for line in _dry_run("test", tmp_path / "venv") if "-m pytest" in line]
    command = shlex.split(pytest_line.split("-m pytest", 1)[1].split("||")[0])
    assert command[:2] == ["-n", "4"]
    assert command[2:] == []  # no -m 'not slow', -k or path: every test
    dev = _pyproject()["project"]["optional-dependencies"]["dev"]  # type: ignore[index]
    assert any(req.startswith("pytest-xdist==") for req in dev)


def _collected_ids(request: pytest.FixtureRequest) -> list[str]:
    """The node ids of this session when it holds the schemathesis tests (`make test`, where each
    worker collects every test), else of a collection of that file alone."""
    ids = [item.nodeid for item in request.session.items]
    if any(i.startswith(f"{SCHEMATHESIS}::{PER_OPERATION}") for i in ids):
        return ids
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-qp", "no:cacheprovider", "--collect-only", SCHEMATHESIS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return [line for line in run.stdout.splitlines() if "::" in line]


def test_each_test_file_runs_on_one_worker_and_every_test_has_its_own_node_id(
    request: pytest.FixtureRequest,
) -> None:
    addopts = _pyproject()["tool"]["pytest"]["ini_options"]["addopts"]  # type: ignore[index]
    assert "--dist=loadfile" in addopts
    # loadfile keys its work by node id: two tests with one id would run once between them.
    ids = _collected_ids(request)
    assert len([i for i in ids if PER_OPERATION in i]) > 1
    assert len(set(ids)) == len(ids), [i for i in set(ids) if ids.count(i) > 1]
