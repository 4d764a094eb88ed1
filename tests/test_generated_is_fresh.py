"""The committed generated_sdk/ is exactly what `make generate` writes from openapi.yaml."""

from __future__ import annotations

import json
import subprocess
import sys
from hashlib import sha256
from pathlib import Path
from typing import Any

from generator.generate import diff_trees, templates_digest

ROOT = Path(__file__).resolve().parent.parent


def test_committed_generated_code_matches_a_fresh_generation() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "generator" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr


def test_stamp_names_the_spec_it_was_generated_from() -> None:
    stamp = json.loads((ROOT / "generated_sdk" / "GENERATED.json").read_text(encoding="utf-8"))
    assert stamp["spec_sha256"] == sha256((ROOT / "openapi.yaml").read_bytes()).hexdigest()
    assert stamp["generator"].startswith("openapi-python-client==")
    assert stamp["templates"] == "generator/templates"
    assert stamp["templates_sha256"] == templates_digest()


def test_templates_digest_changes_with_a_template(tmp_path: Path, monkeypatch: Any) -> None:
    from generator import generate

    (tmp_path / "a.jinja").write_text("x", encoding="utf-8")
    monkeypatch.setattr(generate, "TEMPLATES", tmp_path)
    before = templates_digest()
    (tmp_path / "a.jinja").write_text("y", encoding="utf-8")
    assert templates_digest() != before


def test_diff_trees_reports_an_edited_file(tmp_path: Path) -> None:
    committed, fresh = tmp_path / "a", tmp_path / "b"
    for root, text in ((committed, "x = 1\n"), (fresh, "x = 2\n")):
        (root / "pkg").mkdir(parents=True)
        (root / "pkg" / "m.py").write_text(text, encoding="utf-8")
    (fresh / "pkg" / "new.py").write_text("y = 1\n", encoding="utf-8")
    diff = diff_trees(committed, fresh)
    assert "-x = 1" in diff
    assert "+x = 2" in diff
    assert "generated/pkg/new.py" in diff
    assert diff_trees(committed, committed) == ""
