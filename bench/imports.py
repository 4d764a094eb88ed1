"""4. Cold import, each in a fresh interpreter: wall time of the whole process, best of several,
minus the best of an empty interpreter. Then the same with a client constructed and one request
signed, so that an import made lazy cannot hide its cost until first use.

Bytecode caches are allowed (``PYTHONDONTWRITEBYTECODE`` is dropped for the children), as for
any installed package, and a first, untimed run of each statement writes them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench.report import Report, Row, Target
from bench.stats import Sample

__all__ = ["run"]

_SIGN_WITH_HTX_SWAP = """
import httpx
from htx_swap import HtxCredentials, SwapClient
client = SwapClient(HtxCredentials("key", "secret"))
request = httpx.Request("POST", "https://api.hbdm.com/swap-api/v1/swap_cancel", content=b"{}")
next(client.auth.auth_flow(request))
"""
_SIGN_WITH_HTTPX = """
import attrs, base64, hashlib, hmac, httpx, time
from urllib.parse import quote
client = httpx.Client(timeout=10.0)
query = "AccessKeyId=key&SignatureMethod=HmacSHA256&SignatureVersion=2&Timestamp=" + quote(
    time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()), safe="")
text = "POST\\napi.hbdm.com\\n/swap-api/v1/swap_cancel\\n" + query
signature = base64.b64encode(hmac.new(b"secret", text.encode(), hashlib.sha256).digest())
url = "https://api.hbdm.com/swap-api/v1/swap_cancel?" + query + "&Signature=" + quote(signature)
request = client.build_request("POST", url, content=b"{}")
"""
_SIGN_WITH_CCXT = """
import ccxt
exchange = ccxt.htx({"apiKey": "key", "secret": "secret", "enableRateLimit": False})
exchange.sign("swap-api/v1/swap_cancel", ["contract", "private"], "POST", {"contract_code": "X"})
"""
STATEMENTS = {
    "empty interpreter": "pass",
    "import httpx, attrs": "import httpx, attrs",
    "import htx_swap": "import htx_swap",
    "import ccxt": "import ccxt",
    "httpx + attrs: client, sign one": _SIGN_WITH_HTTPX,
    "htx_swap: client, sign one": _SIGN_WITH_HTX_SWAP,
    "ccxt: client, sign one": _SIGN_WITH_CCXT,
}


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    return env


def _once(statement: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], env=env, check=True)
    return time.perf_counter() - start


def run(report: Report, *, runs: int) -> None:
    report.section("4. Cold import, fresh interpreter each (ms, best of several)")
    env = _environment()
    for statement in STATEMENTS.values():  # writes the bytecode caches; not timed
        _once(statement, env)
    times: dict[str, list[float]] = {name: [] for name in STATEMENTS}
    names = list(STATEMENTS)
    for round_number in range(runs):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(_once(STATEMENTS[name], env))
    empty = min(times["empty interpreter"])
    cost = {name: min(values) - empty for name, values in times.items()}
    report.say(f"Best of {runs} runs each, minus the empty interpreter ({empty * 1e3:.0f} ms).")
    for name, values in times.items():
        spread = Sample(tuple(v - empty for v in values))
        report.say(f"- {name}: {cost[name] * 1e3:.0f} ms (runs {spread.show(1e3, 0)} ms)")

    def row(label: str, ours: str, reference: str, target: Target | None) -> Row:
        return Row(
            label,
            f"{cost[ours] * 1e3:.0f} ms",
            f"{cost[reference] * 1e3:.0f} ms",
            Sample((cost[ours] / cost[reference],)),
            target,
        )

    report.add(
        row(
            "4. cold import: htx_swap ÷ httpx+attrs",
            "import htx_swap",
            "import httpx, attrs",
            Target(1.05),
        )
    )
    report.add(row("4. cold import: htx_swap ÷ ccxt", "import htx_swap", "import ccxt", None))
    report.add(
        row(
            "4. import + client + sign one: htx_swap ÷ httpx+attrs",
            "htx_swap: client, sign one",
            "httpx + attrs: client, sign one",
            Target(1.05),
        )
    )
    report.add(
        row(
            "4. import + client + sign one: htx_swap ÷ ccxt",
            "htx_swap: client, sign one",
            "ccxt: client, sign one",
            None,
        )
    )
