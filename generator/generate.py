"""Generate ``generated_sdk/htx_swap_client`` from ``openapi.yaml``, or check that it is fresh.

``python generator/generate.py`` regenerates the committed package; ``--check`` regenerates into a
temporary directory and exits 1 with a unified diff when the committed code differs.

Byte-identical output on any machine rests on three things this script enforces: the pinned
tool versions from ``generator/requirements.lock`` (checked, not trusted), post-hooks that run
ruff with ``--isolated`` (so no ruff configuration of the surrounding tree leaks in), and a
generation that always happens in a fresh temporary directory.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import yaml

__all__ = ["diff_trees", "generate_into", "main"]

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "generator" / "config.yaml"
LOCK = ROOT / "generator" / "requirements.lock"
PACKAGE = "htx_swap_client"
GENERATED_ROOT = ROOT / "generated_sdk"
STAMP_NAME = "GENERATED.json"
PINNED_TOOLS = ("openapi-python-client", "ruff")
HEADER = "# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.\n"


def _pinned_versions() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        name, sep, version = line.strip().partition("==")
        if sep:
            pins[name.lower().replace("_", "-")] = version
    return pins


def _check_tools() -> dict[str, str]:
    """Return the pinned tool versions, failing when the installed ones differ."""
    pins = _pinned_versions()
    found: dict[str, str] = {}
    for tool in PINNED_TOOLS:
        try:
            installed = metadata.version(tool)
        except metadata.PackageNotFoundError:
            sys.exit(f"generate: {tool} is not installed; run `make venv`")
        if installed != pins.get(tool):
            sys.exit(
                f"generate: {tool} {installed} is installed but generator/requirements.lock pins "
                f"{pins.get(tool)}; run `make venv`"
            )
        found[tool] = installed
    return found


def _check_config_keys() -> None:
    """Fail on config keys the generator would ignore without a word."""
    from openapi_python_client.config import ConfigFile

    keys = set(yaml.safe_load(CONFIG.read_text(encoding="utf-8")))
    unknown = sorted(keys - set(ConfigFile.model_fields))
    if unknown:
        sys.exit(f"generate: unknown keys in generator/config.yaml: {', '.join(unknown)}")


def generate_into(target: Path) -> None:
    """Generate the package and its stamp into ``target`` (a directory that must not exist)."""
    versions = _check_tools()
    _check_config_keys()
    bin_dir = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    with tempfile.TemporaryDirectory(prefix="htx-generate-") as scratch:
        out = Path(scratch) / PACKAGE
        command = [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(SPEC),
            "--config",
            str(CONFIG),
            "--meta",
            "none",
            "--output-path",
            str(out),
            "--overwrite",
            "--fail-on-warning",
        ]
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            sys.exit(f"generate: openapi-python-client failed\n{result.stdout}{result.stderr}")
        for source in sorted(out.rglob("*.py")):
            source.write_text(HEADER + source.read_text(encoding="utf-8"), encoding="utf-8")
        (out / "py.typed").write_text("", encoding="utf-8")
        target.mkdir(parents=True)
        shutil.copytree(out, target / PACKAGE)
    stamp = {
        "generator": f"openapi-python-client=={versions['openapi-python-client']}",
        "formatter": f"ruff=={versions['ruff']}",
        "spec": "openapi.yaml",
        "spec_sha256": hashlib.sha256(SPEC.read_bytes()).hexdigest(),
        "config_sha256": hashlib.sha256(CONFIG.read_bytes()).hexdigest(),
    }
    (target / STAMP_NAME).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def diff_trees(committed: Path, fresh: Path) -> str:
    """Return a unified diff of two generated trees; empty when they are identical."""
    old, new = _tree(committed), _tree(fresh)
    chunks: list[str] = []
    for name in sorted(old.keys() | new.keys()):
        if old.get(name) == new.get(name):
            continue
        before = old.get(name, b"").decode("utf-8", "replace").splitlines(keepends=True)
        after = new.get(name, b"").decode("utf-8", "replace").splitlines(keepends=True)
        label_old = f"committed/{name}" if name in old else "/dev/null"
        label_new = f"generated/{name}" if name in new else "/dev/null"
        chunks.extend(difflib.unified_diff(before, after, label_old, label_new))
    return "".join(chunks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare a fresh generation with generated_sdk/"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="htx-generated-") as scratch:
        fresh = Path(scratch) / "generated_sdk"
        generate_into(fresh)
        if args.check:
            diff = diff_trees(GENERATED_ROOT, fresh)
            if diff:
                sys.stdout.write(diff)
                print(
                    "\ncheck-generated: generated_sdk/ differs from a fresh generation of "
                    "openapi.yaml; run `make generate` and commit the result.",
                    file=sys.stderr,
                )
                return 1
            print("check-generated: generated_sdk/ matches a fresh generation")
            return 0
        for name in (PACKAGE, STAMP_NAME):
            old = GENERATED_ROOT / name
            if old.is_dir():
                shutil.rmtree(old)
            elif old.exists():
                old.unlink()
        GENERATED_ROOT.mkdir(exist_ok=True)
        shutil.copytree(fresh / PACKAGE, GENERATED_ROOT / PACKAGE)
        shutil.copy2(fresh / STAMP_NAME, GENERATED_ROOT / STAMP_NAME)
    print(f"generate: wrote generated_sdk/{PACKAGE} and generated_sdk/{STAMP_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
