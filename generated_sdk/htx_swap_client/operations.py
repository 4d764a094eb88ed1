# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
"""Facts about each operation that its schemas cannot hold.

Written by generator/generate.py from the ``x-htx-*`` extensions of each operation (documented
in the spec's ``info.description``).
"""

import dataclasses

__all__ = ["OPERATIONS", "OperationFacts"]


@dataclasses.dataclass(frozen=True, slots=True)
class OperationFacts:
    """One operation of the spec."""

    name: str
    """The operationId, e.g. "swap_cancel"."""
    method: str
    """The HTTP method, upper case, e.g. "POST"."""
    path: str
    """The path, e.g. "/swap-api/v1/swap_cancel"."""
    permission: str
    """The API key permission it needs: "trade", "read" or "none" (public, not signed)."""
    max_ids: int | None
    """How many order ids one request may name (x-htx-max-ids); None when it names none."""
    rate_limit_bucket: str | None
    """The rate-limit bucket it counts against (x-htx-rate-limit.bucket); None when unlimited."""
    rate_limit_requests: int | None
    """Requests allowed per period in that bucket (x-htx-rate-limit.requests)."""
    rate_limit_period: float | None
    """The bucket's period in seconds (x-htx-rate-limit.period_seconds)."""
    envelope: str
    """The answer's envelope: "status" ({status, data, ts}, errors with err_code/err_msg) or
    "code" ({code, msg, data, ts})."""


OPERATIONS: dict[str, OperationFacts] = {
    "get_timestamp": OperationFacts(
        name="get_timestamp",
        method="GET",
        path="/api/v1/timestamp",
        permission="none",
        max_ids=None,
        rate_limit_bucket=None,
        rate_limit_requests=None,
        rate_limit_period=None,
        envelope="status",
    ),
    "swap_cancel": OperationFacts(
        name="swap_cancel",
        method="POST",
        path="/swap-api/v1/swap_cancel",
        permission="trade",
        max_ids=10,
        rate_limit_bucket="trade",
        rate_limit_requests=72,
        rate_limit_period=3.0,
        envelope="status",
    ),
    "swap_order_info": OperationFacts(
        name="swap_order_info",
        method="POST",
        path="/swap-api/v1/swap_order_info",
        permission="read",
        max_ids=50,
        rate_limit_bucket="read",
        rate_limit_requests=72,
        rate_limit_period=3.0,
        envelope="status",
    ),
}
