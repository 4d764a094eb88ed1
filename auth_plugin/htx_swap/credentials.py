"""API credentials: the access key is an identifier, the secret key never leaves this object."""

from __future__ import annotations

import os
from collections.abc import Mapping

import attrs

from htx_swap.errors import InvalidRequestError

__all__ = ["ACCESS_KEY_ENV", "SECRET_KEY_ENV", "HtxCredentials"]

ACCESS_KEY_ENV = "HTX_ACCESS_KEY"
SECRET_KEY_ENV = "HTX_SECRET_KEY"  # noqa: S105 - the variable's name, not a secret


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(attribute.name, "must be a non-empty string")


@attrs.frozen
class HtxCredentials:
    """An HTX API key pair. ``repr``/``str`` show the access key only.

    >>> HtxCredentials("my-access-key", "my-secret")
    HtxCredentials(access_key='my-access-key')
    """

    access_key: str = attrs.field(validator=_non_empty)
    secret_key: str = attrs.field(validator=_non_empty, repr=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> HtxCredentials:
        """Read ``HTX_ACCESS_KEY`` and ``HTX_SECRET_KEY``; name the variable that is missing."""
        env = os.environ if environ is None else environ
        missing = [name for name in (ACCESS_KEY_ENV, SECRET_KEY_ENV) if not env.get(name)]
        if missing:
            raise InvalidRequestError(
                " and ".join(missing), "is not set in the environment (or is empty)"
            )
        return cls(env[ACCESS_KEY_ENV], env[SECRET_KEY_ENV])
