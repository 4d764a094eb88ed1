"""Without the ``mock`` extra, the local exchange says which extra to install; the package itself
(imported by every consumer's pytest through the plugin) still imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

SCRIPT = """
import sys
sys.modules[{module!r}] = None  # as if the mock extra were not installed
import htx_swap_mock  # must still import: pytest imports the plugin in every consumer's run
import htx_swap_mock.pytest_plugin
try:
    {statement}
except {caught} as exc:
    print(type(exc).__name__, exc)
else:
    print("imported")
"""


def _run(module: str, statement: str, caught: str = "ImportError") -> str:
    code = SCRIPT.format(module=module, statement=statement, caught=caught)
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert run.returncode == 0, run.stderr
    return run.stdout


@pytest.mark.parametrize("module", ["uvicorn", "trustme"])
@pytest.mark.parametrize(
    "statement",
    [
        "from htx_swap_mock import MockExchange",
        "htx_swap_mock.MockExchange",
        "import htx_swap_mock.server",
        "import htx_swap_mock.demo",
    ],
)
def test_a_missing_extra_is_named_in_the_import_error(module: str, statement: str) -> None:
    out = _run(module, statement)
    assert out.startswith("ImportError ")
    assert "pip install 'htx-swap-sdk[mock]'" in out
    assert module in out


def test_the_fixture_names_the_extra() -> None:
    statement = "htx_swap_mock.pytest_plugin.load_mock_exchange()"
    out = _run("uvicorn", statement, caught="Exception")
    assert out.startswith("UsageError ")
    assert "install htx-swap-sdk[mock]" in out


def test_the_cli_names_the_extra() -> None:
    code = "import sys; sys.modules['uvicorn'] = None\nfrom htx_swap_mock.cli import main\n"
    code += "raise SystemExit(main(['--port', '0']))"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert run.returncode == 2
    assert "pip install 'htx-swap-sdk[mock]'" in run.stderr
