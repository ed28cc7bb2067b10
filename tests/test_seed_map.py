"""The seed map end to end: the April 2025 attacks on French prisons, placed where they happened."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pytest
from geopy.distance import great_circle

import mapgen
from mapgen.draw import contract
from mapgen.draw.basemap import unpack
from tests.helpers import ROOT, SEED_INCIDENTS, SEED_PLACES

# Where each seed incident must land (sources in data/places.csv and seeds/FACTS.md), and how far
# off it may be: a facility found to 30 m, a town centre, a department's prefecture.
EXPECTED = {
    "agen-enap-2025-04-13": ((44.20199, 0.62055), "town", 1.0),
    "nanterre-2025-04-14": ((48.9061, 2.2064), "exact", 0.1),
    "toulon-2025-04-15": ((43.16866, 6.04323), "town", 1.0),  # La Farlède, not Toulon's centre
    "tarascon-2025-04-16": ((43.80583, 4.66028), "town", 1.0),  # Bouches-du-Rhône, not Tarascon-sur-Ariège
    "villenoy-2025-04-15": ((48.94112, 2.8602), "town", 1.0),
    "aix-luynes-union-home-2025-04-15": ((43.29695, 5.38107), "region", 2.0),  # Marseille, the prefecture
}


@pytest.fixture(scope="module")
def located():
    return mapgen.locate(mapgen.load_incidents(SEED_INCIDENTS), places=SEED_PLACES)


def test_every_seed_incident_lands_on_the_right_place(located):
    assert set(located["id"]) == set(EXPECTED)
    for row in located.itertuples():
        position, precision, tolerance_km = EXPECTED[row.id]
        distance = great_circle((row.latitude, row.longitude), position).km
        assert distance <= tolerance_km, f"{row.id} is {distance:.1f} km from where it happened"
        assert row.location_precision == precision, row.id


def test_seed_table_has_the_schema_and_real_dates():
    with SEED_INCIDENTS.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 6
    for column in ("id", "date", "date_precision", "time", "category", "place", "region", "country", "latitude",
                   "longitude", "description", "source", "source_url"):
        assert column in rows[0], column
    assert {row["date"] for row in rows} <= {"2025-04-13", "2025-04-14", "2025-04-15", "2025-04-16"}
    tarascon = next(row for row in rows if row["id"].startswith("tarascon"))
    assert (tarascon["date"], tarascon["time"], tarascon["category"]) == ("2025-04-16", "05:20", "arson")


def test_aix_luynes_prison_is_in_aix_not_in_indre_et_loire(gazetteer):
    best = gazetteer.geocode("Aix-Luynes prison")
    assert best.raw["name"] == "Aix-en-Provence"
    assert great_circle(best.point, (47.38441, 0.5547)).km > 500  # Luynes, Indre-et-Loire


def test_build_writes_the_map_and_a_balanced_summary(run, tmp_path):
    output = tmp_path / "map.html"
    result = run("build", SEED_INCIDENTS, "-o", output, "--title", "Prisons <b>attacked</b>")
    assert result.exit_code == 0, result.output
    assert "6 read = 6 placed + 0 not placed + 0 rejected" in result.stdout
    assert "exact 1, town 4, region 1" in result.stdout
    html = output.read_text(encoding="utf-8")
    assert "Prisons &lt;b&gt;attacked&lt;/b&gt;" in html and "<b>attacked</b>" not in html


def test_page_embeds_placed_incidents_as_geojson(seed_map):
    html = seed_map.read_text(encoding="utf-8")
    match = re.search(r'<script type="application/geo\+json" id="mapgen-incidents">(.*?)</script>', html, re.S)
    collection = json.loads(match[1])
    assert collection["type"] == "FeatureCollection"
    nanterre = next(f for f in collection["features"] if f["properties"]["id"] == "nanterre-2025-04-14")
    assert nanterre["geometry"] == {"type": "Point", "coordinates": [2.2064, 48.9061]}  # [longitude, latitude]
    assert nanterre["properties"]["source"] == "Press reports of 15 April 2025"
    assert nanterre["properties"]["location_precision"] == "exact"


def test_page_links_nothing_but_tiles(seed_map):
    html = seed_map.read_text(encoding="utf-8")
    external = set(re.findall(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="(https?://[^"]+)"', html))
    assert external == set(), external
    assert "L.markerClusterGroup" in html  # Leaflet.markercluster is inside the page


def test_the_seed_page_stays_small_with_a_detailed_base_map(seed_map):
    html = seed_map.read_text(encoding="utf-8")
    assert len(html.encode("utf-8")) < 600_000
    basemap = html.split(f'id="{contract.BASEMAP_ID}">', 1)[1].split("</script>", 1)[0]
    features = unpack(json.loads(basemap))["features"]
    names = {feature["properties"]["name"] for feature in features if feature["properties"]["kind"] == "country"}
    assert {"France", "Spain", "Italy", "Switzerland"} <= names and "Australia" not in names  # only what the view needs
    departments = {feature["properties"]["code"] for feature in features if feature["properties"]["kind"] == "department"}
    assert {"FR-13", "FR-47", "FR-92", "FR-83", "FR-2A"} <= departments  # French data: the departments' borders too


def test_cdn_option_links_leaflet_instead(run, tmp_path):
    output = tmp_path / "map.html"
    assert run("build", "-o", output, "--cdn").exit_code == 0
    html = output.read_text(encoding="utf-8")
    assert 'src="https://unpkg.com/leaflet@1.9.3/dist/leaflet.js"' in html
    assert 'src="https://unpkg.com/leaflet.heat@0.2.0/dist/leaflet-heat.js"' in html and "simpleheat" not in html
    assert len(html) < 330_000  # most of it the offline base map (France and its neighbours at 1:10m, clipped); 80 KB mapgen.js


def test_geocode_keeps_every_row_and_column(run, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "id,date,category,place,country,desk\n"
        "a,2025-04-16,arson,Tarascon prison,FR,south\n"
        "b,2025-04-15,shooting,Nowhere-sur-Rien,FR,south\n",
        encoding="utf-8",
    )
    output = tmp_path / "out.csv"
    result = run("geocode", source, "-o", output)
    assert result.exit_code == 0, result.output
    with output.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["id"] for row in rows] == ["a", "b"]
    assert rows[0]["desk"] == "south"
    for column in ("latitude", "longitude", "location_precision", "geocoder", "matched_name"):
        assert column in rows[0]
    assert rows[0]["geocoder"] == "places" and rows[0]["matched_name"] == "Tarascon detention centre"
    assert rows[1]["latitude"] == "" and rows[1]["geocoder"] == ""
    assert "not placed: id b" in result.stdout


def test_validate_checks_without_drawing(run, tmp_path):
    result = run("validate", SEED_INCIDENTS)
    assert result.exit_code == 0 and "6 incident(s), all valid" in result.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("date,category,place\n2025-13-45,arson,Agen\n", encoding="utf-8")
    result = run("validate", bad)
    assert result.exit_code == 2
    assert f"{bad}, row 2, column 'date'" in result.stderr and "YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["build", "validate", "geocode", "lookup", "export", "snapshot", "extract"])
def test_every_command_explains_itself_with_an_example(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example: mapgen " + command in result.stdout


def test_python_dash_m_runs_the_command():
    done = subprocess.run([sys.executable, "-m", "mapgen", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "build" in done.stdout
    version = subprocess.run([sys.executable, "-m", "mapgen", "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"mapgen {mapgen.__version__}"


def test_a_bad_option_is_a_user_error(run):
    result = run("build", "--tiles", "NoSuchProvider.Tiles")
    assert result.exit_code == 2
    assert "--tiles 'NoSuchProvider.Tiles'" in result.stderr and "Traceback" not in result.output


def test_every_command_is_in_the_readme():
    from mapgen.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [command.name or command.callback.__name__ for command in app.registered_commands]
    assert len(names) == 7
    for name in names:
        assert f"mapgen {name} " in readme, name


def test_open_hands_the_written_map_to_the_browser(run, tmp_path, monkeypatch):
    opened = tmp_path / "opened.txt"
    recorder = f"{sys.executable} -c \"import sys, pathlib; pathlib.Path(sys.argv[2]).write_text(sys.argv[1])\" %s {opened}"
    monkeypatch.setenv("BROWSER", recorder)
    import webbrowser

    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read $BROWSER afresh
    result = run("build", "-o", tmp_path / "map.html", "--open")
    assert result.exit_code == 0, result.output
    # A $BROWSER command runs as webbrowser's GenericBrowser, which waits for it to finish.
    assert opened.read_text() == (tmp_path / "map.html").resolve().as_uri()
