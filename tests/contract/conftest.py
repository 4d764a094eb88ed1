from __future__ import annotations

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


@pytest.fixture
def spec(spec_text: str) -> dict[str, Any]:
    # fresh per test (tests mutate copies), parsed by libyaml where present: the pure-Python
    # loader takes most of a second for the whole spec
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loaded: dict[str, Any] = yaml.load(spec_text, Loader=loader)  # noqa: S506 - a safe loader
    return loaded


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
