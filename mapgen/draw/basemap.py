"""An offline base map: land and country borders from Natural Earth at 1:10m, drawn under the tiles.

The data is world-atlas 2.0.2 from the npm registry (Natural Earth's admin-0 countries, public
domain, as TopoJSON; the package's own ISC licence beside it), vendored under
static/vendor/world-atlas/. Only what the page's view needs goes into the page: the countries near
the incidents, their rings clipped to the view and a margin around it, and their points snapped to a
grid as fine as the page can show at that extent. When the tiles cannot load, or with --tiles none,
this is the map.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources

import numpy as np

from ..errors import CacheError
from ..util.files import atomic_output
from ..util.paths import cache_dir

WORLD_ATLAS = ("static", "vendor", "world-atlas", "countries-10m.json")
WORLD_ATLAS_VERSION = "2.0.2"
CACHE_LAYOUT = "1"
COORDINATE_DECIMALS = 3  # about 100 m: the data itself is quantised to about 280 m by 190 m in France
MARGIN_SHARE = 0.5  # the view plus this share of its half-span on each side: room to pan and zoom out
WIDEST_ASPECT = 1.8  # the widest window the opening view is drawn for (a 16:9 screen, a landscape page)
MIN_MARGIN_DEGREES = 2.0
WORLD = (-180.0, -85.0, 180.0, 85.0)
# Points closer than the view's span over this many are merged: about one per pixel of a large
# screen at the opening zoom, and still smooth two zoom levels further in.
GRID_STEPS = 2500
LABEL_TOWNS = 120  # the largest towns in view that may be named; the page shows as many as fit
NEAR_TOWN_KM = 12.0  # an incident is named after the nearest town this close...
NEAR_TOWN_POPULATION = 1000  # ...of at least this many people


@lru_cache(maxsize=1)
def _topology() -> tuple[list[np.ndarray], list[tuple[str, list[list[list[int]]]]], np.ndarray]:
    """The decoded arcs (longitude, latitude arrays), each country's polygons as arc indices,
    and each arc's bounding box. Decoding takes about half a second: the result is kept in the
    user's cache folder, keyed by the data's version, and read back in milliseconds."""
    cached = cache_dir() / f"world-atlas-{WORLD_ATLAS_VERSION}-{CACHE_LAYOUT}.npz"
    try:
        with np.load(cached, allow_pickle=False) as stored:
            points, offsets, boxes = stored["points"], stored["offsets"], stored["boxes"]
            countries = json.loads(str(stored["countries"]))
    except (OSError, ValueError, KeyError):
        points, offsets, boxes, countries = _decode()
        try:
            with atomic_output(cached, "wb", error=CacheError, fix="set MAPGEN_CACHE_DIR to a folder you can write to") as stream:
                np.savez(stream, points=points, offsets=offsets, boxes=boxes, countries=np.array(json.dumps(countries)))
        except (CacheError, OSError):
            pass  # a cache that cannot be written only costs the next build half a second
    arcs = np.split(points, offsets[1:-1])
    return arcs, [(name, polygons) for name, polygons in countries], boxes


def _decode():
    with (resources.files("mapgen.draw").joinpath(*WORLD_ATLAS)).open("rb") as stream:
        topology = json.load(stream)
    scale, translate = np.array(topology["transform"]["scale"]), np.array(topology["transform"]["translate"])
    arcs = [np.cumsum(np.array(arc, dtype=np.float64), axis=0) * scale + translate for arc in topology["arcs"]]
    offsets = np.cumsum([0] + [len(arc) for arc in arcs])
    boxes = np.array([[a[:, 0].min(), a[:, 1].min(), a[:, 0].max(), a[:, 1].max()] for a in arcs])
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        countries.append(((geometry.get("properties") or {}).get("name", ""), polygons))
    return np.concatenate(arcs), offsets, boxes, countries


def _ring(arcs: list[np.ndarray], indices: list[int]) -> np.ndarray:
    """A ring from its arcs: a negative index (~i) is arc i reversed; shared end points once."""
    parts = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(arc if not parts else arc[1:])
    return np.concatenate(parts) if parts else np.empty((0, 2))


def _clip(ring: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Sutherland-Hodgman: the part of a ring inside a box (west, south, east, north)."""
    west, south, east, north = box
    points = ring
    for axis, limit, keep_above in ((0, west, True), (0, east, False), (1, south, True), (1, north, False)):
        if len(points) == 0:
            break
        inside = points[:, axis] >= limit if keep_above else points[:, axis] <= limit
        if inside.all():
            continue
        kept = []
        previous, previous_in = points[-1], inside[-1]
        for point, point_in in zip(points, inside):
            if point_in != previous_in:
                t = (limit - previous[axis]) / (point[axis] - previous[axis])
                kept.append(previous + t * (point - previous))
            if point_in:
                kept.append(point)
            previous, previous_in = point, point_in
        points = np.array(kept) if kept else np.empty((0, 2))
    return points


def _snap(ring: np.ndarray, step: float) -> list[list[float]]:
    """The ring's points on a grid of `step` degrees, repeated points dropped, closed."""
    snapped = np.round(ring / step) * step
    keep = np.ones(len(snapped), dtype=bool)
    keep[1:] = np.any(snapped[1:] != snapped[:-1], axis=1)
    snapped = np.round(snapped[keep], COORDINATE_DECIMALS)
    if len(snapped) and not np.array_equal(snapped[0], snapped[-1]):
        snapped = np.vstack([snapped, snapped[:1]])
    return snapped.tolist()


def view_box(bounds: tuple[float, float, float, float] | None) -> tuple[float, float, float, float]:
    """The part of the world the page carries: the incidents' bounds widened to the shape of a wide
    screen (a tall extent opens with land beside it) and a margin all round, or the whole world."""
    if bounds is None:
        return WORLD
    west, south, east, north = bounds
    middle = math.radians((south + north) / 2)
    # Half the extent on screen, in degrees, for a window up to WIDEST_ASPECT times wider than tall.
    half_width = max(east - west, (north - south) / max(math.cos(middle), 0.2) * WIDEST_ASPECT) / 2
    half_height = max(north - south, (east - west) * math.cos(middle)) / 2
    margin = max(MIN_MARGIN_DEGREES, MARGIN_SHARE * max(half_width, half_height))
    centre_x, centre_y = (west + east) / 2, (south + north) / 2
    return (max(centre_x - half_width - margin, -180.0), max(centre_y - half_height - margin, -85.0),
            min(centre_x + half_width + margin, 180.0), min(centre_y + half_height + margin, 85.0))


def basemap_geojson(bounds: tuple[float, float, float, float] | None) -> dict:
    """The countries in the view around (west, south, east, north) bounds, clipped and snapped to
    the page's detail, as a FeatureCollection of MultiPolygons."""
    arcs, countries, boxes = _topology()
    box = view_box(bounds)
    west, south, east, north = box
    step = max(east - west, north - south) / GRID_STEPS
    features = []
    for name, polygons in countries:
        shapes = []
        for polygon in polygons:
            outer = polygon[0]
            arc_boxes = boxes[[i if i >= 0 else ~i for i in outer]]
            if arc_boxes[:, 0].min() > east or arc_boxes[:, 2].max() < west or arc_boxes[:, 1].min() > north or arc_boxes[:, 3].max() < south:
                continue
            rings = [_snap(clipped, step) for clipped in (_clip(_ring(arcs, ring), box) for ring in polygon) if len(clipped) >= 3]
            rings = [ring for ring in rings if len(ring) >= 4]
            if rings:
                shapes.append(rings)
        if shapes:
            features.append({"type": "Feature", "properties": {"name": name}, "geometry": {"type": "MultiPolygon", "coordinates": shapes}})
    return {"type": "FeatureCollection", "features": features}


def town_labels(gazetteer, bounds: tuple[float, float, float, float] | None, incidents: list[tuple[float, float]],
                most: int = LABEL_TOWNS) -> list[dict]:
    """Names to write on the offline map: the `most` largest towns in the page's view, and for each
    incident the nearest town of at least NEAR_TOWN_POPULATION within NEAR_TOWN_KM ("always": the
    page labels it at every zoom). From the offline gazetteer's index."""
    if bounds is None:
        return []
    west, south, east, north = view_box(bounds)
    rows = gazetteer._db().execute(
        "SELECT id, name, latitude, longitude, population FROM places WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?"
        " ORDER BY population DESC LIMIT ?", (south, north, west, east, most)).fetchall()
    labels = {row[0]: {"name": row[1], "lat": round(row[2], 4), "lng": round(row[3], 4), "population": row[4], "always": False}
              for row in rows}
    if incidents:
        near = NEAR_TOWN_KM / 111.0
        lats, lngs = np.array(incidents, dtype=float).T
        # One scan of the table for every incident's neighbourhood, then a band search by latitude.
        towns = gazetteer._db().execute(
            "SELECT id, name, latitude, longitude, population FROM places WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?"
            " AND population >= ? ORDER BY latitude", (lats.min() - near, lats.max() + near, lngs.min() - near * 1.5,
                                                      lngs.max() + near * 1.5, NEAR_TOWN_POPULATION)).fetchall()
        town_lats = np.array([town[2] for town in towns], dtype=float)
        town_lngs = np.array([town[3] for town in towns], dtype=float)
        for latitude, longitude in incidents:
            start, stop = np.searchsorted(town_lats, [latitude - near, latitude + near], side="left")
            scale = math.cos(math.radians(latitude))
            band_lngs = town_lngs[start:stop]
            inside = np.abs(band_lngs - longitude) <= near * 1.5
            if not inside.any():
                continue
            distance = (town_lats[start:stop] - latitude) ** 2 + ((band_lngs - longitude) * scale) ** 2
            best = towns[start + int(np.argmin(np.where(inside, distance, np.inf)))]
            labels[best[0]] = {"name": best[1], "lat": round(best[2], 4), "lng": round(best[3], 4), "population": best[4], "always": True}
    return sorted(labels.values(), key=lambda label: (not label["always"], -label["population"]))
