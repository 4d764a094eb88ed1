"""A cancel's doubt is never lost: once any attempt may have been processed by HTX, the error
(or the per-id entry) says so, and ``cancel_and_confirm`` settles it from order info instead of
reporting a cancel that took as failed. When nothing can have been processed (wrong secret,
nothing listening) ``cancel_and_confirm`` says so at once instead of polling to its deadline.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator

import pytest
from htx_swap import (
    CancelResult,
    HtxCredentials,
    HtxError,
    RateLimitError,
    ServiceUnavailableError,
)
from htx_swap_mock import MockExchange, OrderState, faults

from tests.hostile.raw_server import RawRequest, RawServer, forwarding, http_response
from tests.hostile.support import (
    BTC,
    CANCEL_PATH,
    MODES,
    ORDER_INFO_PATH,
    SLACK,
    attr,
    call,
)

IDS = ["768503271974985728", "771038212360937472"]
OPTIONS = {"timeout": 1.0, "max_retries": 2, "backoff_initial": 0.01, "backoff_max": 0.02}
Factory = Callable[..., MockExchange]


@pytest.fixture
def ex(htx_exchange_factory: Factory) -> MockExchange:
    exchange = htx_exchange_factory(rate_limit=None)
    for order_id in IDS:
        exchange.add_order(BTC, order_id)
    return exchange


def _creds(ex: MockExchange, secret: str | None = None) -> HtxCredentials:
    return HtxCredentials(ex.access_key, secret or ex.secret_key)


REFUSALS = [
    pytest.param(faults.http_429(retry_after=0), None, RateLimitError, id="429+1032"),
    pytest.param(faults.business_error(1004, "Busy."), 2, ServiceUnavailableError, id="1004"),
]


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("refusal", "times", "expected"), REFUSALS)
def test_a_dropped_answer_then_refusals_keeps_the_doubt(
    mode: str,
    ex: MockExchange,
    refusal: faults.Fault,
    times: int | None,
    expected: type[HtxError],
) -> None:
    # The first attempt's cancel took, its answer was lost; the retries were refused. The
    # last error alone says "refused", but the call may well have cancelled the orders.
    ex.inject(faults.drop(), times=1, path=CANCEL_PATH, after_processing=True)
    ex.inject(refusal, times=times, path=CANCEL_PATH)
    done = call(mode, ex.url, "cancel", BTC, credentials=_creds(ex), order_ids=IDS, options=OPTIONS)
    assert type(done.error) is expected, repr(done.error)
    assert attr(done.error, "may_have_reached") is True
    assert [ex.order_state(BTC, i) for i in IDS] == [OrderState.CANCELLED] * 2


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("refusal", "times", "expected"), REFUSALS)
def test_cancel_many_keeps_the_doubt_per_id(
    mode: str,
    ex: MockExchange,
    refusal: faults.Fault,
    times: int | None,
    expected: type[HtxError],
) -> None:
    ex.inject(faults.drop(), times=1, path=CANCEL_PATH, after_processing=True)
    ex.inject(refusal, times=times, path=CANCEL_PATH)
    done = call(
        mode, ex.url, "cancel_many", BTC, credentials=_creds(ex), order_ids=IDS, options=OPTIONS
    )
    assert done.error is None, repr(done.error)
    result = done.value
    assert isinstance(result, CancelResult)
    assert sorted(e.order_id for e in result.errors) == sorted(IDS)
    for entry in result.errors:
        assert type(entry.cause) is expected
        assert attr(entry, "may_have_reached") is True
        assert attr(entry.cause, "may_have_reached") is True


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("fault", "reached"),
    [
        pytest.param(faults.html_502(), True, id="html-502"),
        pytest.param(faults.http_500(), True, id="500-json"),
        pytest.param(faults.http_500(json_body=False), True, id="500-text"),
        pytest.param(faults.malformed_json(), True, id="malformed-200"),
    ],
)
def test_every_error_says_whether_it_may_have_reached(
    mode: str, ex: MockExchange, fault: faults.Fault, reached: bool
) -> None:
    ex.inject(fault, times=None, path=CANCEL_PATH)
    done = call(mode, ex.url, "cancel", BTC, credentials=_creds(ex), order_ids=IDS, options=OPTIONS)
    assert isinstance(done.error, HtxError), repr(done.error)
    assert attr(done.error, "may_have_reached") is reached


@pytest.mark.parametrize("mode", MODES)
def test_an_invalid_request_never_reached(mode: str, ex: MockExchange) -> None:
    done = call(mode, ex.url, "cancel", "BTC USD", credentials=_creds(ex), order_ids=IDS)
    assert isinstance(done.error, HtxError), repr(done.error)
    assert attr(done.error, "may_have_reached") is False
    assert ex.received == []


# -- cancel_and_confirm: a cancel that took is cancelled, whatever its answer said ---------


def _html_200(request: RawRequest, status: int, body: bytes) -> bytes | None:
    if request.path != CANCEL_PATH:
        return None
    page = b"<html><body><h1>Just a moment...</h1></body></html>"
    return http_response(200, page, {"Content-Type": "text/html"})


def _took(fault: faults.Fault) -> Callable[[MockExchange], None]:
    def arrange(ex: MockExchange) -> None:
        ex.inject(fault, times=1, path=CANCEL_PATH, after_processing=True)

    return arrange


def _drop_then_busy(ex: MockExchange) -> None:
    ex.inject(faults.drop(), times=1, path=CANCEL_PATH, after_processing=True)
    ex.inject(faults.business_error(1004, "System busy."), times=2, path=CANCEL_PATH)


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "arrange",
    [
        pytest.param(_took(faults.http_500()), id="500-json-1000"),
        pytest.param(_took(faults.http_500(json_body=False)), id="500-text"),
        pytest.param(_took(faults.malformed_json()), id="malformed-200"),
        pytest.param(None, id="html-200"),
        pytest.param(_drop_then_busy, id="drop-then-1004-twice"),
    ],
)
def test_confirm_settles_a_cancel_that_took_from_order_info(
    mode: str, ex: MockExchange, arrange: Callable[[MockExchange], None] | None
) -> None:
    ex.cancel_delay = 0.2  # the exchange shows the orders cancelling, then cancelled
    url = ex.url
    with RawServer(forwarding(ex.port, _html_200)) as proxy:
        if arrange is None:  # the cancel goes through a front that answers an HTML page
            url = proxy.url
        else:
            arrange(ex)
        done = call(
            mode,
            url,
            "cancel_and_confirm",
            BTC,
            credentials=_creds(ex),
            order_ids=IDS,
            deadline=5.0,
            options=OPTIONS,
        )
    assert done.error is None, repr(done.error)
    outcome = done.value
    assert [ex.order_state(BTC, i) for i in IDS] == [OrderState.CANCELLED] * 2
    assert sorted(outcome.cancelled) == sorted(IDS), outcome
    assert outcome.failed == []
    assert done.seconds < 5.0 + SLACK


@pytest.fixture
def closed_url() -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        yield f"http://127.0.0.1:{port}"  # bound, not listening: connecting is refused


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_confirm_with_a_wrong_secret_returns_at_once(mode: str, ex: MockExchange) -> None:
    # Refused by the gateway: no cancel can have taken, and no order info will be readable.
    done = call(
        mode,
        ex.url,
        "cancel_and_confirm",
        BTC,
        credentials=_creds(ex, "not-the-secret"),
        order_ids=IDS,
        deadline=5.0,
        options=OPTIONS,
    )
    assert done.error is None, repr(done.error)
    assert done.seconds < 1.0, f"{done.seconds:.1f}s for a cancel refused at once"
    assert sorted(e.order_id for e in done.value.failed) == sorted(IDS)
    assert done.value.pending == []
    assert [r.path for r in ex.received if r.path == ORDER_INFO_PATH] == []


@pytest.mark.timeout(20)
@pytest.mark.parametrize("mode", MODES)
def test_confirm_with_nothing_listening_returns_at_once(mode: str, closed_url: str) -> None:
    done = call(
        mode,
        closed_url,
        "cancel_and_confirm",
        BTC,
        order_ids=IDS,
        deadline=5.0,
        options=OPTIONS,
    )
    assert done.error is None, repr(done.error)
    assert done.seconds < 1.0, f"{done.seconds:.1f}s for a cancel that was never sent"
    assert sorted(e.order_id for e in done.value.failed) == sorted(IDS)
    assert done.value.pending == []
    for entry in done.value.failed:
        assert attr(entry, "may_have_reached") is False
