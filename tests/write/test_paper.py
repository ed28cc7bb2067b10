"""Snapshots on paper (--paper) and the SVG's clip to the map's frame: the sheets' sizes, the
PDF's page as Chromium writes it, and the SVG as a browser draws it."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from mapgen.errors import ConfigurationError
from mapgen.write import SnapshotOptions
from mapgen.write.paper import PAPERS, paper_named
from mapgen.write.vector import FRAME_CLIP_ID, MAP_GROUPS, framed_svg
from tests.write.test_outputs import SVG, run_apart

LAND = (244, 243, 238)  # the offline base map's land, as vectorBasemap fills it
WHITE = (255, 255, 255)
# The page's SVG in small: the map's groups, which run past the 300 x 200 frame, and a panel.
PAGE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 300 200" font-size="12">'
    '<title>Prisons</title><rect id="sea" width="100%" height="100%" fill="#d7e6f0"/>'
    '<g id="land"><path d="M-50 -50L350 -50L350 250Z"/></g><g id="outlines"/><g id="departments"/><g id="towns"/><g id="incidents"/>'
    '<g id="legend"><rect x="200" y="10" width="90" height="40"/></g></svg>'
)


def _mediabox(pdf: bytes) -> tuple[float, float]:
    """The first page's width and height in points, as Chromium writes them: /MediaBox [0 0 595.91998 841.91998]."""
    corners = [float(n) for n in re.search(rb"/MediaBox\s*\[\s*([-\d.\s]+)\]", pdf)[1].split()]
    return corners[2] - corners[0], corners[3] - corners[1]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def test_the_sheets_in_millimetres_and_in_css_pixels():
    a4 = paper_named("A4")
    assert (a4.width_mm, a4.height_mm) == (210, 297)
    assert [round(n, 1) for n in a4.size_px] == [793.7, 1122.5]  # 96 CSS pixels to the inch
    assert a4.printable_px == (702, 1031)  # 186 x 273 mm inside 12 mm margins, rounded down
    assert paper_named("letter-landscape").printable_px == (965, 725)  # 11 x 8.5 inches less 24 mm each way
    assert paper_named("letter").pdf_layout() == {"width": "8.500000in", "height": "11.000000in", "margin": dict.fromkeys(
        ("top", "right", "bottom", "left"), "0.472441in")}
    assert set(PAPERS) == {"a4", "a4-landscape", "letter", "letter-landscape"}


def test_a_sheet_sets_the_frame_and_a_mistyped_one_is_told_with_the_choices():
    assert SnapshotOptions(paper="A4-Landscape").paper == "a4-landscape"
    assert SnapshotOptions(width=900, height=500, paper="a4").frame == (702, 1031)
    assert SnapshotOptions(width=900, height=500).frame == (900, 500)
    with pytest.raises(ConfigurationError, match="choose a4, a4-landscape, letter, letter-landscape"):
        SnapshotOptions(paper="a5")


def test_the_map_groups_are_clipped_to_the_frame_and_the_panels_are_not():
    root = ElementTree.fromstring(framed_svg(PAGE_SVG))
    clip = root.find(f"{SVG}defs/{SVG}clipPath[@id='{FRAME_CLIP_ID}']/{SVG}rect")
    assert [clip.get(name) for name in ("x", "y", "width", "height")] == ["0", "0", "300", "200"]
    clipped = {g.get("id") for g in root.iter(f"{SVG}g") if g.get("clip-path") == f"url(#{FRAME_CLIP_ID})"}
    assert clipped == set(MAP_GROUPS)
    assert root.find(f"{SVG}rect[@id='sea']").get("width") == "300"  # the frame's, not the viewport's it is placed in
    assert [child.tag for child in root][:2] == [f"{SVG}title", f"{SVG}defs"]
    assert (root.get("width"), root.get("viewBox")) == ("300", "0 0 300 200")


def test_on_a_sheet_the_map_sits_inside_the_margins():
    root = ElementTree.fromstring(framed_svg(PAGE_SVG, paper_named("letter")))
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("215.9mm", "279.4mm", "0 0 816 1056")
    assert root.find(f"{SVG}title").text == "Prisons"
    assert root.find(f"{SVG}g[@id='map']").get("transform") == "translate(45.35 45.35)"
    assert {g.get("id") for g in root.find(f"{SVG}g[@id='map']")} >= {"land", "legend"}


def test_paper_with_a_png_is_refused_in_one_line(run, tmp_path, seed_map):
    result = run("snapshot", seed_map, "--paper", "a4", "-o", tmp_path / "map.png")
    assert result.exit_code == 2
    assert result.stderr == f"mapgen: error: {tmp_path / 'map.png'}: a PNG has no paper size; write a .pdf or an .svg for --paper, or drop --paper.\n"
    assert not (tmp_path / "map.png").exists()


def test_paper_with_a_size_in_pixels_is_refused(run, tmp_path, seed_map):
    result = run("snapshot", seed_map, "--paper", "letter", "--width", "900", "-o", tmp_path / "map.pdf")
    assert result.exit_code == 2 and "drop --width and --height, or --paper" in result.stderr
    result = run("snapshot", seed_map, "--paper", "a3", "-o", tmp_path / "map.pdf")
    assert result.exit_code == 2 and "--paper 'a3': choose a4" in result.stderr


def test_the_help_names_every_sheet(run):
    help_text = " ".join(run("snapshot", "--help").stdout.split())
    for name in PAPERS:
        assert name in help_text


@pytest.mark.browser
@pytest.mark.parametrize("paper, points", [("a4", (595.28, 841.89)), ("a4-landscape", (841.89, 595.28)), ("letter", (612, 792))])
def test_a_pdf_on_paper_is_one_page_of_that_size(tmp_path, seed_map, paper, points):
    output = tmp_path / "map.pdf"
    code, printed = run_apart("snapshot", seed_map, "--numbered", "--offline", "--paper", paper, "-o", output)
    assert code == 0, printed
    pdf = output.read_bytes()
    assert _pages(pdf) == 1
    assert _mediabox(pdf) == pytest.approx(points, abs=1)  # Chromium writes A4 as 595.92 x 841.92


@pytest.mark.browser
def test_a_pdf_without_paper_is_the_size_of_the_frame(tmp_path, seed_map):
    output = tmp_path / "map.pdf"
    assert run_apart("snapshot", seed_map, "--offline", "--width", "960", "--height", "600", "-o", output)[0] == 0
    assert _mediabox(output.read_bytes()) == pytest.approx((720, 450), abs=1)  # 960 x 600 CSS pixels


def _drawn(browser, svg_text: str, *, margin: int = 0):
    """A tab showing the SVG inline, at one CSS pixel to a unit of its viewBox, with what lies
    outside its canvas shown (as a layout program shows it) margin pixels around."""
    tab = browser.new_page(viewport={"width": 1000, "height": 1300})
    tab.set_content(f'<body style="margin:{margin}px;background:#fff"><style>svg {{ overflow: visible; display: block }}</style>{svg_text}</body>')
    return tab


@pytest.mark.browser
def test_an_svg_on_a4_measures_the_sheet_and_draws_nothing_outside_the_margins(seed_map, tmp_path, browser):
    from io import BytesIO

    from PIL import Image

    output = tmp_path / "map.svg"
    code, printed = run_apart("snapshot", seed_map, "--numbered", "--offline", "--paper", "a4", "-o", output)
    assert code == 0, printed
    text = output.read_text(encoding="utf-8")
    root = ElementTree.fromstring(text)
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("210mm", "297mm", "0 0 793.7 1122.52")
    clip = root.find(f".//{SVG}clipPath[@id='{FRAME_CLIP_ID}']/{SVG}rect")
    # The page was composed for the printable area: the map across its width, the key in a band under it.
    assert root.get("viewBox") and clip.get("width") == "702" and 500 < float(clip.get("height")) < 1031
    key = root.find(f".//{SVG}g[@id='key']/{SVG}rect")
    assert float(clip.get("height")) <= float(key.get("y")) + 1 and float(key.get("y")) + float(key.get("height")) <= 1031 + 1
    assert root.find(f"{SVG}g[@id='map']").get("transform") == "translate(45.35 45.35)"
    inside = (45.35, 45.35, 45.35 + 702, 45.35 + 1031)
    tab = _drawn(browser, text)
    # Every shape, text and nested picture outside the clipped groups, where the browser draws it.
    boxes = tab.evaluate("""() => {
        const root = document.querySelector('svg');
        const shapes = root.querySelectorAll('#map rect, #map circle, #map path, #map text, #map line, #map polygon, #map svg');
        return [...shapes].filter(e => !e.closest('[clip-path]') && e.parentElement.closest('svg') === root).map(e => {
            const r = e.getBoundingClientRect();
            return [e.tagName + ' ' + (e.id || e.textContent.slice(0, 30)), r.left, r.top, r.right, r.bottom];
        }).filter(b => b[3] > b[1] && b[4] > b[2]);
    }""")
    assert len(boxes) > 20  # the sea, the title, the legend, the key
    outside = [box for box in boxes if box[1] < inside[0] - 0.5 or box[2] < inside[1] - 0.5 or box[3] > inside[2] + 0.5 or box[4] > inside[3] + 0.5]
    assert outside == []
    picture = Image.open(BytesIO(tab.screenshot(clip={"x": 0, "y": 0, "width": 794, "height": 1123}))).convert("RGB")
    tab.close()
    margins = [picture.getpixel((x, y)) for y in range(0, 1123, 3) for x in range(0, 794, 3)
               if not (inside[0] - 1 < x < inside[2] + 1 and inside[1] - 1 < y < inside[3] + 1)]  # the frame's edge antialiased
    assert set(margins) == {WHITE}  # the land and the pills stop at the map's frame
    assert LAND in {picture.getpixel((x, 500)) for x in range(60, 740)}  # and the map is there


@pytest.mark.browser
def test_an_svg_without_paper_clips_the_land_to_the_frame(seed_map, tmp_path, browser):
    from io import BytesIO

    from PIL import Image

    output = tmp_path / "map.svg"
    code, printed = run_apart("snapshot", seed_map, "--offline", "--width", "960", "--height", "600", "-o", output)
    assert code == 0, printed
    text = output.read_text(encoding="utf-8")
    root = ElementTree.fromstring(text)
    width, height = 640, 600  # the map beside the list of incidents, which is no part of the SVG
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == (str(width), str(height), f"0 0 {width} {height}")
    clip = root.find(f"{SVG}defs/{SVG}clipPath[@id='{FRAME_CLIP_ID}']/{SVG}rect")
    assert [clip.get(name) for name in ("x", "y", "width", "height")] == ["0", "0", str(width), str(height)]
    assert root.find(f"{SVG}g[@id='land']").get("clip-path") == f"url(#{FRAME_CLIP_ID})"
    tab = _drawn(browser, text, margin=100)
    picture = Image.open(BytesIO(tab.screenshot(clip={"x": 0, "y": 0, "width": width + 200, "height": height + 200}))).convert("RGB")
    tab.close()
    around = {picture.getpixel((x, y)) for y in range(0, height + 200, 4) for x in range(0, width + 200, 4)
              if not (99 < x < width + 101 and 99 < y < height + 101)}
    assert LAND not in around  # France's neighbours are drawn to the frame's edge and no further
    assert LAND in {picture.getpixel((x, 400)) for x in range(100, width + 100)}
