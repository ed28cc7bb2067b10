"""Placing incidents: the resolution chain from a row's place text to a position and its precision.

The chain, each step named in the ``geocoder`` column:

1. ``coordinates``: latitude and longitude given in the row win;
2. ``places``: the curated places table (checked facility positions, with sources);
3. ``cache:SERVICE``: an answer the online service gave in an earlier run;
4. ``SERVICE`` (nominatim by default): the online service, only when asked for (``--online``);
5. ``gazetteer``: the offline GeoNames gazetteer, also the fallback when the service fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..util.paths import cache_dir
from .cache import GeocodeCache
from .gazetteer import OfflineGazetteer
from .names import split_place
from .online import DEFAULT_SERVICE, OnlineLookup, cached_answer
from .places import DEFAULT_PLACES, PlacesTable, read_places
from .precision import ACLED_GEO_PRECISION, DEFAULT_RADIUS_KM, LOCATION_PRECISIONS, NEAR_TOWN_GEO_PRECISION, PART_OF_TOWN

__all__ = ["locate", "Locator", "OfflineGazetteer", "PlacesTable", "read_places", "LOCATION_PRECISIONS", "ACLED_GEO_PRECISION"]

LOCATED_COLUMNS = ("latitude", "longitude", "location_precision", "geo_precision", "uncertainty_km", "geocoder", "matched_name")


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


class Locator:
    """Runs the resolution chain, looking each unique (place, region, country) up once."""

    def __init__(self, *, places: PlacesTable | None = None, gazetteer: OfflineGazetteer | None = None,
                 cache: GeocodeCache | None = None, online: OnlineLookup | None = None, service: str = DEFAULT_SERVICE):
        self.places = places or PlacesTable.empty()
        self.gazetteer = gazetteer or OfflineGazetteer()
        self.online = online
        self.cache = online.cache if online else cache
        self.service = online.service if online else service
        self._memo: dict[tuple[str, str, str], Placement | None] = {}

    def place(self, place: str, region: str = "", country: str = "") -> Placement | None:
        """Where a place text lands, or None when no step of the chain can place it."""
        key = (place, region, country)
        if key not in self._memo:
            self._memo[key] = self._resolve(place, region, country)
        return self._memo[key]

    def _resolve(self, place: str, region: str, country: str) -> Placement | None:
        if not place:
            return None
        curated = self.places.find(place, country)
        if curated:
            return Placement(curated.latitude, curated.longitude, curated.precision, "places", curated.name,
                             curated.radius_km, ACLED_GEO_PRECISION[curated.precision])
        if self.online:
            answer = self.online.lookup(place, region, country)
            step = f"cache:{self.service}" if self.online.last_from_cache else self.service
        elif self.cache:
            answer = cached_answer(self.cache, self.service, place, region, country)
            step = f"cache:{self.service}"
        else:
            answer = None
        if answer:
            return Placement(answer.latitude, answer.longitude, answer.precision, step, answer.matched_name,
                             answer.radius_km, ACLED_GEO_PRECISION[answer.precision])
        found = self.gazetteer.candidates(place, region=region or None, country=country or None)
        if not found:
            return None
        best = found[0]
        geo_precision = ACLED_GEO_PRECISION[best.precision]
        if best.precision == "town" and best.kind in PART_OF_TOWN:
            geo_precision = NEAR_TOWN_GEO_PRECISION
        return Placement(best.latitude, best.longitude, best.precision, "gazetteer", best.name, best.radius_km, geo_precision)


def locate(incidents: pd.DataFrame, *, places: PlacesTable | str | Path | None = None, locator: Locator | None = None,
           progress=None) -> pd.DataFrame:
    """Return the incidents with latitude, longitude, location_precision, geo_precision,
    uncertainty_km, geocoder and matched_name; rows that cannot be placed keep blank coordinates."""
    if locator is None:
        if places is None and DEFAULT_PLACES.is_file():
            places = DEFAULT_PLACES
        if isinstance(places, (str, Path)):
            places = read_places(places)
        locator = Locator(places=places)
    located = incidents.copy()
    if "location_precision" in located:  # a precision the table gives for its own coordinates
        located = located.rename(columns={"location_precision": "location_precision_given"})
    for column in ("place", "region", "country"):
        if column not in located:
            located[column] = ""
    if "latitude" not in located:
        located["latitude"] = located["longitude"] = float("nan")
    keys = located[["place", "region", "country"]].fillna("").astype(str)
    has_coordinates = located["latitude"].notna() & located["longitude"].notna()
    unique = list(keys[~has_coordinates].drop_duplicates().itertuples(index=False, name=None))
    locator.gazetteer.prefetch(name for place, _, _ in unique for name, _ in split_place(place)[0])
    rows = []
    try:
        for key in unique if progress is None else progress(unique):
            placement = locator.place(*key)
            if placement is not None:
                rows.append((*key, placement.latitude, placement.longitude, placement.precision, placement.geo_precision,
                             placement.radius_km, placement.geocoder, placement.matched_name))
    finally:
        locator.gazetteer.forget_prefetched()
    # Each unique place was looked up once; its answer now goes to every row that names it.
    found = pd.DataFrame(rows, columns=["place", "region", "country", *LOCATED_COLUMNS])
    found["geo_precision"] = found["geo_precision"].astype("Int64")
    joined = keys.merge(found, how="left", on=["place", "region", "country"], sort=False)
    joined.index = located.index
    for name in LOCATED_COLUMNS:
        located[name] = joined[name]
    given = has_coordinates
    if given.any():
        precision = located["location_precision_given"] if "location_precision_given" in located else None
        given_precision = (precision if precision is not None else pd.Series("exact", index=located.index)).where(
            lambda p: p.isin(LOCATION_PRECISIONS), "exact")
        located.loc[given, "latitude"] = incidents.loc[given, "latitude"]
        located.loc[given, "longitude"] = incidents.loc[given, "longitude"]
        located.loc[given, "location_precision"] = given_precision[given]
        located.loc[given, "geo_precision"] = given_precision[given].map(ACLED_GEO_PRECISION).astype("Int64")
        located.loc[given, "uncertainty_km"] = given_precision[given].map(DEFAULT_RADIUS_KM)
        located.loc[given, "geocoder"] = "coordinates"
        located.loc[given, "matched_name"] = ""
    for name in ("location_precision", "geocoder", "matched_name"):
        located[name] = located[name].fillna("")
    located["latitude"] = located["latitude"].astype("float64")
    located["longitude"] = located["longitude"].astype("float64")
    located["uncertainty_km"] = located["uncertainty_km"].astype("float64")
    located["geo_precision"] = located["geo_precision"].astype("Int64")
    return located


def default_cache_path() -> Path:
    return cache_dir() / "geocode-cache.sqlite"
