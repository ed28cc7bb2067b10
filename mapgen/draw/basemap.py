"""An offline base map: country outlines from Natural Earth, drawn under the tiles.

The data is Natural Earth's 1:110m admin-0 countries (public domain), as the pyogrio package
ships it; pyogrio (GDAL) reads the shapefile and writes GeoJSON, so nothing is fetched at run
time. When the tiles cannot load, or with --tiles none, these outlines still show where things are.
"""

from __future__ import annotations

import io
import json
from functools import lru_cache
from importlib import metadata, resources

from ..errors import CacheError
from ..util.files import atomic_output
from ..util.paths import cache_dir

NATURAL_EARTH = ("tests", "fixtures", "naturalearth_lowres", "naturalearth_lowres.shp")
COORDINATE_PRECISION = 3  # about 100 m, far finer than 1:110m data
MARGIN_DEGREES = 8.0


@lru_cache(maxsize=1)
def countries() -> list[dict]:
    """Natural Earth's countries as GeoJSON features, each with its bounding box.

    Reading the shapefile means starting GDAL, which costs about a second; the features are
    kept in the user's cache folder after the first read, keyed by pyogrio's version.
    """
    try:
        version = metadata.version("pyogrio")
    except metadata.PackageNotFoundError:
        version = "unknown"
    cached = cache_dir() / f"natural-earth-{version}-{COORDINATE_PRECISION}.json"
    try:
        return json.loads(cached.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    features = _read_natural_earth()
    try:
        with atomic_output(cached, error=CacheError, fix="set MAPGEN_CACHE_DIR to a folder you can write to") as stream:
            json.dump(features, stream)
    except (CacheError, OSError):
        pass  # a cache that cannot be written only costs the next build a second
    return features


def _read_natural_earth() -> list[dict]:
    import pyogrio.raw

    path = resources.files("pyogrio").joinpath(*NATURAL_EARTH)
    meta, _, geometry, fields = pyogrio.raw.read(str(path), columns=["name", "iso_a3"])
    buffer = io.BytesIO()
    pyogrio.raw.write(
        buffer, geometry, fields, meta["fields"], driver="GeoJSON", geometry_type="MultiPolygon", crs=meta["crs"],
        promote_to_multi=True, layer_options={"COORDINATE_PRECISION": COORDINATE_PRECISION, "RFC7946": "YES"},
    )
    features = json.loads(buffer.getvalue())["features"]
    for feature in features:
        points = list(_positions(feature["geometry"]["coordinates"]))
        longitudes, latitudes = [p[0] for p in points], [p[1] for p in points]
        feature["bbox"] = [min(longitudes), min(latitudes), max(longitudes), max(latitudes)]
    return features


def _positions(coordinates):
    if coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates
        return
    for part in coordinates:
        yield from _positions(part)


def basemap_geojson(bounds: tuple[float, float, float, float] | None) -> dict:
    """The countries near (west, south, east, north) bounds, or all of them, as a FeatureCollection."""
    features = countries()
    if bounds is not None:
        west, south, east, north = bounds
        margin = max(MARGIN_DEGREES, (east - west) / 2, (north - south) / 2)
        west, south, east, north = west - margin, south - margin, east + margin, north + margin
        features = [f for f in features if f["bbox"][0] <= east and f["bbox"][2] >= west and f["bbox"][1] <= north and f["bbox"][3] >= south]
    return {"type": "FeatureCollection", "features": [{k: v for k, v in f.items() if k != "bbox"} for f in features]}
