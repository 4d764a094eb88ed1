"""``HTX_SWAP_LOG=debug|info``: the ``htx_swap`` logger on, to stderr, by one variable.

Read when a client is built (the first time it is set, a stderr handler is added; later clients
change nothing). The lines go through the same redaction as every other log line of the SDK
(``AccessKeyId`` and ``Signature`` values as ``***``; the secret key is never logged). Each
line carries structured ``extra`` fields for a JSON formatter: ``operation``, ``attempt``,
``status``, ``code``, ``may_have_reached``.

- ``debug``: a line per attempt (status, HTX code, time) and everything ``info`` logs;
- ``info``: a line per call (accepted, refused, in doubt; attempts and time), per retry and
  per rate-limit wait, and the SDK's warnings.

Whatever a handler or filter of the application raises while one of the SDK's loggers
(``htx_swap``, ``htx_swap.push``, ``htx_swap.redis``) emits a line is dropped with the line
(``spare``): logging never changes a call's outcome, nor escapes it.

Any other value turns nothing on and stops nothing: a typo in a logging variable must never
stop a client being built (an emergency ``htx-swap panic`` least of all). It is a
``RuntimeWarning`` naming the variable, shown on stderr as Python shows warnings; where
warnings are errors (``-W error``) the same text is written to stderr instead of raised.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import warnings
from collections.abc import Callable, Mapping

from htx_swap._model.redaction import install_log_redaction

__all__ = ["LOGGERS", "LOG_ENV", "configure_from_env", "spare"]

LOG_ENV = "HTX_SWAP_LOG"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_HANDLER: list[logging.Handler] = []  # the stderr handler, once added
LOGGERS = ("htx_swap", "htx_swap.push", "htx_swap.redis")  # the SDK's own


def spare(*names: str) -> None:
    """The loggers ``names`` (default ``LOGGERS``) made to drop what a handler or filter raises
    (idempotent): ``Logger.handle`` of each, guarded on the instance. Logging's own guard
    (``Handler.handleError``) covers only a handler's ``emit``: a handler that overrides
    ``handle``, or a filter that raises, would otherwise end the SDK's call mid-flight."""
    for name in names or LOGGERS:
        logger = logging.getLogger(name)
        if "handle" not in vars(logger):
            setattr(logger, "handle", _spared(logger.handle))  # noqa: B010 - on the instance


def _spared(handle: Callable[[logging.LogRecord], None]) -> Callable[[logging.LogRecord], None]:
    def guarded(record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):  # the application's handler: the line dropped
            handle(record)

    return guarded


spare()  # from the SDK's first import: its lines can never break a call


def configure_from_env(environ: Mapping[str, str] | None = None) -> None:
    """Turn the ``htx_swap`` logger on at the level ``HTX_SWAP_LOG`` names (unset or empty:
    nothing changes); any other value is a ``RuntimeWarning`` naming the variable, and nothing
    changes."""
    value = (os.environ if environ is None else environ).get(LOG_ENV, "").strip().lower()
    if not value:
        return
    level = _LEVELS.get(value)
    if level is None:
        _warn(f"{LOG_ENV} must be debug or info, got {value[:40]!r}: logging stays as it was")
        return
    logger = logging.getLogger("htx_swap")
    install_log_redaction()
    if not _HANDLER:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(_FORMAT))
        logger.addHandler(handler)
        _HANDLER.append(handler)
    _HANDLER[0].setLevel(level)
    logger.setLevel(level)


def _warn(message: str) -> None:
    """A warning that never raises: under ``-W error`` it is written to stderr instead."""
    try:
        warnings.warn(message, RuntimeWarning, stacklevel=2)
    except Warning:
        print(f"htx_swap: RuntimeWarning: {message}", file=sys.stderr)
