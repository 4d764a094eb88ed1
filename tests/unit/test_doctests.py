"""The docstring examples of the hand-written modules are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import htx_swap
import pytest

# Every module of the package: a docstring example anywhere in it is run.
MODULES = ["htx_swap"] + [
    f"htx_swap.{module.name}" for module in pkgutil.iter_modules(htx_swap.__path__)
]
WITH_EXAMPLES = {
    "htx_swap.body",
    "htx_swap.cli_render",
    "htx_swap.confirm",
    "htx_swap.credentials",
    "htx_swap.limiter",
    "htx_swap.order_info",
    "htx_swap.policy",
    "htx_swap.redaction",
    "htx_swap.signing",
    "htx_swap.validation",
}


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name in WITH_EXAMPLES:
        assert result.attempted > 0
