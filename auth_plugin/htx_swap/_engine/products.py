"""What the engine's flows need to know about one product (one of HTX's API families), as
data: the flows themselves are written once, in ``engine`` and ``family``.

A product names the operations of the spec its flows call (the batch cancel, the order read
``cancel_and_confirm`` polls, each kind's cancel, cancel-all and open-orders listing, the dead
man's switch), how many ids one order read takes, how its contracts are named in a request
(``naming``: swaps by ``contract_code``, coin-M delivery futures by ``symbol``) and how that
name is checked. Everything else (paths, methods, id limits, buckets, envelopes) comes from
the operations' facts in ``openapi.yaml`` (``codec.facts``), and the answers' shapes from the
generated models.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypedDict

from htx_swap._model.record import Record
from htx_swap._wire.validation import validate_contract_code

__all__ = ["SWAP", "FamilyOperations", "Product", "family_operations", "naming_of", "product_of"]

_BY_NAME: dict[str, Product] = {}


class Product(Record):
    """One product's part of the flows: ``cancel`` (the batch cancel operation),
    ``order_info`` (the order read), ``reads_per_request`` (ids one order read takes; None:
    the operation's ``max_ids``), ``contract_code`` (the check of a contract's name, an
    ``InvalidRequestError`` naming the field), ``naming`` (the request field that names the
    contract), ``cancels`` / ``cancel_alls`` / ``listings`` (each kind's operation; a listing
    with its generated model), ``cancel_after`` (the dead man's switch) and ``order_model``
    (the generated model of one order read), ``order_push`` (whether ``cancel_and_confirm``
    can confirm from the SDK's order push: the coin-M swaps' only, else it polls)."""

    __slots__ = (
        "cancel",
        "cancel_after",
        "cancel_alls",
        "cancels",
        "contract_code",
        "listings",
        "name",
        "naming",
        "order_info",
        "order_model",
        "order_push",
        "reads_per_request",
    )

    def __init__(
        self,
        name: str,
        *,
        cancel: str,
        order_info: str,
        contract_code: Callable[[object], str],
        reads_per_request: int | None = None,
        naming: str = "contract_code",
        cancels: Mapping[str, str] | None = None,
        cancel_alls: Mapping[str, str] | None = None,
        listings: Mapping[str, tuple[str, str]] | None = None,
        cancel_after: str = "swap_cancel_after",
        order_model: str = "SwapOrderInfo",
        order_push: bool = False,
    ) -> None:
        self.name, self.cancel, self.order_info = name, cancel, order_info
        self.contract_code, self.reads_per_request = contract_code, reads_per_request
        self.naming, self.cancel_after, self.order_model = naming, cancel_after, order_model
        self.order_push = order_push
        self.cancels = dict(cancels or {})
        self.cancel_alls = dict(cancel_alls or {})
        self.listings = dict(listings or {})
        _BY_NAME[name] = self


def product_of(name: str) -> Product:
    """The product described as ``name`` (an operation's ``x-htx-product``); the swaps' for
    one not described (yet: a product's module is imported when its client is used)."""
    return _BY_NAME.get(name) or _BY_NAME["swap"]


def naming_of(operation_product: str) -> str:
    """The request field that names a contract in ``operation_product``'s operations."""
    return product_of(operation_product).naming


# each kind's part of an operation's name in HTX's swap-style APIs, and of its model's
_KIND_PARTS = {"limit": ("", ""), "trigger": ("trigger_", "Trigger"), "tpsl": ("tpsl_", "Tpsl")}
_KIND_PARTS["trailing"] = ("track_", "Track")


class FamilyOperations(TypedDict):
    """``Product``'s ``cancels``, ``cancel_alls`` and ``listings``, by kind."""

    cancels: Mapping[str, str]
    cancel_alls: Mapping[str, str]
    listings: Mapping[str, tuple[str, str]]


def family_operations(prefix: str, model: str) -> FamilyOperations:
    """The cancel family's operations of an API named as the swaps' are (``swap_cancel``,
    ``swap_trigger_cancelall``, ``swap_track_openorders`` with model ``SwapTrackOpenOrder``
    ...) for operation ``prefix`` (``"swap_"``, ``"contract_"``) and model prefix ``model``:
    ``Product``'s ``cancels``, ``cancel_alls`` and ``listings``."""
    return {  # the kinds, in order: limit, trigger, tpsl, trailing
        "cancels": {kind: f"{prefix}{part}cancel" for kind, (part, _) in _KIND_PARTS.items()},
        "cancel_alls": {
            kind: f"{prefix}{part}cancelall" for kind, (part, _) in _KIND_PARTS.items()
        },
        "listings": {
            kind: (f"{prefix}{part}openorders", f"{model}{shape}OpenOrder")
            for kind, (part, shape) in _KIND_PARTS.items()
        },
    }


SWAP = Product(
    "swap",
    cancel="swap_cancel",
    order_info="swap_order_info",
    contract_code=validate_contract_code,
    order_push=True,
    **family_operations("swap_", "Swap"),
)
