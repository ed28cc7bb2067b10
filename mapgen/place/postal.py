"""US postal towns, from the USPS ZIP list (the zipcodes package): how far the postal area of a
US town reaches, and the small towns the gazetteer lacks.

US tables name the town of the address, which is the postal town: "Phoenix" is every address
whose ZIP code is a Phoenix one, 35 km out from the city's centre, and "Assaria, KS" is a
postal town of 400 people that GeoNames' cities500 does not hold. The list is read once, when a
US town is first placed (half a second), never for a table of another country.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..util.geo import km_between
from ..util.text import fold

# A ZIP code's point is the centre of an area a few km across: an address lies up to this far
# beyond it. Measured on the Washington Post's rows placed at a postal town (benchmarks/README.md).
ZIP_AREA_KM = 5.0
# ZIP points of a town's name further than this from its centre belong to a namesake (or are the
# list's own mistakes): they do not stretch the town's reach.
POSTAL_LIMIT_KM = 80.0
# The share of a town's ZIP points its reach holds: the farthest few are often a PO box or a
# namesake's code filed under the city's name.
ZIP_REACH = 0.98
# Postal towns of one name in one state further apart than this are namesakes.
NAMESAKE_KM = 25.0
POSTAL_TYPES = ("STANDARD", "PO BOX", "UNIQUE")
# ZIP points of a county further than this from its point are the list's mistakes (San Bernardino
# County, the largest, reaches 250 km from its seat).
COUNTY_LIMIT_KM = 300.0


@dataclass(frozen=True)
class PostalTown:
    """A postal town: its name as USPS writes it, its state and county, the centre of its ZIP
    points and how far from that centre they reach (with ZIP_AREA_KM for the area around each)."""

    name: str
    state: str
    county: str
    latitude: float
    longitude: float
    reach_km: float


@lru_cache(maxsize=1)
def _zip_points() -> dict[tuple[str, str], list[tuple[float, float, str, str]]]:
    """(folded town, state) -> the (latitude, longitude, county, town as written) of each of its
    ZIP codes, by the town each ZIP code is named for and the other names USPS accepts for it."""
    import zipcodes

    points: dict[tuple[str, str], list[tuple[float, float, str, str]]] = defaultdict(list)
    for code in zipcodes.list_all():
        if not code["lat"] or code["zip_code_type"] not in POSTAL_TYPES:
            continue
        point = (float(code["lat"]), float(code["long"]), code["county"], code["city"])
        for name in (code["city"], *code["acceptable_cities"]):
            points[(fold(name), code["state"])].append(point)
    return dict(points)


def postal_reach_km(name: str, state: str, latitude: float, longitude: float) -> float | None:
    """How far from a US town's point the postal areas of its name reach (km), or None when
    USPS has no town of that name in the state near it."""
    return _reach(fold(name), state, round(latitude, 3), round(longitude, 3))


@lru_cache(maxsize=4096)
def _reach(key: str, state: str, latitude: float, longitude: float) -> float | None:
    return _zip_reach([point[:2] for point in _zip_points().get((key, state), ())], latitude, longitude, POSTAL_LIMIT_KM)


def _zip_reach(points, latitude: float, longitude: float, limit_km: float) -> float | None:
    """How far from a point ZIP_REACH of some ZIP points within limit_km lie, with the area
    around each (ZIP_AREA_KM); None when none is that near."""
    distances = sorted(km_between((latitude, longitude), point) for point in points)
    near = [d for d in distances if d <= limit_km]
    return round(near[math.ceil(ZIP_REACH * (len(near) - 1))] + ZIP_AREA_KM, 1) if near else None


@lru_cache(maxsize=1)
def _county_points() -> dict[tuple[str, str], list[tuple[float, float]]]:
    """(folded county, state) -> the points of its ZIP codes."""
    import zipcodes

    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for code in zipcodes.list_all():
        if code["lat"] and code["zip_code_type"] in POSTAL_TYPES and code["county"]:
            points[(fold(code["county"]), code["state"])].append((float(code["lat"]), float(code["long"])))
    return dict(points)


def county_reach_km(county: str, state: str, latitude: float, longitude: float) -> float | None:
    """How far from a US county's point its ZIP areas reach (km), or None when USPS files no ZIP
    code in a county of that name in the state. GeoNames' towns of a county leave its empty
    parts out (Chaves County, New Mexico, is 15,700 km2 of ranches around Roswell); ZIP areas
    cover all of it."""
    return _zip_reach(_county_points().get((fold(county), state), ()), latitude, longitude, COUNTY_LIMIT_KM)


def postal_towns(name: str, state: str) -> list[PostalTown]:
    """The postal towns of a name in a state, one per group of ZIP points lying together
    (NAMESAKE_KM), the one with most ZIP codes first; [] when USPS has none."""
    if fold(name).endswith(" township"):
        return []  # USPS accepts a township's name for one of its ZIP codes; Pennsylvania has 20 Jackson Townships
    points = _zip_points().get((fold(name), state), [])
    groups: list[list[tuple[float, float, str, str]]] = []
    for point in points:
        group = next((g for g in groups if km_between(g[0][:2], point[:2]) <= NAMESAKE_KM), None)
        if group is None:
            groups.append([point])
        else:
            group.append(point)
    towns = []
    for group in sorted(groups, key=len, reverse=True):
        latitude = sum(p[0] for p in group) / len(group)
        longitude = sum(p[1] for p in group) / len(group)
        reach = max(km_between((latitude, longitude), p[:2]) for p in group) + ZIP_AREA_KM
        own = [p for p in group if fold(p[3]) == fold(name)]
        written = own[0][3] if own else name
        towns.append(PostalTown(written, state, group[0][2], round(latitude, 5), round(longitude, 5), round(reach, 1)))
    return towns
