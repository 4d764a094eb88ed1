"""One line per request for ``htx-swap-mock --log-requests`` (``MockExchange(request_log=...)``):
method, path, what the exchange answered and what its signature check found, so whoever
points their own code at the exchange sees why a request was refused.

Never the secret key nor the request's ``Signature``: a refused signature is explained by the
text the exchange signed (method, host, path, the sorted parameters), which is what a client
has to sign too.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from typing import Any

from htx_swap_mock.processing import PRIVATE_PATHS
from htx_swap_mock.recording import ReceivedRequest
from htx_swap_mock.verify import AuthFailure, canonical_query, string_to_sign

__all__ = ["MAX_LOGGED_BODY", "answer_summary", "describe", "signature_verdict"]

MAX_LOGGED_BODY = 64 * 1024  # an answer is read this far for its codes (faults send megabytes)
_MAX_IDS = 5  # refused ids named per line; the rest are counted
_MAX_TEXT = 120


def _printable(text: object, limit: int = _MAX_TEXT) -> str:
    """``text`` on one line, control characters shown as ``?``, at most ``limit`` characters."""
    shown = "".join(c if c.isprintable() else "?" for c in str(text))
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _per_id(data: dict[str, Any]) -> str:
    successes = data.get("successes")
    accepted = [i for i in successes.split(",") if i] if isinstance(successes, str) else []
    errors = [e for e in data.get("errors") or [] if isinstance(e, dict)]
    refused = [f"{_printable(e.get('order_id'))} {e.get('err_code')}" for e in errors[:_MAX_IDS]]
    more = f", {len(errors) - _MAX_IDS} more" if len(errors) > _MAX_IDS else ""
    text = f"{len(accepted)} accepted, {len(errors)} refused"
    return f"{text} ({', '.join(refused)}{more})" if refused else text


def _envelope(document: dict[str, Any]) -> str:
    """HTX's code in an answer's envelope, or ``ok`` (with the per-id results of a cancel)."""
    if "err-code" in document:  # the gateway's envelope
        code, message = document["err-code"], document.get("err-msg")
        return f"err-code {_printable(code)} {_printable(message)}"
    if document.get("status") == "error":
        code, message = document.get("err_code"), document.get("err_msg")
        return f"err_code {code} {_printable(message)}"
    code = document.get("code")
    if isinstance(code, int) and code != 200:  # swap-cancel-after's envelope
        return f"code {code} {_printable(document.get('msg'))}"
    data = document.get("data")
    return f"ok: {_per_id(data)}" if isinstance(data, dict) and "successes" in data else "ok"


def answer_summary(status: int | None, body: bytes) -> str:
    """The HTTP status and HTX's code of an answer (its per-id results for a cancel).

    >>> answer_summary(200, b'{"status":"error","err_code":1051,"err_msg":"No orders"}')
    'HTTP 200 err_code 1051 No orders'
    >>> answer_summary(200, b'{"status":"ok","data":{"successes":"1","errors":'
    ...                     b'[{"order_id":"2","err_code":1063,"err_msg":"filled"}]}}')
    'HTTP 200 ok: 1 accepted, 1 refused (2 1063)'
    """
    if status is None:
        return "no answer (the connection was closed or the answer cut short)"
    try:
        document = json.loads(body)
    except ValueError:
        return f"HTTP {status} (not JSON)" if body else f"HTTP {status}"
    if not isinstance(document, dict):
        return f"HTTP {status}"
    return f"HTTP {status} {_envelope(document)}"


def _signed_text(request: ReceivedRequest) -> str:
    """What the exchange signed for ``request``: what its client had to sign."""
    signed = [(name, value) for name, value in request.query if name != "Signature"]
    host = request.header("host") or ""
    return string_to_sign(request.method, host, request.path, canonical_query(signed))


def signature_verdict(request: ReceivedRequest, known_keys: Collection[str]) -> str:
    """What the signature check found, in words (``known_keys``: the exchange's access keys)."""
    failure, detail = request.auth_failure, _printable(request.auth_detail)
    if request.path not in PRIVATE_PATHS:
        return "signature not checked (not a signed endpoint)"
    if failure is None:
        return "signature ok"
    why = {
        AuthFailure.BAD_SIGNATURE: lambda: (
            f"bad_signature; the exchange signed {_printable(repr(_signed_text(request)), 2000)}"
        ),
        AuthFailure.UNKNOWN_ACCESS_KEY: lambda: (
            f"unknown_access_key (this exchange knows: {', '.join(sorted(known_keys))})"
        ),
        AuthFailure.STALE_TIMESTAMP: lambda: f"{detail} off the exchange's clock",
        AuthFailure.BAD_TIMESTAMP: lambda: f"{detail!r} is not YYYY-MM-DDThh:mm:ss",
    }.get(failure, lambda: f"{failure.value} {detail}")()
    if failure.signature_checked_out:
        return f"signature ok, timestamp refused: {why}"
    return f"signature refused: {why}"


def describe(
    request: ReceivedRequest, status: int | None, body: bytes, known_keys: Collection[str]
) -> str:
    """The line logged for one request."""
    fault = f" [fault {request.fault}]" if request.fault else ""
    answer = answer_summary(status, body)
    verdict = signature_verdict(request, known_keys)
    return f"{request.method} {_printable(request.path)} -> {answer}{fault} | {verdict}"
