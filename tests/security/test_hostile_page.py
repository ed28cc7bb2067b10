"""Text from a table or an option never runs in the page, and names from the data never break it."""

from __future__ import annotations

import csv

import pytest

from mapgen.draw import contract

pytestmark = pytest.mark.browser

PROTOTYPE_NAMES = ["__proto__", "constructor", "toString", "hasOwnProperty"]
TOWNS = [("Agen", 44.2033, 0.6163), ("Toulon", 43.1242, 5.928), ("Nanterre", 48.8924, 2.2071), ("Tarascon", 43.8058, 4.6603)]


def _table(path, name_as: str):
    """Four incidents whose category, place or column names are an object's built-in names."""
    columns = ["id", "date", "category", "place", "latitude", "longitude", *PROTOTYPE_NAMES]
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        for number, (name, (town, lat, lon)) in enumerate(zip(PROTOTYPE_NAMES, TOWNS), start=1):
            category = name if name_as == "category" else "arson"
            place = name if name_as == "place" else town
            writer.writerow([f"p{number}", f"2025-04-1{number}", category, place, lat, lon, *(f"{c} value {number}" for c in PROTOTYPE_NAMES)])
    return path


@pytest.mark.parametrize("name_as", ["category", "place"])
def test_built_in_names_as_categories_places_and_columns(run, open_map, tmp_path, name_as):
    table = _table(tmp_path / "names.csv", name_as)
    page_path = tmp_path / "names.html"
    result = run("build", table, "-o", page_path, "--popup-columns", ",".join(PROTOTYPE_NAMES))
    assert result.exit_code == 0, result.output
    opened = open_map(page_path)
    page = opened.page
    page.wait_for_selector(contract.DRAWN_SELECTOR)
    assert opened.errors == []
    assert page.eval_on_selector_all("#mapgen-list .mapgen-row", "rows => rows.length") == 4
    assert page.evaluate("document.querySelectorAll('.mapgen-marker').length") == 4
    if name_as == "category":
        legend = page.inner_text("#mapgen-legend")
        assert all(name.lower() in legend.lower() for name in PROTOTYPE_NAMES), legend
    page.click("#mapgen-list .mapgen-row[data-id='p2']")
    page.wait_for_selector(".leaflet-popup-content")
    popup = page.inner_text(".leaflet-popup-content")
    assert "constructor value 2" in popup and "__proto__ value 2" in popup


PAYLOAD = '<img src=q onerror="window.__pwned=1"><script>window.__pwned=2</script>{{7*7}}'


def _payload_table(path):
    """The seed's places with a column whose name and values are the payload too."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "date", "category", "place", "latitude", "longitude", PAYLOAD])
        for number, (town, lat, lon) in enumerate(TOWNS, start=1):
            writer.writerow([f"x{number}", f"2025-04-1{number}", "arson", town, lat, lon, PAYLOAD])
    return path


@pytest.mark.parametrize("options", [
    ["--title", PAYLOAD], ["--subtitle", PAYLOAD], ["--as-of", PAYLOAD], ["--popup-columns", PAYLOAD], ["--color-by", PAYLOAD],
    ["--tiles", "CartoDB.Positron", "--tiles-key", PAYLOAD], ["--tiles", "https://tiles.example.org/{z}/{x}/{y}.png?label=<b>"],
], ids=["title", "subtitle", "as-of", "popup-columns", "color-by", "tiles-key", "tiles-template"])
def test_no_option_runs_script_in_the_page(run, open_map, tmp_path, options):
    page_path = tmp_path / "map.html"
    result = run("build", _payload_table(tmp_path / "t.csv"), "-o", page_path, *options)
    if options[0] == "--tiles" and "example.org" in options[1]:
        assert result.exit_code == 2 and "URL template" in result.stderr and not page_path.exists()
        return
    assert result.exit_code == 0, result.output
    opened = open_map(page_path)
    page = opened.page
    page.wait_for_selector(contract.DRAWN_SELECTOR)
    page.click("#mapgen-list .mapgen-row[data-id='x1']")
    page.wait_for_selector(".leaflet-popup-content")
    assert page.evaluate("window.__pwned") is None
    assert opened.errors == []
    if options[0] == "--title":
        assert page.inner_text("#mapgen-title h1") == PAYLOAD  # shown as text, not read as markup
    if options[0] == "--popup-columns":
        assert PAYLOAD in page.inner_text(".leaflet-popup-content")


def test_a_tile_template_whose_host_holds_markup_is_refused(run, tmp_path):
    result = run("build", "data/incidents.csv", "-o", tmp_path / "map.html", "--tiles", 'https://a<img src=q onerror="alert(1)">b/{z}/{x}/{y}.png')
    assert result.exit_code == 2 and "URL template" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "map.html").exists()
