"""Without the ``mock`` extra, the local exchange says which extra to install; the package itself
(imported by every consumer's pytest through the plugin) still imports."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest
from htx_swap_mock import extra

ROOT = Path(__file__).resolve().parents[2]

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


@pytest.mark.parametrize("module", ["uvicorn", "trustme", "websockets"])
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
    _says_how_to_install_the_extra_once(out)
    assert module in out


def test_the_fixture_names_the_extra() -> None:
    statement = "htx_swap_mock.pytest_plugin.load_mock_exchange()"
    out = _run("uvicorn", statement, caught="Exception")
    assert out.startswith("UsageError ")
    _says_how_to_install_the_extra_once(out)


def _says_how_to_install_the_extra_once(text: str) -> None:
    """The hint of the README's Install section, once; never a bare ``htx-swap-sdk[mock]``,
    which no package index has."""
    assert text.count("install its `mock` extra") == 1, text
    assert "pip install '.[mock]'" in text  # a clone
    assert "pip install 'htx-swap-sdk[mock] @ git+" in text  # the repository's URL
    assert "py3-none-any.whl>[mock]'" in text  # a wheel
    assert "pip install 'htx-swap-sdk[mock]'" not in text
    assert "install htx-swap-sdk[mock]" not in text


def test_the_cli_names_the_extra_once() -> None:
    code = "import sys; sys.modules['uvicorn'] = None\nfrom htx_swap_mock.cli import main\n"
    code += "raise SystemExit(main(['--port', '0']))"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=False
    )
    assert run.returncode == 2
    assert run.stdout == ""
    _says_how_to_install_the_extra_once(run.stderr)
    assert run.stderr.count("pip install") == len(run.stderr.strip().splitlines()) - 2
    # This checkout is installed editable (make venv): the hint says so, with its path.
    assert f"pip install -e '{ROOT}[mock]'   # where this install came from" in run.stderr


@pytest.mark.parametrize(
    ("recorded", "command"),
    [
        (None, None),
        ("not json", None),
        ('{"url": "file:///src/htx%20sdk", "dir_info": {}}', "pip install '/src/htx sdk[mock]'"),
        (
            '{"url": "file:///d/htx_swap_sdk-0.1.0-py3-none-any.whl", "archive_info": {}}',
            "pip install '/d/htx_swap_sdk-0.1.0-py3-none-any.whl[mock]'",
        ),
        (
            '{"url": "https://h.example/htx.git", "vcs_info": {"vcs": "git", "commit_id": "c0"}}',
            "pip install 'htx-swap-sdk[mock] @ git+https://h.example/htx.git@c0'",
        ),
        (
            '{"url": "https://h.example/w.whl", "archive_info": {}}',
            "pip install 'htx-swap-sdk[mock] @ https://h.example/w.whl'",
        ),
    ],
)
def test_the_command_for_where_the_sdk_came_from(recorded: str | None, command: str | None) -> None:
    assert extra.recorded_install(recorded) == command


def test_doctests() -> None:
    assert doctest.testmod(extra).failed == 0
