"""Raw exceptions become typed at construction, a closed client sends nothing, secrets stay out
of traceback locals, clock trouble is told as such, and a few smaller edges.

Findings covered: ``timeout=inf``/``nan``/``1e12`` were accepted (a call could wait forever);
``backoff_initial=-1`` was reported as ``max_retries``; ``max_concurrency="4"`` raised a raw
TypeError; a closed client raised httpx's RuntimeError; ``repr()`` of a half-built client raised;
``from_env`` held ``os.environ`` in a local; a malformed clock answer replaced the cancel's
TimestampError; a server clock 23 h off was applied silently; an ``int`` subclass went out as its
``str()``; a 10 MiB ``err_msg`` became a 10 MiB exception message.
"""

from __future__ import annotations

import asyncio
import json
import math
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import htx_swap
import pytest
from htx_swap import (
    AsyncSwapClient,
    HtxApiError,
    HtxCredentials,
    HtxError,
    InvalidRequestError,
    SwapClient,
    TimestampError,
    cli,
)
from htx_swap_mock import MockExchange

from tests.hostile.raw_server import RawRequest, RawServer
from tests.hostile.support import (
    BTC,
    CREDS,
    MODES,
    TIMESTAMP_PATH,
    api,
    attr,
    call,
    cancel_ok,
    json_answers,
    mock_transport_client,
)

IDS = ["11", "12"]


def _build(mode: str, **options: Any) -> None:
    """Construct (and close) a client for a loopback URL; nothing is sent."""
    if mode == "sync":
        SwapClient(CREDS, base_url="http://127.0.0.1:9", **options).close()
    else:
        AsyncSwapClient(CREDS, base_url="http://127.0.0.1:9", **options)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"timeout": math.inf}, "timeout"),
        ({"timeout": math.nan}, "timeout"),
        ({"timeout": 1e12}, "timeout"),
        ({"backoff_initial": -1}, "backoff_initial"),
        ({"backoff_max": math.nan}, "backoff_max"),
    ],
    ids=["timeout-inf", "timeout-nan", "timeout-1e12", "backoff-negative", "backoff-max-nan"],
)
def test_unusable_numbers_are_refused_naming_the_field(
    mode: str, options: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        _build(mode, **options)
    assert caught.value.field == field


@pytest.mark.parametrize("value", ["4", None, 0])
def test_max_concurrency_is_checked(value: object) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        _build("async", max_concurrency=value)
    assert caught.value.field == "max_concurrency"


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_a_closed_client_sends_nothing(mode: str) -> None:
    closed_error = api("ClientClosedError")
    assert issubclass(closed_error, HtxError)
    with RawServer(json_answers(lambda request: cancel_ok("11,12"))) as server:
        if mode == "sync":
            client = SwapClient(CREDS, base_url=server.url)
            client.close()
            with pytest.raises(closed_error) as caught:
                client.cancel(BTC, order_ids=IDS)
        else:

            async def run() -> None:
                client = AsyncSwapClient(CREDS, base_url=server.url)
                await client.aclose()
                await client.cancel(BTC, order_ids=IDS)

            with pytest.raises(closed_error) as caught:
                asyncio.run(run())
    assert attr(caught.value, "may_have_reached") is False
    assert server.connections == 0


@pytest.mark.parametrize("cls", [SwapClient, AsyncSwapClient])
def test_repr_of_a_half_built_client_does_not_raise(cls: type[Any]) -> None:
    client: Any = object.__new__(cls)
    with pytest.raises(InvalidRequestError):
        client.__init__(CREDS, base_url="ftp://nowhere.example")
    assert isinstance(repr(client), str)


def test_from_env_keeps_the_secret_out_of_traceback_locals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    canary = "env-secret-canary-93c1f0"
    monkeypatch.delenv("HTX_ACCESS_KEY", raising=False)
    monkeypatch.setenv("HTX_SECRET_KEY", canary)
    monkeypatch.setenv("HOSTILE_ENV_MARKER", "marker-7ab2")  # shows a copy of the environment
    with pytest.raises(InvalidRequestError) as caught:
        HtxCredentials.from_env()
    sdk = str(Path(htx_swap.__file__).parent)
    report = traceback.TracebackException.from_exception(caught.value, capture_locals=True)
    sdk_frames = [frame for frame in report.stack if frame.filename.startswith(sdk)]
    assert sdk_frames, "the traceback has no frame of the SDK"
    for frame in sdk_frames:
        for name, value in (frame.locals or {}).items():
            assert canary not in value, f"{frame.name}: local {name} holds the secret"
            assert "marker-7ab2" not in value, f"{frame.name}: local {name} holds the environment"
    # The SDK's frames as printed (the whole report also shows this test's own frame, whose
    # local is the canary: that one is the caller's business).
    printed = "".join(line for line in report.stack.format() if sdk in line.split("\n")[0])
    assert canary not in printed


def test_cli_refuses_an_infinite_timeout_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HTX_ACCESS_KEY", "cli-access")
    monkeypatch.setenv("HTX_SECRET_KEY", "cli-canary-secret-44e0")
    with RawServer(json_answers(lambda request: cancel_ok("11"))) as server:
        argv = ["cancel", BTC, "--order-id", "11", "--timeout", "inf", "--base-url", server.url]
        code = cli.main(argv)
    captured = capsys.readouterr()
    assert code == 2, captured.out + captured.err
    assert server.connections == 0
    assert len(captured.err.strip().splitlines()) == 1
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    ("variable", "value"),
    [("ALL_PROXY", "socks5://127.0.0.1:1"), ("HTTPS_PROXY", "http://[bad")],
    ids=["socks-without-socksio", "malformed"],
)
def test_cli_refuses_an_unusable_proxy_in_one_line(
    variable: str, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HTX_ACCESS_KEY", "cli-access")
    monkeypatch.setenv("HTX_SECRET_KEY", "cli-canary-secret-44e0")
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, value)
    with RawServer(json_answers(lambda request: cancel_ok("11"))) as server:
        try:
            code = cli.main(["cancel", BTC, "--order-id", "11", "--base-url", server.url])
        except Exception as exc:  # a traceback is exactly the finding
            pytest.fail(f"the CLI raised {exc!r}")
    captured = capsys.readouterr()
    assert code == 2, captured.out + captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert variable in captured.err.upper()


# -- the clock -----------------------------------------------------------------------------


def _stale_then_garbage(request: RawRequest) -> bytes:
    if request.path == TIMESTAMP_PATH:
        return b"<html>not a clock</html>"
    body = {"status": "error", "err_code": 1003, "err_msg": "Invalid timestamp.", "ts": 1}
    return json.dumps(body).encode()


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_a_failed_resync_keeps_the_cancels_timestamp_error(mode: str) -> None:
    with RawServer(json_answers(_stale_then_garbage)) as server:
        done = call(mode, server.url, "cancel", BTC, order_ids=IDS, options={"timeout": 2.0})
    assert any(r.path == TIMESTAMP_PATH for r in server.requests), "no resync was tried"
    assert isinstance(done.error, TimestampError), repr(done.error)
    assert isinstance(done.error.__cause__, HtxError), repr(done.error.__cause__)


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("hours", [23.0, -23.0])
def test_a_server_clock_a_day_off_is_clock_skew(
    mode: str, hours: float, htx_exchange_factory: Callable[..., MockExchange]
) -> None:
    skew_error = api("ClockSkewError")
    assert issubclass(skew_error, HtxError)
    ex = htx_exchange_factory(rate_limit=None)
    ex.clock_offset = hours * 3600
    done = call(mode, ex.url, "sync_clock", options={"timeout": 2.0})
    assert isinstance(done.error, skew_error), repr(done.error)
    assert abs(attr(done.error, "offset") - hours * 3600) < 60


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_a_server_clock_minutes_off_is_corrected_not_refused(
    mode: str, htx_exchange_factory: Callable[..., MockExchange]
) -> None:
    ex = htx_exchange_factory(rate_limit=None)
    ex.clock_offset = 30 * 60.0  # under the 1-hour threshold
    done = call(mode, ex.url, "sync_clock", options={"timeout": 2.0})
    assert done.error is None, repr(done.error)
    assert abs(done.value - 1800) < 60


# -- smaller edges -------------------------------------------------------------------------


class WeirdInt(int):
    def __str__(self) -> str:
        return "7"

    def __repr__(self) -> str:
        return "7"


@pytest.mark.parametrize("mode", MODES)
def test_an_int_subclass_goes_out_as_its_value(mode: str) -> None:
    bodies: list[bytes] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        return httpx.Response(200, content=cancel_ok("5"))

    done = call(
        mode,
        "https://api.hbdm.com",
        "cancel",
        BTC,
        order_ids=[WeirdInt(5)],
        http_client=lambda mode: mock_transport_client(mode, handler),
    )
    assert [json.loads(body)["order_id"] for body in bodies] == ["5"]
    assert done.error is None, repr(done.error)
    assert done.value.successes == ["5"]


@pytest.mark.timeout(30)
@pytest.mark.parametrize("mode", MODES)
def test_a_huge_err_msg_gives_a_short_message_and_keeps_the_full_text(mode: str) -> None:
    text = "refused " + "x" * (10 << 20) + " END"
    body = json.dumps({"status": "error", "err_code": 1061, "err_msg": text, "ts": 1}).encode()
    with RawServer(json_answers(lambda request: body)) as server:
        done = call(
            mode,
            server.url,
            "cancel",
            BTC,
            order_ids=IDS,
            options={"timeout": 5.0, "max_response_bytes": 32 << 20},
        )
    assert isinstance(done.error, HtxApiError), repr(done.error)[:300]
    assert done.error.code == 1061
    assert len(str(done.error)) < 1000
    assert len(repr(done.error)) < 2000
    assert attr(done.error, "full_message") == text
