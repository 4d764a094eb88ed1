"""The README's first screen and its examples stay true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _first_sh_block() -> list[str]:
    match = re.search(r"```sh\n(.*?)```", README, re.DOTALL)
    assert match is not None
    return [line for line in match.group(1).splitlines() if line.strip()]


def test_first_screen_gives_exactly_the_two_setup_commands() -> None:
    commands = [line.split("#")[0].strip() for line in _first_sh_block()]
    assert commands == ["make demo", "make test"]
    assert README.index("```sh") < README.index("## Use")


def test_the_demo_output_shown_is_the_demo_of_this_checkout() -> None:
    from htx_swap_mock import demo

    lines: list[str] = []
    demo.run(lines.append)
    shown = re.search(r"```text\n(.*?)```", README, re.DOTALL)
    assert shown is not None
    # Vary from run to run: the port, the signed Timestamp, panic's wall time ("(0.22 s)").
    normalise = re.compile(
        r"127\.0\.0\.1:(\d+|PORT)|Timestamp=[^&]+|\(\d+\.\d\d s\)$", re.MULTILINE
    )
    expected = normalise.sub("X", "\n".join(lines)).splitlines()
    assert normalise.sub("X", shown.group(1)).splitlines() == expected


def test_the_fixture_example_is_the_tested_consumer_file() -> None:
    consumer = (ROOT / "tests/integration/test_consumer_fixture.py").read_text(encoding="utf-8")
    code = consumer.split('"""', 2)[2].strip("\n")
    assert f"```python\n{code}\n```" in README


def test_no_placeholder_is_left() -> None:
    assert not re.search(r"\b(TODO|TBD|FIXME)\b|^(RELIABILITY|BENCHMARKS)$", README, re.MULTILINE)
