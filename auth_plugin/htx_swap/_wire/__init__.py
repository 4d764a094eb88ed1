"""Internal (_wire): Bytes in and out: signing, the codec, answers read capped, the transport,
checks made before sending. Not public API: import from ``htx_swap``.
"""
