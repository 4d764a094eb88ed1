"""HTX signature version 2 (HmacSHA256) as small pure steps, and ``HtxAuth`` for httpx.

timestamp -> canonical query -> text to sign -> signature -> signed query. Each step can be
tested alone; ``HtxAuth.auth_flow`` only chains them on an ``httpx.Request`` and does no I/O, so
the same object serves ``httpx.Client`` and ``httpx.AsyncClient``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from collections.abc import Callable, Generator, Iterable
from urllib.parse import parse_qsl, quote

import httpx

from htx_swap._model.credentials import HtxCredentials

__all__ = [
    "AUTH_PARAMS",
    "HtxAuth",
    "canonical_query",
    "format_timestamp",
    "host_to_sign",
    "sign_target",
    "sign_text",
    "signed_query",
    "text_to_sign",
]

SIGNATURE_METHOD = "HmacSHA256"
SIGNATURE_VERSION = "2"
AUTH_PARAMS = frozenset(
    {"AccessKeyId", "SignatureMethod", "SignatureVersion", "Timestamp", "Signature"}
)


def format_timestamp(epoch_seconds: float) -> str:
    """UTC ``YYYY-MM-DDThh:mm:ss``: no fraction (truncated, never rounded up) and no zone.

    >>> format_timestamp(1603872277.999)
    '2020-10-28T08:04:37'
    """
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(int(epoch_seconds)))


# RFC 3986 unreserved characters: what _encode leaves as it is (signed_url reads it too)
UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"


def _encode(text: str) -> str:
    """RFC 3986 unreserved characters stay; everything else is %XX in upper case (UTF-8 bytes
    for non-ASCII), space is %20: ``urllib.parse.quote(text, safe="-_.~")``, faster.

    >>> _encode("AccessKeyId"), _encode("2020-10-28T08:04:37"), _encode("a b+é")
    ('AccessKeyId', '2020-10-28T08%3A04%3A37', 'a%20b%2B%C3%A9')
    """
    # Every request encodes the same few names and values plus a timestamp; quote() spends a
    # microsecond or two in Python on each, where rstrip answers "nothing to escape" in C.
    if not text.rstrip(UNRESERVED):  # rstrip stripped every character: nothing to escape
        return text
    if not text.rstrip(UNRESERVED + ":"):  # a timestamp: ':' is its only reserved character
        return text.replace(":", "%3A")
    return quote(text, safe="-_.~")


def _encode_base64(text: str) -> str:
    """``_encode`` for base64 text, whose only characters to escape are ``+``, ``/`` and ``=``.

    >>> _encode_base64("K+qc/U4c=")
    'K%2Bqc%2FU4c%3D'
    """
    return text.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")


def canonical_query(params: Iterable[tuple[str, str]]) -> str:
    """Sort parameters by name (ASCII), URL-encode each ``name=value``, join with ``&``.

    >>> canonical_query([("Timestamp", "2020-10-28T08:04:37"), ("AccessKeyId", "a b")])
    'AccessKeyId=a%20b&Timestamp=2020-10-28T08%3A04%3A37'
    """
    return "&".join(f"{_encode(name)}={_encode(value)}" for name, value in sorted(params))


def host_to_sign(url: httpx.URL) -> str:
    """The host the request goes to, as on the wire (an IDN host in its ``xn--`` form), lower
    case, with the port when the URL has one.

    >>> host_to_sign(httpx.URL("https://API.hbdm.com/x")), host_to_sign(httpx.URL("http://127.0.0.1:8080/"))
    ('api.hbdm.com', '127.0.0.1:8080')
    >>> host_to_sign(httpx.URL("https://bücher.example/"))
    'xn--bcher-kva.example'
    """
    host = url.raw_host.decode("ascii").lower()
    if ":" in host:  # an IPv6 literal is written in brackets, as in the Host header
        host = f"[{host}]"
    return host if url.port is None else f"{host}:{url.port}"


def sign_target(url: httpx.URL) -> tuple[str, str]:
    """The host and path a request to ``url`` signs, both as on the wire (the path
    percent-encoded, without its query).

    >>> sign_target(httpx.URL("https://api.hbdm.com/swap-api/v1/a%20b?x=1"))
    ('api.hbdm.com', '/swap-api/v1/a%20b')
    """
    return host_to_sign(url), url.raw_path.partition(b"?")[0].decode("ascii")


def text_to_sign(method: str, host: str, path: str, query: str) -> str:
    r"""The four lines HTX signs.

    >>> text_to_sign("post", "api.hbdm.com", "/swap-api/v1/swap_cancel", "A=1")
    'POST\napi.hbdm.com\n/swap-api/v1/swap_cancel\nA=1'
    """
    return f"{method.upper()}\n{host}\n{path}\n{query}"


def sign_text(secret_key: str, text: str) -> str:
    """base64(HMAC-SHA256(secret, text)).

    >>> sign_text("secret", "text")
    'L0Q2hVkpAOYZ8vOyNQw8ilc44ueia8miRNM5PDzWq9Y='
    """
    digest = hmac.digest(secret_key.encode(), text.encode(), "sha256")  # OpenSSL's one-shot
    return base64.b64encode(digest).decode()


def signed_query(
    *,
    credentials: HtxCredentials,
    method: str,
    host: str,
    path: str,
    timestamp: str,
    params: Iterable[tuple[str, str]] = (),
) -> str:
    """The whole query to send: the canonical, signed parameters plus ``Signature``.

    Any auth parameter already in ``params`` is dropped first, so re-signing replaces it.
    """
    secret_key = credentials.secret_key
    return _signed_query(
        credentials.access_key,
        lambda text: sign_text(secret_key, text),
        method=method,
        host=host,
        path=path,
        timestamp=timestamp,
        params=params,
    )


def _signed_query(
    access_key: str,
    sign: Callable[[str], str],
    *,
    method: str,
    host: str,
    path: str,
    timestamp: str,
    params: Iterable[tuple[str, str]],
) -> str:
    kept = [(name, value) for name, value in params if name not in AUTH_PARAMS]
    if kept:
        kept += [
            ("AccessKeyId", access_key),
            ("SignatureMethod", SIGNATURE_METHOD),
            ("SignatureVersion", SIGNATURE_VERSION),
            ("Timestamp", timestamp),
        ]
        query = canonical_query(kept)
    else:  # every POST: the auth parameters alone, whose names are already in ASCII order
        query = (
            f"AccessKeyId={_encode(access_key)}&SignatureMethod={SIGNATURE_METHOD}"
            f"&SignatureVersion={SIGNATURE_VERSION}&Timestamp={_encode(timestamp)}"
        )
    signature = sign(text_to_sign(method, host, path, query))
    return f"{query}&Signature={_encode_base64(signature)}"


class _KeyedSigner:
    """``sign_text`` for one secret, keyed once: each signature copies the keyed HMAC state
    rather than setting the key up again, which a one-shot HMAC does every time (and which
    costs most when OpenSSL's code is not in the CPU caches, as between two requests)."""

    __slots__ = ("_keyed", "credentials")

    def __init__(self, credentials: HtxCredentials) -> None:
        self.credentials = credentials
        self._keyed = hmac.new(credentials.secret_key.encode(), digestmod=hashlib.sha256)

    def __call__(self, text: str) -> str:
        mac = self._keyed.copy()
        mac.update(text.encode())
        return base64.b64encode(mac.digest()).decode()


def _with_query(url: httpx.URL, query: str) -> httpx.URL:
    """``url`` with its query replaced by ``query`` (already encoded, sent byte for byte).

    Parsing the final URL text once is cheaper than ``url.copy_with(query=...)``, which rebuilds
    and re-validates every component (about 30% more). ``str(url)`` is normalised, so a ``?`` or
    ``#`` in it can only start the query or the fragment.
    """
    head, hash_mark, fragment = str(url).partition("#")
    return httpx.URL(f"{head.partition('?')[0]}?{query}{hash_mark}{fragment}")


class HtxAuth(httpx.Auth):
    """Signs every request per HTX signature v2, in the query string.

    ``clock`` returns POSIX seconds (``time.time`` by default); ``offset`` seconds are added to
    it, which is how a measured skew against the server's clock is corrected.
    """

    def __init__(
        self,
        credentials: HtxCredentials,
        clock: Callable[[], float] = time.time,
        *,
        offset: float = 0.0,
    ) -> None:
        self.credentials = credentials
        self.clock = clock
        self.offset = offset
        # (second, its text): the timestamp changes once a second, requests come faster. One
        # tuple, so a thread reading it never pairs one second with another's text.
        self._last_timestamp: tuple[int, str] = (-1, "")
        self._signer = _KeyedSigner(credentials)

    def __repr__(self) -> str:
        return f"HtxAuth({self.credentials!r}, offset={self.offset})"

    def timestamp(self) -> str:
        """The ``Timestamp`` to sign now: the clock plus ``offset``, in HTX's format."""
        second = int(self.clock() + self.offset)
        last = self._last_timestamp
        if last[0] != second:
            last = self._last_timestamp = (second, format_timestamp(second))
        return last[1]

    def signed_query(
        self, method: str, host: str, path: str, params: Iterable[tuple[str, str]] = ()
    ) -> str:
        """The whole signed query for a request to ``host`` (as ``host_to_sign`` gives it) and
        ``path`` (percent-encoded, as sent), signed now."""
        signer = self._signer
        if signer.credentials is not self.credentials:  # credentials replaced on this object
            signer = self._signer = _KeyedSigner(self.credentials)
        return _signed_query(
            signer.credentials.access_key,
            signer,
            method=method,
            host=host,
            path=path,
            timestamp=self.timestamp(),
            params=params,
        )

    def sign(self, request: httpx.Request) -> None:
        """Replace the request's query with its signed form (any old signature is dropped)."""
        url = request.url
        raw_query = url.query
        params = parse_qsl(raw_query.decode("ascii"), keep_blank_values=True) if raw_query else []
        host, path = sign_target(url)
        query = self.signed_query(request.method, host, path, params)
        request.url = _with_query(url, query)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """httpx's hook: sign the request (no I/O), then send it."""
        self.sign(request)
        yield request
