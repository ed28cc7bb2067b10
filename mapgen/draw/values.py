"""Filters by another column (--filter-by): each column's values, as a legend the reader ticks."""

from __future__ import annotations

import math

import pandas as pd

from ..errors import ConfigurationError

MOST_VALUES = 12  # a longer list is not read; the rest are ticked on and off together as "other"
BLANK = ""  # the key of the incidents with no value


def value_filters(placed: pd.DataFrame, columns: tuple[str, ...]) -> list[dict]:
    """The page's filterBy: for each column, its values (most frequent first, each as the page
    writes it, with its number of incidents), the blank ones, and the key the rest share."""
    filters = []
    for column in columns:
        if column not in placed.columns:
            shown = ", ".join(c for c in placed.columns if c not in ("row", "latitude", "longitude"))
            raise ConfigurationError(f"--filter-by: no column {column!r} in the table; its columns are {shown}.")
        counts = placed[column].map(written).value_counts(sort=False)
        ranked = sorted(((key, count) for key, count in counts.items() if key != BLANK), key=lambda item: (-item[1], item[0]))
        kept, rest = ranked[:MOST_VALUES], ranked[MOST_VALUES:]
        other = other_key(set(counts.index))
        values = [{"key": key, "label": key, "count": int(count)} for key, count in kept]
        if rest:
            values.append({"key": other, "label": other, "count": int(sum(count for _, count in rest))})
        if BLANK in counts.index:
            values.append({"key": BLANK, "label": BLANK, "count": int(counts[BLANK])})
        filters.append({"column": column, "values": values, "other": other})
    return filters


def written(value) -> str:
    """A cell as the page's script writes it (String() of its JSON value): 3.0 is "3", True is "true"."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return BLANK
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def other_key(keys: set[str]) -> str:
    """A key no value of the column has, for the values beyond the most frequent."""
    key = "\u2026"
    while key in keys:
        key += "\u2026"
    return key
