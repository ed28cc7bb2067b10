"""mapgen: turn a table of reported incidents into a map people can trust.

>>> import mapgen
>>> incidents = mapgen.load_incidents("data/incidents.csv")
>>> located = mapgen.locate(incidents)
>>> mapgen.render_map(located, title="Attacks on French prisons").save("output/map.html")
"""

from .build import BuildReport, build_map
from .errors import InputError, MapgenError
from .geocoding import Locator, OfflineGazetteer, locate
from .incidents import (
    IncidentTable,
    incidents_from_frame,
    load_incidents,
    read_incidents,
)
from .outputs import export_incidents, incidents_geojson
from .render import map_html, render_map

__version__ = "0.1.0"

__all__ = [
    "BuildReport",
    "IncidentTable",
    "InputError",
    "Locator",
    "MapgenError",
    "OfflineGazetteer",
    "build_map",
    "export_incidents",
    "incidents_from_frame",
    "incidents_geojson",
    "load_incidents",
    "locate",
    "map_html",
    "read_incidents",
    "render_map",
]
