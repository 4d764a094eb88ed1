"""Issue 20, item 10: an HTTP proxy that refuses CONNECT (502, or 407 asking for credentials)
let a raw ``httpcore.ProxyError`` escape the sync client (the CLI printed a traceback), while
the async client gave ``APIConnectionError``. Both now give ``APIConnectionError`` with
``may_have_reached`` False: no connection to HTX was made, so nothing reached it.

The proxy is a raw server on 127.0.0.1; the base URL names a host that does not exist, and the
proxy never connects anywhere, so nothing leaves this machine.
"""

from __future__ import annotations

import threading

import pytest
from htx_swap import APIConnectionError, APITimeoutError, HtxError

from tests.hostile.raw_server import RawConnection, RawRequest, RawServer, http_response
from tests.hostile.support import BTC, MODES, call

BASE_URL = "https://api.htx-proxy-test.invalid"  # not loopback: the proxy is used
REFUSALS = {
    502: (b"Bad Gateway", {}),
    407: (b"Proxy Authentication Required", {"Proxy-Authenticate": 'Basic realm="proxy"'}),
}


class RefusingProxy:
    """Answers every CONNECT with ``status``; records what it was asked."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.requests: list[RawRequest] = []
        self._lock = threading.Lock()

    def __call__(self, conn: RawConnection) -> None:
        request = conn.read_request()
        if request is None:
            return
        with self._lock:
            self.requests.append(request)
        reason, headers = REFUSALS[self.status]
        conn.send(http_response(self.status, reason, headers, reason=reason.decode()))


@pytest.fixture
def proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("NO_PROXY", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


@pytest.mark.parametrize("status", sorted(REFUSALS))
@pytest.mark.parametrize("mode", MODES)
def test_a_proxy_refusing_connect_is_a_typed_error_never_sent(
    mode: str, status: int, proxy_env: pytest.MonkeyPatch
) -> None:
    script = RefusingProxy(status)
    with RawServer(script) as proxy:
        proxy_env.setenv("HTTPS_PROXY", proxy.url)
        called = call(mode, BASE_URL, "cancel", BTC, order_ids=["1"], options={"max_retries": 0})
    error = called.error
    assert isinstance(error, APIConnectionError), repr(error)
    assert not isinstance(error, APITimeoutError)
    assert error.may_have_reached is False
    assert f"ProxyError: {status}" in str(error)
    assert "Signature=***" in str(error)
    assert "hostile-canary-secret" not in str(error)
    assert [(r.method, r.target) for r in script.requests] == [
        ("CONNECT", "api.htx-proxy-test.invalid:443")
    ]


@pytest.mark.parametrize("mode", MODES)
def test_a_refusing_proxy_is_retried_and_stays_never_sent(
    mode: str, proxy_env: pytest.MonkeyPatch
) -> None:
    script = RefusingProxy(502)
    with RawServer(script) as proxy:
        proxy_env.setenv("HTTPS_PROXY", proxy.url)
        options = {"max_retries": 1, "backoff_initial": 0.01, "backoff_max": 0.01}
        called = call(mode, BASE_URL, "cancel_many", BTC, order_ids=["1"], options=options)
    # cancel_many keeps a chunk's failure as data: the cause is the SDK's, not httpcore's
    assert called.error is None, repr(called.error)
    (failed,) = called.value.errors
    assert isinstance(failed.cause, HtxError)
    assert failed.may_have_reached is False
    assert len(script.requests) == 2  # retried once, as any connection failure


def test_the_cli_behind_a_refusing_proxy_prints_one_line_not_a_traceback(
    proxy_env: pytest.MonkeyPatch,
) -> None:
    import io

    from htx_swap.cli import main

    proxy_env.setenv("HTX_ACCESS_KEY", "hostile-access-key")
    proxy_env.setenv("HTX_SECRET_KEY", "hostile-canary-secret-5c1e")
    script = RefusingProxy(407)
    out, err = io.StringIO(), io.StringIO()
    with RawServer(script) as proxy:
        proxy_env.setenv("HTTPS_PROXY", proxy.url)
        argv = ["cancel-all", BTC, "--base-url", BASE_URL]
        code = main(argv, out=out, err=err)
    assert script.requests, "the proxy was never asked"
    text = out.getvalue() + err.getvalue()
    assert code != 0
    assert "Traceback" not in text
    assert "ProxyError: 407" in text
    assert "hostile-canary-secret" not in text
