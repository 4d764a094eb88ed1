"""The error codes and messages the exchange answers with, in one place.

Codes follow HTX's coin-margined swap error list; messages are written the way HTX writes them
(including the missing apostrophe of "doesnt", which the seed page shows). Gateway messages
follow the hyphenated spot-style answers captured in public bug reports, English then Chinese.
"""

from __future__ import annotations

import enum

from htx_swap_mock.verify import AuthFailure

__all__ = [
    "CONTENT_TYPE",
    "GATEWAY_CODE",
    "GATEWAY_STALE_TIMESTAMP_MESSAGE",
    "NO_CANCELLABLE_ORDERS_MESSAGE",
    "ErrorCode",
    "gateway_message",
]

# Real HTX answers carry JSON under this content type; the SDK must parse it all the same.
CONTENT_TYPE = "text/plain;charset=UTF-8"
GATEWAY_CODE = "api-signature-not-valid"
GATEWAY_STALE_TIMESTAMP_MESSAGE = (
    "Signature not valid: Invalid submission time or it's expired [无效的提交时间或已过期]"
)


# 1051 as a cancel-all answers it when nothing matched: the newer wording of HTX's swap error
# list ("No cancellable orders."); swap_cancel without ids keeps the older "No orders to cancel.".
NO_CANCELLABLE_ORDERS_MESSAGE = "No cancellable orders."


class ErrorCode(enum.IntEnum):
    """HTX business error codes (``err_code``), for whole requests and per order."""

    SYSTEM_ERROR = 1000
    SYSTEM_BUSY = 1004
    CONTRACT_NOT_FOUND = 1014
    INPUT_ERROR = 1030
    RATE_LIMITED = 1032
    NO_ORDERS_TO_CANCEL = 1051
    TOO_MANY_ORDERS = 1052
    SETTLING = 1056  # delivery futures: a settlement window is open
    DELIVERING = 1059  # delivery futures: a delivery window is open
    ORDER_NOT_FOUND = 1061
    ORDER_CANCELLING = 1062
    ORDER_FILLED = 1063
    CLIENT_ID_NOT_INTEGER = 1065
    FIELD_EMPTY = 1066
    ILLEGAL_FIELD = 1067
    REPEATED_CANCEL = 1071
    INVALID_SUBMISSION_TIME = 12001

    @property
    def message(self) -> str:
        return _MESSAGES[self]


_MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.SYSTEM_ERROR: "System error.",
    ErrorCode.SYSTEM_BUSY: "System busy. Please try again later.",
    ErrorCode.CONTRACT_NOT_FOUND: "This contract doesnt exist.",
    ErrorCode.INPUT_ERROR: "Input error.",
    ErrorCode.RATE_LIMITED: "The number of access exceeded the limit.",
    ErrorCode.NO_ORDERS_TO_CANCEL: "No orders to cancel.",
    ErrorCode.TOO_MANY_ORDERS: "The number of orders to cancel exceeds the limit.",
    # as the coin-M delivery futures' own error table writes them
    ErrorCode.SETTLING: "Settling. Unable to place/cancel orders currently.",
    ErrorCode.DELIVERING: "Delivering contracts. Unable to place/cancel orders currently.",
    ErrorCode.ORDER_NOT_FOUND: "This order doesnt exist.",
    ErrorCode.ORDER_CANCELLING: "Cancelling. Unable to cancel.",
    ErrorCode.ORDER_FILLED: "The order has been executed.",
    ErrorCode.CLIENT_ID_NOT_INTEGER: "The client order id is not an integer.",
    ErrorCode.FIELD_EMPTY: "{} cannot be empty.",
    ErrorCode.ILLEGAL_FIELD: "Illegal {}.",
    ErrorCode.REPEATED_CANCEL: "Repeated withdraw.",
    ErrorCode.INVALID_SUBMISSION_TIME: "Invalid submission time.",
}

_PREFIX = "Signature not valid: "
_GATEWAY_MESSAGES: dict[AuthFailure, str] = {
    AuthFailure.MISSING_PARAMETER: _PREFIX + "Missing required parameter {} [缺少必要参数]",
    AuthFailure.DUPLICATE_PARAMETER: _PREFIX + "Duplicated parameter {} [参数重复]",
    AuthFailure.BAD_SIGNATURE_METHOD: _PREFIX + "Incorrect signature method [签名方法错误]",
    AuthFailure.BAD_SIGNATURE_VERSION: _PREFIX + "Incorrect signature version [签名版本错误]",
    AuthFailure.UNKNOWN_ACCESS_KEY: _PREFIX + "Incorrect Access key [Access key错误]",
    AuthFailure.BAD_SIGNATURE: _PREFIX + "Verification failure [校验失败]",
    AuthFailure.BAD_TIMESTAMP: GATEWAY_STALE_TIMESTAMP_MESSAGE,
    AuthFailure.STALE_TIMESTAMP: GATEWAY_STALE_TIMESTAMP_MESSAGE,
}


def gateway_message(failure: AuthFailure, detail: str = "") -> str:
    """The gateway's ``err-msg`` for a refused signature."""
    return _GATEWAY_MESSAGES[failure].format(detail)
