"""Areas coloured by their number of incidents (--by-region): which area each incident counts for,
the outlines of the areas that have any, and the classes of the legend.

The areas: France's departments (Natural Earth 1:10m admin-1, the borders the page already draws)
when French incidents dominate, the United States' states (the Census Bureau's cartographic
boundaries as us-atlas 3.0.1 ships them) when American ones do, else the countries (Natural Earth
1:10m admin-0). An incident counts for the area its position lies in; one placed only at region
precision counts for the department or state it names, and one known only to a wider area (a
French region, a country) for none: the page lists it and says how many there are, but never
draws it as a point in a town while the layer is on.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from ..util.countries import DOMINANT_SHARE, dominant_country
from ..util.text import normalise
from .basemap import _department_shapes, _ring, _snap, _topology, decode_topology, grid_step, pack
from .extent import _numeric

US_STATES = ("static", "vendor", "us-atlas", "states-10m.json")
DEPARTMENTS = "department"
STATES = "state"
COUNTRIES = "country"
OUTSIDE = -1  # in no area the layer draws (abroad, on a department map)
WIDER = -2  # known only to an area wider than the layer's (a French region on a department map)
NEAR_AREA_KM = 10.0  # a coastal town just outside its area's coarse outline still counts for it
KM_PER_DEGREE = 111.2
# ColorBrewer's YlOrRd, five classes: sequential, and told apart by readers with any common colour-vision deficiency.
CLASS_COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
FRENCH_CODES = ("FR", "GP", "MQ", "GF", "RE", "YT")  # the country codes GeoNames gives France's departments
AMERICAN_CODES = ("US", "PR", "GU", "VI", "AS", "MP")  # and the United States' states and territories
POINTS_AT_ONCE = 4096  # positions tested against a ring together (a positions × edges table in memory)


@dataclass(frozen=True)
class Level:
    """A kind of area the layer colours: its name (the page's words for it), its areas (name, code,
    polygons of rings, box), the country codes whose incidents may count for the nearest area when
    just off its outline, and the folded names of areas wider than these (a French region)."""

    name: str
    areas: Callable[[], list]
    codes: tuple[str, ...] = ()
    wider: Callable[[], frozenset[str]] = frozenset


def area_layer(placed: pd.DataFrame, bounds, opened: bool = True) -> tuple[dict, dict]:
    """(the page's regions config: level, classes, whether it opens on; the data its script element
    carries: the outlines of the areas with incidents, packed like the base map, and for each placed
    incident, in order, the index of its area among them, or OUTSIDE, or WIDER)."""
    level = area_level(placed)
    areas = level.areas()
    found = assign_areas(placed, areas, level)
    carried = np.unique(found[found >= 0])  # only the areas with incidents go into the page
    renumbered = np.where(found >= 0, np.searchsorted(carried, found), found)
    step = grid_step(bounds)
    features = [{"type": "Feature", "properties": {"name": areas[i][0], "code": areas[i][1]},
                 "geometry": {"type": "MultiPolygon", "coordinates": _outline(areas[i][2], step)}} for i in carried]
    data = pack({"type": "FeatureCollection", "features": features}, step)
    data["areas"] = renumbered.tolist()
    counts = np.bincount(renumbered[renumbered >= 0], minlength=len(carried))
    return {"level": level.name, "open": opened, "classes": count_classes(counts.tolist())}, data


def _outline(polygons: list[list[np.ndarray]], step: float) -> list:
    """An area's polygons snapped to the page's grid, without the rings too small to be seen at it."""
    shapes = []
    for outer, *holes in polygons:
        ring = _snap(outer, step)
        if len(ring) >= 4:  # an island smaller than the grid goes, with its lakes
            shapes.append([ring, *(hole for hole in (_snap(hole, step) for hole in holes) if len(hole) >= 4)])
    return shapes


def area_level(placed: pd.DataFrame) -> Level:
    """Departments for French incidents, states for American ones (the country that dominates, by
    the country column, else by position), else countries."""
    code = dominant_country(placed["country"]) if "country" in placed else None
    if code is None:  # no country column, or one left blank: where the incidents lie decides
        code = _dominant_by_position(placed)
    return SUBNATIONAL.get(code, COUNTRY_LEVEL)


def _dominant_by_position(placed: pd.DataFrame) -> str | None:
    """The ISO 3166-1 alpha-2 code, among those with areas of their own, of the country that at
    least DOMINANT_SHARE of the incidents lie in."""
    areas = _country_areas()
    unique, back = np.unique(np.round(placed[["longitude", "latitude"]].to_numpy(dtype=float), 5), axis=0, return_inverse=True)
    found = locate_points(unique, areas)[back.ravel()]
    inside = found[found >= 0]
    if not len(inside):
        return None
    numbers, counts = np.unique(inside, return_counts=True)
    if counts.max() < DOMINANT_SHARE * len(placed):
        return None
    number = areas[numbers[counts.argmax()]][1]
    return next((alpha for alpha in SUBNATIONAL if number.isdigit() and _numeric(alpha) == int(number)), None)


def assign_areas(placed: pd.DataFrame, areas: list, level: str) -> np.ndarray:
    """For each placed incident, the index of the area it counts for in areas (name, code,
    polygons, box), or OUTSIDE or WIDER. On a map of countries the country column decides where it
    names one; elsewhere the position does, and a position just off the coast counts for the nearest
    area only when the incident's country allows it (never a town in Geneva for Haute-Savoie)."""
    countries = _column(placed, "country").str.strip().str.upper()
    found = np.full(len(placed), OUTSIDE, dtype=np.int64)
    if level.name == COUNTRIES:
        by_number = {int(code): i for i, (_, code, *_rest) in enumerate(areas) if code.isdigit()}
        found[:] = [by_number.get(_numeric(code) if code else -1, OUTSIDE) for code in countries]
    nearby = (countries == "").to_numpy() | countries.isin(level.codes).to_numpy()
    todo = np.flatnonzero(found == OUTSIDE)
    if len(todo):
        positions = placed[["longitude", "latitude"]].to_numpy(dtype=float)
        unique, back = np.unique(np.round(positions[todo], 5), axis=0, return_inverse=True)
        found[todo] = locate_points(unique, areas)[back.ravel()]
        for k in todo[(found[todo] == OUTSIDE) & nearby[todo]]:
            found[k] = _nearest(positions[k], areas)
    if level.name != COUNTRIES:
        _by_name(placed, areas, level, found)
    return found


def _by_name(placed: pd.DataFrame, areas: list, level: Level, found: np.ndarray) -> None:
    """Incidents placed only at an area's seat: the department or state they name; none for a wider
    area (a French region: its seat lies in one of its departments, which must not get it) or a
    country; where they lie for a smaller one (a county lies in its state)."""
    by_name = {normalise(name): i for i, (name, *_rest) in enumerate(areas)}
    wider = level.wider()
    precision = _column(placed, "location_precision")
    for k, (kind, matched, place) in enumerate(zip(precision, _column(placed, "matched_name"), _column(placed, "place"))):
        if kind == "country":
            found[k] = WIDER
        elif kind == "region":
            named = by_name.get(normalise(matched), by_name.get(normalise(place)))
            if named is not None:
                found[k] = named
            elif normalise(matched) in wider or normalise(place) in wider:
                found[k] = WIDER


def _column(placed: pd.DataFrame, name: str) -> pd.Series:
    """A column as text, blank where it is missing."""
    return placed[name].astype("string").fillna("") if name in placed else pd.Series("", index=placed.index, dtype="string")


def locate_points(points: np.ndarray, areas: list) -> np.ndarray:
    """The index of the area each (longitude, latitude) lies in, or OUTSIDE."""
    found = np.full(len(points), OUTSIDE, dtype=np.int64)
    for i, (_, _, polygons, (west, south, east, north)) in enumerate(areas):
        todo = np.flatnonzero((found == OUTSIDE) & (points[:, 0] >= west) & (points[:, 0] <= east) & (points[:, 1] >= south) & (points[:, 1] <= north))
        if len(todo):
            inside = np.zeros(len(todo), dtype=bool)
            for polygon in polygons:
                inside |= _inside(points[todo], polygon)
            found[todo[inside]] = i
    return found


def _inside(points: np.ndarray, polygon: list[np.ndarray]) -> np.ndarray:
    """Which points lie in a polygon (its outer ring and holes, by the even-odd rule)."""
    inside = np.zeros(len(points), dtype=bool)
    for start in range(0, len(points), POINTS_AT_ONCE):
        x, y = points[start:start + POINTS_AT_ONCE, :1], points[start:start + POINTS_AT_ONCE, 1:]
        crossings = np.zeros(len(x), dtype=np.int64)
        for ring in polygon:
            x1, y1, x2, y2 = ring[:-1, 0], ring[:-1, 1], ring[1:, 0], ring[1:, 1]
            straddles = (y1 > y) != (y2 > y)
            with np.errstate(divide="ignore", invalid="ignore"):
                meet = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            crossings += np.count_nonzero(straddles & (x < meet), axis=1)
        inside[start:start + POINTS_AT_ONCE] = crossings % 2 == 1
    return inside


def _nearest(point: np.ndarray, areas: list) -> int:
    """The area with a point of its outline nearest to point, if within NEAR_AREA_KM (a port, an
    island the coarse outline misses), else OUTSIDE."""
    reach = NEAR_AREA_KM / KM_PER_DEGREE
    scale = np.array([np.cos(np.radians(point[1])), 1.0])
    best, best_distance = OUTSIDE, reach
    for i, (_, _, polygons, (west, south, east, north)) in enumerate(areas):
        if point[0] < west - reach / scale[0] or point[0] > east + reach / scale[0] or point[1] < south - reach or point[1] > north + reach:
            continue
        distance = min(float(np.min(np.hypot(*((ring - point) * scale).T))) for polygon in polygons for ring in polygon)
        if distance < best_distance:
            best, best_distance = i, distance
    return best


def count_classes(counts: list[int], colours: tuple[str, ...] = CLASS_COLOURS) -> list[dict]:
    """Classes of the areas' numbers of incidents for the legend ({from, to, colour}): each number
    its own class when there are few, else ranges cut at round quantiles; light to dark."""
    present = sorted({c for c in counts if c > 0})
    if not present:
        return []
    if len(present) <= len(colours):
        edges = [(c, c) for c in present]
    else:
        cuts = sorted({_round(float(np.quantile([c for c in counts if c > 0], q))) for q in np.linspace(0, 1, len(colours) + 1)[1:-1]})
        lows = [present[0]] + [cut + 1 for cut in cuts if present[0] <= cut < present[-1]]
        edges = [(low, (lows[k + 1] - 1) if k + 1 < len(lows) else present[-1]) for k, low in enumerate(lows)]
    picks = np.round(np.linspace(0, len(colours) - 1, len(edges))).astype(int) if len(edges) > 1 else [len(colours) // 2]
    return [{"from": low, "to": high, "colour": colours[pick]} for (low, high), pick in zip(edges, picks)]


def _round(value: float) -> int:
    """A cut between classes at a round number: two significant digits."""
    if value < 10:
        return int(value)
    digits = len(str(int(value))) - 2
    return int(round(value, -digits))


@lru_cache(maxsize=1)
def _department_areas() -> list:
    """France's departments (name, ISO 3166-2 code, polygons as rings, box), from Natural Earth, named
    as the reference table names them (Natural Earth spells Seine-et-Marne "Seien-et-Marne")."""
    names = {code: name for name, code in _reference_departments()}
    return [(names.get(code, name), code, polygons, box) for name, code, polygons, box in _department_shapes()]


@lru_cache(maxsize=1)
def _reference_departments() -> tuple[tuple[str, str], ...]:
    """France's departments as the project's reference table writes them: (name, ISO 3166-2 code "FR-13")."""
    with (resources.files("mapgen") / "data" / "fr_departments.csv").open(encoding="utf-8") as rows:
        return tuple((row["department"], f"FR-{row['code']}") for row in csv.DictReader(rows))


@lru_cache(maxsize=1)
def _french_regions() -> frozenset[str]:
    """France's regions by their folded names (and other names), from the project's reference table."""
    with (resources.files("mapgen") / "data" / "fr_regions.csv").open(encoding="utf-8") as rows:
        return frozenset(normalise(name) for row in csv.DictReader(rows) for name in (row["region"], row["also_known_as"]) if name)


@lru_cache(maxsize=1)
def _country_areas() -> list:
    """The world's countries (name, ISO 3166-1 numeric code, polygons as rings, box), from world-atlas."""
    arcs, countries, _ = _topology()
    return _areas(arcs, countries)


@lru_cache(maxsize=1)
def _state_areas() -> list:
    """The United States' states, district and territories (name, FIPS code, polygons as rings, box), from us-atlas."""
    arcs, states = decode_topology(US_STATES, "states")
    return _areas(arcs, states)


def _areas(arcs: list[np.ndarray], shapes: list) -> list:
    """Areas from a topology's shapes: (name, code, polygons as rings, box)."""
    areas = []
    for name, code, polygons in shapes:
        rings = [[_ring(arcs, ring) for ring in polygon] for polygon in polygons]
        every = np.concatenate([polygon[0] for polygon in rings])
        areas.append((name, code, rings, (every[:, 0].min(), every[:, 1].min(), every[:, 0].max(), every[:, 1].max())))
    return areas


COUNTRY_LEVEL = Level(COUNTRIES, _country_areas)
SUBNATIONAL = {  # by the ISO 3166-1 code of the country that dominates
    "FR": Level(DEPARTMENTS, _department_areas, FRENCH_CODES, _french_regions),
    "US": Level(STATES, _state_areas, AMERICAN_CODES),
}
