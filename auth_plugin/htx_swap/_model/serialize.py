"""``to_dict()`` / ``to_json()`` of every result, outcome, report, ``OrderInfo``, ``OpenOrder``
and ``AttemptRecord``: JSON-ready values, ids and ``Decimal`` numbers as strings (exact), never
floats.

One schema: a ``CancelResult``, a ``CancelOutcome`` and a ``PanicReport`` give the very
document ``htx-swap --json`` prints for them (``cli_render``'s builders; the CLI calls
``to_dict``), so a bot's log and the emergency CLI's output read alike. Other values give
their fields by name. ``attempts=True`` adds ``attempt_log``: a dict per ``AttemptRecord``.
Every string is redacted as log lines are (``AccessKeyId=***``, ``Signature=***``): a server's
text may echo the signed query.
"""

from __future__ import annotations

import enum
import json
from decimal import Decimal
from typing import Any

import attrs

__all__ = ["Serializable", "to_dict", "to_json"]


def _value(value: object) -> Any:  # noqa: ANN401 - any JSON value
    from htx_swap._model.errors import HtxError

    shown: Any = value
    if isinstance(value, Decimal):
        shown = str(value)  # exact, as HTX sent it; never a float
    elif isinstance(value, enum.Enum):
        shown = value.name.lower()
    elif isinstance(value, dict):
        shown = {str(k): _value(v) for k, v in value.items()}
    elif isinstance(value, list | tuple):
        shown = [_value(v) for v in value]
    elif isinstance(value, HtxError):
        from htx_swap._cli.cli_render import error_document

        shown = error_document(value)
    elif attrs.has(type(value)):
        shown = _fields(value)
    elif not (isinstance(value, bool | int | float | str) or value is None):
        shown = str(value)
    return shown


def _fields(value: Any) -> dict[str, Any]:  # noqa: ANN401 - an attrs instance
    """An attrs value's fields by name (``attempt_log`` left to ``attempts=True``; an
    ``AttemptRecord``'s raw headers as the values read from them)."""
    document = {
        field.name: _value(getattr(value, field.name))
        for field in attrs.fields(type(value))
        if field.name not in {"attempt_log", "headers"}
    }
    for name in getattr(type(value), "_serialized_properties", ()):
        document[name] = _value(getattr(value, name))
    return document


def to_dict(value: object, *, attempts: bool = False, base_url: str = "") -> dict[str, Any]:
    """``value`` as JSON-ready values (the CLI's document for a cancel, a confirmed cancel and
    a panic); ``attempts`` adds ``attempt_log``; ``base_url`` names the exchange in the
    message of an answer that did not come from HTX's API (as the CLI does)."""
    from htx_swap._cli import cli_render
    from htx_swap._engine.confirm import CancelOutcome
    from htx_swap._model.reports import PanicReport
    from htx_swap._model.results import CancelResult

    document: dict[str, Any]
    if isinstance(value, CancelResult):
        document = cli_render.cancel_document(value, base_url)
    elif isinstance(value, CancelOutcome):
        document = cli_render.outcome_document(value, base_url)
    elif isinstance(value, PanicReport):
        document = cli_render.panic_document(value, base_url)
    else:
        document = _fields(value)
    if attempts:
        document["attempt_log"] = [_fields(r) for r in getattr(value, "attempt_log", ())]
    return _redacted(document)  # type: ignore[no-any-return]


def _redacted(value: Any) -> Any:  # noqa: ANN401 - any JSON value
    """``value`` with signed-URL parameters redacted in every string: a server's text (an
    error message, a header) may echo the request's signed query."""
    from htx_swap._model.redaction import redact

    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: _redacted(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_redacted(v) for v in value]
    return value


def to_json(value: object, **options: Any) -> str:  # noqa: ANN401 - to_dict's keywords
    """``to_dict(value, **options)`` as one line of JSON, ASCII only (as ``htx-swap --json``
    prints it)."""
    return json.dumps(to_dict(value, **options), ensure_ascii=True)


class Serializable:
    """``to_dict()`` and ``to_json()`` for the SDK's value classes."""

    __slots__ = ()

    def to_dict(self, *, attempts: bool = False, base_url: str = "") -> dict[str, Any]:
        """This value as JSON-ready values: ids and ``Decimal`` numbers as strings; a cancel,
        a confirmed cancel and a panic as ``htx-swap --json`` prints them. ``attempts=True``
        adds ``attempt_log`` (a dict per attempt)."""
        return to_dict(self, attempts=attempts, base_url=base_url)

    def to_json(self, *, attempts: bool = False, base_url: str = "") -> str:
        """``to_dict()`` as one line of JSON (ASCII only); ``json.loads`` gives it back."""
        return to_json(self, attempts=attempts, base_url=base_url)
