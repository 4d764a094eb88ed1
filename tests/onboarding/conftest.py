from __future__ import annotations

from pathlib import Path

import pytest

from tests.onboarding.wheelhouse import build_wheel


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This checkout's wheel, built once per session as ``make dist`` builds it."""
    return build_wheel(tmp_path_factory.mktemp("dist"))
