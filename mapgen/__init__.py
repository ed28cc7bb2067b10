"""mapgen: turn a table of reported incidents into a map people can trust.

>>> import mapgen
>>> incidents = mapgen.load_incidents("data/incidents.csv")
>>> located = mapgen.locate(incidents, places="data/places.csv")
>>> mapgen.render_map(located, title="Attacks on French prisons").save("output/map.html")
"""

from importlib import import_module

# Where each public name lives. They are imported when first used, so that `mapgen --help` and a
# mistyped command line do not wait for pandas and folium.
_PUBLIC = {
    "BuildReport": "pipeline", "build": "pipeline", "export": "pipeline", "run": "pipeline",
    "draft_incidents": "pipeline", "map_html": "draw", "render_map": "draw", "DrawOptions": "draw", "incidents_geojson": "draw.data",
    "InputError": "errors", "MapgenError": "errors", "Locator": "place", "OfflineGazetteer": "place", "PlaceOptions": "place",
    "locate": "place", "IncidentTable": "read", "ReadOptions": "read", "incidents_from_frame": "read", "load_incidents": "read",
    "read_incidents": "read", "export_incidents": "write", "SnapshotOptions": "write", "WriteOptions": "write", "snapshot": "write",
}


def __getattr__(name: str):
    if name in _PUBLIC:
        value = getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'mapgen' has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_PUBLIC])


__version__ = "0.1.0"

__all__ = [
    "BuildReport",
    "DrawOptions",
    "IncidentTable",
    "InputError",
    "Locator",
    "MapgenError",
    "OfflineGazetteer",
    "PlaceOptions",
    "ReadOptions",
    "SnapshotOptions",
    "WriteOptions",
    "build",
    "draft_incidents",
    "export",
    "export_incidents",
    "incidents_from_frame",
    "incidents_geojson",
    "load_incidents",
    "locate",
    "map_html",
    "read_incidents",
    "render_map",
    "run",
    "snapshot",
]
