"""Write the second fresh held-out tables of benchmarks/real_tables/ (FRESH2 in benchmarks/real_tables.py).

Each table is read with `git show <commit>:<path>` from the snapshots fetched under /work/.mirror/,
keeps the publisher's own column names and only the columns listed below, and is sampled with
numpy default_rng(20241204) (a new generator per table, so that each table can be rebuilt alone).
Sampled tables keep the source's row order. No cell is changed; the only conversions are those a
CSV needs, and they are said where they are made (an R data file's numbers and dates written as
text).

The UCDP table is an R data file (.rda): reading it needs the pure-Python package `rdata` (1.1.0
was used), which the project does not depend on. Run, from the repository's root:
    python -m venv /tmp/venv_rdata --system-site-packages && /tmp/venv_rdata/bin/pip install rdata==1.1.0
    /tmp/venv_rdata/bin/python benchmarks/real_tables/make_fresh2.py
(the venv is made from one that has numpy, for example /work/main/.venv/bin/python).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import tempfile
import warnings
from pathlib import Path

from make_fresh import git_show, git_show_bytes, write
from make_fresh import sample as fresh_sample

HERE = Path(__file__).parent
SEED = 20241204


def sample(rows: list[dict], total: int, key=None, floor: int = 0) -> list[dict]:
    """As make_fresh.sample, with this set's seed."""
    return fresh_sample(rows, total, key=key, floor=floor, seed=SEED)


def awsd() -> None:
    """Humanitarian Outcomes' Aid Worker Security Database (security_incidents.csv, 1997 to early 2025),
    as yc1265/DSAN-Scholarship holds it. Only the rows that name a City and carry a Latitude and a
    Longitude are kept (3,347 of 4,337): a row with no place and no coordinates is refused by the
    reader, and the scorer would drop it from the count unseen (most of those rows stand at a
    district's, a province's or the country's centre). Every Country keeps min(5, its rows); the rest
    are uniform random. "Location" (the kind of place: Road, Home, Office/compound...) is left out: it
    is no place name, and the reader would take it for one."""
    text = git_show("yc1265/DSAN-Scholarship", "481f8514f8acd290c60de594bf3af06dfec57969", "security_incidents.csv")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["City"].strip() and r["Latitude"].strip() and r["Longitude"].strip()]
    columns = ["Incident ID", "Year", "Month", "Day", "Country Code", "Country", "Region", "District", "City",
               "Means of attack", "Attack context", "Latitude", "Longitude"]
    write("awsd_aid_worker_security_1997_2025.csv", sample(rows, 1000, key=lambda r: r["Country"], floor=5), columns)


# The countries the first sets already cover with UCDP GED rows: the Central African Republic from
# the same release (23.1), Colombia, the Philippines and Ukraine from HDX exports that may hold the
# same events. Their rows are left out.
UCDP_COUNTRIES_USED = ("Central African Republic", "Colombia", "Philippines", "Ukraine")


def _number(value) -> str:
    """An R double as text: empty for NA, without ".0" when whole, else Python's shortest repr."""
    value = float(value)
    if math.isnan(value):
        return ""
    return str(int(value)) if value.is_integer() else repr(value)


def _day(value) -> str:
    """An R POSIXct (seconds since 1970, UTC; every one here is at midnight) as YYYY-MM-DD."""
    if value is None or math.isnan(float(value)):
        return ""
    seconds = float(value)
    assert seconds % 86400 == 0, seconds
    return (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=seconds)).date().isoformat()


def ucdp_ged_sample() -> None:
    """UCDP GED 23.1: the 1,000-event sample the R package uncertainUCDP ships as data/ucdpged.rda
    (49 columns, 59 countries, 1989-2022; the package does not say how it drew them). The rows of
    UCDP_COUNTRIES_USED are left out; every other row is kept, in the file's order. R's doubles are
    written without ".0" when whole (ids, years, codes, whole-degree points) and otherwise as their
    shortest repr; the POSIXct dates as YYYY-MM-DD; NA as an empty cell."""
    import pandas as pd
    import rdata  # not a project dependency: see the module's docstring

    data = git_show_bytes("cran/uncertainUCDP", "12fea7fc34e209c5a9ca1e00a75419311cb29d86", "data/ucdpged.rda")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ucdpged.rda"
        path.write_bytes(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # R classes (POSIXct, tbl_df) rdata reads as their underlying objects
            frame = rdata.read_rda(path)["ucdpged"]
    numbers = ["id", "year", "type_of_violence", "where_prec", "latitude", "longitude", "date_prec"]
    texts = ["conflict_name", "where_coordinates", "where_description", "adm_1", "adm_2", "country", "region"]
    dates = ["date_start", "date_end"]
    rows = []
    for record in frame.to_dict("records"):
        if record["country"] in UCDP_COUNTRIES_USED:
            continue
        row = {c: _number(record[c]) for c in numbers}
        row.update({c: "" if pd.isna(record[c]) else str(record[c]) for c in texts})
        row.update({c: _day(record[c]) for c in dates})
        rows.append(row)
    columns = ["id", "year", "type_of_violence", "conflict_name", "where_prec", "where_coordinates", "where_description",
               "adm_1", "adm_2", "latitude", "longitude", "country", "region", "date_prec", "date_start", "date_end"]
    write("ucdp_ged_sample_1989_2022.csv", rows, columns)


def acled_somalia() -> None:
    """ACLED, Somalia, 1 April 2025 to 27 March 2026, as the API gave it to
    y5z2rmg7y8-bit/Somalia-Conflict-Monitor (acled_data.csv at the last commit whose copy is under
    4 MB). Every geo_precision keeps min(40, its rows); the rest are uniform random."""
    text = git_show("y5z2rmg7y8-bit/Somalia-Conflict-Monitor", "98b811ef4b927976ea71213c7eea48161c0ebfe2", "acled_data.csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    columns = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
               "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision"]
    write("acled_somalia_2025_2026.csv", sample(rows, 1000, key=lambda r: r["geo_precision"], floor=40), columns)


def main() -> None:
    awsd()
    ucdp_ged_sample()
    acled_somalia()


if __name__ == "__main__":
    main()
