"""Review of issue 26 from a new user's seat: what still misled after it was implemented.

Each test failed on the code it was written against. The CLI runs as a process; README blocks
are taken from the README as ``tests/test_readme.py`` takes them. Nothing here may reach HTX:
every process gets a dead loopback proxy, so a request that misses the local exchange fails.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import htx_swap
import pytest
from htx_swap_mock import MockExchange, OrderState
from htx_swap_mock.cli import paste_block, seed_demo

from tests.test_readme import README, _first_screen

ROOT = Path(__file__).resolve().parents[2]
DEAD_PROXY = "http://127.0.0.1:9"
BTC = "BTC-USD"


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if not name.startswith("HTX_")}
    env = {name: value for name, value in env.items() if "proxy" not in name.lower()}
    dead = {"HTTPS_PROXY": DEAD_PROXY, "HTTP_PROXY": DEAD_PROXY, "ALL_PROXY": DEAD_PROXY}
    return env | dead | (extra or {})


def _exported(exchange: MockExchange) -> dict[str, str]:
    """The environment the mock's printed export line sets."""
    block = paste_block(exchange.url, exchange.access_key, exchange.secret_key, None, "1")
    export = shlex.split(block.splitlines()[0])
    assert export[0] == "export"
    return dict(assignment.partition("=")[::2] for assignment in export[1:])


def _htx_swap(*argv: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "htx_swap.cli", *argv],
        env=_env(env),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def demo() -> Iterator[MockExchange]:
    with MockExchange() as exchange:
        with contextlib.redirect_stderr(io.StringIO()):
            seed_demo(exchange)
        yield exchange


# -- item 1 / 7: the first screen's cancel goes where the pasted export line points ----------


def test_the_first_screens_cancel_follows_the_pasted_htx_base_url(demo: MockExchange) -> None:
    """A user starts ``htx-swap-mock --seed-demo``, pastes its export line and runs the first
    screen's five lines. ``SwapClient(creds)`` ignored HTX_BASE_URL: the mock keys went to
    api.hbdm.com (here: the dead proxy)."""
    code = re.search(r"```python\n(.*?)```", "\n".join(_first_screen()), re.DOTALL)
    assert code is not None
    done = subprocess.run(
        [sys.executable, "-c", code.group(1)],
        env=_env(_exported(demo)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-600:]
    assert "api.hbdm.com" not in done.stderr
    assert done.stdout.splitlines()[0] == "['771038212360937472']"
    assert demo.order_state(BTC, "771038212360937472") is OrderState.CANCELLED


# -- item 5: 1062 (being cancelled) is not proof the order ends cancelled -----------------------


def test_being_cancelled_is_not_summed_up_as_already_cancelled() -> None:
    """A second run while the first cancel is still under way gets 1062. The order then fills:
    the run must not say "1 already cancelled" without the caveat ``accepted`` gets."""
    order = "771043577949732864"
    with MockExchange(cancel_delay=1.5) as exchange:
        exchange.add_order(BTC, order, on_cancel="fill")
        env = _exported(exchange)
        first = _htx_swap("cancel", BTC, "--order-id", order, env=env)
        assert first.returncode == 0, first.stdout
        again = _htx_swap("cancel", BTC, "--order-id", order, env=env)
        assert "1062" in again.stdout
        assert again.returncode == 0  # done, as an accepted cancel is
        assert "1 already cancelled" not in again.stdout
        assert "1 being cancelled" in again.stdout
        assert "may still fill" in again.stdout
        time.sleep(1.7)
        assert exchange.order_state(BTC, order) is OrderState.FILLED  # it did not end cancelled


# -- item 8: another product's contract code ----------------------------------------------------


@pytest.mark.parametrize("code", ["BTC-USDT", "BTC231229", "BTC_CQ"])
def test_another_products_code_names_no_client_this_package_lacks(code: str) -> None:
    """``(UsdtClient)`` / ``(FuturesClient)`` sent the user to ``from htx_swap import
    UsdtClient``: no such client exists here."""
    done = _htx_swap(
        "cancel",
        code,
        "--order-id",
        "1",
        env={"HTX_ACCESS_KEY": "k", "HTX_SECRET_KEY": "s", "HTX_BASE_URL": DEAD_PROXY},
    )
    assert done.returncode == 2
    for name in re.findall(r"\b([A-Z]\w*Client)\b", done.stderr):
        assert hasattr(htx_swap, name), (name, done.stderr)
    if code == "BTC-USDT":  # USDT-M codes have their client since issue 22
        assert "use UsdtClient" in done.stderr
    else:  # delivery futures: their client, by symbol (issue 21)
        assert "FuturesClient's, by symbol: `htx-swap futures ...`" in done.stderr


# -- item 6: dead-man-switch's --after is named as --after -------------------------------------


def test_switch_after_out_of_range_names_after_not_timeout() -> None:
    env = {"HTX_ACCESS_KEY": "k", "HTX_SECRET_KEY": "s", "HTX_BASE_URL": DEAD_PROXY}
    done = _htx_swap("dead-man-switch", "--after", "3", env=env)
    assert done.returncode == 2
    assert "bad input: --after: must be seconds in [5," in done.stderr, done.stderr
    assert "timeout" not in done.stderr


def test_switch_after_and_deprecated_timeout_together_are_refused(demo: MockExchange) -> None:
    """``--after 5 --timeout 60`` armed a 5 s switch and exited 0: one of the two numbers the
    user gave was dropped without a word."""
    env = _exported(demo)
    done = _htx_swap(
        "dead-man-switch", "--after", "5", "--timeout", "60", "--duration", "0", env=env
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "give --after only" in done.stderr
    assert all("cancel-after" not in r.path for r in demo.received)


# -- item 8: a bad --base-url is named as the option typed ------------------------------------


def test_a_bad_base_url_option_is_named_as_the_option() -> None:
    env = {"HTX_ACCESS_KEY": "k", "HTX_SECRET_KEY": "s"}
    done = _htx_swap("cancel", BTC, "--order-id", "1", "--base-url", "127.0.0.1:8080", env=env)
    assert done.returncode == 2
    assert "bad input: --base-url: '127.0.0.1:8080' has no scheme" in done.stderr, done.stderr


# -- item 3: make dist needs only the build backend; both times in the README ------------------


def test_make_dist_installs_only_the_build_backend(tmp_path: Path) -> None:
    """``make dist`` on a fresh clone installed mypy, ruff, schemathesis and hypothesis."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("needs make")
    done = subprocess.run(
        [make, "-n", "dist", f"VENV={tmp_path / 'venv'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "pip install" in done.stdout
    for dev_only in ("[mock,dev]", "mypy", "ruff", "schemathesis", "hypothesis", "-r "):
        assert dev_only not in done.stdout, dev_only


def _timed(verb: str) -> bool:
    return (
        re.search(rf"`{verb}`[^.]*?\b(about|takes|took|in) \d+(\.\d+)? (s|min)", README) is not None
    )


def test_the_readme_states_how_long_make_dist_takes() -> None:
    assert _timed("make dist")


def test_the_readme_states_how_long_make_test_takes() -> None:
    assert _timed("make test")


def test_make_dists_tools_are_pinned_as_the_dev_extra_pins_them() -> None:
    """Two lists of the same pins: they must not drift apart."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    tools = re.search(r"^DIST_TOOLS\s*:=\s*(.+)$", makefile, re.MULTILINE)
    assert tools is not None
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for pin in tools.group(1).split():
        assert f'"{pin}"' in pyproject, pin


def test_ruff_is_clean_as_make_lint_runs_it() -> None:
    """``make test`` starts with ``make lint``: a long line in ``tests/integration/test_demo.py``
    and an unformatted block in ``htx_swap_mock/README.md`` stopped it before any test ran."""
    ruff = Path(sys.executable).parent / "ruff"
    if not ruff.exists():
        pytest.skip("ruff is a dev tool (make venv)")
    folders = ["auth_plugin", "mock_exchange", "generator", "tests", "bench"]
    for argv in (["check", *folders], ["format", "--check", *folders]):
        done = subprocess.run(
            [str(ruff), *argv], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 0, done.stdout[-2000:]


# -- item 7: one id does the same in the demo and on `htx-swap-mock --seed-demo` ---------------


def test_the_demos_ids_do_what_the_seeded_exchanges_same_ids_do() -> None:
    """The demo called 771043577949732864 cancelled and 771043577949732865 filled; on
    ``htx-swap-mock --seed-demo`` the first fills when cancelled and the second is cancelled
    partly filled. Its switch step cancelled 771060000000000001/2 as BTC-USD orders: the
    seeded exchange's ETH-USD orders."""
    from htx_swap_mock.cli import DEMO_CANCEL_ALL_ORDERS, DEMO_ORDERS

    demo_block = README.split("```text\n", 1)[1].split("```", 1)[0]
    on_cancel = {order.order_id: order.on_cancel for order in DEMO_ORDERS}
    finals = re.findall(r"^    (\d{15,19})  +(cancelled|filled) ", demo_block, re.MULTILINE)
    assert len(finals) == 3
    for order_id, final in finals:
        if order_id in on_cancel:
            wanted = {"fill"} if final == "filled" else {"cancel", "partial_fill"}
            assert on_cancel[order_id] in wanted, (order_id, final, on_cancel[order_id])
    fired = re.search(r"fired it and cancelled (.*)$", demo_block, re.MULTILINE)
    assert fired is not None
    eth_ids = {order_id for order_id, _ in DEMO_CANCEL_ALL_ORDERS}
    assert not eth_ids & set(fired.group(1).split(", "))


# -- item 6: a failed --off says the switch may still be armed --------------------------------


def test_a_turn_off_that_never_got_through_says_the_switch_may_be_armed() -> None:
    """``dead-man-switch --off`` is run because the switch may be armed. When it cannot reach
    the exchange, the switch is as it was: the README promises "whenever the switch may still
    be armed (... the turn-off failed), it says so, with the --off command to run"."""
    env = {"HTX_ACCESS_KEY": "k", "HTX_SECRET_KEY": "s", "HTX_BASE_URL": "http://127.0.0.1:9"}
    done = _htx_swap("dead-man-switch", "--off", env=env)
    assert done.returncode == 4
    said = done.stdout + done.stderr
    assert "may still be ARMED" in said, said
    assert "htx-swap dead-man-switch --off --base-url http://127.0.0.1:9" in said
    assert "within 30 s" not in said  # the timeout it was armed with is not known here
    as_json = _htx_swap("dead-man-switch", "--off", "--json", env=env)
    assert '"may_be_armed": true' in as_json.stdout, as_json.stdout
