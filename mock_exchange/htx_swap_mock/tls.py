"""A throwaway certificate authority and a server certificate for the loopback names, so the
exchange can serve https and a client can trust it without touching the system's CA store."""

from __future__ import annotations

import ssl
import tempfile
from pathlib import Path

import trustme

__all__ = ["LOOPBACK_NAMES", "ThrowawayTLS"]

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


class ThrowawayTLS:
    """A fresh CA per instance. The CA certificate (never a key) is written to a temporary
    directory so clients that want a file path get one; ``close()`` removes it."""

    def __init__(self, names: tuple[str, ...] = LOOPBACK_NAMES) -> None:
        self._ca = trustme.CA(organization_name="htx-swap-mock throwaway CA")
        self._server_cert = self._ca.issue_cert(*names)
        self._dir = tempfile.TemporaryDirectory(prefix="htx-swap-mock-")
        self.ca_cert_path = Path(self._dir.name) / "ca.pem"
        self._ca.cert_pem.write_to_path(str(self.ca_cert_path))

    @property
    def ca_cert_pem(self) -> bytes:
        return self._ca.cert_pem.bytes()

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._server_cert.configure_cert(context)
        return context

    def client_context(self) -> ssl.SSLContext:
        """A client context that trusts this CA only (hostname checking on)."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies, and trusts nothing yet
        self._ca.configure_trust(context)
        return context

    def close(self) -> None:
        self._dir.cleanup()
