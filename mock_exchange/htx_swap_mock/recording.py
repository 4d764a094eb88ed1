"""What the exchange received: one frozen record per request, kept in arrival order."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass

from htx_swap_mock.verify import AuthFailure

__all__ = ["ReceivedRequest", "RequestLog"]


@dataclass(frozen=True)
class ReceivedRequest:
    """A request as it arrived, before any answer.

    ``signature_valid`` says whether the HMAC checked out (a stale but authentic request has
    it True, with ``auth_failure`` STALE_TIMESTAMP); public endpoints record it False.
    ``fault`` is the injected fault that answered this request, if any.
    """

    method: str
    path: str
    query_string: str  # raw, exactly as sent
    query: tuple[tuple[str, str], ...]  # decoded pairs, duplicates kept
    headers: tuple[tuple[str, str], ...]  # names lower case, in arrival order
    body: bytes
    signature_valid: bool
    auth_failure: AuthFailure | None
    auth_detail: str  # the parameter concerned, or how far off the timestamp was
    access_key: str | None
    received_at: float  # server clock (offset included), POSIX seconds
    fault: str | None = None
    fault_after_processing: bool = False

    def header(self, name: str) -> str | None:
        """The first header called ``name`` (case-insensitive), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key == wanted), None)

    def param(self, name: str) -> str | None:
        """The first query parameter called ``name``, or None."""
        return next((value for key, value in self.query if key == name), None)

    def json(self) -> object:
        """The body parsed as JSON (raises ValueError if it is not JSON)."""
        return json.loads(self.body)


class RequestLog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[ReceivedRequest] = []

    def append(self, record: ReceivedRequest) -> None:
        with self._lock:
            self._records.append(record)

    def snapshot(self) -> list[ReceivedRequest]:
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        with self._lock:
            self._records.clear()
