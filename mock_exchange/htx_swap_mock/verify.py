"""HTX signature v2 (HmacSHA256) verification as pure functions: no I/O and no clock of its own.

This is the exchange side, written independently of the SDK's signer (``htx_swap._wire.signing``) so
that the two implementations check each other: a bug shared by both would need to be made twice.
The caller passes the raw query string exactly as received, the ``Host`` header and, for the
timestamp check, the server's idea of "now".
"""

from __future__ import annotations

import base64
import calendar
import enum
import hashlib
import hmac
import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, unquote_plus

__all__ = [
    "AUTH_PARAMETERS",
    "DEFAULT_TOLERANCE",
    "SIGNATURE_METHOD",
    "SIGNATURE_VERSION",
    "AuthFailure",
    "Verdict",
    "canonical_query",
    "encode_component",
    "expected_signature",
    "parse_query",
    "parse_timestamp",
    "sign",
    "string_to_sign",
    "verify_request",
]

SIGNATURE_METHOD = "HmacSHA256"
SIGNATURE_VERSION = "2"
# Checked in this order, so the answer names the first one missing, as a gateway would.
AUTH_PARAMETERS = ("AccessKeyId", "SignatureMethod", "SignatureVersion", "Timestamp", "Signature")
DEFAULT_TOLERANCE = 300.0  # seconds either side of the server clock, as HTX documents
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


class AuthFailure(enum.StrEnum):
    """Why a signed request was refused."""

    MISSING_PARAMETER = "missing_parameter"
    DUPLICATE_PARAMETER = "duplicate_parameter"
    BAD_SIGNATURE_METHOD = "bad_signature_method"
    BAD_SIGNATURE_VERSION = "bad_signature_version"
    UNKNOWN_ACCESS_KEY = "unknown_access_key"
    BAD_SIGNATURE = "bad_signature"
    BAD_TIMESTAMP = "bad_timestamp"  # not in YYYY-MM-DDThh:mm:ss form
    STALE_TIMESTAMP = "stale_timestamp"  # well formed, but too far from the server clock

    @property
    def signature_checked_out(self) -> bool:
        """True for the timestamp failures: the HMAC itself was right."""
        return self in {AuthFailure.BAD_TIMESTAMP, AuthFailure.STALE_TIMESTAMP}


@dataclass(frozen=True)
class Verdict:
    """The outcome of ``verify_request``: ``failure`` is None when the request is authentic.

    ``detail`` names the parameter concerned (missing, duplicated) or says by how much the
    timestamp was off; ``access_key`` is set once the key was read from the query.
    """

    failure: AuthFailure | None
    detail: str = ""
    access_key: str | None = None

    @property
    def ok(self) -> bool:
        return self.failure is None

    @property
    def signature_valid(self) -> bool:
        return self.failure is None or self.failure.signature_checked_out


def parse_query(raw: str | bytes) -> list[tuple[str, str]]:
    """Every ``name=value`` pair of a raw query string, in order, duplicates kept.

    Decoding is form decoding (``+`` is a space), which is what the servers behind HTX's
    gateway do: a client that leaves a ``+`` of its base64 signature unencoded is refused
    there, so it is refused here too rather than hiding the bug.

    >>> parse_query("b=2&a=x%3Ay&a=+")
    [('b', '2'), ('a', 'x:y'), ('a', ' ')]
    """
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    pairs = []
    for part in text.split("&"):
        if part:
            name, _, value = part.partition("=")
            pairs.append((unquote_plus(name), unquote_plus(value)))
    return pairs


def encode_component(text: str) -> str:
    """RFC 3986 encoding: unreserved characters stay, all else is upper-case ``%XX`` (UTF-8).

    >>> encode_component("2020-10-28T08:04:37 +/=")
    '2020-10-28T08%3A04%3A37%20%2B%2F%3D'
    """
    return quote(text, safe="-_.~")


def canonical_query(params: Iterable[tuple[str, str]]) -> str:
    """Parameters sorted by name (ASCII order), each ``name=value`` encoded, joined by ``&``."""
    return "&".join(
        f"{encode_component(name)}={encode_component(value)}" for name, value in sorted(params)
    )


def string_to_sign(method: str, host: str, path: str, canonical: str) -> str:
    """The four lines HTX signs: method, host (lower case, port kept), path, canonical query."""
    return f"{method.upper()}\n{host.lower()}\n{path}\n{canonical}"


def sign(secret_key: str, text: str) -> str:
    """base64(HMAC-SHA256(secret, text))."""
    digest = hmac.new(secret_key.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def expected_signature(
    secret_key: str, *, method: str, host: str, path: str, params: Iterable[tuple[str, str]]
) -> str:
    """The signature a request with these parameters must carry (``Signature`` is ignored)."""
    signed = [(name, value) for name, value in params if name != "Signature"]
    return sign(secret_key, string_to_sign(method, host, path, canonical_query(signed)))


def parse_timestamp(text: str) -> float | None:
    """POSIX seconds for a ``YYYY-MM-DDThh:mm:ss`` UTC timestamp; None if it is not one.

    >>> parse_timestamp("2020-10-28T08:04:37"), parse_timestamp("2020-10-28 08:04:37")
    (1603872277.0, None)
    """
    if not _TIMESTAMP.fullmatch(text):
        return None
    try:
        parsed = time.strptime(text, "%Y-%m-%dT%H:%M:%S")
    except ValueError:  # e.g. month 13
        return None
    return float(calendar.timegm(parsed))


def _unique_parameters(pairs: list[tuple[str, str]]) -> dict[str, str] | Verdict:
    """The parameters by name, or the Verdict refusing them (duplicated, missing, wrong
    method or version)."""
    seen: dict[str, str] = {}
    for name, value in pairs:
        if name in seen:
            # Which value would count is ambiguous, and servers disagree: refuse it.
            return Verdict(AuthFailure.DUPLICATE_PARAMETER, name)
        seen[name] = value
    missing = next((name for name in AUTH_PARAMETERS if not seen.get(name)), None)
    if missing is not None:
        return Verdict(AuthFailure.MISSING_PARAMETER, missing, seen.get("AccessKeyId") or None)
    if seen["SignatureMethod"] != SIGNATURE_METHOD:
        return Verdict(
            AuthFailure.BAD_SIGNATURE_METHOD, seen["SignatureMethod"], seen["AccessKeyId"]
        )
    if seen["SignatureVersion"] != SIGNATURE_VERSION:
        return Verdict(
            AuthFailure.BAD_SIGNATURE_VERSION, seen["SignatureVersion"], seen["AccessKeyId"]
        )
    return seen


def verify_request(
    *,
    method: str,
    host: str,
    path: str,
    raw_query: str | bytes,
    secrets: Mapping[str, str],
    now: float | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
) -> Verdict:
    """Check a signed request. ``secrets`` maps access keys to secret keys; ``now`` is the
    server clock in POSIX seconds (None skips the timestamp check).

    Order of checks: duplicated, then missing parameters; method and version; the access key;
    the HMAC; the timestamp last, so a stale but authentic request is told apart.
    """
    pairs = parse_query(raw_query)
    seen = _unique_parameters(pairs)
    if isinstance(seen, Verdict):
        return seen
    access_key = seen["AccessKeyId"]
    secret = secrets.get(access_key)
    if secret is None:
        return Verdict(AuthFailure.UNKNOWN_ACCESS_KEY, "", access_key)
    expected = expected_signature(secret, method=method, host=host, path=path, params=pairs)
    if not hmac.compare_digest(expected.encode(), seen["Signature"].encode()):
        return Verdict(AuthFailure.BAD_SIGNATURE, "", access_key)
    if now is not None:
        stamp = parse_timestamp(seen["Timestamp"])
        if stamp is None:
            return Verdict(AuthFailure.BAD_TIMESTAMP, seen["Timestamp"], access_key)
        if abs(stamp - now) > tolerance:
            return Verdict(AuthFailure.STALE_TIMESTAMP, f"{stamp - now:+.0f} s", access_key)
    return Verdict(None, "", access_key)
