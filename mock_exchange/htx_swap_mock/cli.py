"""``htx-swap-mock``: run the local exchange until Ctrl-C (SIGINT) or SIGTERM.

The first line on stdout is the exchange's URL and nothing else, so a script can read it;
everything else goes to stderr (the lines of ``--log-requests`` too). Exit status 0 after a
clean stop, 1 if the exchange could not start, 2 for bad arguments or a missing ``mock`` extra.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import shlex
import signal
import sys
import threading
from types import FrameType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from htx_swap_mock.server import MockExchange

__all__ = [
    "DEMO_CONTRACT",
    "DEMO_ORDERS",
    "DEMO_STRATEGY_ORDERS",
    "PORT_IN_USE_HINT",
    "DemoOrder",
    "DemoStrategyOrder",
    "build_parser",
    "main",
    "paste_block",
    "seed_demo",
]

DEMO_CONTRACT = "BTC-USD"
PORT_IN_USE_HINT = (
    "htx-swap-mock: another process listens on that port (an htx-swap-mock still running?); "
    "use --port 0 for a free port (the URL line says which), or another --port"
)


class DemoOrder(NamedTuple):
    order_id: str
    client_order_id: str | None
    state: str
    on_cancel: str = "cancel"


# Every id is above 2**53 (exactness matters). A cancel of each open order ends in another
# final state: cancelled (7), filled during the cancel (6), partially filled then cancelled
# (5); one is already filled, one already cancelled, one is found by its client id too.
DEMO_ORDERS = (
    DemoOrder("771038212360937472", None, "open"),
    DemoOrder("771038212360937473", None, "open"),
    DemoOrder("770323847022211072", "9001", "open"),
    DemoOrder("771043577949732864", None, "open", on_cancel="fill"),
    DemoOrder("771043577949732865", "9002", "partially_filled", on_cancel="partial_fill"),
    DemoOrder("768503271974985728", None, "filled"),
    DemoOrder("770323133537685504", None, "cancelled"),
)


class DemoStrategyOrder(NamedTuple):
    kind: str  # trigger, tpsl, trailing
    order_id: str
    direction: str
    offset: str


# One waiting order of each strategy kind (their own books, cancel and open-orders endpoints),
# and two open limit orders on ETH-USD for swap_cancelall / swap_openorders to find.
DEMO_STRATEGY_ORDERS = (
    DemoStrategyOrder("trigger", "771050000000000001", "buy", "open"),
    DemoStrategyOrder("trigger", "771050000000000002", "sell", "close"),
    DemoStrategyOrder("tpsl", "771050000000000003", "sell", "close"),
    DemoStrategyOrder("trailing", "771050000000000004", "sell", "open"),
)
DEMO_CANCEL_ALL_CONTRACT = "ETH-USD"
DEMO_CANCEL_ALL_ORDERS = (("771060000000000001", "buy"), ("771060000000000002", "sell"))


def build_parser() -> argparse.ArgumentParser:
    from htx_swap_mock import __version__

    parser = argparse.ArgumentParser(
        prog="htx-swap-mock",
        description=(
            "Run a local HTX-compatible swap exchange (the swap cancel family, swap_order_info, "
            "open orders, swap-cancel-after, timestamp). Prints its URL on stdout, then (on "
            "stderr) the lines to paste into another shell to cancel an order on it with htx-swap."
        ),
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8080, help="port (0 picks a free one)")
    parser.add_argument("--access-key", default="mock-access-key", help="the one key it accepts")
    parser.add_argument("--secret-key", default="mock-secret-key", help="that key's secret")
    parser.add_argument("--tls", action="store_true", help="serve https with a throwaway CA")
    parser.add_argument(
        "--ca-cert-out",
        metavar="PATH",
        help="with --tls: also write the CA certificate to this file (always in a temporary one)",
    )
    parser.add_argument(
        "--seed-demo",
        action="store_true",
        help=f"add demo orders: {DEMO_CONTRACT} limit orders in every state and one of each "
        f"strategy kind, {DEMO_CANCEL_ALL_CONTRACT} open limit orders",
    )
    parser.add_argument(
        "--rate-limit",
        type=int,
        default=72,
        metavar="N",
        help="requests per window per key, for trade and read each (0 turns rate limiting off)",
    )
    parser.add_argument(
        "--rate-interval",
        type=float,
        default=3.0,
        metavar="SECONDS",
        help="the rate limit's window",
    )
    parser.add_argument(
        "--log-requests",
        action="store_true",
        help="print a line per request on stderr: method, path, the answer's HTTP status and "
        "HTX code, and whether its signature checked out (if not, why)",
    )
    parser.add_argument(
        "--cancel-delay",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="how long an accepted cancel shows as cancelling (status 11) before taking effect",
    )
    return parser


def paste_block(
    url: str, access_key: str, secret_key: str, ca_cert: str | None, order_id: str
) -> str:
    """The lines a user pastes into another shell to cancel ``order_id`` on this exchange."""
    quote = shlex.quote
    cancel = f"htx-swap cancel {DEMO_CONTRACT} --order-id {order_id}"
    if ca_cert is not None:
        cancel += f" --ca-cert {quote(ca_cert)}"
    keys = f"HTX_ACCESS_KEY={quote(access_key)} HTX_SECRET_KEY={quote(secret_key)}"
    return f"export {keys} HTX_BASE_URL={quote(url)}\n{cancel}\n"


def _log_line(line: str) -> None:
    """``--log-requests``: on stderr, as everything but the URL (called on the server's thread;
    one print per line, flushed, so lines never interleave)."""
    print(line, file=sys.stderr, flush=True)


def seed_demo(exchange: MockExchange) -> None:
    """Add ``DEMO_ORDERS`` and say so on stderr."""
    for order in DEMO_ORDERS:
        exchange.add_order(
            DEMO_CONTRACT,
            order.order_id,
            client_order_id=order.client_order_id,
            state=order.state,
            on_cancel=order.on_cancel,
        )
        client = f" client_order_id={order.client_order_id}" if order.client_order_id else ""
        line = f"seeded {DEMO_CONTRACT} order_id={order.order_id}{client} {order.state}"
        print(f"{line} on_cancel={order.on_cancel}", file=sys.stderr)
    for order_id, direction in DEMO_CANCEL_ALL_ORDERS:
        exchange.add_order(DEMO_CANCEL_ALL_CONTRACT, order_id, direction=direction)
        line = f"seeded {DEMO_CANCEL_ALL_CONTRACT} order_id={order_id} open {direction}"
        print(line, file=sys.stderr)
    for strategy in DEMO_STRATEGY_ORDERS:
        exchange.add_order(
            DEMO_CONTRACT,
            strategy.order_id,
            kind=strategy.kind,
            direction=strategy.direction,
            offset=strategy.offset,
        )
        line = f"seeded {DEMO_CONTRACT} {strategy.kind} order_id={strategy.order_id}"
        print(f"{line} {strategy.direction} {strategy.offset}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.ca_cert_out and not args.tls:
        print("htx-swap-mock: --ca-cert-out needs --tls", file=sys.stderr)
        return 2
    if not args.cancel_delay >= 0:
        print("htx-swap-mock: --cancel-delay must be >= 0", file=sys.stderr)
        return 2
    try:
        from htx_swap_mock.server import MockExchange
    except ImportError as exc:  # its message says how to install the extra, once
        print(f"htx-swap-mock: {exc}", file=sys.stderr)
        return 2
    exchange = MockExchange(
        credentials={args.access_key: args.secret_key},
        host=args.host,
        port=args.port,
        tls=args.tls,
        rate_limit=(args.rate_limit, args.rate_interval) if args.rate_limit > 0 else None,
        cancel_delay=args.cancel_delay,
        request_log=_log_line if args.log_requests else None,
    )
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # Both signals only set a flag: the exchange is stopped by the main thread, in order.
    # Handlers can only be installed from the main thread; elsewhere Ctrl-C still arrives as
    # KeyboardInterrupt, which ends the wait below just the same.
    in_main_thread = threading.current_thread() is threading.main_thread()
    signals = (signal.SIGINT, signal.SIGTERM) if in_main_thread else ()
    previous = {sig: signal.signal(sig, on_signal) for sig in signals}
    try:
        try:
            exchange.start()
        except (OSError, RuntimeError) as exc:
            print(f"htx-swap-mock: cannot start on {args.host}:{args.port}: {exc}", file=sys.stderr)
            if isinstance(exc, OSError) and exc.errno == errno.EADDRINUSE:
                print(PORT_IN_USE_HINT, file=sys.stderr)
            return 1
        try:
            if args.seed_demo:
                seed_demo(exchange)
            ca_cert = None
            if args.tls:
                ca_cert = args.ca_cert_out or exchange.ca_cert_pem_path
                print(f"CA certificate: {exchange.ca_cert_pem_path}", file=sys.stderr)
                if args.ca_cert_out:
                    with open(args.ca_cert_out, "wb") as out:
                        out.write(exchange.ca_cert_pem)
            print(f"access key: {exchange.access_key}", file=sys.stderr)
            print(exchange.url, flush=True)
            seeded = "an open demo order" if args.seed_demo else "no order yet: answers 1061"
            print(
                f"\nto cancel {seeded}, paste into another shell:\n"
                + paste_block(
                    exchange.url,
                    exchange.access_key,
                    exchange.secret_key,
                    ca_cert,
                    DEMO_ORDERS[0].order_id,
                )
                + "stop with Ctrl-C",
                file=sys.stderr,
                flush=True,
            )
            # A timeout keeps the wait responsive to signals on every platform.
            with contextlib.suppress(KeyboardInterrupt):
                while not stop.wait(0.2):
                    pass
        finally:
            exchange.stop()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("htx-swap-mock: stopped", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
