"""HTX's answer shapes as bytes: ok, business error, gateway error, server time.

Ids are JSON strings built from the exact decimal text; nothing here goes through float.
``ensure_ascii=False`` because HTX sends its Chinese messages as UTF-8, not ``\\uXXXX``.
"""

from __future__ import annotations

import json

from htx_swap_mock.orders import CancelOutcome

__all__ = [
    "business_error_body",
    "cancel_ok_body",
    "dumps",
    "gateway_error_body",
    "timestamp_body",
]


def dumps(document: object) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def cancel_ok_body(outcome: CancelOutcome, ts_ms: int) -> bytes:
    """``{"status":"ok","data":{"errors":[…],"successes":"id1,id2"},"ts":…}``."""
    errors = [
        {"order_id": error.order_id, "err_code": error.err_code, "err_msg": error.err_msg}
        for error in outcome.errors
    ]
    data = {"errors": errors, "successes": ",".join(outcome.successes)}
    return dumps({"status": "ok", "data": data, "ts": ts_ms})


def business_error_body(code: int, message: str, ts_ms: int) -> bytes:
    """``{"status":"error","err_code":N,"err_msg":"…","ts":…}``."""
    return dumps({"status": "error", "err_code": int(code), "err_msg": message, "ts": ts_ms})


def gateway_error_body(code: str, message: str) -> bytes:
    """The spot-style hyphenated shape:
    ``{"status":"error","err-code":…,"err-msg":…,"data":null}``."""
    return dumps({"status": "error", "err-code": code, "err-msg": message, "data": None})


def timestamp_body(ts_ms: int) -> bytes:
    return dumps({"status": "ok", "ts": ts_ms})
