"""One table from a reading list: the drafts of several articles about the same events, with the
incidents that several of them report merged into one row.

A reading list is either the articles themselves (`mapgen extract A.txt B.html ...`) or a CSV with
the columns `path`, `published`, `source` and `url` (paths relative to the list). Each article's
publication day comes from the list, else the page's own metadata (`article:published_time`,
JSON-LD `datePublished`, a `<time datetime>`), else a dateline in its text ("Publié le 15/04/2025",
"Published 15 April 2025"), else the --published given as a fallback.

Two drafted rows are one incident when they are at the same place (the same name, "near X" and X,
or within SAME_PLACE_KM), of the same category (or one of them a generic "attack" or "riot", or kindred
ones: a fire one report calls arson and another vandalism), and on days that overlap. The merged row names every source and URL (separated by " | "), keeps each
article's evidence, takes the narrowest span of days all reports allow, and names in its note what
the reports disagree on (a time, a category, a count: "impacts: 15 (A) vs 7 (B)").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..errors import ConfigurationError, InputError
from ..util.geo import km_between
from ..util.text import normalise
from .article_dates import MONTHS
from .articles import Draft
from .lexicon import compatible, most_telling

SAME_PLACE_KM = 1.5  # two towns' centres are further apart than this (Lille and Mons-en-Barœul: 4 km)
SEPARATOR = " | "
LIST_COLUMNS = ("path", "published", "source", "url")
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4,
    "cinq": 5, "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
}
_COUNTED = ("impacts", "vehicles", "véhicules", "cars", "voitures", "shots", "tirs", "douilles", "casings", "people", "personnes",
            "individus", "bullets", "balles", "attackers", "assailants", "officers", "agents")
# "15 impacts", "15 bullet impacts", "sept impacts de balles": a number and, a word or two on, what it counts.
_COUNT = re.compile(rf"\b(\d{{1,4}}|{'|'.join(_NUMBER_WORDS)})\s+(?:[a-zà-ÿ\-]+\s+)?({'|'.join(_COUNTED)})\b", re.IGNORECASE)


@dataclass
class ListedArticle:
    """One article of a reading list, and where each of its facts came from."""

    path: Path
    published: date | None
    source: str
    url: str
    line: int = 0  # its line in the list, for messages


def read_list(path: str | Path) -> list[ListedArticle]:
    """The articles a reading-list CSV names, checked: a missing file or a bad date is a user's
    mistake, told with the list's line."""
    path = Path(path)
    if not path.is_file():
        raise InputError([f"{path}: no such reading list. Check the path."])
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    if not rows or "path" not in rows[0]:
        raise InputError([f"{path}: a reading list is a CSV with the columns {', '.join(LIST_COLUMNS)} (path required)."])
    articles, problems = [], []
    for line, row in enumerate(rows, start=2):
        article = path.parent / (row.get("path") or "").strip()
        if not (row.get("path") or "").strip() or not article.is_file():
            problems.append(f"{path}, line {line}: no article at {article}; fix the path (relative to the list).")
            continue
        published = None
        if (row.get("published") or "").strip():
            try:
                published = date.fromisoformat(row["published"].strip()[:10])
            except ValueError:
                problems.append(f"{path}, line {line}: published {row['published']!r} is not a date; write it as YYYY-MM-DD.")
                continue
        articles.append(ListedArticle(article, published, (row.get("source") or "").strip(), (row.get("url") or "").strip(), line))
    if problems:
        raise InputError(problems)
    return articles


def published_date(raw: str, text: str) -> date | None:
    """The publication day an article says of itself: the page's metadata, else a dateline."""
    for pattern in (
        r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|datePublished|pubdate|publish-date|date)["'][^>]*"""
        r"""content=["'](\d{4}-\d{2}-\d{2})""",
        r"""<meta[^>]+content=["'](\d{4}-\d{2}-\d{2})[^"']*["'][^>]*(?:property|name|itemprop)=["'](?:article:published_time|datePublished)""",
        r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})',
        r"""<time[^>]+datetime=["'](\d{4}-\d{2}-\d{2})""",
    ):
        match = re.search(pattern, raw, re.IGNORECASE)
        if match:
            return _iso(match[1])
    return dateline(text)


def dateline(text: str) -> date | None:
    """A dateline near the top of an article: "Publié le 15/04/2025 à 10:53", "Published 15 April
    2025", "Updated: April 15, 2025", "date 2025-04-15"."""
    head = text[:600]
    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    for pattern, order in (
        (r"(?:publié|published|posted|mis à jour|updated|date)\s*(?:le|on|:)?\s*(\d{4})-(\d{2})-(\d{2})", "ymd"),
        (r"(?:publié|published|posted|mis à jour|updated)\s*(?:le|on|:)?\s*(\d{1,2})/(\d{1,2})/(\d{4})", "dmy"),
        (rf"(?:publié|published|posted|updated)\s*(?:le|on|:)?\s*(\d{{1,2}})\s+({months})\s+(\d{{4}})", "dMy"),
        (rf"(?:publié|published|posted|updated)\s*(?:le|on|:)?\s*({months})\s+(\d{{1,2}}),?\s+(\d{{4}})", "Mdy"),
    ):
        match = re.search(pattern, head, re.IGNORECASE)
        if not match:
            continue
        try:
            if order == "ymd":
                return date(int(match[1]), int(match[2]), int(match[3]))
            if order == "dmy":
                return date(int(match[3]), int(match[2]), int(match[1]))
            if order == "dMy":
                return date(int(match[3]), MONTHS[match[2].lower()], int(match[1]))
            return date(int(match[3]), MONTHS[match[1].lower()], int(match[2]))
        except ValueError:
            continue
    return None


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def check_published(articles: list[ListedArticle], fallback: str | None) -> None:
    """Every article needs a publication day: one that has none of its own takes --published, and
    with no --published the user is told which articles lack one."""
    default = None
    if fallback:
        try:
            default = date.fromisoformat(fallback)
        except ValueError:
            raise ConfigurationError(f"--published {fallback!r} is not a date; write it as YYYY-MM-DD.") from None
    missing = []
    for article in articles:
        article.published = article.published or default
        if article.published is None:
            where = f" (line {article.line} of the list)" if article.line else ""
            missing.append(f"{article.path}{where}: no publication date in the list, the page's metadata or a dateline;"
                           " give it in the list's published column or with --published YYYY-MM-DD.")
    if missing:
        raise InputError(missing)


# -- merging ---------------------------------------------------------------------------------------

def merge_drafts(drafts: list[tuple[ListedArticle, Draft]], columns: tuple[str, ...]) -> pd.DataFrame:
    """One table from the drafts of several articles, the same incident once (see the module)."""
    groups: list[list[tuple[ListedArticle, dict]]] = []
    for article, draft in drafts:
        for row, point in zip(draft.table.to_dict("records"), draft.points):
            row["_point"] = point
            group = next((g for g in groups if all(_same_incident(row, other) for _, other in g) and article not in [a for a, _ in g]), None)
            if group is None:
                groups.append([(article, row)])
            else:
                group.append((article, row))
    rows = [_merged(group, index) for index, group in enumerate(groups, start=1)]
    return pd.DataFrame(rows, columns=list(columns))


def _same_incident(a: dict, b: dict) -> bool:
    if not _same_place(a, b):
        return False
    if not compatible(a["category"], b["category"]):
        return False
    return _first(a) <= _last(b) and _first(b) <= _last(a)


def _same_place(a: dict, b: dict) -> bool:
    if _fold(a["place"]) == _fold(b["place"]):
        return True
    if _facility_of(a, b) or _facility_of(b, a):
        return True
    if str(a["place"]).startswith("near ") != str(b["place"]).startswith("near "):
        # "near Stockholm" and "Stockholm": one place when it is the same town; somewhere around
        # a town is not in another town close by.
        return _fold(str(a["place"]).removeprefix("near ")) == _fold(str(b["place"]).removeprefix("near "))
    if a.get("latitude") not in ("", None) and b.get("latitude") not in ("", None):
        return km_between((a["latitude"], a["longitude"]), (b["latitude"], b["longitude"])) <= SAME_PLACE_KM
    if a.get("_point") and b.get("_point"):
        return km_between(a["_point"], b["_point"]) <= SAME_PLACE_KM
    return False


def _facility_of(facility: dict, town: dict) -> bool:
    """A facility named after the town a report gives ("Toulon-La Farlède prison" and "Toulon")."""
    if not re.search(r"\b(?:prison|jail)$", str(facility["place"])):
        return False
    return set(_fold(town["place"]).split()) <= set(_fold(facility["place"]).split())


def _fold(text: str) -> str:
    return normalise(re.sub(r"\s+(?:prison|jail)$", "", str(text)))


def _first(row: dict) -> str:
    return row["date"]


def _last(row: dict) -> str:
    return row["date_end"] or row["date"]


def _merged(group: list[tuple[ListedArticle, dict]], index: int) -> dict:
    first_article, merged = group[0]
    merged = dict(merged)
    merged["id"] = f"draft-{index}"
    merged.pop("_point", None)
    if len(group) == 1:
        merged["source"] = first_article.source or merged["source"]
        merged["source_url"] = first_article.url
        return merged
    start = max(_first(row) for _, row in group)
    end = min(_last(row) for _, row in group)
    merged["date"], merged["date_end"] = start, (end if end != start else "")
    merged["category"] = most_telling([row["category"] for _, row in group])
    merged["time"] = next((row["time"] for _, row in group if row["time"]), "")
    if not merged.get("region"):
        merged["region"] = next((row["region"] for _, row in group if row.get("region")), "")
    names = [article.source or article.path.name for article, _ in group]
    merged["source"] = SEPARATOR.join(names)
    merged["source_url"] = SEPARATOR.join(article.url for article, _ in group if article.url)
    merged["evidence"] = SEPARATOR.join(f"{name}: {row['evidence']}" for name, (_, row) in zip(names, group))
    merged["evidence_start"] = SEPARATOR.join(str(row["evidence_start"]) for _, row in group)
    merged["evidence_end"] = SEPARATOR.join(str(row["evidence_end"]) for _, row in group)
    notes = [f"reported by {len(group)} articles"] + _disagreements(group, names)
    notes += [row["note"] for _, row in group if row["note"]][:1]
    merged["note"] = "; ".join(notes)
    return merged


def _disagreements(group: list[tuple[ListedArticle, dict]], names: list[str]) -> list[str]:
    """What the reports of one incident say differently: its time, its category, its counts."""
    found = []
    for field in ("time", "category"):
        values = [(row[field], name) for name, (_, row) in zip(names, group) if row[field]]
        if len({value for value, _ in values}) > 1:
            found.append(f"{field}: " + " vs ".join(f"{value} ({name})" for value, name in values))
    counts: dict[str, list[tuple[int, str]]] = {}
    for name, (_, row) in zip(names, group):
        for number, noun in _COUNT.findall(row["evidence"]):
            value = int(number) if number.isdigit() else _NUMBER_WORDS[number.lower()]
            counts.setdefault(noun.lower(), []).append((value, name))
    for noun, values in counts.items():
        if len({value for value, _ in values}) > 1:
            found.append(f"{noun}: " + " vs ".join(f"{value} ({name})" for value, name in values))
    return found
