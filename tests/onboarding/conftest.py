from __future__ import annotations

from pathlib import Path

import pytest

from tests.onboarding.wheelhouse import build_wheel

# Fixtures that build something big (a wheel, a venv with it installed): under pytest-xdist
# (`make test` runs `pytest -n ...`, with --dist=loadgroup from pyproject) each worker that
# runs a test using one builds its own, so every test using one goes to the same worker.
BUILT_ONCE = "built_wheel"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BUILT_ONCE in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group(BUILT_ONCE))


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout's wheel, built once per session as ``make dist`` builds it."""
    return build_wheel(tmp_path_factory.mktemp("dist"))
