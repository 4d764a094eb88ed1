"""What the built wheel carries: the three packages, their typing markers, the local exchange's
README (the main README refers to it as installed), console scripts, the pytest plugin, the
extras; nothing of the repository around them. And the README has no link that breaks on an
index page."""

from __future__ import annotations

import re
import zipfile
from email.parser import Parser
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def _read(wheel: Path, name: str) -> str:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(name).decode()


def test_the_wheel_carries_the_packages_and_the_docs_it_refers_to(built_wheel: Path) -> None:
    installed = version("htx-swap-sdk")
    assert built_wheel.name == f"htx_swap_sdk-{installed}-py3-none-any.whl"
    names = _names(built_wheel)
    for package in ("htx_swap", "htx_swap_client", "htx_swap_mock"):
        assert f"{package}/__init__.py" in names
        assert f"{package}/py.typed" in names
    assert "htx_swap_mock/README.md" in names
    assert "htx_swap_client/api/trade/swap_cancel.py" in names
    tops = {name.split("/")[0] for name in names}
    assert tops == {
        "htx_swap",
        "htx_swap_client",
        "htx_swap_mock",
        f"htx_swap_sdk-{installed}.dist-info",
    }


def test_the_wheel_metadata(built_wheel: Path) -> None:
    info = f"htx_swap_sdk-{version('htx-swap-sdk')}.dist-info"
    metadata = Parser().parsestr(_read(built_wheel, f"{info}/METADATA"))
    assert metadata["Requires-Python"] == ">=3.11"
    assert "mock" in metadata.get_all("Provides-Extra", [])
    assert metadata["Description-Content-Type"] == "text/markdown"
    payload = metadata.get_payload()
    assert isinstance(payload, str)
    assert payload.strip() == (ROOT / "README.md").read_text(encoding="utf-8").strip()
    entry_points = _read(built_wheel, f"{info}/entry_points.txt")
    assert "htx-swap = htx_swap.cli:main" in entry_points
    assert "htx-swap-mock = htx_swap_mock.cli:main" in entry_points
    assert "htx_swap_mock = htx_swap_mock.pytest_plugin" in entry_points
    # Runtime dependencies stay minimal: what htx_swap and the generated package import.
    runtime = {
        re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].lower()
        for requirement in metadata.get_all("Requires-Dist", [])
        if "extra ==" not in requirement
    }
    assert runtime == {"httpx", "httpcore", "attrs", "sniffio"}


def test_the_readme_has_no_link_that_breaks_on_an_index_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)\s]+)\)", readme) + re.findall(
        r"^\[[^]]+\]:\s*(\S+)", readme, re.M
    )
    anchors = {
        re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        for heading in re.findall(r"^#+ (.+)$", readme, re.MULTILINE)
    }
    for target in targets:
        if target.startswith("#"):
            assert target[1:] in anchors, target
        else:
            assert re.match(r"https://", target), f"relative link in README.md: {target}"
