"""Every attempt on record when a fail-fast fan-out (order info's reads) stops waiting for the
requests it already sent: each of them is on the error's ``attempt_log``, in doubt (it may have
reached HTX), quiet call or watched, sync or async."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from htx_swap import AsyncSwapClient, HtxError, SwapClient
from htx_swap._engine import calls

from tests.hostile.raw_server import RawServer, http_response
from tests.hostile.support import BTC, CREDS, MODES

IDS = [str(768503271974985728 + i) for i in range(150)]  # three reads of 50


def _first_read_refused(conn: Any) -> None:
    """The read naming ``IDS[0]`` refused (1014) at once; the others answered after a second."""
    while (request := conn.read_request()) is not None:
        if IDS[0] in json.loads(request.body)["order_id"]:
            conn.sleep(0.2)
            body = {"status": "error", "err_code": 1014, "err_msg": "refused", "ts": 1}
        else:
            conn.sleep(1.0)
            body = {"status": "ok", "data": [], "ts": 1}
        headers = {"Content-Type": "application/json"}
        conn.send(http_response(200, json.dumps(body).encode(), headers))


def _order_info(mode: str, url: str) -> object:
    options: dict[str, Any] = {"base_url": url, "rate_limiter": None, "read_rate_limiter": None}
    try:
        if mode == "sync":
            with SwapClient(CREDS, **options) as client:
                return client.order_info(BTC, order_ids=IDS)

        async def go() -> object:
            async with AsyncSwapClient(CREDS, **options) as client:
                return await client.order_info(BTC, order_ids=IDS)

        return asyncio.run(go())
    except HtxError as error:
        return error


@pytest.mark.timeout(30)
@pytest.mark.parametrize("watched", [False, True])
@pytest.mark.parametrize("mode", MODES)
def test_requests_a_fan_out_stopped_waiting_for_are_on_record_in_doubt(
    mode: str, watched: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(calls, "watched", lambda: watched)
    with RawServer(_first_read_refused) as server:
        error = _order_info(mode, server.url)
        sent = len(server.requests)

    assert isinstance(error, HtxError), error
    assert len(error.attempt_log) == sent
    refused = [r for r in error.attempt_log if r.htx_code == 1014]
    assert len(refused) == 1
    cut_off = [r for r in error.attempt_log if r.htx_code != 1014]
    # async: the three reads in flight together, two cut off; sync: one after another, the
    # refused one first, the others never sent (and on no record)
    assert len(cut_off) == (2 if mode == "async" else 0)
    for record in cut_off:
        assert (record.operation, record.status_code) == ("swap_order_info", None)
        assert (record.error, record.may_have_reached) == ("Interrupted", True)
