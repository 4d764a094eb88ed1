"""``MockExchange(request_log=...)`` (``htx-swap-mock --log-requests``): a line per request,
also for answers a fault cut or replaced, for the rate limiter's refusals and for paths the
exchange does not serve; never the secret nor the Signature sent."""

from __future__ import annotations

import doctest

import httpx
import pytest
from htx_swap_mock import MockExchange, faults, request_log

from tests.mock_exchange.helpers import cancel, signed_post

SECRET = "log-test-secret-7f3a"
BODY = {"order_id": "771038212360937472", "contract_code": "BTC-USD"}


def test_doctests() -> None:
    result = doctest.testmod(request_log)
    assert result.failed == 0
    assert result.attempted > 0


@pytest.fixture
def logged() -> list[str]:
    return []


def test_faults_rate_limits_and_unknown_paths_are_logged(logged: list[str]) -> None:
    exchange = MockExchange(
        credentials={"log-key": SECRET}, rate_limit=(2, 60.0), request_log=logged.append
    )
    with exchange, httpx.Client(base_url=exchange.url, timeout=5.0) as client:
        exchange.add_order("BTC-USD", "771038212360937472")
        exchange.inject(faults.drop())
        with pytest.raises(httpx.TransportError):
            cancel(client, "log-key", SECRET, BODY)
        sent = [cancel(client, "log-key", SECRET, BODY) for _ in range(3)]  # 3rd: over 2
        sent.append(signed_post(client, "/swap-api/v1/nowhere", "log-key", SECRET, BODY))
        signature_missing = client.post("/swap-api/v1/swap_cancel", content=b"{}")
    assert signature_missing.status_code == 200
    cancel_line = "POST /swap-api/v1/swap_cancel -> "
    assert logged == [
        f"{cancel_line}no answer (the connection was closed or the answer cut short) "
        "[fault drop] | signature ok",
        f"{cancel_line}HTTP 200 ok: 1 accepted, 0 refused | signature ok",
        f"{cancel_line}HTTP 200 ok: 0 accepted, 1 refused (771038212360937472 1071) | signature ok",
        f"{cancel_line}HTTP 429 err_code 1032 The number of access exceeded the limit. "
        "| signature ok",
        "POST /swap-api/v1/nowhere -> HTTP 404 (not JSON) "
        "| signature not checked (not a signed endpoint)",
        f"{cancel_line}HTTP 200 err-code api-signature-not-valid Signature not valid: Missing "
        "required parameter AccessKeyId [缺少必要参数] "
        "| signature refused: missing_parameter AccessKeyId",
    ]
    text = "\n".join(logged)
    assert SECRET not in text
    for response in sent:
        assert response.request.url.params["Signature"] not in text
