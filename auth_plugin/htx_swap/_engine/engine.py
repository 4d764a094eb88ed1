"""The whole life of every call, as plain code that does no I/O (the style of h11 and of httpx's
``Auth.auth_flow``).

A call is a generator ("flow") that yields steps and receives what happened:

- ``Send``: send this signed request, read its answer (capped, bounded in time); the driver
  sends back an ``httpx.Response`` with the body read, or the ``HtxError`` the attempt met;
- ``Sleep``: wait this long (a backoff, a rate-limit slot, a poll pause); the driver sends None;
- ``Fanout``: run these flows (the sync driver one after another, the async one concurrently);
  the driver sends back each one's return value, or the ``HtxError`` it raised;
- ``OpenPush``: open the order push of a contract (connect, auth, sub) for the rest of the
  call; the driver sends back True once it is live, or the ``HtxError`` it met, and closes it
  when the call ends;
- ``AwaitPushes``: wait for order pushes until a time; the driver sends back every
  ``OrderUpdate`` / ``PushGap`` received since the last one (an empty list at the time).

Validation, request building, classifying answers, retries, backoff, the clock resync, the
attempt ledger, chunking, rate-limit slots and ``cancel_and_confirm``'s polling all live here,
once. The clock is injected; tests drive flows with a fake one and no sockets.
"""

from __future__ import annotations

import logging
import math
import re
from collections import deque
from collections.abc import Callable, Generator, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import httpx

from htx_swap._engine.limiter import RateLimiter, product_roles
from htx_swap._engine.policy import RetryPolicy, next_delay
from htx_swap._engine.products import SWAP, Product, naming_of
from htx_swap._engine.steps import (
    AwaitPushes,
    Fanout,
    Flow,
    OpenPush,
    Send,
    Sleep,
    Step,
    TakeSlot,
)
from htx_swap._model.constants import (
    ALREADY_CANCELLING,
    MAX_CLOCK_OFFSET,
    MAX_RECORDS,
    POLL_FIRST_PAUSE,
    POLL_MAX_PAUSE,
)
from htx_swap._model.errors import (
    ClockSkewError,
    DeadlineExceededError,
    HtxError,
    InvalidRequestError,
    TimestampError,
)
from htx_swap._model.results import CancelResult, OrderCancelError
from htx_swap._observe import watch
from htx_swap._wire import codec, signed_url
from htx_swap._wire.body import Answer
from htx_swap._wire.signing import HtxAuth, sign_target
from htx_swap._wire.validation import Ids

if TYPE_CHECKING:
    from htx_swap._engine.confirm import CancelOutcome
    from htx_swap._model.attempts import AttemptRecord
    from htx_swap._model.order_info import OrderInfo
    from htx_swap._observe.hooks import EventHooks

__all__ = [
    "AwaitPushes",
    "Engine",
    "Fanout",
    "Flow",
    "Ledger",
    "OpenPush",
    "Send",
    "Sleep",
    "Step",
    "TakeSlot",
    "merge_results",
    "reconcile",
]

T = TypeVar("T")
log = logging.getLogger("htx_swap")
_PHASES = ("connect", "read", "write", "pool")


class Ledger:
    """One call's memory across retries and the clock resync: attempts sent, and whether any
    may have been processed by HTX; ``log``: the record of each request sent for it, its
    clock resync's included."""

    __slots__ = ("attempts", "log", "may_have_reached", "rate_limit_fallback")

    def __init__(self, attempts: int = 0, may_have_reached: bool = False) -> None:
        self.attempts = attempts
        self.may_have_reached = may_have_reached
        self.rate_limit_fallback = False  # a slot came from a limiter's local fallback
        self.log: list[AttemptRecord] = []  # a record per attempt sent

    def stamp(self, error: HtxError) -> HtxError:
        """``error`` with the call's doubt: True when any attempt may have reached HTX; and,
        unless it has them, the records of the attempts behind it."""
        error.may_have_reached = self.may_have_reached or error.may_have_reached
        if not error.attempt_log:
            error.attempt_log = tuple(self.log)
        return error


class ChunkFailed:
    """A request of a multi-request call failed as a whole."""

    __slots__ = ("attempts", "error", "ids")

    def __init__(self, ids: list[str], error: HtxError, attempts: int) -> None:
        self.ids = ids
        self.error = error
        self.attempts = attempts


def reconcile(requested: list[str], answer: codec.CancelAnswer, ledger: Ledger) -> CancelResult:
    """Every requested id in exactly one of successes, errors and unanswered; ids HTX named but
    nobody asked about in ``unrequested``, never a success.

    An id HTX named more than once counts once when it said the same each time; when it
    contradicted itself (in both lists, or twice in ``errors`` with different codes) the id is
    ``unanswered``: in doubt, never decided by which entry came last.

    After an earlier attempt that may have reached HTX, 1062 (cancelling) and 1071 (already
    cancelled) mean that attempt's cancel took: reported as successes, flagged as inferred.
    """
    asked = set(requested)
    named_ok = [i for i in dict.fromkeys(answer.successes) if i in asked]
    refused, contradicted = _one_error_each(answer.errors, asked)
    contradicted |= set(named_ok) & set(refused)
    earlier = ledger.may_have_reached
    successes = [i for i in named_ok if i not in contradicted]
    inferred, errors = [], []
    for order_id, error in refused.items():
        if order_id in contradicted:
            continue
        if earlier and error.err_code in ALREADY_CANCELLING:
            inferred.append(order_id)
        else:
            errors.append(attrs.evolve(error, may_have_reached=earlier))
    answered = set(successes) | set(inferred) | {e.order_id for e in errors}
    named = list(answer.successes) + [e.order_id for e in answer.errors]
    return CancelResult(
        successes=successes + inferred,
        errors=errors,
        ts=answer.ts,
        rate_limit=answer.rate_limit,
        attempts=ledger.attempts,
        attempt_log=tuple(ledger.log),
        inferred_successes=inferred,
        unanswered=[i for i in requested if i not in answered],
        unrequested=list(dict.fromkeys(i for i in named if i not in asked)),
        rate_limit_fallback=ledger.rate_limit_fallback,
    )


def _one_error_each(
    errors: list[OrderCancelError], asked: set[str]
) -> tuple[dict[str, OrderCancelError], set[str]]:
    """The first error HTX gave each asked id, and the ids it gave errors of different codes
    (a contradiction: 1061 "not found" and 1071 "already cancelled" cannot both be true)."""
    first: dict[str, OrderCancelError] = {}
    contradicted: set[str] = set()
    for error in errors:
        if error.order_id not in asked:
            continue
        seen = first.setdefault(error.order_id, error)
        if seen.err_code != error.err_code:
            contradicted.add(error.order_id)
    return first, contradicted


def merge_results(parts: Iterable[CancelResult | ChunkFailed]) -> CancelResult:
    """One ``CancelResult`` of many requests; a failed request's ids are errors with ``cause``
    and the doubt of that request. ``unrequested`` holds each id once, and never one another
    request of the call asked about (its own answer decides it)."""
    result = CancelResult(successes=[], errors=[], ts=None, attempts=0)
    # the records of the last MAX_RECORDS attempts, as a call keeps them: memory stays bounded
    records: deque[AttemptRecord] = deque((), MAX_RECORDS)  # noqa: RUF037
    parts = list(parts)
    for part in parts:
        if isinstance(part, ChunkFailed):
            error, code = part.error, getattr(part.error, "code", None)
            failed = [
                OrderCancelError(
                    order_id=order_id,
                    err_code=code if isinstance(code, int) else -1,
                    err_msg=f"{type(error).__name__}: {error}",
                    cause=error,
                    may_have_reached=error.may_have_reached,
                )
                for order_id in part.ids
            ]
            result = attrs.evolve(
                result, errors=result.errors + failed, attempts=result.attempts + part.attempts
            )
            records.extend(error.attempt_log)
            continue
        result = CancelResult(
            successes=result.successes + part.successes,
            errors=result.errors + part.errors,
            ts=part.ts if result.ts is None or (part.ts or 0) > result.ts else result.ts,
            rate_limit=part.rate_limit or result.rate_limit,
            attempts=result.attempts + part.attempts,
            inferred_successes=result.inferred_successes + part.inferred_successes,
            unanswered=result.unanswered + part.unanswered,
            unrequested=result.unrequested + part.unrequested,
            rate_limit_fallback=result.rate_limit_fallback or part.rate_limit_fallback,
        )
        records.extend(part.attempt_log)
    requested = {*result.successes, *(e.order_id for e in result.errors), *result.unanswered}
    unrequested = [i for i in dict.fromkeys(result.unrequested) if i not in requested]
    return attrs.evolve(result, unrequested=unrequested, attempt_log=tuple(records))


def _capped(timeout: httpx.Timeout, left: float) -> dict[str, float]:
    """Each phase's timeout, cut to the attempt's time left."""
    return {phase: min(getattr(timeout, phase) or left, left) for phase in _PHASES}


class Engine:
    """What every call of one client needs: where, how long, how often, signed by whom."""

    __slots__ = (
        "_shortcut",
        "_signing",
        "_urls",
        "auth",
        "base_url",
        "headers",
        "hooks",
        "limiters",
        "max_response_bytes",
        "monotonic",
        "policy",
        "timeout",
    )

    def __init__(
        self,
        *,
        auth: HtxAuth,
        base_url: str,
        timeout: httpx.Timeout,
        policy: RetryPolicy,
        limiters: dict[str, RateLimiter | None],
        max_response_bytes: int,
        monotonic: Callable[[], float],
        headers: dict[str, str],
        hooks: EventHooks | None = None,
    ) -> None:
        self.hooks = hooks  # the caller's event hooks, called once per attempt
        self.auth = auth
        self.base_url = base_url
        self.timeout = timeout
        self.policy = policy
        self.limiters = limiters
        self.max_response_bytes = max_response_bytes
        self.monotonic = monotonic
        self.headers = headers
        self._urls: dict[str, httpx.URL] = {}  # parsed once per endpoint
        self._shortcut: dict[str, bool] = {}  # whether signed_url.joined agrees, per endpoint
        self._signing: dict[str, tuple[str, str]] = {}  # (host, path) to sign, per endpoint

    # -- time ---------------------------------------------------------------------------------

    def attempt_time(self, timeout: httpx.Timeout | None = None) -> float:
        """How long one attempt may take, connect to last byte: the ``timeout`` when it is a
        number; for an ``httpx.Timeout``, its parts one after another."""
        timeout = timeout or self.timeout
        parts = (timeout.pool, timeout.connect, timeout.write, timeout.read)
        if len(set(parts)) == 1:  # one number for every phase: the attempt's whole bound
            return float(timeout.read or 0.0)
        return float(sum(part or 0.0 for part in parts))

    def call_time(self, timeout: httpx.Timeout | None = None) -> float:
        """A call's total bound: every attempt, every backoff and one clock resync."""
        attempt = self.attempt_time(timeout)
        policy = self.policy
        retries = policy.max_retries
        return (retries + 2) * attempt + retries * (policy.backoff_max + policy.backoff_initial)

    def deadline(self, seconds: float | None, timeout: httpx.Timeout | None = None) -> float:
        """The monotonic time by which a call must end: ``seconds`` from now, or its bound."""
        bound = self.call_time(timeout)
        return self.monotonic() + (bound if seconds is None else min(seconds, bound))

    def within(self, deadline_at: float | None, timeout: httpx.Timeout | None = None) -> float:
        """A call's deadline: its own bound, cut to the caller's ``deadline_at`` if one."""
        deadline = self.deadline(None, timeout)
        return deadline if deadline_at is None else min(deadline_at, deadline)

    def bulk_deadline(
        self, name: str, requests: int, timeout: httpx.Timeout | None = None
    ) -> float:
        """The deadline of a call of ``requests`` requests to ``name``: one call's bound plus
        the floor its rate-limit bucket sets for that many requests."""
        facts = codec.facts(name)
        floor = 0.0
        if self.limiters.get(facts.rate_limit_bucket or "") and facts.rate_limit_requests:
            windows = -(-requests // facts.rate_limit_requests) - 1
            floor = windows * (facts.rate_limit_period or 0.0)
        return self.monotonic() + self.call_time(timeout) + floor

    # -- one request --------------------------------------------------------------------------

    def _url(self, path: str) -> httpx.URL:
        url = self._urls.get(path)
        if url is None:  # parsed once per endpoint: httpx parses text URLs on every request
            url = self._urls[path] = httpx.URL(self.base_url + path)
        return url

    def limiters_for(self, facts: codec.OperationFacts) -> list[RateLimiter]:
        """The buckets a request counts in: its own, and (when that is another) the shared
        bucket of its permission: HTX counts every trade request of a key in the trade bucket,
        whatever endpoint limit it has besides."""
        permission = facts.permission
        if permission in ("trade", "read") and facts.product != "swap":
            trade, read = product_roles(facts.product)  # another product's trade / read bucket
            permission = trade if permission == "trade" else read
        names = dict.fromkeys((facts.rate_limit_bucket, permission))
        return [limiter for name in names if name and (limiter := self.limiters.get(name))]

    def _slot(
        self,
        limiters: list[RateLimiter],
        deadline_at: float,
        where: str,
        ledger: Ledger,
        lasts: float,
    ) -> Generator[Step, Any, None]:
        """A slot in every bucket, or none: a bucket that says wait gives the others back. A
        shared bucket (on Redis) is asked through a ``TakeSlot`` step, bounded by the time the
        call has left; the request it is for lasts at most ``lasts`` seconds."""
        while True:
            taken: list[RateLimiter] = []
            wait = 0.0
            fallback = False
            for limiter in limiters:
                if limiter.remote:
                    left = max(0.0, deadline_at - self.monotonic())
                    wait = yield TakeSlot(limiter, left, lasts)
                else:
                    wait = limiter.acquire()
                if wait > 0:
                    break
                taken.append(limiter)
                fallback = fallback or limiter.fallback_slot()  # asked right after its take
            if wait <= 0:
                ledger.rate_limit_fallback = ledger.rate_limit_fallback or fallback
                return
            for limiter in taken:
                limiter.abandon()
            if self.monotonic() + wait >= deadline_at:
                raise ledger.stamp(_not_sent(where, "waiting for a rate-limit slot"))
            watch.waited(where, wait)
            yield Sleep(wait)

    def _request(
        self,
        facts: codec.OperationFacts,
        body: codec.Payload,
        until: float,
        timeout: httpx.Timeout,
    ) -> httpx.Request:
        left = until - self.monotonic()
        parsed = self._url(facts.path)
        url: httpx.URL | str = parsed
        # a GET's parameters (a tuple of pairs) are signed with the auth ones, and the signed
        # query is the one sent, byte for byte
        params, content = (body, None) if isinstance(body, tuple) else ((), body)
        if facts.permission != "none":  # the server's clock is public: nothing to sign
            # the endpoint's parsed URL with the signed query put in place (``signed_url``):
            # what httpx would make of the URL's text, without its parse (about 18 µs a
            # request); checked once per endpoint against that parse on the httpx installed
            host, path = self._signing_parts(facts.path, parsed)
            try:
                query = self.auth.signed_query(facts.method, host, path, params)
            except (TypeError, ValueError, OverflowError) as exc:  # a caller's clock gone odd
                raise InvalidRequestError("clock", f"gave no usable time ({exc})") from None
            text = f"{self.base_url}{facts.path}?{query}"
            shortcut = self._shortcut.get(facts.path)
            if shortcut is None:
                shortcut = self._shortcut[facts.path] = signed_url.agrees(parsed, text, query)
            joined = signed_url.joined(parsed, query) if shortcut else None
            url = text if joined is None else joined
        return httpx.Request(
            facts.method,
            url,
            content=content,
            headers=self.headers,
            extensions={"timeout": _capped(timeout, left)},
        )

    def _signing_parts(self, path: str, url: httpx.URL) -> tuple[str, str]:
        parts = self._signing.get(path)
        if parts is None:
            parts = self._signing[path] = sign_target(url)
        return parts

    def attempts(  # noqa: PLR0912, PLR0915 - every cancel's loop, inline: a helper is a call an attempt
        self,
        name: str,
        body: codec.Payload,
        decode: Callable[[Answer], T],
        ledger: Ledger,
        deadline_at: float,
        timeout: httpx.Timeout | None = None,
    ) -> Flow[T]:
        """Send until an answer decodes, or the policy or the deadline says stop."""
        facts = codec.facts(name)
        where = f"{facts.method} {facts.path}"
        limiters = self.limiters_for(facts)
        timeout = timeout or self.timeout
        per_attempt = self.attempt_time(timeout)
        tries = ledger.attempts  # after a clock resync the retry budget goes on, not anew
        while True:
            yield from self._slot(limiters, deadline_at, where, ledger, per_attempt)
            now = self.monotonic()
            if now >= deadline_at:
                _abandon(limiters)
                raise ledger.stamp(_not_sent(where, "before it could be sent"))
            call = watch.TRAIL.get()  # the public call's, when there is one
            if call is not None and call[3]:  # a hook ended the call: nothing more is sent
                _abandon(limiters)
                raise watch.CallEnded(call[3][0])
            until = min(now + per_attempt, deadline_at)
            try:
                request = self._request(facts, body, until, timeout)
            except BaseException:  # not sent: the slots go back unused
                _abandon(limiters)
                raise
            ledger.attempts += 1
            tries += 1
            send = Send(request, until, self.max_response_bytes, where)
            # hooks, a span or log lines (decided once a call); otherwise only timed and recorded
            attempt = (
                None
                if self.hooks is None and call is not None and not call[2]
                else watch.Attempt(self, name, send, tries, call)
            )
            started = self.monotonic()
            try:
                refused = None if attempt is None else attempt.before()
                outcome = refused if refused is not None else (yield send)
            except BaseException as exc:  # the flow closed mid-send (a cancelled task, Ctrl-C)
                seconds = self.monotonic() - started
                watch.interrupted(ledger, call, attempt, name, tries, seconds, exc)
                raise
            finally:  # answered, failed, or the flow closed mid-send (a cancelled task)
                for limiter in limiters:
                    limiter.release()  # the slot's period starts at the answer
            seconds = self.monotonic() - started
            failure: HtxError | None = outcome if isinstance(outcome, HtxError) else None
            answer: Any = outcome if failure is None else None  # the driver's, read whole
            if attempt is not None:
                failure = attempt.after(answer, failure)
            if failure is None:  # an answer read whole, and no hook refused it
                try:
                    value = decode(answer)
                except HtxError as error:
                    failure = error
                else:
                    watch.kept(ledger, call, attempt, name, tries, seconds, answer, None, None)
                    return value
            ledger.may_have_reached = ledger.may_have_reached or failure.may_have_reached
            if attempt is not None and attempt.ends_call:  # a hook raised: the call ends
                watch.kept(ledger, call, attempt, name, tries, seconds, answer, failure, None)
                raise watch.ending(call, ledger.stamp(failure))
            delay = next_delay(tries, failure, self.policy, deadline_at - self.monotonic())
            watch.kept(ledger, call, attempt, name, tries, seconds, answer, failure, delay)
            if delay is None:
                raise ledger.stamp(failure)
            if delay > 0:
                yield Sleep(delay)

    def call(
        self,
        name: str,
        body: codec.Payload,
        decode: Callable[[Answer], T],
        ledger: Ledger,
        deadline_at: float,
        timeout: httpx.Timeout | None = None,
    ) -> Flow[T]:
        """``attempts``, and once, on a timestamp error, the clock resynced and tried again."""
        try:
            return (yield from self.attempts(name, body, decode, ledger, deadline_at, timeout))
        except TimestampError as error:
            resync = Ledger()  # its attempts on this request's record, not its retry budget
            try:
                yield from self.sync_clock(deadline_at, timeout, resync)
            except HtxError as resync_failure:
                ledger.log += resync.log
                error.attempt_log = tuple(ledger.log)
                raise ledger.stamp(error) from resync_failure
            ledger.log += resync.log
        return (yield from self.attempts(name, body, decode, ledger, deadline_at, timeout))

    def sync_clock(
        self,
        deadline_at: float | None = None,
        timeout: httpx.Timeout | None = None,
        ledger: Ledger | None = None,
    ) -> Flow[float]:
        """Read the server's clock and set the signer's offset; returns the offset. ``ledger``
        keeps the reads' records (the request whose timestamp HTX refused keeps them)."""
        deadline_at = self.deadline(None, timeout) if deadline_at is None else deadline_at
        clock = self.auth.clock
        sent_at = clock()
        ts = yield from self.attempts(
            "get_timestamp", None, codec.decode_timestamp, ledger or Ledger(), deadline_at, timeout
        )
        received_at = clock()
        offset = ts / 1000 - (sent_at + received_at) / 2
        if not math.isfinite(offset) or abs(offset) > MAX_CLOCK_OFFSET:
            raise ClockSkewError(
                f"GET /api/v1/timestamp: the server's clock is {offset:.0f} s from ours, more "
                f"than {MAX_CLOCK_OFFSET:.0f} s; not applied (check this machine's clock)",
                offset=offset,
            )
        self.auth.offset = offset
        return offset

    # -- cancels ------------------------------------------------------------------------------

    def cancel_chunk(
        self,
        name: str,
        contract_code: str,
        field: str,
        ids: list[str],
        deadline_at: float | None,
        timeout: httpx.Timeout | None,
    ) -> Flow[CancelResult | ChunkFailed]:
        """One cancel request of up to the operation's id limit; never raises an HtxError."""
        ledger = Ledger()
        body = codec.encode(name, **named(name, contract_code), **{field: ids})
        deadline_at = self.within(deadline_at, timeout)
        try:
            answer = yield from self.call(
                name, body, codec.decoder(name, field), ledger, deadline_at, timeout
            )
        except HtxError as error:
            return ChunkFailed(ids, ledger.stamp(error), ledger.attempts)
        return reconcile(ids, answer, ledger)

    def cancel_one(
        self, name: str, contract_code: str, ids: Ids, timeout: httpx.Timeout | None
    ) -> Flow[CancelResult]:
        """One request (ids within the operation's limit); its failure is raised."""
        part = yield from self.cancel_chunk(
            name, contract_code, ids.field, ids.values, None, timeout
        )
        if isinstance(part, ChunkFailed):
            raise part.error
        return part

    def cancel_ids(
        self,
        name: str,
        contract_code: str,
        ids: Ids,
        deadline_at: float | None,
        timeout: httpx.Timeout | None,
        size: int | None = None,
    ) -> Flow[CancelResult]:
        """Any number of ids, in requests of ``size`` (default: the operation's limit),
        merged."""
        size = size or codec.facts(name).max_ids or len(ids.values)
        chunks = ids.chunks(size)
        if deadline_at is None:
            deadline_at = self.bulk_deadline(name, len(chunks), timeout)
        flows = [
            self.cancel_chunk(name, contract_code, ids.field, part, deadline_at, timeout)
            for part in chunks
        ]
        parts = yield Fanout(flows)
        return merge_results(_chunk_results(parts, ids, size))

    # -- order info and confirmation -----------------------------------------------------------

    def order_info_chunk(
        self,
        contract_code: str,
        field: str,
        ids: list[str],
        deadline_at: float,
        timeout: httpx.Timeout | None,
        product: Product = SWAP,
    ) -> Flow[codec.OrderInfoAnswer]:
        name = product.order_info
        body = codec.encode(name, **named(name, contract_code), **{field: ids})
        decode = codec.order_info_decoder(name)
        answer = yield from self.call(name, body, decode, Ledger(), deadline_at, timeout)
        if naming_of(codec.facts(name).product) == "contract_code":
            mine: Callable[[str], bool] = contract_code.__eq__
        else:  # a symbol (delivery futures) names its contracts: the symbol + YYMMDD
            dated = re.compile(re.escape(contract_code) + r"\d{6}")
            mine = lambda code: dated.fullmatch(code.upper()) is not None  # noqa: E731
        # an order of another contract than the one asked about is not the asked order's
        # state: HTX contradicted the question, the entry decides nothing (its id is polled)
        other = [o for o in answer.orders if not mine(o.contract_code)]
        if other:
            kept = [o for o in answer.orders if mine(o.contract_code)]
            lines = [
                f"order {o.order_id}: of {o.contract_code!r}, not {contract_code!r}" for o in other
            ]
            answer = codec.OrderInfoAnswer(kept, answer.problems + lines)
        return answer

    def order_info(
        self, contract_code: str, ids: Ids, timeout: httpx.Timeout | None, product: Product = SWAP
    ) -> Flow[list[OrderInfo]]:
        size = _reads_per_request(product)
        chunks = ids.chunks(size)
        deadline_at = self.bulk_deadline(product.order_info, len(chunks), timeout)
        flows = [
            self.order_info_chunk(contract_code, ids.field, part, deadline_at, timeout, product)
            for part in chunks
        ]
        answers = yield Fanout(flows, fail_fast=True)
        from htx_swap._model.order_info import distinct  # order info's own types: on use

        orders: list[OrderInfo] = []
        for answer in answers:
            if isinstance(answer, HtxError):
                raise answer
            if answer is not None:
                orders += answer.orders
                for problem in answer.problems:  # left out, never hiding the others
                    log.warning("htx_swap: order info: %s", problem)
        kept, contradicted = distinct(orders)
        for order_id, entries in contradicted.items():  # every entry returned, none picked
            states = ", ".join(str(order.status_code) for order in entries)
            log.warning(
                "htx_swap: order info: order %s listed %d times with different contents "
                "(status %s): HTX contradicted itself; every entry returned",
                order_id,
                len(entries),
                states,
            )
        return kept

    def cancel_and_confirm(
        self,
        contract_code: str,
        ids: Ids,
        deadline: float,
        timeout: httpx.Timeout | None,
        via: str = "poll",
        product: Product = SWAP,
    ) -> Flow[CancelOutcome]:
        """Cancel, then learn each id's final state. ``via="poll"``: from order info alone.
        ``"auto"`` / ``"push"``: the order push is opened *before* the cancels and settles each
        id from its final push; order info is read only for ids the push leaves open (see
        ``ReadSchedule``), or after a gap. ``"auto"`` polls when the push cannot be opened;
        ``"push"`` raises why. The truth rules are ``Confirmation``'s, whatever the source."""
        from htx_swap._engine.confirm import Confirmation  # a plain cancel does not import it

        deadline_at = self.monotonic() + deadline
        live = False
        if via != "poll":
            opened = yield OpenPush(contract_code, self.monotonic() + deadline / 4, deadline_at)
            if isinstance(opened, HtxError):
                if via == "push":
                    raise opened
                log.warning(
                    "htx_swap: order push unavailable, confirming by order info: %s", opened
                )
            else:
                live = True
        result = yield from self.cancel_ids(
            product.cancel, contract_code, ids, deadline_at, timeout
        )
        confirmation = Confirmation(
            ids.values, by_client_id=ids.field == "client_order_ids", cancel_result=result
        )
        confirmation.answered_at = self.monotonic()  # confirmation latency counts from here
        if live:
            confirmation.via = "push"
            # whatever the push left unsettled (it ended, or the deadline came) is polled below
            yield from self._confirm_from_push(
                contract_code, ids, confirmation, deadline_at, timeout, product
            )
        pause = POLL_FIRST_PAUSE
        while confirmation.to_poll() and self.monotonic() < deadline_at:
            yield from self._read_states(
                contract_code,
                ids.field,
                confirmation.to_poll(),
                confirmation,
                deadline_at,
                timeout,
                product,
            )
            left = deadline_at - self.monotonic()
            if not confirmation.to_poll() or left <= 0:
                break
            yield Sleep(min(pause, left))
            pause = min(pause * 2, POLL_MAX_PAUSE)
        return confirmation.outcome()

    def _read_states(
        self,
        contract_code: str,
        field: str,
        wanted: list[str],
        confirmation: Any,  # noqa: ANN401 - Confirmation, imported on use
        deadline_at: float,
        timeout: httpx.Timeout | None,
        product: Product = SWAP,
    ) -> Flow[None]:
        """One round of order-info reads of ``product`` for ``wanted`` (requests of as many
        ids as one read takes: 50 for swaps), recorded."""
        asked = Ids(field, wanted).chunks(_reads_per_request(product))
        flows = [
            self.order_info_chunk(contract_code, field, part, deadline_at, timeout, product)
            for part in asked
        ]
        confirmation.reads += len(flows)
        answers = yield Fanout(flows)
        polled = confirmation.to_poll()
        for part, answer in zip(asked, answers, strict=True):
            if isinstance(answer, HtxError):
                confirmation.poll_failed(answer)
            elif isinstance(answer, codec.OrderInfoAnswer):
                confirmation.record(part, answer.orders, answer.problems)
        watch.confirmed(polled, confirmation.to_poll(), self.monotonic() - confirmation.answered_at)

    def _confirm_from_push(
        self,
        contract_code: str,
        ids: Ids,
        confirmation: Any,  # noqa: ANN401 - Confirmation, imported on use
        deadline_at: float,
        timeout: httpx.Timeout | None,
        product: Product = SWAP,
    ) -> Flow[bool]:
        """Settle ids from pushes, reading order info only for ids due by ``ReadSchedule``;
        returns whether the push is still live (False: it ended for good, poll the rest)."""
        from htx_swap._engine.confirm import ReadSchedule
        from htx_swap._push.push_stream import PushGap

        schedule = ReadSchedule(start=self.monotonic())
        pause = POLL_FIRST_PAUSE
        while confirmation.to_poll():
            now = self.monotonic()
            if now >= deadline_at:
                return True
            due = schedule.due(confirmation.to_poll(), now)
            if due:
                yield from self._read_states(
                    contract_code, ids.field, due, confirmation, deadline_at, timeout, product
                )
                schedule.read(due, self.monotonic() + pause)
                pause = min(pause * 2, POLL_MAX_PAUSE)
                continue
            items = yield AwaitPushes(min(deadline_at, schedule.next_due(confirmation.to_poll())))
            for item in items:
                if isinstance(item, PushGap):
                    schedule.gap(self.monotonic())
                    if item.final:
                        return False
                elif item.contract_code == contract_code.upper():  # the subscription's only
                    before = confirmation.to_poll()
                    key = confirmation.record_push(item)
                    if key is not None and key in confirmation.to_poll():
                        schedule.heard(key, self.monotonic())
                    latency = self.monotonic() - confirmation.answered_at
                    watch.confirmed(before, confirmation.to_poll(), latency)
        return True


def _reads_per_request(product: Product) -> int:
    """How many ids one order read of ``product`` takes."""
    return product.reads_per_request or codec.facts(product.order_info).max_ids or 50


def named(name: str, contract: str | None) -> dict[str, str | None]:
    """The request field naming the contract in operation ``name`` (``contract_code`` for
    swaps, ``symbol`` for delivery futures: its product's ``naming``), with ``contract``."""
    return {naming_of(codec.facts(name).product): contract}


def _chunk_results(parts: list[Any], ids: Ids, size: int) -> list[CancelResult | ChunkFailed]:
    """A Fanout's answers for cancel chunks; a chunk that never ran (None) failed unsent."""
    results: list[CancelResult | ChunkFailed] = []
    for chunk, part in zip(ids.chunks(size), parts, strict=True):
        if isinstance(part, CancelResult | ChunkFailed):
            results.append(part)
        else:
            error = part if isinstance(part, HtxError) else _not_sent("cancel", "not run")
            results.append(ChunkFailed(chunk, error, 0))
    return results


def _abandon(limiters: list[RateLimiter]) -> None:
    """The slots taken for a request not sent go back unused."""
    for limiter in limiters:
        limiter.abandon()


def _not_sent(where: str, when: str) -> DeadlineExceededError:
    return DeadlineExceededError(f"{where}: the deadline passed {when}", may_have_reached=False)
