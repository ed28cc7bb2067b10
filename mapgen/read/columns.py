"""Which column plays which part: tables as they are published (ACLED, the GTD, police-shooting and
gun-violence exports, French open data) are read with no renaming.

Each part (role) has a list of the names published tables give it, compared without regard to
case, accents, spaces, hyphens or underscores. When two columns could play one part, the rule is:
a column named with --column wins; otherwise the name earlier in the role's list wins (so ACLED's
`event_type` is the category and `sub_event_type` stays a column of its own), except that a column
whose values cannot play the part is passed over (the GTD's `country` holds its own numeric codes,
so `country_txt` is the country; `x`/`y` are coordinates only when every value is a plausible one).
Columns that play no part are kept, under their own names, in the map's data and in exports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..util.countries import country_code
from ..util.text import fold

# role -> the names tables give it, the preferred first: our own schema's names, then the
# publishers' (ACLED, the GTD, UCDP, GDELT's codebook, police and city open data), then the
# common French, Spanish and German headers.
ROLE_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id", "event_id_cnty", "eventid", "incident_id", "case_id", "globaleventid"),
    "date": ("date", "event_date", "incident_date", "date_of_incident", "date_occ", "date_start", "sqldate", "date_faits",
             "date_des_faits", "date_de_l_incident", "fecha", "fecha_del_incidente", "datum", "tatzeit"),
    "date_end": ("date_end", "end_date", "date_fin", "fecha_fin", "enddatum"),
    "date_precision": ("date_precision", "time_precision"),
    "time": ("time", "heure", "hora", "uhrzeit", "zeit"),
    "category": ("category", "type", "event_type", "sub_event_type", "attacktype1_txt", "incident_type", "manner_of_death",
                 "crime_type", "eventrootcode", "categorie", "nature", "type_d_incident", "type_incident", "nature_des_faits",
                 "categoria", "tipo", "tipo_de_incidente", "kategorie", "art", "vorfall"),
    "place": ("place", "city", "town", "commune", "ville", "city_or_county", "place_name", "location", "address", "lieu",
              "actiongeo_fullname", "localite", "lugar", "ciudad", "municipio", "localidad", "ort", "stadt", "gemeinde", "tatort"),
    "region": ("admin1", "provstate", "state", "province", "department", "departement", "adm_1", "admin_division_name",
               "provincia", "departamento", "comunidad_autonoma", "bundesland", "region"),
    "county": ("county",),
    "country": ("country", "country_txt", "country_name", "pays", "pais", "land", "staat"),
    "country_code": ("iso3", "iso", "iso2", "iso_code", "iso_a2", "iso_a3", "country_code", "countrycode", "code_pays"),
    "latitude": ("latitude", "lat", "actiongeo_lat", "latitud", "breitengrad", "breite", "y"),
    "longitude": ("longitude", "lon", "lng", "long", "actiongeo_long", "longitud", "laengengrad", "langengrad", "laenge", "lange", "x"),
    "location_precision": ("location_precision", "geo_precision", "actiongeo_type"),
    "description": ("description", "notes", "summary", "descripcion", "beschreibung", "resume"),
    "source": ("source", "sources", "quelle", "fuente", "fuentes"),
    "source_url": ("source_url", "url", "link", "lien", "lien_source", "enlace", "sourceurl"),
    "note": ("note", "quote"),
    "year": ("year", "iyear", "annee", "ano", "jahr"),
    "month": ("month", "imonth", "mois", "mes", "monat"),
    "day": ("day", "iday", "jour", "dia"),
}
# ACLED's and the GTD's "region" is a part of the world ("Western Europe"): their admin1 and
# provstate come first in the region's list, and "region" plays the part only where they are absent.
SPLIT_DATE = ("year", "month", "day")
DEFAULT_CATEGORY_NAME = "incident"
COORDINATE_LIMITS = {"latitude": 90.0, "longitude": 180.0}
# City open-data portals name their date columns with a suffix (NYC's OCCUR_DATE, CMPLNT_FR_DT):
# when no column has a date's name, such a column is the date, the one of the event before one of
# the report or the record.
DATE_SUFFIX = re.compile(r"(?:^|[_\s])(?:date|dt)$", re.IGNORECASE)
TIME_SUFFIX = re.compile(r"(?:^|[_\s])(?:time|tm)$", re.IGNORECASE)
EVENT_WORDS = re.compile(r"occ|incident|event|crash|offen|from|fr_|start|begin", re.IGNORECASE)
NOT_EVENT_WORDS = re.compile(r"rpt|report|updat|creat|modif|load|end|close|to_|arrest|birth|dob", re.IGNORECASE)
_YEAR_MONTH = re.compile(r"^\d{4}-\d{1,2}$")
_LOOKS_LIKE_DATA = re.compile(r"[-+]?\d[\d\s.,:/-]*")  # a number, a date or a time: a cell of data, not a column's name


def column_key(name: str) -> str:
    """A column name compared as data writers vary it: "City Or County" = "city_or_county"."""
    return re.sub(r"[^a-z0-9]", "", fold(name))


_ROLE_OF = {column_key(name): role for role, names in ROLE_NAMES.items() for name in names}


@dataclass
class ColumnPlan:
    """How a table's columns were read: the column playing each part, and why the rest play none."""

    roles: dict[str, str] = field(default_factory=dict)  # role -> column as written
    reasons: dict[str, str] = field(default_factory=dict)  # column -> how it was read, or why it was not
    explicit: set[str] = field(default_factory=set)  # roles given with --column

    @property
    def renames(self) -> dict[str, str]:
        return {column: role for role, column in self.roles.items()}

    def table(self, columns: list[str]) -> list[tuple[str, str, str]]:
        """(column, part it plays or "-", why) for every column, in the table's order."""
        renames = self.renames
        return [(column, renames.get(column, "-"), self.reasons.get(column, "")) for column in columns]


def recognise(path: Path, frame: pd.DataFrame, explicit: dict[str, str] | None = None) -> ColumnPlan:
    """Decide which column plays which part, by --column first, then by the rules above; refuse a
    table with no date and no place (or coordinates), naming --column as the fix."""
    explicit = dict(explicit or {})
    columns = [str(c) for c in frame.columns]
    plan = ColumnPlan(explicit=set(explicit))
    unknown_roles = [role for role in explicit if role not in ROLE_NAMES]
    if unknown_roles:
        raise InputError([f"--column {unknown_roles[0]}=...: {unknown_roles[0]!r} is not a part mapgen knows;"
                          f" use one of {', '.join(ROLE_NAMES)}."])
    for role, column in explicit.items():
        match = next((c for c in columns if c == column or column_key(c) == column_key(column)), None)
        if match is None:
            raise InputError([f"--column {role}={column}: {path} has no column {column!r}; its columns are"
                              f" {', '.join(repr(c) for c in columns)}."])
        plan.roles[role] = match
        plan.reasons[match] = f"{role}, as --column says"
    taken = set(plan.roles.values())
    candidates: dict[str, list[tuple[int, str]]] = {}
    for column in columns:
        role = _ROLE_OF.get(column_key(column))
        if role is None or column in taken:
            continue
        rank = [column_key(n) for n in ROLE_NAMES[role]].index(column_key(column))
        candidates.setdefault(role, []).append((rank, column))
    for role, found in candidates.items():
        if role in plan.roles:
            for _, column in found:
                plan.reasons[column] = f"could be the {role}, but --column names {plan.roles[role]!r}"
            continue
        found.sort()
        chosen = None
        for _, column in found:
            # Values are looked at only where another column could play the part instead, or the
            # name promises little (x, y): a lone bad country column is still the country, and
            # each bad value in it is reported on its row.
            doubtful = len(found) > 1 or column_key(column) in ("x", "y")
            problem = _cannot_play(role, frame[column]) if chosen is None and doubtful else None
            if chosen is None and problem is None:
                chosen = column
                others = [c for _, c in found if c != column]
                plan.reasons[column] = role + (f"; {', '.join(repr(c) for c in others)} could be too, and {column!r} comes first"
                                               f" in the {role}'s names" if others else "")
            elif problem:
                plan.reasons[column] = f"not the {role}: {problem}"
            else:
                plan.reasons[column] = f"could be the {role}; {chosen!r} was chosen (its name comes first)"
        if chosen is not None:
            plan.roles[role] = chosen
    _date_by_layout(frame, columns, plan)
    if "date" in plan.roles:
        for role in ("month", "day"):
            if role in plan.roles and role not in plan.explicit:
                plan.reasons[plan.roles.pop(role)] = f"kept as a column: {plan.roles['date']!r} gives the whole date"
        if "year" in plan.roles:
            plan.reasons[plan.roles["year"]] = (f"the year, checked against {plan.roles['date']!r} and given to a day written"
                                                " without one ('Sept. 3'); kept as a column")
    elif "year" not in plan.roles:
        for role in ("month", "day"):
            if role in plan.roles:
                plan.reasons[plan.roles.pop(role)] = "kept as a column: no year column to go with it"
    _by_suffix(columns, plan, "time", TIME_SUFFIX, "its name ends as a time column's does (_TIME, _TM)")
    for column in columns:
        plan.reasons.setdefault(column, "kept as a column of its own (shown in exports; in popups with --popup-columns)")
    _refuse_without_essentials(path, columns, plan)
    return plan


def _date_by_layout(frame: pd.DataFrame, columns: list[str], plan: ColumnPlan) -> None:
    """The date where no column has a date's name: a GDELT table's Day (YYYYMMDD, beside its
    GlobalEventID), a month column of YYYY-MM with no year beside it (data.police.uk's Month,
    "2024-08"), or a column with a city portal's date suffix (NYC's OCCUR_DATE)."""
    if "date" in plan.roles:
        return
    day = plan.roles.get("day")
    if day and "id" in plan.roles and column_key(plan.roles["id"]) == "globaleventid" and _all_match(frame[day], r"\d{8}"):
        plan.roles["date"] = plan.roles.pop("day")
        plan.reasons[day] = "date: GDELT's Day, the event's day as YYYYMMDD"
        return
    month = plan.roles.get("month")
    if month and "year" not in plan.roles and _all_match(frame[month], _YEAR_MONTH.pattern[1:-1]):
        plan.roles["date"] = plan.roles.pop("month")
        plan.reasons[month] = "date: a month written YYYY-MM, read as the month it names"
        return
    if "year" not in plan.roles:
        _by_suffix(columns, plan, "date", DATE_SUFFIX, "its name ends as a date column's does (_DATE, _DT), and it names the event's day")


def _by_suffix(columns: list[str], plan: ColumnPlan, role: str, suffix: re.Pattern, why: str) -> None:
    """A city portal's column for a part, by the suffix of its name (OCCUR_DATE, OCCUR_TIME), where
    no column has the part's name: the event's before any other, the report's or record's never."""
    if role in plan.roles:
        return
    suffixed = [c for c in columns if suffix.search(c) and c not in plan.roles.values() and not NOT_EVENT_WORDS.search(c)]
    if suffixed:
        chosen = sorted(suffixed, key=lambda c: (not EVENT_WORDS.search(c), columns.index(c)))[0]
        plan.roles[role] = chosen
        plan.reasons[chosen] = f"{role}: {why}"


def _all_match(values: pd.Series, pattern: str) -> bool:
    """Whether every non-blank value of a column is written as the pattern says (and one is)."""
    present = values.astype(str).str.strip()
    present = present[present != ""]
    return bool(len(present)) and bool(present.str.fullmatch(pattern).all())


def _cannot_play(role: str, values: pd.Series) -> str | None:
    """Why a column's values cannot play a part, or None when they can (or it cannot be told)."""
    present = [v for v in values.astype(str).str.strip().unique().tolist()[:200] if v]
    if not present:
        return None
    if role in ("country", "country_code"):
        unknown = [v for v in present if country_code(v, numeric=role == "country_code") is None]
        if len(unknown) > len(present) / 2:
            return f"values such as {unknown[0]!r} are not countries"
    if role in COORDINATE_LIMITS:
        numbers = pd.to_numeric(pd.Series(present).str.replace(",", ".", regex=False), errors="coerce")
        if numbers.isna().any() or (numbers.abs() > COORDINATE_LIMITS[role]).any():
            return f"values such as {present[0]!r} are not {role}s in degrees"
    return None


def _refuse_without_essentials(path: Path, columns: list[str], plan: ColumnPlan) -> None:
    missing = []
    if "date" not in plan.roles and "year" not in plan.roles:
        missing.append("a date (date, event_date, incident_date, fecha, datum, a name ending _DATE, ... or year/month/day)")
    if "place" not in plan.roles and "county" not in plan.roles and not {"latitude", "longitude"} <= set(plan.roles):
        missing.append("a place (place, city, location, commune, ...) or latitude and longitude")
    if missing:
        data = [c for c in columns if _LOOKS_LIKE_DATA.fullmatch(c)]
        headerless = (f" Its first row looks like data ({data[0]!r}), not names: add a header row naming the columns"
                      " (date,place,...) above it." if data else "")
        raise InputError([
            f"{path}, row 1 (header): no column for {' and '.join(missing)}. The header has"
            f" {', '.join(repr(c) for c in columns if c) or 'no names'}; name the column that plays the part with"
            " --column, e.g. --column date=when --column place=town (or --skip-rows N if the header is lower down)." + headerless
        ])


def clean_header(header: list[str]) -> list[str]:
    """A header's names as written, without a byte-order mark or surrounding spaces, a repeated
    name made distinct ("location", "location (2)") so that no column is lost."""
    names: list[str] = []
    for raw in header:
        name = str(raw).strip().lstrip("\ufeff").strip()
        base, count = name, 2
        while name in names:
            name = f"{base} ({count})"
            count += 1
        names.append(name)
    return names


def looks_like_header(cells: list[str]) -> bool:
    """Whether a row names columns: at least two cells are names that play a part."""
    return sum(1 for cell in cells if column_key(cell) in _ROLE_OF) >= 2


def apply(frame: pd.DataFrame, plan: ColumnPlan) -> pd.DataFrame:
    """The table with each part under its role's name and every other column under its own; a
    column whose own name is a role's name that another column plays is renamed "NAME (table)"."""
    renames = plan.renames
    clashes = {c: f"{c} (table)" for c in frame.columns if c not in renames and c in ROLE_NAMES}
    return frame.rename(columns={**clashes, **renames}, copy=False)  # the cells stay the table's; prepare() copies what it changes
