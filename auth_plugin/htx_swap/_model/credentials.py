"""API credentials: the access key is an identifier, the secret key never leaves this object."""

from __future__ import annotations

import os
from collections.abc import Mapping

import attrs

from htx_swap._model.errors import InvalidRequestError

__all__ = ["ACCESS_KEY_ENV", "BASE_URL_ENV", "SECRET_KEY_ENV", "HtxCredentials"]

ACCESS_KEY_ENV = "HTX_ACCESS_KEY"
SECRET_KEY_ENV = "HTX_SECRET_KEY"  # noqa: S105 - the variable's name, not a secret
# The exchange a client built from the environment talks to (``SwapClient.from_env``, the
# CLI): the keys and the URL they belong to, set together (the local exchange prints all three).
BASE_URL_ENV = "HTX_BASE_URL"


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


@attrs.frozen(init=False)
class HtxCredentials:
    """An HTX API key pair. ``repr``/``str`` show the access key only.

    >>> HtxCredentials("my-access-key", "my-secret")
    HtxCredentials(access_key='my-access-key')
    """

    access_key: str
    secret_key: str = attrs.field(repr=False)

    def __init__(self, access_key: str, secret_key: str) -> None:
        # Checked here, not by attrs validators: when this raises, no frame of the traceback
        # (this one included: the keys are deleted first) holds a key for a tool that records
        # locals to find.
        wrong = [
            (n, p)
            for n, v in (("access_key", access_key), ("secret_key", secret_key))
            if (p := _problem(v)) is not None
        ]
        if wrong:
            del access_key, secret_key, self  # (a half-built self has no repr to record)
            raise InvalidRequestError(*wrong[0])
        self.__attrs_init__(access_key, secret_key)

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
