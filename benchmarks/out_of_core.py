"""Past one machine's memory: a Parquet dataset of 20,000,000+ incidents (a folder of files, made
here) read, placed and counted into the page's bins by DuckDB, out of core, and mapped.

The dataset is ACLED-like: a real French town named in every row (2,000 towns from the gazetteer),
its region and country, a day in two years, a category, a note of a dozen words; half the rows
carry their coordinates (a point near the town), half are placed by the town's name. What is
measured, each in a process of its own:
- the build: `mapgen build FOLDER` (DuckDB), its time and peak memory, and the page's size;
- the baseline, in the same run: reading the same folder into memory with pandas
  (pandas.read_parquet on the folder), which the in-memory path would have to do first;
- the dataset's size in memory, measured on its first file and scaled.
Goals (issue 25): the page under 100 MB; the build's memory far below the dataset's in memory.

Run: .venv/bin/python benchmarks/out_of_core.py [--rows 20000000] [--folder DIR] [--skip-pandas]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

SEED = 20251202
FILE_ROWS = 1_000_000
CATEGORIES = ("arson", "shooting", "vandalism", "threat", "attack", "protest", "strike", "riot")
WORDS = np.array(("vehicle", "gate", "wall", "staff", "car", "fire", "shots", "night", "entrance", "guard", "letters", "painted",
                  "damaged", "burned", "reported", "officers", "windows", "door", "hall", "building", "early", "morning"))

CHILD = """
import resource, sys, time
start = time.perf_counter()
{body}
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, rows)
"""
BODIES = {
    "mapgen build (DuckDB, out of core)": "import mapgen\nreport = mapgen.build(sys.argv[1], sys.argv[2])\nrows = report.read",
    "pandas.read_parquet (in memory)": "import pandas as pd\nrows = len(pd.read_parquet(sys.argv[1]))",
}


def towns(count: int) -> list[tuple[str, str, float, float]]:
    from mapgen.place.gazetteer import OfflineGazetteer

    rows = OfflineGazetteer()._db().execute(
        "SELECT name, admin1, latitude, longitude FROM places WHERE country = 'FR' AND population > 2000 GROUP BY name"
        " ORDER BY max(population) DESC LIMIT ?", (count,)).fetchall()
    return [(name, admin1, lat, lon) for name, admin1, lat, lon in rows]


def write_file(path: Path, start: int, size: int, places, rng: np.random.Generator) -> None:
    town = rng.integers(0, len(places), size)
    names = np.array([p[0] for p in places], dtype=object)[town]
    lats = np.array([p[2] for p in places])[town] + rng.normal(0, 0.02, size)
    lons = np.array([p[3] for p in places])[town] + rng.normal(0, 0.03, size)
    given = rng.random(size) < 0.5
    days = np.datetime64("2024-01-01") + rng.integers(0, 731, size).astype("timedelta64[D]")
    notes = [" ".join(WORDS[rng.integers(0, len(WORDS), 12)]) for _ in range(size)]
    table = pa.table({
        "event_id": pa.array([f"E{i}" for i in range(start, start + size)]),
        "event_date": pa.array(days.astype("datetime64[D]")),
        "event_type": pa.array(np.array(CATEGORIES, dtype=object)[rng.integers(0, len(CATEGORIES), size)]),
        "location": pa.array(names),
        "country": pa.array(["France"] * size),
        "latitude": pa.array(np.where(given, lats.round(4), np.nan), mask=~given),
        "longitude": pa.array(np.where(given, lons.round(4), np.nan), mask=~given),
        "notes": pa.array(notes),
    })
    pq.write_table(table, path, compression="zstd")


def make_dataset(folder: Path, rows: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if sum(pq.ParquetFile(p).metadata.num_rows for p in folder.glob("*.parquet")) == rows:
        return folder
    for old in folder.glob("*.parquet"):
        old.unlink()
    rng, places = np.random.default_rng(SEED), towns(2000)
    for number, start in enumerate(range(0, rows, FILE_ROWS)):
        write_file(folder / f"part-{number:04d}.parquet", start, min(FILE_ROWS, rows - start), places, rng)
    return folder


def in_memory_bytes(folder: Path, rows: int) -> float:
    """The dataset's size as a pandas table, measured on its first file and scaled to every row."""
    import pandas as pd

    first = sorted(folder.glob("*.parquet"))[0]
    frame = pd.read_parquet(first)
    return frame.memory_usage(deep=True).sum() * rows / len(frame)


def measure(name: str, folder: Path, page: Path) -> tuple[float, float, int]:
    done = subprocess.run([sys.executable, "-c", CHILD.format(body=BODIES[name]), str(folder), str(page)], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        return float("nan"), float("nan"), 0
    seconds, megabytes, rows = done.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(megabytes), int(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "mapgen-out-of-core")
    parser.add_argument("--skip-pandas", action="store_true", help="do not run the in-memory baseline (it needs the memory)")
    arguments = parser.parse_args()
    folder = make_dataset(arguments.folder, arguments.rows)
    on_disk = sum(p.stat().st_size for p in folder.glob("*.parquet"))
    memory = in_memory_bytes(folder, arguments.rows)
    page = folder.parent / "out-of-core.html"
    print(f"dataset: {arguments.rows:,} rows in {len(list(folder.glob('*.parquet')))} Parquet files, {on_disk / 2**20:,.0f} MB on disk,"
          f" {memory / 2**30:,.1f} GiB as a pandas table in memory")
    print("| run | rows | seconds | peak memory (MB) |\n| --- | ---: | ---: | ---: |")
    for name in BODIES:
        if arguments.skip_pandas and name.startswith("pandas"):
            continue
        seconds, megabytes, rows = measure(name, folder, page)
        print(f"| {name} | {rows:,} | {seconds:.1f} | {megabytes:,.0f} |")
    if page.exists():
        print(f"page: {page.stat().st_size / 2**20:,.1f} MB ({page.stat().st_size / arguments.rows:.2f} B per incident); goal: under 100 MB")


if __name__ == "__main__":
    main()
