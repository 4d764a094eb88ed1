# Generated from openapi.yaml by `make generate` (openapi-python-client). Do not edit.
"""A client library for accessing HTX Coin-Margined Swap API"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
