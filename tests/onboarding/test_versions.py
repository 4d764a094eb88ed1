"""One version, from the installed distribution's metadata, everywhere it shows."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from importlib.metadata import version

import htx_swap
import htx_swap_mock

from tests.onboarding.wheelhouse import ROOT


def test_every_version_is_the_installed_metadata() -> None:
    installed = version("htx-swap-sdk")
    with (ROOT / "pyproject.toml").open("rb") as pyproject:
        assert installed == tomllib.load(pyproject)["project"]["version"]
    assert htx_swap.__version__ == installed
    assert htx_swap_mock.__version__ == installed
    assert "__version__" in htx_swap.__all__
    assert "__version__" in dir(htx_swap_mock)


def test_import_htx_swap_does_not_read_metadata_until_asked() -> None:
    code = (
        "import sys, htx_swap\n"
        "assert 'importlib.metadata' not in sys.modules, 'import htx_swap read its metadata'\n"
        "print(htx_swap.__version__)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"{version('htx-swap-sdk')}\n"


def test_an_unknown_attribute_is_still_an_attribute_error() -> None:
    for module in (htx_swap, htx_swap_mock):
        assert not hasattr(module, "__no_such_name__")
