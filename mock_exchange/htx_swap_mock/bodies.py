"""HTX's answer shapes as bytes: ok, business error, gateway error, server time, order info.

Nothing here goes through float. Cancel ids are JSON strings built from the exact decimal
text; order info writes ``order_id`` as a JSON number, which Python's integers keep exact at
any size, and decimals as exact JSON number literals (``Decimal`` has no ``json`` support, so
order info has its own small encoder). ``ensure_ascii=False`` because HTX sends its Chinese
messages as UTF-8, not ``\\uXXXX``.
"""

from __future__ import annotations

import functools
import json
import struct
import zlib
from collections.abc import Iterator, Sequence
from decimal import Decimal

from htx_swap_mock.order_view import JsonValue
from htx_swap_mock.orders import CancelOutcome

__all__ = [
    "business_error_body",
    "cancel_after_body",
    "cancel_after_error_body",
    "cancel_ok_body",
    "dumps",
    "encode_exact",
    "gateway_error_body",
    "gzip_bomb_body",
    "open_orders_body",
    "order_info_body",
    "padded_body",
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


_SPACES = b" " * (1 << 16)
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"  # no name, no mtime, unknown OS


def _spaces(count: int) -> Iterator[bytes]:
    """``count`` spaces in pieces of at most 64 KiB (never one big buffer)."""
    whole, rest = divmod(max(0, count), len(_SPACES))
    for _ in range(whole):
        yield _SPACES
    if rest:
        yield _SPACES[:rest]


def padded_body(answer: bytes, size: int) -> Iterator[bytes]:
    """``answer`` followed by spaces up to ``size`` bytes in all (still the same JSON), in
    pieces of at most 64 KiB."""
    yield answer
    yield from _spaces(size - len(answer))


@functools.cache
def _deflated_block(size: int) -> bytes:
    """``size`` spaces as raw deflate blocks that end on a byte boundary and refer to nothing
    before them (a full flush): copies of it one after another decode to that many spaces each."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(b" " * size) + packer.flush(zlib.Z_FULL_FLUSH)


def _deflated_spaces(count: int) -> bytes:
    """A raw deflate stream of ``count`` spaces, its last block final (a few KiB per 64 MiB):
    copies of one compressed 64 KiB block, so any size costs about the same (deflating 64 MiB
    took 0.6 s, inside the first bombed request, whose client times out meanwhile)."""
    whole, rest = divmod(max(0, count), len(_SPACES))
    last = zlib.compressobj(9, zlib.DEFLATED, -15)
    return _deflated_block(len(_SPACES)) * whole + last.compress(_SPACES[:rest]) + last.flush()


def gzip_bomb_body(answer: bytes, decoded_size: int) -> bytes:
    """A gzip member that decodes to ``answer`` followed by spaces, ``decoded_size`` bytes in
    all: the answer's own deflate blocks (flushed to a byte boundary), then the cached blocks
    of spaces, then the CRC and size of the whole."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = packer.compress(answer) + packer.flush(zlib.Z_FULL_FLUSH)
    count = max(0, decoded_size - len(answer))
    crc = zlib.crc32(answer)
    for piece in _spaces(count):
        crc = zlib.crc32(piece, crc)
    trailer = struct.pack("<II", crc, (len(answer) + count) & 0xFFFFFFFF)
    return _GZIP_HEADER + head + _deflated_spaces(count) + trailer


def business_error_body(code: int, message: str, ts_ms: int) -> bytes:
    """``{"status":"error","err_code":N,"err_msg":"…","ts":…}``."""
    return dumps({"status": "error", "err_code": int(code), "err_msg": message, "ts": ts_ms})


def gateway_error_body(code: str, message: str) -> bytes:
    """The spot-style hyphenated shape:
    ``{"status":"error","err-code":…,"err-msg":…,"data":null}``."""
    return dumps({"status": "error", "err-code": code, "err-msg": message, "data": None})


def timestamp_body(ts_ms: int) -> bytes:
    return dumps({"status": "ok", "ts": ts_ms})


def _decimal_literal(number: Decimal) -> str:
    """A finite decimal as a JSON number literal, exact and without exponent or trailing zeros.

    >>> [_decimal_literal(Decimal(text)) for text in ("0.60", "1E+2", "-0", "-0.0303")]
    ['0.6', '100', '0', '-0.0303']
    """
    if not number.is_finite():
        raise ValueError(f"JSON has no number for {number}")
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def encode_exact(value: JsonValue) -> str:
    """Compact JSON in which ``Decimal`` values are written as exact number literals.

    >>> encode_exact({"order_id": 771043577949732864, "price": Decimal("0.60"), "x": [None]})
    '{"order_id":771043577949732864,"price":0.6,"x":[null]}'
    """
    if isinstance(value, Decimal):
        return _decimal_literal(value)
    if isinstance(value, dict):
        members = (f"{encode_exact(key)}:{encode_exact(item)}" for key, item in value.items())
        return "{" + ",".join(members) + "}"
    if isinstance(value, list):
        return "[" + ",".join(encode_exact(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def order_info_body(orders: Sequence[dict[str, JsonValue]], ts_ms: int) -> bytes:
    """``{"status":"ok","data":[{order},…],"ts":…}``."""
    data: list[JsonValue] = list(orders)
    document: JsonValue = {"status": "ok", "data": data, "ts": ts_ms}
    return encode_exact(document).encode("utf-8")


def open_orders_body(
    orders: Sequence[dict[str, JsonValue]],
    *,
    total_page: int,
    current_page: int,
    total_size: int,
    ts_ms: int,
) -> bytes:
    """``{"status":"ok","data":{"orders":[…],"total_page":…,"current_page":…,"total_size":…},
    "ts":…}``, the shape of every open-orders page (limit, trigger, TP/SL, trailing)."""
    data: dict[str, JsonValue] = {
        "orders": list(orders),
        "total_page": total_page,
        "current_page": current_page,
        "total_size": total_size,
    }
    document: JsonValue = {"status": "ok", "data": data, "ts": ts_ms}
    return encode_exact(document).encode("utf-8")


def cancel_after_body(current_time: int, trigger_time: int, ts_ms: int) -> bytes:
    """swap-cancel-after's own envelope:
    ``{"code":200,"msg":"","data":{"current_time":…,"trigger_time":…},"ts":…}``."""
    data = {"current_time": current_time, "trigger_time": trigger_time}
    return dumps({"code": 200, "msg": "", "data": data, "ts": ts_ms})


def cancel_after_error_body(code: int, message: str, ts_ms: int) -> bytes:
    """A refused swap-cancel-after, in the same envelope:
    ``{"code":N,"msg":"…","data":null,"ts":…}``."""
    return dumps({"code": int(code), "msg": message, "data": None, "ts": ts_ms})
