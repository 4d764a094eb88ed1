"""``htx-swap watch [CONTRACT] [--json]``: the order push, one line per update, until Ctrl-C.

Each update is one line (``--json``: one JSON object per line, ``{"update": {…}}``); each gap
in the stream (the consumer fell behind, or the connection was made again: HTX replays nothing)
is a line of its own (``{"gap": {…}}``) saying that updates may be missing there. Ctrl-C (or
SIGTERM) ends the watch cleanly: the connection is closed and the exit code is 0. Every line
goes out through the CLI's printable stream.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from htx_swap._cli.cli_render import Writer, as_json, error_document, error_line, printable

if TYPE_CHECKING:
    from htx_swap._clients.client import SwapClient
    from htx_swap._push.push_protocol import OrderUpdate
    from htx_swap._push.push_stream import PushGap

__all__ = ["gap_document", "update_document", "watch"]


def update_document(update: OrderUpdate) -> dict[str, object]:
    """One update as JSON: ids as exact strings, volumes as decimal strings."""
    return {
        "order_id": update.order_id,
        "client_order_id": update.client_order_id,
        "contract_code": update.contract_code,
        "status": update.status_code,
        "state": update.status.name.lower(),
        "final": update.is_final,
        "volume": str(update.volume),
        "trade_volume": str(update.trade_volume),
        "canceled_source": update.canceled_source,
        "canceled_at": update.canceled_at,
        "ts": update.ts,
    }


def gap_document(gap: PushGap, base_url: str = "") -> dict[str, object]:
    """One gap as JSON: why, how many updates were dropped (overflow), and the error."""
    return {"reason": gap.reason, "lost": gap.lost, "error": error_document(gap.error, base_url)}


def _update_line(update: OrderUpdate) -> str:
    traded = f", traded {update.trade_volume} of {update.volume}" if update.trade_volume else ""
    return (
        f"{update.ts} {update.contract_code} order {update.order_id}: status "
        f"{update.status_code} {update.status.name.lower()}{traded}"
    )


def _gap_line(gap: PushGap, base_url: str) -> str:
    why = {
        "overflow": f"{gap.lost} updates dropped (this terminal fell behind)",
        "reconnect": "the connection was lost; reconnecting",
    }.get(gap.reason, gap.reason)
    cause = "" if gap.error is None else f" ({error_line(gap.error, base_url)})"
    return f"GAP: {why}{cause}: updates may be missing here; read the orders that matter"


def watch(
    client: SwapClient, contract_code: str | None, screen: Writer, *, json: bool, base_url: str
) -> tuple[str, dict[str, object]]:
    """Print every update until Ctrl-C; returns the closing line and the JSON fields."""
    from htx_swap._push.push_stream import PushGap

    updates = gaps = 0
    with client.order_updates(contract_code) as stream:
        topic = f"orders.{contract_code or '*'}"
        if not json:
            screen.write(f"watching {topic} (Ctrl-C to stop)\n")
            screen.flush()
        try:
            for item in stream:
                if isinstance(item, PushGap):
                    gaps += 1
                    line = (
                        as_json({"gap": gap_document(item, base_url)})
                        if json
                        else _gap_line(item, base_url)
                    )
                else:
                    updates += 1
                    line = (
                        as_json({"update": update_document(item)}) if json else _update_line(item)
                    )
                screen.write(f"{printable(line)}\n")
                screen.flush()
        except KeyboardInterrupt:
            pass  # the watch's normal end: the stream closes on the way out
    summary = f"stopped: {updates} updates, {gaps} gaps"
    return summary, {"topic": topic, "updates": updates, "gaps": gaps}
