"""The days an article's sentence gives, in English and French, against the publication date.

Forms read, in this order of trust:

- an explicit day with its month: "lundi 25 novembre", "on April 5", "Tuesday 26 May", and nights
  written with them: "dans la nuit du mercredi 28 au jeudi 29 juin", "the night of April 13 to 14";
- a night between weekdays: "dans la nuit de samedi à dimanche", "overnight Sunday into Monday";
- a month alone: "in April", "en avril" (the whole month);
- words relative to the publication day: a weekday ("on Sunday", "ce mardi"), "today", "this
  morning", "yesterday", "hier", "earlier this month", "cette semaine";
- words relative to the day the article was just speaking of: "la veille", "the day before",
  "le lendemain", "the next day", "la semaine dernière", "last week", "the same night";
- holidays and seasons: "Christmas Day", "over the Thanksgiving holiday", "the Easter weekend",
  "ce printemps";
- spans counted back: "il y a dix jours", "two weeks ago", "il y a deux ans", "last month",
  "samedi dernier", "a fifth night of rioting on Friday" (the four nights before it too),
  "depuis hier", "since April 3rd", "for several weeks", "entre le 29 décembre et début janvier".

A day tied to a statement or an arrest ("told Europe 1 on Wednesday", "arrested on Friday",
"a déclaré ce mardi") dates that act, not the incident, and is passed over; so is "la veille" in a
comparison ("calme en comparaison à la veille").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
}
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
    # the abbreviations of news style ("Nov. 2", "Sept. 11", "le 3 déc."): the others are not
    # shortened, or shorten to a word ("Mar", "Jun")
    "jan": 1, "feb": 2, "aug": 8, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "janv": 1, "févr": 2, "déc": 12,
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
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
            "dix": 10, "quinze": 15, "several": 3, "plusieurs": 3, "few": 3, "quelques": 3}
_PART_OF_MONTH = {"début": 10, "early": 10, "mi-": 15, "mid-": 15, "fin": 28, "late": 28}
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "deuxième": 2, "troisième": 3,
             "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5}
_COUNT = rf"(\d{{1,2}}|{'|'.join(k.strip() for k in _NUMBERS)})"
_UNIT = r"(days?|nights?|weeks?|months?|years?|jours?|nuits?|semaines?|mois|ans|années?)"
UPCOMING_HOLIDAY_DAYS = 45  # a holiday this close ahead of the publication is the coming one, not last year's
EARLY_IN_THE_WEEK = 2  # Monday and Tuesday (weekday 0 and 1): "this week" reaches back over the weekend
WEEKS_LONG = 6  # "for several weeks": this many weeks back

# Phrases that name a day or a period against the publication day (or the day just spoken of).
_PHRASES = {
    "today": r"today|this morning|this afternoon|this evening|tonight|aujourd['’]hui|ce matin|cet après-midi|ce soir|cette nuit|"
             r"la nuit dernière|last night|overnight",
    "yesterday": r"yesterday|hier",
    "day before": r"la veille|the day before|the previous day|la nuit précédente|the night before|the previous night",
    "day after": r"le lendemain|the next day|the following day|the day after",
    "last week": r"la semaine dernière|la semaine précédente|la semaine passée|last week|the previous week|the week before",
    "this month": r"earlier this month|this month|ce mois-ci|plus tôt ce mois|en début de mois|début \w+ mois",
    "this week": r"earlier (?:this|in the) week|this week|cette semaine|en début de semaine|plus tôt dans la semaine|"
                 r"depuis le début de la semaine|since the (?:start|beginning) of the week",
}
_TODAY, _YESTERDAY, _DAY_BEFORE, _DAY_AFTER, _LAST_WEEK, _THIS_MONTH, _THIS_WEEK = (
    re.compile(rf"\b(?:{words})\b", _I) for words in _PHRASES.values())
# Acts that are not the incident: a statement, an arrest, a hearing.
_ACT = (r"told|said|says|announced|declared|stated|arrested|charged|questioned|appeared|pleaded|sentenced|condemned|"
        r"a déclaré|a indiqué|a annoncé|a affirmé|a précisé|a expliqué|interpellée?s?|arrêtée?s?|mise?s? en examen|"
        r"déférée?s?|condamnée?s?|jugée?s?")
# "arrested on Friday" dates the arrest; "questioned over an April 10 fire" does not: the fire
# the act is about comes between them. Nor does "said Monday that a threat last week...": what
# is said, after "that", has days of its own.
_ACT_BEFORE = re.compile(rf"\b(?:{_ACT})\b(?:(?!\b(?:over|about|for|of|in connection with|sur|pour|concernant|that|que)\b|\bqu['’])[^.;]){{0,50}}$",
                         _I)
_COMPARISON_BEFORE = re.compile(r"(?:comparaison (?:à|avec)|par rapport à|than|compared (?:with|to)|contrairement à)\s*$", _I)
_SINCE_BEFORE = re.compile(r"\b(?:since|depuis)\s+$", _I)
# "aussi tendue que la nuit de mercredi à jeudi": a day named to compare, not to date
_AS_AS_BEFORE = re.compile(r"\b(?:aussi|plus|moins|autant|as|more|less)\s+\w+\s+(?:qu['’]|que|as|than)\s*(?:la |le |l['’]|the )?$", _I)
# "la rue du 4 Septembre", "les quartiers du 5 décembre": a street or a quarter named after a day
_NAMED_AFTER_A_DAY = re.compile(r"\b(?:rues?|avenues?|boulevards?|bd|places?|quartiers?|cités?|cours|allées?|pont|square|stade|lycée|école|"
                                r"collège)\s+(?:du|de la|des)\s+$", _I)
# "Police on Monday were searching...": the day of the inquiry, not of the incident
_INQUIRY_BEFORE = re.compile(r"\b(?:police|authorities|officials|investigators|enquêteurs|gendarmes|policiers)\s+(?:on\s+)?$", _I)


@dataclass(frozen=True)
class Span:
    """The days a phrase allows, first to last, and how it was read."""

    first: date
    last: date
    how: str
    relative: bool = False  # read against the day the article was speaking of, not its publication
    named: bool = False  # the phrase names the day itself (a date, a weekday, today): nothing to note
    reference: date | None = None  # for a span counted back ("a day after"): the day it was counted from

    def precision(self) -> str:
        days = (self.last - self.first).days
        return "day" if days <= 1 else "week" if days <= 7 else "month"


# Acts of a court: a day given for one of them dates the hearing, and the incident came before.
_HEARING = re.compile(r"\b(?:pleaded|sentenced|convicted|jailed|charged|faced a jail term|appeared in court|condamnée?s?|jugée?s?|"
                      r"mise?s? en examen|comparaît|comparu)\b", _I)
THAT_LONG_BEFORE = "that long before the events reported"
HEARING_LAG_DAYS = 92  # how long before a hearing the incident may have been: a quarter, said in the row's note


def read_days(text: str, published: date, reference: date | None = None, spoken: date | None = None) -> Span | None:
    """The span of days a sentence gives for what it reports, or None when it gives none: the
    phrase read by the most trusted of the readers, the first such in the text.
    reference: the day the article was speaking of just before (for "la veille"), else published.
    spoken: the day of the statement a quote belongs to ("told C News on Wednesday"): "yesterday"
    and "today" inside the quote are read against it."""
    found = day_phrases(text, published, reference, spoken)
    return min(found, key=lambda phrase: (phrase.rank, phrase.start)).span if found else None


@dataclass(frozen=True)
class DayPhrase:
    """A phrase of a sentence that gives days: where it is, what it allows, how trusted its reader is."""

    start: int
    end: int
    span: Span
    rank: int


def day_phrases(text: str, published: date, reference: date | None = None, spoken: date | None = None) -> list[DayPhrase]:
    """Every phrase of a sentence that gives days (see read_days), in the order of the text; where
    two readers read the same words, the more trusted one."""
    reference = reference or published
    if spoken is not None and re.search(r"[\"“«]", text):
        published = spoken
    found: list[DayPhrase] = []
    passed_over: list[tuple[int, int]] = []  # words a reader read and set aside: no other reader reads them again
    for rank, (pattern, reader) in enumerate(_READERS):
        for match in pattern.finditer(text):
            if any(p.start < match.end() and match.start() < p.end for p in found) or \
                    any(a < match.end() and match.start() < b for a, b in passed_over):
                continue
            before = text[:match.start()]
            if _ACT_BEFORE.search(before) or _SINCE_BEFORE.search(before) or _INQUIRY_BEFORE.search(before) or _AS_AS_BEFORE.search(before) \
                    or _NAMED_AFTER_A_DAY.search(before):
                passed_over.append((match.start(), match.end()))
                continue
            span = reader(match, published, reference, before)
            if span is None or span.first > published:
                continue
            if _HEARING.search(text[match.end():]):
                # "Earlier this month, a man pleaded guilty to an arson attack": the hearing's days.
                span = Span(span.first - timedelta(days=HEARING_LAG_DAYS), span.last, "before the hearing it dates")
            found.append(DayPhrase(match.start(), match.end(), span, rank))
            lasting = _FOR_BEFORE.search(before) if pattern is _BEFORE_THAT else None
            if lasting:  # "for nearly three months after the killing": the protests have lasted that long, since the killing
                days = _count(match[1]) * UNIT_DAYS[match[2].lower() if match[2].lower() == "mois" else match[2].lower().removesuffix("s")]
                found.append(DayPhrase(lasting.start(), match.start(), Span(published - timedelta(days=days), published, LASTING),
                                       _READERS.index((_LASTING, _lasting))))
    return sorted(found, key=lambda phrase: phrase.start)


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
    if match[0].lower() in ("last night", "overnight", "cette nuit", "la nuit dernière"):
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


_WEEK_BEFORE = re.compile(r"la semaine précédente|the previous week|the week before", _I)


def _last_week(match, published, reference, before) -> Span:
    """"Last week" is the week before the publication's, whatever day was just spoken of; "the
    week before" is the week before that day's."""
    if not _WEEK_BEFORE.fullmatch(match[0]):
        monday = published - timedelta(days=published.weekday() + 7)
        return Span(monday, monday + timedelta(days=6), "last week")
    monday = reference - timedelta(days=reference.weekday() + 7)
    return Span(monday, monday + timedelta(days=6), "the week before", relative=True)


def _this_month(match, published, reference, before) -> Span:
    return Span(published.replace(day=1), published, "this month")


def _this_week(match, published, reference, before) -> Span:
    """From Monday to the publication day; early in the week (a Monday's or a Tuesday's paper),
    the seven days before it: "vandalized this week", written on a Monday, is about last week's end."""
    monday = published - timedelta(days=published.weekday())
    return Span(monday if published.weekday() >= EARLY_IN_THE_WEEK else published - timedelta(days=6), published, "this week")


# "il y a dix jours", "two weeks ago", "dix jours plus tôt"
_AGO = re.compile(rf"\b(?:il y a\s+{_COUNT}\s+{_UNIT}|{_COUNT}\s+{_UNIT}\s+(?:ago|earlier|plus tôt|auparavant))\b", _I)


def _ago(match, published, reference, before) -> Span | None:
    count = _count(match[1] or match[3])
    unit = (match[2] or match[4]).lower()
    if unit.startswith(("year", "an")):
        year = published.year - count
        return Span(date(year, 1, 1), date(year, 12, 31), "years ago")
    if unit.startswith("mois") or unit.startswith("month"):
        middle = published - timedelta(days=30 * count)
        return Span(middle - timedelta(days=15), middle + timedelta(days=15), "months ago")
    if unit.startswith(("week", "semaine")):
        monday = published - timedelta(days=7 * count + published.weekday())
        return Span(monday, monday + timedelta(days=6), "weeks ago")
    day = published - timedelta(days=count)
    return Span(day - timedelta(days=2), day + timedelta(days=2), "days ago")


# "one week after churchgoers were killed": the event after the words came that long before
_BEFORE_THAT = re.compile(rf"\b{_COUNT}\s+{_UNIT}\s+(?:after|après)\b", _I)
# "for nearly three months after ...", "depuis près de trois mois après ...": what is told before
# the words has lasted that long, up to publication
_FOR_BEFORE = re.compile(r"\b(?:for|depuis)\s+(?:more than\s+|over\s+|nearly\s+|almost\s+|about\s+|plus d['’]\s*|près d['’]\s*|presque\s+)?$", _I)


def _before_that(match, published, reference, before) -> Span:
    count, unit = _count(match[1]), match[2].lower()
    if unit.startswith(("month", "mois")):
        middle = reference - timedelta(days=30 * count)
        return Span(middle - timedelta(days=15), middle + timedelta(days=15), THAT_LONG_BEFORE, relative=True, reference=reference)
    days = count * (7 if unit.startswith(("week", "semaine")) else 1)
    day = reference - timedelta(days=days)
    return Span(day - timedelta(days=1), day, THAT_LONG_BEFORE, relative=True, reference=reference)


# "Monday night's violence": a weekday that dates the noun after it
_POSSESSIVE = re.compile(rf"\b({_WD})(?:\s+(night|evening|morning|afternoon))?['’]s\b", _I)


def _possessive(match, published, reference, before) -> Span:
    day = weekday_before(published, WEEKDAYS[match[1].lower()])
    return Span(day, day + timedelta(days=1) if match[2] and match[2].lower() == "night" else day, "weekday", named=True)


# "Christmas Day", "over the Thanksgiving holiday", "the Easter weekend", "le week-end de Pâques"
_HOLIDAY = re.compile(r"\b(?:(Christmas)(?: Day| Eve| morning| night)?|(?:jour|nuit|soir) de (Noël)|(Thanksgiving)|"
                      r"(Easter)(?: weekend| Sunday| Monday| holiday)?|(?:week-end|weekend|lundi|dimanche) de (Pâques))\b", _I)


def _holiday(match, published, reference, before) -> Span | None:
    name = next(group for group in match.groups() if group).lower()
    for year in (published.year, published.year - 1):
        if name in ("christmas", "noël"):
            first = last = date(year, 12, 25)
        elif name == "thanksgiving":  # the fourth Thursday of November and its long weekend
            first = date(year, 11, 1) + timedelta(days=(3 - date(year, 11, 1).weekday()) % 7 + 21)
            last = first + timedelta(days=3)
        else:  # Good Friday to Easter Monday
            sunday = easter(year)
            first, last = sunday - timedelta(days=2), sunday + timedelta(days=1)
        if first <= published:
            return Span(first, min(last, published), "holiday", named=True)
        if first - published <= timedelta(days=UPCOMING_HOLIDAY_DAYS):
            return None  # "fear an escalation of violence at Christmas", a week before it: the coming one, no incident's day
    return None


SEASONS = {"spring": (3, 20, 6, 20), "printemps": (3, 20, 6, 20), "summer": (6, 21, 9, 22), "été": (6, 21, 9, 22),
           "autumn": (9, 23, 12, 20), "fall": (9, 23, 12, 20), "automne": (9, 23, 12, 20), "winter": (12, 21, 3, 19),
           "hiver": (12, 21, 3, 19)}


# "ce printemps", "this winter", "l'hiver dernier"
_SEASON = re.compile(r"\b(?:this|ce|cet|au|last|l['’])\s*(spring|summer|autumn|fall|winter|printemps|été|automne|hiver)\b"
                     r"(?:\s+(dernier|last))?", _I)


def _season(match, published, reference, before) -> Span | None:
    """The latest such season begun by publication ("ce printemps"), or the one before it
    ("l'hiver dernier")."""
    month1, day1, month2, day2 = SEASONS[match[1].lower()]
    begun = []
    for year in (published.year, published.year - 1, published.year - 2):
        first = date(year, month1, day1)
        if first <= published:
            begun.append((first, date(year + (month2 < month1), month2, day2)))
    if match[2] and begun and begun[0][1] >= published:
        begun = begun[1:]
    if not begun:
        return None
    first, last = begun[0]
    return Span(first, min(last, published), "season")


# "last month", "le mois dernier": the calendar month before publication
_LAST_MONTH = re.compile(r"\b(?:last month|le mois dernier|le mois passé|the previous month|le mois précédent)\b", _I)


def _last_month(match, published, reference, before) -> Span:
    last = published.replace(day=1) - timedelta(days=1)
    return Span(last.replace(day=1), last, "last month")


# "samedi dernier", "last Saturday": the weekday of the week before
_LAST_WEEKDAY = re.compile(rf"\b(?:last\s+({_WD})|({_WD})\s+dernier)\b", _I)


def _last_weekday(match, published, reference, before) -> Span:
    day = weekday_before(published - timedelta(days=1), WEEKDAYS[(match[1] or match[2]).lower()])
    if (published - day).days < 2:  # "last Saturday" on a Sunday means the week before
        day -= timedelta(days=7)
    return Span(day, day + timedelta(days=1), "the weekday before", named=True)


# "a fifth night of rioting on Friday evening", "five nights of violence in a row", "for the second night"
_NTH_NIGHT = re.compile(r"\b(?:(\w+)\s+(?:consecutive\s+)?(?:night|nuit)|"
                        r"(\w+)\s+(?:nights|nuits)\s+(?:of\s+\w+\s+)?(?:in a row|d['’]affilée|consécutives))\b", _I)


def _nth_night(match, published, reference, before) -> Span | None:
    word = (match[1] or match[2]).lower()
    count = _ORDINALS.get(word) or (_count(word) if match[2] else 0)
    if count < 2:
        return None
    last = read_days(match.string[match.end():match.end() + 40], published, reference)
    end = last.last if last else published
    return Span(end - timedelta(days=count), end, "nights in a row")


# "depuis hier": yesterday and today
_SINCE_YESTERDAY = re.compile(r"\b(?:depuis hier|since yesterday)\b", _I)


def _since_yesterday(match, published, reference, before) -> Span:
    return Span(published - timedelta(days=1), published, "since yesterday")


# "since April 3rd": from that day to publication
_SINCE_DATE = re.compile(rf"\b(?:since|depuis le)\s+(?:({_MO})\s+{_DAYNUM}|{_DAYNUM}\s+({_MO}))\b", _I)


def _since_date(match, published, reference, before) -> Span | None:
    month = match[1] or match[4]
    day = _year(MONTHS[month.lower()], int(match[2] or match[3]), published, None)
    return Span(day, published, "since the day given") if day else None


# "depuis plusieurs semaines", "over the past few weeks"
_WEEKS_LONG = re.compile(r"\b(?:depuis (?:plusieurs|quelques) semaines|for (?:several|some|a few) weeks|over the (?:past|last) (?:few|several) weeks|"
                         r"ces dernières semaines|in recent weeks)\b", _I)


def _weeks_long(match, published, reference, before) -> Span:
    return Span(published - timedelta(weeks=WEEKS_LONG), published, "several weeks")


# "have continued for more than a month", "depuis trois semaines": a wave that has lasted that long
# up to publication (read after "for several weeks", which keeps its own reading)
_LASTING = re.compile(rf"\b(?:for|depuis|over the (?:past|last))\s+(?:more than\s+|over\s+|nearly\s+|almost\s+|about\s+|plus d['’]\s*|"
                      rf"près d['’]\s*|presque\s+)?{_COUNT}\s+{_UNIT}\b", _I)
UNIT_DAYS = {"day": 1, "night": 1, "week": 7, "month": 30, "year": 365, "jour": 1, "nuit": 1, "semaine": 7, "mois": 30, "an": 365,
             "année": 365}
LASTING = "how long it has lasted, up to publication"


def _lasting(match, published, reference, before) -> Span | None:
    unit = match[2].lower()
    days = _count(match[1]) * UNIT_DAYS[unit if unit == "mois" else unit.removesuffix("s")]
    return Span(published - timedelta(days=days), published, LASTING) if days else None


# "entre le 29 décembre et début janvier"
_BETWEEN_DATES = re.compile(rf"\b(?:entre le|between)\s+{_DAYNUM}\s+({_MO})\s+(?:et|and)\s+(?:(?:le\s+)?{_DAYNUM}\s+|(début|early|mi-|mid-|fin|late)\s*)"
                            rf"({_MO})\b", _I)


# "entre le 5 et le 13 mai", "du 5 au 13 mai", "between 5 and 13 May", "between May 5 and May 13"
_BETWEEN_DAYS = re.compile(rf"\b(?:entre le|du|between)\s+{_DAYNUM}\s+(?:et|au|and)\s+(?:le\s+)?{_DAYNUM}\s+({_MO})\b|"
                           rf"\bbetween\s+({_MO})\s+{_DAYNUM}\s+and\s+(?:({_MO})\s+)?{_DAYNUM}\b", _I)


def _between_days(match, published, reference, before) -> Span | None:
    if match[1]:
        (day1, day2, month1), month2 = match.group(1, 2, 3), None
    else:
        month1, day1, month2, day2 = match.group(4, 5, 6, 7)
    last = _year(MONTHS[(month2 or month1).lower()], int(day2), published, None)
    if last is None:
        return None
    first_month = MONTHS[month1.lower()]
    try:
        first = date(last.year - (first_month > last.month), first_month, int(day1))
    except ValueError:
        return None
    return Span(first, min(last, published), "between two days") if first <= last else None


def _between_dates(match, published, reference, before) -> Span | None:
    first = _year(MONTHS[match[2].lower()], int(match[1]), published, None)
    if first is None:
        return None
    month = MONTHS[match[5].lower()]
    try:
        last = date(first.year + (month < first.month), month, int(match[3]) if match[3] else _PART_OF_MONTH[match[4].lower()])
    except ValueError:
        return None
    return Span(first, min(last, published), "between two days")


# "dans la même nuit", "the same day": the day just spoken of
_SAME_TIME = re.compile(r"\b(?:la même nuit|le même jour|the same night|the same day|that night|cette même nuit|ce même jour)\b", _I)


def _same_time(match, published, reference, before) -> Span | None:
    if reference == published:
        return None  # "survenues le même jour": the same day as each other, not as one spoken of
    return Span(reference, reference, "the same day as the one just spoken of", relative=True)


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word, 0)


_READERS = (
    (_POSSESSIVE, _possessive),
    (_BETWEEN_DATES, _between_dates),
    (_NIGHT_DATES, _night_dates),
    (_BETWEEN_DAYS, _between_days),  # after the night: "la nuit du 21 au 22 juillet" is one night
    (_SINCE_DATE, _since_date),
    (_DAY_MONTH, _day_month),
    (_MONTH_DAY, _month_day),
    (_NIGHT_WEEKDAYS, _night_weekdays),
    (_NTH_NIGHT, _nth_night),
    (_LAST_WEEKDAY, _last_weekday),
    (_WEEKDAY, _weekday),
    (_HOLIDAY, _holiday),
    (_AGO, _ago),
    (_BEFORE_THAT, _before_that),
    (_SINCE_YESTERDAY, _since_yesterday),
    (_YESTERDAY, _yesterday),
    (_DAY_BEFORE, _day_before),
    (_DAY_AFTER, _day_after),
    (_LAST_WEEK, _last_week),
    (_TODAY, _today),
    (_SAME_TIME, _same_time),
    (_LAST_MONTH, _last_month),
    (_MONTH_ALONE, _month_alone),
    (_SEASON, _season),
    (_WEEKS_LONG, _weeks_long),
    (_LASTING, _lasting),
    (_THIS_MONTH, _this_month),
    (_THIS_WEEK, _this_week),
)


def statement_day(text: str, published: date) -> date | None:
    """The day a sentence says a statement was made ("told C News on Wednesday", "a déclaré
    mardi"), or None."""
    match = re.search(rf"\b(?:{_ACT})\b[^.;]{{0,50}}?\b({_WD})\b", text, _I)
    return weekday_before(published, WEEKDAYS[match[1].lower()]) if match else None


# "for the second time in a week", "pour la troisième fois en dix jours", "le deuxième incendie en
# moins de deux ans"
_NTH_TIME = re.compile(rf"\b(?:for the|pour la|the|le|la|du|de la)\s+({'|'.join(_ORDINALS)})\s+[\w-]+\s+(?:in|en)\s+(?:less than\s+|moins de\s+)?"
                       rf"(?:{_COUNT}\s+)?{_UNIT}\b", _I)


def earlier_times(text: str) -> tuple[int, int] | None:
    """How many times before the one told an act happened, and within how many days, where a
    sentence says so ("declared a riot for the second time in a week": once, within 7 days)."""
    match = _NTH_TIME.search(text)
    if match is None:
        return None
    unit = match[3].lower()
    days = (_count(match[2]) if match[2] else 1) * UNIT_DAYS[unit if unit == "mois" else unit.removesuffix("s")]
    return (_ORDINALS[match[1].lower()] - 1, days) if days else None


_ARREST = re.compile(r"\b(?:arrested|detained|taken into custody|interpellée?s?|arrêtée?s?|placée?s? en garde à vue)\b", _I)


def before_the_arrest(text: str, published: date) -> Span | None:
    """The days before an arrest a sentence dates ("arrested on Thursday in connection with a mast
    fire there"): the act it is arrested for, which the sentence gives no day of its own, came
    in the quarter before it."""
    day = statement_day(text, published) if _ARREST.search(text) else None
    return Span(day - timedelta(days=HEARING_LAG_DAYS), day, "before the arrest it is told with") if day else None


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
