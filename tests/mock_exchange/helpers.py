"""A small stdlib signer for the tests (a third implementation next to the SDK's and the
exchange's), and helpers to send signed cancels that can be tampered with on the way."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping
from urllib.parse import quote

import httpx

__all__ = [
    "CANCEL_PATH",
    "Params",
    "auth_params",
    "cancel",
    "query_string",
    "sign_params",
    "utc_timestamp",
]

CANCEL_PATH = "/swap-api/v1/swap_cancel"
Params = list[tuple[str, str]]


def utc_timestamp(epoch: float | None = None) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(time.time() if epoch is None else epoch))


def _q(text: str) -> str:
    return quote(text, safe="~")


def query_string(params: Params) -> str:
    return "&".join(f"{_q(name)}={_q(value)}" for name, value in params)


def auth_params(access_key: str, timestamp: str) -> Params:
    return [
        ("AccessKeyId", access_key),
        ("SignatureMethod", "HmacSHA256"),
        ("SignatureVersion", "2"),
        ("Timestamp", timestamp),
    ]


def sign_params(secret_key: str, method: str, host: str, path: str, params: Params) -> str:
    text = "\n".join([method, host, path, query_string(sorted(params))])
    digest = hmac.new(secret_key.encode(), text.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def cancel(
    client: httpx.Client,
    access_key: str,
    secret_key: str,
    body: Mapping[str, object] | bytes,
    *,
    timestamp: str | None = None,
    tamper: Callable[[Params], Params] | None = None,
    timeout: float = 5.0,
) -> httpx.Response:
    """POST a signed swap_cancel; ``tamper`` edits the query after signing."""
    host = client.base_url.netloc.decode("ascii")
    params = auth_params(access_key, timestamp or utc_timestamp())
    params.append(("Signature", sign_params(secret_key, "POST", host, CANCEL_PATH, params)))
    if tamper is not None:
        params = tamper(params)
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(
        f"{CANCEL_PATH}?{query_string(params)}",
        content=content,
        headers={"Content-Type": "application/json"},
        timeout=timeout,
    )
