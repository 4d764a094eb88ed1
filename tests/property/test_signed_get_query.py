"""A GET's signed query is the query on the wire (issue 22, "Bad input and faults").

The USDT-M (v5) reads are GET requests whose parameters are part of the signed text. Here
``htx_swap.HtxAuth`` signs GET requests with arbitrary parameter names and values (unicode,
reserved characters, empty values, lists) sent through a real ``httpx.Client``; the request
is caught as the transport would write it, and the local exchange's own verifier
(``htx_swap_mock.verify``, written apart from the SDK's signer) re-parses the raw query:

- the signature verifies against the query exactly as sent (a GET whose signed query differs
  from the sent one must never happen);
- the parameters on the wire, auth parameters left out, are exactly those the caller gave,
  value for value (so nothing was signed that was not sent, nor sent unsigned).
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import quote, urlencode

import httpx
from htx_swap import HtxAuth, HtxCredentials
from htx_swap._wire.signing import AUTH_PARAMS
from htx_swap_mock.verify import parse_query, verify_request
from hypothesis import given
from hypothesis import strategies as st

from tests.property import PROPERTY_SETTINGS

# Any character that can be UTF-8 encoded (no lone surrogates), reserved ones drawn often.
RESERVED = st.sampled_from(list("&=+%#?/;:, []@!$'()*\"<>\\^`{|}~é€🙂\u00a0\t"))
CHARS = st.one_of(st.characters(exclude_categories=["Cs"]), RESERVED)
NAMES = st.text(CHARS, min_size=1, max_size=10).filter(lambda name: name not in AUTH_PARAMS)
VALUES = st.text(CHARS, max_size=20)
PAIRS = st.lists(st.tuples(NAMES, VALUES), max_size=6, unique_by=lambda pair: pair[0])
V5_READS = st.sampled_from(["/v5/trade/order", "/v5/trade/order/opens", "/v5/algo/order/opens"])
HOSTS = st.sampled_from(["127.0.0.1:8443", "api.hbdm.com", "API.HBDM.VN", "[::1]:9000"])
CREDENTIALS = HtxCredentials("access-key-Ünïcode", "secret / key + ü")
SECRETS = {CREDENTIALS.access_key: CREDENTIALS.secret_key}


def _sent(host: str, path: str, pairs: list[tuple[str, str]]) -> httpx.Request:
    """The request as ``httpx.Client`` hands it to its transport, signed by ``HtxAuth``."""
    caught: list[httpx.Request] = []

    def transport(request: httpx.Request) -> httpx.Response:
        caught.append(request)
        return httpx.Response(200, json={"code": 200, "data": [], "message": "Success"})

    with httpx.Client(
        base_url=f"https://{host}",
        auth=HtxAuth(CREDENTIALS),
        transport=httpx.MockTransport(transport),
    ) as client:
        wire: list[tuple[str, str | int | float | bool | None]] = list(pairs)
        client.get(path, params=wire)
    (request,) = caught
    return request


def _wire_query(request: httpx.Request) -> bytes:
    """The query bytes of the request line, as they go on the wire."""
    return request.url.raw_path.partition(b"?")[2]


@PROPERTY_SETTINGS
@given(host=HOSTS, path=V5_READS, pairs=PAIRS)
def test_the_signed_get_query_is_the_sent_query(
    host: str, path: str, pairs: list[tuple[str, str]]
) -> None:
    request = _sent(host, path, pairs)
    raw = _wire_query(request)
    assert request.method == "GET"
    assert request.content == b""  # a GET carries nothing beside its query
    verdict = verify_request(
        method="GET",
        host=request.headers["host"],
        path=request.url.raw_path.partition(b"?")[0].decode("ascii"),
        raw_query=raw,
        secrets=SECRETS,
    )
    assert verdict.ok, (verdict, raw)
    on_wire = [(name, value) for name, value in parse_query(raw) if name not in AUTH_PARAMS]
    assert Counter(on_wire) == Counter(pairs)


@PROPERTY_SETTINGS
@given(path=V5_READS, pairs=PAIRS.filter(bool), edit=st.integers(0, 5), extra=VALUES)
def test_a_query_changed_after_signing_never_verifies(
    path: str, pairs: list[tuple[str, str]], edit: int, extra: str
) -> None:
    """The verifier is not vacuous: a value changed on the way, or a parameter added, after
    signing, fails."""
    request = _sent("127.0.0.1:8443", path, pairs)
    sent = parse_query(_wire_query(request))
    name = pairs[edit % len(pairs)][0]
    changed = [(n, v + "x" if n == name else v) for n, v in sent]
    added = [*sent, ("zz_added", extra)]
    for tampered in (changed, added):
        query = urlencode(tampered, quote_via=quote, safe="")
        verdict = verify_request(
            method="GET",
            host="127.0.0.1:8443",
            path=path,
            raw_query=query,
            secrets=SECRETS,
        )
        assert not verdict.ok


# The clients' own path: the engine signs a GET's parameters (a tuple of pairs from the codec)
# and builds the URL text once; what httpx puts on the wire must be what was signed.
ENGINE_HOSTS = st.sampled_from(["127.0.0.1:8443", "api.hbdm.com", "[::1]:9000"])


@PROPERTY_SETTINGS
@given(
    host=ENGINE_HOSTS, name=st.sampled_from(["usdt_order_info", "usdt_open_orders"]), pairs=PAIRS
)
def test_the_engines_signed_get_query_is_the_sent_query(
    host: str, name: str, pairs: list[tuple[str, str]]
) -> None:
    from htx_swap import UsdtClient
    from htx_swap._wire import codec

    client = UsdtClient(CREDENTIALS, base_url=f"https://{host}")
    engine = client._engine
    facts = codec.facts(name)
    request = engine._request(facts, tuple(pairs), engine.monotonic() + 5.0, engine.timeout)
    raw = _wire_query(request)
    assert (request.method, request.content) == ("GET", b"")
    verdict = verify_request(
        method="GET",
        host=request.headers.get("host", request.url.netloc.decode("ascii")),
        path=request.url.raw_path.partition(b"?")[0].decode("ascii"),
        raw_query=raw,
        secrets=SECRETS,
    )
    assert verdict.ok, (verdict, raw)
    on_wire = [(n, v) for n, v in parse_query(raw) if n not in AUTH_PARAMS]
    assert Counter(on_wire) == Counter(pairs)
    client.close()
