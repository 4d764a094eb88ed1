"""The exchange's own signature verifier, as pure functions."""

from __future__ import annotations

import doctest
import json
from pathlib import Path
from typing import Any

import pytest
from htx_swap_mock import faults, verify
from htx_swap_mock.verify import AuthFailure, verify_request

from tests.mock_exchange.helpers import Params, auth_params, query_string, sign_params

AK = "e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx"
SK = "b0xxxxxx-c6xxxxxx-94xxxxxx-dxxxx"
PATH = "/swap-api/v1/swap_cancel"
VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "signature_v2.json"

# From shared/notes/htx-api-facts.md, checked against ccxt.
FACTS = [
    ("api.hbdm.com", "2020-10-28T08:04:37", "K+qcfLxm9Iu5XpkjSWkbS1uDmHiHuoL1KEMf3GMlU4c="),
    ("api.hbdm.vn", "2017-05-11T15:19:30", "nucu3u9KIe9ORQ4Ny/xvU3GDNY2yk+IdfzSlR9qchcE="),
]


def _raw(timestamp: str, signature: str, access_key: str = AK) -> str:
    return query_string([*auth_params(access_key, timestamp), ("Signature", signature)])


@pytest.mark.parametrize(("host", "timestamp", "signature"), FACTS)
def test_expected_signature_matches_the_vectors(host: str, timestamp: str, signature: str) -> None:
    params = auth_params(AK, timestamp)
    assert (
        verify.expected_signature(SK, method="POST", host=host, path=PATH, params=params)
        == signature
    )


@pytest.mark.parametrize(("host", "timestamp", "signature"), FACTS)
def test_the_vectors_verify_as_sent(host: str, timestamp: str, signature: str) -> None:
    verdict = verify_request(
        method="POST", host=host, path=PATH, raw_query=_raw(timestamp, signature), secrets={AK: SK}
    )
    assert verdict.ok
    assert verdict.access_key == AK


def _vector_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(VECTORS.read_text(encoding="utf-8"))["cases"]
    return cases


@pytest.mark.parametrize("case", _vector_cases(), ids=lambda case: str(case["name"]))
def test_the_shared_vector_file(case: dict[str, Any]) -> None:
    params = [*auth_params(case["access_key"], case["timestamp"]), *case["params"].items()]
    raw = query_string([*params, ("Signature", case["signature"])])
    verdict = verify_request(
        method=case["method"],
        host=case["host"],
        path=case["path"],
        raw_query=raw,
        secrets={case["access_key"]: case["secret_key"]},
    )
    assert verdict.ok, verdict


@pytest.mark.parametrize(
    ("host", "path", "method"),
    [
        ("api.hbdm.vn", PATH, "POST"),  # the other vector's host
        ("api.hbdm.com:443", PATH, "POST"),  # a port the client did not sign
        ("api.hbdm.com", PATH + "/", "POST"),
        ("api.hbdm.com", PATH, "GET"),
    ],
)
def test_anything_else_signed_differently_fails(host: str, path: str, method: str) -> None:
    _, timestamp, signature = FACTS[0]
    verdict = verify_request(
        method=method, host=host, path=path, raw_query=_raw(timestamp, signature), secrets={AK: SK}
    )
    assert verdict.failure is AuthFailure.BAD_SIGNATURE
    assert verdict.access_key == AK


def test_host_case_does_not_matter() -> None:
    host, timestamp, signature = FACTS[0]
    verdict = verify_request(
        method="post",
        host=host.upper(),
        path=PATH,
        raw_query=_raw(timestamp, signature),
        secrets={AK: SK},
    )
    assert verdict.ok


def test_wrong_secret_and_unknown_key() -> None:
    host, timestamp, signature = FACTS[0]
    raw = _raw(timestamp, signature)
    wrong = verify_request(method="POST", host=host, path=PATH, raw_query=raw, secrets={AK: "x"})
    assert wrong.failure is AuthFailure.BAD_SIGNATURE
    unknown = verify_request(
        method="POST", host=host, path=PATH, raw_query=raw, secrets={"other": SK}
    )
    assert unknown.failure is AuthFailure.UNKNOWN_ACCESS_KEY


def _signed(extra: Params | None = None, timestamp: str = "2020-10-28T08:04:37") -> Params:
    params = [*auth_params(AK, timestamp), *(extra or [])]
    return [*params, ("Signature", sign_params(SK, "POST", "h", PATH, params))]


def _verdict(params: Params, now: float | None = None) -> verify.Verdict:
    return verify_request(
        method="POST",
        host="h",
        path=PATH,
        raw_query=query_string(params),
        secrets={AK: SK},
        now=now,
    )


def test_extra_parameters_are_signed_too() -> None:
    params = _signed([("contract_code", "BTC-USD")])
    assert _verdict(params).ok
    altered = [(n, "ETH-USD" if n == "contract_code" else v) for n, v in params]
    assert _verdict(altered).failure is AuthFailure.BAD_SIGNATURE


@pytest.mark.parametrize("name", ["AccessKeyId", "SignatureMethod", "Timestamp", "Signature"])
def test_missing_or_empty_parameter(name: str) -> None:
    params = _signed()
    assert _verdict([p for p in params if p[0] != name]).failure is AuthFailure.MISSING_PARAMETER
    emptied = [(n, "" if n == name else v) for n, v in params]
    verdict = _verdict(emptied)
    assert verdict.failure is AuthFailure.MISSING_PARAMETER
    assert verdict.detail == name


@pytest.mark.parametrize("name", ["AccessKeyId", "Timestamp", "Signature"])
def test_duplicated_parameter_even_with_the_same_value(name: str) -> None:
    params = _signed()
    value = dict(params)[name]
    verdict = _verdict([*params, (name, value)])
    assert verdict.failure is AuthFailure.DUPLICATE_PARAMETER
    assert verdict.detail == name


def test_signature_method_and_version() -> None:
    method = [(n, "HmacSHA1" if n == "SignatureMethod" else v) for n, v in _signed()]
    assert _verdict(method).failure is AuthFailure.BAD_SIGNATURE_METHOD
    version = [(n, "1" if n == "SignatureVersion" else v) for n, v in _signed()]
    assert _verdict(version).failure is AuthFailure.BAD_SIGNATURE_VERSION


def test_timestamp_tolerance_is_five_minutes_either_way() -> None:
    stamp = verify.parse_timestamp("2020-10-28T08:04:37")
    assert stamp == 1603872277.0
    params = _signed()
    assert _verdict(params, now=stamp + 300).ok
    assert _verdict(params, now=stamp - 300).ok
    late = _verdict(params, now=stamp + 301)
    assert late.failure is AuthFailure.STALE_TIMESTAMP
    assert late.signature_valid  # the HMAC was right: only the clock is off
    assert _verdict(params, now=stamp - 301).failure is AuthFailure.STALE_TIMESTAMP


@pytest.mark.parametrize(
    "timestamp",
    ["2020-10-28 08:04:37", "2020-10-28T08:04:37Z", "2020-10-28T08:04:37.5", "2020-13-28T08:04:37"],
)
def test_malformed_timestamp(timestamp: str) -> None:
    verdict = _verdict(_signed(timestamp=timestamp), now=1603872277.0)
    assert verdict.failure is AuthFailure.BAD_TIMESTAMP
    assert verify.parse_timestamp(timestamp) is None


def test_a_raw_plus_in_the_signature_is_a_space() -> None:
    # Form decoding, as HTX's servers do: a client that does not encode its base64 "+" fails.
    host, timestamp, signature = FACTS[0]
    assert "+" in signature
    raw = query_string(auth_params(AK, timestamp)) + "&Signature=" + signature  # unencoded
    verdict = verify_request(method="POST", host=host, path=PATH, raw_query=raw, secrets={AK: SK})
    assert verdict.failure is AuthFailure.BAD_SIGNATURE


def test_parse_query_keeps_order_and_duplicates() -> None:
    assert verify.parse_query(b"a=1&&b=%20x+y&a=2&flag") == [
        ("a", "1"),
        ("b", " x y"),
        ("a", "2"),
        ("flag", ""),
    ]


def test_canonical_query_sorts_and_encodes_upper_case() -> None:
    text = verify.canonical_query([("b", "x/y z"), ("a", "é~")])
    assert text == "a=%C3%A9~&b=x%2Fy%20z"


def test_doctests() -> None:
    for module in (verify, faults):
        result = doctest.testmod(module)
        assert result.attempted > 0
        assert result.failed == 0
