"""``make demo``: real signed cancels through the SDK against the local exchange.

No credentials and no network: the exchange runs on a loopback port of this machine and checks
each request's signature with its own implementation. The demo checks its own results and exits
non-zero when anything differs from what HTX would answer.

This is the one module of ``htx_swap_mock`` that imports the SDK (``htx_swap``): it is the
SDK's demo, shipped beside the exchange it needs. The exchange itself never imports the SDK.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from htx_swap import AuthenticationError, HtxCredentials, SwapClient
from htx_swap.cli import render_outcome, render_table
from htx_swap.redaction import redact

from htx_swap_mock.server import MockExchange

__all__ = ["main"]

CONTRACT = "BTC-USD"
OPEN = "771038212360937472"
OPEN_ABOVE_2_53 = "9223372036854775807"  # the largest id HTX can give: a float would round it
FILLED_ALREADY = "768503271974985728"
NEVER_PLACED = "771038212360937999"
CONFIRM_OPEN = "771043577949732864"
CONFIRM_FILLS = "771043577949732865"  # fills before the cancel takes effect
CONFIRM_PARTLY = "771043577949732866"  # 4 of 10 traded; the rest gets cancelled
CANCEL_DELAY = 0.2  # seconds an accepted cancel shows as "cancelling" (status 11)


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


def _confirmed_cancel(client: SwapClient, say: Callable[[str], None]) -> None:
    ids = [CONFIRM_OPEN, CONFIRM_FILLS, CONFIRM_PARTLY]
    say(
        f'\n2. client.cancel_and_confirm("{CONTRACT}", order_ids=[3 ids], deadline=5.0)'
        f"\n   cancels take effect {CANCEL_DELAY} s after HTX accepts them; order info is polled"
        "\n   until each order is final"
    )
    outcome = client.cancel_and_confirm(CONTRACT, order_ids=ids, deadline=5.0)
    say(_indent(render_outcome(outcome)))
    say(
        "    HTX accepted all three cancels; one order filled before its cancel took effect."
        "\n    That is why an accepted cancel is not a cancelled order."
    )
    _expect("accepted", sorted(outcome.cancel_result.successes), sorted(ids))
    _expect("cancelled", sorted(outcome.cancelled), sorted([CONFIRM_OPEN, CONFIRM_PARTLY]))
    _expect("filled", outcome.filled, [CONFIRM_FILLS])
    _expect("pending", outcome.pending, [])


def _wrong_secret(exchange: MockExchange, say: Callable[[str], None]) -> None:
    say("\n3. the same cancel signed with a wrong secret key")
    wrong = HtxCredentials(exchange.access_key, "not-the-secret-key")
    with SwapClient(wrong, base_url=exchange.url) as client:
        try:
            client.cancel(CONTRACT, order_ids=[OPEN])
        except AuthenticationError as error:
            say(f"    refused: {type(error).__name__}: {error}")
            return
    raise DemoFailed("a wrong secret was not refused with AuthenticationError")


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
            _confirmed_cancel(client, say)
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
