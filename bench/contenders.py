"""What htx_swap is measured against: a minimal stdlib signer (used bare with httpx) and ccxt.

ccxt is imported only here and only when asked for: it lives in the ``bench`` extra alone.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import quote

__all__ = [
    "CCXT_CANCEL",
    "cancel_body",
    "ccxt_htx",
    "ccxt_version",
    "stdlib_signed_query",
    "utc_timestamp",
]

# ccxt's implicit API method for POST swap-api/v1/swap_cancel (ccxt/abstract/htx.py).
CCXT_CANCEL = "contractPrivatePostSwapApiV1SwapCancel"


def utc_timestamp(epoch_seconds: float | None = None) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(epoch_seconds))


def stdlib_signed_query(
    access_key: str, secret_key: str, method: str, host: str, path: str, timestamp: str
) -> str:
    """Signature v2 for a request without other query parameters (every POST), in as few
    stdlib calls as it takes: the reference a signer cannot beat by much."""
    query = (
        f"AccessKeyId={quote(access_key, safe='')}&SignatureMethod=HmacSHA256"
        f"&SignatureVersion=2&Timestamp={quote(timestamp, safe='')}"
    )
    text = f"{method}\n{host}\n{path}\n{query}".encode()
    digest = hmac.new(secret_key.encode(), text, hashlib.sha256).digest()
    return f"{query}&Signature={quote(base64.b64encode(digest).decode(), safe='')}"


def cancel_body(contract_code: str, order_ids: list[str]) -> bytes:
    """The body htx_swap sends for the same cancel, byte for byte (compact JSON)."""
    body = {"contract_code": contract_code, "order_id": ",".join(order_ids)}
    return json.dumps(body, separators=(",", ":")).encode()


def ccxt_htx(host: str, access_key: str, secret_key: str, *, scheme: str = "https") -> Any:  # noqa: ANN401 - ccxt is untyped
    """ccxt's ``htx`` with its own rate limiter off, sending its contract API to ``host``.

    The hostname carries the port: ccxt signs ``hostname`` and requests sends it as ``Host``,
    so both agree with what the exchange checks.
    """
    import ccxt

    exchange = ccxt.htx(
        {"apiKey": access_key, "secret": secret_key, "enableRateLimit": False, "timeout": 10_000}
    )
    exchange.urls["hostnames"]["contract"] = host
    exchange.urls["api"]["contract"] = f"{scheme}://{{hostname}}"
    return exchange


def ccxt_version() -> str:
    try:
        import ccxt
    except ImportError:
        return "not installed"
    return str(ccxt.__version__)
