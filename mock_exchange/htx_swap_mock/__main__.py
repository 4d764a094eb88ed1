"""``python -m htx_swap_mock``: the same as the ``htx-swap-mock`` command."""

from htx_swap_mock.cli import main

__all__: list[str] = []

raise SystemExit(main())
