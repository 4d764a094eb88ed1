"""Every fault, before and after the exchange processes the request."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import httpx
import pytest
from htx_swap import HtxAuth, HtxCredentials
from htx_swap_mock import FaultKind, MockExchange, OrderState, faults
from htx_swap_mock.faults import Fault

from tests.mock_exchange.helpers import CANCEL_PATH, cancel

BTC = "BTC-USD"
BODY = {"order_id": "1", "contract_code": BTC}
# What a client sees when the connection ends without a complete answer.
TRANSPORT_ERRORS = (httpx.RemoteProtocolError, httpx.ReadError)


@pytest.fixture
def send(client: httpx.Client, ex: MockExchange) -> Callable[..., httpx.Response]:
    ex.add_order(BTC, 1)

    def send_cancel(timeout: float = 5.0) -> httpx.Response:
        return cancel(client, ex.access_key, ex.secret_key, BODY, timeout=timeout)

    return send_cancel


def _cancelled(ex: MockExchange) -> bool:
    return ex.order_state(BTC, 1) is OrderState.CANCELLED


@pytest.mark.parametrize("after_processing", [False, True])
def test_drop(
    ex: MockExchange, send: Callable[..., httpx.Response], after_processing: bool
) -> None:
    rule = ex.inject(faults.drop(), after_processing=after_processing)
    with pytest.raises(TRANSPORT_ERRORS):
        send()
    assert _cancelled(ex) is after_processing
    assert (rule.applied, rule.remaining, ex.pending_faults()) == (1, 0, [])
    (record,) = ex.received
    assert record.fault == "drop"
    assert record.fault_after_processing is after_processing
    assert record.signature_valid
    assert json.loads(send().content)["status"] == "ok"  # the fault was used up


def test_drop_sends_no_byte_at_all(ex: MockExchange, send: Callable[..., httpx.Response]) -> None:
    ex.inject(faults.drop())
    with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
        send()


@pytest.mark.parametrize("after_processing", [False, True])
def test_truncated_body(
    ex: MockExchange, send: Callable[..., httpx.Response], after_processing: bool
) -> None:
    ex.inject(faults.truncated_body(), after_processing=after_processing)
    with pytest.raises(httpx.RemoteProtocolError, match=r"complete message body"):
        send()
    assert _cancelled(ex) is after_processing


def test_truncated_body_read_raw(ex: MockExchange, client: httpx.Client) -> None:
    # Headers arrive, then the body stops short of its Content-Length.
    ex.inject(faults.truncated_body())
    with client.stream("GET", "/api/v1/timestamp") as response:
        assert response.status_code == 200
        declared = int(response.headers["content-length"])
        received = bytearray()

        def read_all() -> None:
            for chunk in response.iter_raw():
                received.extend(chunk)

        with pytest.raises(httpx.RemoteProtocolError):
            read_all()
    assert 0 < len(received) < declared


def test_stall_until_client_timeout(ex: MockExchange, send: Callable[..., httpx.Response]) -> None:
    ex.inject(faults.stall(30))
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        send(timeout=0.2)
    assert time.monotonic() - started < 5  # the stall did not hold the client
    assert not _cancelled(ex)


def test_stall_after_processing(ex: MockExchange, send: Callable[..., httpx.Response]) -> None:
    ex.inject(faults.stall(30), after_processing=True)
    with pytest.raises(httpx.ReadTimeout):
        send(timeout=0.2)
    assert _cancelled(ex)  # the client timed out, yet the order was cancelled


def test_short_stall_ends_in_a_drop(ex: MockExchange, send: Callable[..., httpx.Response]) -> None:
    ex.inject(faults.stall(0.2))
    started = time.monotonic()
    with pytest.raises(TRANSPORT_ERRORS):
        send(timeout=5.0)
    assert time.monotonic() - started >= 0.2
    assert not _cancelled(ex)


@pytest.mark.parametrize("after_processing", [False, True])
def test_delay_then_normal_answer(
    ex: MockExchange, send: Callable[..., httpx.Response], after_processing: bool
) -> None:
    ex.inject(faults.delay(0.3), after_processing=after_processing)
    started = time.monotonic()
    response = send()
    assert time.monotonic() - started >= 0.3
    assert json.loads(response.content)["data"]["successes"] == "1"
    assert _cancelled(ex)


def test_delay_after_processing_with_client_timeout(
    ex: MockExchange, send: Callable[..., httpx.Response]
) -> None:
    ex.inject(faults.delay(30), after_processing=True)
    with pytest.raises(httpx.ReadTimeout):
        send(timeout=0.2)
    assert _cancelled(ex)


def _status_fault_cases() -> list[tuple[Fault, int, str]]:
    return [
        (faults.http_500(), 500, "text/plain;charset=UTF-8"),
        (faults.http_500(json_body=False), 500, "text/plain; charset=utf-8"),
        (faults.html_502(), 502, "text/html; charset=UTF-8"),
        (faults.http_503(), 503, "text/html; charset=UTF-8"),
        (faults.http_429(7), 429, "text/plain;charset=UTF-8"),
        (faults.malformed_json(), 200, "text/plain;charset=UTF-8"),
        (faults.business_error(1004, "System busy"), 200, "text/plain;charset=UTF-8"),
        (faults.gateway_error(), 200, "text/plain;charset=UTF-8"),
    ]


@pytest.mark.parametrize(
    ("fault", "status", "content_type"),
    _status_fault_cases(),
    ids=lambda value: value.kind.value if isinstance(value, Fault) else None,
)
@pytest.mark.parametrize("after_processing", [False, True])
def test_http_answer_faults(
    ex: MockExchange,
    send: Callable[..., httpx.Response],
    fault: Fault,
    status: int,
    content_type: str,
    after_processing: bool,
) -> None:
    ex.inject(fault, after_processing=after_processing)
    response = send()
    assert response.status_code == status
    assert response.headers["content-type"] == content_type
    assert _cancelled(ex) is after_processing
    assert ex.received[0].fault == fault.kind.value


def test_fault_bodies(ex: MockExchange, send: Callable[..., httpx.Response]) -> None:
    ex.inject(faults.http_500())
    assert json.loads(send().content)["err_code"] == 1000
    ex.inject(faults.html_502())
    page = send()
    assert b"502 Bad Gateway" in page.content
    assert page.headers["server"] == "cloudflare"
    ex.inject(faults.http_503())
    assert b"503" in send().content
    ex.inject(faults.http_429(7))
    limited = send()
    assert limited.headers["retry-after"] == "7"
    assert json.loads(limited.content)["err_code"] == 1032
    ex.inject(faults.malformed_json())
    with pytest.raises(json.JSONDecodeError):
        json.loads(send().content)
    ex.inject(faults.business_error(1084, "Your contract API is disabled"))
    business = json.loads(send().content)
    assert {key: business[key] for key in ("status", "err_code", "err_msg")} == {
        "status": "error",
        "err_code": 1084,
        "err_msg": "Your contract API is disabled",
    }
    assert isinstance(business["ts"], int)
    ex.inject(
        faults.gateway_error(message="Signature not valid: Incorrect IP address [IP地址错误]")
    )
    gateway = json.loads(send().content)
    assert gateway["err-code"] == "api-signature-not-valid"
    assert "IP地址错误" in gateway["err-msg"]
    assert gateway["data"] is None


def test_times_and_order_of_rules(ex: MockExchange, send: Callable[..., httpx.Response]) -> None:
    first = ex.inject(faults.http_503(), times=2)
    ex.inject(faults.html_502())
    assert [send().status_code for _ in range(4)] == [503, 503, 502, 200]
    assert (first.applied, first.remaining, first.exhausted) == (2, 0, True)
    assert ex.pending_faults() == []
    assert [r.fault for r in ex.received] == ["http_503", "http_503", "html_502", None]


def test_unlimited_until_cleared(ex: MockExchange, send: Callable[..., httpx.Response]) -> None:
    rule = ex.inject(faults.http_503(), times=None)
    assert [send().status_code for _ in range(3)] == [503, 503, 503]
    assert rule.remaining is None
    ex.clear_faults()
    assert send().status_code == 200


def test_path_filter(
    ex: MockExchange, client: httpx.Client, send: Callable[..., httpx.Response]
) -> None:
    ex.inject(faults.http_503(), path="/api/v1/timestamp")
    assert send().status_code == 200
    assert client.get("/api/v1/timestamp").status_code == 503


def test_predicate(ex: MockExchange, client: httpx.Client) -> None:
    ex.add_order(BTC, 2)
    ex.add_order(BTC, 3)
    ex.inject(
        faults.drop(),
        when=lambda request: request.path == CANCEL_PATH and b'"3"' in request.body,
        after_processing=True,
    )
    ok = cancel(client, ex.access_key, ex.secret_key, {"order_id": "2", "contract_code": BTC})
    assert ok.status_code == 200
    with pytest.raises(TRANSPORT_ERRORS):
        cancel(client, ex.access_key, ex.secret_key, {"order_id": "3", "contract_code": BTC})
    assert ex.order_state(BTC, 3) is OrderState.CANCELLED
    assert [r.fault for r in ex.received] == [None, "drop"]


def test_invalid_rules_are_refused(ex: MockExchange) -> None:
    with pytest.raises(ValueError, match="times"):
        ex.inject(faults.drop(), times=0)
    with pytest.raises(ValueError, match="seconds"):
        faults.delay(-1)
    assert FaultKind("stall") is FaultKind.STALL


def test_faults_before_processing_skip_authentication(
    ex: MockExchange, client: httpx.Client
) -> None:
    # A fault stands for the network or a proxy: it answers even an unsigned request.
    ex.inject(faults.html_502())
    assert client.post(CANCEL_PATH, content=b"{}").status_code == 502
    assert not ex.received[0].signature_valid


@pytest.mark.asyncio
async def test_async_client_sees_the_drop_after_processing() -> None:
    async with MockExchange(rate_limit=None) as exchange:
        exchange.add_order(BTC, 1)
        exchange.inject(faults.drop(), after_processing=True)
        auth = HtxAuth(HtxCredentials(exchange.access_key, exchange.secret_key))
        async with httpx.AsyncClient(base_url=exchange.url, auth=auth, timeout=5.0) as client:
            with pytest.raises(TRANSPORT_ERRORS):
                await client.post(CANCEL_PATH, json=BODY)
            assert exchange.order_state(BTC, 1) is OrderState.CANCELLED
            retried = await client.post(CANCEL_PATH, json=BODY)
        assert json.loads(retried.content)["data"]["errors"][0]["err_code"] == 1071
        assert [r.signature_valid for r in exchange.received] == [True, True]
