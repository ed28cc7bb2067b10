"""A dataset too large for a page, counted into the page's bins by the engine that holds it: the
placed rows (the view ``placed`` of place/dataset.py) grouped by a cell of the map at a detailed
zoom, by category and by a step of time, one weighted row per group. The page draws those rows as
it draws incidents in bins, each counting for its weight; the time filter moves by the step."""

from __future__ import annotations

import pandas as pd

BIN_PIXELS = 64  # as mapgen.js bins
MAX_GROUPS = 1_000_000  # rows the page may carry (about 40 bytes each)
# The grains to count by, finest first: a cell of the map at a zoom (12: about 2 km, finer than any
# bin the page draws before its detail zoom; 10: 10 km; 8: 40 km; 6: 150 km) and a step of time.
# A finer step of time is worth a coarser cell: the time filter moves by the step.
GRAINS = ((12, "day"), (12, "week"), (10, "week"), (12, "month"), (10, "month"), (8, "month"), (10, "quarter"),
          (8, "quarter"), (8, "year"), (6, "year"))


def cell_degrees(zoom: int) -> float:
    """The side of a bin at a zoom, in degrees, as the page computes it."""
    return 360 / 2**zoom * BIN_PIXELS / 256


def grain(connection, most: int = MAX_GROUPS) -> tuple[int, str]:
    """The finest grain (cell zoom, step of time) whose groups stay within `most`, all counted in one scan."""
    counts = connection.execute("SELECT " + ", ".join(f"count(DISTINCT ({_cell(zoom)}, category, date_trunc('{step}', first_day)))"
                                                      for zoom, step in GRAINS) + " FROM placed").fetchone()
    return next((chosen for chosen, count in zip(GRAINS, counts) if count <= most), GRAINS[-1])


def _cell(zoom: int) -> str:
    size = cell_degrees(zoom)
    return f"floor(latitude / {size})::BIGINT, floor(longitude / {size})::BIGINT"


def aggregated(connection, zoom: int, step: str) -> pd.DataFrame:
    """One row per cell, category and step of time: its weight (the rows in it), the mean of their
    positions, the place most of them name, and the days they span."""
    size = cell_degrees(zoom)
    rank = "CASE location_precision WHEN 'exact' THEN 0 WHEN 'town' THEN 1 WHEN 'region' THEN 2 ELSE 3 END"
    frame = connection.execute(
        f"SELECT round(avg(latitude), 5) AS latitude, round(avg(longitude), 5) AS longitude, category,"
        f" strftime(min(first_day), '%Y-%m-%d') AS date, strftime(max(last_day), '%Y-%m-%d') AS last, count(*) AS incidents,"
        f" mode(place) AS place, any_value(region) AS region, any_value(country) AS country, max({rank}) AS precision_rank,"
        f" any_value(geocoder) AS geocoder"
        f" FROM placed GROUP BY floor(latitude / {size}), floor(longitude / {size}), category, date_trunc('{step}', first_day)").df()
    # The least precise position in a group is the group's: a cell holding a region's centre is only that precise.
    frame["location_precision"] = frame.pop("precision_rank").map(dict(enumerate(("exact", "town", "region", "country"))))
    last = frame.pop("last")
    frame["date_end"] = last.where(last != frame["date"], "")
    frame["date_precision"] = [step if end else "day" for end in frame["date_end"]]
    frame["id"] = [f"group-{n}" for n in range(1, len(frame) + 1)]
    frame["uncertainty_km"] = float("nan")
    return frame
