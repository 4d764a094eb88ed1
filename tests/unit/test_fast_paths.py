"""The shortcuts taken for speed give exactly what the plain versions give (speed itself is
measured by ``make bench``, never asserted here)."""

from __future__ import annotations

import base64
from urllib.parse import quote

import httpx
import pytest
from htx_swap import HtxAuth, HtxCredentials, RateLimit
from htx_swap._wire.signing import (
    SIGNATURE_METHOD,
    SIGNATURE_VERSION,
    _encode,
    _encode_base64,
    _with_query,
    canonical_query,
    sign_text,
    signed_query,
    text_to_sign,
)
from hypothesis import given
from hypothesis import strategies as st

CREDS = HtxCredentials("e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx", "b0xxxxxx-c6xxxxxx-94xxxxxx-dxxxx")


def _quote(text: str) -> str:
    return quote(text, safe="-_.~")


def test_encode_matches_quote_for_each_character() -> None:
    differ = [code for code in range(0x800) if _encode(chr(code)) != _quote(chr(code))]
    assert differ == []


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_encode_matches_quote(text: str) -> None:
    assert _encode(text) == _quote(text)


@given(st.binary(min_size=32, max_size=32))
def test_encode_base64_matches_quote(digest: bytes) -> None:
    text = base64.b64encode(digest).decode()
    assert _encode_base64(text) == _quote(text)


@pytest.mark.parametrize("timestamp", ["2020-10-28T08:04:37", "x y", "é:ü"])
def test_signed_query_without_params_is_the_canonical_one(timestamp: str) -> None:
    query = signed_query(credentials=CREDS, method="POST", host="h", path="/p", timestamp=timestamp)
    canonical = canonical_query(
        [
            ("Timestamp", timestamp),
            ("SignatureVersion", SIGNATURE_VERSION),
            ("SignatureMethod", SIGNATURE_METHOD),
            ("AccessKeyId", CREDS.access_key),
        ]
    )
    signature = sign_text(CREDS.secret_key, text_to_sign("POST", "h", "/p", canonical))
    assert query == f"{canonical}&Signature={_quote(signature)}"


@pytest.mark.parametrize(
    "url",
    [
        "https://api.hbdm.com/swap-api/v1/swap_cancel",
        "https://api.hbdm.com/swap-api/v1/swap_cancel?old=1&Signature=x",
        "http://127.0.0.1:8080/p?a=b#frag?ment",
        "http://[::1]:8080/p#f",
        "https://user:pw@API.HBDM.com:8443/a%20b/c?x",
    ],
)
def test_with_query_replaces_only_the_query(url: str) -> None:
    original = httpx.URL(url)
    query = "A=1&B=%3A&Signature=K%2Bq%3D"
    assert _with_query(original, query) == original.copy_with(query=query.encode())


def test_timestamp_follows_the_clock_across_seconds_and_the_offset() -> None:
    now = [1603872277.2]
    auth = HtxAuth(CREDS, clock=lambda: now[0])
    assert auth.timestamp() == "2020-10-28T08:04:37"
    now[0] = 1603872277.9
    assert auth.timestamp() == "2020-10-28T08:04:37"
    now[0] = 1603872278.0
    assert auth.timestamp() == "2020-10-28T08:04:38"
    auth.offset = -1.0
    assert auth.timestamp() == "2020-10-28T08:04:37"


def test_rate_limit_from_httpx_headers_in_any_case() -> None:
    headers = httpx.Headers(
        [
            ("Content-Type", "text/plain"),
            ("Ratelimit-Limit", "72"),
            ("RATELIMIT-REMAINING", "71"),
            ("ratelimit-interval", "3000"),
            ("Ratelimit-Reset", "1603871880639"),
        ]
    )
    assert RateLimit.from_headers(headers) == RateLimit(72, 71, 3000, 1603871880639)


def test_rate_limit_repeated_header_is_unusable_as_with_get() -> None:
    headers = httpx.Headers([("Ratelimit-Limit", "72"), ("ratelimit-limit", "60")])
    assert headers.get("ratelimit-limit") == "72, 60"
    assert RateLimit.from_headers(headers) is None


def test_rate_limit_from_a_plain_mapping_and_none_without_headers() -> None:
    assert RateLimit.from_headers({"Ratelimit-Remaining": "5"}) == RateLimit(None, 5, None, None)
    assert RateLimit.from_headers(httpx.Headers({"content-type": "text/plain"})) is None


def test_auth_keyed_once_signs_as_sign_text_and_follows_new_credentials() -> None:
    auth = HtxAuth(CREDS, clock=lambda: 1603872277.0)
    other = HtxCredentials("other-key", "other-secret")
    for credentials in (CREDS, other):
        auth.credentials = credentials
        request = httpx.Request("POST", "https://api.hbdm.com/swap-api/v1/swap_cancel")
        next(auth.auth_flow(request))
        expected = signed_query(
            credentials=credentials,
            method="POST",
            host="api.hbdm.com",
            path="/swap-api/v1/swap_cancel",
            timestamp="2020-10-28T08:04:37",
        )
        assert request.url.query.decode() == expected
