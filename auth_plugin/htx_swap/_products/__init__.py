"""Internal (_products): Each product as data for the same flows: coin-M swaps, coin-M delivery
futures, USDT-M (v5): operations, contract naming, panic plans. Not public API: import from
``htx_swap``.
"""
