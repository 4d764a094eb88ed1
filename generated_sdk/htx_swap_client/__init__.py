# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
"""A client library for accessing HTX Coin-Margined Swap and Delivery Futures API"""

# The clients are imported on first use: a consumer that uses only the models, the operations
# table or an endpoint module's request builder and parser does not pay for them.
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)


def __getattr__(name: str) -> object:
    if name in __all__:
        from . import client

        return getattr(client, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
