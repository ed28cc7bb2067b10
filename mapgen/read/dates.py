"""Dates and times as tables write them, read into a first day, a last day and a precision."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

DATE_PRECISIONS = ("day", "week", "month")

_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_SLASHED_DAY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_TIME = re.compile(r"^(\d{1,2})[:hH.](\d{2})(?::\d{2})?$")


class DateError(ValueError):
    """Raised when a date cell cannot be read; ``column`` names the cell it came from."""

    def __init__(self, message: str, column: str = "date"):
        super().__init__(message)
        self.column = column


@lru_cache(maxsize=8192)
def parse_date(text: str, precision: str = "", *, dayfirst: bool = False) -> tuple[date, date, str]:
    """Return (first day, last day, precision) of a date written as YYYY-MM-DD, YYYY-MM, YYYY-Www
    or DD/MM/YYYY. A week or month precision widens a day to its whole week or month.

    Raises DateError naming the fix.
    """
    text, precision = text.strip(), precision.strip().lower()
    if precision and precision not in DATE_PRECISIONS:
        raise DateError(f"precision {precision!r} is not one of {', '.join(DATE_PRECISIONS)}", "date_precision")
    if not text:
        raise DateError("blank; write the date as YYYY-MM-DD (e.g. 2025-04-16)")
    if match := _ISO_MONTH.match(text):
        first = _calendar_date(text, int(match[1]), int(match[2]), 1)
        return first, _month_end(first), "month"
    if match := _ISO_WEEK.match(text):
        first = _week_start(text, int(match[1]), int(match[2]))
        return first, first + timedelta(days=6), "week"
    if match := _ISO_DAY.match(text):
        day = _calendar_date(text, int(match[1]), int(match[2]), int(match[3]))
    elif match := _SLASHED_DAY.match(text):
        day = _slashed_day(text, int(match[1]), int(match[2]), int(match[3]), dayfirst)
    else:
        raise DateError(f"{text!r} is not a date; write it as YYYY-MM-DD (e.g. 2025-04-16)")
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    if precision == "month":
        first = day.replace(day=1)
        return first, _month_end(first), "month"
    return day, day, "day"


@lru_cache(maxsize=8192)
def parse_dates(text: str, precision: str, end_text: str, *, dayfirst: bool) -> tuple[str, str, str] | DateError:
    """(date, date_end, precision) as ISO text for a row's three date cells, or the DateError."""
    try:
        start, end, precision = parse_date(text, precision, dayfirst=dayfirst)
        if end_text:
            try:
                _, end_end, _ = parse_date(end_text, "", dayfirst=dayfirst)
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


def _slashed_day(text: str, first: int, second: int, year: int, dayfirst: bool) -> date:
    if first <= 12 and second <= 12 and first != second and not dayfirst:
        raise DateError(
            f"{text!r} is ambiguous (day {first} of month {second}, or month {first} day {second});"
            f" write it as YYYY-MM-DD, or pass --dayfirst if the table writes days first"
        )
    if dayfirst or first > 12:
        return _calendar_date(text, year, second, first)
    return _calendar_date(text, year, first, second)


def _month_end(first: date) -> date:
    return first.replace(day=calendar.monthrange(first.year, first.month)[1])
