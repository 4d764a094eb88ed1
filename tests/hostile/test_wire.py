"""What goes on the wire, and where: no redirect followed, no proxy for a loopback exchange, no
proxy setting that httpx cannot use, no base URL with credentials or an empty query, and a
signature over exactly the host and path that are sent.

Findings covered: a caller's ``follow_redirects=True`` client sent the signed cancel to whatever
host a 3xx named; ``HTTP_PROXY``/``ALL_PROXY`` routed loopback traffic through a proxy; a SOCKS
proxy without socksio surfaced as a raw ImportError and a malformed one was not noticed;
``https://user:pass@host`` and ``https://host/?`` were accepted; an IDN host or a
percent-encoded path was signed in a form different from the one sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from htx_swap import APIStatusError, AsyncSwapClient, InvalidRequestError, SwapClient

from tests.hostile.raw_server import RawConnection, RawServer, http_response
from tests.hostile.support import (
    BTC,
    CANCEL_PATH,
    CREDS,
    MODES,
    call,
    cancel_ok,
    json_answers,
    mock_transport_client,
)
from tests.unit.reference_signer import verify_raw_query

IDS = ["11", "12"]


@pytest.fixture
def target() -> Iterator[RawServer]:
    """Where a request should (or must never) arrive: answers every cancel with success."""
    with RawServer(json_answers(lambda request: cancel_ok("11,12"))) as server:
        yield server


def _redirecting(status: int, location: str) -> Callable[[RawConnection], None]:
    def script(conn: RawConnection) -> None:
        while (request := conn.read_request()) is not None:
            conn.send(http_response(status, b"", {"Location": location + request.target}))

    return script


def _follow(mode: str) -> httpx.Client | httpx.AsyncClient:
    return (
        httpx.Client(follow_redirects=True)
        if mode == "sync"
        else httpx.AsyncClient(follow_redirects=True)
    )


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("own_client", [False, True], ids=["sdk-client", "follow-redirects"])
@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_never_followed(
    mode: str, own_client: bool, status: int, target: RawServer
) -> None:
    with RawServer(_redirecting(status, target.url)) as server:
        done = call(
            mode,
            server.url,
            "cancel",
            BTC,
            order_ids=IDS,
            options={"timeout": 2.0, "max_retries": 0},
            http_client=_follow if own_client else None,
        )
    assert target.requests == [], "the signed cancel went where the redirect said"
    assert isinstance(done.error, APIStatusError), repr(done.error)
    assert done.error.status_code == status


def _hold_nothing(conn: RawConnection) -> None:
    conn.read_request()  # a "proxy" that records and closes


PROXY_VARIABLES = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("variable", PROXY_VARIABLES)
def test_a_loopback_exchange_is_never_reached_through_a_proxy(
    mode: str, variable: str, target: RawServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy", *PROXY_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    with RawServer(_hold_nothing) as proxy:
        monkeypatch.setenv(variable, proxy.url)
        done = call(mode, target.url, "cancel", BTC, order_ids=IDS, options={"max_retries": 0})
    assert proxy.connections == 0, "a loopback request went to the proxy"
    assert done.error is None, repr(done.error)
    assert len(target.requests) == 1


BAD_PROXIES = [
    pytest.param("ALL_PROXY", "socks5://127.0.0.1:1", id="socks-without-socksio"),
    pytest.param("HTTPS_PROXY", "http://[bad", id="malformed"),
]


def _construct(mode: str, base_url: str = "https://api.hbdm.com") -> None:
    # A non-loopback base URL, only constructed: nothing is sent.
    if mode == "sync":
        SwapClient(CREDS, base_url=base_url).close()
    else:
        AsyncSwapClient(CREDS, base_url=base_url)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("variable", "value"), BAD_PROXIES)
def test_an_unusable_proxy_setting_is_a_typed_error_at_construction(
    mode: str, variable: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("NO_PROXY", "no_proxy", *PROXY_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, value)
    with pytest.raises(InvalidRequestError) as caught:
        _construct(mode)
    assert variable in caught.value.field.upper()


PASSWORD = "hunter2-canary-pw"
BAD_URLS = [
    "https://api.hbdm.com/?",
    "https://api.hbdm.com#",
    f"https://user:{PASSWORD}@api.hbdm.com",
    "https://api.hbdm.com@evil.example",
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("url", BAD_URLS)
def test_a_base_url_with_userinfo_or_an_empty_query_is_refused(mode: str, url: str) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        _construct(mode, url)
    error = caught.value
    assert error.field == "base_url"
    for text in (str(error), repr(error), repr(error.args), error.message):
        assert PASSWORD not in text


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("base_url", "host", "path"),
    [
        ("https://bücher.example", "xn--bcher-kva.example", CANCEL_PATH),
        ("https://xn--bcher-kva.example", "xn--bcher-kva.example", CANCEL_PATH),
        ("https://api.hbdm.com/a%20b", "api.hbdm.com", "/a%20b" + CANCEL_PATH),
    ],
    ids=["idn", "punycode", "encoded-path"],
)
def test_the_signature_covers_the_host_and_path_that_are_sent(
    mode: str, base_url: str, host: str, path: str
) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, content=cancel_ok("11,12"))

    def own(mode: str) -> Any:
        return mock_transport_client(mode, handler)

    done = call(mode, base_url, "cancel", BTC, order_ids=IDS, http_client=own)
    assert done.error is None, repr(done.error)
    (request,) = sent
    wire_path, _, wire_query = request.url.raw_path.decode("ascii").partition("?")
    wire_host = request.url.raw_host.decode("ascii")
    assert (wire_host, wire_path) == (host, path)
    assert request.headers["host"] == host
    assert verify_raw_query(CREDS.secret_key, "POST", wire_host, wire_path, wire_query)
    assert json.loads(request.content)["order_id"] == "11,12"
