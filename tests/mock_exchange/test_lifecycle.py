"""Starting and stopping cleanly, sync and async; TLS with a throwaway CA."""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
from pathlib import Path

import httpx
import htx_swap_mock
import pytest
from htx_swap_mock import MockExchange, OrderState, faults

from tests.mock_exchange.helpers import cancel

BODY = {"order_id": "1", "contract_code": "BTC-USD"}


def _server_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("htx-swap-mock-")]


def test_sync_context_manager_starts_and_stops() -> None:
    before = _server_threads()
    with MockExchange(rate_limit=None) as ex:
        assert ex.running
        assert ex.url == f"http://127.0.0.1:{ex.port}"
        assert ex.port > 0
        assert f"htx-swap-mock-{ex.port}" in _server_threads()
        with httpx.Client(base_url=ex.url) as client:
            assert client.get("/api/v1/timestamp").status_code == 200
        port = ex.port
    assert not ex.running
    assert _server_threads() == before
    with pytest.raises(RuntimeError, match="not running"):
        _ = ex.port
    with pytest.raises(ConnectionRefusedError):  # the listening socket is closed
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


@pytest.mark.asyncio
async def test_async_context_manager() -> None:
    async with MockExchange(rate_limit=None) as ex:
        async with httpx.AsyncClient(base_url=ex.url) as client:
            response = await client.get("/api/v1/timestamp")
        assert json.loads(response.content)["status"] == "ok"
    assert not ex.running


def test_stop_with_requests_in_flight_is_prompt_and_clean() -> None:
    ex = MockExchange(rate_limit=None).start()
    ex.inject(faults.stall(60), times=None)
    errors: list[BaseException] = []

    def stalled_request() -> None:
        try:
            with httpx.Client(base_url=ex.url, timeout=30) as client:
                client.get("/api/v1/timestamp")
        except httpx.HTTPError as exc:
            errors.append(exc)

    thread = threading.Thread(target=stalled_request)
    thread.start()
    for _ in range(500):  # poll (bounded) until the request has arrived
        if ex.received:
            break
        time.sleep(0.01)
    assert ex.received
    ex.stop()  # must not wait the 60 s out
    thread.join(10)
    assert not thread.is_alive()
    assert len(errors) == 1
    assert isinstance(errors[0], httpx.RemoteProtocolError | httpx.ReadError)


def test_restart_keeps_state_and_stop_is_idempotent() -> None:
    ex = MockExchange(rate_limit=None)
    ex.start()
    ex.add_order("BTC-USD", 1)
    with pytest.raises(RuntimeError, match="already running"):
        ex.start()
    ex.stop()
    ex.stop()
    with ex:
        assert ex.order_state("BTC-USD", 1) is OrderState.OPEN


def test_fixed_port_and_port_in_use() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
    with MockExchange(port=free_port, rate_limit=None) as ex:
        assert ex.port == free_port
        with pytest.raises(OSError, match="in use"):
            MockExchange(port=free_port).start()


def test_credentials_are_validated_and_never_shown() -> None:
    with pytest.raises(ValueError, match="credentials"):
        MockExchange(credentials={"key": ""})
    with pytest.raises(ValueError, match="at least one"):
        MockExchange(credentials={})
    ex = MockExchange(credentials={"shown-key": "hidden-secret"})
    assert "hidden-secret" not in repr(ex)
    assert "shown-key" in repr(ex)
    assert ex.credentials == {"shown-key": "hidden-secret"}


def test_package_exports_resolve_lazily() -> None:
    assert htx_swap_mock.MockExchange is MockExchange
    assert htx_swap_mock.faults is faults
    assert htx_swap_mock.DEFAULT_CREDENTIALS == {"mock-access-key": "mock-secret-key"}
    assert set(htx_swap_mock.__all__) <= set(dir(htx_swap_mock))
    with pytest.raises(AttributeError):
        _ = htx_swap_mock.Nope


def test_tls_with_a_throwaway_ca() -> None:
    with MockExchange(tls=True, rate_limit=None) as ex:
        assert ex.url.startswith("https://127.0.0.1:")
        ex.add_order("BTC-USD", 1)
        with httpx.Client(base_url=ex.url, verify=ex.client_ssl_context()) as client:
            response = cancel(client, ex.access_key, ex.secret_key, BODY)
            assert json.loads(response.content)["data"]["successes"] == "1"
            ex.inject(faults.drop())
            with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
                cancel(client, ex.access_key, ex.secret_key, BODY)
        # The CA file works with the standard library's own loader too.
        ca_path = Path(ex.ca_cert_pem_path)
        assert ca_path.read_bytes() == ex.ca_cert_pem
        context = ssl.create_default_context(cafile=str(ca_path))
        with httpx.Client(verify=context) as client:
            assert client.get(f"https://localhost:{ex.port}/api/v1/timestamp").status_code == 200
        # Without the CA the certificate is not trusted.
        with httpx.Client(verify=True) as client, pytest.raises(httpx.ConnectError, match="CERT"):
            client.get(f"{ex.url}/api/v1/timestamp")
    assert not ca_path.exists()
    with pytest.raises(RuntimeError, match="TLS"):
        _ = ex.ca_cert_pem


def test_tls_is_unavailable_without_tls() -> None:
    with MockExchange(rate_limit=None) as ex, pytest.raises(RuntimeError, match="tls=True"):
        ex.client_ssl_context()
