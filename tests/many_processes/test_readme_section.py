"""The README's "Many processes, many accounts" section: its example runs, its numbers are the
code's (each behaviour it states is held by the tests beside this file)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from htx_swap import HtxCredentials
from htx_swap._cli.accounts_cli import read_accounts
from htx_swap._redis.redis_limiter import (
    DEFAULT_REDIS_TIMEOUT,
    DEFAULT_RETRY_AFTER,
    DEFAULT_SHARE,
    EXIT_FLUSH_SECONDS,
)
from htx_swap_mock import MockExchange

from bench.redis_server import RedisServer
from tests.many_processes import test_shared_burst

ROOT = Path(__file__).resolve().parents[2]
TITLE = "## Many processes, many accounts"


def _section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split(TITLE, 1)[1].split("\n## ", 1)[0]


def _block(language: str) -> str:
    match = re.search(rf"```{language}\n(.*?)```", _section(), re.DOTALL)
    assert match is not None
    return match.group(1)


def test_the_example_runs(redis: RedisServer, htx_exchange: MockExchange) -> None:
    htx_exchange.add_order("BTC-USD", "771038212360937472")
    code = _block("python").replace("redis://10.0.0.5:6379/0", redis.url)
    code = code.replace("SwapClient(credentials, ", "SwapClient(credentials, base_url=URL, ")
    names: dict[str, object] = {
        "credentials": HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key),
        "URL": htx_exchange.url,
    }
    exec(compile(code, "README.md", "exec"), names)  # noqa: S102 - the README's own example
    assert names["result"].successes == ["771038212360937472"]  # type: ignore[attr-defined]
    assert names["coordinator"].last_exit == "last"  # type: ignore[attr-defined]
    assert not htx_exchange.cancel_after().armed


def test_the_accounts_file_example_reads(tmp_path: Path) -> None:
    path = tmp_path / "accounts.toml"
    path.write_text(_block("toml"))
    env = {"HTX_MAIN_ACCESS_KEY": "k", "HTX_MAIN_SECRET_KEY": "s"}
    assert list(read_accounts(str(path), env)) == ["main"]


def test_the_numbers_are_the_codes() -> None:
    text = " ".join(_section().split())
    assert DEFAULT_SHARE == 0.25
    assert "a quarter of the bucket" in text
    assert f"{DEFAULT_REDIS_TIMEOUT} s by default" in text
    assert f"every `retry_after` seconds ({DEFAULT_RETRY_AFTER:g} s)" in text
    assert (
        f"at exit (up to {EXIT_FLUSH_SECONDS:g} s in all while Redis is there but silent)" in text
    )
    burst = (test_shared_burst.PROCESSES, test_shared_burst.PER_PROCESS)
    assert burst == (4, 30)
    assert "Four processes of 30 cancels each" in text


@pytest.mark.parametrize("name", ["RedisRateLimiter", "RedisSwitchCoordinator"])
def test_the_names_are_importable_lazily(name: str) -> None:
    import htx_swap

    assert name in _section()
    assert getattr(htx_swap, name).__name__ == name
