"""The defaults a user sees in `mapgen --help`, in one light module that imports nothing heavy."""

from __future__ import annotations

from pathlib import Path

DEFAULT_TITLE = "Incidents"
DEFAULT_TILES = "OpenStreetMap.Mapnik"
DEFAULT_SERVICE = "nominatim"
DEFAULT_PLACES = Path("data") / "places.csv"
DEFAULT_INPUT = Path("data") / "incidents.csv"
DEFAULT_OUTPUT = Path("output") / "map.html"
DEFAULT_WIDTH, DEFAULT_HEIGHT = 1280, 800  # a snapshot's size in CSS pixels: a laptop's screen
