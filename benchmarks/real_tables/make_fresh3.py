"""Write the third fresh held-out tables of benchmarks/real_tables/ (FRESH3 in benchmarks/real_tables.py).

Each table is read with `git show <commit>:<path>` from the snapshots fetched under /work/.mirror/,
keeps the publisher's own column names and only the columns listed below, and is sampled with
numpy default_rng(20261204) (a new generator per table, so that each table can be rebuilt alone).
Sampled tables keep the source's row order. No cell is changed: not even the NTSB export's
coordinates written with their binary noise (38.587583000000002) or PHMSA's dates as the mirror's
spreadsheet wrote them (2/13/10 23:35).

The tables were chosen and written before mapgen placed, read or geocoded any of their rows.

Sources:
- PHMSA (U.S. Pipeline and Hazardous Materials Safety Administration), the flagged incident file of
  gas distribution systems, January 2010 to January 2022 (gd2010toPresent.csv), as ilenapeng/phmsa-pipelines
  holds it: every row.
- NTSB (U.S. National Transportation Safety Board), a CAROL export of aviation cases, 1982-2023
  (casescombined.csv), as timothymasso/timothymasso.github.io holds it: the rows that name a City
  and carry coordinates, every Country kept.

Run:
    /work/main/.venv/bin/python benchmarks/real_tables/make_fresh3.py
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from make_fresh import git_show, write
from make_fresh import sample as fresh_sample

HERE = Path(__file__).parent
SEED = 20261204


def sample(rows: list[dict], total: int, key=None, floor: int = 0) -> list[dict]:
    """As make_fresh.sample, with this set's seed."""
    return fresh_sample(rows, total, key=key, floor=floor, seed=SEED)


def phmsa_gas_distribution() -> None:
    """PHMSA's gas distribution incidents, 3 January 2010 to 28 January 2022: all 1,307 rows of the
    flagged file (DATAFILE_AS_OF 2/28/22), which ilenapeng/phmsa-pipelines keeps as a CSV of PHMSA's
    spreadsheet. Every row has a LOCATION_CITY_NAME (12 say "Not Within a Municipality" and name a
    county), a state and a point, so none is left out. The operator's name and address, and the
    incident's street address and ZIP code, are left out: the place is the city, its county and its
    state."""
    text = git_show("ilenapeng/phmsa-pipelines", "16615aac0f1a73ef7ee3acc05520a0ad5483320b",
                    "data/source/PHMSA_Pipeline_Safety_Flagged_Incidents/gd2010toPresent.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    columns = ["REPORT_NUMBER", "LOCAL_DATETIME", "LOCATION_CITY_NAME", "LOCATION_COUNTY_NAME", "LOCATION_STATE_ABBREVIATION",
               "LOCATION_LATITUDE", "LOCATION_LONGITUDE", "MAP_CAUSE"]
    write("phmsa_gas_distribution_incidents_2010_2022.csv", rows, columns)


def ntsb_aviation() -> None:
    """NTSB aviation cases from the CAROL query tool, 5 January 1982 to 30 December 2023 (4,802 cases,
    144 countries; an export the mirror combined from its queries, before it sifted out airliners).
    Only the rows that name a City and carry a Latitude and a Longitude are kept (3,208: 94 countries
    and territories, a few rows with no Country or "Unknown"): a row with no place is refused by the
    reader once its coordinates are taken away, and would drop out of the count unseen; a row with no
    point has nothing to be scored against. Every Country keeps min(10, its rows), so that most of the
    300 rows outside the United States stay; the rest are uniform random. The airport's code and name
    are kept beside the place, as published; the State of a foreign case is "Other Foreign" or empty."""
    text = git_show("timothymasso/timothymasso.github.io", "dd966053598e461b8afb832b0c845c0229225f9d",
                    "assets/Project2All/ConverstionCodes/casescombined.csv")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["City"].strip() and r["Latitude"].strip() and r["Longitude"].strip()]
    columns = ["NtsbNo", "EventType", "EventDate", "City", "State", "Country", "AirportID", "AirportName", "Latitude", "Longitude"]
    write("ntsb_aviation_cases_1982_2023.csv", sample(rows, 1500, key=lambda r: r["Country"], floor=10), columns)


def main() -> None:
    phmsa_gas_distribution()
    ntsb_aviation()


if __name__ == "__main__":
    main()
