"""Property tests (hypothesis). Derandomized: every run tries the same examples, so a failure
reproduces and CI never flakes; the example counts keep the folder to a few seconds."""

from __future__ import annotations

from hypothesis import settings

__all__ = ["PROPERTY_SETTINGS"]

PROPERTY_SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=150)
