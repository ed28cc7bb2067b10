"""Located incidents written back as data: GeoJSON or CSV, every incident kept."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from ..draw.data import INTERNAL_COLUMNS, incidents_geojson
from ..errors import ConfigurationError
from ..util.files import write_text

# A cell a spreadsheet would read as a formula (OWASP, CSV injection): = + - @, a tab or a return first.
FORMULA_START = re.compile(r"^[=+\-@\t\r]")
NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell and column name that a spreadsheet would run as a formula
    made inert by a leading apostrophe, as OWASP advises; numbers such as -12.5 are left as they are."""
    safe = frame.copy()
    safe.columns = [_inert(str(name)) for name in frame.columns]
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            text = safe[column].astype("string")
            risky = text.str.contains(FORMULA_START, na=False) & ~text.str.fullmatch(NUMBER, na=False)
            safe[column] = safe[column].where(~risky, "'" + text)
    return safe


def _inert(text: str) -> str:
    return "'" + text if FORMULA_START.match(text) and not NUMBER.match(text) else text


def export_incidents(located: pd.DataFrame, path: str | Path) -> Path:
    """Write located incidents as GeoJSON (.geojson/.json) or CSV (.csv), every incident kept."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        collection = incidents_geojson(located, include_unplaced=True, drop_blank=False)
        return write_text(path, json.dumps(collection, ensure_ascii=False, indent=1) + "\n")
    if suffix == ".csv":
        columns = [c for c in located.columns if c not in INTERNAL_COLUMNS]
        return write_text(path, spreadsheet_safe(located[columns]).to_csv(index=False))
    raise ConfigurationError(f"{path}: unknown output type {suffix or '(none)'}; end the name with .geojson or .csv.")
