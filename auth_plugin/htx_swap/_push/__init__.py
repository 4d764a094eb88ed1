"""Internal (_push): The order push (WebSocket): protocol, session, stream and its two drivers. Not
public API: import from ``htx_swap``.
"""
