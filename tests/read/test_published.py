"""Tables as they are published, read with no option and no renaming: one small table per layout
in tests/data/published/, written by the project with the exact headers and value forms of ACLED's
export, the GTD, the Washington Post's police shootings, the Gun Violence Archive, Mother Jones'
mass shootings and a French open-data table (semicolons, Windows-1252). Every row is checked for its
place, date, precision and category; positions are GeoNames' own or the table's."""

from __future__ import annotations

import gzip

import pandas as pd
import pytest
from geopy.distance import great_circle

from mapgen.pipeline import export
from mapgen.read import ReadOptions, read_table
from tests.helpers import ROOT

PUBLISHED = ROOT / "tests" / "data" / "published"

# layout -> rows of (place as written, (latitude, longitude), location_precision, date, date_end, date_precision, category)
EXPECTED = {
    "acled.csv": [
        ("Tarascon", (43.8058, 4.6603), "town", "2025-04-15", "", "day", "Riots"),
        ("Agen", (44.2033, 0.6163), "town", "2025-04-14", "2025-04-20", "week", "Riots"),
        ("Seine-Saint-Denis", (48.9137, 2.4846), "region", "2025-04-16", "", "day", "Explosions/Remote violence"),
    ],
    "gtd.csv": [
        ("Paris", (48.856644, 2.347278), "exact", "2017-01-12", "", "day", "Facility/Infrastructure Attack"),
        ("Lyon", (45.74906, 4.84789), "town", "2016-05-01", "2016-05-31", "month", "Bombing/Explosion"),
        ("Rennes", (48.11109, -1.67431), "town", "2015-01-01", "2015-12-31", "year", "Armed Assault"),
    ],
    "wapo_police_shootings.csv": [
        ("Shelton", (47.21509, -123.10071), "town", "2015-01-02", "", "day", "shot"),  # Washington, not Connecticut
        ("Knoxville", (41.95729, -77.43887), "town", "2015-01-03", "", "day", "shot and Tasered"),  # not Tennessee
        ("Syracuse", (41.08939, -112.06467), "town", "2015-01-04", "", "day", "shot"),  # Utah, not New York
        ("Douglas", (31.50881, -82.84987), "town", "2015-01-05", "", "day", "shot"),
        ("Wyoming", (42.91336, -85.70531), "town", "2015-01-06", "", "day", "shot"),  # the Michigan city, not the state
    ],
    "gva_incidents.csv": [
        ("Chicago", (41.85003, -87.65005), "town", "2025-04-15", "", "day", "incident"),
        ("Lancaster", (40.03788, -76.30551), "town", "2025-04-14", "", "day", "incident"),  # Pennsylvania, not California
        ("Franklin (county)", (38.41, -91.07), "region", "2025-04-13", "", "day", "incident"),
        ("Paris", (33.66094, -95.55551), "town", "2025-04-12", "", "day", "incident"),
    ],
    "mother_jones_mass_shootings.csv": [
        ("Winder, Georgia", (33.9926, -83.7202), "exact", "2024-09-04", "", "day", "Mass"),  # 9/4: month first, as 10/25 shows
        ("Perry, Iowa", (41.83860, -94.10718), "town", "2024-01-04", "", "day", "Mass"),  # not Perry, Georgia
        ("Lewiston, Maine", (44.10035, -70.21478), "town", "2023-10-25", "", "day", "Spree"),  # not Lewiston, Idaho
    ],
    "france_open_data.csv": [
        ("Tarascon", (43.80583, 4.66028), "town", "2025-04-15", "", "day", "Incendie"),  # the reporter's word, as written
        ("Valence", (44.92560, 4.90956), "town", "2025-04-14", "", "day", "Incendie"),  # department 26: the Drôme
        ("Nanterre", (48.89198, 2.20675), "town", "2025-04-13", "", "day", "Tirs"),
        ("Villepinte", (48.96203, 2.53253), "town", "2025-04-16", "", "day", "Incendie"),
    ],
}


@pytest.mark.parametrize("layout", EXPECTED)
def test_a_published_table_is_mapped_with_no_option(layout, run, tmp_path):
    built = run("build", PUBLISHED / layout, "-o", tmp_path / "map.html")
    assert built.exit_code == 0, built.output
    located = export(PUBLISHED / layout, tmp_path / "out.csv").located
    assert len(located) == len(EXPECTED[layout])
    for row, (place, position, precision, day, day_end, date_precision, category) in zip(located.itertuples(), EXPECTED[layout]):
        assert row.place == place
        assert great_circle((row.latitude, row.longitude), position).km < (25 if precision == "region" else 2), place
        assert (row.location_precision, row.date, row.date_end, row.date_precision, row.category) == (
            precision, day, day_end, date_precision, category), place


def test_every_column_is_kept_in_the_export(tmp_path):
    located = export(PUBLISHED / "wapo_police_shootings.csv", tmp_path / "out.csv").located
    assert {"name", "armed", "age", "race", "threat_level", "body_camera"} <= set(located.columns)
    assert list(pd.read_csv(tmp_path / "out.csv", dtype=str)["armed"]) == ["gun", "unarmed", "knife", "gun", "toy weapon"]


def test_validate_shows_how_each_column_was_read(run):
    result = run("validate", PUBLISHED / "gtd.csv")
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.stdout.splitlines() if line.strip()}
    assert "country" in lines["country_txt"]
    assert "not the country: values such as '69' are not countries" in lines["country"]
    assert "region" in lines["provstate"] and "could be the region" in lines["region"]
    assert "category" in lines["attacktype1_txt"]
    assert "kept as a column of its own" in lines["nkill"]


def test_an_explicit_column_wins(tmp_path):
    table = read_table(PUBLISHED / "wapo_police_shootings.csv", ReadOptions(columns={"category": "armed"}))
    assert list(table.incidents["category"]) == ["gun", "unarmed", "knife", "gun", "toy weapon"]
    assert table.columns.reasons["armed"] == "category, as --column says"


def test_a_column_option_naming_no_column_is_a_user_error(run):
    result = run("build", PUBLISHED / "gva_incidents.csv", "--column", "place=Town")
    assert result.exit_code == 2 and "has no column 'Town'" in result.stderr
    bad = run("build", PUBLISHED / "gva_incidents.csv", "--column", "place")
    assert bad.exit_code == 2 and "write PART=COLUMN" in bad.stderr


def test_colour_by_any_column_groups_beyond_nine_values(tmp_path):
    from mapgen.draw import GROUPED_COLUMN, group_categories

    rows = pd.DataFrame({"date": ["2025-04-15"] * 30, "city": ["Agen"] * 30, "weapon": [f"w{i % 12}" for i in range(30)]})
    path = tmp_path / "many.csv"
    rows.to_csv(path, index=False)
    incidents = read_table(path, ReadOptions(columns={"category": "weapon"})).incidents
    grouped, changed = group_categories(incidents)
    assert changed and grouped["category"].nunique() == 10 and "other" in set(grouped["category"])
    assert set(grouped.loc[grouped["category"] == "other", GROUPED_COLUMN]) <= {f"w{i}" for i in range(12)}


def test_a_table_without_category_is_one_kind_of_incident(run, tmp_path):
    located = export(PUBLISHED / "gva_incidents.csv", tmp_path / "out.csv").located
    assert set(located["category"]) == {"incident"}


def test_title_rows_and_a_source_line_are_set_aside(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Shootings in April 2025\nExported from a spreadsheet\n\n"
                    "date,city,state\n2025-04-15,Shelton,WA\n2025-04-16,Knoxville,PA\n\nSource: a newsroom's own tally\n",
                    encoding="utf-8")
    table = read_table(path)
    assert list(table.incidents["place"]) == ["Shelton", "Knoxville"]
    assert list(table.incidents["row"]) == [5, 6]  # rows as a spreadsheet numbers them
    assert any("title above the header" in note for note in table.notes)
    assert any("note below the table" in note for note in table.notes)


def test_a_header_that_cannot_be_found_names_skip_rows(run, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("when,where\n2025-04-15,Agen\n", encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 2 and "--column" in result.stderr and "--skip-rows" in result.stderr
    assert "Traceback" not in result.output
    named = run("validate", path, "--column", "date=when", "--column", "place=where")
    assert named.exit_code == 0, named.output


def test_ambiguous_day_order_names_both_options(run, tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("date,city\n04/05/2025,Agen\n03/02/2025,Agen\n", encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 2 and "--dayfirst" in result.stderr and "--monthfirst" in result.stderr
    assert list(read_table(path, ReadOptions(monthfirst=True)).incidents["date"]) == ["2025-04-05", "2025-03-02"]
    assert list(read_table(path, ReadOptions(dayfirst=True)).incidents["date"]) == ["2025-05-04", "2025-02-03"]


def test_a_timestamp_keeps_its_local_day_and_time(tmp_path):
    path = tmp_path / "stamps.csv"
    path.write_text("date,city\n2025-04-15T23:30:00+02:00,Agen\n2025-04-16T00:10:00Z,Agen\n", encoding="utf-8")
    incidents = read_table(path).incidents
    assert list(incidents["date"]) == ["2025-04-15", "2025-04-16"] and list(incidents["time"]) == ["23:30", "00:10"]


def test_excel_day_numbers_are_dates(tmp_path):
    path = tmp_path / "serial.xlsx"
    pd.DataFrame({"date": [45762, 45763], "city": ["Agen", "Toulon"]}).to_excel(path, index=False)
    assert list(read_table(path).incidents["date"]) == ["2025-04-15", "2025-04-16"]


def test_gzip_and_parquet_inputs(tmp_path):
    source = PUBLISHED / "wapo_police_shootings.csv"
    packed = tmp_path / "shootings.csv.gz"
    packed.write_bytes(gzip.compress(source.read_bytes()))
    parquet = tmp_path / "shootings.parquet"
    pd.read_csv(source, dtype=str).to_parquet(parquet)
    for path in (packed, parquet):
        incidents = read_table(path).incidents
        assert list(incidents["place"]) == ["Shelton", "Knoxville", "Syracuse", "Douglas", "Wyoming"], path
        assert list(incidents["region"]) == ["WA", "PA", "UT", "GA", "MI"]


def test_a_large_table_is_read_in_chunks_with_the_same_result(tmp_path, monkeypatch):
    """Beyond LARGE_FILE_BYTES a CSV is read CHUNK_ROWS rows at a time (here 2 rows, and any file
    counts as large): the incidents, their row numbers and the rejections are those of a whole read."""
    source = PUBLISHED / "wapo_police_shootings.csv"
    whole = read_table(source).incidents
    repeated = tmp_path / "shootings.csv"
    repeated.write_text(source.read_text(encoding="utf-8") + "9001,TK TK,2015-01-07,shot,gun,30,M,W,Agen,,True,attack,Car,False\n",
                        encoding="utf-8")
    monkeypatch.setattr("mapgen.read.files.LARGE_FILE_BYTES", 0)
    monkeypatch.setattr("mapgen.read.files.CHUNK_ROWS", 2)
    chunked = read_table(repeated, ReadOptions(skip_invalid=True))
    assert list(chunked.incidents["place"])[:5] == list(whole["place"])
    assert list(chunked.incidents["row"]) == [2, 3, 4, 5, 6, 7]
    assert list(chunked.incidents["date"])[:5] == list(whole["date"])
    assert chunked.rejected == [] and chunked.incidents["id"].iloc[5] == "9001 (row 7)"  # the id 9001 again, in another chunk: kept
    assert any("repeat an earlier row's id" in note for note in chunked.notes)
    assert str(chunked.incidents["place"].dtype).startswith("string")  # text kept compact


def test_a_chunked_table_keeps_every_cell_as_written_once(tmp_path, monkeypatch):
    """A column mapgen reads unchanged (the place, the notes) is not kept a second time as written;
    one that a chunk reads otherwise (a note with spaces around it, a date in another form) keeps
    its cells. Either way the table's own columns come out exactly as written."""
    table = tmp_path / "events.csv"
    table.write_text("event_date,location,country,notes\n"
                     "15 April 2025,Agen,France,Cars burnt\n"
                     "16 April 2025,Nanterre,France,A door set on fire\n"
                     "17 April 2025,Toulon,France,  Shots at the gate  \n"
                     "18 April 2025,Tarascon,France,Graffiti\n", encoding="utf-8")
    whole = read_table(table)
    monkeypatch.setattr("mapgen.read.files.LARGE_FILE_BYTES", 0)
    monkeypatch.setattr("mapgen.read.files.CHUNK_ROWS", 2)
    chunked = read_table(table)
    assert "location" in chunked.written.same and "location" not in chunked.written.cells
    assert "notes" not in chunked.written.same  # the second chunk's note was trimmed by the reading
    assert "event_date" not in chunked.written.same
    as_written = chunked.written.beside(chunked.incidents)
    assert list(as_written["notes"]) == ["Cars burnt", "A door set on fire", "  Shots at the gate  ", "Graffiti"]
    assert list(as_written["location"]) == ["Agen", "Nanterre", "Toulon", "Tarascon"]
    read_whole = whole.written.beside(whole.incidents)
    assert list(as_written.columns) == list(read_whole.columns)
    assert as_written.astype(object).fillna("").astype(str).equals(read_whole.astype(object).fillna("").astype(str))
