"""Dates and times as tables write them, read into a first day, a last day and a precision."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from ..util.kept import kept

DATE_PRECISIONS = ("day", "week", "month", "year")
# CLDR's month names (through Babel) in the languages our tables are written in: wide and
# abbreviated, as dates are written ("janvier", "févr.", "März", "Sept."), accents folded.
MONTH_LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "nl")
# A two-digit year is read as POSIX and Python's strptime read it: 69-99 are 1969-1999, 00-68 are
# 2000-2068 (ACLED's "9-May-20" is 2020, Mother Jones' "8/20/82" 1982). A fixed rule, not the
# clock's: the same table reads the same every year. A year column beside the date is checked.
TWO_DIGIT_PIVOT = 69

# A day, with a time and a zone perhaps: the day is kept as written (the local day), not moved to UTC.
_ISO_DAY = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|[+-]\d{2}:?\d{2})?)?$",
                      re.IGNORECASE)
_COMPACT_DAY = re.compile(r"^([12]\d{3})(\d{2})(\d{2})$")  # GDELT's SQLDATE, 20160728
_YEAR = re.compile(r"^(\d{4})$")
_EXCEL_SERIAL = re.compile(r"^(\d{5})(?:\.0+)?$")
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, as pandas and openpyxl count it


def _fold(text: str) -> str:
    """Accents off and lower case: "Février" and "fevrier", "März" and "marz" are read alike."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)).lower()


def _month_names() -> dict[str, int]:
    from babel import Locale

    names: dict[str, int] = {}
    for language in MONTH_LANGUAGES:
        months = Locale.parse(language).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    names.setdefault(_fold(name).rstrip("."), number)
    names.update({"sept": 9, "sep": 9})  # AP style's "Sept." and the three-letter "Sep"
    return names


_MONTHS = kept("month-names", __file__, ("babel",), _month_names)
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEARS = r"(\d{4}|\d{2})"
# "15 April 2025", "15 avril 2025", "1er mai 2025", "15-Apr-2025", ACLED's "9-May-20", "5. Mai 2020", "5 de mayo de 2020".
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})(?:er|st|nd|rd|th)?\.?(?:\s*de)?[\s.-]+({_MONTH})\.?(?:\s+de)?[\s.,-]+{_YEARS}$", re.IGNORECASE)
# "April 15, 2025", AP style's "Jan. 20, 2025" and "Sept. 3, 2025".
_MONTH_DAY_YEAR = re.compile(rf"^({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.IGNORECASE)
# A day with no year, AP style's "Sept. 3" or "3 Sept.": the year comes from the table.
_MONTH_DAY = re.compile(rf"^({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?$", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})(?:er|st|nd|rd|th)?\.?[\s.-]+({_MONTH})\.?$", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"^({_MONTH})\.?[\s-]+(\d{{4}})$", re.IGNORECASE)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
# 15/04/2025, 4/15/2025, Mother Jones' 12/2/15, ACLED re-saved as 31-12-19, NASA's "9/2/2007 0:00"
# (a spreadsheet's midnight: the time of day is not read from it).
_SLASHED_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?$", re.IGNORECASE)
_TIME = re.compile(r"^(\d{1,2})[:hH.](\d{2})(?::\d{2})?$")


class DateError(ValueError):
    """Raised when a date cell cannot be read; ``column`` names the cell it came from."""

    def __init__(self, message: str, column: str = "date"):
        super().__init__(message)
        self.column = column


class MissingYear(DateError):
    """Raised for a day written with no year ("Sept. 3") when the table gives none for it."""


@lru_cache(maxsize=8192)
def parse_date(text: str, precision: str = "", *, dayfirst: bool = False, monthfirst: bool = False,
               excel: bool = False, year: int | None = None) -> tuple[date, date, str]:
    """Return (first day, last day, precision) of a date as published: YYYY-MM-DD (with a time
    and zone or not), YYYY/MM/DD, YYYYMMDD, YYYY-MM, YYYY-Www, YYYY, "15 April 2025", "9-May-20",
    "April 15, 2025", "Jan. 20, 2025", "15 avril 2025", "5. Mai 2020", "April 2025", DD/MM/YYYY or
    MM/DD/YYYY and their two-digit years (dayfirst/monthfirst, or a day above 12), with excel a
    day number of Excel's calendar, and with year a day written without one ("Sept. 3"). A week,
    month or year precision widens a day to its whole week, month or year.

    Raises DateError naming the fix (MissingYear for a day with no year and no year given).
    """
    text, precision = text.strip(), precision.strip().lower()
    if precision and precision not in DATE_PRECISIONS:
        raise DateError(f"precision {precision!r} is not one of {', '.join(DATE_PRECISIONS)}", "date_precision")
    if not text:
        raise DateError("blank; write the date as YYYY-MM-DD (e.g. 2025-04-16)")
    folded = _fold(text)
    if match := _ISO_MONTH.match(text):
        first = _calendar_date(text, int(match[1]), int(match[2]), 1)
        return first, _month_end(first), "month"
    if match := _ISO_WEEK.match(text):
        first = _week_start(text, int(match[1]), int(match[2]))
        return first, first + timedelta(days=6), "week"
    if match := _YEAR.match(text):
        first = _calendar_date(text, int(match[1]), 1, 1)
        return first, first.replace(month=12, day=31), "year"
    if match := _MONTH_YEAR.match(folded):
        first = _calendar_date(text, int(match[2]), _month(match[1]), 1)
        return first, _month_end(first), "month"
    return _widened(_day(text, folded, dayfirst, monthfirst, excel, year), precision)


def _day(text: str, folded: str, dayfirst: bool, monthfirst: bool, excel: bool, year: int | None) -> date:
    """The one day a date cell names, in whichever form it is written."""
    if match := _ISO_DAY.match(text):
        return _calendar_date(text, int(match[1]), int(match[2]), int(match[3]))
    if match := _COMPACT_DAY.match(text):
        return _calendar_date(text, int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH_YEAR.match(folded):
        return _calendar_date(text, full_year(match[3]), _month(match[2]), int(match[1]))
    if match := _MONTH_DAY_YEAR.match(folded):
        return _calendar_date(text, int(match[3]), _month(match[1]), int(match[2]))
    if match := _SLASHED_DAY.match(text):
        return _slashed_day(text, int(match[1]), int(match[2]), full_year(match[3]), dayfirst, monthfirst)
    if excel and (match := _EXCEL_SERIAL.match(text)):
        return EXCEL_EPOCH + timedelta(days=int(match[1]))
    if (match := _MONTH_DAY.match(folded)) or (match := _DAY_MONTH.match(folded)):
        month, day = (match[1], match[2]) if match.re is _MONTH_DAY else (match[2], match[1])
        if year is None:
            raise MissingYear(f"{text!r} gives no year, and the table gives none for it; write the year ({text}, 2025),"
                              " or add a year column")
        return _calendar_date(text, year, _month(month), int(day))
    raise DateError(f"{text!r} is not a date mapgen can read; write it as YYYY-MM-DD (e.g. 2025-04-16)")


def _widened(day: date, precision: str) -> tuple[date, date, str]:
    """A day as the span its precision says: its week (from Monday), month or year."""
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    if precision == "month":
        first = day.replace(day=1)
        return first, _month_end(first), "month"
    if precision == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31), "year"
    return day, day, "day"


def _month(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def full_year(text: str) -> int:
    """A year as written, with a two-digit one read by TWO_DIGIT_PIVOT: "20" is 2020, "82" 1982."""
    number = int(text)
    if len(text) > 2:
        return number
    return number + (1900 if number >= TWO_DIGIT_PIVOT else 2000)


def day_order(values) -> str | None:
    """How a column writes NN/NN/YYYY (or NN/NN/YY), told by its own values: "day" when some
    first number is above 12, "month" when some second one is, None when no value tells (or when
    both do: the column is inconsistent, and each ambiguous value is then refused)."""
    distinct = pd.Series(pd.unique(pd.Series(pd.unique(pd.Series(values, dtype=object).astype(str)), dtype=object).str.strip()), dtype=object)
    numbers = distinct.str.extract(_SLASHED_DAY).iloc[:, :2].dropna().astype(int)
    firsts, seconds = bool((numbers[0] > 12).any()), bool((numbers[1] > 12).any())
    if firsts == seconds:
        return None
    return "day" if firsts else "month"


class SplitDate(NamedTuple):
    """A date read from year, month and day columns: each row's date and precision, and the
    rows whose parts cannot make one (with why)."""

    date: pd.Series
    precision: pd.Series
    problems: pd.Series  # "" where the parts agree


def compose_split_dates(year: pd.Series, month: pd.Series, day: pd.Series, names: tuple[str, str, str]) -> SplitDate:
    """The dates of year, month and day columns (names: the columns as written), where 0 or blank
    means unknown (the GTD writes imonth 0 or iday 0): a month or a year precision. A part that is
    not one (a day of 20160728, a month of 13) or a day with no month is a problem naming the
    columns; nothing is guessed."""
    parts = [pd.to_numeric(column.astype(str).str.strip().replace("", "0"), errors="coerce") for column in (year, month, day)]
    known = [part.fillna(1) != 0 for part in parts]
    limits = ((1, 9999), (0, 12), (0, 31))
    bad = [part.isna() | ~part.between(*limit) | (part % 1 != 0) for part, limit in zip(parts, limits)]
    problems = pd.Series("", index=year.index, dtype=object)
    for name, part_name, wrong, column in zip(names, ("year", "month", "day of the month"), bad, (year, month, day)):
        problems = problems.where(~wrong | (problems != ""), f"'{name}' holds " + column.astype(str).map(repr) + f", which is not a {part_name}")
    orphan = known[2] & ~known[1] & (problems == "")
    problems = problems.where(~orphan, f"'{names[2]}' gives a day but '{names[1]}' no month")
    problems = problems.where(known[0] | (problems != ""), f"'{names[0]}' gives no year")
    good = problems == ""
    y, m, d = (part.where(good, 0).fillna(0).astype(int) for part in parts)
    text = y.astype(str).str.zfill(4)
    text = text.where(~known[1], text + "-" + m.astype(str).str.zfill(2))
    text = text.where(~(known[1] & known[2]), text + "-" + d.astype(str).str.zfill(2))
    precision = pd.Series("year", index=year.index).where(~known[1], "month").where(~(known[1] & known[2]), "day")
    return SplitDate(text.where(good, ""), precision.where(good, ""), problems)


@lru_cache(maxsize=8192)
def parse_dates(text: str, precision: str, end_text: str, *, dayfirst: bool, monthfirst: bool = False,
                excel: bool = False, year: int | None = None) -> tuple[str, str, str] | DateError:
    """(date, date_end, precision) as ISO text for a row's three date cells, or the DateError;
    year: the year of a day written without one."""
    try:
        start, end, precision = parse_date(text, precision, dayfirst=dayfirst, monthfirst=monthfirst, excel=excel, year=year)
        if end_text:
            try:
                _, end_end, _ = parse_date(end_text, "", dayfirst=dayfirst, monthfirst=monthfirst, excel=excel, year=year or start.year)
            except DateError as error:
                raise DateError(f"date_end {error}", "date_end") from None
            if end_end < start:
                raise DateError(f"date_end {end_text!r} is before the date {text!r}; swap them or correct one", "date_end")
            end = max(end, end_end)
    except DateError as error:
        return error
    return start.isoformat(), end.isoformat() if end != start else "", precision


@lru_cache(maxsize=4096)
def parse_time(text: str) -> str | None:
    """A time of day as HH:MM, "" for a blank cell, or None when the text is not a time."""
    if not text:
        return ""
    match = _TIME.match(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        return None
    return f"{int(match[1]):02d}:{match[2]}"


def _calendar_date(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as error:
        raise DateError(f"{text!r} is not a calendar date ({error}); write it as YYYY-MM-DD") from None


def _week_start(text: str, year: int, week: int) -> date:
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError as error:
        raise DateError(f"{text!r} is not a calendar date ({error}); write it as YYYY-MM-DD") from None


def _slashed_day(text: str, first: int, second: int, year: int, dayfirst: bool, monthfirst: bool) -> date:
    if first <= 12 and second <= 12 and first != second and not (dayfirst or monthfirst):
        raise DateError(
            f"{text!r} is ambiguous (day {first} of month {second}, or month {first} day {second}) and no date in the"
            f" column tells which; pass --dayfirst (15/04/2025) or --monthfirst (04/15/2025), or write YYYY-MM-DD"
        )
    if first > 12 or (dayfirst and second <= 12):
        return _calendar_date(text, year, second, first)
    return _calendar_date(text, year, first, second)


def _month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])
