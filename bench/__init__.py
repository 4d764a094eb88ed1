"""Benchmarks of htx_swap against ccxt and bare httpx: ``make bench`` or ``python -m bench``.

Each module measures one thing (signing, one cancel end to end, async throughput, cold import,
bulk cancels, memory); ``bench.report`` prints them as one table of ratios and targets. The
local exchange runs in another process (``bench.server``), so the client's CPU time per call
(``time.process_time()``) is the client's alone.
"""

__all__: list[str] = []
