"""Keep signed-URL parameters out of logs and exception messages."""

from __future__ import annotations

import logging
import re

__all__ = ["RedactingFilter", "excerpt", "install_log_redaction", "redact"]

_SIGNED_PARAM = re.compile(r"((?:AccessKeyId|Signature)=)[^&\s\"'>]*")
_EXCERPT_LENGTH = 200


def redact(text: str) -> str:
    """Replace the values of ``AccessKeyId`` and ``Signature`` with ``***``.

    >>> redact("https://h/p?AccessKeyId=abc&Timestamp=t&Signature=x%2By")
    'https://h/p?AccessKeyId=***&Timestamp=t&Signature=***'
    """
    return _SIGNED_PARAM.sub(r"\1***", text)


def excerpt(body: bytes) -> str:
    """A short, redacted, printable excerpt of a response body for error messages."""
    text = body[: _EXCERPT_LENGTH * 4].decode("utf-8", "replace")
    text = redact(text)
    return text if len(text) <= _EXCERPT_LENGTH else text[:_EXCERPT_LENGTH] + "…"


class RedactingFilter(logging.Filter):
    """Rewrites a log record's message so signed query parameters never reach a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = RedactingFilter()


def install_log_redaction(*logger_names: str) -> None:
    """Attach the filter to httpx's loggers (idempotent). httpx logs every request's full URL
    at INFO, query string included."""
    for name in logger_names or ("httpx", "httpcore", "htx_swap"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
