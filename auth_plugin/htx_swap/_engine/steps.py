"""The steps a flow yields to its driver (see ``htx_swap._engine.engine``): plain data, no I/O.

Kept apart from the engine so that what reads a step (``_wire.body``, the drivers) need not
import the engine.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

if TYPE_CHECKING:
    from htx_swap._engine.limiter import RateLimiter

__all__ = ["AwaitPushes", "Fanout", "Flow", "OpenPush", "Send", "Sleep", "Step", "TakeSlot"]

T = TypeVar("T")


class Send:
    """Send ``request`` (signed, its timeouts set) and read its answer, all before ``until``
    (monotonic seconds), its decoded body at most ``cap`` bytes."""

    # Steps are plain slotted classes: one is made per request, and attrs classes cost more to
    # build at import and to instantiate.
    __slots__ = ("cap", "request", "until", "where")

    def __init__(self, request: httpx.Request, until: float, cap: int, where: str) -> None:
        self.request = request
        self.until = until
        self.cap = cap
        self.where = where


class Sleep:
    """Wait ``seconds``."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __repr__(self) -> str:
        return f"Sleep({self.seconds!r})"


class Fanout:
    """Run ``flows``; with ``fail_fast`` the first ``HtxError`` ends the others (their results
    are None)."""

    __slots__ = ("fail_fast", "flows")

    def __init__(self, flows: list[Flow[Any]], fail_fast: bool = False) -> None:
        self.flows = flows
        self.fail_fast = fail_fast


class OpenPush:
    """Open the order push of ``contract_code`` (live by ``until``, monotonic seconds); the
    call ends by ``deadline``, and closing the push must not hold it past that."""

    __slots__ = ("contract_code", "deadline", "until")

    def __init__(self, contract_code: str, until: float, deadline: float) -> None:
        self.contract_code = contract_code
        self.until = until
        self.deadline = deadline


class AwaitPushes:
    """Wait for pushes of the open order push until ``until`` (monotonic seconds); return
    early as soon as any arrives."""

    __slots__ = ("until",)

    def __init__(self, until: float) -> None:
        self.until = until


class TakeSlot:
    """Take a slot of ``limiter``, a shared one that asks a server (``RedisRateLimiter``), never
    waiting for that server more than ``within`` seconds; the request it is for ends within
    ``lasts`` seconds. The outcome is ``limiter.take``'s: 0.0, or the seconds to wait. The sync
    driver calls ``take``, the async one awaits ``take_async`` (its loop never blocks)."""

    __slots__ = ("lasts", "limiter", "within")

    def __init__(self, limiter: RateLimiter, within: float, lasts: float) -> None:
        self.limiter = limiter
        self.within = within
        self.lasts = lasts


Step = Send | Sleep | Fanout | OpenPush | AwaitPushes | TakeSlot
Flow = Generator[Step, Any, T]
