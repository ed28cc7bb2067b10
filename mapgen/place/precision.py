"""How precisely a row is placed: the one table of precisions, their ACLED codes and radii."""

from __future__ import annotations

import re

LOCATION_PRECISIONS = ("exact", "town", "region", "country")

# ACLED's geo_precision: 1 the exact place or town, 2 near a town or a part of it, 3 a larger
# region (placed at its capital). A country is coded 3 as well.
ACLED_GEO_PRECISION = {"exact": 1, "town": 1, "region": 3, "country": 3}

# What a table says of its own position when it is near a town, not in it (ACLED's geo_precision 2,
# read as "near"): a town's precision, ACLED's code 2.
STATED_NEAR = "near"

# What a place text names inside or near a town (a facility, a district, "near X"): ACLED codes it 2.
PART_OF_TOWN = ("facility", "district", "near")
NEAR_TOWN_GEO_PRECISION = 2

# How far from its point a row with this precision may lie (km), when nothing says better:
# a building; a town centre; a department-sized area; a country-sized one.
DEFAULT_RADIUS_KM = {"exact": 0.1, "town": 3.0, "region": 45.0, "country": 300.0}

# A precision a table gives as a distance (NASA's landslide catalog: "5km", "25km"): the table
# itself knows the place only that well, so no position drawn from its text can be surer.
_STATED_DISTANCE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*km\s*$", re.IGNORECASE)
# The precision class of a stated distance: the largest distance each class still names.
STATED_CLASS_KM = (("exact", 1.0), ("town", 25.0), ("region", 300.0))


def stated_reach_km(value) -> float | None:
    """The distance a table's precision column gives ("25km" -> 25.0), or None when it gives none."""
    found = _STATED_DISTANCE.match(str(value)) if isinstance(value, str) else None
    return float(found.group(1)) if found else None


def stated_precision(reach_km: float) -> str:
    """The precision class that a stated distance names (1 km: exact; 25 km: town; 300 km: region)."""
    return next((name for name, most in STATED_CLASS_KM if reach_km <= most), "country")
