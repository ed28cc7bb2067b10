"""Symbols sized by a number column (--size-by): what the page needs to draw them and their legend.

A symbol's area, not its width, follows the value (its width follows the square root), so that a
value twice as large looks twice as large; the largest value gets LARGEST_SYMBOL pixels across.
"""

from __future__ import annotations

import math

import pandas as pd

from ..errors import ConfigurationError

LARGEST_SYMBOL = 44  # pixels across, for the largest value
LEGEND_STEPS = (1, 1 / 4, 1 / 16)  # the legend's circles: the largest value, then about a quarter and a sixteenth of it
NICE_STEPS = (1, 2, 5)


def size_scale(placed: pd.DataFrame, column: str | None) -> dict | None:
    """The page's sizeBy: the column, its largest value, the largest symbol and the legend's values;
    None when no column is asked for. Every value given must be a number, none negative."""
    if column is None or placed.empty:
        return None
    if column not in placed.columns:
        shown = ", ".join(c for c in placed.columns if c not in ("row", "latitude", "longitude"))
        raise ConfigurationError(f"--size-by: no column {column!r} in the table; its columns are {shown}.")
    cells = placed[column]
    given = cells.notna() & (cells.astype("string").str.strip() != "")
    values = pd.to_numeric(cells.where(given), errors="coerce")
    wrong = given & (values.isna() | (values < 0))
    if wrong.any():
        at = wrong.idxmax()
        row = placed.at[at, "row"] if "row" in placed else at
        raise ConfigurationError(f"--size-by {column!r}: row {row} holds {cells[at]!r}; symbols are sized by numbers of 0 or more"
                                 " (fatalities, vehicles burned): correct the cell, leave it blank, or size by another column.")
    largest = values.max()
    if not largest > 0:
        raise ConfigurationError(f"--size-by {column!r}: no incident has a number above 0 to size its symbol by.")
    largest = int(largest) if float(largest).is_integer() else float(largest)
    return {"column": column, "max": largest, "largest": LARGEST_SYMBOL, "legend": legend_values(largest)}


def legend_values(largest: float) -> list[float]:
    """The values the legend draws, largest first: the largest itself, then round numbers below it."""
    values = [largest]
    for share in LEGEND_STEPS[1:]:
        value = _round_down(largest * share)
        if value and value < values[-1]:
            values.append(value)
    return values


def _round_down(value: float) -> float:
    """The largest of 1, 2 or 5 times a power of ten that is not above value (0 below 1)."""
    if value < 1:
        return 0
    power = 10 ** math.floor(math.log10(value))
    return max(step * power for step in NICE_STEPS if step * power <= value)
