"""Signature v2: each pure step, the vectors, and HtxAuth on an httpx.Request."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from htx_swap import HtxAuth, HtxCredentials
from htx_swap._wire.signing import (
    canonical_query,
    format_timestamp,
    host_to_sign,
    sign_text,
    signed_query,
    text_to_sign,
)

from tests.unit.reference_signer import verify_raw_query

VECTORS: list[dict[str, Any]] = json.loads(
    (Path(__file__).parents[1] / "vectors" / "signature_v2.json").read_text(encoding="utf-8")
)["cases"]
CREDS = HtxCredentials("e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx", "b0xxxxxx-c6xxxxxx-94xxxxxx-dxxxx")
FIXED_TS = 1603872277.0  # 2020-10-28T08:04:37 UTC


@pytest.mark.parametrize("case", VECTORS, ids=lambda c: c["name"])
def test_vector(case: dict[str, Any]) -> None:
    query = signed_query(
        credentials=HtxCredentials(case["access_key"], case["secret_key"]),
        method=case["method"],
        host=case["host"],
        path=case["path"],
        timestamp=case["timestamp"],
        params=case["params"].items(),
    )
    sent = dict(parse_qsl(query))
    assert sent["Signature"] == case["signature"]
    assert sent["Timestamp"] == case["timestamp"]
    assert verify_raw_query(case["secret_key"], case["method"], case["host"], case["path"], query)


def test_vectors_include_the_two_checked_against_ccxt() -> None:
    assert {c["signature"] for c in VECTORS} >= {
        "K+qcfLxm9Iu5XpkjSWkbS1uDmHiHuoL1KEMf3GMlU4c=",
        "nucu3u9KIe9ORQ4Ny/xvU3GDNY2yk+IdfzSlR9qchcE=",
    }


def test_timestamp_is_utc_without_fraction_and_truncated() -> None:
    assert format_timestamp(FIXED_TS) == "2020-10-28T08:04:37"
    assert format_timestamp(FIXED_TS + 0.999) == "2020-10-28T08:04:37"
    assert format_timestamp(0) == "1970-01-01T00:00:00"


def test_canonical_query_sorts_and_encodes_upper_case_with_percent_20() -> None:
    query = canonical_query([("b", "x y"), ("a", "é/+:"), ("A", "1")])
    assert query == "A=1&a=%C3%A9%2F%2B%3A&b=x%20y"
    assert "+" not in query


def test_text_to_sign_and_signature() -> None:
    text = text_to_sign("post", "api.hbdm.com", "/p", "A=1")
    assert text == "POST\napi.hbdm.com\n/p\nA=1"
    assert sign_text("k", text) != sign_text("k2", text)
    assert len(sign_text("k", text)) == 44  # base64 of 32 bytes


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://API.HBDM.com/x", "api.hbdm.com"),
        ("https://api.hbdm.com:443/x", "api.hbdm.com"),
        ("https://api.hbdm.com:8443/x", "api.hbdm.com:8443"),
        ("http://127.0.0.1:8080/x", "127.0.0.1:8080"),
        ("http://[::1]:8080/x", "[::1]:8080"),
    ],
)
def test_host_to_sign(url: str, host: str) -> None:
    assert host_to_sign(httpx.URL(url)) == host


def _signed(request: httpx.Request, auth: HtxAuth) -> httpx.Request:
    flow = auth.auth_flow(request)
    signed = next(flow)
    with pytest.raises(StopIteration):
        flow.send(httpx.Response(200))
    return signed


def test_auth_flow_signs_in_the_query_and_leaves_the_body() -> None:
    auth = HtxAuth(CREDS, clock=lambda: FIXED_TS)
    body = b'{"order_id":"768503271974985728","contract_code":"BTC-USD"}'
    request = httpx.Request("POST", "https://api.hbdm.com/swap-api/v1/swap_cancel", content=body)
    signed = _signed(request, auth)
    params = dict(parse_qsl(signed.url.query.decode()))
    assert params["Signature"] == "K+qcfLxm9Iu5XpkjSWkbS1uDmHiHuoL1KEMf3GMlU4c="
    assert signed.content == body


def test_query_sent_is_byte_for_byte_the_one_signed() -> None:
    auth = HtxAuth(CREDS, clock=lambda: FIXED_TS)
    request = httpx.Request("POST", "https://api.hbdm.com/swap-api/v1/swap_cancel")
    signed = _signed(request, auth)
    expected = signed_query(
        credentials=CREDS,
        method="POST",
        host="api.hbdm.com",
        path="/swap-api/v1/swap_cancel",
        timestamp="2020-10-28T08:04:37",
    )
    assert signed.url.query == expected.encode()
    assert str(signed.url).endswith("?" + expected)


def test_resigning_replaces_old_auth_parameters() -> None:
    now = [FIXED_TS]
    auth = HtxAuth(CREDS, clock=lambda: now[0])
    request = httpx.Request("POST", "https://api.hbdm.com/swap-api/v1/swap_cancel?x=1")
    _signed(request, auth)
    first = request.url.query
    now[0] += 60
    _signed(request, auth)  # a retry signs the same request object again
    params = parse_qsl(request.url.query.decode())
    names = [name for name, _ in params]
    assert sorted(names) == sorted(set(names)), "no parameter may appear twice"
    assert dict(params)["Timestamp"] == "2020-10-28T08:05:37"
    assert dict(params)["x"] == "1"
    assert request.url.query != first
    assert verify_raw_query(
        CREDS.secret_key,
        "POST",
        "api.hbdm.com",
        "/swap-api/v1/swap_cancel",
        request.url.query.decode(),
    )


def test_offset_moves_the_timestamp() -> None:
    auth = HtxAuth(CREDS, clock=lambda: FIXED_TS, offset=-3600)
    assert auth.timestamp() == "2020-10-28T07:04:37"


def test_host_with_port_is_signed() -> None:
    auth = HtxAuth(CREDS, clock=lambda: FIXED_TS)
    request = _signed(httpx.Request("POST", "http://127.0.0.1:8443/p"), auth)
    raw = request.url.query.decode()
    assert verify_raw_query(CREDS.secret_key, "POST", "127.0.0.1:8443", "/p", raw)
    assert not verify_raw_query(CREDS.secret_key, "POST", "127.0.0.1", "/p", raw)


@pytest.mark.asyncio
async def test_same_auth_object_serves_async_client() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"ok": True})

    auth = HtxAuth(CREDS, clock=lambda: FIXED_TS)
    with httpx.Client(transport=httpx.MockTransport(handler), auth=auth) as client:
        client.post("https://api.hbdm.com/swap-api/v1/swap_cancel")
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler), auth=auth) as aclient:
        await aclient.post("https://api.hbdm.com/swap-api/v1/swap_cancel")
    assert len(seen) == 2
    assert seen[0].url == seen[1].url
    assert b"Signature=K%2BqcfLxm9Iu5XpkjSWkbS1uDmHiHuoL1KEMf3GMlU4c%3D" in seen[0].url.query


def test_credentials_never_show_the_secret() -> None:
    creds = HtxCredentials("ak", "canary-secret-123")
    assert "canary-secret-123" not in repr(creds)
    assert "canary-secret-123" not in str(creds)
    assert "canary-secret-123" not in repr(HtxAuth(creds))


def test_credentials_from_env_names_the_missing_variable() -> None:
    from htx_swap import InvalidRequestError

    with pytest.raises(InvalidRequestError, match="HTX_SECRET_KEY"):
        HtxCredentials.from_env({"HTX_ACCESS_KEY": "ak"})
    with pytest.raises(InvalidRequestError, match="HTX_ACCESS_KEY and HTX_SECRET_KEY"):
        HtxCredentials.from_env({})
    creds = HtxCredentials.from_env({"HTX_ACCESS_KEY": "ak", "HTX_SECRET_KEY": "sk"})
    assert (creds.access_key, creds.secret_key) == ("ak", "sk")
