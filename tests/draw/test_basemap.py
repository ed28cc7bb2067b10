"""The offline base map: land cut cleanly at the antimeridian and along the edge of what the page
carries, filled apart from its outlines, so that no line crosses the sea; France's department
borders only when the view is close enough for them to be read."""

from __future__ import annotations

import io
import json
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest

import mapgen
from mapgen.draw import basemap, contract
from mapgen.draw.extent import incident_box, parse_extent
from tests.helpers import ROOT

WIDE = ROOT / "tests" / "data" / "wide" / "company_sites.csv"
SEA, LAND = (215, 230, 240), (244, 243, 238)  # mapgen.css's sea, the land's fill
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def wide_located(cache_folder):
    located = mapgen.locate(mapgen.load_incidents(WIDE))
    assert located["latitude"].notna().all()
    return located


@pytest.fixture(scope="module")
def wide_map(tmp_path_factory, wide_located) -> Path:
    """The made-up table of twenty incidents across the US and Europe (Toulouse among them), as a page."""
    output = tmp_path_factory.mktemp("wide") / "map.html"
    output.write_text(mapgen.map_html(mapgen.render_map(wide_located, lang="en")), encoding="utf-8")
    return output


def _packed(page: Path) -> dict:
    html = page.read_text(encoding="utf-8")
    return json.loads(html.split(f'id="{contract.BASEMAP_ID}">', 1)[1].split("</script>", 1)[0])


def _segments(ring) -> np.ndarray:
    points = np.asarray(ring, dtype=float)
    return np.stack([points[:-1], points[1:]], axis=1)


@pytest.mark.parametrize("bounds", [None, (-122.7, 30.3, 13.4, 52.5)], ids=["world", "wide table"])
def test_no_ring_runs_across_the_world_at_the_antimeridian(bounds):
    # Natural Earth's rings for Chukotka, Fiji's islands and Antarctica step from 180 to -180
    # degrees: drawn flat, that step is a line across the whole map (the "double line near the
    # equator" is Fiji's, at 16-17 degrees south). Each such ring is cut in two at the antimeridian.
    box, step = basemap.carried_box(bounds), basemap.grid_step(bounds)
    west, south, east, north = (round(round(edge / step) * step, basemap.COORDINATE_DECIMALS) for edge in box)
    features = {feature["properties"]["name"]: feature for feature in basemap.countries_in(box, step)}
    for name, feature in features.items():
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                (x0, y0), (x1, y1) = _segments(ring).transpose(1, 2, 0)
                on_edge = ((x0 == x1) & np.isin(x0, [west, east])) | ((y0 == y1) & np.isin(y0, [south, north]))
                longest = np.abs(x1 - x0)[~on_edge].max(initial=0)
                assert longest < 10, f"{name}: a segment {longest:.0f} degrees long"
    if bounds is None:
        fiji = [np.asarray(polygon[0]) for polygon in features["Fiji"]["geometry"]["coordinates"]]
        assert all(np.ptp(ring[:, 0]) < 5 for ring in fiji)  # every island on its own side, none across the map
        assert any(ring[:, 0].min() == west for ring in fiji) and any(ring[:, 0].max() == east for ring in fiji)  # cut at 180
        antarctica = np.concatenate([polygon[0] for polygon in features["Antarctica"]["geometry"]["coordinates"]])
        assert antarctica[:, 1].min() == south  # land down to the bottom of the map, not a coast cut off at 84 degrees


def test_a_view_of_half_the_world_carries_all_of_it():
    wide = basemap.view_box((-122.7, 30.3, 13.4, 52.5))
    assert wide[2] - wide[0] > 180 and basemap.carried_box((-122.7, 30.3, 13.4, 52.5)) == basemap.WORLD
    france = parse_extent("france")
    assert basemap.carried_box(france) == basemap.view_box(france)


def test_department_borders_only_when_the_view_is_national_or_closer(seed_located, wide_located, seed_map, wide_map):
    assert basemap.departments_readable(incident_box(seed_located))
    assert basemap.departments_readable(parse_extent("france"))
    assert basemap.departments_readable((2.35, 48.85, 2.35, 48.85))  # one incident in Paris
    assert not basemap.departments_readable(incident_box(wide_located))
    assert not basemap.departments_readable(None)

    def departments(page):
        return [f for f in _packed(page)["features"] if f["properties"]["kind"] == "department"]

    assert len(departments(seed_map)) > 80
    assert (wide_located["country"] == "FR").any() and departments(wide_map) == []  # French data, a view of two continents


# -- In the page and in its SVG picture, in a real Chromium.

BASEMAP_ONLY = """() => { const style = document.createElement('style');
  style.textContent = '.leaflet-control-container, #mapgen-title, .leaflet-pane:not(.leaflet-map-pane):not(.leaflet-mapgen-basemap-pane-pane)'
    + ' { visibility: hidden !important; }';
  document.head.appendChild(style); }"""
ON_SCREEN = """(points) => points.map(([lat, lng]) => {
  const p = window.mapgenState.map.latLngToContainerPoint([lat, lng]); return [p.x, p.y]; })"""


# The view asked for, set again until it holds: the opening frame's zoom animation, if still
# running, would end on its own zoom.
SET_VIEW = """([zoom, lat, lng]) => { const map = window.mapgenState.map;
  if (map.getZoom() !== zoom) map.setView([lat, lng], zoom, { animate: false });
  return map.getZoom() === zoom && !map._animatingZoom; }"""


def _open(browser, page_path: Path, view: tuple[int, float, float] | None = None):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.add_init_script(contract.hook_script(contract.EXPOSE_HOOK))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:", "about:")) else route.abort())
    page.goto(page_path.resolve().as_uri())
    page.wait_for_selector(contract.DRAWN_SELECTOR, timeout=30000)
    if view:
        page.wait_for_function(SET_VIEW, arg=list(view), timeout=10000)
    return page


def _box_on_screen(page, page_path: Path) -> tuple[float, float, float, float]:
    """The box the page's land was clipped to, in the map's pixels: left, top, right, bottom."""
    packed = _packed(page_path)
    west, south, east, north = (v * packed["step"] for v in packed["box"])
    (left, top), (right, bottom) = page.evaluate(ON_SCREEN, [[north, west], [south, east]])
    return left, top, right, bottom


def _stroked(page, page_path: Path) -> np.ndarray:
    """With only the base map showing, its pixels inside the box the land was clipped to (as far
    as that is on screen, and a pixel more all round): True where stroked, that is neither sea nor
    land nor a blend of the two (as at the edge of a fill)."""
    from PIL import Image

    page.evaluate(BASEMAP_ONLY)
    pixels = np.asarray(Image.open(io.BytesIO(page.locator(".leaflet-container").screenshot())).convert("RGB")).astype(float)
    height, width = pixels.shape[:2]
    left, top, right, bottom = _box_on_screen(page, page_path)
    left, right = int(np.clip(np.floor(left) - 1, 0, width)), int(np.clip(np.ceil(right) + 2, 0, width))
    top, bottom = int(np.clip(np.floor(top) - 1, 0, height)), int(np.clip(np.ceil(bottom) + 2, 0, height))
    pixels = pixels[top:bottom, left:right]
    sea, land = np.array(SEA, dtype=float), np.array(LAND, dtype=float)
    blend = np.clip(((pixels - sea) @ (land - sea)) / ((land - sea) @ (land - sea)), 0, 1)
    return np.linalg.norm(pixels - (sea + blend[..., None] * (land - sea)), axis=2) > 10


@pytest.mark.browser
@pytest.mark.parametrize("view", [None, (2, 20, 0), (1, 10, 0)], ids=["opening", "world", "zoomed out"])
def test_no_line_crosses_the_sea_of_the_wide_table(browser, wide_map, view):
    page = _open(browser, wide_map, view)
    try:
        stroked = _stroked(page, wide_map)
    finally:
        page.close()
    # The longest straight border at these zooms (the 49th parallel) takes a fifth of a row.
    rows, columns = stroked.mean(axis=1), stroked.mean(axis=0)
    assert rows.max() < 0.4, f"row {rows.argmax()} of the world on screen: {rows.max():.0%} of it stroked"
    assert columns.max() < 0.4, f"column {columns.argmax()} of the world on screen: {columns.max():.0%} of it stroked"


@pytest.mark.browser
def test_the_seed_map_zoomed_out_strokes_no_edge_of_its_box(browser, seed_map):
    page = _open(browser, seed_map, (3, 46, 2))
    try:
        stroked = _stroked(page, seed_map)
    finally:
        page.close()
    # Where the land stops (the edge of what the page carries) there is sea or land, not a line: the
    # rows and columns along it are stroked only where coasts and borders reach it (a quarter of
    # the northern edge, across Norway's fjords), not all along as an outline of the box would be.
    edges = [stroked[:4].mean(axis=1), stroked[-4:].mean(axis=1), stroked[:, :4].mean(axis=0), stroked[:, -4:].mean(axis=0)]
    assert max(edge.max() for edge in edges) < 0.5, [round(float(edge.max()), 2) for edge in edges]


def _stroked_segments(svg: str) -> tuple[list[str], np.ndarray]:
    """Every straight stretch the SVG picture's base map strokes: the feature's name for each, and
    the stretches as an array of (x0, y0, x1, y1)."""
    names, stretches = [], []
    for group in ElementTree.fromstring(svg).iter(f"{SVG}g"):
        if group.get("stroke") in (None, "none") or group.get("id") not in ("land", "departments", "outlines"):
            continue
        for path in group.iter(f"{SVG}path"):
            for run in path.get("d").replace("Z", "").split("M")[1:]:
                points = np.array([[float(v) for v in pair.split()] for pair in run.split("L")])
                stretches.append(np.hstack([points[:-1], points[1:]]))
                names.extend([path.get("data-name")] * (len(points) - 1))
    return names, np.concatenate(stretches)


@pytest.mark.browser
@pytest.mark.parametrize("view", [None, (1, 10, 0)], ids=["opening", "zoomed out"])
def test_the_svg_strokes_no_cut_and_no_line_across_the_map(browser, wide_map, seed_map, view):
    for page_path in (wide_map, seed_map):
        page = _open(browser, page_path, view)
        try:
            svg = page.evaluate(contract.SVG_SCRIPT)
            left, top, right, bottom = _box_on_screen(page, page_path)
            width = page.evaluate("() => window.mapgenState.map.getSize().x")
        finally:
            page.close()
        names, stretches = _stroked_segments(svg)
        assert len(names) > 1000
        x0, y0, x1, y1 = stretches.T
        length = np.hypot(x1 - x0, y1 - y0)
        longest = int(length.argmax())
        assert length[longest] < width / 3, f"{page_path.parent.name}: {names[longest]} strokes a line {length[longest]:.0f} px long"
        along = np.zeros(len(names), dtype=bool)
        for x in (left, right):
            along |= (np.abs(x0 - x) < 0.6) & (np.abs(x1 - x) < 0.6)
        for y in (top, bottom):
            along |= (np.abs(y0 - y) < 0.6) & (np.abs(y1 - y) < 0.6)
        cut = np.flatnonzero(along & (length > 2))
        assert not len(cut), f"{page_path.parent.name}: {names[cut[0]]} stroked along the edge of the carried box"
