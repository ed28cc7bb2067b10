"""The incidents as data: GeoJSON (RFC 7946) and compact columns, for the page and for exports."""

from __future__ import annotations

import base64
import gzip
import io
import json
import math
import re

import numpy as np
import pandas as pd

from ..util.columns import distinct_rows
from .contract import INCIDENT_TEXTS_ID, INCIDENTS_ID

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


def placed_rows(located: pd.DataFrame) -> pd.DataFrame:
    """The incidents that have a position: the frame itself when all have one (dropna copies every
    column of it, 60 ms of 100,000 rows, even when it drops nothing)."""
    missing = located["latitude"].isna().to_numpy() | located["longitude"].isna().to_numpy()
    return located[~missing] if missing.any() else located


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


COLUMNS_FORMAT = "mapgen-columns/2"
# The digits of the codes string: 64 characters that JSON and a <script> element carry as they are.
CODE_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"


def incidents_columns(located: pd.DataFrame) -> dict:
    """Placed incidents as compact columns: the form a large map carries its data in.

    A field whose values repeat (categories, dates, sources, geocoders) is the list of its distinct
    values and one code per incident into it, written as a string of `width` base-64 digits per
    incident (1 digit up to 64 values, 2 up to 4,096); a field of one value for every incident is
    that value; any other field is a list with one value per incident. Positions are coded the same
    way when incidents share them (many incidents at one town): the distinct points and a code each.
    A browser parses a string far faster than a list of numbers, and the codes take a third of the
    bytes.
    """
    placed = placed_rows(located)
    return {**_column_head(placed), "columns": dict(_columns(placed))}


def _column_head(placed: pd.DataFrame) -> dict:
    """The columns table but its fields: its format, its count and the positions."""
    latitude, longitude = placed["latitude"].round(COORDINATE_DECIMALS), placed["longitude"].round(COORDINATE_DECIMALS)
    data = {"format": COLUMNS_FORMAT, "count": len(placed)}
    points, uniques = distinct_rows([latitude.astype("float64"), longitude.astype("float64")])
    if len(uniques) * 2 < len(placed):
        data["points"] = {"latitude": [float(p[0]) for p in uniques], "longitude": [float(p[1]) for p in uniques], **coded(points, len(uniques))}
    else:
        data["longitude"], data["latitude"] = longitude.tolist(), latitude.tolist()
    return data


def _columns(placed: pd.DataFrame):
    """Each field of the columns table, (name, its column), one at a time: a field of two million
    notes is made, written and let go before the next is made."""
    for name in placed.columns:
        if name in INTERNAL_COLUMNS or name in ("latitude", "longitude"):
            continue
        series = placed[name]
        texts = _arrow_texts(series)
        if texts is not None:
            codes, uniques = _arrow_factorized(texts, len(series))
        else:
            codes, uniques = _blank_factorized(series if series.dtype == object else series.astype(object))
        if uniques is None:
            yield name, texts.to_pylist()
        elif len(uniques) == 1 and uniques[0] == "":
            continue
        elif len(uniques) == 1:
            yield name, {"value": _value(uniques[0])}
        elif len(uniques) * 4 < len(series):
            yield name, {"values": [_value(v) for v in uniques], **coded(codes, len(uniques))}
        else:
            yield name, [v if type(v) is str else "" if pd.isna(v) else _value(v) for v in series.tolist()]


def _arrow_texts(series: pd.Series):
    """A column of Arrow strings as one Arrow array, its missing cells "" (the page's blank), or
    None for any other column: Arrow hashes these five times faster than the same cells made
    Python objects first (a million rows' dates: 27 ms against 136)."""
    if not isinstance(series.dtype, pd.StringDtype) or series.dtype.storage != "pyarrow":
        return None
    import pyarrow as pa  # loaded already: the column is Arrow's
    import pyarrow.compute as pc

    chunks = pa.chunked_array(series.array._pa_array)
    texts = chunks.chunk(0) if chunks.num_chunks == 1 else chunks.combine_chunks()
    return pc.fill_null(texts, "") if texts.null_count else texts


def _arrow_factorized(texts, rows: int) -> tuple[np.ndarray | None, list | None]:
    """_blank_factorized's codes and distinct values, from Arrow, both in the order the rows first
    give them; neither (None) when there are too many values to be worth coding (a field of notes:
    its first 30% holding a quarter of the rows' worth of values already tells, at a third of the hashing)."""
    if rows >= 8 and len(texts[: rows * 3 // 10].unique()) * 4 >= rows:
        return None, None
    encoded = texts.dictionary_encode()
    if len(encoded.dictionary) > 1 and len(encoded.dictionary) * 4 >= rows:
        return None, None
    return encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary.to_pylist()


def _blank_factorized(values: pd.Series) -> tuple[np.ndarray, list]:
    """The codes and distinct values of a column whose missing cells count as "", each value coded
    in the order the rows first give it: one pass of hashing over the cells, and one over the codes
    (whole numbers) where a missing cell had to join the blanks."""
    codes, uniques = pd.factorize(values, sort=False)
    uniques = list(uniques)
    missing = codes < 0
    if not missing.any():
        return codes, uniques
    if "" not in uniques:
        uniques.append("")
    codes[missing] = uniques.index("")
    codes, order = pd.factorize(codes, sort=False)
    return codes, [uniques[i] for i in order]


COMPRESSED_DATA = "gzip+base64"  # how the page carries a large map's columns (data-encoding on the element)
COMPRESS_LEVEL = 1  # 1,000,000 incidents: 89 MB of JSON to 26 MB in 0.7 s (level 6: 21 MB in 4 s)
PACKED_ITEMS = 100_000  # a list field is written this many values at a time


def packed(text: str) -> str:
    """Text as the page carries a large map's data: gzipped (no timestamp: the same bytes each
    build), in base64, which a <script> element holds as it is."""
    packer = _Packer()
    packer.write(text)
    return packer.text()


# A list field (one value per incident: notes, descriptions) travels in a second element, read once
# the map is drawn: 70% of a million synthetic incidents' JSON, not needed for the first view. The
# id stays in the first (a link names its incident by id).
KEPT_LISTS = ("id",)
DEFERRED = {"deferred": True}  # the place a deferred field holds in the first element


def packed_columns(located: pd.DataFrame) -> tuple[str, str]:
    """The columns table as the page carries it, packed: the fields the first view needs, each
    deferred field holding DEFERRED in its place, and the deferred fields apart ("" when there are
    none). Together they are incidents_columns(located); each is made a field, and a slice of a
    long list, at a time, so that the JSON of two million rows (several hundred MB) never stands
    whole in memory beside its compressed form."""
    placed = placed_rows(located)
    first, later = _Packer(), _Packer()
    first.write(script_json(_column_head(placed))[:-1] + ',"columns":{')
    later.write('{"columns":{')
    for name, column in _columns(placed):
        deferred = isinstance(column, list) and name not in KEPT_LISTS
        first.field(name, DEFERRED if deferred else column)
        if deferred:
            later.field(name, column)
        del column
    first.write("}}")
    later.write("}}")
    return first.text(), later.text() if later.fields else ""


class _Packer:
    """A JSON object's text written in pieces into gzip, then base64: see packed()."""

    def __init__(self):
        self.buffer = io.BytesIO()
        self.stream = gzip.GzipFile(fileobj=self.buffer, mode="wb", compresslevel=COMPRESS_LEVEL, mtime=0)
        self.fields = 0

    def write(self, text: str) -> None:
        self.stream.write(text.encode("utf-8"))

    def field(self, name: str, column) -> None:
        """One field of the columns object: a long list a slice of PACKED_ITEMS values at a time."""
        self.write(("," if self.fields else "") + script_json(name) + ":")
        self.fields += 1
        if not isinstance(column, list):
            self.write(script_json(column))
            return
        self.write("[")
        for start in range(0, len(column), PACKED_ITEMS):
            self.write(("," if start else "") + script_json(column[start:start + PACKED_ITEMS])[1:-1])
        self.write("]")

    def text(self) -> str:
        self.stream.close()
        return base64.b64encode(self.buffer.getbuffer()).decode("ascii")


def unpacked(text: str) -> str:
    """The text packed() made, back."""
    return gzip.decompress(base64.b64decode(text)).decode("utf-8")


def page_data(html: str) -> dict:
    """The incidents' data a page carries, read back: GeoJSON, or the columns, unpacked, the
    deferred fields in their places."""
    data = _element_data(html, INCIDENTS_ID)
    if data is None:
        raise ValueError("no incidents' data in this page")
    later = _element_data(html, INCIDENT_TEXTS_ID)
    for name, column in (later or {}).get("columns", {}).items():
        data["columns"][name] = column
    return data


def _element_data(html: str, element_id: str):
    found = re.search(rf'<script type="[^"]+" id="{element_id}"( data-encoding="([^"]+)")?>(.*?)</script>', html, re.S)
    if found is None or not found[3].strip():
        return None
    return json.loads(unpacked(found[3]) if found[2] == COMPRESSED_DATA else found[3])


def column_positions(data: dict) -> list[tuple[float, float]]:
    """(latitude, longitude) of each incident of a columns table, as the page reads them."""
    if "points" not in data:
        return list(zip(data["latitude"], data["longitude"]))
    points = data["points"]
    return [(points["latitude"][code], points["longitude"][code]) for code in decoded(points["codes"], points["width"])]


def decoded(text: str, width: int) -> list[int]:
    """The codes coded() wrote."""
    value = {digit: n for n, digit in enumerate(CODE_DIGITS)}
    codes = []
    for start in range(0, len(text), width):
        code = 0
        for digit in text[start:start + width]:
            code = code * len(CODE_DIGITS) + value[digit]
        codes.append(code)
    return codes


def coded(codes, distinct: int) -> dict:
    """Codes (0 <= code < distinct) as one string of base-64 digits, `width` digits each, most significant first."""
    width = 1
    while len(CODE_DIGITS) ** width < distinct:
        width += 1
    digits = np.frombuffer(CODE_DIGITS.encode("ascii"), dtype=np.uint8)
    rest = np.asarray(codes, dtype=np.int64)
    text = np.empty((len(rest), width), dtype=np.uint8)
    for place in range(width - 1, -1, -1):
        text[:, place] = digits[rest % len(CODE_DIGITS)]
        rest = rest // len(CODE_DIGITS)
    return {"codes": text.tobytes().decode("ascii"), "width": width}


def config_json(config: dict) -> str:
    """The page's config as a script's literal: keys sorted (the same bytes each time), text as
    UTF-8 rather than escapes (a French page's words at a third of the size), and nothing that can
    end the script ("</script>", "<!--") or its line."""
    return _script_safe(json.dumps(config, ensure_ascii=False, sort_keys=True)).replace("'", "\\u0027")


def script_json(data) -> str:
    """JSON that can sit inside a <script> element: no "</script>", "<!--" or "&" can end it early."""
    return _script_safe(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _script_safe(text: str) -> str:
    """JSON text with the characters that could end a script element or a line of script escaped."""
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
