"""What a reader does with the page, in real Chromium offline: the page in their language, a link to
what they see, search, the data shown as files, areas by count, symbols by size, filters by any
column, and all of it with a keyboard and a screen reader."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest

import mapgen
from mapgen.draw import contract
from tests.draw.test_browser import marker_count, open_row, visible_rows, zoom_out
from tests.helpers import ROOT

pytestmark = pytest.mark.browser

PUBLISHED = ROOT / "tests" / "data" / "published"
SEED_IDS = ["agen-enap-2025-04-13", "nanterre-2025-04-14", "villenoy-2025-04-15", "aix-luynes-union-home-2025-04-15",
            "toulon-2025-04-15", "tarascon-2025-04-16"]


def build(located, path, **options):
    path.write_text(mapgen.map_html(mapgen.render_map(located, **options)), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def french_map(tmp_path_factory, seed_located):
    """The seed map as `make map` builds it: in French, the incidents being in France."""
    return build(seed_located, tmp_path_factory.mktemp("fr") / "carte.html", title="Attaques contre des prisons, avril 2025")


def set_first_day(page, day: str) -> None:
    page.eval_on_selector("#mapgen-time-from", "(input, day) => { input.value = day; input.dispatchEvent(new Event('input')); }", day)


# -- 1. the reader's language ----------------------------------------------------------------------

def test_french_data_gives_a_page_in_french_with_french_dates(french_map, open_map):
    opened = open_map(french_map)
    page = opened.page
    assert page.get_attribute("html", "lang") == "fr"
    assert page.inner_text("#mapgen-legend h2") == "Légende"
    assert "cercle en pointillés\u00a0: position approximative" in page.inner_text("#mapgen-legend")  # French spacing
    assert page.inner_text("#mapgen-time-label") == "13–16 avril 2025"
    assert page.inner_text("#mapgen-count") == "6 incidents affichés sur 6"
    assert page.inner_text("#mapgen-play") == "▶ Lecture"
    assert page.get_attribute(".leaflet-control-zoom-in", "aria-label") == "Zoom avant"
    assert page.get_attribute("#mapgen-search", "placeholder") == "Rechercher…"
    set_first_day(page, page.get_attribute("#mapgen-time-to", "max"))
    assert page.inner_text("#mapgen-time-label") == "16 avril 2025"
    assert page.inner_text("#mapgen-count") == "3 incidents affichés sur 6"
    popup = open_row(page, "tarascon-2025-04-16")
    assert "Quand\n16 avril 2025, 05:20" in popup
    assert "approximative\u00a0: centre de la commune" in popup and "d’après la table des lieux vérifiés" in popup
    assert "Identifiant" in popup
    assert page.get_attribute(".leaflet-popup-close-button", "aria-label") == "Fermer la fiche"
    shown = page.inner_text("body")
    for english in ("Legend", "Show more", "shown", "When", "First day", "Copy link"):
        assert english not in shown, english
    assert opened.errors == []


def test_a_first_of_the_month_is_written_1er_in_french(run, open_map, tmp_path):
    table = tmp_path / "mai.csv"
    table.write_text("id,date,category,place,country\nm1,2025-05-01,protest,Lyon,FR\nm2,2025-05-03,protest,Lyon,FR\n", encoding="utf-8")
    assert run("build", table, "-o", tmp_path / "mai.html").exit_code == 0
    page = open_map(tmp_path / "mai.html").page
    assert page.inner_text("#mapgen-time-label") == "1er–3 mai 2025"
    assert "Quand\n1er mai 2025" in open_row(page, "m1")


# -- 2. a link to what the reader looks at ---------------------------------------------------------

def test_a_link_opens_the_same_view_filters_and_incident(seed_map, open_map, browser):
    page = open_map(seed_map).page
    page.uncheck("input[data-category=shooting]")
    page.fill("#mapgen-search", "car")
    set_first_day(page, str(int(page.get_attribute("#mapgen-time-from", "min")) + 1))  # from 14 April
    open_row(page, "tarascon-2025-04-16")
    page.wait_for_function("location.hash.includes('incident=')")
    link = page.evaluate("location.href")
    assert "off=shooting" in link and "q=car" in link and "since=2025-04-14" in link and "incident=tarascon-2025-04-16" in link
    rows = visible_rows(page)
    view = page.evaluate("() => location.hash.match(/view=([^&]+)/)[1]")

    other = browser.new_page(viewport={"width": 1280, "height": 800})
    other.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    other.goto(link)
    other.wait_for_selector(contract.DRAWN_SELECTOR)
    other.wait_for_function("document.querySelector('.leaflet-popup-content') !== null")
    assert visible_rows(other) == rows == ["nanterre-2025-04-14", "aix-luynes-union-home-2025-04-15", "tarascon-2025-04-16"]
    assert not other.is_checked("input[data-category=shooting]") and other.is_checked("input[data-category=arson]")
    assert other.input_value("#mapgen-search") == "car"
    assert other.inner_text("#mapgen-time-label") == "14–16 April 2025"
    assert other.input_value("#mapgen-time-from") == str(int(other.get_attribute("#mapgen-time-from", "min")) + 1)
    assert "Tarascon prison" in other.inner_text(".leaflet-popup-content")
    assert marker_count(other, "shooting") == 0
    assert other.evaluate("() => location.hash.match(/view=([^&]+)/)[1]") == view
    other.close()


def test_a_link_pasted_into_an_open_page_is_opened(seed_map, open_map):
    page = open_map(seed_map).page
    page.wait_for_function("location.hash.startsWith('#view=')")
    page.evaluate("location.hash = '#q=tarascon'")
    page.wait_for_function("document.querySelectorAll('#mapgen-list .mapgen-row').length === 1", timeout=20000)
    assert visible_rows(page) == ["tarascon-2025-04-16"] and page.input_value("#mapgen-search") == "tarascon"


def test_closing_the_popup_and_clearing_the_search_leave_the_link(seed_map, open_map):
    page = open_map(seed_map).page
    open_row(page, "agen-enap-2025-04-13")
    page.wait_for_function("location.hash.includes('incident=agen')")
    page.click(".leaflet-popup-close-button")
    page.fill("#mapgen-search", "toulon")
    page.fill("#mapgen-search", "")
    page.wait_for_function("!location.hash.includes('incident=') && !location.hash.includes('q=')")
    assert page.evaluate("location.hash").startswith("#view=")


def test_copy_link_puts_the_link_on_the_clipboard(seed_map, open_map):
    page = open_map(seed_map).page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.uncheck("input[data-category=arson]")
    page.click("#mapgen-copy-link")
    page.wait_for_function("document.getElementById('mapgen-link-status').textContent !== ''")
    status = page.inner_text("#mapgen-link-status")
    copied = page.evaluate("navigator.clipboard.readText()") if status == "Link copied" else page.input_value(".mapgen-link-field")
    assert copied == page.evaluate("location.href") and "off=arson" in copied
    assert page.get_attribute("#mapgen-copy-link", "aria-label") == "Copy a link to this view"


# -- 3. search ---------------------------------------------------------------------------------------

def test_search_filters_the_map_and_the_list_by_place_description_and_source(seed_map, open_map):
    opened = open_map(seed_map)
    page = opened.page
    page.fill("#mapgen-search", "farlede")  # no accent: "La Farlède" in the place's name
    assert visible_rows(page) == ["toulon-2025-04-15"]
    assert marker_count(page, "arson") == 0 and marker_count(page, "shooting") == 1
    assert page.inner_text("#mapgen-count") == "1 of 6 incidents shown"
    assert page.eval_on_selector_all(".mapgen-legend-count", "nodes => nodes.map(n => n.textContent)") == ["0", "1"]
    page.fill("#mapgen-search", "AFP")  # a source
    assert visible_rows(page) == ["tarascon-2025-04-16"]
    page.fill("#mapgen-search", "union home")  # every word, each in the description or place
    assert visible_rows(page) == ["aix-luynes-union-home-2025-04-15"]
    page.fill("#mapgen-search", "Nowhere-sur-Mer")
    assert visible_rows(page) == [] and page.inner_text("#mapgen-count") == "0 of 6 incidents shown"
    page.fill("#mapgen-search", "")
    assert visible_rows(page) == SEED_IDS
    assert marker_count(page, "arson") == 5
    assert opened.errors == []


# -- 4. the data shown, as files ----------------------------------------------------------------------

def download(page, button: str) -> str:
    with page.expect_download() as info:
        page.click(button)
    return open(info.value.path(), encoding="utf-8-sig").read()


def test_download_saves_the_incidents_shown_as_csv_and_geojson(seed_map, open_map, seed_located):
    opened = open_map(seed_map)
    page = opened.page
    page.uncheck("input[data-category=shooting]")
    page.fill("#mapgen-search", "car park")
    shown = visible_rows(page)
    with page.expect_download() as info:
        page.click("#mapgen-download-csv")
    assert info.value.suggested_filename == "map.csv"
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8-sig").read())))
    assert [row["id"] for row in rows] == ["agen-enap-2025-04-13", "tarascon-2025-04-16"] == sorted(shown)
    tarascon = seed_located.set_index("id").loc["tarascon-2025-04-16"]
    assert math.isclose(float(rows[1]["latitude"]), tarascon["latitude"], abs_tol=1e-5)
    assert rows[1]["place"] == "Tarascon prison" and rows[1]["location_precision"] == "town" and rows[1]["time"] == "05:20"
    collection = json.loads(download(page, "#mapgen-download-geojson"))
    assert collection["type"] == "FeatureCollection"
    assert [f["properties"]["id"] for f in collection["features"]] == ["agen-enap-2025-04-13", "tarascon-2025-04-16"]
    longitude, latitude = collection["features"][1]["geometry"]["coordinates"]
    assert math.isclose(longitude, tarascon["longitude"], abs_tol=1e-5) and math.isclose(latitude, tarascon["latitude"], abs_tol=1e-5)
    assert opened.blocked == [] or all("tile" in url for url in opened.blocked)  # made in the page, nothing fetched


def test_a_downloaded_csv_cannot_carry_a_formula_into_a_spreadsheet(run, open_map, tmp_path):
    table = tmp_path / "formula.csv"
    table.write_text('id,date,category,place,country,description\nf1,2025-04-15,arson,Agen,FR,"=HYPERLINK(""http://x.example"",""y"")"\n'
                     "f2,2025-04-15,arson,Agen,FR,-3\n", encoding="utf-8")
    assert run("build", table, "-o", tmp_path / "formula.html", "--lang", "en").exit_code == 0
    page = open_map(tmp_path / "formula.html").page
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(download(page, "#mapgen-download-csv")))}
    assert rows["f1"]["description"] == "'=HYPERLINK(\"http://x.example\",\"y\")"
    assert rows["f2"]["description"] == "-3"  # a number stays a number


# -- 5. areas by their number of incidents ------------------------------------------------------------

def area_fills(page) -> dict[str, str]:
    return page.evaluate(f"""() => {{ const out = {{}}; window.{contract.STATE_HOOK}.areas.shapes.forEach((shape, i) => {{
        out[window.{contract.STATE_HOOK}.areas.names[i]] = shape.options.fillOpacity ? shape.options.fillColor : 'none'; }});
        return out; }}""")


def test_by_region_colours_departments_and_never_draws_a_department_as_a_point(seed_located, open_map, tmp_path):
    path = build(seed_located, tmp_path / "areas.html", by_region=True, lang="en")
    opened = open_map(path, expose=True)
    page = opened.page
    assert page.inner_text("#mapgen-areas h2") == "Incidents per department"
    assert area_fills(page) == {"Bouches-du-Rhône": "#bd0026", "Lot-et-Garonne": "#ffffb2", "Seine-et-Marne": "#ffffb2",
                                "Var": "#ffffb2", "Hauts-de-Seine": "#ffffb2"}
    assert page.eval_on_selector_all(".mapgen-area-class", "items => items.map(i => i.textContent)") == ["1", "2"]
    page.click(".mapgen-area-more summary")  # the same numbers as a list, for a reader who cannot point at the map
    assert page.eval_on_selector_all(".mapgen-area-list li", "items => items.map(i => i.textContent)") == [
        "Bouches-du-Rhône: 2 incidents", "Hauts-de-Seine: 1 incident", "Lot-et-Garonne: 1 incident", "Seine-et-Marne: 1 incident",
        "Var: 1 incident"]
    # The union home is known only to its department: counted there, not a point at Marseille; still in the list.
    assert marker_count(page, "arson") == 4
    assert "Aix-Luynes" in open_row(page, "aix-luynes-union-home-2025-04-15")  # in the list, its popup opens without a point
    page.fill("#mapgen-search", "tarascon")
    assert area_fills(page)["Bouches-du-Rhône"] == "#ffffb2" and area_fills(page)["Var"] == "none"
    page.fill("#mapgen-search", "")
    page.click(".leaflet-popup-close-button")  # an open popup has the panels it overlaps step aside
    page.uncheck("#mapgen-areas-toggle")
    assert marker_count(page, "arson") == 5  # the layer off: the department's seat shows its ringed marker again
    assert page.evaluate("location.hash").find("areas=0") > 0
    assert opened.errors == []


def test_a_region_wider_than_a_department_is_said_not_counted(run, open_map, tmp_path):
    table = tmp_path / "wider.csv"
    table.write_text("id,date,category,place,country\nw1,2025-04-15,protest,Île-de-France,FR\nw2,2025-04-15,protest,Lyon,FR\n"
                     "w3,2025-04-16,protest,Lyon,FR\n", encoding="utf-8")
    assert run("build", table, "-o", tmp_path / "wider.html", "--by-region", "--lang", "en").exit_code == 0
    page = open_map(tmp_path / "wider.html", expose=True).page
    assert area_fills(page) == {"Rhône": "#fd8d3c"}  # one class: the middle of the scale
    assert page.inner_text(".mapgen-area-notes") == "1 incident known only to a wider area: listed, not counted"
    assert page.eval_on_selector_all(".mapgen-area-list li", "items => items.map(i => i.textContent)") == ["Rhône: 2 incidents"]
    assert marker_count(page, "protest") == 2 and len(visible_rows(page)) == 3


def test_by_region_colours_american_states(run, open_map, tmp_path):
    output = tmp_path / "states.html"
    assert run("build", PUBLISHED / "wapo_police_shootings.csv", "-o", output, "--by-region").exit_code == 0
    page = open_map(output).page
    assert page.inner_text("#mapgen-areas h2") == "Incidents per state"
    page.click(".mapgen-area-more summary")
    assert page.eval_on_selector_all(".mapgen-area-list li", "items => items.map(i => i.textContent)") == [
        "Georgia: 1 incident", "Michigan: 1 incident", "Pennsylvania: 1 incident", "Utah: 1 incident", "Washington: 1 incident"]


# -- 6. symbols sized by a number -----------------------------------------------------------------------

def test_size_by_makes_areas_proportional_to_the_numbers(run, open_map, tmp_path):
    output = tmp_path / "sizes.html"
    result = run("build", PUBLISHED / "mother_jones_mass_shootings.csv", "-o", output, "--size-by", "fatalities")
    assert result.exit_code == 0, result.output
    opened = open_map(output, width=1400, height=900)
    page = opened.page
    widths = {}
    for incident in ("2", "3", "4"):  # Winder (4 killed), Perry (2), Lewiston (18)
        open_row(page, incident)
        widths[incident] = page.evaluate("""id => { const m = [...document.querySelectorAll('.mapgen-marker')]
            .find(m => m.getAttribute('aria-label') && m.getAttribute('aria-label').includes(id)); return m ? m.offsetWidth : null; }""",
                                         {"2": "Winder", "3": "Perry", "4": "Lewiston"}[incident])
    assert widths["4"] == 44
    assert "fatalities\n18" in page.inner_text(".leaflet-popup-content")  # the number is in the popup too
    assert abs((widths["2"] / widths["4"]) ** 2 - 4 / 18) < 0.03 and abs((widths["3"] / widths["4"]) ** 2 - 2 / 18) < 0.03
    page.click(".leaflet-popup-close-button")  # an open popup has the panels it overlaps step aside
    assert page.inner_text("#mapgen-sizes h2") == "fatalities"
    legend = page.eval_on_selector_all("#mapgen-sizes li", "items => items.map(i => [i.textContent, +i.dataset.size])")
    assert legend[0] == ["18", 44] and [value for value, _ in legend[1:-1]] == ["2", "1"] and legend[-1][0] == "no value"
    assert [size for _, size in legend[1:-1]] == [round(44 * math.sqrt(2 / 18)), round(44 * math.sqrt(1 / 18))]
    assert opened.errors == []


def test_size_by_a_column_of_words_is_refused_naming_the_row(run, tmp_path):
    result = run("build", PUBLISHED / "mother_jones_mass_shootings.csv", "-o", tmp_path / "x.html", "--size-by", "weapon_type")
    assert result.exit_code == 2
    assert "--size-by 'weapon_type'" in result.stderr and "'semiautomatic rifle'" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


# -- 7. filters by another column -----------------------------------------------------------------------

def test_filter_by_another_column_hides_and_shows_its_incidents(run, open_map, tmp_path):
    output = tmp_path / "actors.html"
    result = run("build", PUBLISHED / "acled.csv", "-o", output, "--filter-by", "actor1", "--lang", "en")
    assert result.exit_code == 0, result.output
    page = open_map(output).page
    assert page.inner_text("#mapgen-values-0 h2") == "actor1"
    values = page.eval_on_selector_all("#mapgen-values-0 input", "boxes => boxes.map(b => b.dataset.value)")
    assert values == ["Rioters (France)", "Unidentified Armed Group (France)"]
    assert page.eval_on_selector_all("#mapgen-values-0 .mapgen-legend-count", "ns => ns.map(n => n.textContent)") == ["2", "1"]
    page.uncheck("#mapgen-values-0 input[data-value='Rioters (France)']")
    assert visible_rows(page) == ["FRA15003"]
    assert page.inner_text("#mapgen-count") == "1 of 3 incidents shown"
    assert "actor1\nUnidentified Armed Group (France)" in open_row(page, "FRA15003")
    assert "except0=Rioters" in page.evaluate("decodeURIComponent(location.hash.replace(/\\+/g, ' '))")
    page.check("#mapgen-values-0 input[data-value='Rioters (France)']")
    assert sorted(visible_rows(page)) == ["FRA15001", "FRA15002", "FRA15003"]


def test_filter_by_a_missing_column_names_the_columns_there_are(run, tmp_path):
    result = run("build", PUBLISHED / "acled.csv", "-o", tmp_path / "x.html", "--filter-by", "actor9")
    assert result.exit_code == 2 and "--filter-by: no column 'actor9'" in result.stderr and "actor1" in result.stderr


def test_a_page_without_tiles_still_clusters_and_draws(run, open_map, tmp_path):
    assert run("build", "-o", tmp_path / "none.html", "--tiles", "none").exit_code == 0
    opened = open_map(tmp_path / "none.html")
    opened.page.wait_for_selector(contract.DRAWN_SELECTOR)  # markercluster refused a map with no deepest zoom
    assert marker_count(opened.page, "arson") == 5 and opened.errors == []


# -- 8. keyboard and screen readers ----------------------------------------------------------------------

def test_every_marker_is_reached_by_the_keyboard_and_opens_with_enter(seed_map, open_map):
    opened = open_map(seed_map)
    page = opened.page
    zoom_out(page, 2)
    names = page.eval_on_selector_all(".mapgen-marker, .mapgen-cluster",
                                      "ms => ms.map(m => [m.tabIndex, m.getAttribute('role'), m.getAttribute('aria-label')])")
    assert all(tab == 0 and role == "button" for tab, role, _ in names)
    labels = [name for _, _, name in names]
    # The clusters say what they hold: Nanterre and Villenoy, and Toulon's shooting beside arsons.
    assert "2 incidents (Arson): zoom in" in labels and any("Arson, 1 Shooting): zoom in" in label for label in labels)
    # Tab from the page's start reaches the mixed cluster; Enter opens it up as a click does.
    page.focus("body")
    for _ in range(60):
        page.keyboard.press("Tab")
        if "Shooting" in page.evaluate("document.activeElement.getAttribute('aria-label') || ''"):
            break
    else:
        raise AssertionError("the cluster holding Toulon was never reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".mapgen-marker.mapgen-cat-shooting")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label') || ''").startswith("Shooting"):
            break
    else:
        raise AssertionError("the Toulon marker was never reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup-content")
    assert "Toulon-La Farlède prison" in page.inner_text(".leaflet-popup-content")
    assert page.evaluate("document.activeElement.classList.contains('mapgen-popup')")  # the popup is read out
    page.keyboard.press("Escape")
    page.wait_for_function("document.querySelector('.leaflet-popup-content') === null")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Shooting")
    assert opened.errors == []


def test_controls_have_names_and_the_count_is_read_out(seed_map, open_map):
    page = open_map(seed_map).page
    unnamed = page.evaluate("""() => [...document.querySelectorAll('button, input, select, a[role=button]')].filter(node => {
        if (node.hidden || node.closest('[hidden]')) return false;
        const label = node.labels && node.labels.length ? node.labels[0].textContent : '';
        return !(node.getAttribute('aria-label') || node.getAttribute('title') || node.textContent.trim() || label.trim());
    }).map(node => node.outerHTML.slice(0, 80))""")
    assert unnamed == []
    assert page.get_attribute("#mapgen-count", "aria-live") == "polite" and page.get_attribute("#mapgen-count", "role") == "status"
    assert page.inner_text("#mapgen-count") == "6 of 6 incidents shown"
    assert page.get_attribute("#mapgen-time-to", "aria-valuetext") == "16 April 2025"
    assert page.get_attribute("#mapgen-search", "aria-label") == "Search places, descriptions and sources"
    assert page.get_attribute(".leaflet-container", "aria-label").startswith("Map of the incidents")
    page.click("#mapgen-sort")
    assert page.get_attribute("#mapgen-sort", "aria-label") == "Sort by date (now latest first)"
