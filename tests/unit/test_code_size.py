"""``python -m bench.code_size`` counts what issue 12 counts, and its list of later additions
names code that exists (a renamed or deleted function makes it fail, not silently shrink)."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from bench import code_size


def test_docstring_example_holds() -> None:
    result = doctest.testmod(code_size)
    assert result.attempted > 0
    assert result.failed == 0


def test_blank_lines_comments_and_docstrings_are_not_code() -> None:
    source = (
        '"""Module doc."""\n'
        "\n"
        "class A:\n"
        '    """Class doc,\n'
        '    two lines."""\n'
        "    # a comment\n"
        "    x = (1,\n"
        "         2)  # a continued statement: both lines\n"
        "    def f(self) -> str:\n"
        "        '''Method doc.'''\n"
        "        return 'not a docstring'\n"
    )
    assert sorted(code_size.code_lines(source)) == [3, 7, 8, 9, 11]


def test_every_listed_addition_exists_in_the_package() -> None:
    listed = set(code_size.ADDED_LATER) | set(code_size.WHOLE_MODULES_ADDED_LATER)
    present = {code_size.key(module) for module in code_size.modules()}
    assert listed <= present
    for module in code_size.modules():
        lines, later = code_size.split(module)  # raises LookupError on a stale name
        assert 0 <= later <= lines


def test_a_stale_name_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = tmp_path / "engine.py"
    module.write_text("class Engine:\n    def call(self) -> None:\n        pass\n")
    monkeypatch.setitem(code_size.ADDED_LATER, "engine.py", ["Engine.gone"])
    with pytest.raises(LookupError, match=r"Engine\.gone"):
        code_size.split(module)


def test_split_counts_only_the_listed_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "surface.py"
    module.write_text(
        "OLD = 1\n"
        "NEW = 2\n"
        "class C:\n"
        "    def old(self) -> int:\n"
        "        return 1\n"
        "    @staticmethod\n"
        "    def new() -> int:\n"
        "        return 2\n"
    )
    monkeypatch.setitem(code_size.ADDED_LATER, "surface.py", ["NEW", "C.new"])
    assert code_size.split(module) == (8, 4)
