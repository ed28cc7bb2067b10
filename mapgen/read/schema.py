"""The incident schema and its checks: every row becomes an incident or a rejection naming its
row, column and fix; nothing is dropped quietly.

Each check looks at one concern (dates, times, coordinates, place, country, source URL, ids) over
the whole column at once, writes the column's normalised values back, and returns the rows it
rejects and why, so that a table of 100,000 rows is checked in well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from ..util.columns import by_distinct, distinct_rows, renumbered, stripped
from ..util.countries import country_code
from .columns import DEFAULT_CATEGORY_NAME, SPLIT_DATE, ColumnPlan, column_key
from .dates import DateError, MissingYear, compose_split_dates, day_order, parse_dates, parse_time

# ACLED's codes: geo_precision 1 the town or the place itself, 2 near a town or a part of it
# ("near": a town's precision, placed with a wider radius), 3 a larger area (placed at its
# centre); time_precision 1 the day, 2 the week, 3 the month.
ACLED_GEO_PRECISION_NAMES = {"1": "town", "2": "near", "3": "region"}
ACLED_TIME_PRECISION_NAMES = {"1": "day", "2": "week", "3": "month"}
_TIME_IN_DATE = r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}[T ](\d{1,2}:\d{2})"

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
DEFAULT_CATEGORY = "other"

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
    columns: ColumnPlan | None = None  # how the table's columns were read
    notes: list[str] = field(default_factory=list)  # what reading set aside (a title block, cells)
    written: AsWritten | None = None  # the table's own columns, as written

    @property
    def read(self) -> int:
        return len(self.incidents) + len(self.rejected)

    def problems(self) -> list[str]:
        return [message for rejection in self.rejected for message in rejection.messages]


# mapgen's reading of a row, under mapgen's names, as exports write it beside the table's own
# columns; those marked GIVEN_ONLY only when a column of the table plays them (a time, a link as
# mapgen mended it).
READING_COLUMNS = ("id", "date", "date_end", "date_precision", "time", "category", "place", "region", "country", "latitude",
                   "longitude", "location_precision", "uncertainty_km", "geocoder", "matched_name", "location_note", "source_url")
GIVEN_ONLY = ("time", "source_url")
TABLE_SUFFIX = " (table)"  # a table's column whose name is one of mapgen's, beside mapgen's


@dataclass
class AsWritten:
    """A table's own columns as written, for exports: every column's name in the table's order,
    and the cells of those that play a part (the others travel with the incidents unchanged)."""

    columns: list[str]
    cells: pd.DataFrame  # "row" and the columns that play a part, as written
    roles: dict[str, str] = field(default_factory=dict)  # role -> column, as the plan read them
    # Columns whose every cell is, character for character, mapgen's reading of its role: their
    # cells are not kept twice (ACLED's notes, two million of them, are the descriptions).
    same: frozenset[str] = frozenset()

    def beside(self, located: pd.DataFrame) -> pd.DataFrame:
        """The located incidents with every column of the table under its own name and as written,
        in the table's order, and mapgen's reading after them under mapgen's names. A table's
        column named as one of mapgen's is that column when every value it gives is mapgen's
        reading (a blank one filled in, as geocoding does), else "NAME (table)" beside it."""
        own = located[["row"]].merge(self.cells, on="row", how="left")
        own.index = located.index
        role_of = {column: role for role, column in self.roles.items()}
        for column in self.same:
            own[column] = located[role_of[column]].fillna("").astype(str)
        reading = [c for c in READING_COLUMNS if c in located and (c not in GIVEN_ONLY or c in self.roles)]
        out = {}
        for column in self.columns:
            values = own[column] if column in own else located.get(column, located.get(column + TABLE_SUFFIX))
            if values is None:
                continue
            if column not in reading:
                out[column] = values
            elif _agrees(values, located[column]):
                out[column] = located[column]
            else:
                out[column + TABLE_SUFFIX] = values
        out.update({column: located[column] for column in reading if column not in out})
        return pd.DataFrame(out, index=located.index)


def same_as_read(cells: pd.DataFrame, incidents: pd.DataFrame, roles: dict[str, str]) -> set[str]:
    """The text columns of cells whose every cell, on the rows read as incidents, is exactly
    mapgen's reading of its role (no space trimmed, no number reformatted)."""
    rows = incidents["row"].to_numpy()
    if len(rows) == len(cells) and np.array_equal(rows, cells["row"].to_numpy()):
        kept = cells  # every row read as an incident, in order: nothing to line up (a copy of a million rows saved)
    else:
        kept = cells.set_index("row").reindex(rows)
    found = set()
    for role, column in roles.items():
        if column not in kept or role not in incidents or pd.api.types.is_numeric_dtype(incidents[role]):
            continue
        if _same_texts(kept[column], incidents[role]):
            found.add(column)
    return found


def _same_texts(written: pd.Series, read: pd.Series) -> bool:
    """Whether two columns hold the same text in every row, a missing cell counting as "": compared
    as they are, and only the cells that differ so looked at again as text."""
    a, b = written.to_numpy(dtype=object), read.to_numpy(dtype=object)
    try:
        differ = np.asarray(a != b, dtype=bool)
    except TypeError:  # pandas' NA compares to nothing: every cell as text
        differ = np.ones(len(a), dtype=bool)
    if not differ.any():
        return True
    return bool((_as_text(a[differ]) == _as_text(b[differ])).all())


def _as_text(values: np.ndarray) -> np.ndarray:
    """Cells as text, a missing one as ""."""
    return np.where(pd.isna(values), "", values).astype(str)


def _agrees(written: pd.Series, read: pd.Series) -> bool:
    """Whether every value a column gives is what mapgen read (text as text, numbers as numbers)."""
    text = written.fillna("").astype(str).str.strip()
    given = text != ""
    if pd.api.types.is_float_dtype(read):
        return bool((pd.to_numeric(text[given], errors="coerce").round(9) == read[given].round(9)).all())
    return bool((text[given] == read[given].fillna("").astype(str)).all())


class Problem(NamedTuple):
    """One problem of one row: its position in the table, the column, and the fix."""

    position: int
    column: str
    message: str


# GDELT's ActionGeo_Type: 1 a country (its centroid), 2 a US state, 3 a US city, 4 a world city,
# 5 a world state (ADM1).
GDELT_GEO_TYPE_NAMES = {"1": "country", "2": "region", "3": "town", "4": "town", "5": "region"}
# The codes a precision column holds, by the column's name as folded (column_key).
PRECISION_CODES = {"geoprecision": ACLED_GEO_PRECISION_NAMES, "actiongeotype": GDELT_GEO_TYPE_NAMES}
# Roles read to make or check a schema column, then kept under the table's own names.
HELPER_ROLES = ("year", "month", "day", "county", "country_code")
# A web address inside a cell: "http:// http://6abc.com/story" holds one, "http:// Eric Wayne" none.
WEB_ADDRESS = r"https?://[A-Za-z0-9][A-Za-z0-9.\-]*(?::\d+)?(?:[/?#][^\s|]*)?"
SET_ASIDE_SHOWN = 5  # rows named in a set-aside note before "..."


def prepare(frame: pd.DataFrame, plan: ColumnPlan) -> pd.DataFrame:
    """The parts a table gives in its own way, in the schema's: ACLED's numeric geo_precision and
    time_precision, GDELT's ActionGeo_Type; a county where the place is blank; "incident" as the
    category of a table that has none. Columns are replaced, never changed in place: the frame's
    cells are the table's as written."""
    frame = frame.copy(deep=False)
    if "location_precision" in frame:
        codes = PRECISION_CODES.get(column_key(plan.roles.get("location_precision", "")), {})
        frame["location_precision"] = stripped(frame["location_precision"].astype(str)).replace(codes)
    if "date_precision" in frame:
        frame["date_precision"] = stripped(frame["date_precision"].astype(str)).replace(ACLED_TIME_PRECISION_NAMES)
    frame = _police_uk_places(frame)
    if "county" in frame:
        place = frame["place"] if "place" in frame else pd.Series("", index=frame.index)
        frame["place"] = place.where(place.astype(str).str.strip() != "", frame["county"].map(_county_place))
    if "category" not in frame:
        frame["category"] = DEFAULT_CATEGORY_NAME
    return frame


# data.police.uk's street-level crimes give the street ("On or near Golden Lane") and the small
# census area it lies in, named after its local authority and a code ("City of London 001C").
_LSOA_NAME = re.compile(r"^(?P<authority>.*?\S)\s+\d{3}[A-Z]$")
_ON_OR_NEAR = re.compile(r"^\s*on or near\s+", re.IGNORECASE)
POLICE_UK_COUNTRY = "United Kingdom"  # the site covers the police forces of England, Wales and Northern Ireland


def _police_uk_places(frame: pd.DataFrame) -> pd.DataFrame:
    """A police.uk table's place made of its street and its local authority ("Golden Lane, City of
    London"), in the United Kingdom when the table names no country; any other table as it is."""
    lsoa = next((c for c in frame.columns if column_key(str(c)) == "lsoaname"), None)
    if lsoa is None or "place" not in frame:
        return frame
    frame = frame.copy()  # its places are changed in place below
    authority = frame[lsoa].astype(str).str.strip().str.extract(_LSOA_NAME)["authority"]
    street = frame["place"].astype(str).str.replace(_ON_OR_NEAR, "", regex=True).str.strip()
    known = authority.notna() & (street != "")
    frame.loc[known, "place"] = street[known] + ", " + authority[known]
    frame.loc[authority.notna() & (street == ""), "place"] = authority
    if "country" not in frame:
        frame["country"] = POLICE_UK_COUNTRY
    return frame


def _county_place(county: str) -> str:
    county = str(county).strip()
    return county if not county or county.lower().endswith(("county", "parish", "borough")) else f"{county} County"


def validate(frame: pd.DataFrame, numbers: list[int], *, source: str, unit: str, dayfirst: bool, monthfirst: bool = False,
             excel: bool = False, plan: ColumnPlan | None = None) -> IncidentTable:
    """Check a table's cells (text, schema column names) against the schema, a concern at a time
    over whole columns. A bad optional cell (a time, a link, coordinates beside a place) is set
    aside and said in a note; any other problem rejects its row."""
    plan = plan or ColumnPlan()
    frame = _schema_frame(frame, numbers)
    helpers = [role for role in HELPER_ROLES if role in frame]
    extra = sorted(c for c in frame.columns if c not in SCHEMA_COLUMNS and c != "row" and c not in helpers)
    named = _namer(plan)
    years = pd.Series(float("nan"), index=frame.index)
    if "date" in plan.roles and "year" in frame:
        years = pd.to_numeric(frame["year"], errors="coerce")
    aside: list[SetAside] = []
    problems = [
        *check_places(frame),
        *check_split_dates(frame, plan),
        *check_dates(frame, years, dayfirst, monthfirst, excel),
        *check_year_agrees(frame, years, named),
        *check_times(frame, aside),
        *check_coordinates(frame, aside),
        *check_countries(frame, named),
        *check_source_urls(frame, aside),
        *check_ids(frame, unit, aside),
    ]
    by_row: dict[int, list[Problem]] = {}
    for problem in dict(((p.position, p.column), p) for p in reversed(problems)).values():  # the first problem of a cell tells
        by_row.setdefault(problem.position, []).append(problem)
    rejected = []
    for position in sorted(by_row):
        where = f"{source}, {unit} {numbers[position]}"
        messages = [_sentence(f"{where}, column '{named(p.column)}': {p.message}") for p in _in_column_order(by_row[position])]
        rejected.append(Rejection(numbers[position], frame["id"].iat[position], messages))
    valid = ~frame.index.isin(list(by_row))
    notes = [note.line(named, numbers, valid) for note in aside if note.line(named, numbers, valid)]
    kept = ["row", *SCHEMA_COLUMNS, *extra, *helpers]
    frame = frame[kept] if valid.all() else frame.loc[valid, kept].reset_index(drop=True)
    frame = frame.rename(columns={role: plan.roles[role] for role in helpers if role in plan.roles}, copy=False)
    return IncidentTable(frame, rejected, source, notes=notes)


def _namer(plan: ColumnPlan):
    """The column a message names: the table's own name for the part ('Date des faits'), or the part's."""
    return lambda role: plan.roles.get(role, role)


def _schema_frame(frame: pd.DataFrame, numbers: list[int]) -> pd.DataFrame:
    """Every schema column present and stripped, the row numbers, ids and categories filled in."""
    frame = renumbered(frame).astype(str)
    for column in SCHEMA_COLUMNS:
        frame[column] = stripped(frame[column]) if column in frame else ""  # a part the table lacks is blank
    frame.insert(0, "row", pd.Series(numbers, index=frame.index, dtype="int64"))
    no_id = (frame["id"] == "").to_numpy()
    if no_id.any():  # a row with no id is known by its row number
        frame.loc[no_id, "id"] = frame.loc[no_id, "row"].astype(str)
    frame["category"] = by_distinct(frame["category"], lambda words: words.str.split().str.join(" ")).where(frame["category"] != "", DEFAULT_CATEGORY)
    return frame


SHOWN_CELL = 60  # characters of a cell quoted in a message
_LONG_QUOTE = re.compile(rf"(['\"])([^'\"]{{{SHOWN_CELL + 20},}})\1")
@dataclass
class SetAside:
    """Optional cells of one column set aside (left blank in mapgen's reading, kept as written in
    the table's own column) or mended, the rows kept; why: what was done and why, for the note."""

    column: str
    positions: list[int]
    why: str

    def line(self, named, numbers: list[int], valid) -> str:
        """One line: the column, how many cells, why, and the first few rows; "" when none is left."""
        rows = [numbers[p] for p in self.positions if valid[p]]
        if not rows:
            return ""
        shown = ", ".join(str(r) for r in rows[:SET_ASIDE_SHOWN]) + (", ..." if len(rows) > SET_ASIDE_SHOWN else "")
        return f"column '{named(self.column)}': {len(rows)} cell(s) {self.why}: {'row' if len(rows) == 1 else 'rows'} {shown}"


def _aside(mask: pd.Series, column: str, why: str) -> list[SetAside]:
    positions = mask.to_numpy().nonzero()[0].tolist()
    return [SetAside(column, positions, why)] if positions else []


# The order in which a row's problems are told: the order of the checks, date columns first.
_CHECK_ORDER = ("date", "date_end", "date_precision", "time", "latitude", "longitude", "place", "country", "source_url", "id")


def _in_column_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: _CHECK_ORDER.index(p.column) if p.column in _CHECK_ORDER else len(_CHECK_ORDER))


def _problems(mask: pd.Series, column, describe) -> list[Problem]:
    """A Problem for each row where mask holds; column may be a function of the position."""
    return [
        Problem(position, column(position) if callable(column) else column, describe(position))
        for position in mask.to_numpy().nonzero()[0]
    ]


def check_split_dates(frame: pd.DataFrame, plan: ColumnPlan) -> list[Problem]:
    """A date made of year, month and day columns (the GTD's iyear, imonth, iday) when no column
    gives the whole date; parts that cannot be one date reject the row, naming the columns."""
    if "date" in plan.roles or "year" not in frame:
        return []
    blank = pd.Series("", index=frame.index)
    names = tuple(plan.roles.get(role, role) for role in SPLIT_DATE)
    split = compose_split_dates(frame["year"], frame.get("month", blank), frame.get("day", blank), names)
    frame["date"] = split.date
    frame["date_precision"] = split.precision.where(frame["date_precision"] == "", frame["date_precision"])
    parts = ", ".join(f"'{name}'" for role, name in zip(SPLIT_DATE, names) if role in frame)
    return _problems(split.problems != "", "date", lambda position: (
        f"columns {parts} do not make a date: {split.problems.iat[position]}; mapgen does not guess one. Correct them,"
        " or name the column that holds the whole date with --column date=COLUMN"))


def check_dates(frame: pd.DataFrame, years: pd.Series, dayfirst: bool, monthfirst: bool = False, excel: bool = False) -> list[Problem]:
    """date, date_end and date_precision read together; written back as ISO days and a precision.
    NN/NN/YYYY is read in the order the column's own values show (a day above 12), unless told.
    A day written without a year ("Sept. 3") takes the row's year (years: a year column beside
    the date, NaN where none), or else the one year all the column's other dates share; with
    neither, the row is refused. Each distinct (date, precision, end, year) is read once."""
    clock = by_distinct(frame["date"], lambda dates: dates.str.extract(_TIME_IN_DATE, expand=False).fillna(""))
    if clock.isin(("", "00:00", "0:00")).all():
        clock[:] = ""  # every timestamp at midnight: a date written as a timestamp (UCDP's "2015-03-02 00:00:00.000"), no time of day
    frame["time"] = frame["time"].where(frame["time"] != "", clock)  # a timestamp's local time, as written
    if not (dayfirst or monthfirst):
        order = day_order(pd.concat([frame["date"], frame["date_end"]]))
        dayfirst, monthfirst = order == "day", order == "month"
    reading = {"dayfirst": dayfirst, "monthfirst": monthfirst, "excel": excel}
    codes, distinct = distinct_rows([frame["date"], frame["date_precision"], frame["date_end"], years.fillna(-1).astype(int)])
    results = [parse_dates(text, precision, end, year=None if year < 0 else int(year), **reading) for text, precision, end, year in distinct]
    _year_from_the_column(results, list(distinct), reading)
    failed = [isinstance(result, DateError) for result in results]
    positions = np.nonzero(np.array(failed, dtype=bool)[codes])[0] if len(codes) else []
    problems = [Problem(int(position), results[codes[position]].column, str(results[codes[position]])) for position in positions]
    for index, column in enumerate(("date", "date_end", "date_precision")):
        values = np.array(["" if bad else result[index] for result, bad in zip(results, failed)], dtype=object)
        frame[column] = values[codes] if len(codes) else pd.Series(dtype=object)
    return problems


def _year_from_the_column(results: list, keys: list[tuple], reading: dict) -> None:
    """Days written without a year, where the table has no year column: read again with the one
    year every other date of the column gives, or refused saying that their years differ."""
    missing = [index for index, result in enumerate(results) if isinstance(result, MissingYear) and keys[index][3] < 0]
    if not missing:
        return
    shared = sorted({result[0][:4] for result in results if not isinstance(result, DateError)})
    for index in missing:
        text, precision, end, _ = keys[index]
        if len(shared) == 1:
            results[index] = parse_dates(text, precision, end, year=int(shared[0]), **reading)
        elif shared:
            spans = ", ".join(shared[:2]) + (" ..." if len(shared) > 2 else "")
            results[index] = DateError(f"{results[index]}; the column's other dates span several years ({spans}), so none is taken")


def check_year_agrees(frame: pd.DataFrame, years: pd.Series, named) -> list[Problem]:
    """A year column beside the date must agree with it: a two-digit year takes the century the
    year column gives ("5/3/19" with year 1919), any other difference rejects the row. A span
    agrees with any year it reaches: ACLED's week of 1 January 2025 (time_precision 2) begins on
    30 December 2024, and its year column says 2025."""
    if not years.notna().any():
        return []  # no year column beside the date
    read = pd.to_numeric(frame["date"].str[:4], errors="coerce")
    last = pd.to_numeric(frame["date_end"].str[:4], errors="coerce") if "date_end" in frame else read
    last = last.where(last.notna(), read)
    differs = years.notna() & read.notna() & ((years < read) | (years > last))
    century = differs & (years % 100 == read % 100)
    if century.any():
        given = years[century].astype(int).astype(str).str.zfill(4)
        for column in ("date", "date_end"):
            dated = century & (frame[column] != "")
            frame.loc[dated, column] = given[dated] + frame.loc[dated, column].str[4:]
    return _problems(differs & ~century, "date", lambda position: (
        f"the date is in {int(read.iat[position])} but column '{named('year')}' says {int(years.iat[position])};"
        " correct one of them"))


def check_times(frame: pd.DataFrame, aside: list[SetAside]) -> list[Problem]:
    """A time of day, written back as HH:MM; one that is not a time is set aside."""
    distinct = pd.Series(pd.unique(frame["time"]), dtype=object)
    times = frame["time"].map(dict(zip(distinct, distinct.map(parse_time))))
    aside += _aside(times.isna(), "time", "set aside, not a time of day such as 05:20 (each row kept, without a time)")
    frame["time"] = times.fillna("")
    return []


def check_coordinates(frame: pd.DataFrame, aside: list[SetAside]) -> list[Problem]:
    """Both coordinates or neither, numbers in range; written back as floats (NaN where unusable).
    Unusable coordinates beside a place are set aside (the place is looked up); without a place
    the row cannot be placed, and is rejected."""
    latitude, longitude = frame["latitude"], frame["longitude"]
    if not ((latitude != "") | (longitude != "")).any():  # no coordinates at all: every row placed by its place
        for column in COORDINATE_COLUMNS:
            frame[column] = np.full(len(frame), np.nan)
        return []
    has_place = frame["place"] != ""
    one_only = (latitude == "") != (longitude == "")

    def missing(position: int) -> str:
        return "longitude" if latitude.iat[position] else "latitude"

    problems = _problems(one_only & ~has_place, missing, lambda position: (
        f"the {missing(position)} is blank while the other coordinate is set; give both or neither."))
    unusable = one_only.copy()
    both = (latitude != "") & (longitude != "")
    values = {}
    for column, limit in (("latitude", 90), ("longitude", 180)):
        text = frame[column]
        value = pd.to_numeric(by_distinct(text, lambda cells: cells.str.replace(",", ".", regex=False)), errors="coerce")
        problems += _problems(both & value.isna() & ~has_place, column, lambda position, text=text: (
            f"{text.iat[position]!r} is not a number; write decimal degrees such as 43.8058."))
        out = both & value.notna() & ~value.between(-limit, limit)
        problems += _problems(out & ~has_place, column, lambda position, value=value, column=column, limit=limit: (
            f"{value.iat[position]:g} is out of range; a {column} lies between -{limit} and {limit} (are latitude and longitude swapped?)."))
        unusable |= both & ~value.between(-limit, limit)
        values[column] = value
    aside += _aside(unusable & has_place, "latitude", "set aside with the longitude, not a usable pair of coordinates (half"
                    " missing, not a number, or out of range): each row is placed by its place instead")
    for column in COORDINATE_COLUMNS:
        frame[column] = values[column].where(both & ~unusable).astype("float64")
    return problems


def check_places(frame: pd.DataFrame) -> list[Problem]:
    """A row with no coordinates needs a place to be looked up (read before the coordinates' check)."""
    no_coordinates = (frame["latitude"] == "") & (frame["longitude"] == "")
    return _problems(no_coordinates & (frame["place"] == ""), "place", lambda position: (
        "blank, and there are no coordinates; name the place (e.g. 'Tarascon prison') or give latitude and longitude."))


def check_countries(frame: pd.DataFrame, named) -> list[Problem]:
    """A country by ISO code or by name in a language CLDR knows, written back as its ISO 3166-1
    alpha-2 code; a code column (ACLED's iso, a table's iso3) is read first, and a name that says
    another country than the code rejects the row."""
    by_name = _country_column(frame["country"])
    problems = _problems(by_name.isna(), "country", lambda position: (
        f"{frame['country'].iat[position]!r} is not a country mapgen knows; write its name or its ISO 3166-1 code (e.g. FR, BE)."))
    if "country_code" in frame:
        by_code = _country_column(frame["country_code"], numeric=True)
        problems += _problems(by_code.isna() & by_name.isna() & (frame["country_code"] != ""), "country_code", lambda position: (
            f"{frame['country_code'].iat[position]!r} is not an ISO 3166-1 code (FR, FRA or 250)."))
        problems = [p for p in problems if p.column != "country" or pd.isna(by_code.iat[p.position]) or by_code.iat[p.position] == ""]
        disagree = by_code.notna() & (by_code != "") & by_name.notna() & (by_name != "") & (by_code != by_name)
        problems += _problems(disagree, "country", lambda position: (
            f"{frame['country'].iat[position]!r} is {by_name.iat[position]}, but column '{named('country_code')}' says"
            f" {frame['country_code'].iat[position]!r} ({by_code.iat[position]}); correct one of them."))
        by_name = by_code.where(by_code.notna() & (by_code != ""), by_name)
    frame["country"] = by_name.fillna(frame["country"])
    return problems


def _country_column(values: pd.Series, numeric: bool = False) -> pd.Series:
    """Each cell's ISO alpha-2 code, "" for a blank cell, NaN for one that is not a country; each distinct value read once."""
    distinct = pd.Series(pd.unique(values), dtype=object)
    codes = distinct.map(lambda text: (country_code(text, numeric=numeric) if text else "") or (None if text else ""))
    return values.map(dict(zip(distinct, codes)))


def check_source_urls(frame: pd.DataFrame, aside: list[SetAside]) -> list[Problem]:
    """A source URL is a web address (no javascript:, no file paths); an incident several articles
    report has one per article, separated by " | " (as mapgen extract writes them). The web
    addresses found in a cell are kept; a cell with none is set aside."""
    urls = frame["source_url"]
    found = by_distinct(urls, _web_addresses)
    aside += _aside((urls != "") & (found == ""), "source_url", "set aside, no web address in it (each row kept, without a link)")
    mended = (urls != "") & (found != "") & (found != urls)
    aside += _aside(mended, "source_url", "read for the web address inside, the rest of the cell left out")
    frame["source_url"] = found
    return []


def _web_addresses(cells: pd.Index) -> pd.Index:
    """Each cell's web addresses: the cell itself when it is nothing else, else those found in it."""
    clean = cells.str.fullmatch(rf"{WEB_ADDRESS}(?: \| {WEB_ADDRESS})*", case=False)
    found = cells.str.findall(WEB_ADDRESS, flags=re.IGNORECASE).str.join(" | ")
    return pd.Index([cell if whole else addresses for cell, whole, addresses in zip(cells, clean, found)], dtype=object)


def check_ids(frame: pd.DataFrame, unit: str, aside: list[SetAside]) -> list[Problem]:
    """Each incident has its own id: the first row that holds an id keeps it, a later row with the
    same id keeps its place in the table under that id and its row ("12 (row 40)"), said in a note.
    Published tables repeat ids (a case number for two shootings, a row exported twice); an id is
    a label, never a reason to lose an incident."""
    repeated = frame["id"].duplicated(keep="first")
    if repeated.any():
        frame.loc[repeated, "id"] = frame.loc[repeated, "id"] + " (" + unit + " " + frame.loc[repeated, "row"].astype(str) + ")"
        aside += _aside(repeated, "id", f"repeat an earlier row's id: kept under the id and their {unit} number")
    return []


def _sentence(message: str) -> str:
    """The message as one sentence, with any cell it quotes cut short (a 5,000-digit "coordinate")."""
    message = _LONG_QUOTE.sub(lambda m: f"{m[1]}{m[2][:SHOWN_CELL]}…{m[1]} ({len(m[2]):,} characters)", message)
    return message if message.endswith((".", "?", "!")) else message + "."


