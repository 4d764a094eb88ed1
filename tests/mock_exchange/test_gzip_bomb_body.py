"""The gzip bomb's body: decodes to the answer then spaces, exactly the size asked, and is made
without deflating the whole size (64 MiB took 0.6 s inside the first bombed request, enough for
a loaded machine to time the client out and retry)."""

from __future__ import annotations

import zlib
from typing import Any

import pytest
from htx_swap_mock import bodies

MIB = 1 << 20
ANSWER = b'{"status":"ok","data":{"errors":[],"successes":"1,2"},"ts":1700000000000}'


@pytest.mark.parametrize(
    "size", [0, len(ANSWER), 1 << 16, (1 << 16) + 17, 3 * (1 << 16) - 1, MIB + 5]
)
def test_the_bomb_decodes_to_the_answer_then_spaces(size: int) -> None:
    decoder = zlib.decompressobj(31)  # gzip: checks the CRC and the length
    decoded = decoder.decompress(bodies.gzip_bomb_body(ANSWER, size))
    assert decoder.eof
    assert decoder.unused_data == b""
    assert decoded == ANSWER + b" " * max(0, size - len(ANSWER))


def test_a_bomb_of_any_size_deflates_only_a_block(monkeypatch: pytest.MonkeyPatch) -> None:
    fed: list[int] = []
    real = zlib.compressobj

    class Counting:
        def __init__(self, *args: Any) -> None:
            self._packer = real(*args)

        def compress(self, data: bytes) -> bytes:
            fed.append(len(data))
            return self._packer.compress(data)

        def flush(self, *args: Any) -> bytes:
            return self._packer.flush(*args)

    monkeypatch.setattr(zlib, "compressobj", Counting)
    body = bodies.gzip_bomb_body(ANSWER, 64 * MIB + 12345)
    assert sum(fed) <= 2 * (1 << 16) + len(ANSWER)
    assert len(body) < 128 * 1024
    monkeypatch.undo()
    assert len(zlib.decompress(body, 31)) == 64 * MIB + 12345
