"""How well `mapgen extract` drafts incident tables: precision and recall of (place, category,
date) against hand-made tables, on the seed article and on an article of the project's own about
other places, in French (benchmarks/articles/). Goal: recall at least 90%, precision at least 80%
on both.

A drafted row matches a row of the hand table when the category is the same, the hand table's
date lies within the drafted date or span, and the places agree: both geocode within 25 km of each
other, or the draft names the department or region the hand table gives as the incident's region.
Each hand row is matched at most once.

Run: .venv/bin/python benchmarks/extraction.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from geopy.distance import great_circle  # noqa: E402

import mapgen  # noqa: E402
from mapgen import draft_incidents as extract_incidents  # noqa: E402
from mapgen.util.text import normalise  # noqa: E402

SAME_PLACE_KM = 25
ARTICLES = [
    ("seed article (English)", ROOT / "seeds" / "000_a5ed6c53ec32253a.txt", "2025-04-16", ROOT / "data" / "incidents.csv"),
    ("Rhône valley masts (French)", HERE / "articles" / "rhone_valley_masts.txt", "2025-06-10", HERE / "articles" / "rhone_valley_masts.truth.csv"),
]


def score(draft: pd.DataFrame, truth: pd.DataFrame) -> dict:
    """Precision, recall and the matched pairs of a draft against a hand-made table."""
    places = ROOT / "data" / "places.csv"
    drafted = mapgen.locate(mapgen.incidents_from_frame(draft.drop(columns=["evidence", "evidence_start", "evidence_end"])).incidents, places=places)
    expected = mapgen.locate(mapgen.incidents_from_frame(truth).incidents, places=places)
    unmatched = list(expected.itertuples())
    matched, wrong = [], []
    for row in drafted.itertuples():
        last = row.date_end or row.date
        hit = next((t for t in unmatched if t.category == row.category and row.date <= t.date <= last and _same_place(row, t)), None)
        if hit is None:
            wrong.append(f"{row.category} at {row.place} ({row.date}..{last})")
            continue
        unmatched.remove(hit)
        matched.append((row.place, hit.place))
    return {
        "precision": len(matched) / len(drafted) if len(drafted) else 0.0,
        "recall": len(matched) / len(expected) if len(expected) else 0.0,
        "matched": matched,
        "wrong": wrong,
        "missed": [f"{t.category} at {t.place} ({t.date})" for t in unmatched],
    }


def _same_place(drafted, expected) -> bool:
    if drafted.location_precision == "region" and normalise(drafted.place) == normalise(expected.region or ""):
        return True
    if pd.isna(drafted.latitude) or pd.isna(expected.latitude):
        return False
    return great_circle((drafted.latitude, drafted.longitude), (expected.latitude, expected.longitude)).km <= SAME_PLACE_KM


# Failure classes of the development set's table, in the order a wrong row is put in one.
INVENTED_KM = 1000  # a row this far from every labelled place of its article is a place the article never meant
# "PORTLAND, Ore. (AP) —", "MOORE COUNTY, N.C. (WBTV/AP) –", "BRUSSELS –", "(Montréal)"
_DATELINE = re.compile(r"^\s*(?:[A-ZÀ-Ý][A-ZÀ-Ý .'’-]+(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([^)]*\)\s*)?[–—-]|\([A-ZÀ-Ý][\w\- ]+\))")


def score_articles(folder: Path) -> dict:
    """Precision and recall of placed draft rows against the hand labels of the development set
    (folder/articles.csv and truth.csv), with the rule the set's README gives: a draft row matches
    an incident when it lies within the label's tolerance, its category matches (any for '*'), and
    its days overlap the label's span. Each failure is put in a class (see failure_class)."""
    from mapgen.place import Locator
    from mapgen.place.places import PlacesTable

    articles = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False)
    truth = pd.read_csv(folder / "truth.csv", dtype=str, keep_default_na=False)
    locator = Locator(places=PlacesTable.empty(), drafted=True)
    results = {}
    for article in articles.itertuples():
        key = Path(article.file).stem
        labels = [t for t in truth.itertuples() if t.article == key]
        text = (folder / article.file).read_text(encoding="utf-8")
        try:
            draft = extract_incidents(folder / article.file, article.published)
        except mapgen.MapgenError as error:  # an article the reader refuses (a language it does not read)
            draft, refused = pd.DataFrame(), str(error)
        else:
            refused = ""
        table = mapgen.incidents_from_frame(draft.drop(columns=["evidence", "evidence_start", "evidence_end"])) if len(draft) else None
        located = mapgen.locate(table.incidents, locator=locator) if table is not None else pd.DataFrame()
        rows = [r for r in located.itertuples()] if len(located) else []
        evidence = list(zip(draft["evidence_start"].astype(int), draft["evidence"])) if len(draft) else []
        placed = [(r, said) for r, said in zip(rows, evidence) if r.latitude == r.latitude]
        pairs = best_matching([r for r, _ in placed], labels)
        unmatched = [t for t in labels if t not in pairs.values()]
        matched, failures = [], []
        for index, (row, (start, evidence)) in enumerate(placed):
            if index in pairs:
                matched.append((row.place, pairs[index].place_text))
                continue
            near = [t for t in labels if _km(row, t) <= float(t.tol_km)]
            failures.append(failure_class(row, near, labels, unmatched, _title_line(text, start, evidence, row.place)))
        for label in unmatched:
            failures.append(("missed", f"{label.place_text} ({label.category}, {label.date_from}..{label.date_to}): {label.note}"))
        failures += [("unplaced draft row", f"{r.place}: {r.location_note}") for r in rows if r.latitude != r.latitude]
        if refused:
            failures.append(("refused", refused))
        results[key] = {"language": article.language, "drafted": len(placed), "labels": len(labels), "matched": matched,
                        "failures": failures}
    return results


def fits(row, label) -> bool:
    """Whether a placed draft row matches a label: within its tolerance, of its category (any for
    '*'), on days that overlap its span."""
    last = row.date_end or row.date
    return (_km(row, label) <= float(label.tol_km) and (label.category == "*" or label.category == row.category)
            and row.date <= label.date_to and last >= label.date_from)


def best_matching(rows: list, labels: list) -> dict[int, object]:
    """The most rows matched to labels, each label once (augmenting paths), so that a row that
    fits two labels does not take the one another row needs."""
    fitting = [[j for j, label in enumerate(labels) if fits(row, label)] for row in rows]
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in fitting[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or place(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(rows)):
        place(i, set())
    return {i: labels[j] for j, i in owner.items()}


def failure_class(row, near: list, labels: list, unmatched: list, title: bool) -> tuple[str, str]:
    """Why a placed draft row matches no label: one near a label already found (a duplicate, of a
    headline, dateline or summary line or not); a row of such a line near no label; near a label,
    with the wrong category or day;
    a namesake far from the place its name labels; a place the article never meant (its name read
    as another place's, or far from every labelled place); or a real place where nothing happened."""
    last = row.date_end or row.date
    said = f"{row.category} at {row.place} -> {row.matched_name} ({row.date}..{last})"
    if near and not any(t in unmatched for t in near):
        return "headline/dateline duplicate" if title else "duplicate", f"{said} vs {near[0].place_text}, already found"
    if title and not near:
        return "headline/dateline row", said
    near = [t for t in near if t in unmatched] or near
    if near:
        kind = "wrong day" if all(t.category in ("*", row.category) for t in near) else "wrong category"
        return kind, f"{said} vs {near[0].place_text} ({near[0].category}, {near[0].date_from}..{near[0].date_to})"
    written = normalise(str(row.place).removeprefix("near "))
    named = [t for t in labels if written and written in normalise(t.place_text)]
    if named:
        return "wrong namesake", f"{said}, {_km(row, named[0]):.0f} km from {named[0].place_text}"
    if not written.startswith(normalise(str(row.matched_name))[:4]) or all(_km(row, t) > INVENTED_KM for t in labels):
        return "invented place", said
    return "not an incident", said


def _km(row, label) -> float:
    return great_circle((row.latitude, row.longitude), (float(label.lat), float(label.lon))).km


def _title_line(text: str, start: int, evidence: str, place: str) -> bool:
    """Whether a draft row comes from a headline, a dateline or a summary line (a line with no
    closing stop: a standfirst, a bullet, a crosshead), read from the article's own layout: a
    dateline row is one whose place is written in the dateline and not in the sentence after it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    several = len([part for part in text.splitlines() if part.strip()]) > 1
    if several and not text[:line_start].strip() or not re.search(r"[.!?\"”»’'…)]$", line):
        return True
    dateline = _DATELINE.match(evidence)
    if not dateline:
        return False
    squeeze = lambda words: re.sub(r"[^a-z]", "", normalise(words))  # noqa: E731
    name = squeeze(place.removeprefix("near "))
    return bool(name) and name in squeeze(dateline.group(0)) and name not in squeeze(evidence[dateline.end():])


def score_reading_list(folder: Path) -> dict:
    """The development set read as one reading list (mapgen extract --list): the incidents that
    two or more articles report, by the hand labels (places within the labels' tolerance, days
    that overlap, categories that agree or are '*'), each checked to come back as one row that
    names every one of those articles' outlets."""
    import tempfile

    from mapgen.pipeline import extract_reading
    from mapgen.place import Locator
    from mapgen.place.places import PlacesTable

    articles = pd.read_csv(folder / "articles.csv", dtype=str, keep_default_na=False)
    truth = pd.read_csv(folder / "truth.csv", dtype=str, keep_default_na=False)
    # An outlet that reports two articles of the set is named with each article's file, so that a
    # row from one of them is not read as naming both.
    repeated = set(articles["outlet"][articles["outlet"].duplicated()])
    outlets = {Path(a.file).stem: f"{a.outlet} [{Path(a.file).stem}]" if a.outlet in repeated else a.outlet for a in articles.itertuples()}
    with tempfile.TemporaryDirectory() as scratch:
        listing = Path(scratch) / "reading.csv"
        pd.DataFrame({"path": [str((folder / a.file).resolve()) for a in articles.itertuples()], "published": articles["published"],
                      "source": [outlets[Path(a.file).stem] for a in articles.itertuples()], "url": articles["url"]}).to_csv(listing, index=False)
        report = extract_reading([], reading_list=listing)
    table = report.table.drop(columns=["evidence", "evidence_start", "evidence_end"])
    located = mapgen.locate(mapgen.incidents_from_frame(table).incidents, locator=Locator(places=PlacesTable.empty()))
    labels = {f"{t.article}:{t.incident}": t for t in truth.itertuples()}
    # Which reports are of one incident, judged by hand from the texts: beside a set of our own,
    # in benchmarks/ for the shared development set.
    pairs_file = folder / "same_incidents.csv" if (folder / "same_incidents.csv").is_file() else HERE / "same_incidents.csv"
    pairs = pd.read_csv(pairs_file, dtype=str, keep_default_na=False)
    pairs = pairs[[f"{p.first}" in labels and f"{p.second}" in labels for p in pairs.itertuples()]]
    right, wrong = [], []
    for pair in pairs.itertuples():
        a, b = labels[pair.first], labels[pair.second]
        names = {outlets[a.article], outlets[b.article]}
        one = [r for r in located.itertuples() if r.latitude == r.latitude and names <= set(str(r.source).split(" | "))
               and all(great_circle((r.latitude, r.longitude), (float(t.lat), float(t.lon))).km <= float(t.tol_km) for t in (a, b))]
        merged = bool(one)
        line = (f"{a.place_text} ({outlets[a.article]}) and {b.place_text} ({outlets[b.article]}):"
                f" {'one row' if merged else 'two rows'}, {'the same incident' if pair.same == 'yes' else 'two incidents'} ({pair.why})")
        (right if merged == (pair.same == "yes") else wrong).append(line)
    return {"rows": len(report.table), "articles": report.articles, "merged": report.shared, "right": right, "wrong": wrong}


def print_reading_list(result: dict) -> None:
    print(f"reading list: {result['rows']} rows from {result['articles']} articles, {result['merged']} merged from two or more;"
          f" {len(result['right'])} of {len(result['right']) + len(result['wrong'])} pairs of reports judged right"
          " (benchmarks/same_incidents.csv: the same incident once, naming both sources; two incidents apart)")
    for line in result["right"]:
        print(f"  right: {line}")
    for line in result["wrong"]:
        print(f"  WRONG: {line}")


def totals(results: dict) -> dict[str, list[int]]:
    """Matched rows, placed draft rows and labels, per language and for "all"."""
    found: dict[str, list[int]] = {}
    for result in results.values():
        for group in (result["language"], "all"):
            total = found.setdefault(group, [0, 0, 0])
            total[0] += len(result["matched"])
            total[1] += result["drafted"]
            total[2] += result["labels"]
    return found


def print_articles(results: dict) -> None:
    print("| article | language | labels | placed draft rows | matched | precision | recall |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for key, result in results.items():
        m, d, n = len(result["matched"]), result["drafted"], result["labels"]
        print(f"| {key} | {result['language']} | {n} | {d} | {m} | {m / d if d else 0:.0%} | {m / n if n else 0:.0%} |")
    for group, (m, d, n) in totals(results).items():
        print(f"| **{group}** | | {n} | {d} | {m} | {m / d if d else 0:.0%} | {m / n if n else 0:.0%} |")
    classes: dict[str, int] = {}
    for result in results.values():
        for kind, _ in result["failures"]:
            classes[kind] = classes.get(kind, 0) + 1
    print("failures by class: " + (", ".join(f"{kind} {count}" for kind, count in sorted(classes.items())) or "none"))
    for key, result in results.items():
        for kind, text in result["failures"]:
            print(f"  {key}: {kind}: {text}")


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=Path, default=None,
                        help="the development set of real articles (../shared/articles): scored per article, language and class")
    options = parser.parse_args()
    if options.articles is not None:
        if not (options.articles / "truth.csv").is_file():
            print(f"{options.articles}: no development set here (articles.csv and truth.csv); skipped.")
        else:
            print_articles(score_articles(options.articles))
            print_reading_list(score_reading_list(options.articles))
        return
    for name, article, published, truth_path in ARTICLES:
        truth = pd.read_csv(truth_path, dtype=str, keep_default_na=False)
        result = score(extract_incidents(article, published), truth)
        print(f"{name}: precision {result['precision']:.0%}, recall {result['recall']:.0%}"
              f" ({len(result['matched'])} of {len(truth)} hand rows found; goal: recall >= 90%, precision >= 80%)")
        for drafted, expected in result["matched"]:
            print(f"  matched: {drafted} = {expected}")
        for line in result["wrong"]:
            print(f"  not in the hand table: {line}")
        for line in result["missed"]:
            print(f"  missed: {line}")


if __name__ == "__main__":
    main()
