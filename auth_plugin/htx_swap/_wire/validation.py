"""Input checks that run before any byte is sent. Each failure names the field."""

from __future__ import annotations

import datetime
import math
import operator
import re
from collections.abc import Iterable

from htx_swap._model.errors import InvalidRequestError
from htx_swap._model.record import Record

__all__ = [
    "MAX_ID",
    "MAX_IDS_PER_CANCEL",
    "IdList",
    "Ids",
    "as_seconds",
    "shown",
    "validate_choice",
    "validate_contract_code",
    "validate_id_choice",
    "validate_ids",
    "validate_ids_of",
]

MAX_IDS_PER_CANCEL = 10
MAX_ID = 2**63 - 1
_DECIMAL_ID = re.compile(r"[1-9][0-9]{0,18}")
_CONTRACT_CODE = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
# Contract codes of HTX's other products, which the coin-margined swap API does not list: what
# each is and where it goes (``UsdtClient`` for USDT-M, ``FuturesClient`` for delivery futures).
_FUTURES_API = "HTX's /api/v1/contract_..., FuturesClient's, by symbol: `htx-swap futures ...`"
_OTHER_PRODUCTS = (
    (
        re.compile(r"[A-Za-z0-9]+-USDT(?:-[A-Za-z0-9]+)?", re.IGNORECASE),
        "a USDT-margined",
        "HTX's /v5/... API: use UsdtClient",
    ),
    (re.compile(r"[A-Za-z0-9]*[A-Za-z][0-9]{6}"), "a coin-margined futures", _FUTURES_API),
    (
        re.compile(r"[A-Za-z0-9]+_(?:CW|NW|CQ|NQ)", re.IGNORECASE),
        "a coin-margined futures",
        _FUTURES_API,
    ),
)

IdList = Iterable[str | int]


def _one_id(field: str, position: int, raw: object) -> str:
    where = f"{field}[{position}]"
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise InvalidRequestError(
            where, f"must be an int or a decimal string, got {type(raw).__name__} {raw!r}"
        )
    # an int subclass may print itself as anything: send the integer's value
    text = str(operator.index(raw)) if isinstance(raw, int) else raw
    if not _DECIMAL_ID.fullmatch(text) or int(text) > MAX_ID:
        raise InvalidRequestError(
            where, f"{raw!r} is not a positive decimal integer in 1..{MAX_ID}"
        )
    return text


def validate_ids(field: str, ids: IdList, *, limit: int | None = MAX_IDS_PER_CANCEL) -> list[str]:
    """Return the ids as exact decimal strings, or raise naming ``field`` and the problem.

    >>> validate_ids("order_ids", [768503271974985728, "9001"])
    ['768503271974985728', '9001']
    """
    if isinstance(ids, str | bytes):
        raise InvalidRequestError(
            field, "must be a list of ids, not one string (split '1,2,3' into ['1', '2', '3'])"
        )
    try:
        items = list(ids)
    except TypeError:
        raise InvalidRequestError(
            field, f"must be a list of ids, got {type(ids).__name__}"
        ) from None
    if not items:
        raise InvalidRequestError(field, "needs at least one id")
    if limit is not None and len(items) > limit:
        raise InvalidRequestError(
            field, f"has {len(items)} ids; HTX cancels at most {limit} per request"
        )
    result = [_one_id(field, position, raw) for position, raw in enumerate(items)]
    seen: set[str] = set()
    for text in result:
        if text in seen:
            raise InvalidRequestError(field, f"id {text} appears more than once")
        seen.add(text)
    return result


def is_delivery_date(yymmdd: str | None) -> bool:
    """Whether ``yymmdd`` (a contract code's delivery date, six digits) is a date that exists.

    >>> is_delivery_date("261225"), is_delivery_date("261332")
    (True, False)
    """
    try:
        datetime.datetime.strptime(yymmdd or "", "%y%m%d")
    except ValueError:
        return False
    return True


def validate_id_choice(
    order_ids: IdList | None, client_order_ids: IdList | None
) -> tuple[str, IdList]:
    """Exactly one of the two id kinds; returns the request field name and the ids."""
    if order_ids is not None and client_order_ids is not None:
        raise InvalidRequestError(
            "order_ids/client_order_ids",
            "give one of them, not both (HTX would silently ignore client_order_ids)",
        )
    if order_ids is not None:
        return "order_ids", order_ids
    if client_order_ids is not None:
        return "client_order_ids", client_order_ids
    raise InvalidRequestError("order_ids/client_order_ids", "give one of them; both are None")


def validate_contract_code(contract_code: object) -> str:
    """A coin-margined swap's contract code such as ``BTC-USD`` (HTX matches it
    case-insensitively). Another product's code says which of HTX's APIs takes it (and
    ``UsdtClient`` for a USDT-M one).

    >>> validate_contract_code("BTC-USDT")
    Traceback (most recent call last):
    htx_swap._model.errors.InvalidRequestError: contract_code: 'BTC-USDT' is a USDT-margined contract code (HTX's /v5/... API: use UsdtClient), not...
    """  # noqa: E501 - one line of output
    if not isinstance(contract_code, str):
        raise InvalidRequestError(
            "contract_code", f"must be a string, got {type(contract_code).__name__}"
        )
    for pattern, product, api in _OTHER_PRODUCTS:
        if pattern.fullmatch(contract_code):
            raise InvalidRequestError(
                "contract_code",
                f"{contract_code!r} is {product} contract code ({api}), not a coin-margined "
                "swap's: this client takes codes like 'BTC-USD'",
            )
    if not _CONTRACT_CODE.fullmatch(contract_code):
        raise InvalidRequestError(
            "contract_code",
            f"{contract_code!r} is not a contract code like 'BTC-USD' "
            "(letters and digits joined by '-', no spaces or commas)",
        )
    return contract_code


class Ids(Record):
    """Validated ids of one kind: ``field`` is ``order_ids`` or ``client_order_ids``."""

    __slots__ = ("field", "values")

    def __init__(self, field: str, values: list[str]) -> None:
        self.field = field
        self.values = values

    def chunks(self, size: int) -> list[list[str]]:
        """The ids in requests of at most ``size``.

        >>> Ids("order_ids", ["1", "2", "3"]).chunks(2)
        [['1', '2'], ['3']]
        """
        return [self.values[start : start + size] for start in range(0, len(self.values), size)]


def validate_ids_of(
    order_ids: IdList | None, client_order_ids: IdList | None, *, limit: int | None
) -> Ids:
    """Exactly one id kind, each id a positive 64-bit decimal, at most ``limit`` of them."""
    field, raw = validate_id_choice(order_ids, client_order_ids)
    return Ids(field, validate_ids(field, raw, limit=limit))


def validate_choice(field: str, value: object, allowed: tuple[str | None, ...]) -> str | None:
    """``value`` when it is one of ``allowed`` (None included when allowed).

    >>> validate_choice("direction", "buy", (None, "buy", "sell"))
    'buy'
    """
    if (value is not None and not isinstance(value, str)) or value not in allowed:
        shown = ", ".join(repr(a) for a in allowed)
        raise InvalidRequestError(field, f"must be one of {shown}, got {value!r}")
    return value


def as_seconds(value: object) -> float | None:
    """``value`` as finite seconds, or None when it is no real finite number (a bool, a string,
    inf, nan, or an int too large for a float).

    >>> as_seconds(2), as_seconds(float("inf")), as_seconds(10**400), as_seconds(True)
    (2.0, None, None, None)
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def shown(value: object) -> str:
    """``repr(value)``, cut for a message."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:37]}..."
