"""Outside generated_sdk/, no underscored name of htx_swap_client is imported or called: the
hand-written code (and every test and tool) uses the generated package's public surface only,
so a change of the generator's internals cannot break it silently."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TREES = ("auth_plugin", "mock_exchange", "tests", "bench", "generator")


def _private_uses(source: str) -> list[str]:
    tree = ast.parse(source)
    aliases: set[str] = set()
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("htx_swap_client"):
            for name in node.names:
                if name.name.startswith("_"):
                    found.append(f"line {node.lineno}: imports {name.name}")
                aliases.add(name.asname or name.name)
        elif isinstance(node, ast.Import):
            for name in node.names:
                if name.name.startswith("htx_swap_client"):
                    aliases.add((name.asname or name.name).split(".")[0])
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name | ast.Attribute)
            and ast.unparse(node.value).split(".")[0] in aliases
        ):
            found.append(f"line {node.lineno}: uses {ast.unparse(node)}")
    return found


def test_no_private_generated_name_is_used_outside_generated_sdk() -> None:
    problems = {
        str(path.relative_to(ROOT)): uses
        for tree in TREES
        for path in sorted((ROOT / tree).rglob("*.py"))
        if (uses := _private_uses(path.read_text(encoding="utf-8")))
    }
    assert problems == {}


def test_the_check_sees_a_private_use() -> None:
    source = (
        "from htx_swap_client.api.trade import swap_cancel\n"
        "swap_cancel._get_kwargs(body=None)\n"
        "from htx_swap_client.models import _hidden\n"
    )
    assert len(_private_uses(source)) == 2
