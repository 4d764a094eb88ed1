"""The local exchange (``htx_swap_mock``) in a process of its own, driven by its admin API.

It runs as ``python -m htx_swap_mock`` (the ``htx-swap-mock`` command) with fresh random
credentials and its rate limit off; each benchmark seeds the orders it cancels and sets the
faults (an answer delay) and the limit it needs through ``/_mock``.
"""

from __future__ import annotations

import json
import secrets
import selectors
import subprocess
import sys
import tempfile
from types import TracebackType
from typing import IO, Self

import httpx

__all__ = ["CANCEL_PATH", "CONTRACT", "Exchange"]

CANCEL_PATH = "/swap-api/v1/swap_cancel"
CONTRACT = "BTC-USD"
FIRST_ORDER_ID = 771038212360937472  # 18 digits and above 2**53, like HTX's ids
START_TIMEOUT = 30.0


class Exchange:
    """A running ``htx-swap-mock`` in a child process, with fresh random credentials.

    Orders are seeded in advance with ``seed`` (each id is new), so every cancel in a benchmark
    cancels an open order and gets the same kind of answer.
    """

    def __init__(self) -> None:
        self.access_key = f"bench-{secrets.token_hex(6)}"
        self.secret_key = secrets.token_urlsafe(24)
        self._log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self._process: subprocess.Popen[bytes] | None = None
        self._admin: httpx.Client | None = None
        self._next_id = FIRST_ORDER_ID
        self.url = ""

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> Self:
        argv = ["--port", "0", "--rate-limit", "0"]
        argv += ["--access-key", self.access_key, "--secret-key", self.secret_key]
        self._process = subprocess.Popen(
            [sys.executable, "-m", "htx_swap_mock", *argv],
            stdout=subprocess.PIPE,
            stderr=self._log,
        )
        self.url = self._read_url(self._process)
        self._admin = httpx.Client(base_url=self.url, timeout=30.0)
        return self

    def _read_url(self, process: subprocess.Popen[bytes]) -> str:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            if not selector.select(START_TIMEOUT):
                self.stop()
                raise RuntimeError(f"the exchange did not start: {self.server_log()}")
        line = process.stdout.readline().decode().strip()
        if not line.startswith("http"):
            self.stop()
            raise RuntimeError(f"the exchange did not start: {self.server_log()}")
        return line

    def server_log(self) -> str:
        self._log.seek(0)
        return self._log.read().decode(errors="replace")[-2000:]

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None
        self._log.close()

    @property
    def host(self) -> str:
        """``host:port`` as the client signs it and sends it in ``Host``."""
        return self.url.split("://", 1)[1]

    def _call(self, method: str, path: str, body: object = None) -> object:
        if self._admin is None:
            raise RuntimeError("the exchange is not running")
        response = self._admin.request(method, f"/_mock{path}", json=body)
        if response.status_code != 200:
            raise RuntimeError(f"admin {method} {path}: {response.status_code} {response.text}")
        return json.loads(response.content)

    def seed(self, count: int) -> list[str]:
        """``count`` new open orders of ``CONTRACT``; returns their ids."""
        ids = [str(self._next_id + n) for n in range(count)]
        self._next_id += count
        orders = [{"contract_code": CONTRACT, "order_id": order_id} for order_id in ids]
        for start in range(0, count, 5000):
            self._call("POST", "/orders", {"orders": orders[start : start + 5000]})
        return ids

    def seed_usdt(self, contract_code: str, count: int) -> list[str]:
        """``count`` new open USDT-M limit orders of ``contract_code``; returns their ids."""
        ids = self.next_ids(count)
        orders = [{"contract_code": contract_code, "order_id": order_id} for order_id in ids]
        for start in range(0, count, 5000):
            self._call("POST", "/usdt_orders", {"orders": orders[start : start + 5000]})
        return ids

    def answer_delay(self, seconds: float | None, path: str | None = CANCEL_PATH) -> None:
        """Delay every answer to ``path`` (None: every path) by ``seconds`` (None: no delay)."""
        self._call("DELETE", "/faults")
        if seconds:
            rule = {"fault": "delay", "seconds": seconds, "times": None, "path": path}
            self._call("POST", "/faults", rule)

    def seed_orders(self, orders: list[dict[str, object]]) -> None:
        """Seed orders given as the admin API takes them (any kind, any contract)."""
        self._call("POST", "/orders", {"orders": orders})

    def next_ids(self, count: int) -> list[str]:
        """``count`` fresh order ids (nothing seeded)."""
        ids = [str(self._next_id + n) for n in range(count)]
        self._next_id += count
        return ids

    def settings(self, **settings: object) -> None:
        """Change the exchange's settings (``cancel_delay``, ``read_rate_limit``, ...)."""
        self._call("POST", "/settings", settings)

    def orders(self) -> list[dict[str, object]]:
        answer = self._call("GET", "/orders")
        assert isinstance(answer, dict)
        return list(answer["orders"])

    def requests_to(self, path: str) -> int:
        """How many requests to ``path`` the exchange received since the last clear."""
        answer = self._call("GET", "/requests")
        assert isinstance(answer, dict)
        return sum(1 for record in answer["requests"] if record.get("path") == path)

    def clear_requests(self) -> None:
        self._call("DELETE", "/requests")

    def rate_limit(self, limit: tuple[int, float] | None) -> None:
        """The exchange's own limit per key; setting it restarts the window."""
        self._call("POST", "/settings", {"rate_limit": None if limit is None else list(limit)})

    def received_count(self) -> int:
        answer = self._call("GET", "/requests")
        assert isinstance(answer, dict)
        return len(answer["requests"])

    def reset(self) -> None:
        """No orders, faults or records; settings (rate limit off) as started."""
        self._call("POST", "/reset")
