"""A command line argparse cannot read: the command's usage, then one line naming the problem
(never argparse's own error line as well), exit 2, nothing sent."""

from __future__ import annotations

import io

import pytest
from htx_swap import cli


@pytest.mark.parametrize(
    ("argv", "prog", "problem"),
    [
        (["cancel", "--order-id", "1"], "htx-swap cancel", "contract_code"),
        (["futures", "cancel", "--order-id", "1"], "htx-swap futures cancel", "symbol"),
        (["cancel", "BTC-USD", "--order-id", "1", "--bogus"], "htx-swap", "--bogus"),
    ],
)
def test_a_usage_error_is_said_once(argv: list[str], prog: str, problem: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(argv, out=out, err=err) == cli.EXIT_BAD_INPUT
    lines = err.getvalue().splitlines()
    assert lines[0].startswith(f"usage: {prog}")
    assert [line for line in lines if problem in line and not line.startswith(" ")] == [lines[-1]]
    assert lines[-1].startswith(f"htx-swap: bad input: {prog}: ")
    assert "error:" not in err.getvalue()
    assert out.getvalue() == ""


def test_a_usage_error_in_json_mode_is_one_document() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert cli.main(["cancel", "--json", "--order-id", "1"], out=out, err=err) == 2
    assert '"UsageError"' in out.getvalue()
    assert err.getvalue().count("required: contract_code") == 1
