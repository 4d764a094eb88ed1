"""What the engine's flows need to know about one product (one of HTX's API families), as
data: the flows themselves are written once, in ``engine`` and ``family``.

A product names the operations of the spec its flows call (the batch cancel, the order read
``cancel_and_confirm`` polls), how many ids one order read takes, and how its contract codes
are checked. Everything else (paths, methods, id limits, buckets, envelopes) comes from the
operations' facts in ``openapi.yaml`` (``codec.facts``), and the answers' shapes from the
decoders ``codec`` picks by each operation's envelope.
"""

from __future__ import annotations

from collections.abc import Callable

from htx_swap.record import Record
from htx_swap.validation import validate_contract_code

__all__ = ["SWAP", "Product"]


class Product(Record):
    """One product's part of the flows: ``cancel`` (the batch cancel operation),
    ``order_info`` (the order read), ``reads_per_request`` (ids one order read takes; None:
    the operation's ``max_ids``), ``contract_code`` (the check of a contract code, an
    ``InvalidRequestError`` naming the field)."""

    __slots__ = ("cancel", "contract_code", "name", "order_info", "reads_per_request")

    def __init__(
        self,
        name: str,
        *,
        cancel: str,
        order_info: str,
        contract_code: Callable[[object], str],
        reads_per_request: int | None = None,
    ) -> None:
        self.name, self.cancel, self.order_info = name, cancel, order_info
        self.contract_code, self.reads_per_request = contract_code, reads_per_request


SWAP = Product(
    "swap",
    cancel="swap_cancel",
    order_info="swap_order_info",
    contract_code=validate_contract_code,
)
