"""The README's first screen and its examples stay true."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import doctest
import inspect
import io
import re
import shlex
import socket
import time
import traceback
from pathlib import Path

import httpx
import htx_swap
import pytest
from htx_swap import (
    AsyncSwapClient,
    FuturesClient,
    HtxCredentials,
    PanicReport,
    SwapClient,
    cli,
)
from htx_swap._model.constants import (
    DEFAULT_BACKOFF_INITIAL,
    DEFAULT_BACKOFF_MAX,
    DEFAULT_MAX_CONCURRENCY,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_PANIC_DEADLINE,
    DEFAULT_TIMEOUT,
    MAX_CLOCK_OFFSET,
    MAX_SERVER_WAIT,
    MAX_TIMEOUT,
    POLL_FIRST_PAUSE,
    POLL_MAX_PAUSE,
)
from htx_swap._model.errors import MAX_MESSAGE_CHARS
from htx_swap_mock import MockExchange, OrderState, faults
from htx_swap_mock.cli import DEMO_ORDERS, paste_block, seed_demo

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _first_screen() -> list[str]:
    """The README down to the demo's output (folded away in a <details>)."""
    return README.split("<details>", 1)[0].splitlines()


def _commands(block: str) -> list[str]:
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_the_first_screen_says_what_this_is_who_it_is_for_and_what_to_type() -> None:
    screen = _first_screen()
    assert screen[:2] == ["# htx-swap-sdk", ""]
    first_two = " ".join(screen[2:4])
    for words in ("cancels orders", "no order placement", "no balances", "no market data"):
        assert words in first_two, words
    assert "For bots and desks" in first_two
    text = "\n".join(screen)
    blocks = re.findall(r"```(\w+)\n(.*?)```", text, re.DOTALL)
    assert [language for language, _ in blocks] == ["sh", "python", "sh"]
    assert _commands(blocks[0][1]) == ["pip install '.[mock]'"]
    assert _commands(blocks[2][1]) == ["make demo", "make test"]
    assert "pip install '.[mock]'" in _commands(_section("## Install"))  # the same install
    assert len(screen) <= 45  # pip install, a first cancel and the demo fit one screen
    assert README.index("<details>") < README.index("```text") < README.index("## Install")


def _expected_prints(code: str) -> list[str]:
    """What each ``print(...)  # shown`` line of an example says it prints."""
    lines = [line.strip() for line in code.splitlines()]
    return [line.split("  # ", 1)[1] for line in lines if line.startswith("print(")]


def _assert_printed(code: str, printed: str) -> None:
    expected = _expected_prints(code)
    assert expected
    got = printed.splitlines()
    assert len(got) == len(expected), (got, expected)
    checker = doctest.OutputChecker()
    for want, line in zip(expected, got, strict=True):
        assert checker.check_output(want + "\n", line + "\n", doctest.ELLIPSIS), (want, line)


def _demo_exchange(exchange: MockExchange, monkeypatch: pytest.MonkeyPatch) -> None:
    """``exchange`` as ``htx-swap-mock --seed-demo`` starts it, and the environment its
    printed export line sets."""
    with contextlib.redirect_stderr(io.StringIO()):
        seed_demo(exchange)
    block = paste_block(exchange.url, exchange.access_key, exchange.secret_key, None, "1")
    export = shlex.split(block.splitlines()[0])
    assert export[0] == "export"
    for assignment in export[1:]:
        name, _, value = assignment.partition("=")
        monkeypatch.setenv(name, value)


def test_the_first_cancel_runs_on_the_local_exchanges_demo_orders(
    htx_exchange: MockExchange, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "\n".join(_first_screen())
    match = re.search(r"```python\n(.*?)```", text, re.DOTALL)
    assert match is not None
    code = match.group(1)
    assert len([line for line in code.splitlines() if line.strip()]) <= 7
    _demo_exchange(htx_exchange, monkeypatch)  # HTX_BASE_URL: the block reads it, unpatched
    capsys.readouterr()
    exec(compile(code, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    _assert_printed(code, capsys.readouterr().out)
    assert htx_exchange.order_state("BTC-USD", "771038212360937472") is OrderState.CANCELLED
    assert DEMO_ORDERS[5] == ("768503271974985728", None, "filled", "cancel")


def _use_blocks() -> list[str]:
    return re.findall(
        r"```python\n(.*?)```", _section("## Use").split("| Exception |")[0], re.DOTALL
    )


def test_the_use_examples_ids_and_codes_are_the_local_exchanges(
    htx_exchange: MockExchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = _use_blocks()[0]
    call = re.search(r"result = (client\.cancel\(.*\))\n", code)
    successes = re.search(r"result\.successes +# (\[.*?\])", code)
    errors = re.findall(r"OrderCancelError\(order_id='(\d+)', err_code=(\d+)", code)
    assert call is not None
    assert successes is not None
    assert errors
    _demo_exchange(htx_exchange, monkeypatch)
    with _client_on(htx_exchange) as client:
        result = eval(call.group(1), {"client": client})  # noqa: S307 - the README's own call
    assert result.successes == ast.literal_eval(successes.group(1))
    assert [(e.order_id, str(e.err_code)) for e in result.errors] == errors


def test_the_async_example_is_a_script_that_runs(
    htx_exchange: MockExchange, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    [code] = [block for block in _use_blocks() if "AsyncSwapClient" in block]
    assert "async def main() -> None:" in code
    assert code.rstrip().endswith("asyncio.run(main())")
    _demo_exchange(htx_exchange, monkeypatch)
    capsys.readouterr()
    local = code.replace("https://api.hbdm.com", htx_exchange.url)
    exec(compile(local, "README.md", "exec"), {"__name__": "__main__"})  # noqa: S102
    _assert_printed(code, capsys.readouterr().out)


def test_the_generated_client_block_reads_accepted_and_refused_ids(
    htx_exchange: MockExchange, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = _section("## The generated client on its own")
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    shown = re.search(r"it prints:\n\n```text\n(.*?)```", section, re.DOTALL)
    assert code is not None
    assert shown is not None
    assert "htx-swap-mock --seed-demo" in section
    _demo_exchange(htx_exchange, monkeypatch)  # HTX_BASE_URL: the block reads it
    capsys.readouterr()
    exec(compile(code.group(1), "README.md", "exec"), {})  # noqa: S102
    assert capsys.readouterr().out == shown.group(1)
    assert "refused: 768503271974985728 1063" in shown.group(1)
    assert htx_exchange.order_state("BTC-USD", "771038212360937472") is OrderState.CANCELLED


def test_the_request_log_shown_is_the_exchanges() -> None:
    shown = re.search(r"never a secret or a signature:\n\n```text\n(.*?)```", README, re.DOTALL)
    assert shown is not None
    assert "`htx-swap-mock --log-requests`" in README
    lines: list[str] = []
    with MockExchange(request_log=lines.append) as exchange:
        exchange.add_order("BTC-USD", "771038212360937472")
        exchange.add_order("BTC-USD", "768503271974985728", state="filled")
        ids = ["771038212360937472", "768503271974985728"]
        with _client_on(exchange) as client:
            client.cancel("BTC-USD", order_ids=ids)
        credentials = HtxCredentials(exchange.access_key, "a-wrong-secret")
        wrong = SwapClient(credentials, base_url=exchange.url, max_retries=0)
        with wrong, pytest.raises(htx_swap.AuthenticationError):
            wrong.cancel("BTC-USD", order_ids=ids)
    normalise = re.compile(r"127\.0\.0\.1:\d+|Timestamp=[^'&]+")
    assert [normalise.sub("X", line) for line in lines] == normalise.sub(
        "X", shown.group(1)
    ).splitlines()


def test_the_demo_output_shown_is_the_demo_of_this_checkout() -> None:
    from htx_swap_mock import demo

    lines: list[str] = []
    demo.run(lines.append)
    shown = re.search(r"```text\n(.*?)```", README, re.DOTALL)
    assert shown is not None
    # Vary from run to run: the port, the signed Timestamp, panic's wall time ("(0.22 s)").
    normalise = re.compile(
        r"127\.0\.0\.1:(\d+|PORT)|Timestamp=[^&]+|\(\d+\.\d\d s\)$", re.MULTILINE
    )
    expected = normalise.sub("X", "\n".join(lines)).splitlines()
    assert normalise.sub("X", shown.group(1)).splitlines() == expected


def test_the_fixture_example_is_the_tested_consumer_file() -> None:
    consumer = (ROOT / "tests/integration/test_consumer_fixture.py").read_text(encoding="utf-8")
    code = consumer.split('"""', 2)[2].strip("\n")
    assert f"```python\n{code}\n```" in README


def test_no_placeholder_is_left() -> None:
    assert not re.search(r"\b(TODO|TBD|FIXME)\b|^(RELIABILITY|BENCHMARKS)$", README, re.MULTILINE)


# -- the promises of the redesign, each held here ---------------------------------------------


def _section(title: str) -> str:
    start = README.index(title)
    following = README.find("\n## ", start + len(title))
    return README[start : following if following != -1 else len(README)]


def _client_on(exchange: MockExchange, **options: object) -> SwapClient:
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    return SwapClient(credentials, base_url=exchange.url, **options)  # type: ignore[arg-type]


def test_the_cancel_family_block_runs_against_the_local_exchange(
    htx_exchange: MockExchange,
) -> None:
    seed_demo(htx_exchange)
    match = re.search(r"```pycon\n(.*?)```", _section("## The cancel family"), re.DOTALL)
    assert match is not None
    parser = doctest.DocTestParser()
    with _client_on(htx_exchange) as client:
        test = parser.get_doctest(match.group(1), {"client": client}, "README", "README.md", 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        runner.run(test)
    assert runner.failures == 0
    assert runner.tries == len(test.examples) == 17


def test_the_futures_block_runs_against_the_local_exchange(htx_exchange: MockExchange) -> None:
    match = re.search(r"```pycon\n(.*?)```", _section("### Coin-M delivery futures"), re.DOTALL)
    assert match is not None
    parser = doctest.DocTestParser()
    credentials = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    with FuturesClient(credentials, base_url=htx_exchange.url) as futures:
        names = {"futures": futures, "ex": htx_exchange}
        test = parser.get_doctest(match.group(1), names, "README", "README.md", 0)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        runner.run(test)
    assert runner.failures == 0
    assert runner.tries == len(test.examples) == 14


def test_the_async_panic_line_runs(htx_exchange: MockExchange) -> None:
    assert '`report = await client.panic(["BTC-USD"])`' in README
    htx_exchange.add_order("BTC-USD", 771038212360937472)
    htx_exchange.add_order("BTC-USD", 771050000000000001, kind="trigger")

    async def run() -> PanicReport:
        credentials = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
        async with AsyncSwapClient(credentials, base_url=htx_exchange.url) as client:
            return await client.panic(["BTC-USD"])

    report = asyncio.run(run())
    assert report.clean
    assert sorted(i for e in report.entries for i in e.cancelled) == [
        "771038212360937472",
        "771050000000000001",
    ]


def test_the_async_client_has_every_method_of_the_sync_one() -> None:
    def public(cls: type) -> dict[str, inspect.Signature]:
        return {
            name: inspect.signature(getattr(cls, name))
            for name in dir(cls)
            if not name.startswith("_") and callable(getattr(cls, name))
        }

    sync, async_ = public(SwapClient), public(AsyncSwapClient)
    assert set(sync) - {"close"} == set(async_) - {"aclose"}
    for name in set(sync) - {
        "close",
        "dead_mans_switch",
        "order_updates",
        "auth",
        "from_env",
        "with_options",
    }:
        assert inspect.iscoroutinefunction(getattr(AsyncSwapClient, name)), name
        assert str(sync[name]) == str(async_[name]), name


def test_the_call_bound_is_the_formula_shown() -> None:
    shown = re.search(r"\*\*Every call has a total bound\*\*: `(.*?)`", README, re.DOTALL)
    assert shown is not None
    formula = " ".join(shown.group(1).split())
    for retries, timeout, initial, backoff_max in [(2, 10.0, 0.5, 8.0), (0, 3.0, 0.1, 1.0)]:
        client = SwapClient(
            HtxCredentials("k", "s"),
            base_url="http://127.0.0.1:9",
            timeout=timeout,
            max_retries=retries,
            backoff_initial=initial,
            backoff_max=backoff_max,
        )
        names = {
            "max_retries": retries,
            "timeout": timeout,
            "backoff_initial": initial,
            "backoff_max": backoff_max,
        }
        assert eval(formula, {}, names) == client._engine.call_time()  # noqa: S307
    default = SwapClient(HtxCredentials("k", "s"), base_url="http://127.0.0.1:9")
    assert f"{default._engine.call_time():.0f} s\n  with the defaults" in README


# (a phrase of the README, the value the SDK has): a change of either fails here.
NUMBERS = [
    (
        "at once and then after 0.02 s, 0.04 s, then every 0.06 s",
        (POLL_FIRST_PAUSE, POLL_MAX_PAUSE),
        (0.02, 0.06),
    ),
    ("`timeout=10.0` by default", DEFAULT_TIMEOUT, 10.0),
    ("seconds, at most 3600", MAX_TIMEOUT, 3600.0),
    ("(`max_retries=2` by default", DEFAULT_MAX_RETRIES, 2),
    (
        "Backoff `0.5 s * 2^n` capped at 8 s, plus up to 0.5 s",
        (DEFAULT_BACKOFF_INITIAL, DEFAULT_BACKOFF_MAX),
        (0.5, 8.0),
    ),
    ("honoured up to 60 s", MAX_SERVER_WAIT, 60.0),
    ("(1 MiB by default", DEFAULT_MAX_RESPONSE_BYTES, 1 << 20),
    ("at most `max_concurrency=16` in flight", DEFAULT_MAX_CONCURRENCY, 16),
    ("more than an hour off ours", MAX_CLOCK_OFFSET, 3600.0),
    ("`panic(contract_codes=None, *, deadline=10.0)`", DEFAULT_PANIC_DEADLINE, 10.0),
    ("shows at most 500 characters", MAX_MESSAGE_CHARS, 500),
]


@pytest.mark.parametrize(("phrase", "value", "expected"), NUMBERS, ids=[n[0][:30] for n in NUMBERS])
def test_each_number_in_the_readme_is_the_sdks(
    phrase: str, value: object, expected: object
) -> None:
    assert phrase in " ".join(README.split())
    assert value == expected


def test_the_exception_table_is_the_hierarchy() -> None:
    table = _section("## Use").split("| Exception | When |", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    shown: set[str] = set()
    for row in rows:
        names_cell, when = row.split(" | ", 1)
        names = re.findall(r"`(\w+)`", names_cell)
        parent = re.match(r"\(an? `(\w+)`\)", when)
        for name in names:
            cls = getattr(htx_swap, name)
            assert issubclass(cls, htx_swap.HtxError), name
            if parent is not None:
                assert issubclass(cls, getattr(htx_swap, parent.group(1))), (name, parent)
            shown.add(name)
    exported = {
        n
        for n in htx_swap.__all__
        if isinstance(getattr(htx_swap, n), type)
        and issubclass(getattr(htx_swap, n), htx_swap.HtxError)
    }
    assert exported - shown == {"HtxError", "InvalidRequestError"}  # both in the text above
    for name in (
        "AuthenticationError",
        "TimestampError",
        "RateLimitError",
        "ServiceUnavailableError",
    ):
        assert issubclass(getattr(htx_swap, name), htx_swap.HtxApiError)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


SECRET = "readme-canary-secret-5d1c"


def test_an_sdk_errors_traceback_holds_the_signed_url_and_no_secret_and_no_httpx_frame() -> None:
    credentials = HtxCredentials("readme-access-key", SECRET)
    url = f"http://127.0.0.1:{_free_port()}"  # nothing listens: a connection never made
    client = SwapClient(credentials, base_url=url, max_retries=0)
    with client, pytest.raises(htx_swap.APIConnectionError) as caught:
        client.cancel("BTC-USD", order_ids=["11"])
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None
    report = traceback.TracebackException.from_exception(caught.value, capture_locals=True)
    text = "".join(report.format())
    assert SECRET not in text
    assert "Signature=" in text
    assert "AccessKeyId=readme-access-key" in text
    assert not [f for f in report.stack if "/httpx/" in f.filename or "/httpcore/" in f.filename]


def test_httpx_frames_of_an_escaping_error_hold_the_signed_request_never_the_secret() -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("a bug in the caller's transport")

    http = httpx.Client(transport=httpx.MockTransport(broken))
    credentials = HtxCredentials("readme-access-key", SECRET)
    client = SwapClient(credentials, base_url="https://api.hbdm.com", http_client=http)
    with client, pytest.raises(RuntimeError) as caught:
        client.cancel("BTC-USD", order_ids=["11"])
    http.close()
    report = traceback.TracebackException.from_exception(caught.value, capture_locals=True)
    httpx_frames = [f for f in report.stack if "/httpx/" in f.filename]
    assert httpx_frames
    httpx_locals = " ".join(v for f in httpx_frames for v in (f.locals or {}).values())
    assert "Signature=" in httpx_locals
    assert SECRET not in "".join(report.format())


def _cli(
    exchange: MockExchange, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str]:
    monkeypatch.setenv("HTX_ACCESS_KEY", exchange.access_key)
    monkeypatch.setenv("HTX_SECRET_KEY", exchange.secret_key)
    out, err = io.StringIO(), io.StringIO()
    code = cli.main([*argv, "--base-url", exchange.url], out=out, err=err)
    return code, out.getvalue() + err.getvalue()


def test_cli_family_commands_and_their_exit_codes(
    htx_exchange: MockExchange, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "htx-swap cancel-all BTC-USD --direction buy --kind all" in README
    htx_exchange.add_order("BTC-USD", 11, direction="buy")
    htx_exchange.add_order("BTC-USD", 12, kind="trigger", direction="buy")
    code, text = _cli(
        htx_exchange,
        ["cancel-all", "BTC-USD", "--direction", "buy", "--kind", "limit"],
        monkeypatch,
    )
    assert code == 0
    assert "11" in text
    code, text = _cli(htx_exchange, ["cancel-all", "BTC-USD"], monkeypatch)  # empty book
    assert code == 0, text
    code, text = _cli(htx_exchange, ["panic", "BTC-USD", "--deadline", "5"], monkeypatch)
    assert code == 0
    assert "CLEAN" in text
    htx_exchange.add_order("BTC-USD", 13, on_cancel="never")  # stays cancelling: still open
    code, text = _cli(htx_exchange, ["panic", "BTC-USD", "--deadline", "0.5"], monkeypatch)
    # Out of time with an order still open, no request failed: 1 (as the README says); a read
    # the deadline stopped before it was sent is not reported as a failure.
    assert code == 1
    assert "NOT CLEAN" in text
    assert "13" in text  # the order still open is named
    assert "DeadlineExceededError" not in text
    code, text = _cli(
        htx_exchange, ["dead-man-switch", "--timeout", "30", "--duration", "0.2"], monkeypatch
    )
    assert code == 0
    assert "turned off" in text
    assert not htx_exchange.cancel_after().armed


def test_cancel_help_lists_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert "`htx-swap cancel --help` lists the codes too" in README
    assert cli.main(["cancel", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "0 every id accepted" in help_text
    assert "4 in doubt or failed" in help_text
    assert "130 interrupted" in help_text


def test_the_switch_stays_armed_when_the_block_raises(htx_exchange: MockExchange) -> None:
    with _client_on(htx_exchange) as client:
        with pytest.raises(KeyError), client.dead_mans_switch(timeout=30):
            raise KeyError("the bot died")
        assert htx_exchange.cancel_after().armed
        client.cancel_after(None)


def test_a_failed_refresh_is_raised_when_the_block_exits(htx_exchange: MockExchange) -> None:
    def run(client: SwapClient) -> None:
        with client.dead_mans_switch(timeout=30, refresh=0.05) as switch:
            htx_exchange.inject(
                faults.business_error(1017, "no permission"),
                path="/swap-api/v1/swap-cancel-after",
            )
            deadline = time.monotonic() + 5
            while switch.error is None and time.monotonic() < deadline:
                time.sleep(0.01)

    client = _client_on(htx_exchange, max_retries=0)
    with client, pytest.raises(htx_swap.HtxApiError) as caught:
        run(client)
    assert caught.value.code == 1017


def test_panic_without_contracts_finds_only_contracts_with_limit_orders(
    htx_exchange: MockExchange,
) -> None:
    htx_exchange.add_order("BTC-USD", 21)
    htx_exchange.add_order("XRP-USD", 22, kind="trigger")
    with _client_on(htx_exchange) as client:
        report = client.panic()
        # the XRP-USD trigger order cannot be seen: never clean without named contracts
        assert not report.clean
        assert not report.complete
        assert all(entry.verified_empty for entry in report.entries)
        assert report.contract_codes == ["BTC-USD"]
        assert [o.order_id for o in client.open_orders("XRP-USD", kind="trigger")] == ["22"]
        assert client.panic(["XRP-USD"]).clean


def test_panic_never_runs_past_its_deadline(htx_exchange: MockExchange) -> None:
    htx_exchange.add_order("BTC-USD", 31)
    htx_exchange.inject(faults.stall(5.0), times=None, path="/swap-api/v1/swap_openorders")
    with _client_on(htx_exchange) as client:
        started = time.monotonic()
        report = client.panic(["BTC-USD"], deadline=1.0)
        elapsed = time.monotonic() - started
    assert not report.clean
    assert elapsed < 1.5, elapsed


# -- USDT-margined contracts (issue 22) -------------------------------------------------------


def test_the_usdt_block_runs_against_the_local_exchange(htx_exchange: MockExchange) -> None:
    section = _section("## USDT-margined contracts")
    match = re.search(r"```pycon\n(.*?)```", section, re.DOTALL)
    assert match is not None
    credentials = HtxCredentials(htx_exchange.access_key, htx_exchange.secret_key)
    globs = {"ex": htx_exchange, "credentials": credentials}
    test = doctest.DocTestParser().get_doctest(match.group(1), globs, "README", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0
    assert runner.tries == len(test.examples) == 16


def test_the_usdt_table_says_which_operations_rest_on_htx_pages() -> None:
    from htx_swap_client.operations import OPERATIONS

    table = _section("## USDT-margined contracts").split("| Operation |", 1)[1]
    rows = re.findall(r"^\| `(\w+)` \| `(\w+) (\S+)` \| ([^|]+) \|$", table, re.MULTILINE)
    wanted = {
        (name, f.method, f.path, "HTX's page" if f.doc_source == "htx" else "other SDKs")
        for name, f in OPERATIONS.items()
        if f.product == "usdt"
    }
    assert {(n, m, p, source.strip()) for n, m, p, source in rows} == wanted
