"""Typed order information (``POST /swap-api/v1/swap_order_info``): where a cancel's real
outcome shows. Ids are exact strings; prices and volumes are ``Decimal``.

What a confirmation needs (ids, contract, status, volumes) is always there; every other field is
``None`` when HTX leaves it out, so one field HTX stops sending never breaks a confirmation.

An order HTX lists more than once is never resolved by list position: identical repeats count
once, and entries that differ are all kept (``distinct``) and named as a contradiction.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal

import attrs

from htx_swap._model.serialize import Serializable

__all__ = ["OrderInfo", "OrderStatus", "distinct"]


class OrderStatus(enum.IntEnum):
    """HTX's order status codes; ``UNKNOWN`` for a code this SDK does not know (the raw code is
    on ``OrderInfo.status_code``)."""

    UNKNOWN = -1
    READY_TO_SUBMIT = 1
    READY_TO_SUBMIT_2 = 2  # HTX documents 1 and 2 alike: "Ready to submit the orders"
    SUBMITTED = 3
    PARTIALLY_FILLED = 4
    PARTIALLY_FILLED_CANCELLED = 5  # partly filled, the rest cancelled
    FILLED = 6
    CANCELLED = 7
    FAILED = 10
    CANCELLING = 11

    @classmethod
    def of(cls, code: int) -> OrderStatus:
        """The status for HTX's ``code``; ``UNKNOWN`` for a code not in the list.

        >>> OrderStatus.of(7), OrderStatus.of(99)
        (<OrderStatus.CANCELLED: 7>, <OrderStatus.UNKNOWN: -1>)
        """
        try:
            return cls(code)
        except ValueError:
            return cls.UNKNOWN

    @property
    def is_final(self) -> bool:
        """Whether the order can no longer change: 5, 6, 7 or 10."""
        return self in _FINAL


_FINAL = frozenset(
    {
        OrderStatus.PARTIALLY_FILLED_CANCELLED,
        OrderStatus.FILLED,
        OrderStatus.CANCELLED,
        OrderStatus.FAILED,
    }
)


@attrs.frozen
class OrderInfo(Serializable):
    """One order as HTX reports it. Ids are exact strings; prices and volumes are ``Decimal``;
    fields HTX left out are ``None``."""

    order_id: str
    client_order_id: str | None
    contract_code: str
    status: OrderStatus
    volume: Decimal
    trade_volume: Decimal
    price: Decimal | None = None
    trade_avg_price: Decimal | None = None  # None while nothing traded
    direction: str | None = None
    offset: str | None = None
    order_price_type: str | None = None
    lever_rate: int | None = None
    fee: Decimal | None = None
    created_at: int | None = None  # epoch ms
    canceled_at: int | None = None  # epoch ms; None when HTX sends 0 or null (not cancelled)
    status_code: int = attrs.field()  # HTX's raw status code (kept when status is UNKNOWN)
    state: str | None = None  # the USDT-M (v5) API's state word, as HTX sent it
    contract_type: str | None = None  # delivery futures: this_week, next_week, quarter, ...

    @status_code.default
    def _status_code_of_status(self) -> int:
        return int(self.status)

    @property
    def is_final(self) -> bool:
        """Whether the order can no longer change (status 5, 6, 7 or 10)."""
        return self.status.is_final


def distinct(orders: Iterable[OrderInfo]) -> tuple[list[OrderInfo], dict[str, list[OrderInfo]]]:
    """``orders`` with identical repeats once (in the order first seen), and, by order id, the
    orders listed more than once with different contents: HTX contradicted itself about them,
    and no entry is picked over another.

    >>> from decimal import Decimal
    >>> def entry(status: int) -> OrderInfo:
    ...     return OrderInfo("7", None, "BTC-USD", OrderStatus.of(status), Decimal(1), Decimal(0))
    >>> kept, contradicted = distinct([entry(6), entry(7), entry(7)])
    >>> [order.status_code for order in kept], {k: len(v) for k, v in contradicted.items()}
    ([6, 7], {'7': 2})
    """
    kept = list(dict.fromkeys(orders))
    by_id: dict[str, list[OrderInfo]] = {}
    for order in kept:
        by_id.setdefault(order.order_id, []).append(order)
    return kept, {order_id: found for order_id, found in by_id.items() if len(found) > 1}
