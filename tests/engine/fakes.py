"""A fake driver for the engine's flows: a scripted exchange, a fake clock, no sockets.

``Driver.run(flow)`` answers each ``Send`` from a script (an ``httpx.Response``, an ``HtxError``,
either with a duration in fake seconds, or a function of the request), advances the fake
monotonic clock on each ``Sleep`` and by each answer's duration, runs ``Fanout`` sub-flows one
after another (as the sync client does) and records every step with the time it began.

An answer whose duration would end past its ``Send.until`` is cut there and becomes an
``APITimeoutError`` (the request may have reached HTX), as a real driver's attempt timeout does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import httpx
from htx_swap._engine.engine import Engine
from htx_swap._engine.limiter import RateLimiter
from htx_swap._engine.policy import RetryPolicy
from htx_swap._engine.steps import Fanout, Flow, Send, Sleep, Step, TakeSlot
from htx_swap._model.credentials import HtxCredentials
from htx_swap._model.errors import APITimeoutError, HtxError
from htx_swap._model.results import CancelResult
from htx_swap._wire.signing import HtxAuth
from htx_swap._wire.validation import Ids

Answer = httpx.Response | HtxError
Timed = tuple[Answer, float]
Responder = Callable[[httpx.Request], Answer | Timed]
ScriptItem = Answer | Timed | Responder

WALL_START = 1_700_000_000.0  # the fake wall clock at monotonic 0
CANCEL = "POST /swap-api/v1/swap_cancel"
ORDER_INFO = "POST /swap-api/v1/swap_order_info"
TIMESTAMP = "GET /api/v1/timestamp"


@attrs.define
class FakeClock:
    """Monotonic seconds from 0; the wall clock is a fixed epoch plus them."""

    now: float = 0.0

    def monotonic(self) -> float:
        return self.now

    def wall(self) -> float:
        return WALL_START + self.now


def _items(items: Iterable[ScriptItem]) -> list[ScriptItem]:
    return list(items)


@attrs.frozen
class Record:
    """One step the flow yielded, when (fake monotonic seconds) it began and ended, and what
    the driver answered (for a ``Send``)."""

    step: Step
    start: float
    end: float
    answer: object = None


@attrs.define
class Driver:
    """Runs flows against ``script`` (consumed in order, shared by every ``Send`` of every
    sub-flow); ``responder`` answers whatever the script does not."""

    clock: FakeClock
    script: list[ScriptItem] = attrs.field(factory=list, converter=_items)
    responder: Responder | None = None
    records: list[Record] = attrs.field(factory=list)

    def run(self, flow: Flow[Any]) -> Any:
        outcome: object = None
        while True:
            try:
                step = flow.send(outcome)
            except StopIteration as stop:
                return stop.value
            outcome = self._do(step)

    def _do(self, step: Step) -> object:
        start = self.clock.now
        if isinstance(step, Sleep):
            assert step.seconds >= 0, step
            self.clock.now += step.seconds
            self.records.append(Record(step, start, self.clock.now))
            return None
        if isinstance(step, TakeSlot):
            return step.limiter.take(step.within, step.lasts)
        if isinstance(step, Fanout):
            self.records.append(Record(step, start, start))
            return self._fanout(step)
        assert isinstance(step, Send), step  # the order push's steps: not driven here
        answer = self._answer(step)
        self.records.append(Record(step, start, self.clock.now, answer))
        return answer

    def _fanout(self, step: Fanout) -> list[object]:
        results: list[object] = []
        for flow in step.flows:
            if step.fail_fast and any(isinstance(r, HtxError) for r in results):
                flow.close()
                results.append(None)
                continue
            try:
                results.append(self.run(flow))
            except HtxError as error:
                results.append(error)
        return results

    def _answer(self, step: Send) -> Answer:
        assert step.until > self.clock.now, f"{step.where}: sent with no time left"
        if self.script:
            item: ScriptItem = self.script.pop(0)
        elif self.responder is not None:
            item = self.responder
        else:
            raise AssertionError(f"{step.where}: the script has no answer left")
        if callable(item) and not isinstance(item, httpx.Response | HtxError):
            item = item(step.request)
        answer, duration = item if isinstance(item, tuple) else (item, 0.0)
        if self.clock.now + duration > step.until:
            self.clock.now = step.until
            return APITimeoutError(f"{step.where}: fake attempt overran", may_have_reached=True)
        self.clock.now += duration
        return answer

    # -- what happened --------------------------------------------------------------------------

    def sends(self, where: str | None = None) -> list[Send]:
        return [
            r.step
            for r in self.records
            if isinstance(r.step, Send) and (where is None or r.step.where == where)
        ]

    def sleeps(self) -> list[float]:
        return [r.step.seconds for r in self.records if isinstance(r.step, Sleep)]

    def kinds(self) -> list[str]:
        """The steps in order: the ``where`` of each ``Send``, ``sleep``, ``fanout``."""
        out = []
        for r in self.records:
            if isinstance(r.step, Send):
                out.append(r.step.where)
            else:
                out.append(type(r.step).__name__.lower())
        return out


def make_engine(
    clock: FakeClock,
    *,
    timeout: float | httpx.Timeout = 1.0,
    max_retries: int = 2,
    backoff_initial: float = 0.5,
    backoff_max: float = 8.0,
    max_server_wait: float = 60.0,
    limiters: dict[str, RateLimiter | None] | None = None,
) -> Engine:
    """An ``Engine`` as ``surface.py`` builds one, on the fake clock."""
    return Engine(
        auth=HtxAuth(HtxCredentials("k", "s"), clock=clock.wall),
        base_url="https://api.hbdm.com",
        timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
        policy=RetryPolicy(max_retries, backoff_initial, backoff_max, max_server_wait),
        limiters={} if limiters is None else limiters,
        max_response_bytes=1 << 20,
        monotonic=clock.monotonic,
        headers={"Content-Type": "application/json"},
    )


# -- answers -------------------------------------------------------------------------------------


def response(status: int, body: object, **headers: str) -> httpx.Response:
    """An answer with a JSON body (or the text given as a ``str``), read."""
    content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    return httpx.Response(status, headers=headers, content=content)


def cancel_ok(
    successes: Iterable[str] = (), errors: Iterable[tuple[str, int]] = ()
) -> httpx.Response:
    """HTX's cancel answer: ids accepted, ``(id, err_code)`` refused."""
    return response(
        200,
        {
            "status": "ok",
            "data": {
                "errors": [
                    {"order_id": i, "err_code": code, "err_msg": f"refused {code}"}
                    for i, code in errors
                ],
                "successes": ",".join(successes),
            },
            "ts": 1603871877639,
        },
    )


def htx_error(
    code: int, status: int = 200, headers: Mapping[str, str] | None = None
) -> httpx.Response:
    """HTX's business error envelope for the whole request."""
    body = {"status": "error", "err_code": code, "err_msg": f"err {code}", "ts": 1}
    return response(status, body, **(headers or {}))


def order(order_id: str, status: int, client_order_id: int | None = None) -> dict[str, object]:
    entry: dict[str, object] = {
        "order_id": int(order_id),
        "order_id_str": order_id,
        "contract_code": "BTC-USD",
        "status": status,
        "volume": 1,
        "trade_volume": 1 if status == 6 else 0,
    }
    if client_order_id is not None:
        entry["client_order_id"] = client_order_id
    return entry


def order_info_ok(*orders: dict[str, object]) -> httpx.Response:
    return response(200, {"status": "ok", "data": list(orders), "ts": 1603871877639})


def timestamp_ok(ts_ms: object) -> httpx.Response:
    return response(200, {"status": "ok", "ts": ts_ms})


def ids(*values: str, field: str = "order_ids") -> Ids:
    return Ids(field, list(values))


def cancel_one(engine: Engine, *values: str) -> Flow[CancelResult]:
    """The flow of ``SwapClient.cancel("BTC-USD", order_ids=values)``."""
    return engine.cancel_one("swap_cancel", "BTC-USD", ids(*values), None)
