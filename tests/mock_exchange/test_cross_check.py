"""The SDK's signer and the exchange's verifier, written apart, agree on arbitrary input."""

from __future__ import annotations

import base64
from urllib.parse import quote, unquote

from htx_swap import HtxCredentials
from htx_swap._wire.signing import signed_query
from htx_swap_mock.verify import AuthFailure, verify_request
from hypothesis import given, settings
from hypothesis import strategies as st

# Any text that can be UTF-8 encoded (no lone surrogates).
CHARACTERS = st.characters(exclude_categories=["Cs"])
TEXT = st.text(alphabet=CHARACTERS, max_size=12)
# Keys HtxCredentials accepts: printable, no surrounding whitespace.
KEYS = st.text(
    alphabet=st.characters(
        exclude_categories=["Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"], include_characters=" "
    ),
    min_size=1,
    max_size=12,
).filter(lambda key: key == key.strip())
HOSTS = st.sampled_from(["api.hbdm.com", "api.hbdm.vn", "127.0.0.1:8443", "[::1]:8080"])
PATHS = st.sampled_from(["/swap-api/v1/swap_cancel", "/api/v1/contract_contract_info"])


@settings(max_examples=150, deadline=None)
@given(
    access_key=KEYS,
    secret_key=KEYS,
    params=st.dictionaries(TEXT, TEXT, max_size=4),
    host=HOSTS,
    path=PATHS,
    method=st.sampled_from(["POST", "GET"]),
)
def test_what_the_sdk_signs_verifies(
    access_key: str, secret_key: str, params: dict[str, str], host: str, path: str, method: str
) -> None:
    query = signed_query(
        credentials=HtxCredentials(access_key, secret_key),
        method=method,
        host=host,
        path=path,
        timestamp="2020-10-28T08:04:37",
        params=params.items(),
    )
    verdict = verify_request(
        method=method, host=host, path=path, raw_query=query, secrets={access_key: secret_key}
    )
    assert verdict.ok, (verdict, query)


@settings(max_examples=100, deadline=None)
@given(flip=st.integers(min_value=0, max_value=32 * 8 - 1), host=HOSTS)
def test_any_flipped_signature_bit_is_refused(flip: int, host: str) -> None:
    credentials = HtxCredentials("key", "secret")
    query = signed_query(
        credentials=credentials,
        method="POST",
        host=host,
        path="/swap-api/v1/swap_cancel",
        timestamp="2020-10-28T08:04:37",
    )
    head, _, encoded = query.rpartition("&Signature=")
    digest = bytearray(base64.b64decode(unquote(encoded)))
    digest[flip // 8] ^= 1 << (flip % 8)
    forged = f"{head}&Signature={quote(base64.b64encode(bytes(digest)).decode(), safe='')}"
    verdict = verify_request(
        method="POST",
        host=host,
        path="/swap-api/v1/swap_cancel",
        raw_query=forged,
        secrets={"key": "secret"},
    )
    assert verdict.failure is AuthFailure.BAD_SIGNATURE
