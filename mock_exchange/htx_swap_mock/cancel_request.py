"""Read a request's JSON body into a validated request, or the business error HTX gives.

swap_cancel and swap_order_info take the same fields; they differ in how many ids one request
may name (10 to cancel, 50 to read, as their doc pages say). The strategy cancels
(trigger, TP/SL, trailing) take ``order_id`` only, at most 10. The cancel-alls take
``contract_code`` and optional ``direction`` / ``offset``; the open-orders queries a page;
swap-cancel-after ``on_off`` and ``time_out``."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from htx_swap_mock.codes import ErrorCode
from htx_swap_mock.lifecycle import Direction, Offset
from htx_swap_mock.orders import IdKind, is_valid_id, normalize_contract_code
from htx_swap_mock.products import ContractRefused, Contracts, Need

__all__ = [
    "ALL_TRADE_TYPES",
    "CLOSE_TRADE_TYPES",
    "DEFAULT_PAGE_SIZE",
    "MAX_IDS",
    "MAX_ORDER_INFO_IDS",
    "MAX_PAGE_SIZE",
    "CancelAfterRequest",
    "CancelAllRequest",
    "CancelRequest",
    "ContractReader",
    "IdsRequest",
    "OpenOrdersRequest",
    "RequestRejected",
    "parse_cancel_after_body",
    "parse_cancel_all_body",
    "parse_cancel_body",
    "parse_ids_body",
    "parse_open_orders_body",
    "parse_order_info_body",
    "parse_strategy_cancel_body",
]

MAX_IDS = 10  # swap_cancel and the strategy cancels
MAX_ORDER_INFO_IDS = 50  # swap_order_info
DEFAULT_PAGE_SIZE = 20  # the open-orders pages
MAX_PAGE_SIZE = 50
# trade_type of the open-orders queries: 0 all, 1 buy long (buy open), 2 sell short (sell
# open), 3 buy short (buy close), 4 sell long (sell close). TP/SL orders only close: 0, 3, 4.
TRADE_TYPES: dict[int, tuple[Direction, Offset] | None] = {
    0: None,
    1: (Direction.BUY, Offset.OPEN),
    2: (Direction.SELL, Offset.OPEN),
    3: (Direction.BUY, Offset.CLOSE),
    4: (Direction.SELL, Offset.CLOSE),
}
ALL_TRADE_TYPES = frozenset(TRADE_TYPES)
CLOSE_TRADE_TYPES = frozenset({0, 3, 4})
SORT_FIELDS = ("created_at", "update_time")
# What a request's contract fields name: a swap contract code, a product's contracts (see
# ``products``), or None (every contract). A reader raises ``ContractRefused``.
Contract = str | Contracts | None
ContractReader = Callable[[Mapping[str, Any], Need], Contract]


@dataclass(frozen=True)
class IdsRequest:
    """Orders of one contract (or of a futures symbol's contracts), named by one kind of id."""

    contract_code: str | Contracts
    kind: IdKind
    ids: tuple[str, ...]


CancelRequest = IdsRequest  # the name the cancel side has always used


@dataclass(frozen=True)
class RequestRejected:
    """The whole request is refused with this business error."""

    code: ErrorCode
    message: str


@dataclass(frozen=True)
class CancelAllRequest:
    """Cancel every cancellable order of a contract, narrowed by direction and/or offset."""

    contract_code: str | Contracts
    direction: Direction | None
    offset: Offset | None


@dataclass(frozen=True)
class OpenOrdersRequest:
    """A page of open orders; ``contract_code`` None means every contract."""

    contract_code: str | Contracts | None
    page_index: int
    page_size: int
    sort_by: str
    trade_type: tuple[Direction, Offset] | None  # None: all


@dataclass(frozen=True)
class CancelAfterRequest:
    on: bool
    time_out: int  # ms


def _reject(code: ErrorCode, field: str = "") -> RequestRejected:
    return RequestRejected(code, code.message.format(field))


def _present(value: object) -> bool:
    # An empty string counts as absent: HTX then falls back to the other id kind.
    return value is not None and value != ""


def parse_cancel_body(
    body: bytes, contracts: ContractReader | None = None
) -> IdsRequest | RequestRejected:
    """A swap_cancel body: at most 10 ids (see ``parse_ids_body``)."""
    return parse_ids_body(body, max_ids=MAX_IDS, contracts=contracts)


def parse_order_info_body(
    body: bytes, contracts: ContractReader | None = None
) -> IdsRequest | RequestRejected:
    """A swap_order_info body: at most 50 ids, with the same codes as a cancel (HTX reuses
    its error list across endpoints; see ``parse_ids_body``)."""
    return parse_ids_body(body, max_ids=MAX_ORDER_INFO_IDS, contracts=contracts)


def _load(body: bytes) -> dict[str, Any] | RequestRejected:
    """The body as a JSON object, or 1030."""
    try:
        # Python's json keeps integers exact, so an id sent as a JSON number stays exact too.
        data = json.loads(body)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError
        return _reject(ErrorCode.INPUT_ERROR)
    if not isinstance(data, dict):
        return _reject(ErrorCode.INPUT_ERROR)
    return data


def parse_strategy_cancel_body(
    body: bytes, contracts: ContractReader | None = None
) -> IdsRequest | RequestRejected:
    """A trigger / TP-SL / trailing cancel: ``contract_code`` (futures: ``symbol``) and
    ``order_id`` (at most 10, comma-joined); no client order ids on these pages. Codes as
    ``parse_ids_body``, and 1066 when ``order_id`` is missing."""
    data = _load(body)
    if isinstance(data, RequestRejected):
        return data
    if not _present(data.get("order_id")):
        try:
            _read_contract(data, Need.REQUIRED, contracts)
        except _Refused as refused:
            return refused.rejected
        return _missing("order_id")
    return parse_ids_body(body, max_ids=MAX_IDS, contracts=contracts)


def _missing(field: str) -> RequestRejected:
    return _reject(ErrorCode.FIELD_EMPTY, field)


class _Refused(Exception):
    def __init__(self, rejected: RequestRejected) -> None:
        super().__init__(rejected.message)
        self.rejected = rejected


def _swap_contract_code(data: Mapping[str, Any], need: Need) -> str | None:
    """The default reader: a swap's ``contract_code`` (absent: None where optional)."""
    value = data.get("contract_code")
    if need is Need.OPTIONAL and not _present(value):
        return None
    contract = _contract_code(value)
    if isinstance(contract, RequestRejected):
        raise _Refused(contract)
    return contract


def _read_contract(
    data: Mapping[str, Any], need: Need, contracts: ContractReader | None
) -> Contract:
    """The contracts ``data`` names, by ``contracts`` (default: a swap's contract_code)."""
    try:
        return (contracts or _swap_contract_code)(data, need)
    except ContractRefused as refused:
        raise _Refused(RequestRejected(refused.code, refused.message)) from None


def _required_contract(
    data: dict[str, Any], contracts: ContractReader | None, need: Need = Need.REQUIRED
) -> str | Contracts:
    contract = _read_contract(data, need, contracts)
    assert contract is not None  # a required contract is never absent
    return contract


def _direction(data: dict[str, Any]) -> Direction | None:
    """Optional ``direction``: absent or "" is None, anything but buy/sell 1067 (a JSON object
    or array too: it must not reach a set lookup, where it is unhashable)."""
    value = data.get("direction")
    if not _present(value):
        return None
    if not isinstance(value, str) or value not in {"buy", "sell"}:
        raise _Refused(_reject(ErrorCode.ILLEGAL_FIELD, "direction"))
    return Direction(value)


def _offset(data: dict[str, Any]) -> Offset | None:
    value = data.get("offset")
    if not _present(value):
        return None
    if not isinstance(value, str) or value not in {"open", "close"}:
        raise _Refused(_reject(ErrorCode.ILLEGAL_FIELD, "offset"))
    return Offset(value)


def _whole(data: dict[str, Any], name: str, default: int, low: int, high: int) -> int:
    """An optional whole number in ``low..high`` (a decimal string too), else 1067. A JSON
    number with no fraction (``5000.0``) is that whole number: the page's type is "int", JSON
    Schema's ``integer`` (the spec's) includes it, and HTX's Java JSON parsing reads it as one."""
    value = data.get(name)
    if value is None or value == "":
        return default
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Refused(_reject(ErrorCode.ILLEGAL_FIELD, name))
    return value


def parse_cancel_all_body(
    body: bytes,
    *,
    with_offset: bool = True,
    contracts: ContractReader | None = None,
    need: Need = Need.REQUIRED,
) -> CancelAllRequest | RequestRejected:
    """A cancel-all: ``contract_code`` required (1066, 1014; futures: what ``need`` says of the
    symbol), ``direction`` buy/sell and (unless ``with_offset`` is False, as for TP/SL)
    ``offset`` open/close optional, either alone allowed; a value outside those is 1067. Fields
    a page does not list are ignored."""
    data = _load(body)
    if isinstance(data, RequestRejected):
        return data
    try:
        contract = _required_contract(data, contracts, need)
        direction = _direction(data)
        offset = _offset(data) if with_offset else None
    except _Refused as refused:
        return refused.rejected
    return CancelAllRequest(contract, direction, offset)


def parse_open_orders_body(
    body: bytes,
    *,
    contract_required: bool,
    trade_types: frozenset[int] = ALL_TRADE_TYPES,
    contracts: ContractReader | None = None,
) -> OpenOrdersRequest | RequestRejected:
    """An open-orders query: ``contract_code`` (optional for swap_openorders, where empty means
    every contract; required by the strategy pages: 1066), ``page_index`` >= 1 (default 1),
    ``page_size`` 1..50 (default 20), ``sort_by`` created_at/update_time (newest first),
    ``trade_type`` among ``trade_types`` (default 0, all). Anything else is 1067."""
    data = _load(body)
    if isinstance(data, RequestRejected):
        return data
    try:
        need = Need.REQUIRED if contract_required else Need.OPTIONAL
        contract = _read_contract(data, need, contracts)
        page_index = _whole(data, "page_index", 1, 1, 2**31 - 1)
        page_size = _whole(data, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
        trade_type = _whole(data, "trade_type", 0, 0, 4)
    except _Refused as refused:
        return refused.rejected
    sort_by = data.get("sort_by") or "created_at"
    if sort_by not in SORT_FIELDS:
        return _reject(ErrorCode.ILLEGAL_FIELD, "sort_by")
    if trade_type not in trade_types:
        return _reject(ErrorCode.ILLEGAL_FIELD, "trade_type")
    return OpenOrdersRequest(contract, page_index, page_size, sort_by, TRADE_TYPES[trade_type])


def parse_cancel_after_body(
    body: bytes, *, min_time_out: int, default_time_out: int = 5000
) -> CancelAfterRequest | RequestRejected:
    """swap-cancel-after: ``on_off`` 1 or 0 (required: 1066; anything else 1067), ``time_out``
    ms >= ``min_time_out`` (default ``default_time_out``; otherwise 1067)."""
    data = _load(body)
    if isinstance(data, RequestRejected):
        return data
    on_off = data.get("on_off")
    if on_off is None or on_off == "":
        return _missing("on_off")
    if isinstance(on_off, bool) or on_off not in (0, 1, "0", "1"):
        return _reject(ErrorCode.ILLEGAL_FIELD, "on_off")
    default = max(default_time_out, min_time_out)
    try:
        time_out = _whole(data, "time_out", default, min_time_out, 2**31 - 1)
    except _Refused as refused:
        return refused.rejected
    return CancelAfterRequest(int(on_off) == 1, time_out)


def parse_ids_body(
    body: bytes, *, max_ids: int, contracts: ContractReader | None = None
) -> IdsRequest | RequestRejected:
    """Validate the body. ``order_id`` wins when both id kinds are sent (HTX's rule).

    Codes: 1030 body not a JSON object; 1066 no ``contract_code``; 1014 a contract code that
    cannot exist; 1051 no ids at all; 1052 more than ``max_ids`` ids; 1067 a malformed
    ``order_id`` list; 1065 a malformed ``client_order_id`` list.
    """
    data = _load(body)
    if isinstance(data, RequestRejected):
        return data
    try:
        contract_code = _required_contract(data, contracts)
    except _Refused as refused:
        return refused.rejected
    ids = _ids(data, max_ids)
    if isinstance(ids, RequestRejected):
        return ids
    return IdsRequest(contract_code, *ids)


def _contract_code(value: object) -> str | RequestRejected:
    if not _present(value):
        return _reject(ErrorCode.FIELD_EMPTY, "contract_code")
    if not isinstance(value, str):
        return _reject(ErrorCode.CONTRACT_NOT_FOUND)
    try:
        return normalize_contract_code(value)
    except ValueError:  # cannot be a contract code, so no such contract
        return _reject(ErrorCode.CONTRACT_NOT_FOUND)


def _ids(data: dict[str, object], max_ids: int) -> tuple[IdKind, tuple[str, ...]] | RequestRejected:
    raw: object
    if _present(data.get("order_id")):
        kind, raw = IdKind.ORDER_ID, data["order_id"]
    elif _present(data.get("client_order_id")):
        kind, raw = IdKind.CLIENT_ORDER_ID, data["client_order_id"]
    else:
        return _reject(ErrorCode.NO_ORDERS_TO_CANCEL)
    malformed = (
        _reject(ErrorCode.ILLEGAL_FIELD, "order_id")
        if kind is IdKind.ORDER_ID
        else _reject(ErrorCode.CLIENT_ID_NOT_INTEGER)
    )
    if isinstance(raw, int) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        return malformed
    ids = raw.split(",")
    if len(ids) > max_ids:
        return _reject(ErrorCode.TOO_MANY_ORDERS)
    if not all(is_valid_id(part) for part in ids):
        return malformed
    return kind, tuple(ids)
