"""Every public name of htx_swap has a docstring, and so has every public method or property of
its classes: ``help()`` reads cleanly (issue: the first hour of a new user)."""

from __future__ import annotations

import inspect

import htx_swap


def _undocumented() -> list[str]:
    missing: list[str] = []
    for name in htx_swap.__all__:
        obj = getattr(htx_swap, name)
        if name.startswith("__") or isinstance(obj, str | int | float):
            continue
        if not (inspect.getdoc(obj) or "").strip():
            missing.append(name)
        if not inspect.isclass(obj):
            continue
        for attr, value in vars(obj).items():
            if attr.startswith("_"):
                continue
            target = value.fget if isinstance(value, property) else value
            target = getattr(target, "__func__", target)
            if callable(target) and not (getattr(target, "__doc__", None) or "").strip():
                missing.append(f"{name}.{attr}")
    return missing


def test_every_public_name_has_a_docstring() -> None:
    assert _undocumented() == []


def test_help_of_the_clients_shows_no_object_address() -> None:
    for client in (htx_swap.SwapClient, htx_swap.AsyncSwapClient):
        text = inspect.getdoc(client) or ""
        signature = str(inspect.signature(client))
        assert "object at 0x" not in signature + text
        assert "rate_limiter: RateLimiter | Default | None = HTX_LIMITS" in signature


def test_the_public_methods_show_their_real_signature() -> None:
    signature = inspect.signature(htx_swap.SwapClient.cancel)
    assert list(signature.parameters) == [
        "self",
        "contract_code",
        "order_ids",
        "client_order_ids",
        "timeout",
    ]
    assert signature.return_annotation == "CancelResult"
    assert htx_swap.SwapClient.cancel.__name__ == "cancel"
