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


def main() -> None:
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
