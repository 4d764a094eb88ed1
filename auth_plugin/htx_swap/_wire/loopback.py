"""Whether a URL or host is this machine: the local exchange, never reached through a proxy.
Apart from ``transport`` so that ``import htx_swap`` does not import httpcore (httpx imports it
only when a client is made)."""

from __future__ import annotations

import ipaddress

import httpx

__all__ = ["is_loopback_host", "is_loopback_url"]


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` is this machine (``localhost``, 127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_loopback_url(url: str) -> bool:
    """Whether ``url`` goes to this machine (the local exchange): never through a proxy."""
    return is_loopback_host(httpx.URL(url).host)
