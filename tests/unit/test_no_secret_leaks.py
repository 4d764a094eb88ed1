"""A canary secret must appear nowhere: not in logs at DEBUG (httpx's too), reprs, exceptions."""

from __future__ import annotations

import logging

import httpx
import pytest
from htx_swap import HtxCredentials, HtxError, SwapClient

from tests.unit.fake_htx import FakeHtx
from tests.unit.test_client import _business

CANARY = "canary-secret-5f0c1d"
ACCESS = "canary-access-key-77a1"


def test_canary_secret_is_nowhere(caplog: pytest.LogCaptureFixture) -> None:
    creds = HtxCredentials(ACCESS, CANARY)
    fake = FakeHtx(secret_key=CANARY)
    texts: list[str] = [repr(creds), str(creds)]
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("httpx").setLevel(logging.DEBUG)
        logging.getLogger("httpcore").setLevel(logging.DEBUG)
        http = httpx.Client(transport=fake.transport())
        with SwapClient(
            creds, http_client=http, max_retries=0, rate_limiter=None, base_url="https://x.io"
        ) as client:
            texts += [repr(client), repr(client.auth)]
            result = client.cancel("BTC-USD", order_ids=["1"])
            texts.append(repr(result))
            fake.queue(_business(1051, "No cancellable orders."), httpx.ReadTimeout("slow"))
            for _ in range(2):
                with pytest.raises(HtxError) as caught:
                    client.cancel("BTC-USD", order_ids=["2"])
                error = caught.value
                texts += [str(error), repr(error), error.body_excerpt, repr(error.__dict__)]
        http.close()
    messages = [record.getMessage() for record in caplog.records]
    assert any("HTTP Request" in m for m in messages), "httpx must have logged the requests"
    assert all(fake.signatures_valid)
    everything = "\n".join(texts + messages + [caplog.text])
    assert CANARY not in everything
    assert ACCESS not in "\n".join(messages), "signed URLs in logs have AccessKeyId redacted"
    assert "Signature=***" in "\n".join(messages)
    assert "AccessKeyId=***" in "\n".join(messages)
