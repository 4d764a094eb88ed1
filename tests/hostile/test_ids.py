"""Ids HTX's answer names, matched against the ids asked about: every requested id is in exactly
one of ``successes``, ``errors`` and ``unanswered``; an id nobody asked about is never a success.

Findings covered: today an answer's ids are taken as given, so an id HTX did not name is silently
absent, an id nobody asked about (or ``011`` for ``11``) counts as a success, an id listed as
both success and error is both, and the CLI exits 0 when two of three ids went unanswered.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from htx_swap import CancelResult, cli

from tests.hostile.raw_server import RawRequest, RawServer
from tests.hostile.support import BTC, MODES, attr, call, cancel_ok, json_answers

CASES = [
    # (answer body, requested, successes, error ids, unanswered, unrequested)
    pytest.param(cancel_ok("11,99"), ["11", "12"], ["11"], [], ["12"], ["99"], id="nobody-asked"),
    pytest.param(cancel_ok("011"), ["11"], [], [], ["11"], ["011"], id="011-is-not-11"),
    pytest.param(
        cancel_ok("11", [{"order_id": "11", "err_code": 1061, "err_msg": "x"}]),
        ["11", "12"],
        [],
        [],
        ["11", "12"],
        [],
        id="both-success-and-error",
    ),
    pytest.param(
        cancel_ok("", [{"order_id": "13", "err_code": 1061, "err_msg": "x"}]),
        ["11", "12"],
        [],
        [],
        ["11", "12"],
        ["13"],
        id="error-for-an-unrequested-id",
    ),
    pytest.param(cancel_ok(""), ["11", "12"], [], [], ["11", "12"], [], id="empty-answer"),
]


@pytest.fixture
def answer(request: pytest.FixtureRequest) -> Iterator[RawServer]:
    body: bytes = request.param
    with RawServer(json_answers(lambda request: body)) as server:
        yield server


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("answer", "requested", "successes", "errors", "unanswered", "unrequested"),
    CASES,
    indirect=["answer"],
)
def test_every_requested_id_is_in_exactly_one_list(
    mode: str,
    answer: RawServer,
    requested: list[str],
    successes: list[str],
    errors: list[str],
    unanswered: list[str],
    unrequested: list[str],
) -> None:
    done = call(mode, answer.url, "cancel", BTC, order_ids=requested, options={"timeout": 2.0})
    assert done.error is None, repr(done.error)
    result = done.value
    assert isinstance(result, CancelResult)
    got_unanswered = attr(result, "unanswered")
    got_unrequested = attr(result, "unrequested")
    assert sorted(result.successes) == sorted(successes)
    assert sorted(e.order_id for e in result.errors) == sorted(errors)
    assert sorted(got_unanswered) == sorted(unanswered)
    assert sorted(got_unrequested) == sorted(unrequested)
    placed = result.successes + [e.order_id for e in result.errors] + list(got_unanswered)
    assert sorted(placed) == sorted(requested)  # each requested id once, nothing else
    assert all(isinstance(i, str) for i in got_unanswered + got_unrequested)


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_cancel_many_merges_unanswered_and_unrequested(mode: str) -> None:
    requested = [str(n) for n in range(100, 112)]  # two requests: 10 ids, then 2

    def reply(request: RawRequest) -> bytes:
        asked = json.loads(request.body)["order_id"].split(",")
        return cancel_ok(f"{asked[0]},999")  # the first id of each request, and a stranger

    with RawServer(json_answers(reply)) as server:
        done = call(mode, server.url, "cancel_many", BTC, order_ids=requested)
    assert done.error is None, repr(done.error)
    result = done.value
    assert sorted(result.successes) == ["100", "110"]
    assert sorted(attr(result, "unanswered")) == sorted(set(requested) - {"100", "110"})
    assert "999" in attr(result, "unrequested")


@pytest.mark.timeout(20)
def test_cli_exits_non_zero_when_ids_go_unanswered(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HTX_ACCESS_KEY", "cli-access")
    monkeypatch.setenv("HTX_SECRET_KEY", "cli-canary-secret-0d9a")
    with RawServer(json_answers(lambda request: cancel_ok("11"))) as server:
        code = cli.main(["cancel", BTC, "--order-id", "11,12,13", "--base-url", server.url])
    captured = capsys.readouterr()
    # unanswered ids are in doubt (they may have reached HTX): exit 4, never 0
    assert code == 4, captured.out + captured.err
    assert "cli-canary-secret-0d9a" not in captured.out + captured.err
