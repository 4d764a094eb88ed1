"""``make demo`` runs the SDK against the local exchange and checks its own answers; the exchange
itself stays independent of the SDK it is meant to check."""

from __future__ import annotations

import ast
from pathlib import Path

import htx_swap_mock
import pytest
from htx_swap_mock import demo


def test_demo_runs_and_shows_every_part() -> None:
    lines: list[str] = []
    demo.run(lines.append)
    text = "\n".join(lines)
    assert text.endswith("demo OK")
    assert "9223372036854775807  accepted" in text  # an id above 2**53, exact
    assert "1063  The order has been executed." in text
    assert "1061  This order doesnt exist." in text
    assert "filled             status 6 filled" in text  # the confirmed cancel's filled order
    assert "AuthenticationError" in text
    assert "Signature=***" in text  # the signed query is shown redacted


def test_demo_fails_loudly_when_an_answer_differs() -> None:
    with pytest.raises(demo.DemoFailed, match="successes"):
        demo._expect("successes", ["1"], ["1", "2"])


def test_only_the_demo_imports_the_sdk() -> None:
    package = Path(htx_swap_mock.__file__).parent
    importers = []
    for module in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name == "htx_swap" or name.startswith("htx_swap.") for name in names):
                importers.append(module.name)
    assert sorted(set(importers)) == ["demo.py"]
