"""Placing incidents: the resolution chain from a row's place text to a position and its precision.

The chain, each step named in the ``geocoder`` column:

1. ``coordinates``: latitude and longitude given in the row win;
2. ``places``: the curated places table (checked facility positions, with sources);
3. ``cache:SERVICE``: an answer the online service gave in an earlier run;
4. ``SERVICE`` (nominatim by default): the online service, only when asked for (``--online``);
5. ``gazetteer``: the offline GeoNames gazetteer, also the fallback when the service fails.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from ..defaults import DEFAULT_SERVICE
from ..util.columns import as_text, distinct_rows
from ..util.geo import distance_km
from ..util.paths import cache_dir
from ..util.text import fold, normalise
from .cache import GeocodeCache
from .gazetteer import COUNTY_WORDS, NEAR_KM, OfflineGazetteer, town_radius_km
from .inference import TableArea, table_area, table_country
from .names import split_place, type_word
from .online import OnlineAnswer, OnlineLookup, cached_answer, forget_answer
from .options import PlaceOptions
from .places import PlacesTable, read_places
from .plausible import implausible
from .postal import NAMESAKE_KM, county_reach_km, postal_reach_km, postal_towns
from .precision import (
    ACLED_GEO_PRECISION,
    DEFAULT_RADIUS_KM,
    LOCATION_PRECISIONS,
    NEAR_TOWN_GEO_PRECISION,
    PART_OF_TOWN,
    STATED_NEAR,
    stated_precision,
    stated_reach_km,
)

__all__ = ["locate", "Locator", "OfflineGazetteer", "PlaceOptions", "PlacesTable", "read_places", "LOCATION_PRECISIONS", "ACLED_GEO_PRECISION"]

KEY_COLUMNS = ("place", "region", "country", "county")  # what a row's place is looked up by, once per distinct value
COUNTY_COLUMN = "county"  # a county beside the town (the Washington Post's v2): a qualifier the town must lie in
LOCATED_COLUMNS = ("latitude", "longitude", "location_precision", "geo_precision", "uncertainty_km", "geocoder", "matched_name",
                   "location_note")
# A namesake this far from the chosen place, with at least this share of its population (or at
# least HOMONYM_POPULATION people), makes an unqualified name a guess worth saying so in the row.
HOMONYM_DISTANCE_KM = 50
HOMONYM_POPULATION_SHARE = 0.05
HOMONYM_POPULATION = 20_000  # a namesake this large is worth naming whatever the size of the chosen place
HOMONYM_NEAR_KM = 15  # inside a named area, namesakes further apart than this (or the town's radius) are a doubt
NOT_ON_FILE = "no "  # how the gazetteer's note begins when it placed a row at its county for want of the town
POSTAL_GEOCODER = "postal"  # the step's name in the geocoder column: the USPS ZIP list


@dataclass(frozen=True)
class Placement:
    """Where one place text lands, how precisely, and which step of the chain placed it."""

    latitude: float
    longitude: float
    precision: str
    geocoder: str
    matched_name: str
    radius_km: float
    geo_precision: int
    note: str = ""  # how the qualifiers were read, or what to check; for an unplaced row, why

    @property
    def placed(self) -> bool:
        return self.latitude == self.latitude  # NaN for a row that could not be placed

    @classmethod
    def unplaced(cls, reason: str) -> Placement:
        return cls(float("nan"), float("nan"), "", "", "", float("nan"), 0, reason)


class Locator:
    """Runs the resolution chain, looking each unique (place, region, country) up once."""

    def __init__(self, *, places: PlacesTable | None = None, gazetteer: OfflineGazetteer | None = None,
                 cache: GeocodeCache | None = None, online: OnlineLookup | None = None, service: str = DEFAULT_SERVICE,
                 drafted: bool = False):
        self.drafted = drafted  # the rows were drafted from articles (see OfflineGazetteer.resolve)
        self.places = places or PlacesTable.empty()
        self.gazetteer = gazetteer or OfflineGazetteer()
        self.online = online
        self.cache = online.cache if online else cache
        self.service = online.service if online else service
        self._memo: dict[tuple[str, str, str], Placement | None] = {}

    def place(self, place: str, region: str = "", country: str = "", county: str = "") -> Placement:
        """Where a place text lands; Placement.unplaced with the reason when no step can place it.
        county: a county column's value beside the town, honoured as a qualifier."""
        key = (place, region, country, county)
        if key not in self._memo:
            self._memo[key] = self._resolve(place, region, country, county)
        return self._memo[key]

    def _resolve(self, place: str, region: str, country: str, county: str = "") -> Placement:
        if not place:
            return Placement.unplaced("no place given")
        curated = self.places.find(place, country)
        if curated:
            return Placement(curated.latitude, curated.longitude, curated.precision, "places", curated.name,
                             curated.radius_km, ACLED_GEO_PRECISION[curated.precision])
        answer, step = self._asked(place, region, country)
        refused = implausible(self.gazetteer, answer, region, country) if answer else ""
        if answer and not refused:
            return Placement(answer.latitude, answer.longitude, answer.precision, step, answer.matched_name,
                             answer.radius_km, ACLED_GEO_PRECISION[answer.precision])
        if not refused:
            return self._offline(place, region, country, county)
        if self.online:
            self.online.refuse(place, region, country, refused)
        else:
            forget_answer(self.cache, self.service, place, region, country)
        placement = self._offline(place, region, country, county)
        told = f"the {step} answer ({answer.latitude:.3f}, {answer.longitude:.3f}) was refused: {refused}; placed offline"
        return replace(placement, note="; ".join(filter(None, [told, placement.note])))

    def _asked(self, place: str, region: str, country: str) -> tuple[OnlineAnswer | None, str]:
        """The online service's answer (or the cache's, offline) and the step that gave it."""
        if self.online:
            answer = self.online.lookup(place, region, country)
            return answer, f"cache:{self.service}" if self.online.last_from_cache else self.service
        if self.cache:
            return cached_answer(self.cache, self.service, place, region, country), f"cache:{self.service}"
        return None, ""

    def _offline(self, place: str, region: str, country: str, county: str = "") -> Placement:
        """Where the offline gazetteer places a text, with how it read it and what to check."""
        resolution = self.gazetteer.resolve(place, region=region or None, country=country or None, county=county or None,
                                              area_for_unknown=True, drafted=self.drafted)
        first = resolution.candidates[0] if resolution.candidates else None
        # The name itself beats an alternate: "Millersburg, Missouri" is the postal town, not New
        # Haven, once called Millersburg.
        by_alternate = first is not None and first.country == "US" and first.match == "alternate"
        if first is None or first.note.startswith(NOT_ON_FILE) or by_alternate:
            postal = _postal_placement(resolution, away_from=first if by_alternate else None)
            if postal:
                return postal
        if not resolution.candidates:
            return Placement.unplaced(resolution.problem)
        best = resolution.candidates[0]
        if by_alternate and best is first and best.precision == "town" and "check it" not in best.note and _usps_lacks(resolution.query):
            # USPS knows every town's current name: one it lacks, that GeoNames files only as
            # another name of a town, may be that town's old name or a hamlet elsewhere.
            best.note = "; ".join(filter(None, [best.note, f"USPS has no town called {resolution.query.text.strip()!r} in the state;"
                                                 f" read as {best.name}, which GeoNames also calls so (check it)"]))
        if best.country == "US" and best.precision == "town" and best.kind == "town":
            reach = postal_reach_km(best.name, best.admin1, best.latitude, best.longitude)
            if reach and reach > (best.radius_km or 0):
                best.radius_km = reach
                best.reasons.append(f"its postal area reaches {reach:g} km from its centre (USPS ZIP list)")
        if best.country == "US" and best.precision == "region" and fold(best.name).endswith(COUNTY_WORDS):
            reach = county_reach_km(best.name, best.admin1, best.latitude, best.longitude)
            if reach and reach > (best.radius_km or 0):
                best.radius_km = reach
                best.reasons.append(f"its ZIP areas reach {reach:g} km from its point (USPS ZIP list)")
        geo_precision = ACLED_GEO_PRECISION[best.precision]
        if best.precision == "town" and best.kind in PART_OF_TOWN:
            geo_precision = NEAR_TOWN_GEO_PRECISION
        matched = f"fuzzy: {best.name}" if best.match == "fuzzy" else best.name
        notes = list(dict.fromkeys(_readings(resolution, best) + ([best.note] if best.note else []) + _doubts(resolution, best)))
        return Placement(best.latitude, best.longitude, best.precision, "gazetteer", matched, best.radius_km, geo_precision,
                         "; ".join(notes))


def _postal_placement(resolution, away_from=None) -> Placement | None:
    """A US town the gazetteer lacks, found in the USPS ZIP list inside the row's state (and
    county, when the row names one): placed at the centre of its ZIP areas, with a note; None
    when the row is not in a US state or USPS has no town of that name there (or, with
    away_from, none farther than NAMESAKE_KM from that place, which is then the town meant)."""
    query = resolution.query
    state, towns = _postal_towns(query)
    if state is None:
        return None
    if query.county is not None:
        towns = [t for t in towns if fold(t.county).removesuffix(" county") == fold(query.county.name).removesuffix(" county")] or towns
    if away_from is not None:
        towns = [t for t in towns if distance_km(t, away_from) > NAMESAKE_KM]
    if not towns:
        return None
    town = towns[0]
    radius = max(town.reach_km, town_radius_km(0))
    note = f"not in the gazetteer: {town.name}, a postal town of {town.county}, {state} (USPS ZIP list), placed at the centre of its ZIP areas"
    if len(towns) > 1:
        note += f"; {len(towns)} postal towns in {state} are called {town.name}; the one with most ZIP codes was chosen: check it"
    elif query.county is not None and fold(town.county).removesuffix(" county") != fold(query.county.name).removesuffix(" county"):
        note += f"; the county column says {query.county.name}: check it"
    readings = [r for r in query.readings if r]
    return Placement(town.latitude, town.longitude, "town", POSTAL_GEOCODER, town.name, radius, ACLED_GEO_PRECISION["town"],
                     "; ".join([*readings, note]))


def _usps_lacks(query) -> bool:
    """Whether the row lies in one US state and USPS has no postal town of the place's name there."""
    state, towns = _postal_towns(query)
    return state is not None and not towns


def _postal_towns(query) -> tuple[str | None, list]:
    """The row's one US state (None when it names none, or several) and USPS's postal towns of
    the place's name there."""
    states = {area.admin1 for area in query.areas if getattr(area, "country", "") == "US" and getattr(area, "admin1", None)}
    if query.county is not None and query.county.country == "US":
        states = {query.county.admin1}
    if len(states) != 1:
        return None, []
    state = next(iter(states))
    names = [query.text] + [bare for bare in (_without_type_word(query.text),) if bare]
    return state, next((found for found in (postal_towns(name, state) for name in names) if found), [])


def _without_type_word(text: str) -> str:
    bare = type_word(normalise(text))
    return bare[0] if bare and bare[1] != "township" else ""


def _readings(resolution, best) -> list[str]:
    """How each qualifier was read, naming only the reading the chosen place lies in."""
    readings = []
    for area, reading in zip(resolution.query.areas, resolution.query.readings[-len(resolution.query.areas):] if resolution.query.areas else []):
        member = getattr(area, "member", None)
        if member:
            inside = member(best.country, best.admin1, best.admin2)
            qualifier = reading.split(" = ")[0]
            readings.append(f"{qualifier} = {inside.described}" if inside else reading)
        else:
            readings.append(reading)
    return readings


def _doubts(resolution, best) -> list[str]:
    """What a reader should check: a fuzzy spelling, or namesakes elsewhere for an unqualified name."""
    if best.match == "fuzzy":
        return [f"spelled {resolution.query.text!r} in the table; read as {best.name} (a fuzzy match: check it)"]
    if best.precision != "town" or "check it" in best.note:
        return []
    floor = min(HOMONYM_POPULATION_SHARE * best.population, HOMONYM_POPULATION)
    areas = resolution.query.areas
    # Inside a state or county named, any namesake beyond the chosen town's reach is a real doubt.
    apart = max(HOMONYM_NEAR_KM, best.radius_km or 0) if areas else HOMONYM_DISTANCE_KM
    # GeoNames writes 0 for a population it does not know (a municipal seat, often): inside a
    # named area such a namesake counts, for it may be the larger place.
    others = [c for c in resolution.candidates[1:] if c.match == best.match and c.precision == "town"
              and (c.population >= floor or areas and c.population == 0) and distance_km(c, best) > apart]
    if not others:
        return []
    if areas:
        inside = " and ".join(area.described for area in areas)
        return [f"{len(others) + 1} places in {inside} are called {best.name}; the most populous was chosen: check it"
                " (a county or a nearby town in the row would tell)"]
    where = sorted({c.country + (f"/{c.admin1}" if c.admin1 else "") for c in others})
    within = f" in {resolution.query.country}" if resolution.query.country else ""
    return [f"{len(others) + 1} places{within} are called {best.name} (also in {', '.join(where[:4])}{', ...' if len(where) > 4 else ''});"
            " the most populous was chosen: add a region" + ("" if within else " or country") + " to be sure"]


def locate(incidents: pd.DataFrame, *, places: PlacesTable | str | Path | None = None, locator: Locator | None = None,
           progress=None, county: str = COUNTY_COLUMN) -> pd.DataFrame:
    """Return the incidents with latitude, longitude, location_precision, geo_precision,
    uncertainty_km, geocoder, matched_name and location_note (how qualifiers were read, what to
    check); rows that cannot be placed keep blank coordinates and say why in location_note.
    places: the curated places table (a path or a PlacesTable), none when not given; county: the
    column that names each row's county (the reader's county part), a qualifier the town must lie in."""
    if locator is None:
        locator = Locator(places=read_places(places) if isinstance(places, (str, Path)) else places)
    located = incidents.copy()
    if "location_precision" in located:  # a precision the table gives for its own coordinates
        located = located.rename(columns={"location_precision": "location_precision_given"})
    for column in ("place", "region", "country"):
        if column not in located:
            located[column] = ""
    if "latitude" not in located:
        located["latitude"] = located["longitude"] = float("nan")
    keys = pd.DataFrame({column: as_text(located[column]) for column in ("place", "region", "country")}, index=located.index)
    keys["county"] = as_text(located[county]).str.strip() if county in located else ""
    has_coordinates = located["latitude"].notna() & located["longitude"].notna()
    inferred = table_country(keys[~has_coordinates], locator.gazetteer) if (~has_coordinates).any() else None
    todo = keys[~has_coordinates]
    codes, unique = distinct_rows([todo[column] for column in KEY_COLUMNS]) if len(todo) else (np.zeros(0, dtype=np.int64), [])
    locator.gazetteer.prefetch(name for place, *_ in unique for name, _ in split_place(place)[0])
    placements: dict[tuple[str, str, str, str], Placement] = {}
    try:
        for key in unique if progress is None else progress(unique):
            placements[key] = _place_row(locator, key, inferred)
        area = None
        if inferred is None and not (keys["country"] != "").any() and not (keys["region"] != "").any():
            area = _read_in_table_area(locator, placements)
    finally:
        locator.gazetteer.forget_prefetched()
    rows = [(*key, placement.latitude, placement.longitude, placement.precision, placement.geo_precision if placement.placed else None,
             placement.radius_km, placement.geocoder, placement.matched_name, placement.note) for key, placement in placements.items()]
    # Each unique place was looked up once; its answer now goes to every row that names it.
    found = pd.DataFrame(rows, columns=[*KEY_COLUMNS, *LOCATED_COLUMNS])
    found["geo_precision"] = found["geo_precision"].astype("Int64")
    joined = found.iloc[codes].set_axis(todo.index).reindex(located.index)  # rows with coordinates: blank, kept below
    for name in LOCATED_COLUMNS:
        located[name] = joined[name]
    stated = located["location_precision_given"].map(stated_reach_km).astype("float64") if "location_precision_given" in located else None
    if stated is not None:
        _widen_to_stated(located, stated.where(~has_coordinates))
        _widen_near(located, (located["location_precision_given"] == STATED_NEAR) & ~has_coordinates)
    if has_coordinates.any():
        _keep_given(located, incidents, has_coordinates, stated)
    for name in ("location_precision", "geocoder", "matched_name", "location_note"):
        located[name] = located[name].fillna("")
    located["latitude"] = located["latitude"].astype("float64")
    located["longitude"] = located["longitude"].astype("float64")
    located["uncertainty_km"] = located["uncertainty_km"].astype("float64")
    located["geo_precision"] = located["geo_precision"].astype("Int64")
    located.attrs["placement_notes"] = [told.note for told in (inferred, area) if told]
    return located


def _read_in_table_area(locator: Locator, placements: dict[tuple[str, str, str, str], Placement]) -> TableArea | None:
    """In a table that names no country or region, the area in which nearly every name has a
    namesake (see table_area); each name placed elsewhere, or left unplaced for want of a region,
    is read again there and moved when a town of the name is there, with a note. placements is
    changed in place."""
    gazetteer = locator.gazetteer
    namesakes = {key: gazetteer.candidates(key[0]) for key in placements if not gazetteer.qualifiers_of(key[0])}
    chosen = {key: next((c for c in found if placements[key].placed and abs(c.latitude - placements[key].latitude) < 1e-4
                         and abs(c.longitude - placements[key].longitude) < 1e-4), None) for key, found in namesakes.items()}
    area = table_area([{(c.country, c.admin1) for c in found} for found in namesakes.values() if found],
                      [(c.country, c.admin1) for c in chosen.values() if c is not None], gazetteer.area_code)
    if area is None:
        return None
    for key in namesakes:
        place, _, _, county = key
        before, read = placements[key], chosen[key]
        if read is not None and area.holds(read.country, read.admin1) or before.placed and read is None:
            continue
        for region in dict.fromkeys([area.region, ""]):
            again = locator.place(place, region, area.country, county)
            if again.placed and again.precision == "town":
                was = f"{read.name} ({read.country}{'/' + read.admin1 if read.admin1 else ''})" if read else "no one place"
                placements[key] = replace(again, note="; ".join(filter(None, [again.note, area.sentence(was)])))
                break
    return area


def _keep_given(located: pd.DataFrame, incidents: pd.DataFrame, given: pd.Series, stated: pd.Series | None) -> None:
    """Rows with coordinates keep them, with the precision the table gives (one of ours, or a
    distance such as "5km"), exact when it gives none."""
    precision = located["location_precision_given"].replace(STATED_NEAR, "town") if "location_precision_given" in located else None
    given_precision = (precision if precision is not None else pd.Series("exact", index=located.index)).where(
        lambda p: p.isin(LOCATION_PRECISIONS), "exact")
    if stated is not None:
        given_precision = given_precision.where(stated.isna(), stated.map(lambda km: stated_precision(km) if km == km else "exact"))
    located.loc[given, "latitude"] = incidents.loc[given, "latitude"]
    located.loc[given, "longitude"] = incidents.loc[given, "longitude"]
    located.loc[given, "location_precision"] = given_precision[given]
    located.loc[given, "geo_precision"] = given_precision[given].map(ACLED_GEO_PRECISION).astype("Int64")
    if "location_precision_given" in located:
        located.loc[given & (located["location_precision_given"] == STATED_NEAR), "geo_precision"] = NEAR_TOWN_GEO_PRECISION
    located.loc[given, "uncertainty_km"] = given_precision[given].map(DEFAULT_RADIUS_KM)
    if stated is not None:
        located.loc[given & stated.notna(), "uncertainty_km"] = stated[given & stated.notna()]
    located.loc[given, "geocoder"] = "coordinates"
    located.loc[given, "matched_name"] = ""
    located.loc[given, "location_note"] = ""


def _widen_to_stated(located: pd.DataFrame, stated: pd.Series) -> None:
    """Rows placed from their text whose table states a coarser precision as a distance ("50km"):
    their radius is at least that distance, and the note says why."""
    wider = stated.notna() & located["latitude"].notna() & (stated > located["uncertainty_km"].astype("float64"))
    if not wider.any():
        return
    located.loc[wider, "uncertainty_km"] = stated[wider]
    _add_note(located, wider, stated[wider].map(lambda km: f"the table gives this position to within {km:g} km: the radius is that"))


def _widen_near(located: pd.DataFrame, near: pd.Series) -> None:
    """Rows placed at a town from their text whose table says the place is only near a town
    (ACLED's geo_precision 2): ACLED's code 2, and a radius NEAR_KM wider, with the reason."""
    near = near & (located["location_precision"] == "town") & (located["geo_precision"] != NEAR_TOWN_GEO_PRECISION)
    if not near.any():
        return
    located.loc[near, "geo_precision"] = NEAR_TOWN_GEO_PRECISION
    located.loc[near, "uncertainty_km"] = located.loc[near, "uncertainty_km"].astype("float64") + NEAR_KM
    _add_note(located, near, located.loc[near, "uncertainty_km"].map(
        lambda km: f"the table says the place is near the town, not in it: within about {km:g} km"))


def _add_note(located: pd.DataFrame, rows: pd.Series, told: pd.Series) -> None:
    """Each chosen row's location_note with one more sentence."""
    notes = located.loc[rows, "location_note"].fillna("").astype(str)
    located.loc[rows, "location_note"] = [f"{note}; {more}" if note else more for note, more in zip(notes, told)]


def _place_row(locator: Locator, key: tuple[str, str, str, str], inferred) -> Placement:
    """A row's placement; in a table whose country was inferred, a row naming no country is
    placed in it, unless its region is an area of another country only ("Toronto", "ON")."""
    place, region, country, county = key
    if inferred is None or country:
        return locator.place(*key)
    inside = locator.place(place, region, inferred.code, county)
    if f"not in country {inferred.code}" in inside.note:
        return locator.place(*key)
    return inside


def default_cache_path() -> Path:
    return cache_dir() / "geocode-cache.sqlite"
