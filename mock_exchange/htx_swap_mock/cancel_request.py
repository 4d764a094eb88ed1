"""Read a swap_cancel or swap_order_info JSON body into a validated request, or the business
error HTX gives. Both take the same fields; they differ in how many ids one request may name
(10 to cancel, 50 to read, as their doc pages say)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from htx_swap_mock.codes import ErrorCode
from htx_swap_mock.orders import IdKind, is_valid_id, normalize_contract_code

__all__ = [
    "MAX_IDS",
    "MAX_ORDER_INFO_IDS",
    "CancelRequest",
    "IdsRequest",
    "RequestRejected",
    "parse_cancel_body",
    "parse_ids_body",
    "parse_order_info_body",
]

MAX_IDS = 10  # swap_cancel
MAX_ORDER_INFO_IDS = 50  # swap_order_info


@dataclass(frozen=True)
class IdsRequest:
    """Orders of one contract, named by one kind of id."""

    contract_code: str
    kind: IdKind
    ids: tuple[str, ...]


CancelRequest = IdsRequest  # the name the cancel side has always used


@dataclass(frozen=True)
class RequestRejected:
    """The whole request is refused with this business error."""

    code: ErrorCode
    message: str


def _reject(code: ErrorCode, field: str = "") -> RequestRejected:
    return RequestRejected(code, code.message.format(field))


def _present(value: object) -> bool:
    # An empty string counts as absent: HTX then falls back to the other id kind.
    return value is not None and value != ""


def parse_cancel_body(body: bytes) -> IdsRequest | RequestRejected:
    """A swap_cancel body: at most 10 ids (see ``parse_ids_body``)."""
    return parse_ids_body(body, max_ids=MAX_IDS)


def parse_order_info_body(body: bytes) -> IdsRequest | RequestRejected:
    """A swap_order_info body: at most 50 ids, with the same codes as a cancel (HTX reuses
    its error list across endpoints; see ``parse_ids_body``)."""
    return parse_ids_body(body, max_ids=MAX_ORDER_INFO_IDS)


def parse_ids_body(body: bytes, *, max_ids: int) -> IdsRequest | RequestRejected:
    """Validate the body. ``order_id`` wins when both id kinds are sent (HTX's rule).

    Codes: 1030 body not a JSON object; 1066 no ``contract_code``; 1014 a contract code that
    cannot exist; 1051 no ids at all; 1052 more than ``max_ids`` ids; 1067 a malformed
    ``order_id`` list; 1065 a malformed ``client_order_id`` list.
    """
    try:
        # Python's json keeps integers exact, so an id sent as a JSON number stays exact too.
        data = json.loads(body)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError
        return _reject(ErrorCode.INPUT_ERROR)
    if not isinstance(data, dict):
        return _reject(ErrorCode.INPUT_ERROR)
    contract_code = _contract_code(data.get("contract_code"))
    if isinstance(contract_code, RequestRejected):
        return contract_code
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
