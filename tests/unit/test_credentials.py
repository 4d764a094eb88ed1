"""Credentials: pasted whitespace and control characters are refused by name, never echoed; a
failing ``from_env`` leaves no secret in the locals a traceback recorder would keep."""

from __future__ import annotations

import sys
import traceback

import pytest
from htx_swap import HtxCredentials, InvalidRequestError
from htx_swap.cli import main as cli_main

CANARY = "canary-7f3e9b2d-secret"
# The canary is put where "K" is.
BAD_VALUES = {
    "trailing space": "K ",
    "leading space": " K",
    "trailing newline": "K\n",
    "trailing crlf": "K\r\n",
    "tab inside": "K\tK",
    "nul": "K\x00",
    "escape": "K\x1b[0m",
    "del": "K\x7f",
    "zero-width space": "K\u200b",
    "no-break space": "K\u00a0K",
    "empty": "",
}


def _everything_recorded(exc: BaseException) -> str:
    """The text a locals-recording tool would keep: every frame's locals, every chained error."""
    recorded = traceback.TracebackException.from_exception(exc, capture_locals=True)
    return "".join(recorded.format()) + repr(exc.args) + str(vars(exc))


@pytest.mark.parametrize("value", list(BAD_VALUES.values()), ids=list(BAD_VALUES))
@pytest.mark.parametrize("variable", ["HTX_ACCESS_KEY", "HTX_SECRET_KEY"])
def test_from_env_refuses_a_pasted_value_naming_the_variable(variable: str, value: str) -> None:
    env = {"HTX_ACCESS_KEY": "ak", "HTX_SECRET_KEY": "sk", variable: value.replace("K", CANARY)}
    with pytest.raises(InvalidRequestError) as caught:
        HtxCredentials.from_env(env)
    assert caught.value.field == variable
    assert str(caught.value).startswith(f"{variable}: ")
    assert CANARY not in str(caught.value)


@pytest.mark.parametrize("value", list(BAD_VALUES.values()), ids=list(BAD_VALUES))
@pytest.mark.parametrize("field", ["access_key", "secret_key"])
def test_the_constructor_refuses_a_pasted_value_naming_the_field(field: str, value: str) -> None:
    keys = {"access_key": "ak", "secret_key": "sk", field: value.replace("K", CANARY)}
    with pytest.raises(InvalidRequestError) as caught:
        HtxCredentials(**keys)
    assert caught.value.field == field
    assert CANARY not in str(caught.value)


def test_a_value_with_inner_spaces_and_symbols_is_kept_as_given() -> None:
    creds = HtxCredentials.from_env({"HTX_ACCESS_KEY": "a b-c_d", "HTX_SECRET_KEY": "s/+=ç"})
    assert (creds.access_key, creds.secret_key) == ("a b-c_d", "s/+=ç")


@pytest.mark.parametrize(
    "env",
    [
        {"HTX_ACCESS_KEY": "ak", "HTX_SECRET_KEY": CANARY + "\n"},
        {"HTX_ACCESS_KEY": CANARY + " ", "HTX_SECRET_KEY": CANARY},
        {"HTX_SECRET_KEY": CANARY},
    ],
    ids=["bad-secret", "bad-access", "missing-access"],
)
def test_a_failing_from_env_leaves_no_secret_in_recorded_locals(env: dict[str, str]) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        HtxCredentials.from_env(env)
    del env  # this test's own frame is not the SDK's: drop it before recording
    recorded = _everything_recorded(caught.value)
    assert "from_env" in recorded  # the SDK's frame was recorded, with its locals
    assert CANARY not in recorded


def test_from_os_environ_the_recorded_locals_hold_no_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HTX_ACCESS_KEY", "ak")
    monkeypatch.setenv("HTX_SECRET_KEY", CANARY + "\n")
    monkeypatch.setenv("SOME_OTHER_SECRET", CANARY)
    try:
        HtxCredentials.from_env()
    except InvalidRequestError as exc:
        recorded = _everything_recorded(exc)
    else:
        pytest.fail("a secret with a trailing newline was accepted")
    assert "from_env" in recorded
    assert CANARY not in recorded
    assert "SOME_OTHER_SECRET" not in recorded  # no copy of os.environ either


def test_the_cli_names_the_variable_and_never_prints_the_value(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HTX_ACCESS_KEY", "ak")
    monkeypatch.setenv("HTX_SECRET_KEY", CANARY + "\n")
    code = cli_main(["cancel", "BTC-USD", "--order-id", "1", "--base-url", "https://127.0.0.1:9"])
    out, err = capsys.readouterr()
    assert code == 2
    assert err == (
        "htx-swap: bad input: HTX_SECRET_KEY: has leading or trailing whitespace "
        "(a pasted space or newline?)\n"
    )
    assert CANARY not in out + err
    assert sys.exc_info() == (None, None, None)


def test_a_refused_key_is_in_no_frame_of_the_traceback() -> None:
    """HtxCredentials(...) with an unusable secret: no frame records the secret (tools that
    record locals, such as Sentry, see none), and recording the locals does not fail."""
    import traceback

    from htx_swap import HtxCredentials, InvalidRequestError

    canary = "CANARY-SECRET-7f3e"
    try:
        HtxCredentials("access", canary + "\n")
    except InvalidRequestError as error:
        report = traceback.TracebackException.from_exception(error, capture_locals=True)
    else:  # pragma: no cover - the constructor must refuse it
        raise AssertionError("accepted a secret with a trailing newline")
    inner = report.stack[1:]  # this test's own frame holds the canary: the caller's business
    assert inner
    assert all(canary not in str(frame.locals) for frame in inner)
