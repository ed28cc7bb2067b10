"""What mapgen writes: GeoJSON and CSV of located incidents, written atomically."""

from __future__ import annotations

import json
import math
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .errors import ConfigurationError

# Columns used inside mapgen that a reader of the data does not need.
INTERNAL_COLUMNS = ("row",)
COORDINATE_DECIMALS = 5  # about 1 m: finer than any source we cite


def _value(value):
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def incident_properties(row: dict, *, drop_blank: bool = True) -> dict:
    """A row's fields as GeoJSON properties: internal columns out, blanks left out when asked."""
    properties = {}
    for key, value in row.items():
        if key in INTERNAL_COLUMNS or key in ("latitude", "longitude"):
            continue
        value = _value(value)
        if drop_blank and (value is None or value == ""):
            continue
        properties[key] = value
    return properties


def incidents_geojson(located: pd.DataFrame, *, include_unplaced: bool = False, drop_blank: bool = True) -> dict:
    """An RFC 7946 FeatureCollection of the incidents ([longitude, latitude], WGS 84); unplaced
    incidents are features with a null geometry when include_unplaced is set, else left out."""
    features = []
    for row in located.to_dict("records"):
        latitude, longitude = _value(row.get("latitude")), _value(row.get("longitude"))
        placed = latitude is not None and longitude is not None
        if not placed and not include_unplaced:
            continue
        geometry = (
            {"type": "Point", "coordinates": [round(longitude, COORDINATE_DECIMALS), round(latitude, COORDINATE_DECIMALS)]}
            if placed
            else None
        )
        features.append({"type": "Feature", "geometry": geometry, "properties": incident_properties(row, drop_blank=drop_blank)})
    return {"type": "FeatureCollection", "features": features}


def incidents_columns(located: pd.DataFrame) -> dict:
    """Placed incidents as compact columns: the form a large map carries its data in.

    Each field is a list with one value per incident, or, when values repeat (categories, dates,
    sources, geocoders), a list of the distinct values and one index per incident into it.
    """
    placed = located.dropna(subset=["latitude", "longitude"])
    columns: dict[str, object] = {}
    for name in placed.columns:
        if name in INTERNAL_COLUMNS or name in ("latitude", "longitude"):
            continue
        series = placed[name].astype(object)
        values = series.where(series.notna(), "")
        codes, uniques = pd.factorize(values, sort=False)
        if len(uniques) == 1 and uniques[0] == "":
            continue
        if len(uniques) * 4 < len(values):
            columns[name] = {"values": [_value(v) for v in uniques], "codes": codes.tolist()}
        else:
            columns[name] = [v if isinstance(v, (str, int, float)) else _value(v) for v in values.tolist()]
    return {
        "format": "mapgen-columns/1",
        "count": len(placed),
        "longitude": placed["longitude"].round(COORDINATE_DECIMALS).tolist(),
        "latitude": placed["latitude"].round(COORDINATE_DECIMALS).tolist(),
        "columns": columns,
    }


def script_json(data) -> str:
    """JSON that can sit inside a <script> element: no "</script>", "<!--" or "&" can end it early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


@contextmanager
def atomic_output(path: str | Path, mode: str = "w"):
    """Write to a temporary file beside path and rename it into place only when the block ends
    without error, so a failed build never leaves a half-written file or replaces a good one."""
    path = Path(path)
    if path.is_dir():
        raise ConfigurationError(f"{path}: is a folder; name a file to write, e.g. {path / 'map.html'}.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise ConfigurationError(f"{path}: cannot write there ({error.strerror}); choose another output path with -o.") from None
    try:
        with os.fdopen(handle, mode, **({"encoding": "utf-8", "newline": ""} if "b" not in mode else {})) as stream:
            yield stream
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_text(path: str | Path, text: str) -> Path:
    """Write a text file atomically and return its path."""
    with atomic_output(path) as stream:
        stream.write(text)
    return Path(path)


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


EMBED_ASPECT_RATIO = "4 / 3"


def write_embed_snippet(map_path: str | Path, title: str) -> Path:
    """Write MAP.embed.html beside a map: an iframe that takes the width of its column and keeps
    a fixed aspect ratio, for pasting into a report's page."""
    from markupsafe import escape

    map_path = Path(map_path)
    snippet = (
        f'<iframe src="{escape(map_path.name)}" title="{escape(title)}" loading="lazy"'
        f' style="width: 100%; aspect-ratio: {EMBED_ASPECT_RATIO}; border: 0;" allowfullscreen></iframe>\n'
    )
    return write_text(map_path.with_suffix(".embed.html"), snippet)
