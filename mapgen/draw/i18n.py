"""The page's words in the reader's language: translations kept as data, one file per language.

Each language is a JSON file under static/i18n/ (en.json, fr.json): the same keys in every file,
a text with {named} blanks, or for a text whose words follow a number an object naming the number
("plural") and a text for each plural form (CLDR's "one", "other"). The page is given its
language's file whole and writes every word from it; Python writes the few words it renders
itself (headings, the caption, the credits) from the same file.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from importlib import resources

import pandas as pd

from ..errors import ConfigurationError
from ..util.countries import dominant_country

I18N = ("static", "i18n")
DEFAULT_LANGUAGE = "en"


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """The languages mapgen has a translation for, by code (en, fr)."""
    folder = resources.files("mapgen.draw").joinpath(*I18N)
    return tuple(sorted(entry.name[:-5] for entry in folder.iterdir() if entry.name.endswith(".json")))


@lru_cache(maxsize=8)
def strings(lang: str) -> dict:
    """Every word of the page in one language, as its file holds them, and the language's code."""
    if lang not in languages():
        raise ConfigurationError(f"--lang {lang!r}: mapgen has no translation for it; choose one of {', '.join(languages())}"
                                 f" (translations are the files in mapgen/draw/static/i18n/).")
    with resources.files("mapgen.draw").joinpath(*I18N, f"{lang}.json").open(encoding="utf-8") as stream:
        return {**json.load(stream), "code": lang}


def check_language(lang: str | None) -> str | None:
    """The language asked for, lower-cased, once it is known to have a translation (None: from the data)."""
    if lang is None or not str(lang).strip():
        return None
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    strings(code)
    return code


def page_language(asked: str | None, placed: pd.DataFrame) -> str:
    """The page's language: the one asked for; else the language of the country that dominates
    the incidents, when a translation lists that country; else English."""
    if asked:
        return asked
    country = dominant_country(placed["country"]) if "country" in placed else None
    return next((lang for lang in languages() if country and country in strings(lang)["countries"]), DEFAULT_LANGUAGE)


def text(words: dict, key: str, **values) -> str:
    """One text of a language ("caption.asOf"), its blanks filled from values."""
    entry = words
    for part in key.split("."):
        entry = entry[part]
    return entry.format(**values)


def written_day(iso: str, words: dict) -> str:
    """A day written the language's way: "16 April 2025", "1er mai 2025"."""
    day = date.fromisoformat(iso)
    dates = words["dates"]
    return dates["day"].format(day=dates["dayOfMonth"].get(str(day.day), str(day.day)), month=dates["months"][day.month - 1],
                               year=day.year)
