"""Tables as people keep them: every published date and country form, headers in French, Spanish
and German, GDELT's headerless layouts, city open data, spreadsheet exports with their title and
footer rows, and optional cells that are wrong. One small table per layout in tests/data/kept/,
written by the project in each publisher's layout with values of our own (the towns and their
positions are real); each row's reading is checked against what the table says."""

from __future__ import annotations

import pandas as pd
import pytest

from mapgen.pipeline import export
from mapgen.read import ReadOptions, read_incidents, read_table
from mapgen.read.dates import full_year, parse_date
from mapgen.util.countries import country_code
from tests.helpers import ROOT

KEPT = ROOT / "tests" / "data" / "kept"


def reading(name: str, *columns: str) -> list[tuple]:
    """Each incident's reading of a kept table, the columns asked for, in the table's order."""
    incidents = read_table(KEPT / name).incidents
    return list(incidents[list(columns)].itertuples(index=False, name=None))


# -- dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("acled_short_dates.csv", [("2020-05-09", "day"), ("2020-05-09", "day"), ("2024-08-05", "day")]),  # 9-May-20, 09 May 2020, 5-Aug-24
    ("acled_resaved.csv", [("2019-12-31", "day"), ("2020-01-02", "day"), ("2020-03-09", "week")]),  # 31-12-19: day first, as 31 shows
    ("gva_export.csv", [("2016-03-01", "day"), ("2016-03-02", "day"), ("2016-03-03", "day"), ("2016-03-04", "day")]),
    ("mother_jones.csv", [("2015-10-01", "day"), ("2015-12-02", "day"), ("2020-02-26", "day"), ("2007-12-05", "day")]),
    ("nyc_shootings.csv", [("2006-08-27", "day"), ("2021-12-03", "day"), ("2019-07-04", "day")]),  # OCCUR_DATE, M/D/YY
    ("espana.csv", [("2024-05-05", "day"), ("2024-05-12", "day"), ("2024-06-20", "day")]),  # "5 de mayo de 2024"
    ("deutschland.csv", [("2024-05-05", "day"), ("2024-02-28", "day"), ("2024-03-12", "day")]),  # "5. Mai 2024", 28.02.2024
    ("gdelt_1_events.csv", [("2018-10-16", "day"), ("2018-10-17", "day"), ("2018-10-18", "day")]),  # SQLDATE, YYYYMMDD
])
def test_every_published_date_form_is_read(name, expected):
    assert reading(name, "date", "date_precision") == expected


def test_acled_week_precision_widens_its_day():
    incidents = read_table(KEPT / "acled_resaved.csv").incidents
    assert list(incidents["date_end"]) == ["", "", "2020-03-15"]  # 15-03-20 with time_precision 2: its week, Monday to Sunday


def test_ap_style_and_a_day_without_a_year():
    """"Sept. 3" has no year: it takes the one year every other date of the column gives (2025)."""
    assert reading("ap_style.csv", "date") == [("2025-01-20",), ("2025-02-04",), ("2025-09-03",), ("2025-03-09",)]


def test_a_day_without_a_year_is_refused_when_the_column_spans_years(run, tmp_path):
    path = tmp_path / "span.csv"
    path.write_text('date,place,state\n"Dec. 30, 2024",Tulsa,OK\n"Jan. 2",Omaha,NE\n"Jan. 3, 2025",Boise,ID\n', encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 2
    assert "row 3, column 'date': 'Jan. 2' gives no year" in result.stderr and "2024, 2025" in result.stderr
    assert "--skip-invalid" in result.stderr


def test_a_day_without_a_year_takes_the_rows_year_column(tmp_path):
    path = tmp_path / "with_year.csv"
    path.write_text('date,year,place,state\n"Sept. 3",2023,Tulsa,OK\n"Jan. 2",2024,Omaha,NE\n', encoding="utf-8")
    assert list(read_table(path).incidents["date"]) == ["2023-09-03", "2024-01-02"]


def test_uk_police_month_is_a_month():
    assert reading("uk_police_street.csv", "date", "date_end", "date_precision") == [
        ("2024-08-01", "2024-08-31", "month"), ("2024-08-01", "2024-08-31", "month"), ("2024-09-01", "2024-09-30", "month")]


def test_two_digit_years_follow_one_fixed_rule():
    assert [full_year(text) for text in ("00", "20", "68", "69", "82", "99", "2019")] == [2000, 2020, 2068, 1969, 1982, 1999, 2019]
    assert parse_date("5/3/45", monthfirst=True)[0].isoformat() == "2045-05-03"


def test_a_year_column_gives_a_two_digit_year_its_century(tmp_path):
    path = tmp_path / "old.csv"
    path.write_text("date,year,place,state\n5/30/45,1945,Tulsa,OK\n6/2/45,1945,Omaha,NE\n", encoding="utf-8")
    assert list(read_table(path).incidents["date"]) == ["1945-05-30", "1945-06-02"]


def test_a_week_that_begins_the_year_before_agrees_with_its_year_column(tmp_path):
    # ACLED's time_precision 2: the week of Wednesday 1 January 2025 begins on Monday 30 December
    path = tmp_path / "week.csv"
    path.write_text("event_date,year,time_precision,location,country\n01 January 2025,2025,2,Lyon,France\n"
                    "02 January 2025,2024,2,Lyon,France\n", encoding="utf-8")
    table = read_table(path, ReadOptions(skip_invalid=True))
    assert len(table.incidents) == 2 and table.incidents["date"].iat[0] <= "2025-01-01" <= table.incidents["date_end"].iat[0]
    assert not table.rejected  # the second week also reaches 2024: it agrees too


def test_a_year_column_that_disagrees_with_the_date_rejects_the_row(run, tmp_path):
    path = tmp_path / "disagree.csv"
    path.write_text("event_date,year,location,country\n9-May-20,2020,Goma,CD\n9-May-20,2021,Goma,CD\n", encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 2
    assert "row 3, column 'event_date': the date is in 2020 but column 'year' says 2021" in result.stderr


def test_date_parts_that_disagree_stop_naming_the_columns(run):
    result = run("build", KEPT / "parts_disagree.csv", "-o", ROOT / "output" / "never.html")
    assert result.exit_code == 2
    assert ("row 2, column 'date': columns 'year', 'month', 'day' do not make a date: 'day' holds '20160728',"
            " which is not a day of the month") in result.stderr
    assert "row 3" not in result.stderr  # 2016, 7, 28 is a date
    assert "--skip-invalid" in result.stderr and "Traceback" not in result.output
    assert not (ROOT / "output" / "never.html").exists()


# -- countries -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "code"), [
    ("Palestine", "PS"), ("Democratic Republic of Congo", "CD"), ("Republic of Congo", "CG"), ("Italie", "IT"), ("Allemagne", "DE"),
    ("Belgique", "BE"), ("Espagne", "ES"), ("España", "ES"), ("Deutschland", "DE"), ("Côte d'Ivoire", "CI"), ("Ivory Coast", "CI"),
    ("Korea, Republic of", "KR"), ("Northern Ireland", "GB"), ("États-Unis", "US"), ("Royaume-Uni", "GB"), ("FRA", "FR"), ("fr", "FR"),
])
def test_country_names_as_published_and_in_other_languages(written, code):
    assert country_code(written) == code


def test_iso_numbers_only_from_a_code_column():
    assert country_code("250", numeric=True) == "FR" and country_code("250") is None  # the GTD's own numbers are not ISO's


@pytest.mark.parametrize(("name", "countries"), [
    ("acled_short_dates.csv", ["PS", "CD", "CG"]),  # iso 275, 180, 178 beside the names
    ("acled_resaved.csv", ["KE", "KE", "KE"]),
    ("france_nature_lien.csv", ["FR", "FR", "IT", "DE", "BE", "ES"]),
    ("espana.csv", ["ES", "ES", "ES"]),
    ("deutschland.csv", ["DE", "DE", "DE"]),
])
def test_the_countries_of_published_tables(name, countries):
    assert [country for (country,) in reading(name, "country")] == countries


def test_a_code_column_that_contradicts_the_name_rejects_the_row(run, tmp_path):
    path = tmp_path / "codes.csv"
    path.write_text("date,location,country,iso3\n2020-05-09,Goma,Democratic Republic of Congo,COD\n2020-05-09,Goma,Rwanda,COD\n",
                    encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 2
    assert "row 3, column 'country': 'Rwanda' is RW, but column 'iso3' says 'COD' (CD)" in result.stderr
    assert "row 2" not in result.stderr


# -- headers in French, Spanish and German -----------------------------------------------------------

@pytest.mark.parametrize(("name", "parts"), [
    ("france_nature_lien.csv", {"date": "Date des faits", "time": "Heure", "category": "Nature", "place": "Commune",
                                "region": "Département", "country": "Pays", "source_url": "Lien"}),
    ("espana.csv", {"date": "Fecha", "time": "Hora", "category": "Tipo", "place": "Lugar", "region": "Provincia", "country": "País",
                    "source": "Fuente", "source_url": "Enlace"}),
    ("deutschland.csv", {"date": "Datum", "time": "Uhrzeit", "category": "Art", "place": "Ort", "region": "Bundesland",
                         "country": "Land", "source": "Quelle"}),
])
def test_headers_in_other_languages(name, parts):
    assert {role: column for role, column in read_table(KEPT / name).columns.roles.items() if role in parts} == parts


def test_a_french_table_keeps_its_categories_and_links():
    rows = reading("france_nature_lien.csv", "category", "place", "source_url")
    assert rows[0] == ("Incendie", "Tarascon", "https://presse.example.fr/tarascon-parking")
    assert [category for category, _, _ in rows] == ["Incendie", "Tags", "Manifestation", "Incendie", "Dégradations", "Menaces"]


@pytest.mark.parametrize("header", [["Type d'incident", "Date des faits", "Ville"], ["Nature", "Date", "Lieu"], ["Art", "Datum", "Stadt"],
                                    ["Tipo", "Fecha", "Ciudad"]])
def test_more_headers_of_other_languages(tmp_path, header):
    path = tmp_path / "t.csv"
    path.write_text(",".join(header) + "\nIncendie,2025-04-15,Tarascon\n", encoding="utf-8")
    roles = read_table(path).columns.roles
    assert (roles["category"], roles["date"], roles["place"]) == tuple(header)


# -- one bad optional cell never stops a table --------------------------------------------------------

def test_bad_links_are_set_aside_and_a_link_inside_is_kept(run, tmp_path):
    table = read_table(KEPT / "gva_export.csv")
    assert list(table.incidents["source_url"]) == ["https://news.example.org/2016/03/01/south-side",
                                                   "http://tv.example.com/story/2016/03/02/broad-street", "", ""]
    result = run("build", KEPT / "gva_export.csv", "-o", tmp_path / "gva.html")  # not into the project's own output/
    assert result.exit_code == 0, result.output
    assert "note: column 'Source URL': 1 cell(s) set aside, no web address in it (each row kept, without a link): row 4" in result.stdout
    assert "note: column 'Source URL': 1 cell(s) read for the web address inside, the rest of the cell left out: row 3" in result.stdout
    assert "4 read = 4 placed" in result.stdout


def test_a_bad_time_is_set_aside_and_the_row_kept():
    table = read_table(KEPT / "france_nature_lien.csv")
    assert list(table.incidents["time"]) == ["05:20", "", "", "21:15", "", ""]
    assert "column 'Heure': 1 cell(s) set aside, not a time of day such as 05:20 (each row kept, without a time): row 3" in table.notes


def test_bad_coordinates_beside_a_place_are_set_aside_and_the_place_looked_up(tmp_path):
    path = tmp_path / "coords.csv"
    path.write_text("date,place,country,latitude,longitude\n2025-04-15,Agen,FR,44.2,\n2025-04-16,Nanterre,FR,north,2.2\n"
                    "2025-04-16,Tarascon,FR,43.8058,4.6603\n", encoding="utf-8")
    table = read_table(path)
    assert table.incidents["latitude"].isna().tolist() == [True, True, False]
    assert any("column 'latitude': 2 cell(s) set aside with the longitude" in note and "rows 2, 3" in note for note in table.notes)


def test_many_bad_cells_are_one_line_naming_the_first_rows(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("date,place,time\n" + "".join(f"2025-04-{day:02d},Agen,late\n" for day in range(1, 9)), encoding="utf-8")
    table = read_table(path)
    lines = [note for note in table.notes if "column 'time'" in note]
    assert lines == ["column 'time': 8 cell(s) set aside, not a time of day such as 05:20 (each row kept, without a time):"
                     " rows 2, 3, 4, 5, 6, ..."]
    assert len(table.incidents) == 8


def test_what_a_row_cannot_do_without_still_stops_naming_skip_invalid(run, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,place,source_url\n2025-04-15,,http:// nobody\nsoon,Agen,\n2025-04-16,Agen,\n", encoding="utf-8")
    result = run("build", path, "-o", tmp_path / "map.html")
    assert result.exit_code == 2
    assert "row 2, column 'place': blank" in result.stderr and "row 3, column 'date': 'soon'" in result.stderr
    assert "2 of 3 row(s) cannot be used as they are: correct them, or pass --skip-invalid" in result.stderr
    skipped = run("build", path, "-o", tmp_path / "map.html", "--skip-invalid")
    assert skipped.exit_code == 0 and "rejected:   2" in skipped.stdout


# -- spreadsheet exports ----------------------------------------------------------------------------

def test_a_footer_padded_with_commas_and_blank_rows_are_set_aside_and_said():
    table = read_table(KEPT / "spreadsheet_export.csv")
    assert list(table.incidents["place"]) == ["Shelton", "Knoxville", "Syracuse"]
    assert list(table.incidents["row"]) == [4, 6, 7]
    assert table.notes == ["rows 1-2 set aside as a title above the header (row 3)",
                           "row 10 set aside as a note below the table: 'Source: own compilation from police statements'",
                           "1 blank row(s) set aside (row 5)"]


def test_a_footer_without_a_title_block(tmp_path):
    path = tmp_path / "plain.csv"
    path.write_text("date,city,state\n2025-04-15,Shelton,WA\n,,\n2025-04-16,Knoxville,PA\nSource: own compilation,,\n", encoding="utf-8")
    table = read_table(path)
    assert list(table.incidents["place"]) == ["Shelton", "Knoxville"]
    assert "row 5 set aside as a note below the table: 'Source: own compilation'" in table.notes
    assert "1 blank row(s) set aside (row 3)" in table.notes


# -- GDELT and city open data -------------------------------------------------------------------------

def test_gdelt_1_events_without_a_header():
    table = read_table(KEPT / "gdelt_1_events.csv")
    assert table.notes == ["no header row: read as GDELT 1.0 events, its 58 columns named as the codebook names them"]
    rows = list(table.incidents[["row", "id", "place", "latitude", "longitude", "location_precision", "category", "country"]]
                .itertuples(index=False, name=None))
    assert rows == [(1, "810000001", "Lyon, Rhône-Alpes, France", 45.75, 4.85, "town", "14", ""),
                    (2, "810000002", "Portland, Oregon, United States", 45.5235, -122.676, "town", "18", ""),
                    (3, "810000003", "France", 46.0, 2.0, "country", "04", "")]  # FIPS country codes are not read as ISO's


@pytest.mark.parametrize("name", ["gdelt_2_events.csv", "gdelt_2_with_header.tsv"])
def test_gdelt_2_events_with_or_without_a_header(name):
    rows = reading(name, "date", "place", "location_precision", "category", "source_url")
    assert rows == [("2024-01-15", "Leipzig, Sachsen, Germany", "town", "14", "https://news.example.org/leipzig-farmers"),
                    ("2024-01-16", "Texas, United States", "region", "19", "https://news.example.org/texas-border")]


def test_gdelt_nulls_are_blank():
    incidents = read_table(KEPT / "gdelt_2_events.csv").incidents
    assert list(incidents["Actor1Code"]) == ["DEU", ""] and list(incidents["ActionGeo_ADM2Code"]) == ["", ""]


def test_city_open_data_date_and_time_columns():
    table = read_table(KEPT / "nyc_shootings.csv")
    assert (table.columns.roles["date"], table.columns.roles["time"]) == ("OCCUR_DATE", "OCCUR_TIME")  # not REPORT_DATE
    assert list(table.incidents["time"]) == ["05:35", "23:10", "21:45"]


def test_nyc_dates_with_monthfirst_as_the_issue_ran_it():
    incidents = read_table(KEPT / "nyc_shootings.csv", ReadOptions(monthfirst=True)).incidents
    assert list(incidents["date"]) == ["2006-08-27", "2021-12-03", "2019-07-04"]


# -- the table's own columns in exports ------------------------------------------------------------------

def test_an_export_keeps_every_column_as_written_and_adds_mapgens_reading(tmp_path):
    export(KEPT / "france_nature_lien.csv", tmp_path / "out.csv")
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    own = ["Date des faits", "Heure", "Nature", "Commune", "Département", "Pays", "Lien", "Description"]
    reading_columns = ["id", "date", "date_end", "date_precision", "time", "category", "place", "region", "country", "latitude",
                       "longitude", "location_precision", "uncertainty_km", "geocoder", "matched_name", "location_note", "source_url"]
    assert list(out.columns) == own + reading_columns
    first = out.iloc[1]
    assert (first["Date des faits"], first["Heure"], first["Lien"], first["Pays"]) == ("16/04/2025", "vers 2h", "voir le journal du 17", "France")
    assert (first["date"], first["time"], first["source_url"], first["country"]) == ("2025-04-16", "", "", "FR")


def test_a_column_under_one_of_mapgens_names_that_differs_is_kept_beside(tmp_path):
    path = tmp_path / "own.csv"
    path.write_text("date,category,city,country\n15/04/2025,Gunfire,Nanterre,France\n16/04/2025,Fire,Agen,France\n", encoding="utf-8")
    export(path, tmp_path / "out.csv")
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert list(out.columns[:4]) == ["date (table)", "category", "city", "country (table)"]  # the category agrees: one column
    assert list(out["date (table)"]) == ["15/04/2025", "16/04/2025"] and list(out["date"]) == ["2025-04-15", "2025-04-16"]
    assert list(out["country (table)"]) == ["France", "France"] and list(out["country"]) == ["FR", "FR"]
    assert list(out["place"]) == ["Nanterre", "Agen"]


def test_a_large_table_read_in_chunks_keeps_its_columns_too(tmp_path, monkeypatch):
    import mapgen.read.files as files

    monkeypatch.setattr(files, "LARGE_FILE_BYTES", 10)
    path = tmp_path / "big.csv"
    path.write_text("Fecha,Lugar,País\n5 de mayo de 2024,Sevilla,España\n12 de mayo de 2024,Bilbao,España\n", encoding="utf-8")
    report = export(path, tmp_path / "out.csv")
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert list(out.columns[:3]) == ["Fecha", "Lugar", "País"] and list(out["Fecha"]) == ["5 de mayo de 2024", "12 de mayo de 2024"]
    assert list(report.located["date"]) == ["2024-05-05", "2024-05-12"]


def test_mother_jones_keeps_both_location_columns(tmp_path):
    export(KEPT / "mother_jones.csv", tmp_path / "out.csv")
    out = pd.read_csv(tmp_path / "out.csv", dtype=str, keep_default_na=False)
    assert list(out.columns[:3]) == ["case", "location", "date (table)"] and list(out["location (2)"])[:2] == ["School", "Workplace"]
    assert list(read_incidents(KEPT / "mother_jones.csv").incidents["place"])[0] == "Roseburg, Oregon"


def test_a_headerless_table_of_no_known_layout_is_told_to_add_a_header(run, tmp_path):
    path = tmp_path / "no_header.tsv"
    path.write_text("2025-04-15\tAgen\tIncendie\n2025-04-16\tNanterre\tIncendie\n", encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 2
    assert "Its first row looks like data ('2025-04-15'), not names: add a header row naming the columns" in result.stderr
