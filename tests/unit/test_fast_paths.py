"""The shortcuts taken for speed give exactly what the plain versions give (speed itself is
measured by ``make bench``, never asserted here)."""

from __future__ import annotations

import base64
from urllib.parse import quote

import httpx
import pytest
from htx_swap import HtxAuth, HtxCredentials, RateLimit, SwapClient
from htx_swap._wire import signed_url
from htx_swap._wire.signing import (
    SIGNATURE_METHOD,
    SIGNATURE_VERSION,
    _encode,
    _encode_base64,
    _signed_query,
    _with_query,
    canonical_query,
    sign_text,
    signed_query,
    text_to_sign,
)
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.fake_htx import ACCESS_KEY, SECRET_KEY, FakeHtx, ok_body

CREDS_FAKE = HtxCredentials(ACCESS_KEY, SECRET_KEY)
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


# -- the signed URL put in place of the endpoint's query (htx_swap._wire.signed_url) ----------

URL_BASES = [
    "https://api.hbdm.com",
    "https://api.hbdm.vn",
    "http://127.0.0.1:8080",
    "http://[::1]:9",
    "https://API.HBDM.com:443",
    "https://api.hbdm.com/prefix",
]
URL_PATHS = ["/swap-api/v1/swap_cancel", "/api/v1/contract_cancel", "/v5/trade/cancel_order"]
_text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)


@given(
    base=st.sampled_from(URL_BASES),
    path=st.sampled_from(URL_PATHS),
    access_key=_text,
    timestamp=_text,
    params=st.lists(st.tuples(_text, _text), max_size=4),
    digest=st.binary(min_size=32, max_size=32),
)
def test_signed_url_joined_is_what_httpx_makes_of_the_text(
    base: str,
    path: str,
    access_key: str,
    timestamp: str,
    params: list[tuple[str, str]],
    digest: bytes,
) -> None:
    query = _signed_query(
        access_key,
        lambda _text_to_sign: base64.b64encode(digest).decode(),
        method="GET" if params else "POST",
        host="h",
        path=path,
        timestamp=timestamp,
        params=params,
    )
    endpoint = httpx.URL(base + path)
    text = f"{base}{path}?{query}"
    parsed = httpx.URL(text)
    fast = signed_url.joined(endpoint, query)
    assert fast is not None  # every query the signer builds is canonical
    assert fast._uri_reference == parsed._uri_reference
    assert (str(fast), fast.raw_path, fast.raw_host, fast.port) == (
        str(parsed),
        parsed.raw_path,
        parsed.raw_host,
        parsed.port,
    )
    assert signed_url.agrees(endpoint, text, query)


@pytest.mark.parametrize("query", ["A=1&B=x y", "A=%", "A=%zz", "A=%2f", "A=é", "A=b#c", "A=b?c"])
def test_signed_url_leaves_a_query_not_in_canonical_form_to_httpx(query: str) -> None:
    assert signed_url.joined(httpx.URL("https://api.hbdm.com/p"), query) is None


def test_signed_url_disagreeing_or_unknown_internals_are_not_taken() -> None:
    endpoint = httpx.URL("https://api.hbdm.com/p")
    assert not signed_url.agrees(endpoint, "https://api.hbdm.vn/p?A=1", "A=1")
    odd = httpx.URL.__new__(httpx.URL)
    odd._uri_reference = ("https", "", "api.hbdm.com", None, "/p", None, None)  # type: ignore[assignment]
    assert not signed_url.agrees(odd, "https://api.hbdm.com/p?A=1", "A=1")


def _cancel_through(fake: FakeHtx) -> SwapClient:
    http = httpx.Client(transport=fake.transport())
    client = SwapClient(CREDS_FAKE, base_url="https://api.hbdm.com", http_client=http)
    client.cancel("BTC-USD", order_ids=["771038212360937472"])
    client.cancel("BTC-USD", order_ids=["771038212360937473"])
    return client


def test_the_shortcut_is_taken_on_the_installed_httpx_and_checked_once_per_endpoint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # fails on an httpx whose URLs the shortcut does not fit: seen, not silently slower
    checks: list[str] = []
    agrees = signed_url.agrees

    def counted(url: httpx.URL, text: str, query: str) -> bool:
        checks.append(text)
        return agrees(url, text, query)

    monkeypatch.setattr(signed_url, "agrees", counted)
    fake = FakeHtx()
    client = _cancel_through(fake)
    assert client._engine._shortcut == {"/swap-api/v1/swap_cancel": True}
    assert len(checks) == 1
    assert fake.signatures_valid == [True, True]
    for request in fake.requests:  # the URL sent is the one httpx makes of its text
        assert request.url._uri_reference == httpx.URL(str(request.url))._uri_reference


def test_without_the_shortcut_the_text_is_sent_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(url: httpx.URL, query: str) -> httpx.URL:
        raise AssertionError("joined is not called where the shortcut does not agree")

    monkeypatch.setattr(signed_url, "agrees", lambda url, text, query: False)
    monkeypatch.setattr(signed_url, "joined", never)
    fake = FakeHtx()
    client = _cancel_through(fake)
    assert client._engine._shortcut == {"/swap-api/v1/swap_cancel": False}
    assert fake.signatures_valid == [True, True]


def test_a_signer_building_another_query_has_it_parsed_by_httpx(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=ok_body(["771038212360937472"]))

    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = SwapClient(CREDS_FAKE, base_url="https://api.hbdm.com", http_client=http)
    client.cancel("BTC-USD", order_ids=["771038212360937472"])  # the endpoint checked: agrees
    monkeypatch.setattr(
        client._engine.auth, "signed_query", lambda method, host, path, params=(): "A=x y&B=%"
    )
    client.cancel("BTC-USD", order_ids=["771038212360937472"])
    text = "https://api.hbdm.com/swap-api/v1/swap_cancel?A=x y&B=%"
    assert sent[-1].url == httpx.URL(text)  # httpx's parse, as for any text URL
    assert sent[-1].url.query == b"A=x%20y&B=%"
