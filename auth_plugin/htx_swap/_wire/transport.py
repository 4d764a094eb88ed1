"""``DeadlineTransport``: an ``httpx`` transport whose every socket operation is held to the
attempt's own end, so a server that trickles its headers or its body one byte at a time cannot
hold a synchronous call past its bound.

httpx's timeouts bound each read; a trickle resets them with every byte. This transport runs
``httpcore``'s connection pool over a network backend that cuts each connect, read and write
timeout to the time left before the deadline the sync driver sets for the attempt in progress
(``deadline.local``). The async driver needs none of this: ``asyncio.timeout`` bounds an
attempt as a whole.
"""

from __future__ import annotations

import ssl
import time
import urllib.request
from collections.abc import Iterable, Iterator
from typing import Any

import httpcore
import httpx

from htx_swap._wire.deadline import left as _left

__all__ = [
    "DeadlineTransport",
    "environment_proxy",
    "sdk_transport",
]


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout)
        )
        return _Stream(inner)

    def get_extra_info(self, info: str) -> Any:  # noqa: ANN401 - httpcore's own signature
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _left(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return _Stream(stream)

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


def _proxy_auth(proxy: str) -> dict[str, Any]:
    url = httpx.URL(proxy)
    return {"proxy_auth": (url.username, url.password)} if url.username else {}


def environment_proxy(base_url: str) -> str | None:
    """The proxy the environment names for ``base_url`` (lower-case variables first, as httpx
    reads them; ``NO_PROXY`` honoured), or None."""
    url = httpx.URL(base_url)
    if urllib.request.proxy_bypass(url.host):
        return None
    proxies = urllib.request.getproxies_environment()
    return proxies.get(url.scheme) or proxies.get("all")


def sdk_transport(
    base_url: str, *, trust_env: bool, verify: ssl.SSLContext | bool = True
) -> DeadlineTransport | None:
    """The transport of a client the SDK makes: a ``DeadlineTransport``, through the proxy the
    environment names when ``trust_env``; None for a SOCKS proxy (only httpx's own transport
    speaks it: there a server trickling its headers is bounded per read, not per attempt)."""
    proxy = environment_proxy(base_url) if trust_env else None
    if proxy is not None and not proxy.startswith(("http://", "https://")):
        return None
    return DeadlineTransport(verify=verify, proxy=proxy)


# Every failure httpcore raises while sending or reading, each becoming httpx's class of the same
# name (as httpx's own transport maps them): a proxy refusing CONNECT (502, 407) is a
# ProxyError, never sent, like a refused connection.
_HTTPCORE_ERRORS = (
    httpcore.TimeoutException,
    httpcore.NetworkError,
    httpcore.ProtocolError,
    httpcore.UnsupportedProtocol,
    httpcore.ProxyError,
)


def _httpx_error(exc: Exception) -> Exception:
    """httpcore's exception as httpx's class of the same name (what httpx's own transport
    raises)."""
    mapped = getattr(httpx, type(exc).__name__, None)
    if isinstance(mapped, type) and issubclass(mapped, httpx.TransportError):
        return mapped(str(exc))
    return exc


class _Body(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._stream
        except _HTTPCORE_ERRORS as exc:
            raise _httpx_error(exc) from exc

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


class DeadlineTransport(httpx.BaseTransport):
    """httpx's HTTP/1.1 transport, with each attempt held to the deadline the driver set;
    through an http(s) ``proxy`` when one is given (its handshake held to it too)."""

    def __init__(self, verify: ssl.SSLContext | bool = True, proxy: str | None = None) -> None:
        options: dict[str, Any] = {
            "ssl_context": httpx.create_ssl_context(verify=verify),
            "max_connections": 100,
            "max_keepalive_connections": 20,
            "keepalive_expiry": 5.0,
            "network_backend": _Backend(),
        }
        self._pool: httpcore.ConnectionPool = (
            httpcore.ConnectionPool(**options)
            if proxy is None
            else httpcore.HTTPProxy(
                proxy_url=str(httpx.URL(proxy).copy_with(userinfo=b"")),
                **_proxy_auth(proxy),
                **options,
            )
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` over the pool; every socket operation ends by the attempt's end."""
        assert isinstance(request.stream, httpx.SyncByteStream)
        url = request.url
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        try:
            response = self._pool.handle_request(core_request)
        except _HTTPCORE_ERRORS as exc:
            raise _httpx_error(exc) from exc
        assert isinstance(response.stream, Iterable)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Body(response.stream),
            extensions=response.extensions,
        )

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()
