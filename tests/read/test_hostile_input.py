"""Tables as they really arrive, and mistakes in them: clear errors naming file, row, column and
fix; nothing lost; no traceback; a good map never replaced by a broken one."""

from __future__ import annotations

import csv
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mapgen
from mapgen.place.cache import GeocodeCache
from mapgen.read import incidents_from_records
from mapgen.util.files import atomic_output

HEADER = "id,date,category,place,country"


def write(tmp_path, text, name="in.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


# -- what real files look like ------------------------------------------------------------------


def test_semicolons_in_windows_1252_from_a_french_excel(tmp_path):
    path = write(tmp_path, "id;date;category;place;région;description\r\n"
                           "1;16/04/2025;arson;Tarascon prison;Bouches-du-Rhône;Véhicules incendiés\r\n", encoding="cp1252")
    incidents = mapgen.load_incidents(path)
    row = incidents.iloc[0]
    assert (row["date"], row["place"], row["description"]) == ("2025-04-16", "Tarascon prison", "Véhicules incendiés")
    assert row["region"] == "Bouches-du-Rhône"  # "région" is the region: names are compared without accents


def test_utf8_with_a_byte_order_mark_and_tabs(tmp_path):
    path = write(tmp_path, "\ufeffdate\tcategory\tplace\n2025-04-15\tshooting\tToulon-La Farlède prison\n")
    incidents = mapgen.load_incidents(path)
    assert list(incidents["place"]) == ["Toulon-La Farlède prison"]
    assert list(incidents["id"]) == ["2"]  # generated from the row number when there is no id column


def test_quoted_newlines_and_quotes_inside_cells(tmp_path):
    path = write(tmp_path, f'{HEADER},description\n1,2025-04-16,arson,Agen,FR,"First line\nsecond line, with a comma and ""quotes"""\n'
                           '2,2025-04-15,arson,Nanterre,FR,plain\n')
    table = mapgen.read_incidents(path)
    assert table.incidents.iloc[0]["description"] == 'First line\nsecond line, with a comma and "quotes"'
    assert list(table.incidents["row"]) == [2, 3]  # records, as a spreadsheet numbers them


def test_day_first_dates_when_unambiguous_or_asked(tmp_path):
    path = write(tmp_path, f"{HEADER}\n1,13/04/2025,arson,Agen,FR\n")
    assert mapgen.load_incidents(path).iloc[0]["date"] == "2025-04-13"
    ambiguous = write(tmp_path, f"{HEADER}\n1,04/05/2025,arson,Agen,FR\n", name="ambiguous.csv")
    with pytest.raises(mapgen.InputError, match="--dayfirst"):
        mapgen.load_incidents(ambiguous)
    assert mapgen.load_incidents(ambiguous, dayfirst=True).iloc[0]["date"] == "2025-05-04"


def test_week_and_month_precision_are_spans(tmp_path):
    path = write(tmp_path, "date,date_precision,category,place\n2025-04-16,week,arson,Agen\n2025-04,,protest,Nanterre\n2025-W16,,strike,Toulon\n")
    incidents = mapgen.load_incidents(path)
    assert list(zip(incidents["date"], incidents["date_end"], incidents["date_precision"])) == [
        ("2025-04-14", "2025-04-20", "week"), ("2025-04-01", "2025-04-30", "month"), ("2025-04-14", "2025-04-20", "week")]


# -- user errors: exit 2, one message naming file, row, column and fix ----------------------------

BAD_FILES = {
    "empty": ("", "the file is empty"),
    "header_only": (f"{HEADER}\n", "the header is there but there are no rows"),
    "missing_column": ("id,place\n1,Agen\n", "row 1 (header): no column for a date (date, event_date"),
    "invalid_date": (f"{HEADER}\n1,2025-02-30,arson,Agen,FR\n", "row 2, column 'date': '2025-02-30' is not a calendar date"),
    "latitude_out_of_range": ("date,category,latitude,longitude\n2025-04-16,arson,95,4.6\n", "row 2, column 'latitude': 95 is out of range"),
    "latitude_alone": ("date,category,latitude,longitude\n2025-04-16,arson,44.2,\n", "row 2, column 'longitude': the longitude is blank"),
    "ragged_row": (f"{HEADER}\n1,2025-04-16,arson,Agen,FR,extra\n", "row 2: 6 cells where the header has 5"),
    "bad_country": (f"{HEADER}\n1,2025-04-16,arson,Agen,Frankreich-Land\n", "column 'country': 'Frankreich-Land' is not a country"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_a_user_error_with_the_fix(run, tmp_path, case):
    content, message = BAD_FILES[case]
    path = write(tmp_path, content)
    result = run("build", path, "-o", tmp_path / "map.html")
    assert result.exit_code == 2, result.output
    assert str(path) in result.stderr and message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "map.html").exists()


def test_binary_garbage(run, tmp_path):
    path = write(tmp_path, bytes(range(256)) * 40, name="photo.csv")
    result = run("validate", path)
    assert result.exit_code == 2 and "binary data" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("kind", ["missing", "folder"])
def test_a_path_that_is_not_a_table(run, tmp_path, kind):
    path = tmp_path / "nothing.csv" if kind == "missing" else tmp_path
    result = run("build", path, "-o", tmp_path / "map.html")
    assert result.exit_code == 2
    assert ("no such file" if kind == "missing" else "is a folder") in result.stderr


def test_every_problem_in_a_file_is_reported_at_once(run, tmp_path):
    path = write(tmp_path, f"{HEADER}\n1,2025-13-01,arson,Agen,FR\n2,2025-04-16,arson,,FR\n3,yesterday,arson,Agen,FR\n")
    result = run("validate", path)
    assert result.exit_code == 2
    assert "row 2, column 'date'" in result.stderr
    assert "row 3, column 'place'" in result.stderr
    assert "row 4, column 'date': 'yesterday'" in result.stderr


def test_output_that_is_a_folder_is_a_user_error(run, tmp_path):
    result = run("build", "-o", tmp_path)
    assert result.exit_code == 2 and "is a folder" in result.stderr


# -- nothing lost ---------------------------------------------------------------------------------


def test_skip_invalid_rejects_rows_and_the_summary_balances(run, tmp_path):
    path = write(tmp_path, f"{HEADER}\n1,2025-04-16,arson,Tarascon prison,FR\n2,2025-99-99,arson,Agen,FR\n3,2025-04-15,shooting,Nowhere-sur-Rien,FR\n")
    result = run("build", path, "-o", tmp_path / "map.html", "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "3 read = 1 placed + 1 not placed + 1 rejected" in result.stdout
    assert "rejected: id 2 (row 3)" in result.stdout
    assert "not placed: id 3 (row 4): no place called 'Nowhere-sur-Rien' in country FR" in result.stdout
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "Nowhere-sur-Rien" in html  # listed apart in the page, not hidden


def test_strict_makes_an_unplaced_incident_an_error(run, tmp_path):
    path = write(tmp_path, f"{HEADER}\n1,2025-04-15,shooting,Nowhere-sur-Rien,FR\n")
    result = run("build", path, "-o", tmp_path / "map.html", "--strict")
    assert result.exit_code == 1
    assert "1 incident(s) could not be placed" in result.stderr


def test_a_failed_build_leaves_the_good_map_alone(run, tmp_path):
    output = tmp_path / "map.html"
    assert run("build", "-o", output).exit_code == 0
    good = output.read_bytes()
    bad = write(tmp_path, f"{HEADER}\n1,not a date,arson,Agen,FR\n")
    assert run("build", bad, "-o", output).exit_code == 2
    assert run("build", "-o", output, "--tiles", "No.Such").exit_code == 2
    assert output.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "map.html"]  # no half-written leftovers


def test_atomic_output_replaces_only_on_success(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("good", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_output(target) as stream:
            stream.write("half a")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "good"
    assert list(tmp_path.iterdir()) == [target]
    with atomic_output(target) as stream:
        stream.write("new")
    assert target.read_text(encoding="utf-8") == "new"


# -- cache faults ---------------------------------------------------------------------------------


def test_a_corrupt_geocode_cache_is_set_aside_with_a_warning(run, tmp_path):
    cache = tmp_path / "cache.sqlite"
    cache.write_bytes(b"not sqlite at all" * 64)
    result = run("build", "-o", tmp_path / "map.html", "--cache", cache)
    assert result.exit_code == 0, result.output
    assert "was damaged" in result.stderr and "set aside" in result.stderr
    assert sqlite3.connect(cache).execute("SELECT COUNT(*) FROM answers").fetchone() == (0,)
    assert any(p.name.startswith("cache.sqlite.corrupt-") for p in tmp_path.iterdir())


def test_a_locked_geocode_cache_is_a_clear_error(run, tmp_path, monkeypatch):
    monkeypatch.setattr("mapgen.place.cache.LOCK_WAIT_SECONDS", 0.05)  # the other run will not let go: no need to wait 2 s
    cache = tmp_path / "cache.sqlite"
    GeocodeCache(cache).close()
    holder = sqlite3.connect(cache)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("build", "-o", tmp_path / "map.html", "--online", "--user-agent", "t/1", "--cache", cache)
    finally:
        holder.rollback()
    assert result.exit_code == 2 and "locked by another mapgen run" in result.stderr


def test_a_cache_that_cannot_be_created_is_a_clear_error(run, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = run("build", "-o", tmp_path / "map.html", "--online", "--user-agent", "t/1", "--cache", blocker / "c.sqlite")
    assert result.exit_code == 2 and "--cache to a folder you can write to" in result.stderr


def test_an_interrupted_online_run_keeps_what_it_learnt(tmp_path):
    """The third wait between requests is interrupted (as by Ctrl-C): the two answers already
    received stay in the cache, and the next run asks only for the third place."""
    from mapgen.place.cache import GeocodeCache
    from mapgen.place.online import OnlineLookup, make_geocoder
    from tests.place.nominatim_server import FakeNominatim

    places = ["Brussels", "Villepinte prison", "Seine-et-Marne"]
    with FakeNominatim() as server:
        waits = []

        def sleep(seconds):
            waits.append(seconds)
            if len(waits) == 2:
                raise KeyboardInterrupt

        geocoder = make_geocoder(user_agent="t/1", url=server.url)
        lookup = OnlineLookup(geocoder, "nominatim", GeocodeCache(tmp_path / "c.sqlite"), min_delay=0.2, sleep=sleep)
        with pytest.raises(KeyboardInterrupt):
            for place in places:
                lookup.lookup(place)
        assert len(server.requests) == 2 and len(GeocodeCache(tmp_path / "c.sqlite")) == 2
        again = OnlineLookup(geocoder, "nominatim", GeocodeCache(tmp_path / "c.sqlite"), min_delay=0)
        assert all(again.lookup(place) for place in places)
        assert len(server.requests) == 3 and again.stats.cached == 2


# -- any table at all -------------------------------------------------------------------------------

cells = st.one_of(
    st.sampled_from(["", "2025-04-16", "13/04/2025", "04/05/2025", "2025-02-30", "arson", "Agen", "95", "-12.5", "FR", "x", "2025-W16", "12:30", "http://a.b/c"]),
    st.text(max_size=12),
)
COLUMNS = ["id", "date", "category", "place", "country", "latitude", "longitude", "time", "source_url"]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.fixed_dictionaries({column: cells for column in COLUMNS}), min_size=1, max_size=12))
def test_every_row_becomes_an_incident_or_a_reported_rejection(rows):
    records = [(index + 2, row) for index, row in enumerate(rows)]
    table = incidents_from_records(records, source="random.csv")
    assert len(table.incidents) + len(table.rejected) == len(rows) == table.read
    accounted = sorted(list(table.incidents["row"]) + [rejection.row for rejection in table.rejected])
    assert accounted == [number for number, _ in records]
    for rejection in table.rejected:
        assert rejection.messages and all(f"random.csv, row {rejection.row}" in m for m in rejection.messages)


@settings(deadline=None)
@given(st.binary(max_size=400))
def test_no_bytes_at_all_make_a_traceback(tmp_path_factory, data):
    from mapgen.errors import MapgenError

    path = tmp_path_factory.mktemp("fuzz") / "in.csv"
    path.write_bytes(data)
    try:
        mapgen.read_incidents(path)
    except MapgenError:
        pass


def test_blank_lines_are_skipped_and_rows_keep_their_spreadsheet_numbers(tmp_path):
    path = write(tmp_path, "date,category,place\n2025-04-16,arson,Agen\n\n,,\nnot-a-date,arson,Agen\n\n")
    table = mapgen.read_incidents(path)
    assert list(table.incidents["row"]) == [2]
    assert [r.row for r in table.rejected] == [5]
    assert table.rejected[0].messages[0].startswith(f"{path}, row 5, column 'date'")


@settings(deadline=None)
@given(st.lists(st.fixed_dictionaries({column: cells for column in COLUMNS}), min_size=1, max_size=10),
       st.sampled_from([",", ";", "\t"]))
def test_every_row_of_a_written_csv_is_accounted_for(tmp_path_factory, rows, delimiter):
    """The same, through the file reader: what csv.writer writes, in any of the delimiters, is
    read back with every row an incident or a rejection, numbered as a spreadsheet would."""
    path = tmp_path_factory.mktemp("csv") / "table.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter=delimiter)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([row[c] for c in COLUMNS])
    blank = [index + 2 for index, row in enumerate(rows) if not "".join(row.values()).strip()]
    try:
        table = mapgen.read_incidents(path)
    except mapgen.InputError as error:
        # Refused as a whole, with the reason: only a table of blank rows, or text so full of
        # control characters that it is read as binary data.
        assert len(blank) == len(rows) or "binary data" in str(error), str(error)
        return
    numbers = sorted(list(table.incidents["row"]) + [r.row for r in table.rejected])
    expected = [index + 2 for index in range(len(rows))]
    assert [n for n in expected if n not in numbers] == [n for n in blank if n not in numbers]  # only blank rows are skipped
    assert set(numbers) <= set(expected)


def test_a_repeated_id_keeps_both_incidents_and_says_so(run, tmp_path):
    """Published tables reuse ids (one case number for two shootings, a row exported twice)."""
    path = write(tmp_path, f"{HEADER}\nx,2025-04-16,arson,Agen,FR\nx,2025-04-15,arson,Nanterre,FR\n")
    result = run("export", path, "-o", tmp_path / "out.csv")
    assert result.exit_code == 0, result.output
    assert "2 read = 2 placed" in result.stdout and "column 'id': 1 cell(s) repeat an earlier row's id" in result.stdout
    rows = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert [row["id"] for row in rows] == ["x", "x (row 3)"] and [row["id (table)"] for row in rows] == ["x", "x"]


def test_dates_written_as_midnight_timestamps_carry_no_time(tmp_path):
    import mapgen

    path = write(tmp_path, "date_start,place,country\n2015-03-02 00:00:00.000,Agen,FR\n2015-03-04 00:00:00.000,Toulon,FR\n")
    incidents = mapgen.load_incidents(path)
    assert list(incidents["date"]) == ["2015-03-02", "2015-03-04"] and list(incidents["time"]) == ["", ""]
    clocked = write(tmp_path, "date,place,country\n2015-03-02T00:00+01:00,Agen,FR\n2015-03-04T21:30+01:00,Toulon,FR\n", name="clocked.csv")
    assert list(mapgen.load_incidents(clocked)["time"]) == ["00:00", "21:30"]  # a real midnight among real times stays
