"""Internal (_engine): The I/O-free flows: the engine and its steps, retries, limiters, the cancel
family, confirmation, the dead man's switch. Not public API: import from ``htx_swap``.
"""
