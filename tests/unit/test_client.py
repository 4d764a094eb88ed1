"""Whole calls through SwapClient and AsyncSwapClient over httpx.MockTransport, sync and async."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from htx_swap import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AsyncSwapClient,
    AuthenticationError,
    CancelResult,
    HtxApiError,
    HtxCredentials,
    HtxError,
    InvalidRequestError,
    OrderCancelError,
    RateLimitError,
    ResponseParseError,
    ServerError,
    ServiceUnavailableError,
    SwapClient,
    TimestampError,
)

from tests.unit.fake_htx import ACCESS_KEY, SECRET_KEY, FakeHtx, ok_body

CREDS = HtxCredentials(ACCESS_KEY, SECRET_KEY)
BIG_A, BIG_B = "768503271974985728", "771038212360937472"
NOW = 1603871877.0  # matches FakeHtx.server_time_ms, so the clock offset starts at ~0
MODES = ["sync", "async"]


def run(
    mode: str,
    fake: FakeHtx,
    call: str = "cancel",
    client_options: dict[str, Any] | None = None,
    /,
    *args: Any,
    **kwargs: Any,
) -> CancelResult:
    options: dict[str, Any] = {
        "base_url": "https://api.hbdm.com",
        "max_retries": 0,
        "rate_limiter": None,
        "clock": lambda: NOW,
        "backoff_initial": 0.001,
        "backoff_max": 0.002,
        **(client_options or {}),
    }
    if mode == "sync":
        http = httpx.Client(transport=fake.transport())
        with SwapClient(CREDS, http_client=http, **options) as client:
            result: CancelResult = getattr(client, call)(*args, **kwargs)
        http.close()
        return result

    async def go() -> CancelResult:
        async with (
            httpx.AsyncClient(transport=fake.transport()) as http,
            AsyncSwapClient(CREDS, http_client=http, **options) as client,
        ):
            answer: CancelResult = await getattr(client, call)(*args, **kwargs)
            return answer

    return asyncio.run(go())


def text_response(status: int, body: str | bytes, **headers: str) -> httpx.Response:
    content = body.encode() if isinstance(body, str) else body
    return httpx.Response(
        status, content=content, headers={"Content-Type": "text/plain;charset=UTF-8", **headers}
    )


def json_response(status: int, body: dict[str, Any], **headers: str) -> httpx.Response:
    return text_response(status, json.dumps(body, ensure_ascii=False), **headers)


@pytest.mark.parametrize("mode", MODES)
def test_cancel_by_order_ids_is_signed_and_typed(mode: str) -> None:
    fake = FakeHtx()
    fake.queue(
        json_response(
            200,
            ok_body([BIG_B], [{"order_id": BIG_A, "err_code": 1061, "err_msg": "不存在"}]),
            **{"Ratelimit-Limit": "72", "Ratelimit-Remaining": "71", "Ratelimit-Reset": "99"},
        )
    )
    result = run(mode, fake, "cancel", None, "BTC-USD", order_ids=[BIG_A, BIG_B])
    assert result.successes == [BIG_B]
    assert result.errors == [OrderCancelError(BIG_A, 1061, "不存在")]
    assert result.ts == 1603871877639
    assert result.rate_limit is not None
    assert (result.rate_limit.limit, result.rate_limit.remaining) == (72, 71)
    assert result.attempts == 1
    assert fake.signatures_valid == [True]
    assert fake.bodies() == [{"order_id": f"{BIG_A},{BIG_B}", "contract_code": "BTC-USD"}]
    assert fake.requests[0].url.path == "/swap-api/v1/swap_cancel"
    assert fake.requests[0].method == "POST"


@pytest.mark.parametrize("mode", MODES)
def test_cancel_by_client_order_ids(mode: str) -> None:
    fake = FakeHtx()
    result = run(mode, fake, "cancel", None, "BTC-USD", client_order_ids=[9001, 9002])
    assert result.successes == ["9001", "9002"]
    assert fake.bodies() == [{"client_order_id": "9001,9002", "contract_code": "BTC-USD"}]


@pytest.mark.parametrize("mode", MODES)
def test_empty_successes_string_is_an_empty_list(mode: str) -> None:
    fake = FakeHtx()
    errors = [{"order_id": "5", "err_code": 1063, "err_msg": "filled"}]
    fake.queue(json_response(200, ok_body([], errors)))
    result = run(mode, fake, "cancel", None, "BTC-USD", order_ids=["5"])
    assert result.successes == []
    assert result.errors[0].err_code == 1063


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({}, "order_ids/client_order_ids"),
        ({"order_ids": ["1"], "client_order_ids": ["2"]}, "order_ids/client_order_ids"),
        ({"order_ids": [str(n) for n in range(1, 12)]}, "order_ids"),
        ({"order_ids": [1.5]}, "order_ids[0]"),
        ({"order_ids": [True]}, "order_ids[0]"),
        ({"order_ids": ["1", "1"]}, "order_ids"),
        ({"client_order_ids": [2**63]}, "client_order_ids[0]"),
        ({"order_ids": "1,2"}, "order_ids"),
        ({"order_ids": ["1"], "contract_code": "BTC USD"}, "contract_code"),
        ({"order_ids": ["1"], "contract_code": ""}, "contract_code"),
        ({"order_ids": ["1"], "contract_code": "BTC,ETH"}, "contract_code"),
    ],
)
def test_invalid_input_sends_nothing(mode: str, kwargs: dict[str, Any], field: str) -> None:
    fake = FakeHtx()
    kwargs = dict(kwargs)  # the parameter dict is shared by the sync and async cases
    contract_code = kwargs.pop("contract_code", "BTC-USD")
    with pytest.raises(InvalidRequestError) as caught:
        run(mode, fake, "cancel", None, contract_code, **kwargs)
    assert caught.value.field == field
    assert fake.requests == []


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"base_url": "http://api.hbdm.com"}, "base_url"),
        ({"base_url": "ftp://api.hbdm.com"}, "base_url"),
        ({"base_url": "api.hbdm.com"}, "base_url"),
        ({"base_url": "https://api.hbdm.com?x=1"}, "base_url"),
        ({"timeout": None}, "timeout"),
        ({"timeout": 0}, "timeout"),
        ({"timeout": httpx.Timeout(None)}, "timeout"),
        ({"max_retries": -1}, "max_retries"),
    ],
)
def test_bad_client_options_fail_at_construction(options: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        SwapClient(CREDS, **options)
    assert caught.value.field == field


@pytest.mark.parametrize(
    "base_url", ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:80", "https://x.io"]
)
def test_https_or_loopback_base_urls_are_accepted(base_url: str) -> None:
    with SwapClient(CREDS, base_url=base_url) as client:
        assert "SwapClient" in repr(client)


def _business(code: int, message: str = "msg", status: int = 200) -> httpx.Response:
    return json_response(status, {"status": "error", "err_code": code, "err_msg": message, "ts": 1})


def _gateway(code: str, message: str, status: int = 200) -> httpx.Response:
    body = {"status": "error", "err-code": code, "err-msg": message, "data": None}
    return json_response(status, body)


ERROR_CASES: list[tuple[str, Callable[[], httpx.Response | Exception], type[HtxError], Any]] = [
    ("1051", lambda: _business(1051, "No cancellable orders."), HtxApiError, 1051),
    ("1017", lambda: _business(1017), AuthenticationError, 1017),
    ("12005", lambda: _business(12005), AuthenticationError, 12005),
    ("403-status", lambda: text_response(403, "Forbidden"), AuthenticationError, None),
    (
        "gateway-signature",
        lambda: _gateway("api-signature-not-valid", "Signature not valid: Incorrect Access key"),
        AuthenticationError,
        "api-signature-not-valid",
    ),
    ("1032", lambda: _business(1032), RateLimitError, 1032),
    ("429", lambda: text_response(429, "", **{"Retry-After": "2"}), RateLimitError, None),
    ("1004", lambda: _business(1004, "系统繁忙"), ServiceUnavailableError, 1004),
    (
        "502-html",
        lambda: text_response(502, "<html>Bad gateway</html>"),
        ServiceUnavailableError,
        None,
    ),
    ("503", lambda: text_response(503, ""), ServiceUnavailableError, None),
    ("504", lambda: text_response(504, ""), ServiceUnavailableError, None),
    ("500", lambda: text_response(500, "<html>oops</html>"), ServerError, None),
    ("404", lambda: text_response(404, "not found"), APIStatusError, None),
    ("malformed-json", lambda: text_response(200, "{not json"), ResponseParseError, None),
    ("truncated-json", lambda: text_response(200, '{"status":"ok","da'), ResponseParseError, None),
    ("html-200", lambda: text_response(200, "<html>cf</html>"), ResponseParseError, None),
    ("no-shape", lambda: json_response(200, {"hello": 1}), ResponseParseError, None),
    ("ok-no-data", lambda: json_response(200, {"status": "ok", "ts": 1}), ResponseParseError, None),
    (
        "ok-data-null",
        lambda: json_response(200, {"status": "ok", "data": None, "ts": 1}),
        ResponseParseError,
        None,
    ),
    (
        "successes-number",
        lambda: json_response(
            200, {"status": "ok", "data": {"errors": [], "successes": 5}, "ts": 1}
        ),
        ResponseParseError,
        None,
    ),
    (
        "ts-string",
        lambda: json_response(
            200, {"status": "ok", "data": {"errors": [], "successes": ""}, "ts": "1"}
        ),
        ResponseParseError,
        None,
    ),
    (
        "error-entry-wrong-type",
        lambda: json_response(200, ok_body([], [{"order_id": "1", "err_code": "x", "err_msg": 1}])),
        ResponseParseError,
        None,
    ),
    (
        "float-id",
        lambda: json_response(
            200, ok_body([], [{"order_id": 7.6e17, "err_code": 1061, "err_msg": "x"}])
        ),
        ResponseParseError,
        None,
    ),
    ("connect", lambda: httpx.ConnectError("refused"), APIConnectionError, None),
    ("read-timeout", lambda: httpx.ReadTimeout("slow"), APITimeoutError, None),
    ("connect-timeout", lambda: httpx.ConnectTimeout("slow"), APITimeoutError, None),
    (
        "dropped",
        lambda: httpx.RemoteProtocolError("peer closed connection"),
        APIConnectionError,
        None,
    ),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("answer", "error_class", "code"),
    [pytest.param(a, e, c, id=name) for name, a, e, c in ERROR_CASES],
)
def test_error_mapping(
    mode: str,
    answer: Callable[[], httpx.Response | Exception],
    error_class: type[HtxError],
    code: Any,
) -> None:
    fake = FakeHtx()
    fake.queue(answer())
    with pytest.raises(HtxError) as caught:
        run(mode, fake, "cancel", None, "BTC-USD", order_ids=["1"])
    assert type(caught.value) is error_class, repr(caught.value)
    if isinstance(caught.value, HtxApiError):
        assert caught.value.code == code
    assert len(fake.requests) == 1


def test_api_error_keeps_message_status_and_excerpt() -> None:
    fake = FakeHtx()
    fake.queue(_business(1061, "订单不存在", status=200))
    with pytest.raises(HtxApiError) as caught:
        run("sync", fake, "cancel", None, "BTC-USD", order_ids=["1"])
    error = caught.value
    assert (error.code, error.message, error.status_code) == (1061, "订单不存在", 200)
    assert "订单不存在" in error.body_excerpt
    assert "1061" in str(error)


def test_rate_limit_error_reads_retry_after() -> None:
    fake = FakeHtx()
    fake.queue(text_response(429, "", **{"Retry-After": "7"}))
    with pytest.raises(RateLimitError) as caught:
        run("sync", fake, "cancel", None, "BTC-USD", order_ids=["1"])
    assert caught.value.retry_after == 7.0
    assert caught.value.status_code == 429


@pytest.mark.parametrize("mode", MODES)
def test_gateway_timestamp_message_is_a_timestamp_error(mode: str) -> None:
    fake = FakeHtx()
    stale = _gateway(
        "api-signature-not-valid", "Signature not valid: 无效的提交时间 [Invalid submission time]"
    )
    fake.queue(stale, stale)
    with pytest.raises(TimestampError) as caught:
        run(mode, fake, "cancel", None, "BTC-USD", order_ids=["1"])
    assert caught.value.code == "api-signature-not-valid"
    assert "无效的提交时间" in caught.value.message
    assert fake.clock_reads == 1  # synced once, retried once, then gave up
    assert len([r for r in fake.requests if r.url.path.endswith("swap_cancel")]) == 2


@pytest.mark.parametrize("mode", MODES)
def test_timestamp_error_syncs_clock_and_retries_once(mode: str) -> None:
    fake = FakeHtx()
    fake.server_time_ms = int((NOW + 600) * 1000)  # the server is ten minutes ahead
    fake.queue(_business(1003, "timestamp error"))
    result = run(mode, fake, "cancel", {"max_retries": 0}, "BTC-USD", order_ids=["1"])
    assert result.successes == ["1"]
    cancels = [r for r in fake.requests if r.url.path.endswith("swap_cancel")]
    stamps = [dict(httpx.QueryParams(r.url.query.decode()))["Timestamp"] for r in cancels]
    assert stamps == ["2020-10-28T07:57:57", "2020-10-28T08:07:57"]
    assert fake.signatures_valid == [True, True]
    assert result.attempts == 2  # the refused attempt counts
