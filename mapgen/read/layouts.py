"""Published layouts that come without a header, told by their column count and values.

GDELT's event files are tab-separated with no header row (and often named .csv): version 1.0 has
57 columns (the back files) or 58 (from April 2013, with SOURCEURL), version 2.0 has 61. Each row
opens with the event's id, its day as YYYYMMDD, its month as YYYYMM and its year; the names are the
codebooks' own, so that the date (SQLDATE, or 2.0's Day), the place (ActionGeo_FullName), the
coordinates (ActionGeo_Lat, ActionGeo_Long), their precision (ActionGeo_Type) and the category
(EventRootCode) are read as any named column is.
"""

from __future__ import annotations

import re

_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
          "Type3Code")
_EVENT = ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
          "NumArticles", "AvgTone")
_GEO_1 = ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
_GEO_2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")


def _columns(event_id: str, day: str, geo: tuple[str, ...]) -> tuple[str, ...]:
    return (event_id, day, "MonthYear", "Year", "FractionDate",
            *(f"Actor1{part}" for part in _ACTOR), *(f"Actor2{part}" for part in _ACTOR), *_EVENT,
            *(f"{who}Geo_{part}" for who in ("Actor1", "Actor2", "Action") for part in geo))


GDELT_1_BACKFILE = (*_columns("GLOBALEVENTID", "SQLDATE", _GEO_1), "DATEADDED")
GDELT_1 = (*GDELT_1_BACKFILE, "SOURCEURL")
GDELT_2 = (*_columns("GlobalEventID", "Day", _GEO_2), "DATEADDED", "SOURCEURL")
LAYOUTS = {len(GDELT_1_BACKFILE): ("GDELT 1.0 event back file", GDELT_1_BACKFILE), len(GDELT_1): ("GDELT 1.0 events", GDELT_1),
           len(GDELT_2): ("GDELT 2.0 events", GDELT_2)}
# How a GDELT row opens: an event id, the day (YYYYMMDD), its month (YYYYMM) and its year.
_GDELT_OPENING = re.compile(r"\d+\t(\d{4})(\d{2})\d{2}\t(\d{4})(\d{2})\t(\d{4})\t")
MISSING = "NULL"  # how GDELT's BigQuery extracts write a blank cell


def headerless_layout(first_line: str) -> tuple[str, tuple[str, ...]] | None:
    """(name, column names) of the published layout a table's first line opens, when that line
    is a GDELT event with no header above it; None otherwise."""
    cells = first_line.rstrip("\r\n").split("\t")
    match = _GDELT_OPENING.match(first_line)
    if len(cells) not in LAYOUTS or not match:
        return None
    year, month, month_year, month_of_year, event_year = match.groups()
    if (year, month) != (month_year, month_of_year) or year != event_year:
        return None
    return LAYOUTS[len(cells)]
