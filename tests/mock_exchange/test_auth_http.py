"""Signature checks over HTTP: HTX's error shapes, the server clock and its skew."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest
from htx_swap_mock import AuthFailure, MockExchange, OrderState, TimestampErrorStyle

from tests.mock_exchange.helpers import (
    CANCEL_PATH,
    auth_params,
    cancel,
    query_string,
    sign_params,
    utc_timestamp,
)

BTC = "BTC-USD"
BODY = {"order_id": "1", "contract_code": BTC}


def _json(response: httpx.Response) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(response.content)
    return document


def _assert_gateway(response: httpx.Response, message_part: str) -> None:
    assert response.status_code == 200
    document = _json(response)
    assert set(document) == {"status", "err-code", "err-msg", "data"}
    assert document["status"] == "error"
    assert document["err-code"] == "api-signature-not-valid"
    assert document["data"] is None
    assert message_part in document["err-msg"]
    assert document["err-msg"].startswith("Signature not valid: ")


def _set(name: str, value: str) -> Any:
    return lambda params: [(n, value if n == name else v) for n, v in params]


def test_signed_request_is_accepted_and_recorded(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    response = cancel(client, ex.access_key, ex.secret_key, BODY)
    assert _json(response)["status"] == "ok"
    (record,) = ex.received
    assert record.signature_valid
    assert record.auth_failure is None
    assert record.access_key == ex.access_key
    assert record.param("SignatureMethod") == "HmacSHA256"
    assert record.header("HOST") == client.base_url.netloc.decode()
    assert record.json() == BODY


def test_unknown_access_key(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    response = cancel(client, "someone-else", ex.secret_key, BODY)
    _assert_gateway(response, "Incorrect Access key [Access key错误]")
    assert ex.order_state(BTC, 1) is OrderState.OPEN
    assert ex.received[0].auth_failure is AuthFailure.UNKNOWN_ACCESS_KEY
    assert not ex.received[0].signature_valid


def test_wrong_secret(client: httpx.Client, ex: MockExchange) -> None:
    ex.add_order(BTC, 1)
    _assert_gateway(cancel(client, ex.access_key, "wrong", BODY), "Verification failure")
    assert ex.order_state(BTC, 1) is OrderState.OPEN


def _signed_for(ex: MockExchange, host: str) -> str:
    params = auth_params(ex.access_key, utc_timestamp())
    params.append(("Signature", sign_params(ex.secret_key, "POST", host, CANCEL_PATH, params)))
    return query_string(params)


def test_the_host_signed_is_the_host_header(client: httpx.Client, ex: MockExchange) -> None:
    query = _signed_for(ex, "api.hbdm.com")
    body = json.dumps(BODY).encode()
    # Signed for another host than the one the request goes to: refused.
    _assert_gateway(client.post(f"{CANCEL_PATH}?{query}", content=body), "Verification failure")
    # The same query with that host in the Host header (a proxy in between): accepted.
    proxied = client.post(f"{CANCEL_PATH}?{query}", content=body, headers={"Host": "API.hbdm.com"})
    assert _json(proxied)["status"] == "ok"


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (lambda p: [x for x in p if x[0] != "Timestamp"], "Missing required parameter Timestamp"),
        (lambda p: [*p, ("Timestamp", dict(p)["Timestamp"])], "Duplicated parameter Timestamp"),
        (lambda p: [*p, ("AccessKeyId", "other")], "Duplicated parameter AccessKeyId"),
        (_set("SignatureMethod", "HmacSHA1"), "Incorrect signature method"),
        (_set("SignatureVersion", "1"), "Incorrect signature version"),
        (lambda p: [*p, ("contract_code", "BTC-USD")], "Verification failure"),  # unsigned
    ],
)
def test_tampered_queries(
    client: httpx.Client, ex: MockExchange, tamper: Any, message: str
) -> None:
    _assert_gateway(cancel(client, ex.access_key, ex.secret_key, BODY, tamper=tamper), message)


def test_gateway_error_status_is_configurable(client: httpx.Client, ex: MockExchange) -> None:
    ex.settings.gateway_error_status = 401
    response = cancel(client, ex.access_key, "wrong", BODY)
    assert response.status_code == 401
    assert _json(response)["err-code"] == "api-signature-not-valid"


def test_stale_timestamp_is_business_12001_by_default(
    client: httpx.Client, ex: MockExchange
) -> None:
    ex.add_order(BTC, 1)
    stale = utc_timestamp(time.time() - 400)
    response = cancel(client, ex.access_key, ex.secret_key, BODY, timestamp=stale)
    document = _json(response)
    assert response.status_code == 200
    assert (document["status"], document["err_code"]) == ("error", 12001)
    assert "submission time" in document["err_msg"]
    assert ex.order_state(BTC, 1) is OrderState.OPEN
    record = ex.received[0]
    assert record.signature_valid
    assert record.auth_failure is AuthFailure.STALE_TIMESTAMP


def test_stale_timestamp_gateway_variant(client: httpx.Client, ex: MockExchange) -> None:
    ex.settings.timestamp_error = TimestampErrorStyle.GATEWAY
    future = utc_timestamp(time.time() + 400)
    response = cancel(client, ex.access_key, ex.secret_key, BODY, timestamp=future)
    _assert_gateway(response, "Invalid submission time")
    assert "无效的提交时间" in _json(response)["err-msg"]


def test_malformed_timestamp(client: httpx.Client, ex: MockExchange) -> None:
    response = cancel(client, ex.access_key, ex.secret_key, BODY, timestamp="yesterday")
    assert _json(response)["err_code"] == 12001
    assert ex.received[0].auth_failure is AuthFailure.BAD_TIMESTAMP


def test_server_time(client: httpx.Client, ex: MockExchange) -> None:
    before = int(time.time() * 1000)
    response = client.get("/api/v1/timestamp")
    after = int(time.time() * 1000)
    document = _json(response)
    assert set(document) == {"status", "ts"}
    assert document["status"] == "ok"
    assert before <= document["ts"] <= after
    assert ex.received[0].path == "/api/v1/timestamp"
    assert not ex.received[0].signature_valid  # public: nothing was signed


def test_clock_offset_skews_both_time_and_check(client: httpx.Client, ex: MockExchange) -> None:
    ex.clock_offset = 3600.0
    ts = _json(client.get("/api/v1/timestamp"))["ts"]
    assert abs(ts / 1000 - time.time() - 3600) < 5
    in_sync = cancel(client, ex.access_key, ex.secret_key, BODY)
    assert _json(in_sync)["err_code"] == 12001
    server_now = utc_timestamp(ts / 1000)
    corrected = cancel(client, ex.access_key, ex.secret_key, BODY, timestamp=server_now)
    assert _json(corrected)["status"] == "ok"


def test_several_credentials() -> None:
    keys = {"a-key": "a-secret", "b-key": "b-secret"}
    with MockExchange(credentials=keys, rate_limit=None) as ex, httpx.Client(base_url=ex.url) as c:
        assert (ex.access_key, ex.secret_key) == ("a-key", "a-secret")
        assert _json(cancel(c, "b-key", "b-secret", BODY))["status"] == "ok"
        _assert_gateway(cancel(c, "b-key", "a-secret", BODY), "Verification failure")


def test_ipv6_loopback_signs_the_bracketed_host() -> None:
    try:
        exchange = MockExchange(host="::1", rate_limit=None).start()
    except OSError:
        pytest.skip("no IPv6 loopback here")
    try:
        assert exchange.url.startswith("http://[::1]:")
        with httpx.Client(base_url=exchange.url) as http:
            response = cancel(http, exchange.access_key, exchange.secret_key, BODY)
        assert _json(response)["status"] == "ok"
        assert exchange.received[0].header("host") == f"[::1]:{exchange.port}"
    finally:
        exchange.stop()
