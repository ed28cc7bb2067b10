"""Placing a dataset the engine holds (read/dataset.py): each distinct place is looked up once by
the resolution chain, and the answers go back into the engine as a table joined to the rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import Locator, locate

EXAMPLES = 5  # places that could not be placed, named in the summary


@dataclass
class DatasetPlacement:
    """What placing a dataset gave: rows placed and not, the distinct places looked up, and the
    places not placed with why (the most frequent first)."""

    placed: int = 0
    not_placed: int = 0
    places: int = 0
    examples: list[str] = field(default_factory=list)


def place_dataset(connection, locator: Locator, progress=None) -> DatasetPlacement:
    """Create the view ``placed`` over ``incidents``: every row with its position, precision and
    the step that placed it (its own coordinates, or its place's, looked up once per place)."""
    keys = connection.execute("SELECT place, region, country, count(*) AS rows FROM incidents WHERE latitude IS NULL"
                              " OR longitude IS NULL GROUP BY ALL").df()
    found = locate(keys[["place", "region", "country"]], locator=locator, progress=progress)
    found["rows"] = keys["rows"].to_numpy()
    connection.register("places_found", found[["place", "region", "country", "latitude", "longitude", "location_precision",
                                               "uncertainty_km", "geocoder", "matched_name", "location_note"]])
    connection.execute(
        "CREATE VIEW located AS SELECT i.first_day, i.last_day, i.precision, i.category, i.place, i.region, i.country, i.source,"
        " coalesce(i.latitude, p.latitude) AS latitude, coalesce(i.longitude, p.longitude) AS longitude,"
        " CASE WHEN i.latitude IS NOT NULL THEN 'exact' ELSE p.location_precision END AS location_precision,"
        " CASE WHEN i.latitude IS NOT NULL THEN 'coordinates' ELSE p.geocoder END AS geocoder"
        " FROM incidents i LEFT JOIN places_found p ON i.latitude IS NULL AND p.place = i.place AND p.region = i.region"
        " AND p.country = i.country")
    connection.execute("CREATE VIEW placed AS SELECT * FROM located WHERE latitude IS NOT NULL AND longitude IS NOT NULL"
                       " AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180")
    total = connection.execute("SELECT count(*) FROM incidents").fetchone()[0]
    result = DatasetPlacement(placed=connection.execute("SELECT count(*) FROM placed").fetchone()[0], places=len(found))
    result.not_placed = total - result.placed
    missing = found[found["latitude"].isna()].sort_values("rows", ascending=False)
    for row in missing.head(EXAMPLES).itertuples():
        result.examples.append(f"{row.rows:,} row(s) at {row.place!r}: {row.location_note or 'no such place'}")
    return result
