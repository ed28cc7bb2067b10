"""The map in real headless Chromium (Debian's package), with every non-file request blocked."""

from __future__ import annotations

import pytest

from mapgen.draw import contract
from tests.helpers import ROOT

pytestmark = pytest.mark.browser

TILE_HOSTS = ("tile.openstreetmap.org",)


def visible_rows(page) -> list[str]:
    return page.eval_on_selector_all("#mapgen-list .mapgen-row", "rows => rows.map(r => r.dataset.id)")


def open_row(page, incident_id: str) -> str:
    """Click an incident in the list and return the text of the popup it opens."""
    page.click(f"#mapgen-list .mapgen-row[data-id='{incident_id}']")
    page.wait_for_function(
        """id => { const p = document.querySelector('.leaflet-popup-content');
                   return p && p.innerText.trim().endsWith(id); }""",
        arg=incident_id,
    )
    return page.inner_text(".leaflet-popup-content")


def marker_count(page, category: str) -> int:
    """Markers and clustered markers of a category drawn on the map now."""
    return page.evaluate(
        """key => {
            let n = document.querySelectorAll('.mapgen-marker.mapgen-cat-' + key).length;
            document.querySelectorAll('.mapgen-cluster .mapgen-cluster-part').forEach(part => {
                if (part.dataset.category === key) n += +part.dataset.count; });
            return n;
        }""",
        category,
    )


def test_offline_page_shows_markers_and_legend_without_errors(seed_map, open_map, tmp_path):
    opened = open_map(seed_map)
    page = opened.page
    assert page.is_visible("#mapgen-legend")
    legend = page.inner_text("#mapgen-legend")
    assert "Arson" in legend and "Shooting" in legend
    counts = page.eval_on_selector_all(".mapgen-legend-count", "nodes => nodes.map(n => n.textContent)")
    assert counts == ["5", "1"]
    assert marker_count(page, "arson") == 5 and marker_count(page, "shooting") == 1
    assert opened.errors == []
    assert all(any(host in url for host in TILE_HOSTS) for url in opened.blocked), opened.blocked
    assert page.evaluate(f"typeof window.{contract.STATE_HOOK}") == "undefined"  # the test hook is off unless a test asks
    page.screenshot(path=str(tmp_path / "desktop.png"))


def test_unticking_a_category_hides_its_markers_and_rows(seed_map, open_map):
    page = open_map(seed_map).page
    assert len(visible_rows(page)) == 6
    page.uncheck("input[data-category=arson]")
    assert marker_count(page, "arson") == 0
    assert marker_count(page, "shooting") == 1
    assert visible_rows(page) == ["toulon-2025-04-15"]
    page.check("input[data-category=arson]")
    assert marker_count(page, "arson") == 5


def test_time_filter_hides_incidents_outside_the_range(seed_map, open_map):
    page = open_map(seed_map).page
    last_day = page.get_attribute("#mapgen-time-to", "max")
    page.eval_on_selector("#mapgen-time-from", "(input, day) => { input.value = day; input.dispatchEvent(new Event('input')); }", last_day)
    # 16 April: Tarascon, and the two overnight incidents of 15 to 16 April.
    assert sorted(visible_rows(page)) == ["aix-luynes-union-home-2025-04-15", "tarascon-2025-04-16", "villenoy-2025-04-15"]
    assert page.inner_text("#mapgen-time-label") == "16 April 2025"
    assert marker_count(page, "shooting") == 0


def zoom_out(page, steps: int) -> None:
    """Zoom out with the map's own button, waiting for each step's animation to end."""
    for _ in range(steps):
        page.click(".leaflet-control-zoom-out")
        page.wait_for_timeout(300)
        page.wait_for_function("!document.querySelector('.leaflet-zoom-anim, .leaflet-cluster-anim')")


def test_a_cluster_of_several_categories_shows_each(seed_map, open_map):
    page = open_map(seed_map).page
    zoom_out(page, 2)
    # Zoomed out, Toulon's shooting shares a cluster with the arson near Aix: one ring, both colours, nothing stacked.
    cluster = page.locator(".mapgen-cluster.mapgen-cat-shooting")
    parts = cluster.locator(".mapgen-cluster-part").evaluate_all("ps => ps.map(p => [p.dataset.category, +p.dataset.count, p.getAttribute('stroke')])")
    assert [part[0] for part in parts] == ["arson", "shooting"] and parts[1][1] == 1
    assert int(cluster.inner_text()) == parts[0][1] + 1 and parts[0][2] != parts[1][2]
    assert cluster.get_attribute("aria-label") == f"{parts[0][1] + 1} incidents ({parts[0][1]} Arson, 1 Shooting): zoom in"
    assert marker_count(page, "arson") == 5 and marker_count(page, "shooting") == 1
    cluster.click()
    page.wait_for_selector(".mapgen-marker.mapgen-cat-shooting")


def test_clicking_a_marker_opens_its_popup(seed_map, open_map):
    page = open_map(seed_map).page
    page.click(".mapgen-marker.mapgen-cat-shooting")
    popup = page.inner_text(".leaflet-popup-content")
    assert "Toulon-La Farlède prison" in popup
    assert "15 April 2025, 00:40" in popup
    assert "approximate: town centre (±2.5 km), from the curated places table" in popup
    assert "Toulon prosecutor via Le Figaro" in popup


def test_popup_columns_and_the_placement_note_show_in_the_popup(run, open_map, tmp_path):
    output = tmp_path / "shootings.html"
    source = ROOT / "tests" / "data" / "published" / "wapo_police_shootings.csv"
    result = run("build", source, "-o", output, "--popup-columns", "armed,age")
    assert result.exit_code == 0, result.output
    opened = open_map(output)
    popup = open_row(opened.page, "9005")
    assert "Wyoming" in popup and "armed\ntoy weapon" in popup and "age\n19" in popup
    assert "region 'MI' = Michigan (US-MI)" in popup  # how the state column was read
    assert opened.errors == []


def test_an_incident_several_articles_report_links_every_source(run, open_map, tmp_path):
    table = tmp_path / "merged.csv"
    table.write_text("id,date,category,place,country,source,source_url\n"
                     'm1,2025-04-15,arson,Valence,FR,Daily One | Le Second,https://one.example/a | https://second.example/b\n',
                     encoding="utf-8")
    output = tmp_path / "merged.html"
    assert run("build", table, "-o", output).exit_code == 0
    opened = open_map(output)
    open_row(opened.page, "m1")
    links = opened.page.eval_on_selector_all(".leaflet-popup-content a", "as => as.map(a => [a.textContent, a.href])")
    assert links == [["Daily One", "https://one.example/a"], ["Le Second", "https://second.example/b"]]
    assert opened.errors == []


def test_clicking_a_row_in_the_list_opens_the_right_popup(seed_map, open_map):
    opened = open_map(seed_map)
    page = opened.page
    popup = open_row(page, "nanterre-2025-04-14")
    assert "Nanterre prison" in popup and "exact position" in popup
    assert "over the span" in popup  # the night of 14 to 15 April is not a false exact day
    assert opened.errors == []


def test_phone_view_folds_the_list_behind_a_button(seed_map, open_map, tmp_path):
    page = open_map(seed_map, width=375, height=740).page
    assert not page.is_visible("#mapgen-panel")
    assert page.is_visible("#mapgen-panel-open") and page.is_visible("#mapgen-legend")
    page.screenshot(path=str(tmp_path / "phone.png"))
    page.click("#mapgen-panel-open")
    assert page.is_visible("#mapgen-panel")
    assert not page.is_visible("#mapgen-panel-open")  # the open list closes with its own ×, not a button over it
    assert "Tarascon prison" in open_row(page, "tarascon-2025-04-16")


def test_a_phone_opens_with_every_marker_clear_of_the_time_control(seed_located, open_map, tmp_path):
    # The long title and subtitle of `make map`: the view is fitted while the scale bar is hidden
    # (the world view the map starts at) and the time control's label still empty; both then
    # lift the control by 76 pixels, over Tarascon's marker, unless the view is fitted again.
    import mapgen

    output = tmp_path / "map.html"
    output.write_text(mapgen.map_html(mapgen.render_map(seed_located, title="Attacks on French prisons, April 2025",
                                                        subtitle="Arson and gunfire against prisons and prison staff, 13-16 April 2025",
                                                        lang="fr")), encoding="utf-8")
    page = open_map(output, width=375, height=740).page
    page.wait_for_selector(f"body[{contract.DRAWN}='1']")
    time_box = page.locator("#mapgen-time").bounding_box()
    icons = [box for box in (icon.bounding_box() for icon in page.locator(".leaflet-marker-icon").all()) if box]
    assert icons
    for box in icons:
        assert box["y"] + box["height"] <= time_box["y"] or box["x"] >= time_box["x"] + time_box["width"], (box, time_box)


PAYLOADS = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '"><svg onload="window.__pwned = 3">',
    "</script><script>window.__pwned = 4</script>",
    "${window.__pwned = 5} `backtick` {{ 7 * 7 }}",
    "'); window.__pwned = 6; ('",
    "\u202eright-to-left \u200f mark",
    "<!-- <script> -->",
]


def test_hostile_text_is_shown_as_text_and_never_runs(run, open_map, tmp_path):
    import csv

    table = tmp_path / "hostile.csv"
    with table.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "date", "category", "place", "latitude", "longitude", "description", "note", "source"])
        for index, payload in enumerate(PAYLOADS):
            writer.writerow([f"p{index}", "2025-04-16", payload if index == 0 else "arson", payload, 43 + index, 5 + index, payload, payload, payload])
        writer.writerow(["unplaced", "2025-04-16", "arson", PAYLOADS[1], "", "", PAYLOADS[3], "", PAYLOADS[0]])
    output = tmp_path / "hostile.html"
    result = run("build", table, "-o", output, "--title", PAYLOADS[3], "--subtitle", PAYLOADS[1])
    assert result.exit_code == 0, result.output
    opened = open_map(output)
    page = opened.page
    assert page.inner_text(".mapgen-title h1") == PAYLOADS[3]
    assert page.inner_text(".mapgen-subtitle") == PAYLOADS[1]
    assert PAYLOADS[0] in page.inner_text("#mapgen-legend")
    for index, payload in enumerate(PAYLOADS):
        popup = open_row(page, f"p{index}")
        assert payload.strip() in popup, (index, popup)
        assert page.inner_text(f"#mapgen-list .mapgen-row[data-id='p{index}'] .mapgen-row-place") == payload.strip()
    assert PAYLOADS[1] in page.inner_text("#mapgen-unplaced-list")
    assert page.evaluate("window.__pwned") is None
    assert opened.errors == []


def test_play_steps_through_the_days(seed_map, open_map):
    page = open_map(seed_map).page
    page.click("#mapgen-play")
    assert page.inner_text("#mapgen-time-label") == "13 April 2025"
    assert visible_rows(page) == ["agen-enap-2025-04-13"]
    page.wait_for_function("document.getElementById('mapgen-time-label').textContent === '13–14 April 2025'")
    assert "nanterre-2025-04-14" in visible_rows(page)
    page.wait_for_function("document.getElementById('mapgen-play').textContent === '▶ Play'", timeout=10000)
    assert page.inner_text("#mapgen-time-label") == "13–16 April 2025"
    assert len(visible_rows(page)) == 6


def test_list_sorts_by_date_both_ways(seed_map, open_map):
    page = open_map(seed_map).page
    assert visible_rows(page)[0] == "agen-enap-2025-04-13"
    page.click("#mapgen-sort")
    assert visible_rows(page)[0] == "tarascon-2025-04-16"
    assert page.inner_text("#mapgen-sort") == "Date ↓"


def test_heatmap_is_off_until_asked_for(seed_map, open_map):
    page = open_map(seed_map).page
    assert page.query_selector("canvas.leaflet-heatmap-layer") is None
    page.check("#mapgen-heatmap")
    assert page.query_selector("canvas.leaflet-heatmap-layer") is not None
    page.uncheck("#mapgen-heatmap")
    assert page.query_selector("canvas.leaflet-heatmap-layer") is None


def test_incidents_at_one_place_spiderfy(run, open_map, tmp_path):
    table = tmp_path / "same.csv"
    rows = ["id,date,category,place"] + [f"n{i},2025-04-1{i},arson,Nanterre prison" for i in range(1, 4)]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    output = tmp_path / "same.html"
    assert run("build", table, "-o", output).exit_code == 0
    page = open_map(output).page
    assert page.inner_text(".mapgen-cluster") == "3"
    page.click(".mapgen-cluster")
    page.wait_for_function("document.querySelectorAll('.mapgen-marker').length === 3")
    page.wait_for_selector(".leaflet-marker-icon.mapgen-marker >> nth=2", state="visible")
    # The spider's animation ends with the three markers spread apart, each one clickable.
    page.wait_for_function("""() => new Set([...document.querySelectorAll('.mapgen-marker')].map(m => {
        const r = m.getBoundingClientRect(); return Math.round(r.x) + ',' + Math.round(r.y); })).size === 3""")


def test_credits_name_the_offline_map_when_tiles_are_blocked(seed_map, open_map):
    page = open_map(seed_map).page
    credit = page.inner_text(".leaflet-control-attribution")
    assert "Natural Earth" in credit and "GeoNames" in credit
    assert "OpenStreetMap" not in credit  # no tile was drawn, so none is credited
    assert page.get_attribute("body", contract.TILES) == "none"


def test_credits_name_the_tiles_once_a_local_tile_server_serves_them(run, browser, tmp_path):
    import io
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (200, 220, 240)).save(buffer, format="PNG")
    tile = buffer.getvalue()

    class Tiles(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.end_headers()
            self.wfile.write(tile)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True).start()
    try:
        host = f"127.0.0.1:{server.server_address[1]}"
        output = tmp_path / "tiled.html"
        result = run("build", "-o", output, "--tiles", f"http://{host}/{{z}}/{{x}}/{{y}}.png")
        assert result.exit_code == 0, result.output
        page = browser.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", f"http://{host}/"))
                   else route.abort())
        page.goto(output.resolve().as_uri())
        page.wait_for_selector(f"body[{contract.TILES}='loaded']", timeout=30000)
        credit = page.inner_text(".leaflet-control-attribution")
        assert f"Tiles: {host}" in credit and "Natural Earth" not in credit
        page.close()
    finally:
        server.shutdown()
        server.server_close()


def test_numbered_markers_follow_the_dates_and_the_key_matches(seed_map, browser):
    """What `mapgen snapshot --numbered` draws: 1 = earliest, every incident numbered, no clusters,
    and a key of the same numbers with day, place and category."""
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort())
    page.add_init_script(contract.hook_script(contract.NUMBERED_HOOK))
    page.goto(seed_map.resolve().as_uri())
    page.wait_for_selector(contract.DRAWN_SELECTOR)
    labels = sorted(int(n) for text in page.eval_on_selector_all(".mapgen-number span", "ns => ns.map(n => n.textContent)")
                    for n in text.replace("–", ",").split(","))
    assert labels == [1, 2, 3, 4, 5, 6]
    assert page.query_selector(".mapgen-cluster") is None
    key = page.eval_on_selector_all("#mapgen-key li", "items => items.map(i => i.textContent)")
    assert [line.split(".")[0] for line in key] == ["1", "2", "3", "4", "5", "6"]
    assert key[0].startswith("1. 13 April 2025 23:00 · ENAP car park, Agen · Arson")  # the earliest
    assert key[-1].startswith("6. 16 April 2025 05:20 · Tarascon prison · Arson")  # the latest
    assert "Toulon-La Farlède prison · Shooting" in key[4]
    # Each number sits on its incident's marker, and every marker is inside the picture.
    boxes = page.eval_on_selector_all(".mapgen-number span", "ns => ns.map(n => { const r = n.getBoundingClientRect();"
                                      " return [r.left, r.top, r.right, r.bottom]; })")
    assert all(0 <= left and right <= 1200 and 0 <= top and bottom <= 800 for left, top, right, bottom in boxes)
    page.close()


def test_snapshot_numbered_writes_a_picture(seed_map, tmp_path):
    import subprocess
    import sys

    from PIL import Image

    # A process of its own: this session's browser fixture already runs Playwright's loop here.
    done = subprocess.run([sys.executable, "-m", "mapgen", "snapshot", str(seed_map), "-o", str(tmp_path / "numbered.png"),
                           "--offline", "--numbered", "--width", "1200", "--height", "800"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert Image.open(tmp_path / "numbered.png").size == (1200, 800)


LABEL_BOXES = """() => [...document.querySelectorAll('.mapgen-town-name')].map(n => {
    const r = n.getBoundingClientRect(); return [n.textContent, r.left, r.top, r.right, r.bottom]; })"""
MARKER_BOXES = """() => [...document.querySelectorAll('.mapgen-marker, .mapgen-cluster, .mapgen-number span')].map(n => {
    const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""


def overlap(a, b) -> bool:
    return a[0] < b[2] - 0.5 and a[2] > b[0] + 0.5 and a[1] < b[3] - 0.5 and a[3] > b[1] + 0.5


@pytest.mark.parametrize("numbered", [False, True], ids=["interactive", "numbered"])
def test_town_names_on_the_offline_map_name_the_incidents_and_never_overlap(seed_map, browser, numbered):
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort())
    if numbered:
        page.add_init_script(contract.hook_script(contract.NUMBERED_HOOK))
    page.goto(seed_map.resolve().as_uri())
    page.wait_for_selector(contract.DRAWN_SELECTOR)
    page.wait_for_selector(".mapgen-town-name")
    labels = page.evaluate(LABEL_BOXES)
    names = {label[0] for label in labels}
    # each incident named with its place as the table writes it, not the town it is drawn at ("Marseille")
    assert {"ENAP car park, Agen", "Nanterre prison", "Villenoy, near Meaux", "Tarascon prison", "Toulon-La Farlède prison",
            "Bouches-du-Rhône"} <= names
    # and a few towns around them that orient a reader, none far abroad (issue 23: framed like a locator map)
    assert len(names) >= 8 and not names & {"Madrid", "Rome", "Munich", "Milan", "Zürich", "Barcelona", "Turin", "Genoa"}
    boxes = [label[1:] for label in labels]
    for i, a in enumerate(boxes):
        assert not any(overlap(a, b) for b in boxes[i + 1:]), labels[i][0]
    markers = page.evaluate(MARKER_BOXES)
    assert not any(overlap(a, m) for a in boxes for m in markers)
    if numbered:  # pills of nearby places (Nanterre 2, Villenoy 3) move apart instead of covering each other
        for i, a in enumerate(markers):
            assert not any(overlap(a, b) for b in markers[i + 1:])
    page.mouse.wheel(0, -600)  # zoom in: more names, still apart
    page.wait_for_function("document.querySelectorAll('.mapgen-town-name').length > 0")
    zoomed = [label[1:] for label in page.evaluate(LABEL_BOXES)]
    for i, a in enumerate(zoomed):
        assert not any(overlap(a, b) for b in zoomed[i + 1:])
    page.close()


def test_a_numbered_page_in_a_browser_keeps_its_zoom_buttons_clear_of_the_title(run, open_map, tmp_path):
    # `mapgen build --numbered`: the key takes the left column, and the title had moved over the
    # zoom buttons at the map's top left.
    page_path = tmp_path / "numbered.html"
    assert run("build", ROOT / "data" / "incidents.csv", "-o", page_path, "--numbered").exit_code == 0
    page = open_map(page_path).page
    box = "n => { const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"
    zoom, title = page.eval_on_selector(".leaflet-control-zoom", box), page.eval_on_selector("#mapgen-title", box)
    assert zoom[2] <= title[0] or zoom[3] <= title[1]
