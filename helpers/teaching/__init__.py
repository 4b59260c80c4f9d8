"""Layer 4 — teaching: exercises checked in place, the capstone, the two editions, handouts.

Uses every layer below; nothing below uses it.
"""

from .._lazy import submodules

__getattr__ = submodules(__name__)
