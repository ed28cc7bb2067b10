"""Dates and times as tables write them, read into a first day, a last day and a precision."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

DATE_PRECISIONS = ("day", "week", "month", "year")

# A day, with a time and a zone perhaps: the day is kept as written (the local day), not moved to UTC.
_ISO_DAY = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|[+-]\d{2}:?\d{2})?)?$",
                      re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
_EXCEL_SERIAL = re.compile(r"^(\d{5})(?:\.0+)?$")
EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system, as pandas and openpyxl count it
_MONTHS = {
    **{name: number for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
         "december"), start=1)},
    **{name: number for number, name in enumerate(
        ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
         "decembre"), start=1)},
}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items()) if len(name) > 3})
_MONTHS.update({"sept": 9, "juil": 7, "janv": 1, "fevr": 2, "avr": 4})
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
# "15 April 2025", "15 avril 2025", "1er mai 2025", "15-Apr-2025"; "April 15, 2025"; "April 2025".
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})(?:er|st|nd|rd|th)?[\s.-]+({_MONTH})\.?[\s.,-]+(\d{{4}})$", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"^({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"^({_MONTH})\.?\s+(\d{{4}})$", re.IGNORECASE)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_SLASHED_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_TIME = re.compile(r"^(\d{1,2})[:hH.](\d{2})(?::\d{2})?$")


class DateError(ValueError):
    """Raised when a date cell cannot be read; ``column`` names the cell it came from."""

    def __init__(self, message: str, column: str = "date"):
        super().__init__(message)
        self.column = column


@lru_cache(maxsize=8192)
def parse_date(text: str, precision: str = "", *, dayfirst: bool = False, monthfirst: bool = False,
               excel: bool = False) -> tuple[date, date, str]:
    """Return (first day, last day, precision) of a date as published: YYYY-MM-DD (with a time
    and zone or not), YYYY/MM/DD, YYYY-MM, YYYY-Www, YYYY, "15 April 2025", "April 15, 2025",
    "15 avril 2025", "April 2025", DD/MM/YYYY or MM/DD/YYYY (dayfirst/monthfirst, or a day above
    12), and with excel, a day number of Excel's calendar. A week, month or year precision widens
    a day to its whole week, month or year.

    Raises DateError naming the fix.
    """
    text, precision = text.strip(), precision.strip().lower()
    if precision and precision not in DATE_PRECISIONS:
        raise DateError(f"precision {precision!r} is not one of {', '.join(DATE_PRECISIONS)}", "date_precision")
    if not text:
        raise DateError("blank; write the date as YYYY-MM-DD (e.g. 2025-04-16)")
    folded = _fold_month(text)
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
        first = _calendar_date(text, int(match[2]), _MONTHS[match[1].lower()], 1)
        return first, _month_end(first), "month"
    if match := _ISO_DAY.match(text):
        day = _calendar_date(text, int(match[1]), int(match[2]), int(match[3]))
    elif match := _DAY_MONTH_YEAR.match(folded):
        day = _calendar_date(text, int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    elif match := _MONTH_DAY_YEAR.match(folded):
        day = _calendar_date(text, int(match[3]), _MONTHS[match[1].lower()], int(match[2]))
    elif match := _SLASHED_DAY.match(text):
        day = _slashed_day(text, int(match[1]), int(match[2]), int(match[3]), dayfirst, monthfirst)
    elif excel and (match := _EXCEL_SERIAL.match(text)):
        day = EXCEL_EPOCH + timedelta(days=int(match[1]))
    else:
        raise DateError(f"{text!r} is not a date mapgen can read; write it as YYYY-MM-DD (e.g. 2025-04-16)")
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    if precision == "month":
        first = day.replace(day=1)
        return first, _month_end(first), "month"
    if precision == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31), "year"
    return day, day, "day"


def _fold_month(text: str) -> str:
    """Accents off month names ("février", "août", "décembre"), so that one pattern reads them."""
    return text.translate(str.maketrans("éèêûôÉÈÊÛÔ", "eeeuoEEEUO"))


def day_order(values: list[str]) -> str | None:
    """How a column writes NN/NN/YYYY, told by its own values: "day" when some first number is
    above 12, "month" when some second one is, None when no value tells (or when both do: the
    column is inconsistent, and each ambiguous value is then refused)."""
    firsts, seconds = False, False
    for value in values:
        match = _SLASHED_DAY.match(value.strip())
        if match:
            firsts |= int(match[1]) > 12
            seconds |= int(match[2]) > 12
    if firsts == seconds:
        return None
    return "day" if firsts else "month"


def compose_split_date(year: str, month: str, day: str) -> tuple[str, str]:
    """(date, precision) from year, month and day cells, where 0 or blank means unknown (the GTD
    writes imonth 0 or iday 0): a month or a year precision."""
    year, month, day = (str(v).strip() for v in (year, month, day))
    known = [v not in ("", "0", "0.0") for v in (year, month, day)]
    if not known[0]:
        return "", ""
    if not known[1]:
        return year, "year"
    if not known[2]:
        return f"{year}-{int(float(month)):02d}", "month"
    return f"{year}-{int(float(month)):02d}-{int(float(day)):02d}", "day"


@lru_cache(maxsize=8192)
def parse_dates(text: str, precision: str, end_text: str, *, dayfirst: bool, monthfirst: bool = False,
                excel: bool = False) -> tuple[str, str, str] | DateError:
    """(date, date_end, precision) as ISO text for a row's three date cells, or the DateError."""
    try:
        start, end, precision = parse_date(text, precision, dayfirst=dayfirst, monthfirst=monthfirst, excel=excel)
        if end_text:
            try:
                _, end_end, _ = parse_date(end_text, "", dayfirst=dayfirst, monthfirst=monthfirst, excel=excel)
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
