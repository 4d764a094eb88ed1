"""Turn an HTTP answer into a ``CancelResult`` or one of the SDK's exceptions.

The generated ``swap_cancel`` module parses the body into its attrs models; this module checks
what the generator does not (types, id syntax) and maps HTX's error codes to exception classes.
"""

from __future__ import annotations

import datetime
import email.utils
import re
import time

import httpx
from htx_swap_client import Client
from htx_swap_client.api.trade import swap_cancel
from htx_swap_client.models import (
    HtxErrorResponse,
    HtxGatewayErrorResponse,
    SwapCancelData,
    SwapCancelOk,
)

from htx_swap.errors import (
    APIStatusError,
    AuthenticationError,
    HtxApiError,
    RateLimitError,
    ResponseParseError,
    ServerError,
    ServiceUnavailableError,
    TimestampError,
)
from htx_swap.redaction import excerpt
from htx_swap.results import CancelResult, OrderCancelError, RateLimit

__all__ = ["api_error", "error_from_shape", "parse_cancel_response", "retry_after_seconds"]

AUTH_CODES = frozenset({403, 1017} | set(range(12002, 12010)))
TIMESTAMP_CODES = frozenset({1003, 12001})
RATE_LIMIT_CODES = frozenset({1032})
BUSY_CODES = frozenset({1004})
UNAVAILABLE_STATUSES = frozenset({502, 503, 504})
_DECIMAL = re.compile(r"[0-9]+")
_TIMESTAMP_HINTS = ("timestamp", "submission time", "提交时间")
_PARSER = Client(base_url="", raise_on_unexpected_status=False)


def retry_after_seconds(headers: httpx.Headers) -> float | None:
    """Seconds to wait from ``Retry-After`` (seconds or an HTTP date) or HTX's ``recovery-time``
    (epoch milliseconds)."""
    value = headers.get("retry-after")
    if value is not None:
        try:
            return max(0.0, float(value))
        except ValueError:
            try:
                parsed = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError):  # neither seconds nor a date: not a wait to honour
                parsed = None
            if parsed is not None:
                if parsed.tzinfo is None:  # an HTTP date is always GMT ("-0000" parses naive)
                    parsed = parsed.replace(tzinfo=datetime.UTC)
                return max(0.0, parsed.timestamp() - time.time())
    recovery = headers.get("recovery-time")
    if recovery is not None:
        try:
            return max(0.0, int(recovery) / 1000 - time.time())
        except (ValueError, OverflowError):  # not a number, or too large to be a time
            return None
    return None


def _error_class(code: int | str | None, status_code: int, message: str) -> type[HtxApiError]:
    if isinstance(code, str):
        # The gateway's api-signature-not-valid also covers a stale timestamp; only the
        # message tells, and a TimestampError lets the client resync its clock.
        if any(hint in message.lower() for hint in _TIMESTAMP_HINTS):
            return TimestampError
        if code.startswith("api-signature") or "access-key" in code or "api-key" in code:
            return AuthenticationError
    by_meaning: list[tuple[type[HtxApiError], bool]] = [
        (AuthenticationError, code in AUTH_CODES or status_code in {401, 403}),
        (TimestampError, code in TIMESTAMP_CODES),
        (RateLimitError, code in RATE_LIMIT_CODES or status_code == 429),
        (ServiceUnavailableError, code in BUSY_CODES or status_code in UNAVAILABLE_STATUSES),
    ]
    return next((cls for cls, matches in by_meaning if matches), HtxApiError)


def api_error(response: httpx.Response, code: int | str | None, message: str) -> HtxApiError:
    cls = _error_class(code, response.status_code, message)
    return cls(
        message,
        code=code,
        status_code=response.status_code,
        body_excerpt=excerpt(response.content),
        retry_after=retry_after_seconds(response.headers),
    )


def _parse_error(response: httpx.Response, problem: str) -> ResponseParseError:
    return ResponseParseError(
        f"HTTP {response.status_code}: {problem}; body starts {excerpt(response.content)!r}",
        status_code=response.status_code,
        body_excerpt=excerpt(response.content),
    )


def _parse_json_shape(
    response: httpx.Response,
) -> SwapCancelOk | HtxErrorResponse | HtxGatewayErrorResponse:
    # HTX sends JSON as text/plain, so the body is parsed whatever the content type says.
    as_200 = (
        response if response.status_code == 200 else httpx.Response(200, content=response.content)
    )
    try:
        # _parse_response, not _build_response: the parsed model is all that is used here.
        parsed = swap_cancel._parse_response(client=_PARSER, response=as_200)
    except ValueError as exc:  # json.JSONDecodeError, UnicodeDecodeError, enum mismatch
        raise _parse_error(response, f"not JSON ({exc.__class__.__name__})") from None
    except (KeyError, TypeError, AttributeError):
        raise _parse_error(response, "matches none of HTX's answer shapes") from None
    except RecursionError:  # json gives up on deeply nested arrays or objects
        raise _parse_error(response, "JSON nested too deeply") from None
    if parsed is None:  # pragma: no cover - the status is always 200 here
        raise _parse_error(response, "no answer")
    return parsed


def _order_id(raw: object, response: httpx.Response) -> str:
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise _parse_error(response, f"order id {raw!r} is not a string")
    text = str(raw)
    if not _DECIMAL.fullmatch(text):
        raise _parse_error(response, f"order id {text!r} is not decimal")
    return text


def _result(ok: SwapCancelOk, response: httpx.Response) -> CancelResult:
    data = ok.data
    if not isinstance(data, SwapCancelData):
        raise _parse_error(response, "status ok without data")
    if not isinstance(data.successes, str):
        raise _parse_error(response, "data.successes is not a string")
    if isinstance(ok.ts, bool) or not isinstance(ok.ts, int):
        raise _parse_error(response, "ts is not an integer")
    raw_errors = data.errors if isinstance(data.errors, list) else []
    errors = []
    for item in raw_errors:
        code, message = item.err_code, item.err_msg
        if isinstance(code, bool) or not isinstance(code, int) or not isinstance(message, str):
            raise _parse_error(response, "data.errors holds an entry of the wrong types")
        errors.append(OrderCancelError(_order_id(item.order_id, response), code, message))
    successes = [_order_id(part, response) for part in data.successes.split(",") if part]
    return CancelResult(
        successes=successes,
        errors=errors,
        ts=ok.ts,
        rate_limit=RateLimit.from_headers(response.headers),
    )


def _status_error(response: httpx.Response) -> Exception:
    status = response.status_code
    if status == 429 or status in UNAVAILABLE_STATUSES or status in {401, 403}:
        return api_error(response, None, f"HTTP {status} {response.reason_phrase}".strip())
    cls = ServerError if status >= 500 else APIStatusError
    return cls(
        f"HTTP {status} {response.reason_phrase}; body starts {excerpt(response.content)!r}",
        status_code=status,
        body_excerpt=excerpt(response.content),
    )


def parse_cancel_response(response: httpx.Response) -> CancelResult:
    """The typed result of an accepted cancel; raises an ``HtxError`` for everything else."""
    if response.status_code != 200:
        try:
            shape = _parse_json_shape(response)
        except ResponseParseError:
            raise _status_error(response) from None
        if isinstance(shape, SwapCancelOk):
            raise _status_error(response)
    else:
        shape = _parse_json_shape(response)
    if isinstance(shape, SwapCancelOk):
        return _result(shape, response)
    raise error_from_shape(response, shape)


def error_from_shape(
    response: httpx.Response, shape: HtxErrorResponse | HtxGatewayErrorResponse
) -> HtxApiError | ResponseParseError:
    """The exception for one of HTX's two error shapes (any endpoint)."""
    if isinstance(shape, HtxErrorResponse):
        code = shape.err_code
        if isinstance(code, bool) or not isinstance(code, int | str):
            return _parse_error(response, f"err_code {code!r} is not a code")
        return api_error(response, code, str(shape.err_msg))
    return api_error(response, str(shape.err_code), str(shape.err_msg))
