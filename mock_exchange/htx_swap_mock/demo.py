"""``make demo``: real signed cancels through the SDK against the local exchange.

No credentials and no network: the exchange runs on a loopback port of this machine and checks
each request's signature with its own implementation. The demo checks its own results and exits
non-zero when anything differs from what HTX would answer.

This is the one module of ``htx_swap_mock`` that imports the SDK (``htx_swap``): it is the
SDK's demo, shipped beside the exchange it needs. The exchange itself never imports the SDK.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from htx_swap import AuthenticationError, FuturesClient, HtxCredentials, SwapClient, UsdtClient
from htx_swap._cli.cli_render import render_panic
from htx_swap._model.redaction import redact
from htx_swap.cli import render_outcome, render_table

from htx_swap_mock.lifecycle import OrderKind, OrderState
from htx_swap_mock.server import MockExchange

__all__ = ["main"]

CONTRACT = "BTC-USD"
OPEN = "771038212360937472"
OPEN_ABOVE_2_53 = "9223372036854775807"  # the largest id HTX can give: a float would round it
FILLED_ALREADY = "768503271974985728"
NEVER_PLACED = "771038212360937999"
# Step 2's ids do with a cancel what the same ids of `htx-swap-mock --seed-demo` do
CONFIRM_OPEN = "771038212360937473"
CONFIRM_FILLS = "771043577949732864"  # fills before the cancel takes effect
CONFIRM_PARTLY = "771043577949732865"  # 4 of 10 traded; the rest gets cancelled
CANCEL_DELAY = 0.2  # seconds an accepted cancel shows as "cancelling" (status 11)
# Step 4: orders of every kind on two contracts, (contract, kind) -> ids; ETH-USD has no TP/SL
# order, so its TP/SL cancel-all meets HTX's 1051 "No cancellable orders" (an empty result).
PANIC_CONTRACTS = ["BTC-USD", "ETH-USD"]
PANIC_BOOK: dict[tuple[str, str], list[str]] = {
    ("BTC-USD", "limit"): ["771050000000000001", "771050000000000002", "9223372036854775806"],
    ("BTC-USD", "trigger"): ["771050000000000011"],
    ("BTC-USD", "tpsl"): ["771050000000000021", "771050000000000022"],
    ("BTC-USD", "trailing"): ["771050000000000031"],
    ("ETH-USD", "limit"): ["771050000000000101"],
    ("ETH-USD", "trigger"): ["771050000000000111", "771050000000000112"],
    ("ETH-USD", "trailing"): ["771050000000000131"],
}
PANIC_PARTLY_FILLED = "771050000000000002"  # 5 of 10 traded: the rest is cancelled
# Step 5: limit orders the dead man's switch cancels once the client stops refreshing it.
# (not --seed-demo's ETH-USD ids 771060000000000001/2: one id, one contract)
SWITCH_ORDERS = ["771060000000000011", "771060000000000012"]
SWITCH_TIMEOUT = 5  # seconds: HTX's (and the SDK's) minimum
SWITCH_WAIT = 2.0  # seconds the demo waits for the exchange's countdown check to fire it
# Step 6: coin-M delivery futures, by contract type -> (kind, id): one cancelled by id, then panic
FUTURES_SYMBOL = "BTC"
FUTURES_CANCELLED = "771070000000000001"  # the quarter's limit order: step 6's cancel
FUTURES_BOOK = [
    ("quarter", "limit", FUTURES_CANCELLED),
    ("quarter", "limit", "771070000000000002"),
    ("this_week", "limit", "771070000000000003"),
    ("quarter", "trigger", "771070000000000011"),
]


# Step 6: USDT-margined contracts (HTX's v5 API) through UsdtClient
USDT_CONTRACT = "BTC-USDT"
USDT_OPEN = "1329854623927160832"
USDT_NEVER_PLACED = "1329854623927160999"
USDT_PANIC_LIMIT = "1329854623927160833"
USDT_PANIC_ALGO = "1331226415994253312"


class DemoFailed(Exception):
    """An answer differed from what HTX would give."""


def _expect(what: str, got: object, wanted: object) -> None:
    if got != wanted:
        raise DemoFailed(f"{what}: got {got!r}, expected {wanted!r}")


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def _seed(exchange: MockExchange) -> None:
    exchange.add_order(CONTRACT, OPEN)
    exchange.add_order(CONTRACT, OPEN_ABOVE_2_53)
    exchange.add_order(CONTRACT, FILLED_ALREADY, state="filled")
    exchange.add_order(CONTRACT, CONFIRM_OPEN)
    exchange.add_order(CONTRACT, CONFIRM_FILLS, on_cancel="fill")
    exchange.add_order(CONTRACT, CONFIRM_PARTLY, state="partially_filled", trade_volume=4)


def _plain_cancel(client: SwapClient, say: Callable[[str], None]) -> None:
    ids = [OPEN, OPEN_ABOVE_2_53, FILLED_ALREADY, NEVER_PLACED]
    say(f'1. client.cancel("{CONTRACT}", order_ids=[4 ids])  -- one signed POST')
    result = client.cancel(CONTRACT, order_ids=ids)
    say(_indent(render_table(result)))
    _expect("successes", sorted(result.successes), sorted([OPEN, OPEN_ABOVE_2_53]))
    _expect(
        "errors",
        sorted((e.order_id, e.err_code) for e in result.errors),
        sorted([(FILLED_ALREADY, 1063), (NEVER_PLACED, 1061)]),
    )


def _confirmed_cancel(
    exchange: MockExchange, client: SwapClient, say: Callable[[str], None]
) -> None:
    ids = [CONFIRM_OPEN, CONFIRM_FILLS, CONFIRM_PARTLY]
    say(
        f'\n2. client.cancel_and_confirm("{CONTRACT}", order_ids=[3 ids], deadline=5.0)'
        "\n   subscribes to the order push (WebSocket) before sending the cancels, which take"
        f"\n   effect {CANCEL_DELAY} s after HTX accepts them; each order is settled by its push"
    )
    reads_before = _order_info_reads(exchange)
    outcome = client.cancel_and_confirm(CONTRACT, order_ids=ids, deadline=5.0)
    say(_indent(render_outcome(outcome)))
    say(
        "    HTX accepted all three cancels; one order filled before its cancel took effect."
        "\n    That is why an accepted cancel is not a cancelled order."
        f"\n    confirmed from the {outcome.via}: {outcome.reads} order-info reads"
    )
    _expect("accepted", sorted(outcome.cancel_result.successes), sorted(ids))
    _expect("cancelled", sorted(outcome.cancelled), sorted([CONFIRM_OPEN, CONFIRM_PARTLY]))
    _expect("filled", outcome.filled, [CONFIRM_FILLS])
    _expect("pending", outcome.pending, [])
    _expect("confirmed via", outcome.via, "push")
    _expect("order-info reads", (outcome.reads, _order_info_reads(exchange) - reads_before), (0, 0))


def _order_info_reads(exchange: MockExchange) -> int:
    return sum(1 for request in exchange.received if request.path.endswith("swap_order_info"))


def _usdt(exchange: MockExchange, credentials: HtxCredentials, say: Callable[[str], None]) -> None:
    exchange.add_usdt_order(USDT_CONTRACT, USDT_OPEN)
    exchange.add_usdt_order(USDT_CONTRACT, USDT_PANIC_LIMIT, side="sell")
    exchange.add_usdt_order(USDT_CONTRACT, USDT_PANIC_ALGO, algo_type="trigger", trigger_price=1)
    say(
        "\n6. USDT-margined contracts (HTX's v5 API): UsdtClient, the same engine and rules"
        f'\n   usdt.cancel("{USDT_CONTRACT}", order_ids=[2 ids])  -- per-item codes in the answer'
    )
    with UsdtClient(credentials, base_url=exchange.url) as usdt:
        result = usdt.cancel(USDT_CONTRACT, order_ids=[USDT_OPEN, USDT_NEVER_PLACED])
        say(_indent(render_table(result)))
        _expect("USDT-M successes", result.successes, [USDT_OPEN])
        _expect(
            "USDT-M errors",
            [(e.order_id, e.err_code) for e in result.errors],
            [(USDT_NEVER_PLACED, 1061)],
        )
        say(
            f'   usdt.panic(["{USDT_CONTRACT}"])  -- cancel-all, cancel every listed algo order,'
            "\n   then read both back with signed GETs"
        )
        report = usdt.panic([USDT_CONTRACT])
        say(_indent(render_panic(report)))
        _expect("USDT-M panic clean", report.clean, True)
        _expect("USDT-M open after panic", exchange.usdt_open_orders(), [])
    read = next(r for r in exchange.received if r.path == "/v5/trade/order/opens")
    say(f"    a read as sent (its query signed as sent): {read.method} {read.path}")
    say(f"      ?{redact(read.query_string)}")


def _wrong_secret(exchange: MockExchange, say: Callable[[str], None]) -> None:
    say("\n8. the same cancel signed with a wrong secret key")
    wrong = HtxCredentials(exchange.access_key, "not-the-secret-key")
    with SwapClient(wrong, base_url=exchange.url) as client:
        try:
            client.cancel(CONTRACT, order_ids=[OPEN])
        except AuthenticationError as error:
            say(f"    refused: {type(error).__name__}: {error}")
            return
    raise DemoFailed("a wrong secret was not refused with AuthenticationError")


def _seed_panic(exchange: MockExchange) -> None:
    for (contract, kind), ids in PANIC_BOOK.items():
        for number, order_id in enumerate(ids):
            if kind == "limit":
                partly = order_id == PANIC_PARTLY_FILLED
                state = OrderState.PARTIALLY_FILLED if partly else OrderState.OPEN
                exchange.add_order(
                    contract, order_id, state=state, trade_volume=5 if partly else None
                )
            elif kind == "tpsl":  # a TP/SL order always closes
                tpsl_type = ("tp", "sl")[number % 2]
                exchange.add_order(
                    contract,
                    order_id,
                    kind=kind,
                    direction="sell",
                    offset="close",
                    tpsl_order_type=tpsl_type,
                )
            else:
                exchange.add_order(contract, order_id, kind=kind)


def _panic(exchange: MockExchange, client: SwapClient, say: Callable[[str], None]) -> None:
    _seed_panic(exchange)
    contracts = ", ".join(f'"{code}"' for code in PANIC_CONTRACTS)
    say(
        f"\n3. client.panic([{contracts}])  -- cancel all four kinds of order, then read"
        "\n   open orders back until every book is empty (limit cancels take effect"
        f" {CANCEL_DELAY} s later)"
    )
    for contract in PANIC_CONTRACTS:
        kinds = ", ".join(
            f"{len(PANIC_BOOK[contract, kind.value])} {kind.value}"
            for kind in OrderKind
            if (contract, kind.value) in PANIC_BOOK
        )
        say(f"   {contract} open before: {kinds}")
    report = client.panic(PANIC_CONTRACTS)
    say(_indent(render_panic(report)))
    # The report against the exchange's own books: every seeded order cancelled, none open.
    for contract in PANIC_CONTRACTS:
        for kind in OrderKind:
            seeded = PANIC_BOOK.get((contract, kind.value), [])
            (entry,) = [
                e for e in report.entries if (e.contract_code, e.kind) == (contract, kind.value)
            ]
            _expect(f"{contract} {kind.value} cancelled", sorted(entry.cancelled), sorted(seeded))
            _expect(f"{contract} {kind.value} still open", entry.still_open, [])
            _expect(
                f"{contract} {kind.value} open on the exchange",
                [o.order_id for o in exchange.open_orders(contract, kind=kind)],
                [],
            )
            for order_id in seeded:
                final = exchange.order_state(contract, order_id, kind=kind)
                wanted = (
                    OrderState.PARTIALLY_CANCELLED
                    if order_id == PANIC_PARTLY_FILLED
                    else OrderState.CANCELLED
                )
                _expect(f"{contract} {kind.value} {order_id}", final, wanted)
    _expect("report.clean", report.clean, True)
    say(
        "    checked against the exchange's own books: all "
        f"{sum(len(ids) for ids in PANIC_BOOK.values())} orders cancelled, none open"
    )


def _switch_fires(exchange: MockExchange, client: SwapClient, say: Callable[[str], None]) -> None:
    for order_id in SWITCH_ORDERS:
        exchange.add_order(CONTRACT, order_id)
    say(
        f"\n4. the dead man's switch: client.cancel_after({SWITCH_TIMEOUT}) with "
        f"{len(SWITCH_ORDERS)} {CONTRACT} orders open"
    )
    status = client.cancel_after(SWITCH_TIMEOUT)
    _expect("switch armed", status.armed, True)
    if status.trigger_time is None or status.current_time is None:
        raise DemoFailed(f"an armed switch without its times: {status!r}")
    say(f"    armed: HTX fires it {status.trigger_time - status.current_time} ms from now")
    say(
        "    then the client stops refreshing it (a bot that died). To keep the demo short, the"
        f"\n    local exchange's clock is moved on {SWITCH_TIMEOUT} s instead of waiting them out"
        "\n    (it checks its countdowns every 10 ms, as HTX does)"
    )
    exchange.clock_offset += SWITCH_TIMEOUT
    waited_until = time.monotonic() + SWITCH_WAIT
    while exchange.cancel_after().fired == 0 and time.monotonic() < waited_until:
        time.sleep(0.01)
    fired = exchange.cancel_after()
    _expect("switch fired", fired.fired, 1)
    _expect("cancelled by the switch", sorted(fired.cancelled), sorted(SWITCH_ORDERS))
    say(f"    the exchange fired it and cancelled {', '.join(sorted(fired.cancelled))}")
    while client.open_orders(CONTRACT) and time.monotonic() < waited_until + CANCEL_DELAY:
        time.sleep(0.05)  # accepted cancels take effect CANCEL_DELAY s later
    left = client.open_orders(CONTRACT)
    _expect("open after the switch fired", [o.order_id for o in left], [])
    for order_id in SWITCH_ORDERS:
        _expect(order_id, exchange.order_state(CONTRACT, order_id), OrderState.CANCELLED)
    say(f'    client.open_orders("{CONTRACT}") -> [] : nothing left open')


def _switch_block(exchange: MockExchange, client: SwapClient, say: Callable[[str], None]) -> None:
    say(
        f"\n5. with client.dead_mans_switch(timeout={SWITCH_TIMEOUT}) as switch:"
        "\n   a thread re-arms the switch while the block runs; a clean exit turns it off"
    )
    with client.dead_mans_switch(timeout=SWITCH_TIMEOUT) as switch:
        _expect("armed inside the block", exchange.cancel_after().armed, True)
        say(f"    inside the block: armed ({switch.status.armed}), the bot's work goes here")
    _expect("armed after the block", exchange.cancel_after().armed, False)
    _expect("switch status after the block", switch.status.armed, False)
    _expect("refresh error", switch.error, None)
    _expect("fired again", exchange.cancel_after().fired, 1)
    say("    after the block: off (armed False), no refresh failed, it did not fire")


def _futures(exchange: MockExchange, say: Callable[[str], None]) -> None:
    """Step 7: the same engine on HTX's coin-M delivery futures: a cancel, then a panic of the
    symbol, proven clean against the exchange's books."""
    books = [(exchange.futures_contract_code(FUTURES_SYMBOL, t), k, i) for t, k, i in FUTURES_BOOK]
    for contract, kind, order_id in books:
        exchange.add_order(contract, order_id, kind=kind)
    say(
        "\n7. coin-M delivery futures: FuturesClient, the same engine with its own buckets;"
        "\n   a contract is named by its symbol (any of its contract codes)"
        f'\n   futures.cancel("{FUTURES_SYMBOL}", order_ids=["{FUTURES_CANCELLED}"])'
    )
    credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
    with FuturesClient(credentials, base_url=exchange.url) as futures:
        result = futures.cancel(FUTURES_SYMBOL, order_ids=[FUTURES_CANCELLED])
        _expect("futures successes", result.successes, [FUTURES_CANCELLED])
        say(_indent(render_table(result, footer=False)))
        say(
            f'   futures.panic(["{FUTURES_SYMBOL}"])  -- open before: 2 limit (this week\'s and '
            "the quarter's contract), 1 trigger"
        )
        report = futures.panic([FUTURES_SYMBOL])
    say(_indent(render_panic(report)))
    _expect("futures report.clean", report.clean, True)
    for contract, kind, order_id in books:
        final = exchange.order_state(contract, order_id, kind=OrderKind(kind))
        _expect(f"futures {kind} {order_id}", final, OrderState.CANCELLED)
    say(
        f"    checked against the exchange's own books: all {len(books)} {FUTURES_SYMBOL} "
        "futures orders cancelled, none open"
    )


def run(say: Callable[[str], None] = print) -> None:
    say("htx-swap-sdk demo: signed cancels against the local HTX exchange (no keys, no network)")
    with MockExchange(cancel_delay=CANCEL_DELAY) as exchange:
        _seed(exchange)
        say(f"local exchange at {exchange.url} (checks signature v2 with its own code)")
        say(
            f"{CONTRACT} orders: {OPEN} and {OPEN_ABOVE_2_53} open, {FILLED_ALREADY} already "
            f"filled, {NEVER_PLACED} never placed\n"
        )
        credentials = HtxCredentials(exchange.access_key, exchange.secret_key)
        with SwapClient(credentials, base_url=exchange.url) as client:
            _plain_cancel(client, say)
            first = exchange.received[0]
            say(f"    as sent: {first.method} {first.path}")
            say(f"      ?{redact(first.query_string)}")
            _confirmed_cancel(exchange, client, say)
            _panic(exchange, client, say)
            _switch_fires(exchange, client, say)
            _switch_block(exchange, client, say)
        _usdt(exchange, credentials, say)
        _futures(exchange, say)
        _wrong_secret(exchange, say)
        unsigned = [
            r for r in exchange.received if r.path != "/api/v1/timestamp" and r.auth_failure
        ]
        _expect("requests refused for their signature", len(unsigned), 1)  # the wrong secret's
    say("\nexchange stopped; every request but the wrong secret's passed its signature check.")
    say("demo OK")


def main() -> int:
    try:
        run()
    except DemoFailed as failure:
        print(f"demo FAILED: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
