"""The docstring examples of the hand-written modules are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "htx_swap",
    "htx_swap.credentials",
    "htx_swap.limiter",
    "htx_swap.redaction",
    "htx_swap.signing",
    "htx_swap.validation",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name != "htx_swap":
        assert result.attempted > 0
