"""Review 4: the sync attempt guard (``deadline.on_helper_thread``) over a caller's own
httpx.Client.

Finding: before the refactor, an ``HtxError`` raised inside the guarded attempt (by a caller's
transport or event hook) came back to the call as that attempt's outcome, as it does in the
async client: retried when it said nothing was sent, and stamped with what earlier attempts
may have done. The refactor raised it straight out of the call instead: no retry, and an
earlier attempt that may have reached HTX was forgotten (``may_have_reached`` False: "nothing
reached HTX" for a cancel that may have taken).

Pinned, unchanged: a ``KeyboardInterrupt`` raised in the helper thread reaches the caller.
"""

from __future__ import annotations

import httpx
import pytest
from htx_swap import APIConnectionError, SwapClient

from tests.hostile.support import BTC, CREDS, MODES, call, cancel_ok, mock_transport_client

QUICK = {"backoff_initial": 0.001, "backoff_max": 0.001, "max_retries": 2}


@pytest.mark.parametrize("mode", MODES)
def test_an_htx_error_from_the_callers_transport_is_that_attempts_outcome(mode: str) -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        if len(sent) == 1:  # the caller's transport refuses this one: nothing was sent
            raise APIConnectionError("the caller's transport: not sent", may_have_reached=False)
        return httpx.Response(200, content=cancel_ok("5"))

    done = call(
        mode,
        "https://api.hbdm.com",
        "cancel",
        BTC,
        order_ids=["5"],
        options=QUICK,
        http_client=lambda mode: mock_transport_client(mode, handler),
    )
    assert done.error is None, repr(done.error)
    assert done.value.successes == ["5"]
    assert len(sent) == 2


@pytest.mark.parametrize("mode", MODES)
def test_an_htx_error_after_an_attempt_that_may_have_reached_keeps_the_doubt(mode: str) -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url.path)
        if len(sent) == 1:  # written, then the connection dropped: the cancel may have taken
            raise httpx.ReadError("connection reset", request=request)
        raise APIConnectionError("the caller's transport: not sent", may_have_reached=False)

    done = call(
        mode,
        "https://api.hbdm.com",
        "cancel_all",
        BTC,
        options=QUICK,
        http_client=lambda mode: mock_transport_client(mode, handler),
    )
    assert isinstance(done.error, APIConnectionError), repr(done.error)
    assert done.error.may_have_reached  # the first attempt may have cancelled orders
    assert len(sent) == QUICK["max_retries"] + 1


def test_ctrl_c_in_the_callers_transport_reaches_the_caller() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise KeyboardInterrupt

    with (
        httpx.Client(transport=httpx.MockTransport(handler)) as http,
        SwapClient(CREDS, base_url="https://api.hbdm.com", http_client=http) as client,
        pytest.raises(KeyboardInterrupt),
    ):
        client.cancel(BTC, order_ids=["5"])
