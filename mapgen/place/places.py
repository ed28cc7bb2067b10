"""The curated places table: facilities whose position a person has checked, with a source."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..util.text import normalise
from .precision import DEFAULT_RADIUS_KM, LOCATION_PRECISIONS

PLACES_COLUMNS = ("name", "aliases", "latitude", "longitude", "precision", "country", "source")


@dataclass(frozen=True)
class CuratedPlace:
    """A named place with a checked position, its precision and where that position comes from."""

    name: str
    latitude: float
    longitude: float
    precision: str
    country: str
    source: str
    radius_km: float


class PlacesTable:
    """Looks places up by their name or any alias, accents and case ignored."""

    def __init__(self, places: list[CuratedPlace], keys: dict[str, list[CuratedPlace]]):
        self.places = places
        self._keys = keys

    def find(self, place: str, country: str = "") -> CuratedPlace | None:
        """Return the curated place a reporter's text names, or None."""
        matches = self._keys.get(normalise(place), [])
        if country:
            matches = [match for match in matches if not match.country or match.country == country]
        return matches[0] if matches else None

    @classmethod
    def empty(cls) -> PlacesTable:
        return cls([], {})


def read_places(path: str | Path) -> PlacesTable:
    """Read a curated places CSV (name, aliases separated by |, latitude, longitude, precision,
    country, source); every bad row is reported at once."""
    path = Path(path)
    if not path.is_file():
        raise InputError([f"{path}: no such places table. Check the --places path."])
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        missing = [c for c in ("name", "latitude", "longitude") if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError([f"{path}, row 1 (header): missing column {', '.join(missing)}; the columns are {', '.join(PLACES_COLUMNS)}."])
        places, keys, problems = [], {}, []
        for number, row in enumerate(reader, start=2):
            try:
                latitude, longitude = float(row["latitude"]), float(row["longitude"])
                if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                    raise ValueError
            except (TypeError, ValueError):
                problems.append(f"{path}, row {number}: latitude/longitude {row['latitude']!r}, {row['longitude']!r} are not valid decimal degrees.")
                continue
            precision = (row.get("precision") or "exact").strip().lower()
            if precision not in LOCATION_PRECISIONS:
                problems.append(f"{path}, row {number}, column 'precision': {precision!r} is not one of {', '.join(LOCATION_PRECISIONS)}.")
                continue
            radius = float(row.get("radius_km") or DEFAULT_RADIUS_KM[precision])
            country, source = (row.get("country") or "").strip().upper(), (row.get("source") or "").strip()
            place = CuratedPlace(row["name"].strip(), latitude, longitude, precision, country, source, radius)
            places.append(place)
            for name in [row["name"], *(row.get("aliases") or "").split("|")]:
                if name.strip():
                    keys.setdefault(normalise(name), []).append(place)
    if problems:
        raise InputError(problems)
    return PlacesTable(places, keys)
