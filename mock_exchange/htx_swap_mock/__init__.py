"""A local HTX-compatible exchange for tests and demos: real HTTP, signature v2 checked by its
own implementation, orders of every kind (limit, trigger, TP/SL, trailing) and their lifecycle
(the cancel family, order info, open orders, the dead man's switch), rate limits, faults, and a
record of every request.

This package is imported by every pytest run of every consumer (through its pytest plugin),
also where the ``mock`` extra (uvicorn, trustme) is not installed: importing it must stay
cheap and dependency-free. Names are therefore loaded on first use.

>>> from htx_swap_mock import MockExchange, faults  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    __version__: str
    from htx_swap_mock import faults, moves
    from htx_swap_mock.cancel_after import CancelAfterState
    from htx_swap_mock.faults import Fault, FaultKind, FaultRule
    from htx_swap_mock.lifecycle import Direction, Offset, OnCancel, OrderKind
    from htx_swap_mock.moves import Move, MoveKind, MoveRule
    from htx_swap_mock.order_spec import OrderSpec
    from htx_swap_mock.orders import IdKind, Order, OrderState
    from htx_swap_mock.recording import ReceivedRequest
    from htx_swap_mock.server import DEFAULT_CREDENTIALS, MockExchange
    from htx_swap_mock.settings import ExchangeSettings, TimestampErrorStyle
    from htx_swap_mock.verify import AuthFailure

__all__ = [
    "DEFAULT_CREDENTIALS",
    "AuthFailure",
    "CancelAfterState",
    "Direction",
    "ExchangeSettings",
    "Fault",
    "FaultKind",
    "FaultRule",
    "IdKind",
    "MockExchange",
    "Move",
    "MoveKind",
    "MoveRule",
    "Offset",
    "OnCancel",
    "Order",
    "OrderKind",
    "OrderSpec",
    "OrderState",
    "ReceivedRequest",
    "TimestampErrorStyle",
    "__version__",
    "faults",
    "moves",
]

_HOME = {
    "DEFAULT_CREDENTIALS": "htx_swap_mock.server",
    "MockExchange": "htx_swap_mock.server",
    "AuthFailure": "htx_swap_mock.verify",
    "ExchangeSettings": "htx_swap_mock.settings",
    "TimestampErrorStyle": "htx_swap_mock.settings",
    "Fault": "htx_swap_mock.faults",
    "FaultKind": "htx_swap_mock.faults",
    "FaultRule": "htx_swap_mock.faults",
    "IdKind": "htx_swap_mock.orders",
    "Direction": "htx_swap_mock.lifecycle",
    "Offset": "htx_swap_mock.lifecycle",
    "OnCancel": "htx_swap_mock.lifecycle",
    "OrderKind": "htx_swap_mock.lifecycle",
    "OrderSpec": "htx_swap_mock.order_spec",
    "Move": "htx_swap_mock.moves",
    "MoveKind": "htx_swap_mock.moves",
    "MoveRule": "htx_swap_mock.moves",
    "CancelAfterState": "htx_swap_mock.cancel_after",
    "Order": "htx_swap_mock.orders",
    "OrderState": "htx_swap_mock.orders",
    "ReceivedRequest": "htx_swap_mock.recording",
}


def __getattr__(name: str) -> object:
    if name == "__version__":  # the installed distribution's metadata: the one source
        from importlib.metadata import version

        return version("htx-swap-sdk")
    if name in {"faults", "moves"}:
        return importlib.import_module(f"htx_swap_mock.{name}")
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'htx_swap_mock' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


def __dir__() -> list[str]:
    return sorted(__all__)
