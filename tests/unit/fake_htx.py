"""An httpx.MockTransport stand-in for HTX: checks each request's signature with the separate
reference signer, records it, and answers from a queue (or cancels every id it is sent)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx

from tests.unit.reference_signer import verify_raw_query

__all__ = ["ACCESS_KEY", "SECRET_KEY", "FakeHtx", "ok_body"]

ACCESS_KEY = "fake-access-key"
SECRET_KEY = "fake-secret-key"
Answer = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def ok_body(successes: list[str], errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "status": "ok",
        "data": {"errors": errors or [], "successes": ",".join(successes)},
        "ts": 1603871877639,
    }


class FakeHtx:
    def __init__(self, secret_key: str = SECRET_KEY) -> None:
        self.secret_key = secret_key
        self.requests: list[httpx.Request] = []
        self.signatures_valid: list[bool] = []
        self.answers: list[Answer] = []
        self.clock_reads = 0

    def queue(self, *answers: Answer) -> None:
        self.answers.extend(answers)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    server_time_ms = 1603871877639

    def handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        if request.url.path == "/api/v1/timestamp":
            self.clock_reads += 1
            return httpx.Response(200, json={"status": "ok", "ts": self.server_time_ms})
        self.requests.append(request)
        url = request.url
        host = url.host if url.port is None else f"{url.host}:{url.port}"
        self.signatures_valid.append(
            verify_raw_query(
                self.secret_key,
                request.method,
                host,
                request.url.path,
                request.url.query.decode(),
            )
        )
        if self.answers:
            answer = self.answers.pop(0)
            if isinstance(answer, Exception):
                raise answer
            if isinstance(answer, httpx.Response):
                return answer
            return answer(request)
        body = json.loads(request.content)
        ids = (body.get("order_id") or body.get("client_order_id") or "").split(",")
        return httpx.Response(
            200,
            content=json.dumps(ok_body(ids)).encode(),
            headers={"Content-Type": "text/plain;charset=UTF-8"},
        )

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r.content) for r in self.requests]
