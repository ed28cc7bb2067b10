"""Write the fresh held-out tables of benchmarks/real_tables/ (FRESH in benchmarks/real_tables.py).

Each table is read with `git show <commit>:<path>` from the snapshots fetched under /work/.mirror/,
keeps the publisher's own column names and only the columns listed below, and is sampled with
numpy default_rng(20240601) (a new generator per table, so that each table can be rebuilt alone).
Sampled tables keep the source's row order. No cell is changed: the only conversions are those a
CSV needs (a tab-separated file written as CSV, a GeoJSON point written as its latitude and
longitude, a byte-order mark dropped from a header).

Run:
    /work/main/.venv/bin/python benchmarks/real_tables/make_fresh.py
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent
MIRRORS = Path("/work/.mirror")
SEED = 20240601


def git_show_bytes(repository: str, commit: str, path: str) -> bytes:
    """The file's bytes at that commit of the fetched snapshot."""
    folder = MIRRORS / repository.replace("/", "+") / "repo"
    return subprocess.run(["git", "-C", str(folder), "show", f"{commit}:{path}"], check=True, capture_output=True).stdout


def git_show(repository: str, commit: str, path: str) -> str:
    """The file's text at that commit of the fetched snapshot."""
    return git_show_bytes(repository, commit, path).decode("utf-8-sig")


def sample(rows: list[dict], total: int, key=None, floor: int = 0, seed: int = SEED) -> list[dict]:
    """total rows in source order: every group of key keeps min(floor, its rows), the rest uniform random."""
    rng = np.random.default_rng(seed)
    if total >= len(rows):
        return list(rows)
    chosen: set[int] = set()
    if key is not None and floor:
        groups: dict[str, list[int]] = {}
        for index, row in enumerate(rows):
            groups.setdefault(key(row), []).append(index)
        for group in sorted(groups):
            members = groups[group]
            take = min(floor, len(members))
            chosen.update(int(i) for i in rng.choice(members, size=take, replace=False))
    rest = [i for i in range(len(rows)) if i not in chosen]
    chosen.update(int(i) for i in rng.choice(rest, size=total - len(chosen), replace=False))
    return [rows[i] for i in sorted(chosen)]


def write(name: str, rows: list[dict], columns: list[str]) -> None:
    with (HERE / name).open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row[c] for c in columns])
    print(f"{name}: {len(rows)} rows")


def ucdp_car() -> None:
    """UCDP GED 23.1, Central African Republic (country_id 482), as optgeo/ucdp-23.1-482 cut it from
    ged231-csv.zip. The GeoJSON holds the GED row's longitude and latitude as the point; they are
    written back as GED's latitude and longitude columns, with the digits as stored."""
    text = git_show("optgeo/ucdp-23.1-482", "be05b36cd56d147ca1d47bb392c186b6b7447d56", "GEDEvent_v23_1.geojson")
    features = json.loads(text, parse_float=str)["features"]
    rows = []
    for feature in features:
        row = {k: ("" if v is None else str(v)) for k, v in feature["properties"].items()}
        row["longitude"], row["latitude"] = feature["geometry"]["coordinates"]
        rows.append(row)
    columns = ["id", "year", "type_of_violence", "conflict_name", "where_prec", "where_coordinates", "where_description",
               "adm_1", "adm_2", "latitude", "longitude", "country", "region", "date_prec", "date_start", "date_end"]
    write("ucdp_ged_car_1992_2022.csv", sample(rows, 1000, key=lambda r: r["where_prec"], floor=40), columns)


def usgs(repository: str, commit: str, path: str, name: str, total: int) -> None:
    """A USGS ComCat feed file (earthquake.usgs.gov/earthquakes/feed/v1.0/summary/*.csv)."""
    rows = list(csv.DictReader(io.StringIO(git_show(repository, commit, path))))
    columns = ["id", "time", "place", "type", "mag", "net", "status", "latitude", "longitude"]
    write(name, sample(rows, total, key=lambda r: r["net"], floor=50), columns)


def ncei_significant() -> None:
    """NCEI/WDS Global Significant Earthquake Database, the tab-separated signif.txt of the Coursera
    "Mastering Software Development in R" capstone (downloaded in 2017). Rows without a latitude or
    longitude are left out, and so are the events dated before the year 1 (a negative YEAR: the
    scorer's reader refuses such a row even with its placeholder date, and it would drop out of the
    count unseen). Every COUNTRY keeps min(5, its rows)."""
    text = git_show("00mathieu/noaaQuake", "4df2963a3015313e6af5b62ae08418c0c108cab4", "inst/extdata/signif.txt")
    rows = [r for r in csv.DictReader(io.StringIO(text), delimiter="\t")
            if r["LATITUDE"].strip() and r["LONGITUDE"].strip() and int(r["YEAR"]) > 0]
    columns = ["I_D", "YEAR", "MONTH", "DAY", "EQ_PRIMARY", "COUNTRY", "STATE", "LOCATION_NAME", "LATITUDE", "LONGITUDE",
               "REGION_CODE"]
    write("ncei_significant_earthquakes_ad10_2017.csv", sample(rows, 1000, key=lambda r: r["COUNTRY"], floor=5), columns)


def startribune() -> None:
    """Star Tribune's database of people killed in encounters with police in Minnesota (striblab)."""
    text = git_show("striblab/fatal-encounters", "02fc93a143501b698bff4f6f0fe421d7d8d0fbd7", "src/Fatal Encounters Data-Grid view.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    columns = ["index", "DeathDate", "SubCategory", "InjuryAddress", "IncidentAddress", "InjuryCity", "Latitude", "Longitude"]
    write("startribune_mn_police_deaths_2000_2024.csv", rows, columns)


def main() -> None:
    ucdp_car()
    usgs("AMR-am/earthquake-analysis-2025", "92635fc3c460d3a9511b76b4bce4edb1c5aed429", "all_month.csv",
         "usgs_earthquakes_all_month_2025.csv", 1000)
    usgs("szpd20/Earthquakes", "5db0c783ba898000d0d641fc054784c99af2fcde", "4.5_month.csv",
         "usgs_earthquakes_m45_month_2023.csv", 10_000)
    ncei_significant()
    startribune()


if __name__ == "__main__":
    main()
