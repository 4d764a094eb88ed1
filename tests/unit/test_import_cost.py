"""``import htx_swap`` loads what a client's first call needs only when a client is made: not
httpcore and the SDK's transport (httpx imports httpcore when a client is made), nor any
optional extra (OpenTelemetry, websockets, redis)."""

from __future__ import annotations

import subprocess
import sys

DEFERRED = (
    "httpcore",
    "htx_swap._wire.transport",
    "opentelemetry",
    "websockets",
    "redis",
)


def _loaded_after(code: str) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    modules = run.stdout.split()
    return [name for name in DEFERRED if name in modules]


def test_import_htx_swap_defers_the_transport_and_every_extra() -> None:
    assert _loaded_after("import htx_swap") == []


def test_a_client_made_loads_the_transport_and_still_no_extra() -> None:
    made = "import htx_swap\nhtx_swap.SwapClient(htx_swap.HtxCredentials('k', 's')).close()"
    assert _loaded_after(made) == ["httpcore", "htx_swap._wire.transport"]
