"""What `make dist` installs (the build backend, not the dev tools) and how `make test` runs the
suite (every test, on pytest-xdist workers, the wheel built once). Read from `make -n`: the
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

from tests.onboarding import conftest
from tests.onboarding.wheelhouse import ROOT

MAKE = shutil.which("make")
pytestmark = pytest.mark.skipif(MAKE is None, reason="needs make")
BUILD_BACKEND = ("build", "hatchling", "twine")


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


class _Item:
    def __init__(self, *fixturenames: str) -> None:
        self.fixturenames = fixturenames
        self.markers: list[pytest.MarkDecorator] = []

    def add_marker(self, marker: pytest.MarkDecorator) -> None:
        self.markers.append(marker)


def test_the_tests_using_the_built_wheel_share_one_worker() -> None:
    wheel, new_user, other = _Item("built_wheel"), _Item("user", "built_wheel"), _Item("tmp_path")
    conftest.pytest_collection_modifyitems([wheel, new_user, other])  # type: ignore[list-item]
    for item in (wheel, new_user):
        [marker] = item.markers
        assert (marker.name, marker.args) == ("xdist_group", ("built_wheel",))
    assert other.markers == []
    assert "--dist=loadgroup" in _pyproject()["tool"]["pytest"]["ini_options"]["addopts"]  # type: ignore[index]
