"""mapgen: turn a table of reported incidents into a map people can trust.

>>> import mapgen
>>> incidents = mapgen.load_incidents("data/incidents.csv")
>>> located = mapgen.locate(incidents)
>>> mapgen.render_map(located, title="Attacks on French prisons").save("output/map.html")
"""

from .draw import map_html, render_map
from .draw.data import incidents_geojson
from .errors import InputError, MapgenError
from .pipeline import BuildReport, Geocoding, build, build_map, draft_incidents
from .place import Locator, OfflineGazetteer, locate
from .read import IncidentTable, incidents_from_frame, load_incidents, read_incidents
from .write import export_incidents

__version__ = "0.1.0"

__all__ = [
    "BuildReport",
    "IncidentTable",
    "InputError",
    "Locator",
    "MapgenError",
    "OfflineGazetteer",
    "Geocoding",
    "build",
    "build_map",
    "draft_incidents",
    "export_incidents",
    "incidents_from_frame",
    "incidents_geojson",
    "load_incidents",
    "locate",
    "map_html",
    "read_incidents",
    "render_map",
]
