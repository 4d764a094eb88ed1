"""``SwapClient`` and ``AsyncSwapClient``: the generated client, signed, validated and typed.

The generated ``htx_swap_client`` modules build every request (``_get_kwargs``) and parse every
answer (``_build_response``); this layer adds what they lack: input validation before sending,
signing, timeouts that are never None, retries, a client-side rate limit, clock correction and
typed results and errors.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Self, TypeVar

import attrs
import httpx
from htx_swap_client.api.reference import get_timestamp
from htx_swap_client.api.trade import swap_cancel, swap_order_info
from htx_swap_client.client import Client as GeneratedClient
from htx_swap_client.models import SwapCancelRequest, SwapOrderInfoRequest, TimestampResponse

from htx_swap.confirm import ALREADY_CANCELLING, CancelOutcome, Confirmation
from htx_swap.credentials import HtxCredentials
from htx_swap.errors import (
    APIConnectionError,
    APITimeoutError,
    DeadlineExceededError,
    HtxError,
    InvalidRequestError,
    ResponseParseError,
    TimestampError,
)
from htx_swap.limiter import RateLimiter, htx_read_limiter, htx_trade_limiter
from htx_swap.order_info import MAX_IDS_PER_ORDER_INFO, OrderInfo, parse_order_info_response
from htx_swap.redaction import excerpt, install_log_redaction, redact
from htx_swap.responses import parse_cancel_response
from htx_swap.results import CancelResult, OrderCancelError
from htx_swap.retries import RetryPolicy, reached_exchange
from htx_swap.signing import HtxAuth
from htx_swap.validation import (
    IdList,
    validate_contract_code,
    validate_id_choice,
    validate_ids,
)

if TYPE_CHECKING:
    import tenacity

# asyncio and tenacity are imported where they are used (the async client, a retry): together
# they cost about as much as the rest of the SDK to import, and most cancels need neither.

__all__ = ["DEFAULT_BASE_URL", "DEFAULT_TIMEOUT", "AsyncSwapClient", "SwapClient"]

DEFAULT_BASE_URL = "https://api.hbdm.com"
DEFAULT_TIMEOUT = 10.0
CHUNK_SIZE = 10
_UNLIMITED = object()
# cancel_and_confirm polls order info at once, then after 0.05 s, 0.1 s, … up to 1 s apart.
POLL_FIRST_PAUSE = 0.05
POLL_MAX_PAUSE = 1.0
DEFAULT_CONFIRM_DEADLINE = 5.0

log = logging.getLogger("htx_swap")
TimeoutArg = float | httpx.Timeout
R = TypeVar("R")
RetryingT = TypeVar("RetryingT", "tenacity.Retrying", "tenacity.AsyncRetrying")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_base_url(base_url: str) -> str:
    try:
        url = httpx.URL(base_url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise InvalidRequestError("base_url", f"{base_url!r} is not a URL ({exc})") from None
    if url.scheme not in {"https", "http"} or not url.host:
        raise InvalidRequestError("base_url", f"{base_url!r} needs https:// and a host")
    if url.scheme == "http" and not _loopback(url.host):
        raise InvalidRequestError(
            "base_url",
            f"{base_url!r} is plain http; only https is allowed, except to a loopback host "
            "(the local exchange)",
        )
    if url.query or url.fragment:
        raise InvalidRequestError("base_url", "must not carry a query or fragment")
    return base_url.rstrip("/")


@functools.lru_cache(maxsize=64)
def _endpoint_url(text: str) -> httpx.URL:
    """An endpoint's URL, parsed once. httpx parses a URL given as text on every request, and
    the signer then parses it again with its query: one parse a request is enough."""
    return httpx.URL(text)


def _check_timeout(timeout: object) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
        if any(part is None for part in parts):
            raise InvalidRequestError(
                "timeout", "every part (connect, read, write, pool) is needed"
            )
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or timeout <= 0:
        raise InvalidRequestError(
            "timeout", f"must be seconds > 0 or an httpx.Timeout, got {timeout!r}"
        )
    return httpx.Timeout(float(timeout))


def _transport_error(exc: httpx.HTTPError) -> HtxError:
    try:
        where = f"{exc.request.method} {redact(str(exc.request.url))}"
    except RuntimeError:  # httpx raises when the error carries no request
        where = "request"
    if isinstance(exc, httpx.DecodingError):
        return ResponseParseError(f"{where}: the body could not be decoded ({exc})")
    never_sent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    message = f"{where}: {type(exc).__name__}: {redact(str(exc)) or 'no detail'}"
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(message, may_have_reached=not never_sent)
    return APIConnectionError(message, may_have_reached=not never_sent)


@attrs.frozen
class _Chunk:
    """One request's worth of ids, ready to send."""

    field: str  # "order_ids" or "client_order_ids"
    ids: list[str]
    body: SwapCancelRequest | SwapOrderInfoRequest


def _chunks(
    contract_code: object,
    order_ids: IdList | None,
    client_order_ids: IdList | None,
    *,
    limit: int | None,
    size: int = CHUNK_SIZE,
    request: type[SwapCancelRequest] | type[SwapOrderInfoRequest] = SwapCancelRequest,
) -> list[_Chunk]:
    """Validate every input, then split the ids into requests of ``size`` (cancels of 10 by
    default)."""
    code = validate_contract_code(contract_code)
    field, raw_ids = validate_id_choice(order_ids, client_order_ids)
    ids = validate_ids(field, raw_ids, limit=limit)
    return _split(code, field, ids, size, request)


def _split(
    code: str,
    field: str,
    ids: list[str],
    size: int,
    request: type[SwapCancelRequest] | type[SwapOrderInfoRequest],
) -> list[_Chunk]:
    chunks = []
    for start in range(0, len(ids), size):
        part = ids[start : start + size]
        joined = ",".join(part)
        if field == "order_ids":
            body = request(contract_code=code, order_id=joined)
        else:
            body = request(contract_code=code, client_order_id=joined)
        chunks.append(_Chunk(field, part, body))
    return chunks


def _info_chunks(
    contract_code: object, order_ids: IdList | None, client_order_ids: IdList | None
) -> list[_Chunk]:
    """Validate every input, then split the ids into order-info requests of 50."""
    return _chunks(
        contract_code,
        order_ids,
        client_order_ids,
        limit=None,
        size=MAX_IDS_PER_ORDER_INFO,
        request=SwapOrderInfoRequest,
    )


def _check_deadline(deadline: object) -> float:
    if (
        isinstance(deadline, bool)
        or not isinstance(deadline, int | float)
        or not math.isfinite(deadline)
        or deadline <= 0
    ):
        raise InvalidRequestError("deadline", f"must be seconds > 0, got {deadline!r}")
    return float(deadline)


def _capped(timeout: httpx.Timeout, left: float) -> httpx.Timeout:
    """Each phase of a request (connect, write, read, pool) gets at most ``left`` seconds."""

    def cap(part: float | None) -> float:
        return left if part is None else min(part, left)

    return httpx.Timeout(
        connect=cap(timeout.connect),
        read=cap(timeout.read),
        write=cap(timeout.write),
        pool=cap(timeout.pool),
    )


def _with_deadline(retrying: RetryingT, deadline_at: float | None) -> RetryingT:
    """``retrying`` with one more stop rule: no retry whose backoff would end after
    ``deadline_at``."""
    import tenacity

    if deadline_at is None or not isinstance(retrying.stop, tenacity.stop.stop_base):
        return retrying

    class StopAtDeadline(tenacity.stop.stop_base):
        def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
            assert deadline_at is not None
            return time.monotonic() + retry_state.upcoming_sleep >= deadline_at

    return retrying.copy(stop=retrying.stop | StopAtDeadline())


def _past_deadline(what: str) -> DeadlineExceededError:
    return DeadlineExceededError(
        f"{what}: the deadline passed before it was sent", may_have_reached=False
    )


def _mid_request(kwargs: dict[str, Any]) -> DeadlineExceededError:
    return DeadlineExceededError(
        f"{kwargs['method'].upper()} {kwargs['url']}: the deadline passed mid-request"
    )


_BODY_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def _settle_retried(result: CancelResult, earlier_may_have_reached: bool) -> CancelResult:
    """After a retry, 1062/1071 for an id means an earlier attempt's cancel took: a success."""
    if not earlier_may_have_reached:
        return result
    inferred = [e.order_id for e in result.errors if e.err_code in ALREADY_CANCELLING]
    if not inferred:
        return result
    return attrs.evolve(
        result,
        successes=result.successes + inferred,
        errors=[e for e in result.errors if e.err_code not in ALREADY_CANCELLING],
        inferred_successes=result.inferred_successes + inferred,
    )


class _AttemptTracker:
    """One call's memory across its retries and its clock resync: the attempts sent, and
    whether a failed one may have been processed all the same.

    The retry loop starts after a failed first attempt; ``replay_first`` hands that failure
    (``pending``) to tenacity as its first attempt, so its backoff and stop rules count it.
    """

    def __init__(self) -> None:
        self.pending: HtxError | None = None
        self.attempts = 0
        self.may_have_reached = False

    def replay_first(self) -> None:
        if self.pending is not None:
            error, self.pending = self.pending, None
            raise error

    def failed(self, error: HtxError) -> None:
        if isinstance(error, DeadlineExceededError) and not error.may_have_reached:
            self.attempts -= 1  # its time was up before it was sent: not an attempt
        self.may_have_reached = self.may_have_reached or reached_exchange(error)

    def settle(self, result: CancelResult) -> CancelResult:
        if self.attempts == 1:
            return result
        settled = _settle_retried(result, self.may_have_reached)
        return attrs.evolve(settled, attempts=self.attempts)


def _chunk_failure(chunk: _Chunk, error: HtxError) -> list[OrderCancelError]:
    code = getattr(error, "code", None)
    return [
        OrderCancelError(
            order_id=order_id,
            err_code=code if isinstance(code, int) else -1,
            err_msg=f"{type(error).__name__}: {error}",
            cause=error,
        )
        for order_id in chunk.ids
    ]


def _merge(results: list[CancelResult | tuple[list[OrderCancelError], int]]) -> CancelResult:
    successes: list[str] = []
    inferred: list[str] = []
    errors: list[OrderCancelError] = []
    ts, attempts = 0, 0
    rate_limit = None
    for item in results:
        if isinstance(item, CancelResult):
            successes += item.successes
            inferred += item.inferred_successes
            errors += item.errors
            ts = max(ts, item.ts)
            attempts += item.attempts
            rate_limit = item.rate_limit or rate_limit
        else:
            failed, sent = item
            errors += failed
            attempts += sent
    return CancelResult(
        successes=successes,
        errors=errors,
        ts=ts,
        rate_limit=rate_limit,
        attempts=attempts,
        inferred_successes=inferred,
    )


def _confirmation(chunks: list[_Chunk], result: CancelResult) -> Confirmation:
    ids = [order_id for chunk in chunks for order_id in chunk.ids]
    by_client_id = chunks[0].field == "client_order_ids"
    return Confirmation(ids, by_client_id=by_client_id, cancel_result=result)


def _poll_chunks(first: _Chunk, ids: list[str]) -> list[_Chunk]:
    """Order-info requests for ``ids``, of the contract and id kind of the cancel."""
    return _split(
        first.body.contract_code, first.field, ids, MAX_IDS_PER_ORDER_INFO, SwapOrderInfoRequest
    )


def _limiter(
    field: str, given: RateLimiter | object | None, default: Callable[[], RateLimiter]
) -> RateLimiter | None:
    if given is _UNLIMITED:
        return default()
    if given is not None and not isinstance(given, RateLimiter):
        raise InvalidRequestError(
            field, f"must be a RateLimiter or None, got {type(given).__name__}"
        )
    return given


class _ClientCore:
    """What the sync and async clients share: configuration, request building and parsing."""

    def __init__(
        self,
        credentials: HtxCredentials,
        *,
        base_url: str,
        timeout: TimeoutArg,
        max_retries: int,
        rate_limiter: RateLimiter | object | None,
        read_rate_limiter: RateLimiter | object | None,
        clock: Callable[[], float],
        backoff_initial: float,
        backoff_max: float,
    ) -> None:
        if not isinstance(credentials, HtxCredentials):
            raise InvalidRequestError("credentials", "must be an HtxCredentials")
        self.base_url = _check_base_url(base_url)
        self.timeout = _check_timeout(timeout)
        try:
            self.retry_policy = RetryPolicy(max_retries, backoff_initial, backoff_max)
        except (ValueError, TypeError) as exc:
            raise InvalidRequestError("max_retries", str(exc)) from None
        self.rate_limiter = _limiter("rate_limiter", rate_limiter, htx_trade_limiter)
        self.read_rate_limiter = _limiter("read_rate_limiter", read_rate_limiter, htx_read_limiter)
        self.auth = HtxAuth(credentials, clock)
        self._clock = clock
        install_log_redaction()

    def request_kwargs(self, chunk: _Chunk, timeout: TimeoutArg | None) -> dict[str, Any]:
        body = chunk.body
        if isinstance(body, SwapCancelRequest):
            kwargs = swap_cancel._get_kwargs(body=body)
        else:
            kwargs = swap_order_info._get_kwargs(body=body)
        kwargs["url"] = _endpoint_url(self.base_url + kwargs["url"])
        kwargs["auth"] = self.auth
        kwargs["timeout"] = self.timeout if timeout is None else _check_timeout(timeout)
        return kwargs

    @staticmethod
    def within(kwargs: dict[str, Any], deadline_at: float | None, wait: float) -> dict[str, Any]:
        """``kwargs`` with timeouts cut to the time left before ``deadline_at`` after waiting
        ``wait`` seconds; raises when nothing is left."""
        if deadline_at is None:
            return kwargs
        left = deadline_at - time.monotonic() - wait
        if left <= 0:
            raise _past_deadline(f"{kwargs['method'].upper()} {kwargs['url']}")
        return {**kwargs, "timeout": _capped(kwargs["timeout"], left)}

    def timeout_left(self, deadline_at: float | None) -> httpx.Timeout:
        if deadline_at is None:
            return self.timeout
        left = deadline_at - time.monotonic()
        if left <= 0:
            raise _past_deadline("GET /api/v1/timestamp")
        return _capped(self.timeout, left)

    def retrying(self, deadline_at: float | None) -> tenacity.Retrying:
        return _with_deadline(self.retry_policy.sync(), deadline_at)

    def async_retrying(self, deadline_at: float | None) -> tenacity.AsyncRetrying:
        return _with_deadline(self.retry_policy.asyncio(), deadline_at)

    def limiter_for(self, chunk: _Chunk) -> RateLimiter | None:
        """HTX counts trade (cancel) and read (order info) requests in buckets of their own."""
        if isinstance(chunk.body, SwapCancelRequest):
            return self.rate_limiter
        return self.read_rate_limiter

    def apply_server_time(
        self, sent_at: float, received_at: float, response: httpx.Response
    ) -> float:
        try:
            parsed = get_timestamp._build_response(client=_GENERATED, response=response).parsed
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            parsed = None  # not JSON, or not the documented shape
        ts = parsed.ts if isinstance(parsed, TimestampResponse) else None
        # a server time in ms within a day of ours: anything else would set a nonsense offset
        if not _plausible_server_ms(ts, received_at):
            raise ResponseParseError(
                f"GET /api/v1/timestamp: unexpected answer {excerpt(response.content)!r}",
                status_code=response.status_code,
                body_excerpt=excerpt(response.content),
            )
        assert isinstance(ts, int)
        offset = ts / 1000 - (sent_at + received_at) / 2
        self.auth.offset = offset
        log.info("htx_swap: clock offset to the server is now %.3f s", offset)
        return offset


_GENERATED = GeneratedClient(base_url="", raise_on_unexpected_status=False)
_ONE_DAY = 86_400.0


def _plausible_server_ms(ts: object, local_now: float) -> bool:
    if isinstance(ts, bool) or not isinstance(ts, int) or not 0 < ts < 10**15:
        return False
    return abs(ts / 1000 - local_now) < _ONE_DAY


def _parse_timestamp_answer(response: httpx.Response) -> None:
    if response.status_code != 200:
        raise ResponseParseError(
            f"GET /api/v1/timestamp: HTTP {response.status_code}",
            status_code=response.status_code,
            body_excerpt=excerpt(response.content),
        )


class SwapClient:
    """Signed, validated, typed access to HTX swap cancels over one pooled ``httpx.Client``.

    ``base_url`` must be https (plain http only to a loopback host). ``timeout`` is seconds or an
    ``httpx.Timeout`` and is never None. ``http_client`` lets you bring your own ``httpx.Client``
    (proxies, transports); the SDK then signs each request itself and does not close it.
    ``rate_limiter`` keeps cancels within HTX's 72 trade requests per 3 s, and
    ``read_rate_limiter`` order-info reads within their own bucket (72 per 3 s); pass one
    ``RateLimiter`` to several clients of the same account to share it, or ``None`` to turn
    client-side limiting off. ``max_retries``, ``backoff_initial`` and ``backoff_max`` shape
    the retries (see ``RetryPolicy``).
    """

    def __init__(
        self,
        credentials: HtxCredentials,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: TimeoutArg = DEFAULT_TIMEOUT,
        http_client: httpx.Client | None = None,
        max_retries: int = 2,
        rate_limiter: RateLimiter | object | None = _UNLIMITED,
        read_rate_limiter: RateLimiter | object | None = _UNLIMITED,
        clock: Callable[[], float] = time.time,
        backoff_initial: float = 0.5,
        backoff_max: float = 8.0,
    ) -> None:
        self._core = _ClientCore(
            credentials,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            rate_limiter=rate_limiter,
            read_rate_limiter=read_rate_limiter,
            clock=clock,
            backoff_initial=backoff_initial,
            backoff_max=backoff_max,
        )
        self._owns_http = http_client is None
        self._http = http_client or httpx.Client(timeout=self._core.timeout)

    @property
    def auth(self) -> HtxAuth:
        """The signer; its ``offset`` is the correction applied to the local clock."""
        return self._core.auth

    def __repr__(self) -> str:
        return f"SwapClient({self._core.auth.credentials!r}, base_url={self._core.base_url!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def _send(
        self,
        kwargs: dict[str, Any],
        deadline_at: float | None = None,
        limiter: RateLimiter | None = None,
    ) -> httpx.Response:
        if limiter is not None:
            while (delay := limiter.acquire()) > 0:
                self._core.within(kwargs, deadline_at, delay)  # raises if it ends past it
                time.sleep(delay)
        try:
            if deadline_at is None:
                return self._http.request(**kwargs)
            return self._request_before(self._core.within(kwargs, deadline_at, 0.0), deadline_at)
        except httpx.HTTPError as exc:
            raise _transport_error(exc) from exc
        except DeadlineExceededError as exc:
            if limiter is not None and not exc.may_have_reached:
                limiter.abandon()  # never sent: the slot was not used
                limiter = None
            raise
        finally:
            if limiter is not None:
                limiter.release()  # the slot's period starts at the answer

    def _request_before(self, kwargs: dict[str, Any], deadline_at: float) -> httpx.Response:
        """The request, its body read with the clock checked between chunks: a server that
        trickles its answer cannot hold the call past ``deadline_at`` (each phase's timeout is
        already cut to the time left)."""
        with self._http.stream(**kwargs) as response:
            parts = []
            for part in response.iter_bytes():
                parts.append(part)
                if time.monotonic() > deadline_at:
                    raise _mid_request(kwargs)
            headers = [
                (name, value)
                for name, value in response.headers.multi_items()
                if name.lower() not in _BODY_HEADERS  # the content below is already decoded
            ]
            return httpx.Response(
                response.status_code,
                headers=headers,
                content=b"".join(parts),
                request=response.request,
            )

    def sync_clock(self) -> float:
        """Read the server's clock (``GET /api/v1/timestamp``) and correct the signer's offset.
        Returns the offset in seconds."""
        return self._sync_clock(None)

    def _sync_clock(self, deadline_at: float | None) -> float:
        kwargs = get_timestamp._get_kwargs()
        kwargs["url"] = self._core.base_url + kwargs["url"]
        kwargs["timeout"] = self._core.timeout_left(deadline_at)
        sent_at = self._core._clock()
        try:
            if deadline_at is None:
                response = self._http.request(**kwargs)
            else:
                response = self._request_before(kwargs, deadline_at)
        except httpx.HTTPError as exc:
            raise _transport_error(exc) from exc
        received_at = self._core._clock()
        _parse_timestamp_answer(response)
        return self._core.apply_server_time(sent_at, received_at, response)

    def _with_retries(
        self,
        kwargs: dict[str, Any],
        parse: Callable[[httpx.Response], R],
        deadline_at: float | None,
        tracker: _AttemptTracker,
        limiter: RateLimiter | None,
    ) -> R:
        tracker.attempts += 1
        try:  # the first attempt skips the retry machinery: it is the hot path
            return parse(self._send(kwargs, deadline_at, limiter))
        except HtxError as error:
            tracker.failed(error)
            if not self._core.retry_policy.wants_retry(error):
                raise
            tracker.pending = error
        for attempt in self._core.retrying(deadline_at):
            with attempt:
                tracker.replay_first()
                tracker.attempts += 1
                try:
                    return parse(self._send(kwargs, deadline_at, limiter))
                except HtxError as error:
                    tracker.failed(error)
                    raise
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    def _call(
        self,
        chunk: _Chunk,
        parse: Callable[[httpx.Response], R],
        timeout: TimeoutArg | None,
        deadline_at: float | None,
        tracker: _AttemptTracker | None = None,
    ) -> R:
        """The parsed answer; ``tracker`` counts the attempts of both tries, before and after
        the clock is corrected, and remembers whether any may have been processed."""
        tracker = _AttemptTracker() if tracker is None else tracker
        kwargs = self._core.request_kwargs(chunk, timeout)
        limiter = self._core.limiter_for(chunk)
        try:
            return self._with_retries(kwargs, parse, deadline_at, tracker, limiter)
        except TimestampError:
            self._sync_clock(deadline_at)  # the clock is corrected once, the call tried once more
            return self._with_retries(kwargs, parse, deadline_at, tracker, limiter)

    def _cancel_chunk(
        self,
        chunk: _Chunk,
        timeout: TimeoutArg | None,
        deadline_at: float | None = None,
        tracker: _AttemptTracker | None = None,
    ) -> CancelResult:
        tracker = _AttemptTracker() if tracker is None else tracker
        return tracker.settle(
            self._call(chunk, parse_cancel_response, timeout, deadline_at, tracker)
        )

    def cancel(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        timeout: TimeoutArg | None = None,
    ) -> CancelResult:
        """Cancel up to 10 orders of ``contract_code`` by exchange ids or by client ids.

        Raises ``InvalidRequestError`` before sending anything when the input is wrong, and an
        ``HtxError`` subclass when the request as a whole fails. Per-order refusals are data:
        ``result.errors``.
        """
        (chunk,) = _chunks(contract_code, order_ids, client_order_ids, limit=CHUNK_SIZE)
        return self._cancel_chunk(chunk, timeout)

    def cancel_many(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        timeout: TimeoutArg | None = None,
    ) -> CancelResult:
        """Cancel any number of orders: all ids are validated first, then sent in chunks of 10
        within the rate limit. A chunk that fails as a whole lists its ids in ``errors`` (with
        ``cause``) and the other chunks' results are kept."""
        chunks = _chunks(contract_code, order_ids, client_order_ids, limit=None)
        return self._cancel_chunks(chunks, timeout, None)

    def _cancel_chunks(
        self, chunks: list[_Chunk], timeout: TimeoutArg | None, deadline_at: float | None
    ) -> CancelResult:
        results: list[CancelResult | tuple[list[OrderCancelError], int]] = []
        for chunk in chunks:
            tracker = _AttemptTracker()
            try:
                results.append(self._cancel_chunk(chunk, timeout, deadline_at, tracker))
            except HtxError as error:
                results.append((_chunk_failure(chunk, error), tracker.attempts))
        return _merge(results)

    def order_info(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        timeout: TimeoutArg | None = None,
    ) -> list[OrderInfo]:
        """Read orders by exchange ids or by client ids (any number: sent 50 per request).

        Orders HTX does not find are absent from the list. Raises ``InvalidRequestError``
        before sending when the input is wrong, an ``HtxError`` when a request fails.
        """
        orders: list[OrderInfo] = []
        for chunk in _info_chunks(contract_code, order_ids, client_order_ids):
            found = self._call(chunk, parse_order_info_response, timeout, None)
            orders += found
        return orders

    def cancel_and_confirm(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        deadline: float = DEFAULT_CONFIRM_DEADLINE,
        timeout: TimeoutArg | None = None,
    ) -> CancelOutcome:
        """Cancel any number of orders, then read order info until each is final or
        ``deadline`` seconds have passed; never blocks past the deadline.

        Every id lands in exactly one of ``cancelled``, ``filled``, ``failed`` and ``pending``
        (see ``CancelOutcome``).
        """
        left = _check_deadline(deadline)
        chunks = _chunks(contract_code, order_ids, client_order_ids, limit=None)
        deadline_at = time.monotonic() + left
        confirmation = _confirmation(chunks, self._cancel_chunks(chunks, timeout, deadline_at))
        pause = POLL_FIRST_PAUSE
        while confirmation.to_poll() and time.monotonic() < deadline_at:
            for chunk in _poll_chunks(chunks[0], confirmation.to_poll()):
                try:
                    found = self._call(chunk, parse_order_info_response, timeout, deadline_at)
                except HtxError as error:
                    log.info(
                        "htx_swap: order info failed (%s); polling again", type(error).__name__
                    )
                    confirmation.poll_failed(error)
                    continue
                confirmation.record(chunk.ids, found)
            left = deadline_at - time.monotonic()
            if not confirmation.to_poll() or left <= 0:
                break
            time.sleep(min(pause, left))
            pause = min(pause * 2, POLL_MAX_PAUSE)
        return confirmation.outcome()


class AsyncSwapClient:
    """The asyncio twin of ``SwapClient`` over one pooled ``httpx.AsyncClient``."""

    def __init__(
        self,
        credentials: HtxCredentials,
        *,
        base_url: str = DEFAULT_BASE_URL,
        timeout: TimeoutArg = DEFAULT_TIMEOUT,
        http_client: httpx.AsyncClient | None = None,
        max_retries: int = 2,
        rate_limiter: RateLimiter | object | None = _UNLIMITED,
        read_rate_limiter: RateLimiter | object | None = _UNLIMITED,
        clock: Callable[[], float] = time.time,
        backoff_initial: float = 0.5,
        backoff_max: float = 8.0,
        max_concurrency: int = 16,
    ) -> None:
        self._core = _ClientCore(
            credentials,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            rate_limiter=rate_limiter,
            read_rate_limiter=read_rate_limiter,
            clock=clock,
            backoff_initial=backoff_initial,
            backoff_max=backoff_max,
        )
        if max_concurrency < 1:
            raise InvalidRequestError("max_concurrency", "must be >= 1")
        self._max_concurrency = max_concurrency
        self._owns_http = http_client is None
        self._http = http_client or httpx.AsyncClient(timeout=self._core.timeout)

    @property
    def auth(self) -> HtxAuth:
        return self._core.auth

    def __repr__(self) -> str:
        return f"AsyncSwapClient({self._core.auth.credentials!r}, base_url={self._core.base_url!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def _send(
        self,
        kwargs: dict[str, Any],
        deadline_at: float | None = None,
        limiter: RateLimiter | None = None,
    ) -> httpx.Response:
        import asyncio

        if limiter is not None:
            while (delay := limiter.acquire()) > 0:
                self._core.within(kwargs, deadline_at, delay)  # raises if it ends past it
                await asyncio.sleep(delay)
        try:
            if deadline_at is None:
                return await self._http.request(**kwargs)
            kwargs = self._core.within(kwargs, deadline_at, 0.0)
            async with asyncio.timeout(max(0.0, deadline_at - time.monotonic())):
                return await self._http.request(**kwargs)
        except httpx.HTTPError as exc:
            raise _transport_error(exc) from exc
        except TimeoutError:  # the deadline's own guard: the request as a whole took too long
            raise _mid_request(kwargs) from None
        except DeadlineExceededError:  # never sent: the slot was not used
            if limiter is not None:
                limiter.abandon()
                limiter = None
            raise
        finally:
            if limiter is not None:
                limiter.release()  # the slot's period starts at the answer

    async def sync_clock(self) -> float:
        """See ``SwapClient.sync_clock``."""
        return await self._sync_clock(None)

    async def _sync_clock(self, deadline_at: float | None) -> float:
        import asyncio

        kwargs = get_timestamp._get_kwargs()
        kwargs["url"] = self._core.base_url + kwargs["url"]
        kwargs["timeout"] = self._core.timeout_left(deadline_at)
        sent_at = self._core._clock()
        try:
            if deadline_at is None:
                response = await self._http.request(**kwargs)
            else:
                async with asyncio.timeout(max(0.0, deadline_at - time.monotonic())):
                    response = await self._http.request(**kwargs)
        except httpx.HTTPError as exc:
            raise _transport_error(exc) from exc
        except TimeoutError:
            raise _mid_request(kwargs) from None
        received_at = self._core._clock()
        _parse_timestamp_answer(response)
        return self._core.apply_server_time(sent_at, received_at, response)

    async def _with_retries(
        self,
        kwargs: dict[str, Any],
        parse: Callable[[httpx.Response], R],
        deadline_at: float | None,
        tracker: _AttemptTracker,
        limiter: RateLimiter | None,
    ) -> R:
        tracker.attempts += 1
        try:
            return parse(await self._send(kwargs, deadline_at, limiter))
        except HtxError as error:
            tracker.failed(error)
            if not self._core.retry_policy.wants_retry(error):
                raise
            tracker.pending = error
        async for attempt in self._core.async_retrying(deadline_at):
            with attempt:
                tracker.replay_first()
                tracker.attempts += 1
                try:
                    return parse(await self._send(kwargs, deadline_at, limiter))
                except HtxError as error:
                    tracker.failed(error)
                    raise
        raise AssertionError("unreachable: tenacity re-raises the last error")  # pragma: no cover

    async def _call(
        self,
        chunk: _Chunk,
        parse: Callable[[httpx.Response], R],
        timeout: TimeoutArg | None,
        deadline_at: float | None,
        tracker: _AttemptTracker | None = None,
    ) -> R:
        tracker = _AttemptTracker() if tracker is None else tracker
        kwargs = self._core.request_kwargs(chunk, timeout)
        limiter = self._core.limiter_for(chunk)
        try:
            return await self._with_retries(kwargs, parse, deadline_at, tracker, limiter)
        except TimestampError:
            await self._sync_clock(deadline_at)
            return await self._with_retries(kwargs, parse, deadline_at, tracker, limiter)

    async def _cancel_chunk(
        self,
        chunk: _Chunk,
        timeout: TimeoutArg | None,
        deadline_at: float | None = None,
        tracker: _AttemptTracker | None = None,
    ) -> CancelResult:
        tracker = _AttemptTracker() if tracker is None else tracker
        return tracker.settle(
            await self._call(chunk, parse_cancel_response, timeout, deadline_at, tracker)
        )

    async def cancel(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        timeout: TimeoutArg | None = None,
    ) -> CancelResult:
        """See ``SwapClient.cancel``."""
        (chunk,) = _chunks(contract_code, order_ids, client_order_ids, limit=CHUNK_SIZE)
        return await self._cancel_chunk(chunk, timeout)

    async def cancel_many(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        timeout: TimeoutArg | None = None,
    ) -> CancelResult:
        """See ``SwapClient.cancel_many``; chunks go concurrently (at most ``max_concurrency``
        in flight) within the rate limit."""
        chunks = _chunks(contract_code, order_ids, client_order_ids, limit=None)
        return await self._cancel_chunks(chunks, timeout, None)

    async def _cancel_chunks(
        self, chunks: list[_Chunk], timeout: TimeoutArg | None, deadline_at: float | None
    ) -> CancelResult:
        import asyncio

        gate = asyncio.Semaphore(self._max_concurrency)

        async def one(chunk: _Chunk) -> CancelResult | tuple[list[OrderCancelError], int]:
            async with gate:
                tracker = _AttemptTracker()
                try:
                    return await self._cancel_chunk(chunk, timeout, deadline_at, tracker)
                except HtxError as error:
                    return _chunk_failure(chunk, error), tracker.attempts

        return _merge(list(await asyncio.gather(*(one(chunk) for chunk in chunks))))

    async def order_info(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        timeout: TimeoutArg | None = None,
    ) -> list[OrderInfo]:
        """See ``SwapClient.order_info``; requests of 50 ids go concurrently."""
        chunks = _info_chunks(contract_code, order_ids, client_order_ids)
        found = await self._poll(chunks, timeout, None, on_error=None)
        return [order for _, orders in found for order in orders]

    async def _poll(
        self,
        chunks: list[_Chunk],
        timeout: TimeoutArg | None,
        deadline_at: float | None,
        *,
        on_error: Callable[[HtxError], None] | None,
    ) -> list[tuple[_Chunk, list[OrderInfo]]]:
        """Order info for each chunk, concurrently. A failed request raises (``on_error``
        None) or is handed to ``on_error`` and left out."""
        import asyncio

        gate = asyncio.Semaphore(self._max_concurrency)

        async def one(chunk: _Chunk) -> tuple[_Chunk, list[OrderInfo]] | None:
            async with gate:
                try:
                    found = await self._call(chunk, parse_order_info_response, timeout, deadline_at)
                except HtxError as error:
                    if on_error is None:
                        raise
                    log.info(
                        "htx_swap: order info failed (%s); polling again", type(error).__name__
                    )
                    on_error(error)
                    return None
                return chunk, found

        tasks = [asyncio.ensure_future(one(chunk)) for chunk in chunks]
        try:
            answers = await asyncio.gather(*tasks)
        except BaseException:
            for task in tasks:  # the first failure ends the call: stop the other requests
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise
        return [answer for answer in answers if answer is not None]

    async def cancel_and_confirm(
        self,
        contract_code: str,
        *,
        order_ids: IdList | None = None,
        client_order_ids: IdList | None = None,
        deadline: float = DEFAULT_CONFIRM_DEADLINE,
        timeout: TimeoutArg | None = None,
    ) -> CancelOutcome:
        """See ``SwapClient.cancel_and_confirm``."""
        import asyncio

        left = _check_deadline(deadline)
        chunks = _chunks(contract_code, order_ids, client_order_ids, limit=None)
        deadline_at = time.monotonic() + left
        result = await self._cancel_chunks(chunks, timeout, deadline_at)
        confirmation = _confirmation(chunks, result)
        pause = POLL_FIRST_PAUSE
        while confirmation.to_poll() and time.monotonic() < deadline_at:
            polls = _poll_chunks(chunks[0], confirmation.to_poll())
            answers = await self._poll(
                polls, timeout, deadline_at, on_error=confirmation.poll_failed
            )
            for chunk, found in answers:
                confirmation.record(chunk.ids, found)
            left = deadline_at - time.monotonic()
            if not confirmation.to_poll() or left <= 0:
                break
            await asyncio.sleep(min(pause, left))
            pause = min(pause * 2, POLL_MAX_PAUSE)
        return confirmation.outcome()
