"""The SDK against the local exchange over real HTTP: every cancel rule, exact ids, result
fields, authentication, clock skew, rate limits and TLS.

Every SDK test runs twice, with ``SwapClient`` and with ``AsyncSwapClient``: ``open_sdk`` wraps
either behind one async interface, so one test body drives both. The sync client's calls simply
block the test's event loop, which is harmless: the exchange serves from its own thread.

Not here: the signing vectors of ``tests/vectors/signature_v2.json`` against the exchange's
verifier (``tests/mock_exchange/test_verify.py`` covers them), and injected faults (the
fault-injection matrix has its own module).
"""

from __future__ import annotations

import contextlib
import json
import ssl
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Literal, Protocol

import httpx
import pytest
from htx_swap import (
    APIConnectionError,
    AsyncSwapClient,
    AuthenticationError,
    CancelResult,
    HtxAuth,
    HtxCredentials,
    InvalidRequestError,
    OrderCancelError,
    RateLimit,
    RateLimiter,
    RateLimitError,
    SwapClient,
)
from htx_swap._engine.limiter import htx_trade_limiter
from htx_swap._wire.validation import IdList
from htx_swap_mock import AuthFailure, MockExchange, OrderState, TimestampErrorStyle
from htx_swap_mock.verify import parse_timestamp

from tests.integration import consumer_example

Mode = Literal["sync", "async"]
HtxLimiter = Literal["htx"]  # the SDK's own default: HTX's 72 requests per 3 s

CANCEL_PATH = "/swap-api/v1/swap_cancel"
TIMESTAMP_PATH = "/api/v1/timestamp"
BTC = "BTC-USD"
BIG = "768503271974985728"  # a real HTX order id, above 2**53
MAX_ID = 2**63 - 1
NOT_FOUND = "This order doesnt exist."

asyncio_test = pytest.mark.asyncio


class Sdk(Protocol):
    """What the tests need of either client, awaited."""

    @property
    def auth(self) -> HtxAuth: ...

    async def cancel(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
    ) -> CancelResult: ...

    async def cancel_many(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
    ) -> CancelResult: ...

    async def sync_clock(self) -> float: ...


class _SyncSdk:
    def __init__(self, client: SwapClient) -> None:
        self._client = client

    @property
    def auth(self) -> HtxAuth:
        return self._client.auth

    async def cancel(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
    ) -> CancelResult:
        return self._client.cancel(
            contract_code, order_ids=order_ids, client_order_ids=client_order_ids
        )

    async def cancel_many(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
    ) -> CancelResult:
        return self._client.cancel_many(
            contract_code, order_ids=order_ids, client_order_ids=client_order_ids
        )

    async def sync_clock(self) -> float:
        return self._client.sync_clock()


class _AsyncSdk:
    def __init__(self, client: AsyncSwapClient) -> None:
        self._client = client

    @property
    def auth(self) -> HtxAuth:
        return self._client.auth

    async def cancel(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
    ) -> CancelResult:
        return await self._client.cancel(
            contract_code, order_ids=order_ids, client_order_ids=client_order_ids
        )

    async def cancel_many(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
    ) -> CancelResult:
        return await self._client.cancel_many(
            contract_code, order_ids=order_ids, client_order_ids=client_order_ids
        )

    async def sync_clock(self) -> float:
        return await self._client.sync_clock()


@contextlib.asynccontextmanager
async def open_sdk(
    mode: Mode,
    ex: MockExchange,
    *,
    credentials: HtxCredentials | None = None,
    max_retries: int = 2,
    rate_limiter: RateLimiter | HtxLimiter | None = "htx",
    verify: ssl.SSLContext | None = None,
) -> AsyncIterator[Sdk]:
    """A client of ``mode`` for ``ex``: the SDK's retry count unless told, short backoff so
    retries stay quick, and an ``http_client`` trusting ``verify`` when given (TLS)."""
    creds = credentials or HtxCredentials(ex.access_key, ex.secret_key)
    limiter = htx_trade_limiter() if rate_limiter == "htx" else rate_limiter
    if mode == "sync":
        http = None if verify is None else httpx.Client(verify=verify, timeout=5.0)
        try:
            with SwapClient(
                creds,
                base_url=ex.url,
                timeout=5.0,
                http_client=http,
                max_retries=max_retries,
                rate_limiter=limiter,
                backoff_initial=0.01,
                backoff_max=0.05,
            ) as client:
                yield _SyncSdk(client)
        finally:
            if http is not None:
                http.close()
    else:
        ahttp = None if verify is None else httpx.AsyncClient(verify=verify, timeout=5.0)
        try:
            async with AsyncSwapClient(
                creds,
                base_url=ex.url,
                timeout=5.0,
                http_client=ahttp,
                max_retries=max_retries,
                rate_limiter=limiter,
                backoff_initial=0.01,
                backoff_max=0.05,
            ) as aclient:
                yield _AsyncSdk(aclient)
        finally:
            if ahttp is not None:
                await ahttp.aclose()


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> Mode:
    chosen: Mode = request.param
    return chosen


@pytest.fixture(scope="module")
def shared_exchange() -> Iterator[MockExchange]:
    with MockExchange() as exchange:  # HTX's rate limit, 72 per 3 s, restarts with reset()
        yield exchange


@pytest.fixture
def ex(shared_exchange: MockExchange) -> MockExchange:
    shared_exchange.reset()
    return shared_exchange


@pytest.fixture(scope="module")
def tls_exchange() -> Iterator[MockExchange]:
    with MockExchange(tls=True) as exchange:
        yield exchange


def sent_body(ex: MockExchange) -> object:
    """The JSON body of the first request the exchange received."""
    return ex.received[0].json()


def routes(ex: MockExchange) -> list[tuple[str, str]]:
    return [(record.method, record.path) for record in ex.received]


def signed_post(ex: MockExchange, body: Mapping[str, object]) -> httpx.Response:
    """A cancel signed by the SDK's own ``HtxAuth`` but sent by plain httpx: for the
    exchange's rules that the SDK refuses to break."""
    auth = HtxAuth(HtxCredentials(ex.access_key, ex.secret_key))
    with httpx.Client(base_url=ex.url, auth=auth, timeout=5.0) as http:
        return http.post(
            CANCEL_PATH,
            content=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )


# -- the cancel rules -------------------------------------------------------------------------


@asyncio_test
async def test_open_and_partially_filled_orders_are_cancelled(mode: Mode, ex: MockExchange) -> None:
    ex.add_order(BTC, BIG)
    ex.add_order(BTC, 5, state=OrderState.PARTIALLY_FILLED)
    async with open_sdk(mode, ex) as sdk:
        result = await sdk.cancel(BTC, order_ids=[BIG, 5])
    assert result.successes == [BIG, "5"]
    assert result.errors == []
    assert result.attempts == 1
    assert ex.order_state(BTC, BIG) is OrderState.CANCELLED
    assert routes(ex) == [("POST", CANCEL_PATH)]
    assert sent_body(ex) == {"order_id": f"{BIG},5", "contract_code": BTC}
    assert ex.received[0].signature_valid
    assert ex.received[0].auth_failure is None
    async with open_sdk(mode, ex) as sdk:  # both are now cancelled, whatever was filled
        again = await sdk.cancel(BTC, order_ids=[BIG, 5])
    assert [(e.order_id, e.err_code) for e in again.errors] == [(BIG, 1071), ("5", 1071)]


@pytest.mark.parametrize(
    ("state", "code", "message"),
    [
        (None, 1061, NOT_FOUND),
        (OrderState.CANCELLING, 1062, "Cancelling. Unable to cancel."),
        (OrderState.FILLED, 1063, "The order has been executed."),
        (OrderState.CANCELLED, 1071, "Repeated withdraw."),
    ],
    ids=["unknown-1061", "cancelling-1062", "filled-1063", "cancelled-1071"],
)
@asyncio_test
async def test_each_refusal_is_a_per_order_error(
    mode: Mode, ex: MockExchange, state: OrderState | None, code: int, message: str
) -> None:
    if state is not None:
        ex.add_order(BTC, BIG, state=state)
    async with open_sdk(mode, ex) as sdk:
        result = await sdk.cancel(BTC, order_ids=[BIG])
    assert result.successes == []
    assert result.errors == [OrderCancelError(BIG, code, message)]
    assert result.errors[0].cause is None  # answered by the exchange, not a failed request
    assert ex.order_state(BTC, BIG) is state  # a refused cancel changes nothing
    assert len(ex.received) == 1


@asyncio_test
async def test_a_mixed_request_keeps_each_outcome_in_order(mode: Mode, ex: MockExchange) -> None:
    ex.add_order(BTC, 11, state=OrderState.FILLED)
    ex.add_order(BTC, 12)
    ex.add_order(BTC, 13, state=OrderState.CANCELLED)
    ex.add_order(BTC, 14, state=OrderState.CANCELLING)
    ex.add_order(BTC, 16)
    async with open_sdk(mode, ex) as sdk:
        result = await sdk.cancel(BTC, order_ids=[11, 12, 13, 14, 15, 16])
    assert result.successes == ["12", "16"]
    assert [(e.order_id, e.err_code) for e in result.errors] == [
        ("11", 1063),
        ("13", 1071),
        ("14", 1062),
        ("15", 1061),
    ]


@asyncio_test
async def test_by_client_order_ids(mode: Mode, ex: MockExchange) -> None:
    ex.add_order(BTC, 101, client_order_id=9001)
    ex.add_order(BTC, 102, client_order_id=9002, state=OrderState.FILLED)
    ex.add_order(BTC, 103, client_order_id=MAX_ID)
    async with open_sdk(mode, ex) as sdk:
        result = await sdk.cancel(BTC, client_order_ids=[9001, "9002", 9003, MAX_ID])
    # Answers name orders by the id the request used: the client order id here.
    assert result.successes == ["9001", str(MAX_ID)]
    assert [(e.order_id, e.err_code) for e in result.errors] == [("9002", 1063), ("9003", 1061)]
    assert sent_body(ex) == {"client_order_id": f"9001,9002,9003,{MAX_ID}", "contract_code": BTC}
    assert ex.order_state(BTC, 101) is OrderState.CANCELLED
    assert ex.order_state(BTC, 103) is OrderState.CANCELLED


@asyncio_test
async def test_the_sdk_refuses_both_id_kinds_before_sending(mode: Mode, ex: MockExchange) -> None:
    async with open_sdk(mode, ex) as sdk:
        with pytest.raises(InvalidRequestError) as caught:
            await sdk.cancel(BTC, order_ids=[1], client_order_ids=[2])
    assert caught.value.field == "order_ids/client_order_ids"
    assert ex.received == []


def test_the_exchange_uses_order_id_when_both_kinds_are_sent(ex: MockExchange) -> None:
    # The SDK never sends both (above); the exchange's own rule is checked with a plain request.
    ex.add_order(BTC, 201, client_order_id=7001)
    ex.add_order(BTC, 202, client_order_id=7002)
    body = {"order_id": "201", "client_order_id": "7002", "contract_code": BTC}
    response = signed_post(ex, body)
    assert json.loads(response.content)["data"] == {"errors": [], "successes": "201"}
    assert sent_body(ex) == body
    assert ex.order_state(BTC, 201) is OrderState.CANCELLED
    assert ex.order_state(BTC, 202) is OrderState.OPEN  # client_order_id was ignored


@pytest.mark.parametrize("contract_code", ["btc-usd", "Btc-Usd"])
@asyncio_test
async def test_contract_code_is_case_insensitive(
    mode: Mode, ex: MockExchange, contract_code: str
) -> None:
    ex.add_order(BTC, BIG)
    async with open_sdk(mode, ex) as sdk:
        result = await sdk.cancel(contract_code, order_ids=[BIG])
    assert result.successes == [BIG]
    assert sent_body(ex) == {"order_id": BIG, "contract_code": contract_code}  # sent as given
    assert ex.order_state(BTC, BIG) is OrderState.CANCELLED


@asyncio_test
async def test_ids_above_2_53_stay_exact_end_to_end(mode: Mode, ex: MockExchange) -> None:
    open_ids = [MAX_ID, 2**53 + 1, int(BIG)]
    for order_id in open_ids:
        ex.add_order(BTC, order_id)
    unknown = 2**53 + 3  # through a float it would become 2**53 + 4
    async with open_sdk(mode, ex) as sdk:
        result = await sdk.cancel(BTC, order_ids=[*open_ids, unknown])
    assert result.successes == ["9223372036854775807", "9007199254740993", BIG]
    assert result.errors == [OrderCancelError("9007199254740995", 1061, NOT_FOUND)]
    raw = ex.received[0].body
    assert b'"order_id":"9223372036854775807,9007199254740993,' + BIG.encode() in raw
    assert b"9007199254740992" not in raw  # 2**53 + 1 as a float
    assert all(ex.order_state(BTC, order_id) is OrderState.CANCELLED for order_id in open_ids)


@asyncio_test
async def test_successes_is_an_empty_list_when_nothing_was_cancelled(
    mode: Mode, ex: MockExchange
) -> None:
    async with open_sdk(mode, ex) as sdk:
        result = await sdk.cancel(BTC, order_ids=[1, 2])
    assert result.successes == []  # HTX sends "", which must not become [""]
    assert [e.order_id for e in result.errors] == ["1", "2"]


# -- result fields ----------------------------------------------------------------------------


@asyncio_test
async def test_ts_and_rate_limit_come_from_the_answer(mode: Mode, ex: MockExchange) -> None:
    before = ex.server_time_ms()
    async with open_sdk(mode, ex) as sdk:
        first = await sdk.cancel(BTC, order_ids=[1])
        second = await sdk.cancel(BTC, order_ids=[2])
    after = ex.server_time_ms()
    assert type(first.ts) is int
    assert type(second.ts) is int
    assert before <= first.ts <= second.ts <= after
    # The first request opens the exchange's 3 s window, so it resets 3000 ms after it.
    assert first.rate_limit == RateLimit(
        limit=72, remaining=71, interval_ms=3000, reset_ms=first.ts + 3000
    )
    assert second.rate_limit is not None
    assert (second.rate_limit.limit, second.rate_limit.remaining) == (72, 70)
    assert second.rate_limit.reset_ms is not None
    # Same window; the exchange counts on a monotonic clock, so allow a millisecond of rounding.
    assert abs(second.rate_limit.reset_ms - (first.ts + 3000)) <= 1


# -- the 10-id limit --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["order_ids", "client_order_ids"])
@asyncio_test
async def test_more_than_10_ids_are_refused_before_sending(
    mode: Mode, ex: MockExchange, kind: str
) -> None:
    ids = {kind: list(range(1, 12))}
    async with open_sdk(mode, ex) as sdk:
        with pytest.raises(InvalidRequestError) as caught:
            await sdk.cancel(BTC, **ids)
    assert caught.value.field == kind
    assert "11 ids" in caught.value.problem
    assert ex.received == []


def test_the_exchange_refuses_more_than_10_ids_with_1052(ex: MockExchange) -> None:
    for order_id in range(1, 12):
        ex.add_order(BTC, order_id)
    body = {"order_id": ",".join(str(i) for i in range(1, 12)), "contract_code": BTC}
    response = signed_post(ex, body)
    answer = json.loads(response.content)
    assert response.status_code == 200
    assert (answer["status"], answer["err_code"]) == ("error", 1052)
    assert ex.received[0].signature_valid
    assert all(ex.order_state(BTC, i) is OrderState.OPEN for i in range(1, 12))


@asyncio_test
async def test_cancel_many_sends_chunks_of_10_and_merges_every_outcome(
    mode: Mode, ex: MockExchange
) -> None:
    ids = [str(10**17 + n) for n in range(27)]
    states = {1: OrderState.FILLED, 9: OrderState.CANCELLED, 14: OrderState.CANCELLING}
    unknown = {20, 26}
    for n, order_id in enumerate(ids):
        if n not in unknown:
            ex.add_order(BTC, order_id, state=states.get(n, OrderState.OPEN))
    async with open_sdk(mode, ex) as sdk:
        result = await sdk.cancel_many(BTC, order_ids=ids)
    expected_codes = {1: 1063, 9: 1071, 14: 1062, 20: 1061, 26: 1061}
    assert result.successes == [ids[n] for n in range(27) if n not in expected_codes]
    assert [(e.order_id, e.err_code) for e in result.errors] == [
        (ids[n], code) for n, code in sorted(expected_codes.items())
    ]
    assert all(e.cause is None for e in result.errors)
    assert result.attempts == 3
    sent = sorted(
        (record.json() for record in ex.received),
        key=lambda body: str(body["order_id"]) if isinstance(body, dict) else "",
    )
    assert sent == [
        {"order_id": ",".join(ids[0:10]), "contract_code": BTC},
        {"order_id": ",".join(ids[10:20]), "contract_code": BTC},
        {"order_id": ",".join(ids[20:27]), "contract_code": BTC},
    ]


# -- authentication ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credentials", "failure", "message"),
    [
        (
            HtxCredentials("mock-access-key", "not-the-secret"),
            AuthFailure.BAD_SIGNATURE,
            "Verification failure",
        ),
        (
            HtxCredentials("nobody", "mock-secret-key"),
            AuthFailure.UNKNOWN_ACCESS_KEY,
            "Incorrect Access key",
        ),
    ],
    ids=["wrong-secret", "unknown-key"],
)
@asyncio_test
async def test_refused_credentials_raise_authentication_error_once(
    mode: Mode,
    ex: MockExchange,
    credentials: HtxCredentials,
    failure: AuthFailure,
    message: str,
) -> None:
    ex.add_order(BTC, BIG)
    async with open_sdk(mode, ex, credentials=credentials, max_retries=2) as sdk:
        with pytest.raises(AuthenticationError) as caught:
            await sdk.cancel(BTC, order_ids=[BIG])
    assert caught.value.code == "api-signature-not-valid"
    assert message in str(caught.value)
    assert credentials.secret_key not in str(caught.value)
    assert len(ex.received) == 1  # retries are on, but an auth error is never retried
    assert ex.received[0].auth_failure is failure
    assert ex.order_state(BTC, BIG) is OrderState.OPEN


# -- clock ------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", list(TimestampErrorStyle))
@asyncio_test
async def test_a_skewed_server_clock_is_read_and_the_cancel_succeeds(
    mode: Mode, ex: MockExchange, style: TimestampErrorStyle
) -> None:
    ex.clock_offset = 600.0  # the server is 10 min ahead: beyond its 5 min tolerance
    ex.settings.timestamp_error = style
    ex.add_order(BTC, BIG)
    async with open_sdk(mode, ex) as sdk:
        result = await sdk.cancel(BTC, order_ids=[BIG])
        offset = sdk.auth.offset
    assert result.successes == [BIG]
    assert routes(ex) == [("POST", CANCEL_PATH), ("GET", TIMESTAMP_PATH), ("POST", CANCEL_PATH)]
    assert ex.received[0].auth_failure is AuthFailure.STALE_TIMESTAMP
    assert ex.received[2].auth_failure is None
    assert offset == pytest.approx(600.0, abs=3.0)
    assert ex.order_state(BTC, BIG) is OrderState.CANCELLED


@asyncio_test
async def test_sync_clock_reads_the_public_timestamp_and_signs_with_it(
    mode: Mode, ex: MockExchange
) -> None:
    ex.clock_offset = -1800.0
    async with open_sdk(mode, ex) as sdk:
        offset = await sdk.sync_clock()
        assert routes(ex) == [("GET", TIMESTAMP_PATH)]
        assert ex.received[0].query_string == ""  # public: no credentials on it
        result = await sdk.cancel(BTC, order_ids=[1])
    assert offset == pytest.approx(-1800.0, abs=3.0)
    assert sdk.auth.offset == offset
    assert [e.err_code for e in result.errors] == [1061]  # accepted: no 12001
    signed_at = parse_timestamp(ex.received[1].param("Timestamp") or "")
    assert signed_at is not None
    assert signed_at == pytest.approx(ex.received[1].received_at, abs=3.0)


# -- rate limit -------------------------------------------------------------------------------


@asyncio_test
async def test_without_a_limiter_the_exchange_answers_429(mode: Mode, ex: MockExchange) -> None:
    ex.rate_limit = (3, 5.0)
    async with open_sdk(mode, ex, rate_limiter=None, max_retries=0) as sdk:
        for order_id in (1, 2, 3):
            await sdk.cancel(BTC, order_ids=[order_id])
        with pytest.raises(RateLimitError) as caught:
            await sdk.cancel(BTC, order_ids=[4])
    assert (caught.value.status_code, caught.value.code) == (429, 1032)
    assert caught.value.retry_after == 5.0  # Retry-After, whole seconds
    assert len(ex.received) == 4


@asyncio_test
async def test_a_429_is_retried_after_retry_after(mode: Mode, ex: MockExchange) -> None:
    ex.rate_limit = (3, 0.9)  # Retry-After is whole seconds: 1 s, by when the window is over
    ex.add_order(BTC, 4)
    async with open_sdk(mode, ex, rate_limiter=None, max_retries=2) as sdk:
        for order_id in (1, 2, 3):
            await sdk.cancel(BTC, order_ids=[order_id])
        result = await sdk.cancel(BTC, order_ids=[4])
    assert result.successes == ["4"]
    assert result.attempts == 2
    limited, retried = ex.received[3], ex.received[4]
    assert len(ex.received) == 5
    assert retried.received_at - limited.received_at >= 1.0


@asyncio_test
async def test_a_limiter_within_the_exchange_limit_never_meets_429(
    mode: Mode, ex: MockExchange
) -> None:
    ex.rate_limit = (2, 0.2)
    # Slightly stricter than the exchange: the limiter times requests from when they leave, the
    # exchange from when they arrive, and the first one (which also connects) arrives late, so
    # a limiter of exactly the exchange's quota can still meet a 429 today.
    limiter = RateLimiter(2, 0.25)
    ids = [str(n) for n in range(1, 51)]
    for order_id in ids:
        ex.add_order(BTC, order_id)
    async with open_sdk(mode, ex, rate_limiter=limiter, max_retries=0) as sdk:
        result = await sdk.cancel_many(BTC, order_ids=ids)  # 5 requests: 2 windows of waiting
    assert result.errors == []
    assert sorted(result.successes, key=int) == ids
    arrivals = sorted(record.received_at for record in ex.received)
    assert len(arrivals) == 5
    assert all(
        later - earlier >= 0.2 for earlier, later in zip(arrivals, arrivals[2:], strict=False)
    )


# -- TLS --------------------------------------------------------------------------------------


@asyncio_test
async def test_tls_with_the_exchange_ca(mode: Mode, tls_exchange: MockExchange) -> None:
    ex = tls_exchange
    ex.reset()
    ex.add_order(BTC, BIG)
    assert ex.url == f"https://127.0.0.1:{ex.port}"
    async with open_sdk(mode, ex, verify=ex.client_ssl_context()) as sdk:
        result = await sdk.cancel(BTC, order_ids=[BIG])
    assert result.successes == [BIG]
    record = ex.received[0]
    assert record.header("host") == f"127.0.0.1:{ex.port}"
    assert record.signature_valid


@asyncio_test
async def test_tls_without_the_ca_fails_before_any_request(
    mode: Mode, tls_exchange: MockExchange
) -> None:
    ex = tls_exchange
    ex.reset()
    async with open_sdk(mode, ex) as sdk:  # the system's CAs do not know the throwaway CA
        with pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED") as caught:
            await sdk.cancel(BTC, order_ids=[1])
    assert caught.value.may_have_reached is False
    assert ex.received == []


@pytest.mark.parametrize(
    ("signed_host", "accepted"),
    [("{port}", True), ("{other}", False), ("", False)],
    ids=["own-port", "other-port", "no-port"],
)
def test_the_signature_covers_the_port(
    tls_exchange: MockExchange, signed_host: str, accepted: bool
) -> None:
    ex = tls_exchange
    ex.reset()
    ex.add_order(BTC, 1)
    port = signed_host.format(port=ex.port, other=ex.port + 1)
    host = f"127.0.0.1:{port}" if port else "127.0.0.1"
    # Sign for ``host`` and send the very query to the exchange's real host and port.
    signed = httpx.Request("POST", f"https://{host}{CANCEL_PATH}")
    HtxAuth(HtxCredentials(ex.access_key, ex.secret_key)).sign(signed)
    with httpx.Client(verify=ex.client_ssl_context(), timeout=5.0) as http:
        response = http.post(
            f"{ex.url}{CANCEL_PATH}?{signed.url.query.decode()}",
            content=json.dumps({"order_id": "1", "contract_code": BTC}).encode(),
        )
    answer = json.loads(response.content)
    record = ex.received[0]
    assert record.header("host") == f"127.0.0.1:{ex.port}"
    if accepted:
        assert answer["data"]["successes"] == "1"
        assert record.auth_failure is None
    else:
        assert answer["err-code"] == "api-signature-not-valid"
        assert record.auth_failure is AuthFailure.BAD_SIGNATURE
        assert ex.order_state(BTC, 1) is OrderState.OPEN


# -- the README's consumer example ------------------------------------------------------------


def test_the_consumer_example_runs_against_the_exchange(
    htx_exchange: MockExchange, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    htx_exchange.add_order(BTC, "768503271974985728")
    htx_exchange.add_order(BTC, "771038212360937472")
    htx_exchange.add_order(BTC, 1, client_order_id=9001)
    monkeypatch.setenv("HTX_ACCESS_KEY", htx_exchange.access_key)
    monkeypatch.setenv("HTX_SECRET_KEY", htx_exchange.secret_key)
    consumer_example.main(htx_exchange.url)
    printed = capsys.readouterr().out
    assert printed.startswith("2 accepted, 0 refused at ")
    assert htx_exchange.secret_key not in printed
    assert htx_exchange.order_state(BTC, "771038212360937472") is OrderState.CANCELLED
    assert htx_exchange.order_state(BTC, 1) is OrderState.CANCELLED  # by client order id 9001
    assert [record.json() for record in htx_exchange.received] == [
        {"order_id": "768503271974985728,771038212360937472", "contract_code": BTC},
        {"client_order_id": "9001,9002", "contract_code": BTC},
    ]
