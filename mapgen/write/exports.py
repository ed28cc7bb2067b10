"""Located incidents written back as data: GeoJSON or CSV, every incident kept."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..draw.data import INTERNAL_COLUMNS, incidents_geojson
from ..errors import ConfigurationError
from ..util.files import write_text


def export_incidents(located: pd.DataFrame, path: str | Path) -> Path:
    """Write located incidents as GeoJSON (.geojson/.json) or CSV (.csv), every incident kept."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        collection = incidents_geojson(located, include_unplaced=True, drop_blank=False)
        return write_text(path, json.dumps(collection, ensure_ascii=False, indent=1) + "\n")
    if suffix == ".csv":
        columns = [c for c in located.columns if c not in INTERNAL_COLUMNS]
        return write_text(path, located[columns].to_csv(index=False))
    raise ConfigurationError(f"{path}: unknown output type {suffix or '(none)'}; end the name with .geojson or .csv.")
