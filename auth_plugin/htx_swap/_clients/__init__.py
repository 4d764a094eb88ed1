"""Internal (_clients): The drivers (sync and async) and the surface they share. Not public API:
import from ``htx_swap``.
"""
