"""Regression tests for a second hostile review: a dead man's switch whose turn-off is answered
"still armed" or whose arming is answered "off", a panic that stopped every kind because one
kind's endpoint refused the key, rate-limit slots kept by a request that could not be built,
and the CLI's ``--duration`` check."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from htx_swap import (
    APITimeoutError,
    HtxError,
    InvalidRequestError,
    RateLimiter,
    SwapClient,
    cli,
)

from tests.hostile.raw_server import RawConnection, RawRequest, RawServer
from tests.hostile.support import BTC, CREDS, json_answers

CANCEL_AFTER = "/swap-api/v1/swap-cancel-after"


def _switch_server(*, armed_on_arm: bool, armed_on_off: bool) -> RawServer:
    def answer(request: RawRequest) -> bytes:
        now = int(time.time() * 1000)
        arming = json.loads(request.body).get("on_off") == 1
        armed = armed_on_arm if arming else armed_on_off
        data = {"current_time": now, "trigger_time": now + 30_000 if armed else 0}
        return json.dumps({"code": 200, "msg": "", "data": data, "ts": now}).encode()

    return RawServer(json_answers(answer))


@pytest.mark.timeout(20)
def test_a_turn_off_answered_still_armed_is_an_error() -> None:
    with (
        _switch_server(armed_on_arm=True, armed_on_off=True) as server,
        SwapClient(CREDS, base_url=server.url, max_retries=0) as client,
        pytest.raises(HtxError, match="still armed"),
        client.dead_mans_switch(30),
    ):
        pass  # a clean exit: the turn-off is answered "still armed"


@pytest.mark.timeout(20)
def test_an_arming_answered_off_fails_at_entry() -> None:
    entered = False
    with (
        _switch_server(armed_on_arm=False, armed_on_off=False) as server,
        SwapClient(CREDS, base_url=server.url, max_retries=0) as client,
        pytest.raises(HtxError, match="off"),
        client.dead_mans_switch(30),
    ):
        entered = True  # never: the block must not run unprotected
    assert not entered


@pytest.mark.timeout(20)
def test_one_kind_refusing_the_key_does_not_stop_the_others() -> None:
    """The trigger endpoints answer 403; the other kinds are read again until the deadline."""
    paths: list[str] = []

    def answer(request: RawRequest) -> bytes:
        paths.append(request.path)
        if "trigger" in request.path:
            body = {"status": "error", "err_code": 1017, "err_msg": "no permission", "ts": 1}
            return json.dumps(body).encode()
        if "openorders" in request.path:
            data = {"orders": [], "total_page": 0, "current_page": 1, "total_size": 0}
            return json.dumps({"status": "ok", "data": data, "ts": 1}).encode()
        body = {"status": "error", "err_code": 1051, "err_msg": "none", "ts": 1}
        return json.dumps(body).encode()

    with (
        RawServer(json_answers(answer)) as server,
        SwapClient(CREDS, base_url=server.url, max_retries=0) as client,
    ):
        report = client.panic([BTC], deadline=1.0)
    assert not report.clean
    trigger = [e for e in report.entries if e.kind == "trigger"]
    assert trigger[0].errors
    others = [e for e in report.entries if e.kind != "trigger"]
    assert all(e.verified_empty for e in others)
    # the refused kind is tried again in later waves: one endpoint's 403 is not the whole key's
    assert paths.count("/swap-api/v1/swap_trigger_cancelall") >= 2


@pytest.mark.timeout(20)
def test_a_request_that_cannot_be_built_gives_its_rate_limit_slot_back() -> None:
    limiter = RateLimiter(2, 60.0)
    calls = iter([float("nan"), float("nan")] + [time.time()] * 10)
    client = SwapClient(
        CREDS,
        base_url="http://127.0.0.1:9",
        rate_limiter=limiter,
        clock=lambda: next(calls),
        max_retries=0,
    )
    with client:
        for _ in range(2):
            with pytest.raises(InvalidRequestError) as caught:
                client.cancel(BTC, order_ids=[1])
            assert caught.value.field == "clock"
    free = 0
    while limiter.acquire() == 0.0:
        free += 1
    assert free == 2  # both slots came back: nothing was sent


@pytest.mark.parametrize("duration", ["nan", "-5"])
def test_the_switch_command_refuses_an_unusable_duration(
    duration: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTX_ACCESS_KEY", "k")
    monkeypatch.setenv("HTX_SECRET_KEY", "s")
    argv = ["dead-man-switch", "--base-url", "http://127.0.0.1:9", "--duration", duration]
    assert cli.main(argv) == cli.EXIT_BAD_INPUT


def _trickled_headers(conn: RawConnection) -> None:
    if conn.read_request() is None:
        return
    for byte in b"HTTP/1.1 200 OK\r\nX-Pad: " + b"a" * 400:
        if not conn.sleep(0.05):
            return
        conn.send(bytes([byte]))


@pytest.mark.timeout(20)
def test_a_callers_own_sync_client_cannot_be_held_by_trickled_headers() -> None:
    """A plain ``httpx.Client`` of the caller (no DeadlineTransport): the attempt still ends at
    its bound (before: as long as the server trickled)."""
    with (
        RawServer(_trickled_headers) as server,
        httpx.Client() as http,
        SwapClient(CREDS, base_url=server.url, http_client=http, timeout=1.0, max_retries=0) as c,
    ):
        started = time.monotonic()
        with pytest.raises(APITimeoutError) as caught:
            c.cancel(BTC, order_ids=[1])
        elapsed = time.monotonic() - started
    assert caught.value.may_have_reached
    assert elapsed < 2.0  # the whole header would take 20 s
