"""Internal (_redis): Redis-backed limiters, the shared dead man's switch and multi-account panic.
Not public API: import from ``htx_swap``.
"""
