"""Internal (_model): What a caller holds: errors, credentials, results, reports, order
information. Not public API: import from ``htx_swap``.
"""
