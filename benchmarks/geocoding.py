"""Geocoding figures, each against a baseline measured in the same run:

1. cold start: `mapgen build` on the seed data against a bare `python -c "import folium, pandas,
   geopy, typer"` (goal: at most 2.0 times);
2. offline look-ups per second over 5,000 unique French place names, looked up together as
   `locate` does (goal: at least 20,000); one at a time is shown beside it;
3. accuracy on labelled_places.csv within 10 km and 161 km (goal: 100% within 10 km wherever a
   region or country is given).

Run: .venv/bin/python benchmarks/geocoding.py
"""

from __future__ import annotations

import csv
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geopy.distance import great_circle

from mapgen.place.gazetteer import OfflineGazetteer  # noqa: E402
from mapgen.place.names import split_place  # noqa: E402

HERE = Path(__file__).parent
ROOT = HERE.parent
REPEATS = 5
UNIQUE_NAMES = 5000


def cold_start() -> tuple[float, float]:
    mapgen = Path(sys.executable).parent / "mapgen"
    with tempfile.TemporaryDirectory() as folder:
        build = [str(mapgen), "build", "data/incidents.csv", "-o", f"{folder}/map.html"]
        bare = [sys.executable, "-c", "import folium, pandas, geopy, typer"]
        subprocess.run(build, cwd=ROOT, check=True, capture_output=True)  # the index exists from here on
        timings = {"build": [], "bare": []}
        for _ in range(REPEATS):
            for name, command in (("bare", bare), ("build", build)):
                start = time.perf_counter()
                subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
                timings[name].append(time.perf_counter() - start)
    return statistics.median(timings["build"]), statistics.median(timings["bare"])


def lookups_per_second(gazetteer: OfflineGazetteer) -> tuple[float, int, int]:
    names = [name for (name,) in gazetteer._db().execute(
        "SELECT name FROM places WHERE country = 'FR' GROUP BY name ORDER BY MAX(population) DESC LIMIT ?", (UNIQUE_NAMES,))]
    start = time.perf_counter()
    # As locate() does them: the index rows of every name read in a few queries, then ranked.
    gazetteer.prefetch(key for name in names for key, _ in split_place(name)[0])
    placed = sum(1 for name in names if gazetteer.candidates(name, country="FR"))
    gazetteer.forget_prefetched()
    elapsed = time.perf_counter() - start
    return len(names) / elapsed, len(names), placed


def one_at_a_time(gazetteer: OfflineGazetteer) -> float:
    names = [name for (name,) in gazetteer._db().execute(
        "SELECT name FROM places WHERE country = 'FR' GROUP BY name ORDER BY MAX(population) DESC LIMIT ?", (UNIQUE_NAMES,))]
    start = time.perf_counter()
    for name in names:
        gazetteer.candidates(name, country="FR")
    return len(names) / (time.perf_counter() - start)


def accuracy(gazetteer: OfflineGazetteer) -> dict:
    with (HERE / "labelled_places.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    results = {"all": [], "hinted": []}
    misses = []
    for row in rows:
        found = gazetteer.candidates(row["place"], region=row["region"] or None, country=row["country"] or None)
        truth = (float(row["true_latitude"]), float(row["true_longitude"]))
        distance = great_circle((found[0].latitude, found[0].longitude), truth).km if found else float("inf")
        results["all"].append(distance)
        if row["region"] or row["country"]:
            results["hinted"].append(distance)
        if distance > 10:
            misses.append(f"{row['place']} / {row['region'] or row['country'] or '-'}: {distance:.1f} km off"
                          f" ({found[0].name if found else 'unplaced'} instead of {row['true_name']})")
    summary = {
        key: (len(values), sum(d <= 10 for d in values) / len(values), sum(d <= 161 for d in values) / len(values))
        for key, values in results.items()
    }
    return {"summary": summary, "misses": misses}


def main() -> None:
    gazetteer = OfflineGazetteer()
    gazetteer.geocode("Paris")  # build or open the index outside the timings
    build, bare = cold_start()
    rate, names, placed = lookups_per_second(gazetteer)
    single = one_at_a_time(gazetteer)
    scores = accuracy(gazetteer)
    print(f"cold start: mapgen build {build:.2f} s, bare imports {bare:.2f} s, ratio {build / bare:.2f} (goal <= 2.0)")
    print(f"offline look-ups: {rate:,.0f} per second over {names} unique French names, {placed} placed (goal >= 20,000);"
          f" one at a time: {single:,.0f} per second")
    for key, (count, within_10, within_161) in scores["summary"].items():
        label = "all labelled places" if key == "all" else "with a region or country given"
        print(f"accuracy, {label} ({count}): {within_10:.1%} within 10 km, {within_161:.1%} within 161 km")
    for miss in scores["misses"]:
        print(f"  miss: {miss}")


if __name__ == "__main__":
    main()
