from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.contract.htx_doc import DocPage, parse_doc_page

ROOT = Path(__file__).resolve().parents[2]
DOCS = Path(__file__).resolve().parent / "htx_docs"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """schemathesis names each operation's test ``test_...[POST /path]`` but sets its node id
    the way pytest < 9 read it, so under pytest 9 all fifteen share one node id, and
    pytest-xdist's --dist=loadfile (keyed by node id) ran one of them. Each gets the node id
    its name says."""
    for item in items:
        parent = item.parent
        if parent is not None and item.nodeid != f"{parent.nodeid}::{item.name}":
            item._id = parent.id.child(item.name)


@pytest.fixture(scope="session")
def spec_text() -> str:
    return (ROOT / "openapi.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def parsed_spec(spec_text: str) -> dict[str, Any]:
    """openapi.yaml parsed once (about 0.15 s a parse): never handed to a test as is."""
    loaded: dict[str, Any] = yaml.safe_load(spec_text)
    return loaded


@pytest.fixture
def spec(parsed_spec: dict[str, Any]) -> dict[str, Any]:
    """A fresh copy per test: tests mutate it (a deep copy costs about 1 ms, a parse 150)."""
    return copy.deepcopy(parsed_spec)


@pytest.fixture(scope="session")
def cancel_page_text() -> str:
    return (DOCS / "swap_cancel.md").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def cancel_page(cancel_page_text: str) -> DocPage:
    return parse_doc_page(cancel_page_text)


@pytest.fixture(scope="session")
def order_info_page_text() -> str:
    return (DOCS / "swap_order_info.md").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def order_info_page(order_info_page_text: str) -> DocPage:
    return parse_doc_page(order_info_page_text)
