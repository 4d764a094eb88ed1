"""``OrderSpec``: what a seeded order is, as one frozen, checked value.

``MockExchange.add_order``, the admin API and ``--seed-demo`` each build one and hand it to the
order book, which places it (``lifecycle.new_order``) on its clock. Every field is converted
and checked when the spec is made, so an inconsistent order is a ``ValueError`` before anything
is stored.

>>> spec = OrderSpec("btc-usd", 771038212360937472, kind="trigger", trigger_price="59000.5")
>>> spec.contract_code, spec.order_id, spec.kind.value, spec.trigger_price
('BTC-USD', '771038212360937472', 'trigger', Decimal('59000.5'))
"""

from __future__ import annotations

import re
from decimal import Decimal

import attrs

from htx_swap_mock.lifecycle import (
    DEFAULT_LEVER_RATE,
    DEFAULT_PRICE,
    DEFAULT_VOLUME,
    Direction,
    Offset,
    OnCancel,
    OrderKind,
    OrderState,
    Quantity,
    check_kind_state,
    implied_trade_volume,
    parse_state,
    to_decimal,
)

__all__ = [
    "MAX_ORDER_ID",
    "OrderSpec",
    "is_valid_id",
    "normalize_contract_code",
    "normalize_id",
]

MAX_ORDER_ID = 2**63 - 1  # ids are Java longs on HTX's side
_DECIMAL_ID = re.compile(r"[1-9][0-9]{0,18}")
_CONTRACT = re.compile(r"[A-Za-z0-9]+(-[A-Za-z0-9]+)*")
_TRIGGER_TYPES = ("ge", "le")
_TPSL_TYPES = ("tp", "sl")


def is_valid_id(text: str) -> bool:
    """A positive 64-bit integer in canonical decimal (no sign, no leading zero)."""
    return bool(_DECIMAL_ID.fullmatch(text)) and int(text) <= MAX_ORDER_ID


def normalize_id(value: int | str) -> str:
    """An order or client order id given as int or decimal string, as its canonical string."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not is_valid_id(text):
        raise ValueError(f"an id must be a positive 64-bit integer, got {value!r}")
    return text


def normalize_contract_code(contract_code: str) -> str:
    """Contract codes are case-insensitive on HTX; orders are filed under the upper-case form."""
    if not isinstance(contract_code, str) or not _CONTRACT.fullmatch(contract_code):
        raise ValueError(f"not a contract code: {contract_code!r}")
    return contract_code.upper()


def _optional_id(value: int | str | None) -> str | None:
    return None if value is None else normalize_id(value)


def _volume(value: Quantity) -> Decimal:
    return to_decimal(value, "volume")


def _price(value: Quantity) -> Decimal:
    return to_decimal(value, "price")


def _trade_volume(value: Quantity | None) -> Decimal | None:
    return None if value is None else to_decimal(value, "trade_volume")


def _trigger_price(value: Quantity | None) -> Decimal | None:
    return None if value is None else to_decimal(value, "trigger_price")


def _callback_rate(value: Quantity) -> Decimal:
    return to_decimal(value, "callback_rate")


def _lever_rate(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"lever_rate must be an integer >= 1, got {value!r}")
    return value


@attrs.frozen
class OrderSpec:
    """A seeded order of any ``kind``: the first two fields positional, the rest keywords.

    Ids are ints or decimal strings (kept as exact decimal text), quantities ints, decimal
    strings, ``Decimal`` or floats (read as written), enums by value. ``trade_volume`` None
    means what ``state`` implies. ``offset`` of a TP/SL order is always ``close`` (it closes a
    position). Strategy kinds (``trigger``, ``tpsl``, ``trailing``) are ``open`` or
    ``cancelled``, have no client order id, and are cancelled at once (``on_cancel`` cancel).
    ``trigger_type``/``trigger_price`` (default: ``price``) describe trigger and TP/SL orders,
    ``tpsl_order_type`` TP/SL ones, ``callback_rate`` trailing ones (``price`` is then the
    active price).
    """

    contract_code: str = attrs.field(converter=normalize_contract_code)
    order_id: str = attrs.field(converter=normalize_id)
    kind: OrderKind = attrs.field(default=OrderKind.LIMIT, converter=OrderKind, kw_only=True)
    client_order_id: str | None = attrs.field(default=None, converter=_optional_id, kw_only=True)
    state: OrderState = attrs.field(default=OrderState.OPEN, converter=parse_state, kw_only=True)
    volume: Decimal = attrs.field(default=DEFAULT_VOLUME, converter=_volume, kw_only=True)
    price: Decimal = attrs.field(default=DEFAULT_PRICE, converter=_price, kw_only=True)
    direction: Direction = attrs.field(default=Direction.BUY, converter=Direction, kw_only=True)
    offset: Offset = attrs.field(default=Offset.OPEN, converter=Offset, kw_only=True)
    lever_rate: int = attrs.field(default=DEFAULT_LEVER_RATE, converter=_lever_rate, kw_only=True)
    trade_volume: Decimal | None = attrs.field(default=None, converter=_trade_volume, kw_only=True)
    on_cancel: OnCancel = attrs.field(default=OnCancel.CANCEL, converter=OnCancel, kw_only=True)
    trigger_type: str = attrs.field(
        default="ge", validator=attrs.validators.in_(_TRIGGER_TYPES), kw_only=True
    )
    trigger_price: Decimal | None = attrs.field(
        default=None, converter=_trigger_price, kw_only=True
    )
    tpsl_order_type: str = attrs.field(
        default="tp", validator=attrs.validators.in_(_TPSL_TYPES), kw_only=True
    )
    callback_rate: Decimal = attrs.field(
        default=Decimal("0.01"), converter=_callback_rate, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        positive = [self.volume, self.price, self.callback_rate]
        if self.trigger_price is not None:
            positive.append(self.trigger_price)
        if not all(number > 0 for number in positive):
            raise ValueError("volume, price, trigger_price and callback_rate must be > 0")
        implied_trade_volume(self.state, self.volume, self.trade_volume)  # consistent?
        if self.kind.strategy:
            check_kind_state(self.kind, self.state)
            if self.client_order_id is not None:
                raise ValueError(f"a {self.kind} order has no client_order_id")
            if self.on_cancel is not OnCancel.CANCEL:
                raise ValueError(f"a {self.kind} order is cancelled at once (on_cancel cancel)")
        if self.kind is OrderKind.TPSL:
            object.__setattr__(self, "offset", Offset.CLOSE)  # frozen: set once, here
