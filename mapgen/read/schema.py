"""The incident schema and its checks: every row becomes an incident or a rejection naming its
row, column and fix; nothing is dropped quietly.

Each check looks at one concern (dates, times, coordinates, place, country, source URL, ids) over
the whole column at once, writes the column's normalised values back, and returns the rows it
rejects and why, so that a table of 100,000 rows is checked in well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ..util.countries import country_code
from .columns import DEFAULT_CATEGORY_NAME, ColumnPlan
from .dates import DateError, compose_split_date, day_order, parse_dates, parse_time

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
    # French, as French tables write them
    "incendie": "arson",
    "incendie volontaire": "arson",
    "tirs": "shooting",
    "tir": "shooting",
    "coups de feu": "shooting",
    "dégradations": "vandalism",
    "dégradation": "vandalism",
    "menaces": "threat",
    "agression": "attack",
    "manifestation": "protest",
    "grève": "strike",
}


@lru_cache(maxsize=4096)
def canonical_category(name: str) -> str:
    """The category key mapgen uses for a name as written in a table."""
    folded = " ".join(str(name).strip().lower().split())
    return CATEGORY_SYNONYMS.get(folded, folded or DEFAULT_CATEGORY)


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
    notes: list[str] = field(default_factory=list)  # what reading set aside (a title block)

    @property
    def read(self) -> int:
        return len(self.incidents) + len(self.rejected)

    def problems(self) -> list[str]:
        return [message for rejection in self.rejected for message in rejection.messages]


class Problem(NamedTuple):
    """One problem of one row: its position in the table, the column, and the fix."""

    position: int
    column: str
    message: str


def prepare(frame: pd.DataFrame, plan: ColumnPlan) -> pd.DataFrame:
    """The parts a table gives in its own way, in the schema's: a date split over year, month and
    day columns (0 for unknown); ACLED's numeric geo_precision and time_precision; a county where
    the place is blank; "incident" as the category of a table that has none."""
    frame = frame.copy()
    if "year" in frame and "date" not in frame:
        composed = [compose_split_date(y, m, d) for y, m, d in zip(frame["year"], frame.get("month", [""] * len(frame)),
                                                                    frame.get("day", [""] * len(frame)))]
        frame["date"] = [c[0] for c in composed]
        frame["date_precision"] = [c[1] for c in composed]
        frame = frame.rename(columns={role: f"{plan.roles[role]}" for role in ("year", "month", "day") if role in frame})
    if "location_precision" in frame:
        frame["location_precision"] = frame["location_precision"].astype(str).str.strip().replace(ACLED_GEO_PRECISION_NAMES)
    if "date_precision" in frame:
        frame["date_precision"] = frame["date_precision"].astype(str).str.strip().replace(ACLED_TIME_PRECISION_NAMES)
    if "county" in frame:
        place = frame["place"] if "place" in frame else pd.Series("", index=frame.index)
        frame["place"] = place.where(place.astype(str).str.strip() != "", frame["county"].map(_county_place))
        frame = frame.rename(columns={"county": plan.roles["county"]})
    if "category" not in frame:
        frame["category"] = DEFAULT_CATEGORY_NAME
    return frame


def _county_place(county: str) -> str:
    county = str(county).strip()
    return county if not county or county.lower().endswith(("county", "parish", "borough")) else f"{county} County"


def validate(frame: pd.DataFrame, numbers: list[int], *, source: str, unit: str, dayfirst: bool, monthfirst: bool = False,
             excel: bool = False) -> IncidentTable:
    """Check a table's cells (text, schema column names) row by row against the schema."""
    frame = _schema_frame(frame, numbers)
    extra = sorted(c for c in frame.columns if c not in SCHEMA_COLUMNS and c != "row")
    problems = [
        *check_places(frame),
        *check_dates(frame, dayfirst, monthfirst, excel),
        *check_times(frame),
        *check_coordinates(frame),
        *check_countries(frame),
        *check_source_urls(frame),
        *check_ids(frame, unit),
    ]
    by_row: dict[int, list[Problem]] = {}
    for problem in problems:
        by_row.setdefault(problem.position, []).append(problem)
    rejected = []
    for position in sorted(by_row):
        where = f"{source}, {unit} {numbers[position]}"
        messages = [_sentence(f"{where}, column '{p.column}': {p.message}") for p in _in_column_order(by_row[position])]
        rejected.append(Rejection(numbers[position], frame["id"].iat[position], messages))
    valid = ~frame.index.isin(list(by_row))
    frame = frame.loc[valid, ["row", *SCHEMA_COLUMNS, *extra]].reset_index(drop=True)
    return IncidentTable(frame, rejected, source)


def _schema_frame(frame: pd.DataFrame, numbers: list[int]) -> pd.DataFrame:
    """Every schema column present and stripped, the row numbers, ids and categories filled in."""
    frame = frame.reset_index(drop=True)
    for column in SCHEMA_COLUMNS:
        if column not in frame:
            frame[column] = ""
    frame = frame.astype(str)
    for column in SCHEMA_COLUMNS:
        frame[column] = [value.strip() for value in frame[column].tolist()]
    frame.insert(0, "row", pd.Series(numbers, index=frame.index, dtype="int64"))
    frame["id"] = frame["id"].where(frame["id"] != "", frame["row"].astype(str))
    frame["category"] = [canonical_category(c) if c else DEFAULT_CATEGORY for c in frame["category"].tolist()]
    return frame


SHOWN_CELL = 60  # characters of a cell quoted in a message
_LONG_QUOTE = re.compile(rf"(['\"])([^'\"]{{{SHOWN_CELL + 20},}})\1")
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


def check_dates(frame: pd.DataFrame, dayfirst: bool, monthfirst: bool = False, excel: bool = False) -> list[Problem]:
    """date, date_end and date_precision read together; written back as ISO days and a precision.
    NN/NN/YYYY is read in the order the column's own values show (a day above 12), unless told."""
    clock = frame["date"].str.extract(_TIME_IN_DATE, expand=False).fillna("")
    frame["time"] = frame["time"].where(frame["time"] != "", clock)  # a timestamp's local time, as written
    if not (dayfirst or monthfirst):
        order = day_order(frame["date"].tolist() + frame["date_end"].tolist())
        dayfirst, monthfirst = order == "day", order == "month"
    parsed = [parse_dates(*key, dayfirst=dayfirst, monthfirst=monthfirst, excel=excel)
              for key in zip(frame["date"].tolist(), frame["date_precision"].tolist(), frame["date_end"].tolist())]
    problems = [Problem(position, result.column, str(result))
                for position, result in enumerate(parsed) if isinstance(result, DateError)]
    good = [("", "", "") if isinstance(result, DateError) else result for result in parsed]
    frame["date"], frame["date_end"], frame["date_precision"] = ([r[i] for r in good] for i in range(3))
    return problems


def check_times(frame: pd.DataFrame) -> list[Problem]:
    """A time of day, written back as HH:MM."""
    times = pd.Series([parse_time(t) for t in frame["time"].tolist()], index=frame.index, dtype=object)
    problems = _problems(times.isna(), "time", lambda position: (
        f"{frame['time'].iat[position]!r} is not a time of day; write HH:MM (e.g. 05:20) or leave it blank."))
    frame["time"] = times.fillna("")
    return problems


def check_coordinates(frame: pd.DataFrame) -> list[Problem]:
    """Both coordinates or neither, numbers in range; written back as floats (NaN where unusable)."""
    latitude, longitude = frame["latitude"], frame["longitude"]
    one_only = (latitude == "") != (longitude == "")

    def missing(position: int) -> str:
        return "longitude" if latitude.iat[position] else "latitude"

    problems = _problems(one_only, missing, lambda position: (
        f"the {missing(position)} is blank while the other coordinate is set; give both or neither."))
    both = (latitude != "") & (longitude != "")
    values = {}
    for column, limit in (("latitude", 90), ("longitude", 180)):
        text = frame[column]
        value = pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
        problems += _problems(both & value.isna(), column, lambda position, text=text: (
            f"{text.iat[position]!r} is not a number; write decimal degrees such as 43.8058."))
        out = both & value.notna() & ~value.between(-limit, limit)
        problems += _problems(out, column, lambda position, value=value, column=column, limit=limit: (
            f"{value.iat[position]:g} is out of range; a {column} lies between -{limit} and {limit} (are latitude and longitude swapped?)."))
        values[column] = value.where(both & value.between(-limit, limit))
    for column in COORDINATE_COLUMNS:
        frame[column] = values[column].astype("float64")
    return problems


def check_places(frame: pd.DataFrame) -> list[Problem]:
    """A row with no coordinates needs a place to be looked up (read before the coordinates' check)."""
    no_coordinates = (frame["latitude"] == "") & (frame["longitude"] == "")
    return _problems(no_coordinates & (frame["place"] == ""), "place", lambda position: (
        "blank, and there are no coordinates; name the place (e.g. 'Tarascon prison') or give latitude and longitude."))


def check_countries(frame: pd.DataFrame) -> list[Problem]:
    """A country by ISO code or English name, written back as its ISO 3166-1 alpha-2 code."""
    countries = pd.Series([_country_or_blank(text) for text in frame["country"].tolist()], index=frame.index, dtype=object)
    problems = _problems(countries.isna(), "country", lambda position: (
        f"{frame['country'].iat[position]!r} is not a country mapgen knows; write its ISO 3166-1 code (e.g. FR, BE)."))
    frame["country"] = countries.fillna(frame["country"])
    return problems


def check_source_urls(frame: pd.DataFrame) -> list[Problem]:
    """A source URL is a web address: no javascript:, no file paths. An incident several
    articles report has one per article, separated by " | " (as mapgen extract writes them)."""
    urls = frame["source_url"]
    return _problems((urls != "") & ~urls.str.match(r"^https?://\S+(?: \| https?://\S+)*$", case=False), "source_url", lambda position: (
        f"{urls.iat[position]!r} is not a web address; it must start with http:// or https:// (several: separate them with ' | ')."))


def check_ids(frame: pd.DataFrame, unit: str) -> list[Problem]:
    """Each incident has its own id; the first row that holds an id keeps it."""
    ids = frame["id"]
    first_row = frame.drop_duplicates("id").set_index("id")["row"]
    return _problems(ids.duplicated(keep="first"), "id", lambda position: (
        f"{ids.iat[position]!r} is already the id of {unit} {first_row[ids.iat[position]]}."
        " Give each incident its own id, or leave the id column blank to number them."))


def _sentence(message: str) -> str:
    """The message as one sentence, with any cell it quotes cut short (a 5,000-digit "coordinate")."""
    message = _LONG_QUOTE.sub(lambda m: f"{m[1]}{m[2][:SHOWN_CELL]}…{m[1]} ({len(m[2]):,} characters)", message)
    return message if message.endswith((".", "?", "!")) else message + "."


@lru_cache(maxsize=1024)
def _country_or_blank(text: str) -> str | None:
    return country_code(text) if text else ""
