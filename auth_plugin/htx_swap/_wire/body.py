"""Read an answer's body with its decoded size capped while it streams (both drivers).

Both drivers feed the raw (still encoded) chunks here. Decompression never produces more than
the cap allows (``zlib``'s ``max_length``), so a gzip bomb or an endless chunked body costs at
most ``cap`` bytes of memory, not what the server would like to send.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING, Protocol

import httpx

from htx_swap._model.errors import (
    APITimeoutError,
    ClientClosedError,
    HtxError,
    ResponseParseError,
    ResponseTooLargeError,
)

if TYPE_CHECKING:
    from htx_swap._engine.steps import Send

__all__ = [
    "Answer",
    "BodyReader",
    "ReadAnswer",
    "answer_of",
    "closed_mid_call",
    "overran",
    "reader_for",
]

# zlib window bits: 16 + 15 reads gzip, 15 a zlib stream, -15 raw deflate.
_WBITS = {"gzip": 31, "x-gzip": 31, "deflate": 15}


class BodyReader:
    """Collects one answer's decoded body, raising ``ResponseTooLargeError`` past ``cap``.

    >>> reader = BodyReader("", cap=4, where="POST /x")
    >>> reader.feed(b"abc"); reader.body()
    b'abc'
    >>> BodyReader("", cap=2, where="POST /x").feed(b"abc")
    Traceback (most recent call last):
    htx_swap._model.errors.ResponseTooLargeError: POST /x: the answer is larger than 2 bytes; ...
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


class Answer(Protocol):
    """What the codec and the error map read of an answer: an ``httpx.Response`` read whole,
    or the drivers' ``ReadAnswer``."""

    @property
    def status_code(self) -> int: ...
    @property
    def headers(self) -> httpx.Headers: ...
    @property
    def content(self) -> bytes: ...
    @property
    def reason_phrase(self) -> str: ...


class ReadAnswer:
    """An answer whose body the driver read (decoded, capped): status, headers, content, and
    the URL it came from (an error names its host)."""

    __slots__ = ("content", "headers", "status_code", "url")

    def __init__(
        self,
        status_code: int,
        headers: httpx.Headers,
        content: bytes,
        url: httpx.URL | None = None,
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self.url = url

    @property
    def reason_phrase(self) -> str:
        """HTTP's phrase for the status (``OK``, ``Service Unavailable``)."""
        return httpx.codes.get_reason_phrase(self.status_code)


def answer_of(response: httpx.Response, body: bytes) -> ReadAnswer:
    """The answer with its body read and decoded: no second ``httpx.Response`` is built."""
    return ReadAnswer(response.status_code, response.headers, body, response.request.url)


def reader_for(response: httpx.Response, step: Send) -> BodyReader:
    """A capped reader for ``response``'s body. A transport that answered with the body already
    in memory (``httpx.MockTransport``) has it decoded: it is checked against the cap alone."""
    in_memory = response.is_stream_consumed
    encoding = "" if in_memory else response.headers.get("content-encoding", "")
    reader = BodyReader(encoding, cap=step.cap, where=step.where)
    if in_memory:
        reader.feed(response.content)
    return reader


def overran(step: Send) -> APITimeoutError:
    return APITimeoutError(
        f"{step.where}: the answer was still coming when the attempt's time ran out"
    )


def closed_mid_call(step: Send, *, sent: bool) -> HtxError:
    """The attempt's outcome when another thread or task closed the client under it: nothing
    left before the request was sent; once sent, it may have reached HTX (and a retry on a
    closed client cannot help: ``ClientClosedError`` is never retried)."""
    if not sent:
        return ClientClosedError(f"{step.where}: the client was closed; not sent")
    return ClientClosedError(
        f"{step.where}: the client was closed while the answer was read; it may have reached HTX",
        may_have_reached=True,
    )
