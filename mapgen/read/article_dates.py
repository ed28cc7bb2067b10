"""The days an article's sentence gives, in English and French, against the publication date.

Forms read, in this order of trust:

- an explicit day with its month: "lundi 25 novembre", "on April 5", "Tuesday 26 May", and nights
  written with them: "dans la nuit du mercredi 28 au jeudi 29 juin", "the night of April 13 to 14";
- a night between weekdays: "dans la nuit de samedi à dimanche", "overnight Sunday into Monday";
- a month alone: "in April", "en avril" (the whole month);
- words relative to the publication day: a weekday ("on Sunday", "ce mardi"), "today", "this
  morning", "yesterday", "hier", "earlier this month", "cette semaine";
- words relative to the day the article was just speaking of: "la veille", "the day before",
  "le lendemain", "the next day", "la semaine dernière", "last week".

A day tied to a statement or an arrest ("told Europe 1 on Wednesday", "arrested on Friday",
"a déclaré ce mardi") dates that act, not the incident, and is passed over; so is "la veille" in a
comparison ("calme en comparaison à la veille").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
}
_WD = "|".join(WEEKDAYS)
_MO = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAYNUM = r"(\d{1,2})(?:st|nd|rd|th|er)?"
_I = re.IGNORECASE

# "nuit du mercredi 28 au jeudi 29 juin", "night of April 13 to 14", "night of 13 to 14 April"
_NIGHT_DATES = re.compile(
    rf"\b(?:night of|nuit du|nuit de|nuit entre le|between)\s+(?:(?:{_WD})\s+)?(?:({_MO})\s+)?{_DAYNUM}\s*(?:({_MO})\s+)?"
    rf"(?:to|into|and|au|à|et le|et)\s+(?:(?:{_WD})\s+)?(?:({_MO})\s+)?{_DAYNUM}\s*(?:({_MO}))?(?:\s+(\d{{4}}))?", _I)
# "lundi 25 novembre", "Tuesday 26 May", "le 5 avril 2024", "25 November"
_DAY_MONTH = re.compile(rf"\b(?:(?:{_WD}),?\s+)?(?:the\s+|le\s+)?{_DAYNUM}\s+(?:of\s+)?({_MO})\b\.?(?:,?\s+(\d{{4}}))?", _I)
# "April 5", "on April 5th, 2024"
_MONTH_DAY = re.compile(rf"\b({_MO})\.?\s+{_DAYNUM}\b(?:,?\s+(\d{{4}}))?", _I)
_NIGHT_WEEKDAYS = re.compile(rf"\b(?:night of|nuit de|nuit du|overnight|overnight from)\s+({_WD})\s+(?:to|into|à|au)\s+({_WD})\b", _I)
_MONTH_ALONE = re.compile(rf"\b(?:in|en|during|durant|au mois d['’]|au mois de|since|depuis)\s+({_MO})\b(?!\s+\d)(?:\s+(\d{{4}}))?", _I)
_WEEKDAY = re.compile(rf"\b({_WD})\b", _I)
# Phrases that name a day or a period against the publication day (or the day just spoken of).
_PHRASES = {
    "today": r"today|this morning|this afternoon|this evening|tonight|aujourd['’]hui|ce matin|cet après-midi|ce soir|cette nuit|last night|overnight",
    "yesterday": r"yesterday|hier",
    "day before": r"la veille|the day before|the previous day",
    "day after": r"le lendemain|the next day|the following day|the day after",
    "last week": r"la semaine dernière|la semaine précédente|la semaine passée|last week|the previous week|the week before",
    "this month": r"earlier this month|this month|ce mois-ci|plus tôt ce mois|en début de mois|début \w+ mois",
    "this week": r"earlier (?:this|in the) week|this week|cette semaine|en début de semaine|plus tôt dans la semaine",
}
_TODAY, _YESTERDAY, _DAY_BEFORE, _DAY_AFTER, _LAST_WEEK, _THIS_MONTH, _THIS_WEEK = (
    re.compile(rf"\b(?:{words})\b", _I) for words in _PHRASES.values())
# Acts that are not the incident: a statement, an arrest, a hearing.
_ACT = (r"told|said|says|announced|declared|stated|arrested|charged|questioned|appeared|pleaded|sentenced|"
        r"a déclaré|a indiqué|a annoncé|a affirmé|a précisé|a expliqué|selon|interpellée?s?|arrêtée?s?|mise?s? en examen|"
        r"déférée?s?|condamnée?s?|jugée?s?")
_ACT_BEFORE = re.compile(rf"\b(?:{_ACT})\b[^.;]{{0,50}}$", _I)
_COMPARISON_BEFORE = re.compile(r"(?:comparaison (?:à|avec)|par rapport à|than|compared (?:with|to)|contrairement à)\s*$", _I)
_SINCE_BEFORE = re.compile(r"\b(?:since|depuis)\s+$", _I)


@dataclass(frozen=True)
class Span:
    """The days a phrase allows, first to last, and how it was read."""

    first: date
    last: date
    how: str
    relative: bool = False  # read against the day the article was speaking of, not its publication
    named: bool = False  # the phrase names the day itself (a date, a weekday, today): nothing to note

    def precision(self) -> str:
        days = (self.last - self.first).days
        return "day" if days <= 1 else "week" if days <= 7 else "month"


# Acts of a court: a day given for one of them dates the hearing, and the incident came before.
_HEARING = re.compile(r"\b(?:pleaded|sentenced|convicted|jailed|charged|faced a jail term|appeared in court|condamnée?s?|jugée?s?|"
                      r"mise?s? en examen|comparaît|comparu)\b", _I)
HEARING_LAG_DAYS = 92  # how long before a hearing the incident may have been: a quarter, said in the row's note


def read_days(text: str, published: date, reference: date | None = None, spoken: date | None = None) -> Span | None:
    """The span of days a sentence gives for what it reports, or None when it gives none.
    reference: the day the article was speaking of just before (for "la veille"), else published.
    spoken: the day of the statement a quote belongs to ("told C News on Wednesday"): "yesterday"
    and "today" inside the quote are read against it."""
    reference = reference or published
    if spoken is not None and re.search(r"[\"“«]", text):
        published = spoken
    for pattern, reader in _READERS:
        for match in pattern.finditer(text):
            before = text[:match.start()]
            if _ACT_BEFORE.search(before) or _SINCE_BEFORE.search(before):
                continue
            span = reader(match, published, reference, before)
            if span is not None and _HEARING.search(text[match.end():]):
                # "Earlier this month, a man pleaded guilty to an arson attack": the hearing's days.
                return Span(span.first - timedelta(days=HEARING_LAG_DAYS), span.last, "before the hearing it dates")
            if span is not None:
                return span
    return None


def _year(month: int, day: int, published: date, given: str | None) -> date | None:
    """The date with that month and day nearest before (or just after) publication."""
    if given:
        try:
            return date(int(given), month, day)
        except ValueError:
            return None
    for year in (published.year, published.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= published + timedelta(days=2):
            return candidate
    return None


def _night_dates(match, published, reference, before) -> Span | None:
    month1, day1, month2, month3, day2, month4, year = match.groups()
    month = next((m for m in (month4, month3, month2, month1) if m), None)
    if month is None:
        return None
    first_month = MONTHS[(month1 or month2 or month).lower()]
    last_month = MONTHS[(month3 or month4 or month).lower()]
    first = _year(first_month, int(day1), published, year)
    last = _year(last_month, int(day2), published, year)
    if first is None or last is None or not timedelta(0) <= last - first <= timedelta(days=3):
        return None
    return Span(first, last, "night written with its dates", named=True)


def _day_month(match, published, reference, before) -> Span | None:
    day = _year(MONTHS[match[2].lower()], int(match[1]), published, match[3])
    return Span(day, day, "day and month", named=True) if day else None


def _month_day(match, published, reference, before) -> Span | None:
    day = _year(MONTHS[match[1].lower()], int(match[2]), published, match[3])
    return Span(day, day, "month and day", named=True) if day else None


def _night_weekdays(match, published, reference, before) -> Span:
    first = weekday_before(published, WEEKDAYS[match[1].lower()])
    return Span(first, first + timedelta(days=1), "night between weekdays", named=True)


def _month_alone(match, published, reference, before) -> Span | None:
    month = MONTHS[match[1].lower()]
    year = int(match[2]) if match[2] else published.year if month <= published.month else published.year - 1
    last = date(year, month, calendar.monthrange(year, month)[1])
    return Span(date(year, month, 1), min(last, published), "month")


def _weekday(match, published, reference, before) -> Span:
    day = weekday_before(published, WEEKDAYS[match[1].lower()])
    after = match.string[match.end():match.end() + 12].lower()
    if re.match(r"\s+(?:night|nuit)", after):
        return Span(day, day + timedelta(days=1), "weekday night", named=True)
    return Span(day, day, "weekday", named=True)


def _today(match, published, reference, before) -> Span:
    if match[0].lower() in ("last night", "overnight", "cette nuit"):
        return Span(published - timedelta(days=1), published, "last night")
    return Span(published, published, "today", named=True)


def _yesterday(match, published, reference, before) -> Span:
    day = published - timedelta(days=1)
    return Span(day, day, "yesterday", named=True)


def _day_before(match, published, reference, before) -> Span | None:
    if _COMPARISON_BEFORE.search(before):
        return None
    day = reference - timedelta(days=1)
    return Span(day, day, "the day before", relative=True)


def _day_after(match, published, reference, before) -> Span:
    day = reference + timedelta(days=1)
    return Span(day, day, "the day after", relative=True)


def _last_week(match, published, reference, before) -> Span:
    monday = reference - timedelta(days=reference.weekday() + 7)
    return Span(monday, monday + timedelta(days=6), "the week before", relative=True)


def _this_month(match, published, reference, before) -> Span:
    return Span(published.replace(day=1), published, "this month")


def _this_week(match, published, reference, before) -> Span:
    return Span(published - timedelta(days=published.weekday()), published, "this week")


_READERS = (
    (_NIGHT_DATES, _night_dates),
    (_DAY_MONTH, _day_month),
    (_MONTH_DAY, _month_day),
    (_NIGHT_WEEKDAYS, _night_weekdays),
    (_WEEKDAY, _weekday),
    (_YESTERDAY, _yesterday),
    (_DAY_BEFORE, _day_before),
    (_DAY_AFTER, _day_after),
    (_LAST_WEEK, _last_week),
    (_TODAY, _today),
    (_MONTH_ALONE, _month_alone),
    (_THIS_MONTH, _this_month),
    (_THIS_WEEK, _this_week),
)


def statement_day(text: str, published: date) -> date | None:
    """The day a sentence says a statement was made ("told C News on Wednesday", "a déclaré
    mardi"), or None."""
    match = re.search(rf"\b(?:{_ACT})\b[^.;]{{0,50}}?\b({_WD})\b", text, _I)
    return weekday_before(published, WEEKDAYS[match[1].lower()]) if match else None


def weekday_before(published: date, weekday: int) -> date:
    """The latest day on or before publication that falls on that weekday."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def period_since(text: str, published: date) -> Span | None:
    """The period an article covers when it says so: "since Sunday", "depuis dimanche", "this week"."""
    since = re.search(rf"\b(?:since|depuis)\s+({_WD})\b", text, _I)
    if since:
        return Span(weekday_before(published, WEEKDAYS[since[1].lower()]), published, "since")
    if _THIS_WEEK.search(text):
        return _this_week(None, published, published, "")
    return None
