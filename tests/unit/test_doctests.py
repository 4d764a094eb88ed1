"""The docstring examples of the hand-written modules are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import htx_swap
import pytest

# Every module of the package, its internal subpackages' included: a docstring example anywhere
# in it is run.
MODULES = ["htx_swap"] + [
    module.name for module in pkgutil.walk_packages(htx_swap.__path__, "htx_swap.")
]
WITH_EXAMPLES = {
    "htx_swap._wire.body",
    "htx_swap._cli.cli_render",
    "htx_swap._engine.confirm",
    "htx_swap._model.credentials",
    "htx_swap._engine.limiter",
    "htx_swap._model.order_info",
    "htx_swap._engine.policy",
    "htx_swap._model.redaction",
    "htx_swap._wire.signing",
    "htx_swap._wire.validation",
}


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    if name in WITH_EXAMPLES:
        assert result.attempted > 0
