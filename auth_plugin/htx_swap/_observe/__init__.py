"""Internal (_observe): Records, hooks, spans, metrics and log lines around each call and attempt.
Not public API: import from ``htx_swap``.
"""
