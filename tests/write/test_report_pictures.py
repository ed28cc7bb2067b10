"""Report pictures at any scale (issue 23), looked at in real Chromium: nothing hides anything,
the credits stay inside the frame, the key shows every line, a phone keeps an open popup clear."""

from __future__ import annotations

import itertools
import subprocess
import sys
from xml.etree import ElementTree

import pytest

from mapgen.draw import contract
from tests.helpers import ROOT

SVG = "{http://www.w3.org/2000/svg}"
WIDE = ROOT / "tests" / "data" / "wide" / "company_sites.csv"
FRAMES = [(1280, 800), (960, 600), (375, 740)]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def wide_map(tmp_path_factory, cache_folder):
    path = tmp_path_factory.mktemp("wide") / "wide.html"
    done = subprocess.run([sys.executable, "-m", "mapgen", "build", str(WIDE), "-o", str(path), "--title", "Attacks on a company's sites"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return path


def numbered_svg(page, path, width, height):
    # A process of its own: the session's browser fixture may run Playwright's loop in this one.
    done = subprocess.run([sys.executable, "-m", "mapgen", "snapshot", str(page), "-o", str(path), "--offline", "--numbered",
                           "--width", str(width), "--height", str(height)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return ElementTree.parse(path).getroot()


def overlap(a, b) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]


def pill_boxes(root):
    boxes = []
    for group in root.find(f".//{SVG}g[@id='incidents']"):
        if group.get("data-label") is None:
            continue  # a leader line and its dot
        rect = group.find(f"{SVG}rect")
        x, y, w, h = (float(rect.get(name)) for name in ("x", "y", "width", "height"))
        boxes.append((group.get("data-label"), (x, y, x + w, y + h)))
    return boxes


@pytest.mark.parametrize("width,height", FRAMES)
@pytest.mark.parametrize("table", ["wide", "seed"])
def test_numbered_svg_hides_nothing_at_any_frame(table, width, height, wide_map, seed_map, tmp_path):
    root = numbered_svg(wide_map if table == "wide" else seed_map, tmp_path / "map.svg", width, height)
    pills = pill_boxes(root)
    numbers = sorted(int(n) for label, _ in pills for part in label.split(", ") for n in part.split("–"))
    assert numbers[0] == 1 and len(numbers) >= (20 if table == "wide" else 6) - 2 * len([label for label, _ in pills if "–" in label])
    for (one, a), (other, b) in itertools.combinations(pills, 2):
        assert not overlap(a, b), f"pill {one} covers pill {other} at {width}x{height}"
    labels = [(t.text, tuple(float(v) for v in t.get("data-box").split())) for t in root.find(f".//{SVG}g[@id='towns']").iter(f"{SVG}text")]
    assert labels, "no town named at all"
    for (label, a), (name, b) in itertools.product(pills, labels):
        assert not overlap(a, b), f"pill {label} covers the name {name!r} at {width}x{height}"
    # Every incident has its line in the key, and the key lies inside the picture.
    _, _, canvas_w, canvas_h = (float(v) for v in root.get("viewBox").split())
    key_numbers = [int(t.get("data-number")) for t in root.find(f".//{SVG}g[@id='key']").iter(f"{SVG}text") if t.get("data-number")]
    assert key_numbers == list(range(1, (20 if table == "wide" else 6) + 1))
    key = root.find(f".//{SVG}g[@id='key']/{SVG}rect")
    assert float(key.get("y")) + float(key.get("height")) <= canvas_h + 1 and float(key.get("x")) + float(key.get("width")) <= canvas_w + 1
    # The credits end inside the map's frame and start inside it.
    fx, fy, fw, fh = (float(v) for v in root.get("data-frame").split())
    credits = root.find(f".//{SVG}text[@id='credits']")
    right, width_drawn = float(credits.get("x")), float(credits.get("data-width"))
    assert fx <= right - width_drawn and right <= fx + fw and fy < float(credits.get("y")) <= fy + fh


def test_scale_bar_only_where_it_holds(wide_map, seed_map, open_map):
    world = open_map(wide_map).page
    assert not world.is_visible(".leaflet-control-scale")  # the US and Europe at once: Mercator's scale varies twofold
    france = open_map(seed_map).page
    assert france.is_visible(".leaflet-control-scale") and france.inner_text(".mapgen-scale-note").endswith("N")


def test_world_frame_names_towns_near_the_incidents_only(wide_map, open_map):
    page = open_map(wide_map).page
    names = set(page.eval_on_selector_all(".mapgen-town-name", "nodes => nodes.map(n => n.textContent)"))
    assert {"Seattle", "Berlin", "Rome"} <= names
    assert not names & {"Bamako", "Lagos", "Lima", "Bogota", "São Paulo", "Kinshasa", "Johannesburg", "Cairo", "Moscow"}


def test_phone_folds_the_legend_and_keeps_an_open_popup_clear(wide_map, open_map):
    opened = open_map(wide_map, 375, 740, expose=True)
    page = opened.page
    assert page.is_visible(".mapgen-legend-toggle") and not page.is_visible(".mapgen-legend-item >> nth=0")
    page.click(".mapgen-legend-toggle")
    assert page.is_visible(".mapgen-legend-item >> nth=0")
    page.click(".mapgen-legend-toggle")
    # Open the popup of an incident under the title and the legend's corner, as a reader's tap would.
    page.evaluate(f"(() => {{ const s = {contract.STATE}; s.markers.show(s.incidents.find(i => i.get('id') === 'cs-11')); }})()")
    page.wait_for_selector(".leaflet-popup-content")
    page.wait_for_timeout(600)  # the pan that brings the popup into view
    covered = page.evaluate("""() => {
        const popup = document.querySelector('.leaflet-popup'), r = popup.getBoundingClientRect(), out = [];
        for (let x = r.left + 2; x < r.right - 2; x += 8) for (let y = r.top + 2; y < r.bottom - 12; y += 8) {
            const hit = document.elementFromPoint(x, y);
            if (hit && !popup.contains(hit)) out.push(hit.className || hit.tagName);
        }
        return out; }""")
    assert covered == []
    assert page.is_visible(".leaflet-popup-close-button")
    page.click(".leaflet-popup-close-button")
    assert page.is_visible(".mapgen-legend-toggle") and opened.errors == []


@pytest.fixture(scope="module")
def long_map(tmp_path_factory, cache_folder):
    """Mother Jones' published table of US mass shootings, 1982-2020: 118 incidents for one picture."""
    path = tmp_path_factory.mktemp("long") / "long.html"
    table = ROOT / "benchmarks" / "real_tables" / "motherjones_mass_shootings_1982_2020.csv"
    done = subprocess.run([sys.executable, "-m", "mapgen", "build", str(table), "-o", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return path


def test_a_long_key_takes_more_room_and_what_cannot_fit_is_said(long_map, tmp_path):
    root = numbered_svg(long_map, tmp_path / "long.svg", 1280, 800)
    key_numbers = [int(t.get("data-number")) for t in root.find(f".//{SVG}g[@id='key']").iter(f"{SVG}text") if t.get("data-number")]
    assert key_numbers == list(range(1, 119))  # every line, in a wider column
    for (one, a), (other, b) in itertools.combinations(pill_boxes(root), 2):
        assert not overlap(a, b), f"pill {one} covers pill {other}"
    # On a phone there is no room for 118: the picture and the command both say so, nothing silently lost.
    done = subprocess.run([sys.executable, "-m", "mapgen", "snapshot", str(long_map), "-o", str(tmp_path / "phone.svg"), "--offline",
                           "--numbered", "--width", "375", "--height", "740"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "the key has no room for" in done.stderr and "cover others" in done.stderr
    phone = ElementTree.parse(tmp_path / "phone.svg").getroot()
    lines = [t.text for t in phone.find(f".//{SVG}g[@id='key']").iter(f"{SVG}text")]
    listed = [t for t in phone.find(f".//{SVG}g[@id='key']").iter(f"{SVG}text") if t.get("data-number")]
    said = next(int(word) for line in lines if line and "more" in line for word in line.split() if word.isdigit())
    assert len(listed) + said == 118


def test_each_cluster_is_drawn_where_its_incidents_are(wide_map, open_map):
    # A cluster's icon sits where Leaflet puts it: its centre at its incidents' centre (a style that
    # took it out of Leaflet's absolute placing once stacked the icons down the page, hundreds of km off).
    page = open_map(wide_map, 375, 740, expose=True).page
    page.wait_for_selector(contract.DRAWN_SELECTOR)
    offsets = page.evaluate(f"""() => {{
        const state = {contract.STATE}, map = state.map, origin = map.getContainer().getBoundingClientRect(), out = [];
        state.markers.groups['']._featureGroup.eachLayer(layer => {{
            if (!layer.getChildCount || !layer._icon) return;
            const r = layer._icon.getBoundingClientRect(), p = map.latLngToContainerPoint(layer.getLatLng());
            out.push(Math.hypot(r.left + r.width / 2 - origin.left - p.x, r.top + r.height / 2 - origin.top - p.y));
        }});
        return out; }}""")
    assert len(offsets) >= 3 and max(offsets) < 2
