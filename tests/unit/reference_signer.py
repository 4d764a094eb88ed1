"""A deliberately separate, minimal signature v2 implementation that tests check the SDK with.

It shares no code with ``htx_swap._wire.signing``: it reads the raw query the SDK sent and
recomputes the signature from scratch.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import quote, unquote

__all__ = ["expected_signature", "verify_raw_query"]


def expected_signature(
    secret_key: str, method: str, host: str, path: str, params: dict[str, str]
) -> str:
    pairs = sorted(params.items())
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    text = f"{method.upper()}\n{host}\n{path}\n{query}"
    digest = hmac.new(secret_key.encode(), text.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def verify_raw_query(secret_key: str, method: str, host: str, path: str, raw_query: str) -> bool:
    """True when ``raw_query`` (as sent) carries a valid signature for the other parts."""
    params: dict[str, str] = {}
    for part in raw_query.split("&"):
        name, _, value = part.partition("=")
        name, value = unquote(name), unquote(value)
        if name in params:
            return False
        params[name] = value
    signature = params.pop("Signature", None)
    if signature is None:
        return False
    return hmac.compare_digest(
        signature, expected_signature(secret_key, method, host, path, params)
    )
