"""A local HTX-compatible exchange for tests and demos (being built)."""

__all__: list[str] = []
