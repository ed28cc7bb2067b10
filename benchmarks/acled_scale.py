"""An ACLED-sized run: synthetic rows in ACLED's export layout (its 31 columns, a unique note per
event), written as CSV and as Parquet, then read and built by mapgen, each in a process of its own
so that its peak memory is its own. The baseline, measured in the same run on the same files, is
the plain reading a user would otherwise do: pandas.read_csv(dtype=str) and pandas.read_parquet.

Goal (issue 13): reading 2,000,000 rows stays within 4 GB.

Run: .venv/bin/python benchmarks/acled_scale.py [--rows 2000000] [--folder DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20250415
COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
           "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
           "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
           "source_scale", "notes", "fatalities", "tags", "timestamp")
EVENT_TYPES = (("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"), ("Riots", "Mob violence"),
               ("Violence against civilians", "Attack"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
               ("Strategic developments", "Looting/property destruction"), ("Battles", "Armed clash"))
WORDS = ("protesters", "gathered", "in", "front", "of", "the", "town", "hall", "police", "arrested", "several", "people",
         "demanding", "wages", "a", "vehicle", "was", "set", "on", "fire", "near", "market", "shots", "were", "fired")
CHUNK = 200_000

READ_CHILD = """
import resource, sys, time
start = time.perf_counter()
{body}
elapsed = time.perf_counter() - start
# The peak of this program's own memory: VmHWM, which exec starts afresh; ru_maxrss keeps the
# parent's size at the fork (a parent holding a million rows made every tool "peak" at 2.2 GB).
try:
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")) / 1024
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(elapsed, peak, rows)
"""
BODIES = {
    "mapgen read": "import mapgen\ntable = mapgen.read_incidents(sys.argv[1])\nrows = len(table.incidents)",
    "mapgen build": "import mapgen\n"
                    "report = mapgen.build(sys.argv[1], sys.argv[2], draw=mapgen.DrawOptions(title='ACLED-sized'))\nrows = len(report.placed)",
    "pandas.read_csv(dtype=str)": "import pandas as pd\nrows = len(pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False))",
    "pandas.read_parquet": "import pandas as pd\nrows = len(pd.read_parquet(sys.argv[1]))",
}


def chunk_frame(start: int, size: int, towns: list[tuple[str, str, float, float]], rng: np.random.Generator) -> pd.DataFrame:
    index = np.arange(start, start + size)
    town = rng.integers(0, len(towns), size)
    kind = rng.integers(0, len(EVENT_TYPES), size)
    days = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 365, size), unit="D")
    words = np.array(WORDS)
    notes = [" ".join(words[rng.integers(0, len(words), 14)]) + f" (event {i})." for i in index]
    names = [towns[t] for t in town]
    return pd.DataFrame({
        "event_id_cnty": [f"FRA{i}" for i in index],
        "event_date": days.strftime("%d %B %Y"),
        "year": days.year.astype(str),
        "time_precision": rng.choice(["1", "1", "1", "2", "3"], size),
        "disorder_type": rng.choice(["Demonstrations", "Political violence", "Strategic developments"], size),
        "event_type": [EVENT_TYPES[k][0] for k in kind],
        "sub_event_type": [EVENT_TYPES[k][1] for k in kind],
        "actor1": rng.choice(["Protesters (France)", "Rioters (France)", "Unidentified Armed Group (France)"], size),
        "assoc_actor_1": rng.choice(["", "Labor Group (France)", "Students (France)"], size),
        "inter1": rng.choice(["5", "6", "3"], size),
        "actor2": rng.choice(["", "Police Forces of France (2022-)"], size),
        "assoc_actor_2": "",
        "inter2": rng.choice(["0", "1"], size),
        "interaction": rng.choice(["50", "60", "15"], size),
        "civilian_targeting": rng.choice(["", "Civilian targeting"], size),
        "iso": "250",
        "region": "Europe",
        "country": "France",
        "admin1": [n[1] for n in names],
        "admin2": "",
        "admin3": "",
        "location": [n[0] for n in names],
        "latitude": [f"{n[2]:.4f}" for n in names],
        "longitude": [f"{n[3]:.4f}" for n in names],
        "geo_precision": rng.choice(["1", "1", "2", "3"], size),
        "source": rng.choice(["Le Monde", "Ouest-France", "Le Parisien", "AFP", "Sud Ouest"], size),
        "source_scale": rng.choice(["National", "Subnational", "Regional"], size),
        "notes": notes,
        "fatalities": rng.choice(["0", "0", "0", "1"], size),
        "tags": rng.choice(["", "crowd size=no report", "crowd size=around 200"], size),
        "timestamp": (1735689600 + rng.integers(0, 31_000_000, size)).astype(str),
    }, columns=list(COLUMNS))


def write_tables(folder: Path, rows: int) -> tuple[Path, Path]:
    from mapgen.place.gazetteer import OfflineGazetteer

    towns = OfflineGazetteer()._db().execute(
        "SELECT name, admin1, latitude, longitude FROM places WHERE country = 'FR' ORDER BY population DESC LIMIT 5000").fetchall()
    rng = np.random.default_rng(SEED)
    csv_path, parquet_path = folder / "acled.csv", folder / "acled.parquet"
    import pyarrow as pa
    import pyarrow.parquet as parquet

    writer = None
    with csv_path.open("w", encoding="utf-8", newline="") as stream:
        for start in range(0, rows, CHUNK):
            frame = chunk_frame(start, min(CHUNK, rows - start), towns, rng)
            frame.to_csv(stream, index=False, header=start == 0)
            batch = pa.Table.from_pandas(frame, preserve_index=False)
            writer = writer or parquet.ParquetWriter(parquet_path, batch.schema)
            writer.write_table(batch)
    writer.close()
    return csv_path, parquet_path


def measure(name: str, *args: str) -> tuple[float, float, int]:
    done = subprocess.run([sys.executable, "-c", READ_CHILD.format(body=BODIES[name]), *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{name} failed:\n{done.stderr[-2000:]}")
    elapsed, peak, rows = done.stdout.split()[-3:]
    return float(elapsed), float(peak), int(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--folder", type=Path, default=None, help="where to write the tables (default: a temporary folder)")
    options = parser.parse_args()
    folder = options.folder or Path(tempfile.mkdtemp(prefix="mapgen-acled-"))
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    csv_path, parquet_path = write_tables(folder, options.rows)
    print(f"wrote {options.rows:,} ACLED-layout rows in {time.perf_counter() - start:.0f} s: {csv_path} ({csv_path.stat().st_size / 1e6:,.0f} MB),"
          f" {parquet_path} ({parquet_path.stat().st_size / 1e6:,.0f} MB)")
    print("| what | input | rows | time (s) | peak memory (MB) |")
    print("| --- | --- | ---: | ---: | ---: |")
    for name, path in (("pandas.read_csv(dtype=str)", csv_path), ("mapgen read", csv_path),
                       ("pandas.read_parquet", parquet_path), ("mapgen read", parquet_path),
                       ("mapgen build", csv_path), ("mapgen build", parquet_path)):
        elapsed, peak, rows = measure(name, str(path), str(folder / f"{path.stem}-{path.suffix[1:]}.html"))
        print(f"| {name} | {path.suffix[1:]} | {rows:,} | {elapsed:,.1f} | {peak:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
