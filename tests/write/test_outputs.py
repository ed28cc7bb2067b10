"""Outputs for reports: exports, other inputs, the embed snippet, and snapshots in real Chromium."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pandas as pd
import pytest

import mapgen
from mapgen.draw import contract
from tests.helpers import ROOT, SEED_INCIDENTS, SEED_PLACES

UNPLACED_ROW = "extra-1,2025-04-17,,day,,threat,Nowhere-sur-Rien,,FR,,,Threats painted on a wall.,,A local paper,\n"


def run_apart(*args):
    """Run mapgen in its own process: the browser tests hold Playwright's loop in this one."""
    done = subprocess.run([sys.executable, "-m", "mapgen", *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    return done.returncode, done.stdout + done.stderr


@pytest.fixture
def table_with_unplaced(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_text(SEED_INCIDENTS.read_text(encoding="utf-8") + UNPLACED_ROW, encoding="utf-8")
    return path


def test_export_geojson_keeps_every_incident_with_provenance(run, tmp_path, table_with_unplaced):
    output = tmp_path / "out.geojson"
    result = run("export", table_with_unplaced, "-o", output)
    assert result.exit_code == 0, result.output
    collection = json.loads(output.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 7
    by_id = {f["properties"]["id"]: f for f in collection["features"]}
    nanterre = by_id["nanterre-2025-04-14"]
    assert nanterre["geometry"]["coordinates"] == [2.2064, 48.9061]
    assert (nanterre["properties"]["geocoder"], nanterre["properties"]["matched_name"], nanterre["properties"]["location_precision"]) == (
        "places", "Nanterre prison", "exact")
    assert by_id["extra-1"]["geometry"] is None
    assert by_id["extra-1"]["properties"]["description"] == "Threats painted on a wall."


def test_export_csv_keeps_unplaced_rows_with_blank_coordinates(run, tmp_path, table_with_unplaced):
    output = tmp_path / "out.csv"
    assert run("export", table_with_unplaced, "-o", output).exit_code == 0
    with output.open(encoding="utf-8") as stream:
        rows = {row["id"]: row for row in csv.DictReader(stream)}
    assert len(rows) == 7
    assert rows["extra-1"]["latitude"] == "" and rows["extra-1"]["geocoder"] == ""
    assert rows["tarascon-2025-04-16"]["location_precision"] == "town"


def test_export_refuses_an_unknown_suffix(run, tmp_path):
    result = run("export", "-o", tmp_path / "out.kml")
    assert result.exit_code == 2 and ".geojson or .csv" in result.stderr


def test_geojson_round_trip_places_the_same_incidents(run, tmp_path):
    exported = tmp_path / "seed.geojson"
    assert run("export", SEED_INCIDENTS, "-o", exported).exit_code == 0
    first = mapgen.locate(mapgen.load_incidents(SEED_INCIDENTS), places=SEED_PLACES)
    again = mapgen.locate(mapgen.load_incidents(exported))
    columns = ["id", "latitude", "longitude", "category", "date"]
    pd.testing.assert_frame_equal(
        first[columns].sort_values("id").reset_index(drop=True), again[columns].sort_values("id").reset_index(drop=True), atol=1e-5)
    assert run("build", exported, "-o", tmp_path / "map.html").exit_code == 0


def test_excel_input_with_a_sheet_by_name(run, tmp_path):
    workbook = tmp_path / "incidents.xlsx"
    seed = pd.read_csv(SEED_INCIDENTS, dtype=str, keep_default_na=False)
    with pd.ExcelWriter(workbook) as writer:
        pd.DataFrame({"notes": ["not incidents"]}).to_excel(writer, sheet_name="Readme", index=False)
        seed.to_excel(writer, sheet_name="Incidents", index=False)
    result = run("build", workbook, "--sheet", "Incidents", "-o", tmp_path / "map.html")
    assert result.exit_code == 0, result.output
    assert "6 read = 6 placed" in result.stdout
    wrong = run("validate", workbook, "--sheet", "Nope")
    assert wrong.exit_code == 2 and "--sheet" in wrong.stderr


def test_json_records_input(tmp_path):
    records = pd.read_csv(SEED_INCIDENTS, dtype=str, keep_default_na=False).to_dict("records")
    path = tmp_path / "incidents.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    incidents = mapgen.load_incidents(path)
    assert list(incidents["id"]) == [r["id"] for r in records]
    assert incidents.loc[incidents["id"] == "toulon-2025-04-15", "time"].item() == "00:40"


def test_embed_writes_an_iframe_snippet_beside_the_map(run, tmp_path):
    result = run("build", "-o", tmp_path / "map.html", "--embed", "--title", 'Prisons "attacked"')
    assert result.exit_code == 0, result.output
    snippet = (tmp_path / "map.embed.html").read_text(encoding="utf-8")
    assert snippet.startswith('<iframe src="map.html" title="Prisons &#34;attacked&#34;"')
    assert "width: 100%" in snippet and "aspect-ratio" in snippet


@pytest.mark.browser
def test_offline_snapshot_shows_land_and_markers_where_the_incidents_are(run, tmp_path, seed_map, open_map):
    from PIL import Image

    image_path = tmp_path / "seed.png"
    code, output = run_apart("snapshot", seed_map, "-o", image_path, "--offline", "--width", "1000", "--height", "700")
    assert code == 0, output
    image = Image.open(image_path).convert("RGB")
    assert image.size == (1000, 700)
    colours = image.getcolors(maxcolors=1_000_000)
    assert len(colours) > 50  # not blank
    counts = {colour: count for count, colour in colours}
    assert counts.get((244, 243, 238), 0) > 20_000  # land from the offline base map
    assert counts.get((215, 230, 240), 0) > 20_000  # sea

    page = open_map(seed_map, width=1000, height=700, expose=True).page
    # The incidents drawn as markers of their own; the others are in clusters, drawn where their cluster is.
    points = page.evaluate(f"""() => {contract.STATE}.incidents.filter(i => i.marker._icon && document.body.contains(i.marker._icon)).map(i => {{
        const p = {contract.STATE}.map.latLngToContainerPoint(i.latlng); return [i.get('id'), i.category, p.x, p.y]; }})""")
    assert len(points) >= 2
    expected = {"arson": (213, 94, 0), "shooting": (0, 0, 0)}
    for incident_id, category, x, y in points:
        window = [image.getpixel((int(x) + dx, int(y) + dy)) for dx in range(-8, 9) for dy in range(-8, 9)]
        assert expected[category] in window, incident_id


@pytest.mark.browser
def test_pdf_snapshot_and_build_png(tmp_path, seed_map):
    output = tmp_path / "seed.pdf"
    assert run_apart("snapshot", seed_map, "-o", output, "--offline")[0] == 0
    assert output.read_bytes().startswith(b"%PDF")
    code, printed = run_apart("build", "-o", tmp_path / "map.html", "--png", tmp_path / "map.png")
    assert code == 0, printed
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")


def test_snapshot_without_a_browser_names_the_install_step(run, tmp_path, seed_map):
    result = run("snapshot", seed_map, "-o", tmp_path / "x.png", "--browser", "/nonexistent/chromium")
    assert result.exit_code == 2 and "--browser" in result.stderr
    (tmp_path / "empty-bin").mkdir()
    import os

    path = os.environ["PATH"]
    os.environ["PATH"] = str(tmp_path / "empty-bin")
    try:
        result = run("snapshot", seed_map, "-o", tmp_path / "x.png")
    finally:
        os.environ["PATH"] = path
    assert result.exit_code == 2 and "apt-get install chromium" in result.stderr
    assert not (tmp_path / "x.png").exists()


SVG = "{http://www.w3.org/2000/svg}"


def _svg_snapshot(seed_map, path, *options):
    # A process of its own: the session's browser fixture may already run Playwright's loop here.
    done = subprocess.run([sys.executable, "-m", "mapgen", "snapshot", str(seed_map), "-o", str(path), "--offline",
                           "--width", "1200", "--height", "800", *options], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    from xml.etree import ElementTree

    return ElementTree.parse(path).getroot()


@pytest.mark.browser
def test_svg_snapshot_is_vectors_drawn_from_the_data(seed_map, tmp_path):
    root = _svg_snapshot(seed_map, tmp_path / "map.svg", "--numbered")
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    assert {"land", "departments", "towns", "incidents", "title", "legend", "key"} <= set(groups)
    assert {p.get("data-name") for p in groups["land"]} >= {"France", "Spain", "Italy"}
    assert len(groups["departments"]) > 80  # France's departments in view, as lines, each border once
    texts = [t.text for t in groups["towns"].iter(f"{SVG}text")]
    assert {"ENAP car park, Agen", "Tarascon prison", "Nanterre prison"} <= set(texts)  # the places as the table writes them
    # The numbers 1..6 in date order, each pill where its incident is: Agen (1) west of Tarascon (6).
    pills = {g.get("data-label"): g.find(f"{SVG}rect") for g in groups["incidents"] if g.get("data-label")}
    numbers = sorted(int(n) for label in pills for n in label.replace("–", ",").split(","))
    assert numbers[0] == 1 and numbers[-1] >= 5
    assert float(pills["1"].get("x")) < float(pills["6"].get("x"))
    key = [t.text for t in groups["key"].iter(f"{SVG}text") if t.get("data-number")]  # a line each, wrapped as on the page
    assert len(key) == 6 and key[0].startswith("1.") and "Agen" in key[0] and "Tarascon" in key[5]
    credits = root.find(f".//{SVG}text[@id='credits']").text
    assert "Natural Earth" in credits and "OpenStreetMap" not in credits
    assert root.find(f"{SVG}title").text == "Attacks on French prisons, April 2025"


@pytest.mark.browser
def test_svg_snapshot_without_numbers_draws_each_incident_in_its_category(seed_map, tmp_path):
    root = _svg_snapshot(seed_map, tmp_path / "map.svg")
    markers = [m for m in root.find(f".//{SVG}g[@id='incidents']") if m.get("data-category")]
    assert sorted(m.get("data-category") for m in markers) == ["arson"] * 5 + ["shooting"]
    assert root.find(f".//{SVG}g[@id='key']") is None
