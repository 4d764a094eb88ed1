"""``make demo`` runs the SDK against the local exchange and checks its own answers; the exchange
itself stays independent of the SDK it is meant to check."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import htx_swap_mock
import pytest
from htx_swap_mock import demo


def test_demo_runs_and_shows_every_part() -> None:
    lines: list[str] = []
    demo.run(lines.append)
    text = "\n".join(lines)
    assert text.endswith("demo OK")
    assert "9223372036854775807  accepted" in text  # an id above 2**53, exact
    assert "1063  already filled (HTX: The order has been executed.)" in text
    assert "1061  no such order (HTX: This order doesnt exist.)" in text
    assert "filled             status 6 filled" in text  # the confirmed cancel's filled order
    assert "confirmed from the push: 0 order-info reads" in text  # issue 23: no read spent
    assert "AuthenticationError" in text
    assert "Signature=***" in text  # the signed query is shown redacted
    # Step 3: panic over two contracts and four kinds, checked against the exchange's books.
    assert re.search(r"^    ETH-USD   tpsl      0          empty$", text, re.MULTILINE)  # 1051
    clean = r"CLEAN: after the last cancel wave, every kind read back empty \(\d+\.\d\d s\)"
    assert re.search(clean, text)
    assert "all 11 orders cancelled, none open" in text
    # Step 4: the switch fires once the client stops refreshing it.
    assert "armed: HTX fires it 5000 ms from now" in text
    assert "cancelled 771060000000000011, 771060000000000012" in text
    assert 'client.open_orders("BTC-USD") -> [] : nothing left open' in text
    # Step 5: the context manager's clean exit turns the switch off.
    assert "after the block: off (armed False), no refresh failed, it did not fire" in text
    # Step 6: USDT-M through UsdtClient: per-item codes, panic over both kinds, a signed GET.
    assert "1329854623927160999  refused   1061  no such order" in text
    assert re.search(r"^    BTC-USDT  algo   1          empty$", text, re.MULTILINE)
    assert "GET /v5/trade/order/opens" in text
    assert "&contract_code=BTC-USDT&direct=next&from=0&limit=100&Signature=***" in text
    # Step 7: coin-M delivery futures: a cancel by symbol, then panic(["BTC"]) proven clean.
    assert "7. coin-M delivery futures: FuturesClient" in text
    assert "    771070000000000001  accepted" in text
    assert re.search(r"^    BTC       trigger   1          empty$", text, re.MULTILINE)
    assert "all 4 BTC futures orders cancelled, none open" in text
    assert text.count("CLEAN: after the last cancel wave") == 3  # swaps, USDT-M, futures


def test_the_readme_shows_the_futures_step_the_demo_prints() -> None:
    lines: list[str] = []
    demo.run(lines.append)
    text = "\n".join(lines)
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    step = text[text.index("\n7. coin-M") : text.index("\n8. the same cancel")]
    timing = re.compile(r"\(\d+\.\d\d s\)")
    assert timing.sub("(T)", step) in timing.sub("(T)", readme)


def test_demo_fails_loudly_when_an_answer_differs() -> None:
    with pytest.raises(demo.DemoFailed, match="successes"):
        demo._expect("successes", ["1"], ["1", "2"])


def test_only_the_demo_imports_the_sdk() -> None:
    package = Path(htx_swap_mock.__file__).parent
    importers = []
    for module in sorted(package.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name == "htx_swap" or name.startswith("htx_swap.") for name in names):
                importers.append(module.name)
    assert sorted(set(importers)) == ["demo.py"]


def test_the_panic_step_fails_when_the_report_and_the_books_differ(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An order the demo did not expect (here: one more trailing order) makes the report
    differ from what was seeded: the step fails, and ``main`` exits 1."""
    seed = demo._seed_panic

    def seed_one_more(exchange: htx_swap_mock.MockExchange) -> None:
        seed(exchange)
        exchange.add_order("ETH-USD", "771050000000000132", kind="trailing")

    monkeypatch.setattr(demo, "_seed_panic", seed_one_more)
    with pytest.raises(demo.DemoFailed, match="ETH-USD trailing cancelled"):
        demo.run(lambda _line: None)
    assert demo.main() == 1
