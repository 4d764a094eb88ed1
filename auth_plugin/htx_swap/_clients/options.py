"""``with_options``: a client that differs from another in its time bound and retries only,
sharing its connection pool, its rate limiters, its signer (and clock offset) and its hooks."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, TypeVar

from htx_swap._engine.engine import Engine
from htx_swap._engine.policy import RetryPolicy

if TYPE_CHECKING:
    from htx_swap._clients.surface import ClientSurface

__all__ = ["KEEP", "derive"]

C = TypeVar("C", bound="ClientSurface")


class _Keep:
    """An option left as the parent client has it."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: object = _Keep()


def derive(
    client: C,
    *,
    timeout: object = KEEP,
    max_retries: object = KEEP,
    backoff_initial: object = KEEP,
    backoff_max: object = KEEP,
) -> C:
    """A client like ``client`` with these options changed, each checked as the constructor
    checks it (an ``InvalidRequestError`` names the one that is wrong). It shares the pool,
    the limiters and the signer; closing it leaves ``client`` and its pool open."""
    from htx_swap._clients.surface import check_timeout

    engine = client._engine
    policy = engine.policy
    retries = RetryPolicy(
        policy.max_retries if max_retries is KEEP else max_retries,  # type: ignore[arg-type]
        policy.backoff_initial if backoff_initial is KEEP else backoff_initial,  # type: ignore[arg-type]
        policy.backoff_max if backoff_max is KEEP else backoff_max,  # type: ignore[arg-type]
        policy.max_server_wait,
    )
    derived = copy.copy(client)
    derived._engine = Engine(
        auth=engine.auth,
        base_url=engine.base_url,
        timeout=engine.timeout if timeout is KEEP else check_timeout(timeout),
        policy=retries,
        limiters=engine.limiters,
        max_response_bytes=engine.max_response_bytes,
        monotonic=engine.monotonic,
        headers=engine.headers,
        hooks=engine.hooks,
    )
    derived._parent = getattr(client, "_parent", None) or client
    derived._owns_http = False
    derived._closed = False  # type: ignore[attr-defined]
    return derived
