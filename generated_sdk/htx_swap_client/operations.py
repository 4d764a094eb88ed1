# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
"""Facts about each operation that its schemas cannot hold.

Written by generator/generate.py from the ``x-htx-*`` extensions of each operation (documented
in the spec's ``info.description``).
"""

import dataclasses

__all__ = ["OPERATIONS", "PRODUCTS", "OperationFacts", "operations_of"]


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
    product: str
    """The HTX product (x-htx-product): "swap" (coin-margined perpetual swaps, /swap-api/),
    "futures" (coin-margined delivery futures, /api/v1/contract*) or "common" (server time).
    Select one product's operations with ``operations_of(product)``."""


OPERATIONS: dict[str, OperationFacts] = {
    "contract_cancel": OperationFacts(
        name="contract_cancel",
        method="POST",
        path="/api/v1/contract_cancel",
        permission="trade",
        max_ids=10,
        rate_limit_bucket="futures_trade",
        rate_limit_requests=36,
        rate_limit_period=3.0,
        envelope="status",
        product="futures",
    ),
    "contract_cancel_after": OperationFacts(
        name="contract_cancel_after",
        method="POST",
        path="/api/v1/contract-cancel-after",
        permission="trade",
        max_ids=None,
        rate_limit_bucket="futures_trade",
        rate_limit_requests=36,
        rate_limit_period=3.0,
        envelope="code",
        product="futures",
    ),
    "contract_cancelall": OperationFacts(
        name="contract_cancelall",
        method="POST",
        path="/api/v1/contract_cancelall",
        permission="trade",
        max_ids=None,
        rate_limit_bucket="futures_trade",
        rate_limit_requests=36,
        rate_limit_period=3.0,
        envelope="status",
        product="futures",
    ),
    "contract_openorders": OperationFacts(
        name="contract_openorders",
        method="POST",
        path="/api/v1/contract_openorders",
        permission="read",
        max_ids=None,
        rate_limit_bucket="futures_read",
        rate_limit_requests=36,
        rate_limit_period=3.0,
        envelope="status",
        product="futures",
    ),
    "contract_order_info": OperationFacts(
        name="contract_order_info",
        method="POST",
        path="/api/v1/contract_order_info",
        permission="read",
        max_ids=50,
        rate_limit_bucket="futures_read",
        rate_limit_requests=36,
        rate_limit_period=3.0,
        envelope="status",
        product="futures",
    ),
    "contract_tpsl_cancel": OperationFacts(
        name="contract_tpsl_cancel",
        method="POST",
        path="/api/v1/contract_tpsl_cancel",
        permission="trade",
        max_ids=10,
        rate_limit_bucket="contract_tpsl_cancel",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="futures",
    ),
    "contract_tpsl_cancelall": OperationFacts(
        name="contract_tpsl_cancelall",
        method="POST",
        path="/api/v1/contract_tpsl_cancelall",
        permission="trade",
        max_ids=None,
        rate_limit_bucket="contract_tpsl_cancelall",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="futures",
    ),
    "contract_tpsl_openorders": OperationFacts(
        name="contract_tpsl_openorders",
        method="POST",
        path="/api/v1/contract_tpsl_openorders",
        permission="read",
        max_ids=None,
        rate_limit_bucket="futures_read",
        rate_limit_requests=36,
        rate_limit_period=3.0,
        envelope="status",
        product="futures",
    ),
    "contract_track_cancel": OperationFacts(
        name="contract_track_cancel",
        method="POST",
        path="/api/v1/contract_track_cancel",
        permission="trade",
        max_ids=10,
        rate_limit_bucket="contract_track_cancel",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="futures",
    ),
    "contract_track_cancelall": OperationFacts(
        name="contract_track_cancelall",
        method="POST",
        path="/api/v1/contract_track_cancelall",
        permission="trade",
        max_ids=None,
        rate_limit_bucket="contract_track_cancelall",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="futures",
    ),
    "contract_track_openorders": OperationFacts(
        name="contract_track_openorders",
        method="POST",
        path="/api/v1/contract_track_openorders",
        permission="read",
        max_ids=None,
        rate_limit_bucket="futures_read",
        rate_limit_requests=36,
        rate_limit_period=3.0,
        envelope="status",
        product="futures",
    ),
    "contract_trigger_cancel": OperationFacts(
        name="contract_trigger_cancel",
        method="POST",
        path="/api/v1/contract_trigger_cancel",
        permission="trade",
        max_ids=10,
        rate_limit_bucket="contract_trigger_cancel",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="futures",
    ),
    "contract_trigger_cancelall": OperationFacts(
        name="contract_trigger_cancelall",
        method="POST",
        path="/api/v1/contract_trigger_cancelall",
        permission="trade",
        max_ids=None,
        rate_limit_bucket="contract_trigger_cancelall",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="futures",
    ),
    "contract_trigger_openorders": OperationFacts(
        name="contract_trigger_openorders",
        method="POST",
        path="/api/v1/contract_trigger_openorders",
        permission="read",
        max_ids=None,
        rate_limit_bucket="futures_read",
        rate_limit_requests=36,
        rate_limit_period=3.0,
        envelope="status",
        product="futures",
    ),
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
        product="common",
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
        product="swap",
    ),
    "swap_cancel_after": OperationFacts(
        name="swap_cancel_after",
        method="POST",
        path="/swap-api/v1/swap-cancel-after",
        permission="trade",
        max_ids=None,
        rate_limit_bucket="trade",
        rate_limit_requests=72,
        rate_limit_period=3.0,
        envelope="code",
        product="swap",
    ),
    "swap_cancelall": OperationFacts(
        name="swap_cancelall",
        method="POST",
        path="/swap-api/v1/swap_cancelall",
        permission="trade",
        max_ids=None,
        rate_limit_bucket="trade",
        rate_limit_requests=72,
        rate_limit_period=3.0,
        envelope="status",
        product="swap",
    ),
    "swap_openorders": OperationFacts(
        name="swap_openorders",
        method="POST",
        path="/swap-api/v1/swap_openorders",
        permission="read",
        max_ids=None,
        rate_limit_bucket="read",
        rate_limit_requests=72,
        rate_limit_period=3.0,
        envelope="status",
        product="swap",
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
        product="swap",
    ),
    "swap_tpsl_cancel": OperationFacts(
        name="swap_tpsl_cancel",
        method="POST",
        path="/swap-api/v1/swap_tpsl_cancel",
        permission="trade",
        max_ids=10,
        rate_limit_bucket="swap_tpsl_cancel",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="swap",
    ),
    "swap_tpsl_cancelall": OperationFacts(
        name="swap_tpsl_cancelall",
        method="POST",
        path="/swap-api/v1/swap_tpsl_cancelall",
        permission="trade",
        max_ids=None,
        rate_limit_bucket="swap_tpsl_cancelall",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="swap",
    ),
    "swap_tpsl_openorders": OperationFacts(
        name="swap_tpsl_openorders",
        method="POST",
        path="/swap-api/v1/swap_tpsl_openorders",
        permission="read",
        max_ids=None,
        rate_limit_bucket="read",
        rate_limit_requests=72,
        rate_limit_period=3.0,
        envelope="status",
        product="swap",
    ),
    "swap_track_cancel": OperationFacts(
        name="swap_track_cancel",
        method="POST",
        path="/swap-api/v1/swap_track_cancel",
        permission="trade",
        max_ids=10,
        rate_limit_bucket="swap_track_cancel",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="swap",
    ),
    "swap_track_cancelall": OperationFacts(
        name="swap_track_cancelall",
        method="POST",
        path="/swap-api/v1/swap_track_cancelall",
        permission="trade",
        max_ids=None,
        rate_limit_bucket="swap_track_cancelall",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="swap",
    ),
    "swap_track_openorders": OperationFacts(
        name="swap_track_openorders",
        method="POST",
        path="/swap-api/v1/swap_track_openorders",
        permission="trade",
        max_ids=None,
        rate_limit_bucket="trade",
        rate_limit_requests=72,
        rate_limit_period=3.0,
        envelope="status",
        product="swap",
    ),
    "swap_trigger_cancel": OperationFacts(
        name="swap_trigger_cancel",
        method="POST",
        path="/swap-api/v1/swap_trigger_cancel",
        permission="trade",
        max_ids=10,
        rate_limit_bucket="swap_trigger_cancel",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="swap",
    ),
    "swap_trigger_cancelall": OperationFacts(
        name="swap_trigger_cancelall",
        method="POST",
        path="/swap-api/v1/swap_trigger_cancelall",
        permission="trade",
        max_ids=None,
        rate_limit_bucket="swap_trigger_cancelall",
        rate_limit_requests=5,
        rate_limit_period=1.0,
        envelope="status",
        product="swap",
    ),
    "swap_trigger_openorders": OperationFacts(
        name="swap_trigger_openorders",
        method="POST",
        path="/swap-api/v1/swap_trigger_openorders",
        permission="read",
        max_ids=None,
        rate_limit_bucket="read",
        rate_limit_requests=72,
        rate_limit_period=3.0,
        envelope="status",
        product="swap",
    ),
}

PRODUCTS = ("swap", "futures", "common")
"""Every product an operation may belong to (x-htx-product)."""


def operations_of(product: str) -> dict[str, OperationFacts]:
    """The operations of one product ("swap", "futures" or "common"), by operationId.

    An unknown product is a ``KeyError`` naming it, never an empty table.
    """
    if product not in PRODUCTS:
        raise KeyError(f"unknown product {product!r}; known: {', '.join(PRODUCTS)}")
    return {
        name: facts for name, facts in OPERATIONS.items() if facts.product == product
    }
