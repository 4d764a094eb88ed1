"""API credentials: the access key is an identifier, the secret key never leaves this object."""

from __future__ import annotations

import os
from collections.abc import Mapping

import attrs

from htx_swap.errors import InvalidRequestError

__all__ = ["ACCESS_KEY_ENV", "SECRET_KEY_ENV", "HtxCredentials"]

ACCESS_KEY_ENV = "HTX_ACCESS_KEY"
SECRET_KEY_ENV = "HTX_SECRET_KEY"  # noqa: S105 - the variable's name, not a secret


def _problem(value: object) -> str | None:
    """What is wrong with a key, in words that never repeat it; None when it is usable."""
    if not isinstance(value, str):
        return "must be a string"
    if not value:
        return "must be a non-empty string"
    if value != value.strip():
        return "has leading or trailing whitespace (a pasted space or newline?)"
    if not value.isprintable():
        return "contains a control or invisible character (a pasted newline or tab?)"
    return None


def _valid_key(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    problem = _problem(value)
    if problem is not None:
        raise InvalidRequestError(attribute.name, problem)


@attrs.frozen
class HtxCredentials:
    """An HTX API key pair. ``repr``/``str`` show the access key only.

    >>> HtxCredentials("my-access-key", "my-secret")
    HtxCredentials(access_key='my-access-key')
    """

    access_key: str = attrs.field(validator=_valid_key)
    secret_key: str = attrs.field(validator=_valid_key, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> HtxCredentials:
        """Read ``HTX_ACCESS_KEY`` and ``HTX_SECRET_KEY``; name the variable that is wrong.

        The values are read and checked in a helper that returns: when this raises, no frame
        of the traceback holds the environment or a key (tools that record locals, such as
        ``traceback.TracebackException(..., capture_locals=True)`` or Sentry, record none).
        """
        found = _read_env(os.environ if environ is None else environ)
        del environ
        if isinstance(found, InvalidRequestError):
            raise found
        return found


def _read_env(env: Mapping[str, str]) -> HtxCredentials | InvalidRequestError:
    missing = [name for name in (ACCESS_KEY_ENV, SECRET_KEY_ENV) if not env.get(name)]
    if len(missing) == 2:
        both = f"{ACCESS_KEY_ENV} and {SECRET_KEY_ENV}"
        return InvalidRequestError(both, "are not set in the environment (or are empty)")
    if missing:
        return InvalidRequestError(missing[0], "is not set in the environment (or is empty)")
    for name in (ACCESS_KEY_ENV, SECRET_KEY_ENV):
        problem = _problem(env[name])
        if problem is not None:
            return InvalidRequestError(name, problem)
    return HtxCredentials(env[ACCESS_KEY_ENV], env[SECRET_KEY_ENV])
