"""Handing memory back to the system once a large table has been read."""

from __future__ import annotations

import ctypes


def release_unused() -> None:
    """Give back what reading a table in chunks freed but kept: Arrow's memory pool holds on to
    its chunks' buffers and glibc's heap to its high-water mark (about a fifth of what two million
    ACLED rows take, measured), room the page built next needs. Elsewhere than on glibc, only
    Arrow's pool is asked."""
    try:
        import pyarrow
    except ImportError:
        pyarrow = None
    if pyarrow is not None:
        pyarrow.default_memory_pool().release_unused()
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (AttributeError, OSError):
        pass
