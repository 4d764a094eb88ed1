"""Internal (_cli): What the ``htx-swap`` console command renders and its subcommands. Not public
API: import from ``htx_swap``.
"""
