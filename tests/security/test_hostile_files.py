"""Files that try to crash, hang or trick mapgen: each ends with exit 2 and one message, or is
read safely; nothing already written is replaced or lost."""

from __future__ import annotations

import csv
import json
import os
import resource
import signal
import subprocess
import sys

import pandas as pd
import pytest

from tests.helpers import ROOT, SEED_INCIDENTS

AGEN, TOULON = (0.6163, 44.2033), (5.928, 43.1242)  # longitude, latitude


def _refused(result, *words):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    assert len(result.stderr.strip().splitlines()) <= 2, result.stderr  # the problem, and for rows, --skip-invalid
    for word in words:
        assert word in result.stderr, result.stderr


def test_json_nested_a_hundred_thousand_deep(run, tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    _refused(run("build", path, "-o", tmp_path / "map.html"), "nested too deeply")
    assert not (tmp_path / "map.html").exists()


def test_geojson_whose_properties_are_a_list(run, tmp_path):
    path = tmp_path / "bad.geojson"
    feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": list(AGEN)}, "properties": [1, 2]}
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    _refused(run("build", path, "-o", tmp_path / "map.html"), "feature 1", "properties")


@pytest.mark.parametrize("suffix", [".json", ".geojson", ".csv"])
def test_a_coordinate_of_five_thousand_digits(run, tmp_path, suffix):
    digits = "4" * 5000
    path = tmp_path / f"big{suffix}"
    if suffix == ".csv":
        path.write_text(f"date,place,latitude,longitude\n2025-04-15,Agen,{digits},0.6\n", encoding="utf-8")
    elif suffix == ".json":
        path.write_text(f'[{{"date": "2025-04-15", "place": "Agen", "latitude": {digits}, "longitude": 0.6}}]', encoding="utf-8")
    else:
        path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": ['
                        f'{digits}, 44.2]}}, "properties": {{"date": "2025-04-15"}}}}]}}', encoding="utf-8")
    result = run("build", path, "-o", tmp_path / "map.html")
    if suffix == ".geojson":  # no place beside it: the row cannot be placed, and the table stops
        _refused(result, "is not a number", "5,000 characters")
        assert len(result.stderr) < 600  # the value is quoted short, not five thousand digits long
    else:  # beside a place, the coordinates are set aside and the place is looked up
        assert result.exit_code == 0, result.output
        assert "set aside" in result.stdout and "1 read = 1 placed" in result.stdout


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_table_of_a_hundred_thousand_columns_is_refused_at_once(run, tmp_path, delimiter):
    path = tmp_path / "wide.csv"
    columns = ["date", "place", *(f"c{i}" for i in range(100_000))]
    path.write_text(delimiter.join(columns) + "\n" + delimiter.join(["2025-04-15", "Agen", *("x" * 100_000)]) + "\n", encoding="utf-8")
    _refused(run("build", path, "-o", tmp_path / "map.html"), "100,002 cells", "2,000 columns")


def test_a_workbook_that_would_unpack_too_far_is_refused_before_unpacking(run, tmp_path, monkeypatch):
    from mapgen.read import files

    path = tmp_path / "big.xlsx"
    pd.DataFrame({"date": ["2025-04-15"] * 2000, "place": ["Agen"] * 2000, "notes": ["padding " * 20] * 2000}).to_excel(path, index=False)
    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", 200_000)  # the same check as at 1 GiB, on a file the test can afford
    _refused(run("build", path, "-o", tmp_path / "map.html"), "unpacks to", "as CSV")


def test_a_full_disk_ends_with_exit_2_naming_the_folder_and_the_old_map_stays(tmp_path):
    output = tmp_path / "map.html"
    output.write_text("<html>the good map</html>", encoding="utf-8")

    def small_files():  # the page is written past this size: the kernel says EFBIG, as a full disk says ENOSPC
        resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "mapgen", "build", str(SEED_INCIDENTS), "-o", str(output)], cwd=ROOT,
                          capture_output=True, text=True, preexec_fn=small_files, env=environment, timeout=600)
    assert done.returncode == 2, done.stderr
    assert str(tmp_path) in done.stderr and "Traceback" not in done.stderr
    assert output.read_text(encoding="utf-8") == "<html>the good map</html>"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]  # no half-written file left beside it


def test_a_symbolic_link_at_the_output_is_written_through(run, tmp_path):
    target = tmp_path / "maps" / "real.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "map.html"
    link.symlink_to(target)
    assert run("build", SEED_INCIDENTS, "-o", link).exit_code == 0
    assert link.is_symlink() and "mapgen-incidents" in target.read_text(encoding="utf-8")


def test_an_output_that_is_not_a_regular_file_is_refused(run, tmp_path):
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    _refused(run("build", SEED_INCIDENTS, "-o", pipe), "not a regular file")
    assert pipe.exists() and not pipe.is_file()


def test_geojson_lines_polygons_and_collections_are_placed_at_a_point_of_them(run, tmp_path):
    agen_square = [[[0.60, 44.19], [0.63, 44.19], [0.63, 44.21], [0.60, 44.21], [0.60, 44.19]]]
    geometries = [
        {"type": "LineString", "coordinates": [[0.55, 44.15], list(AGEN), [0.68, 44.25]]},
        {"type": "Polygon", "coordinates": agen_square},
        {"type": "MultiPoint", "coordinates": [[5.92, 43.12], [5.936, 43.128]]},
        {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": list(TOULON)}]},
    ]
    features = [{"type": "Feature", "geometry": g, "properties": {"id": f"g{i}", "date": "2025-04-15", "place": "Bordeaux"}}
                for i, g in enumerate(geometries)]
    path, out = tmp_path / "shapes.geojson", tmp_path / "out.csv"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    result = run("export", path, "-o", out)
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in csv.DictReader(out.open(encoding="utf-8"))}
    near = {"g0": AGEN, "g1": AGEN, "g2": TOULON, "g3": TOULON}
    for key, (lon, lat) in near.items():
        assert abs(float(rows[key]["longitude"]) - lon) < 0.03 and abs(float(rows[key]["latitude"]) - lat) < 0.03, rows[key]
        assert rows[key]["geocoder"] == "coordinates"  # not Bordeaux, 100 km away, by its name
    assert "LineString feature" in rows["g0"]["note"] and "Polygon feature" in rows["g1"]["note"]


def test_a_list_in_a_parquet_place_cell_is_refused(run, tmp_path):
    path = tmp_path / "lists.parquet"
    pd.DataFrame({"date": ["2025-04-15", "2025-04-16"], "place": [["Agen", "Paris"], ["Toulon"]]}).to_parquet(path)
    _refused(run("build", path, "-o", tmp_path / "map.html"), "column 'place'", "holds a list", "one value per cell")


def test_cells_a_spreadsheet_would_run_are_made_inert_in_exports(run, tmp_path):
    path, out = tmp_path / "formulas.csv", tmp_path / "out.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["date", "place", "description", "source", '=HYPERLINK("http://evil.example")'])
        writer.writerow(["2025-04-15", "Agen", "=cmd|' /C calc'!A0", "+SUM(A1:A2)", "-12.5"])
        writer.writerow(["2025-04-16", "Toulon", "@SUM(1)", "-3", "\t=1+1"])
    for command in ("export", "geocode"):
        assert run(command, path, "-o", out).exit_code == 0
        header, first, second = list(csv.reader(out.open(encoding="utf-8")))[:3]
        cells = dict(zip(header, first)), dict(zip(header, second))
        assert '\'=HYPERLINK("http://evil.example")' in header
        assert cells[0]["description"] == "'=cmd|' /C calc'!A0" and cells[0]["source"] == "'+SUM(A1:A2)"
        assert cells[1]["description"] == "'@SUM(1)" and cells[1]['\'=HYPERLINK("http://evil.example")'] == "'\t=1+1"
        assert cells[0]['\'=HYPERLINK("http://evil.example")'] == "-12.5" and cells[1]["source"] == "-3"  # numbers stay numbers
        assert cells[0]["longitude"].startswith("0.") and not cells[0]["latitude"].startswith("'")


def test_the_colour_column_may_also_be_asked_for_in_popups(run, tmp_path):
    path = tmp_path / "armed.csv"
    path.write_text("date,place,armed\n2025-04-15,Agen,gun\n2025-04-16,Toulon,knife\n", encoding="utf-8")
    result = run("build", path, "-o", tmp_path / "map.html", "--color-by", "armed", "--popup-columns", "armed")
    assert result.exit_code == 0, result.output
