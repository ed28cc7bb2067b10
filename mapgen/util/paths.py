"""Where mapgen keeps what it builds once and reuses: the gazetteer index, caches."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_VARIABLE = "MAPGEN_CACHE_DIR"


def cache_dir() -> Path:
    """Where mapgen keeps its gazetteer index and geocode cache (MAPGEN_CACHE_DIR wins)."""
    if os.environ.get(CACHE_VARIABLE):
        return Path(os.environ[CACHE_VARIABLE])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mapgen"
