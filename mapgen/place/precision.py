"""How precisely a row is placed: the one table of precisions, their ACLED codes and radii."""

from __future__ import annotations

LOCATION_PRECISIONS = ("exact", "town", "region", "country")

# ACLED's geo_precision: 1 the exact place or town, 2 near a town or a part of it, 3 a larger
# region (placed at its capital). A country is coded 3 as well.
ACLED_GEO_PRECISION = {"exact": 1, "town": 1, "region": 3, "country": 3}

# What a place text names inside or near a town (a facility, a district, "near X"): ACLED codes it 2.
PART_OF_TOWN = ("facility", "district", "near")
NEAR_TOWN_GEO_PRECISION = 2

# How far from its point a row with this precision may lie (km), when nothing says better:
# a building; a town centre; a department-sized area; a country-sized one.
DEFAULT_RADIUS_KM = {"exact": 0.1, "town": 3.0, "region": 45.0, "country": 300.0}
