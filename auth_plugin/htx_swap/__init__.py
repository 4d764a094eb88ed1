"""Signed, typed client for HTX coin-margined swap cancels (wraps the generated htx_swap_client)."""

__all__: list[str] = []
