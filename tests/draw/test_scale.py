"""Large maps keep every feature: 10,000 incidents in Chromium, and the compact data form."""

from __future__ import annotations

import json
import re

import pytest

import mapgen
from benchmarks.synthetic import write_table
from mapgen.draw import contract
from mapgen.draw.data import unpacked
from tests.helpers import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def big_map(tmp_path_factory, cache_folder):
    folder = tmp_path_factory.mktemp("scale")
    table = write_table(folder / "incidents.csv", 10_000)
    located = mapgen.locate(mapgen.load_incidents(table))
    assert located["latitude"].notna().all()  # every synthetic town is found
    output = folder / "map.html"
    output.write_text(mapgen.map_html(mapgen.render_map(located, title="10,000 incidents", lang="en")), encoding="utf-8")
    columns = folder / "columns.html"
    columns.write_text(mapgen.map_html(mapgen.render_map(located, geojson_limit=1000, lang="en")), encoding="utf-8")
    binned = folder / "binned.html"
    binned.write_text(mapgen.map_html(mapgen.render_map(located, geojson_limit=1000, marker_limit=1000, lang="en")), encoding="utf-8")
    apart = folder / "apart.html"
    apart.write_text(mapgen.map_html(mapgen.render_map(located, geojson_limit=1000, mixed_limit=1000, lang="en")), encoding="utf-8")
    return output, columns, located, binned, apart


def shown_text(shown: int, total: int = 10_000) -> str:
    """What the list's head says (and a screen reader reads) when `shown` of `total` incidents show."""
    return f"{shown:,} of {total:,} incidents shown"


def check_every_feature(page, located):
    counts = located["category"].value_counts()
    legend = dict(zip(
        page.eval_on_selector_all(".mapgen-legend-item input[data-category]", "boxes => boxes.map(b => b.dataset.category)"),
        (int(text.replace(",", "")) for text in page.eval_on_selector_all(".mapgen-legend-count", "nodes => nodes.map(n => n.textContent)")),
    ))
    assert legend == counts.to_dict()
    assert page.inner_text("#mapgen-count") == shown_text(10_000)
    assert page.locator("#mapgen-list .mapgen-row").count() == 200  # a page of the list at a time
    page.click("#mapgen-more")
    assert page.locator("#mapgen-list .mapgen-row").count() == 400

    page.uncheck("input[data-category=arson]")
    assert page.inner_text("#mapgen-count") == shown_text(10_000 - counts["arson"])
    assert page.locator(".mapgen-cat-arson").count() == 0
    page.check("input[data-category=arson]")

    last = page.get_attribute("#mapgen-time-to", "max")
    page.eval_on_selector("#mapgen-time-from", "(input, day) => { input.value = day; input.dispatchEvent(new Event('input')); }", last)
    shown_on_last_day = int((located["date"] == located["date"].max()).sum())
    assert page.inner_text("#mapgen-count") == shown_text(shown_on_last_day)

    first_id = page.get_attribute("#mapgen-list .mapgen-row", "data-id")
    page.click(f"#mapgen-list .mapgen-row[data-id='{first_id}']")
    page.wait_for_function("id => { const p = document.querySelector('.leaflet-popup-content'); return p && p.innerText.trim().endsWith(id); }", arg=first_id)
    row = located.set_index("id").loc[first_id]
    assert row["place"] in page.inner_text(".leaflet-popup-content")


def test_ten_thousand_incidents_keep_every_feature(big_map, open_map):
    output, _, located, _, _ = big_map
    html = output.read_text(encoding="utf-8")
    assert 'type="application/geo+json" id="mapgen-incidents"' in html
    opened = open_map(output)
    check_every_feature(opened.page, located)
    assert opened.errors == []


def test_compact_columns_work_the_same(big_map, open_map):
    _, columns, located, _, _ = big_map
    html = columns.read_text(encoding="utf-8")
    packed = re.search(r'<script type="application/octet-stream" id="mapgen-incidents" data-encoding="gzip\+base64">(.*?)</script>', html, re.S)
    data = json.loads(unpacked(packed[1]))
    assert data["format"] == "mapgen-columns/2" and data["count"] == 10_000
    category = data["columns"]["category"]
    assert set(category) == {"values", "codes", "width"} and len(category["codes"]) == 10_000 * category["width"]
    assert data["columns"]["country"] == {"value": "FR"}  # one value for all: carried once
    assert len(data["points"]["latitude"]) < 5_000 and len(data["points"]["codes"]) == 10_000 * data["points"]["width"]
    assert len(columns.read_bytes()) < 0.4 * len(big_map[0].read_bytes())
    opened = open_map(columns)
    check_every_feature(opened.page, located)
    assert opened.errors == []


def test_long_texts_travel_apart_and_are_read_after_the_first_view(big_map, open_map):
    from mapgen.draw.data import incidents_columns, page_data

    _, columns, located, _, _ = big_map
    html = columns.read_text(encoding="utf-8")
    first = json.loads(unpacked(re.search(r'id="mapgen-incidents" data-encoding="gzip\+base64">(.*?)</script>', html, re.S)[1]))
    assert first["columns"]["description"] == {"deferred": True}  # a field of its own per incident, apart
    assert isinstance(first["columns"]["id"], list)  # a link names its incident by id: kept in the first
    assert 'id="mapgen-incident-texts"' in html
    assert page_data(html) == json.loads(json.dumps(incidents_columns(located)))  # together, the whole table
    page = open_map(columns).page  # ready: the texts have been read
    row = located.iloc[1234]
    words = " ".join(row["description"].split()[:6])
    page.fill("#mapgen-search", words)  # words of its description alone: found only once the texts are read
    assert page.inner_text("#mapgen-count") != shown_text(10_000)
    page.click(f"#mapgen-list .mapgen-row[data-id='{row['id']}']")
    page.wait_for_selector(".leaflet-popup-content")
    assert row["description"] in page.inner_text(".leaflet-popup-content")


CLUSTER_PARTS = "() => [...document.querySelectorAll('.mapgen-cluster')].map(c => c.querySelectorAll('.mapgen-cluster-part').length)"


def test_shared_clusters_show_their_categories_and_past_the_mixed_limit_each_clusters_apart(big_map, open_map):
    output, _, located, _, apart = big_map
    shared = open_map(output).page
    assert max(shared.evaluate(CLUSTER_PARTS)) > 1  # 10,000 incidents of eight categories: rings of several
    opened = open_map(apart)
    assert set(opened.page.evaluate(CLUSTER_PARTS)) == {1}  # a cluster per category
    check_every_feature(opened.page, located)
    assert opened.errors == []


def binned_total(page) -> int:
    """The incidents the bins (or, with few in view, the clusters) count, and those drawn alone (a
    bin of one is its incident's marker)."""
    return page.evaluate("[...document.querySelectorAll('.mapgen-cluster')].reduce((n, b) => n + +b.textContent, 0)"
                         " + document.querySelectorAll('.mapgen-marker').length")


# No ring sits on another: centres at least the two rings' half widths apart (a pixel to spare).
BINS_APART = """() => {
    const boxes = [...document.querySelectorAll('.mapgen-bin svg')].map(b => b.getBoundingClientRect());
    return boxes.every((a, i) => boxes.every((b, j) => i === j || Math.hypot(a.x + a.width / 2 - b.x - b.width / 2,
        a.y + a.height / 2 - b.y - b.height / 2) >= Math.max(44, (a.width + b.width) / 2 - 1)));
}"""


@pytest.mark.parametrize("width, height", [(1280, 800), (375, 740), (800, 500)])
def test_no_ring_of_bins_sits_on_another(big_map, open_map, width, height):
    _, _, _, binned, _ = big_map
    page = open_map(binned, width=width, height=height).page
    page.wait_for_selector(f"body[{contract.DRAWN}='1']")
    assert page.locator(".mapgen-bin").count() > 3
    assert page.evaluate(BINS_APART)
    page.click(".leaflet-control-zoom-out")  # a smaller scale: larger bins, closer together
    page.wait_for_timeout(400)
    assert page.evaluate(BINS_APART)


def test_beyond_the_marker_limit_incidents_are_counted_in_bins(big_map, open_map):
    _, _, located, binned, _ = big_map
    opened = open_map(binned)
    page = opened.page
    counts = located["category"].value_counts()
    assert page.locator(".mapgen-bin").count() > 10
    assert binned_total(page) == 10_000
    assert page.evaluate(BINS_APART)  # neighbouring bins are one, as clusters are
    assert max(page.evaluate("() => [...document.querySelectorAll('.mapgen-bin')].map(b => b.querySelectorAll('.mapgen-cluster-part').length)")) > 1
    page.uncheck("input[data-category=arson]")
    assert binned_total(page) == 10_000 - counts["arson"]
    assert page.inner_text("#mapgen-count") == shown_text(10_000 - counts["arson"])
    page.check("input[data-category=arson]")
    last = page.get_attribute("#mapgen-time-to", "max")
    page.eval_on_selector("#mapgen-time-from", "(input, day) => { input.value = day; input.dispatchEvent(new Event('input')); }", last)
    assert binned_total(page) == int((located["date"] == located["date"].max()).sum())
    assert page.locator(".mapgen-bin").count() == 0  # 54 in view: clustered, as a small map's are

    # the picture as vectors shows what the page shows: its rings with their counts, not 10,000 symbols
    page.eval_on_selector("#mapgen-time-from", "input => { input.value = input.min; input.dispatchEvent(new Event('input')); }")
    svg = page.evaluate(f"window['{contract.SVG_HOOK}']()")
    rings = [int(n) for n in re.findall(r'<g class="cluster" data-count="(\d+)"', svg)]
    assert sum(rings) + svg.count('<g class="alone">') == binned_total(page) == 10_000
    assert len(svg) < 2_000_000  # the base map is most of it; 10,000 symbols would add about 4 MB

    first_id = page.get_attribute("#mapgen-list .mapgen-row", "data-id")
    page.click(f"#mapgen-list .mapgen-row[data-id='{first_id}']")
    page.wait_for_function("id => { const p = document.querySelector('.leaflet-popup-content'); return p && p.innerText.trim().endsWith(id); }", arg=first_id)
    # zoomed in, with few incidents in view: the incidents themselves, clustered where they meet
    assert page.locator(".mapgen-bin").count() == 0
    assert page.locator(".mapgen-marker").count() + page.locator(".mapgen-cluster").count() >= 1
    assert located.set_index("id").loc[first_id, "place"] in page.inner_text(".leaflet-popup-content")
    assert opened.errors == []


def test_codes_and_packing_read_back_as_written():
    from mapgen.draw.data import coded, decoded, packed, unpacked
    for distinct in (1, 2, 64, 65, 4096, 4097, 300_000):
        codes = [0, distinct - 1, distinct // 2, distinct - 1, 0]
        written = coded(codes, distinct)
        assert written["width"] == (1 if distinct <= 64 else 2 if distinct <= 4096 else 4 if distinct > 262_144 else 3)
        assert decoded(written["codes"], written["width"]) == codes
    text = json.dumps({"place": ["Saint-Étienne", "Besançon"] * 100})
    assert unpacked(packed(text)) == text and packed(text) == packed(text)  # the same bytes each build


def test_columns_packed_a_field_at_a_time_are_the_whole_json_packed(monkeypatch):
    import pandas as pd

    from mapgen.draw.data import incidents_columns, packed_columns, script_json

    monkeypatch.setattr("mapgen.draw.data.PACKED_ITEMS", 3)  # a long list written in slices of three
    located = pd.DataFrame({
        "row": range(8), "latitude": [43.3, 43.3, 44.1, None, 45.0, 45.5, 46.0, 46.5], "longitude": [5.4] * 8,
        "category": ["arson", "shooting"] * 4, "description": [f"note {n} <b>&</b> “quoted”" for n in range(8)],
        "fatalities": [0, 1, 0, 2, 0, 0, 3, 0], "source": "AFP"})
    first, later = (json.loads(unpacked(text)) for text in packed_columns(located))
    assert first["columns"]["description"] == {"deferred": True} and "description" in later["columns"]
    first["columns"].update(later["columns"])
    assert script_json(first) == script_json(incidents_columns(located))
    assert first["columns"]["description"][6] == "note 7 <b>&</b> “quoted”"  # the row without a position left out
    assert packed_columns(located) == packed_columns(located)


@pytest.mark.parametrize("rows", [1, 7, 8, 40])
def test_columns_held_in_arrow_strings_pack_as_the_same_cells_in_python_objects(rows):
    """A large table's text comes in Arrow strings (read in chunks), a small one's in Python objects:
    the same cells make the same page data, missing cells and "" alike as blanks, each field coded or
    listed by the same rule."""
    import pandas as pd

    from mapgen.draw.data import packed_columns

    located = pd.DataFrame({
        "row": range(rows), "latitude": [43.0 + n % 5 for n in range(rows)], "longitude": [5.4] * rows,
        "id": [f"r{n}" for n in range(rows)],  # every value its own: listed
        "category": [["arson", None, "", "riot"][n % 4] for n in range(rows)],  # few values, blanks among them: coded
        "place": [None if n % 3 else f"town {n}" for n in range(rows)],  # a third of the rows distinct
        "note": [None] * rows,  # nothing: left out
        "source": ["AFP"] * rows,  # one value
        "description": [f"note {n // 2}" for n in range(rows)],  # half as many values as rows: listed
        "site": [f"site {n}" if n < rows // 5 else "site 0" for n in range(rows)],  # distinct first, then one: coded
    })
    arrow = located.astype({name: "string[pyarrow]" for name in ("id", "category", "place", "note", "source", "description", "site")})
    as_objects = [json.loads(unpacked(text)) if text else None for text in packed_columns(located)]
    assert [json.loads(unpacked(text)) if text else None for text in packed_columns(arrow)] == as_objects
    assert packed_columns(arrow) == packed_columns(located)


def test_a_count_too_long_for_its_ring_is_written_short(seed_located, open_map, tmp_path):
    # 120,000 incidents at one place: one bin, whose six digits would overflow the largest ring.
    one = seed_located.iloc[[0]]
    many = one.loc[one.index.repeat(120_000)].reset_index(drop=True)
    many["id"] = [f"r{n}" for n in range(len(many))]
    page_path = tmp_path / "one-place.html"
    page_path.write_text(mapgen.map_html(mapgen.render_map(many, lang="en")), encoding="utf-8")
    opened = open_map(page_path)
    assert opened.errors == []
    ring = opened.page.locator(".mapgen-bin").first
    assert ring.inner_text().strip() == "120K" and "120,000" in ring.get_attribute("aria-label")


def test_the_opening_view_keeps_the_rings_clear_of_the_legend(big_map, open_map):
    # A dense French map: fitted to the incidents alone, rings of the north-east opened under the
    # desktop's legend; the view is fitted beside it instead.
    assert not _under_the_corner(open_map(big_map[3]).page)


def test_the_opening_view_keeps_the_markers_clear_of_the_areas_key(run, open_map, tmp_path):
    # A world map by region: Europe's markers opened under the areas' key, below the legend.
    page_path = tmp_path / "by-region.html"
    assert run("build", ROOT / "tests" / "data" / "wide" / "company_sites.csv", "-o", page_path, "--by-region", "--lang", "en").exit_code == 0
    assert not _under_the_corner(open_map(page_path).page)


def _under_the_corner(page) -> list:
    """The rings and markers on screen that lie under the panels of the map's top right corner."""
    corner = page.eval_on_selector(".leaflet-top.leaflet-right", "n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }")
    rings = page.eval_on_selector_all(".mapgen-bin, .mapgen-cluster, .mapgen-marker",
                                      "ns => ns.map(n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })")
    assert rings
    left, top, right, bottom = corner
    return [r for r in rings if r[0] < right and r[2] > left and r[1] < bottom and r[3] > top]


@pytest.fixture(scope="module")
def loading_maps(tmp_path_factory, cache_folder):
    """20,000 incidents, added to the clusters in three slices (1,000, 10,000, 9,000): in one shared
    group, and (mixed_limit below the count) a group per category."""
    folder = tmp_path_factory.mktemp("loading")
    located = mapgen.locate(mapgen.load_incidents(write_table(folder / "incidents.csv", 20_000)))
    pages = {}
    for name, options in {"shared": {}, "apart": {"mixed_limit": 1000}}.items():
        pages[name] = folder / f"{name}.html"
        pages[name].write_text(mapgen.map_html(mapgen.render_map(located, geojson_limit=1000, lang="en", **options)), encoding="utf-8")
    return pages


# Runs once, the moment the first slice's markers are drawn: the second slice is then being
# clustered and the third still waits. A change made then must hold for both.
WHEN_FIRST_DRAWN = ("(change) => new MutationObserver((records, observer) => {"
                    f" if (!document.body.hasAttribute('{contract.FIRST_DRAWN}')) return;"
                    " observer.disconnect(); change();"
                    f" }}).observe(document, {{attributes: true, subtree: true, attributeFilter: ['{contract.FIRST_DRAWN}']}})")

UNTICK_ARSON = "() => { const box = document.querySelector('input[data-category=arson]'); box.checked = false;" \
               " box.dispatchEvent(new Event('change', {bubbles: true})); }"
LAST_DAY_ONLY = "() => { const from = document.getElementById('mapgen-time-from'), to = document.getElementById('mapgen-time-to');" \
                " from.value = to.max; from.dispatchEvent(new Event('input', {bubbles: true})); }"
ON_MAP = ("[...document.querySelectorAll('.mapgen-cluster')].reduce((n, c) => n + +c.textContent, 0)"
          " + document.querySelectorAll('.leaflet-marker-pane .mapgen-marker').length")


@pytest.mark.parametrize("layout", ["shared", "apart"])
@pytest.mark.parametrize("change", [UNTICK_ARSON, LAST_DAY_ONLY], ids=["untick", "time"])
def test_a_change_made_while_markers_are_still_clustered_holds_for_those_still_to_come(loading_maps, open_map, layout, change):
    opened = open_map(loading_maps[layout], before=f"({WHEN_FIRST_DRAWN})({change})")
    page = opened.page
    page.wait_for_selector(f"body[{contract.DRAWN}='1']", timeout=60000)
    page.wait_for_timeout(300)  # the last slice's clusters drawn
    shown = int(re.match(r"([\d,]+) of", page.inner_text("#mapgen-count"))[1].replace(",", ""))
    assert shown < 20_000  # the change was made
    assert page.evaluate(ON_MAP) == shown
    if change == UNTICK_ARSON:
        assert page.locator(".mapgen-cat-arson").count() == 0
    assert opened.errors == []
