"""An endpoint's URL with its signed query, built without httpx parsing the whole text again.

``httpx.Request(method, text)`` parses ``text`` and checks it one character at a time: about
18 µs for a signed HTX URL (some 230 characters) on the benchmark machine, the largest part of
the SDK's own CPU per request, and the same again for every request. The endpoint's URL is
parsed once per client (``Engine._url``). The signed query that ``signing`` builds is already
in the form httpx gives a query: RFC 3986 unreserved characters and upper-case ``%XX``
escapes, joined by ``=`` and ``&``. httpx's own quoting gives such a query back unchanged, so
parsing it again can only give the same URL. ``joined`` puts it in place of the parsed
endpoint's query instead.

The parsed form (``httpx.URL._uri_reference``, a ``ParseResult`` named tuple) is httpx's own,
not its public API. So nothing is taken on trust:

- ``agrees`` checks, once per endpoint and client, that the shortcut gives exactly what parsing
  the text gives on the httpx installed (the same URL, text, raw path and host); where it does
  not (an httpx that parses otherwise, an unusual base URL), every request to that endpoint is
  built from its text, as before;
- ``joined`` takes only a query in that canonical form (a signer that builds another is sent
  as text, parsed by httpx);
- ``tests/unit/test_fast_paths.py`` checks both for any parameters (a property test) and fails
  on an httpx where the shortcut is not taken, so a change in httpx is seen, not silently
  slower.
"""

from __future__ import annotations

import re

import httpx

from htx_swap._wire.signing import UNRESERVED

__all__ = ["agrees", "joined"]

_CANONICAL_CHARS = UNRESERVED + "%=&"  # what signing builds a query of
# a '%' that does not start an escape; httpx would quote it as %25
_LONE_PERCENT = re.compile("%(?![0-9A-F]{2})")


def joined(url: httpx.URL, query: str) -> httpx.URL | None:
    """``url`` (parsed, with no query) with ``query`` as its query; None when ``query`` is not
    in the canonical form (then it is for httpx to parse)."""
    if query.rstrip(_CANONICAL_CHARS) or _LONE_PERCENT.search(query) is not None:
        return None
    parsed = url._uri_reference
    result = httpx.URL.__new__(httpx.URL)
    result._uri_reference = parsed._replace(query=query)
    return result


def agrees(url: httpx.URL, text: str, query: str) -> bool:
    """Whether ``joined(url, query)`` is what httpx makes of ``text`` (the same URL as text):
    checked once per endpoint, on the httpx installed."""
    try:
        fast = joined(url, query)
        parsed = httpx.URL(text)
        return (
            fast is not None
            and type(url._uri_reference) is type(parsed._uri_reference)
            and fast._uri_reference == parsed._uri_reference
            and str(fast) == str(parsed)
            and fast.raw_path == parsed.raw_path
            and fast.raw_host == parsed.raw_host
            and fast.port == parsed.port
        )
    except Exception:  # an httpx whose URL is built otherwise: the text it is
        return False
