"""Column names: the schema's own, the other spellings met in real exports, and the required ones."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError

REQUIRED_COLUMNS = ("date", "category")

# Other spellings of our column names met in real exports.
COLUMN_ALIASES = {
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
    "long": "longitude",
    "url": "source_url",
    "link": "source_url",
    "type": "category",
    "event_type": "category",
    "location": "place",
    "quote": "note",
    "notes": "note",
    "event_date": "date",
}


def normalise_header(path: Path, header: list[str]) -> list[str]:
    """The schema names of a header's columns; a header without the required columns is refused."""
    columns = []
    for name in header:
        key = re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").strip().lower())
        columns.append(COLUMN_ALIASES.get(key, key))
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if "place" not in columns and not {"latitude", "longitude"} <= set(columns):
        missing.append("place (or latitude and longitude)")
    if missing:
        raise InputError([
            f"{path}, row 1 (header): missing column {', '.join(repr(m) for m in missing)}."
            f" The header has {', '.join(repr(c) for c in columns if c) or 'no names'};"
            " add the column, or rename yours (see the README's table of columns)."
        ])
    return columns
