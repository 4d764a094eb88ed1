"""Read an answer's body with its decoded size capped while it streams.

Both drivers feed the raw (still encoded) chunks here. Decompression never produces more than
the cap allows (``zlib``'s ``max_length``), so a gzip bomb or an endless chunked body costs at
most ``cap`` bytes of memory, not what the server would like to send.
"""

from __future__ import annotations

import zlib

from htx_swap.errors import ResponseParseError, ResponseTooLargeError

__all__ = ["BodyReader"]

# zlib window bits: 16 + 15 reads gzip, 15 a zlib stream, -15 raw deflate.
_WBITS = {"gzip": 31, "x-gzip": 31, "deflate": 15}


class BodyReader:
    """Collects one answer's decoded body, raising ``ResponseTooLargeError`` past ``cap``.

    >>> reader = BodyReader("", cap=4, where="POST /x")
    >>> reader.feed(b"abc"); reader.body()
    b'abc'
    >>> BodyReader("", cap=2, where="POST /x").feed(b"abc")
    Traceback (most recent call last):
    htx_swap.errors.ResponseTooLargeError: POST /x: the answer is larger than 2 bytes; ...
    """

    __slots__ = ("_cap", "_decoder", "_parts", "_size", "_where")

    def __init__(self, content_encoding: str, *, cap: int, where: str) -> None:
        self._cap = cap
        self._where = where
        self._parts: list[bytes] = []
        self._size = 0
        encoding = content_encoding.strip().lower()
        if encoding in {"", "identity"}:
            self._decoder = None
        elif encoding in _WBITS:
            self._decoder = zlib.decompressobj(_WBITS[encoding])
        else:
            raise ResponseParseError(f"{where}: unsupported Content-Encoding {encoding!r}")

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self._cap:
            raise ResponseTooLargeError(
                f"{self._where}: the answer is larger than {self._cap} bytes; reading stopped "
                "(max_response_bytes)"
            )
        self._parts.append(data)

    def feed(self, raw: bytes) -> None:
        """Take one raw chunk as it came off the wire."""
        decoder = self._decoder
        if decoder is None:
            self._keep(raw)
            return
        try:
            while raw:
                # never more out than one byte past the cap, whatever the ratio
                self._keep(decoder.decompress(raw, self._cap - self._size + 1))
                raw = decoder.unconsumed_tail
        except zlib.error as exc:
            raise ResponseParseError(
                f"{self._where}: the body could not be decoded ({exc})"
            ) from None

    def body(self) -> bytes:
        """The whole decoded body."""
        if self._decoder is not None:
            try:
                self._keep(self._decoder.flush())
            except zlib.error as exc:
                raise ResponseParseError(
                    f"{self._where}: the body could not be decoded ({exc})"
                ) from None
        return b"".join(self._parts)
