"""Tables worked out from packages' data once and kept in the cache folder: the month names of
seven languages and the country names of CLDR, pycountry and GeoNames take babel 0.1 to 0.2 s to
assemble at every start, and a few milliseconds to read back.

A kept table is keyed by the versions of the packages it reads and by the source of the module
that makes it, so a new package or an edit to the code makes it again; only the newest of each
name is kept. A cache folder that cannot be read or written costs only the time."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from ..errors import CacheError
from .files import atomic_output
from .paths import cache_dir


def kept(name: str, module_file: str, packages: tuple[str, ...], make: Callable[[], dict]) -> dict:
    """make()'s table (JSON-able), from the cache folder when an earlier run kept the same one."""
    try:
        key = _key(module_file, packages)
    except (OSError, metadata.PackageNotFoundError):
        return make()
    folder = cache_dir()
    path = folder / f"{name}-{key}.json"
    try:
        with path.open(encoding="utf-8") as stream:
            return json.load(stream)
    except (OSError, ValueError):
        pass
    table = make()
    try:
        with atomic_output(path, "w", error=CacheError, fix="set MAPGEN_CACHE_DIR to a folder you can write to") as stream:
            json.dump(table, stream, ensure_ascii=False, separators=(",", ":"))
        for older in folder.glob(f"{name}-*.json"):
            if older != path:
                older.unlink(missing_ok=True)
    except (CacheError, OSError):
        pass
    return table


def _key(module_file: str, packages: tuple[str, ...]) -> str:
    digest = hashlib.sha256(Path(module_file).read_bytes())
    for package in packages:
        digest.update(f"\0{package}={metadata.version(package)}".encode())
    return digest.hexdigest()[:16]
