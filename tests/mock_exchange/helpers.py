"""A small stdlib signer for the tests (a third implementation next to the SDK's and the
exchange's), and helpers to send signed cancels and order-info queries that can be tampered
with on the way."""

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
    "ORDER_INFO_PATH",
    "Params",
    "auth_params",
    "cancel",
    "order_info",
    "query_string",
    "sign_params",
    "signed_post",
    "utc_timestamp",
]

CANCEL_PATH = "/swap-api/v1/swap_cancel"
ORDER_INFO_PATH = "/swap-api/v1/swap_order_info"
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


def signed_post(
    client: httpx.Client,
    path: str,
    access_key: str,
    secret_key: str,
    body: Mapping[str, object] | bytes,
    *,
    timestamp: str | None = None,
    tamper: Callable[[Params], Params] | None = None,
    timeout: float = 5.0,
) -> httpx.Response:
    """POST a signed request to ``path``; ``tamper`` edits the query after signing."""
    host = client.base_url.netloc.decode("ascii")
    params = auth_params(access_key, timestamp or utc_timestamp())
    params.append(("Signature", sign_params(secret_key, "POST", host, path, params)))
    if tamper is not None:
        params = tamper(params)
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return client.post(
        f"{path}?{query_string(params)}",
        content=content,
        headers={"Content-Type": "application/json"},
        timeout=timeout,
    )


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
    """POST a signed swap_cancel."""
    return signed_post(
        client,
        CANCEL_PATH,
        access_key,
        secret_key,
        body,
        timestamp=timestamp,
        tamper=tamper,
        timeout=timeout,
    )


def order_info(
    client: httpx.Client,
    access_key: str,
    secret_key: str,
    body: Mapping[str, object] | bytes,
    *,
    timestamp: str | None = None,
    tamper: Callable[[Params], Params] | None = None,
    timeout: float = 5.0,
) -> httpx.Response:
    """POST a signed swap_order_info."""
    return signed_post(
        client,
        ORDER_INFO_PATH,
        access_key,
        secret_key,
        body,
        timestamp=timestamp,
        tamper=tamper,
        timeout=timeout,
    )
