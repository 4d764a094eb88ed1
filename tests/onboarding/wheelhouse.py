"""Offline installs for tests: the project's wheel built with the venv's hatchling, and wheels of
its dependencies repacked from the distributions installed in this venv (the exact files pip
installed, with their own WHEEL tags), so a fresh venv can ``pip install --no-index``."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
# Written by the installer, not part of a wheel (RECORD is written anew).
_INSTALLER_FILES = {"INSTALLER", "REQUESTED", "RECORD", "direct_url.json"}


def build_wheel(out: Path) -> Path:
    """``python -m build --wheel`` of this checkout, offline (hatchling from this venv)."""
    subprocess.run(
        [sys.executable, "-m", "build", "--quiet", "--wheel", "--no-isolation", "--outdir", out],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    [wheel] = out.glob("*.whl")
    return wheel


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirements_closure(roots: Iterable[str]) -> list[Distribution]:
    """The installed distributions that ``roots`` (requirement strings) need, transitively."""
    seen: dict[str, Distribution] = {}
    todo = [Requirement(root) for root in roots]
    while todo:
        requirement = todo.pop()
        for extra in requirement.extras or {""}:
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            try:
                dist = distribution(requirement.name)
            except PackageNotFoundError:
                continue  # an optional dependency this venv does not have: not needed here
            key = _normalise(dist.metadata["Name"])
            for text in dist.requires or []:
                nested = Requirement(text)
                wanted = {"extra": extra}
                if nested.marker is None or nested.marker.evaluate(wanted):
                    nested.marker = None
                    if _normalise(nested.name) not in seen:
                        todo.append(nested)
            seen[key] = dist
    return list(seen.values())


def _tag_triple(dist: Distribution) -> str:
    tags = [
        line.split(":", 1)[1].strip()
        for line in (dist.read_text("WHEEL") or "").splitlines()
        if line.startswith("Tag:")
    ]
    parts = [tag.split("-") for tag in tags] or [["py3", "none", "any"]]
    return "-".join(".".join(sorted({p[i] for p in parts})) for i in range(3))


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def repack(dist: Distribution, out: Path) -> Path:
    """A wheel of an installed distribution: its recorded files (no scripts, no bytecode)."""
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    path = out / f"{name}-{dist.version}-{_tag_triple(dist)}.whl"
    records: list[str] = []
    dist_info = None
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as wheel:
        for file in dist.files or []:
            text = file.as_posix()
            if text.startswith("..") or file.suffix == ".pyc":
                continue  # console scripts (pip writes them again) and bytecode
            if text.split("/")[0].endswith(".dist-info"):
                dist_info = text.split("/")[0]
                if file.name in _INSTALLER_FILES:
                    continue
            data = Path(str(dist.locate_file(file))).read_bytes()
            wheel.writestr(text, data)
            records.append(_record_line(text, data))
        assert dist_info is not None, f"{name}: no .dist-info in its RECORD"
        records.append(f"{dist_info}/RECORD,,")
        wheel.writestr(f"{dist_info}/RECORD", "\n".join(records) + "\n")
    return path


def wheelhouse(out: Path, roots: Iterable[str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    dists = [d for d in requirements_closure(roots) if d.metadata["Name"] != "htx-swap-sdk"]
    return [repack(dist, out) for dist in dists]
