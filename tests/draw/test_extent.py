"""The frame of the map (--extent) and the inset locator map for a small or faraway frame."""

from __future__ import annotations

import pytest

import mapgen
from mapgen.draw import contract
from mapgen.draw.extent import parse_extent
from mapgen.errors import ConfigurationError

CORSICA = "id,date,category,place,country\nc1,2025-04-16,arson,Ajaccio,FR\nc2,2025-04-17,arson,Bastia,FR\nc3,2025-04-18,shooting,Porto-Vecchio,FR\n"
REUNION = "id,date,category,place,country\nr1,2025-04-16,arson,Saint-Denis (La Réunion),FR\nr2,2025-04-17,arson,Saint-Pierre (La Réunion),FR\n"


def test_a_country_extent_is_its_mainland_with_its_near_islands():
    west, south, east, north = parse_extent("france")
    assert west < -4.7 and east > 9.5 and south < 41.4 and north > 51.0  # Brittany to Corsica, Perpignan to Dunkirk
    assert west > -6 and south > 41  # neither French Guiana nor La Réunion
    assert parse_extent("FR") == parse_extent("France")
    assert parse_extent("auto") is None and parse_extent(None) is None
    assert parse_extent("-5.2, 41.3, 9.6, 51.1") == (-5.2, 41.3, 9.6, 51.1)


@pytest.mark.parametrize("text", ["Narnia", "1,2,3", "10,41,-9,51", "0,95,1,96"])
def test_a_wrong_extent_says_what_is_accepted(text):
    with pytest.raises(ConfigurationError, match="west,south,east,north"):
        parse_extent(text)


def test_a_mistyped_extent_ends_in_one_line_before_any_work(run, tmp_path):
    output = tmp_path / "map.html"
    output.write_text("the map before", encoding="utf-8")
    result = run("build", "-o", output, "--extent", "Frnace")
    assert result.exit_code == 2
    assert result.output.startswith("mapgen: error: --extent 'Frnace'") and "Traceback" not in result.output
    assert output.read_text(encoding="utf-8") == "the map before"


def _map(tmp_path, text: str, **options):
    table = tmp_path / "incidents.csv"
    table.write_text(text, encoding="utf-8")
    located = mapgen.locate(mapgen.load_incidents(table))
    assert located["latitude"].notna().all()
    output = tmp_path / "map.html"
    output.write_text(mapgen.map_html(mapgen.render_map(located, **options)), encoding="utf-8")
    return output


FRAME = """() => { const r = document.querySelector('#mapgen-inset .mapgen-inset-frame'),
                       s = document.querySelector('#mapgen-inset svg');
                   return r && [+r.getAttribute('x'), +r.getAttribute('y'), +r.getAttribute('width'),
                                +r.getAttribute('height'), +s.getAttribute('width'), +s.getAttribute('height')]; }"""


@pytest.mark.browser
def test_corsica_gets_an_inset_of_france_with_the_frame_in_its_south_east(tmp_path, open_map):
    page = open_map(_map(tmp_path, CORSICA)).page
    x, y, width, height, inset_width, inset_height = page.evaluate(FRAME)
    assert x + width / 2 > 0.7 * inset_width and y + height / 2 > 0.7 * inset_height  # Corsica, bottom right of France
    assert width < inset_width / 2  # the frame is a part of the inset, not all of it


@pytest.mark.browser
def test_la_reunion_gets_an_inset_with_france_and_a_visible_frame(tmp_path, open_map):
    page = open_map(_map(tmp_path, REUNION)).page
    x, y, width, height, inset_width, inset_height = page.evaluate(FRAME)
    assert width >= 6 and height >= 6  # too small to see at that scale: drawn at least 6 pixels wide
    assert y > inset_height / 2  # far south of France


@pytest.mark.browser
def test_a_country_wide_map_needs_no_inset(seed_map, open_map):
    page = open_map(seed_map).page
    assert page.query_selector("#mapgen-inset") is None


@pytest.mark.browser
def test_extent_france_frames_the_mainland_whatever_the_incidents(tmp_path, open_map):
    page = open_map(_map(tmp_path, CORSICA, extent=parse_extent("france")), expose=True).page
    bounds = page.evaluate(f"() => {{ const b = {contract.STATE}.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }}")
    west, south, east, north = parse_extent("france")
    assert bounds[0] <= west and bounds[1] <= south and bounds[2] >= east and bounds[3] >= north
    assert bounds[2] - bounds[0] < 3 * (east - west)  # framed on France, not the world
    assert page.query_selector("#mapgen-inset") is None  # the frame is the mainland: nothing to locate


@pytest.mark.browser
def test_the_svg_picture_carries_the_inset(tmp_path, open_map):
    from xml.etree import ElementTree

    page = open_map(_map(tmp_path, CORSICA)).page
    root = ElementTree.fromstring(page.evaluate(contract.SVG_SCRIPT))
    inset = root.find(".//{http://www.w3.org/2000/svg}g[@id='inset']")
    assert inset is not None and inset.find(".//{http://www.w3.org/2000/svg}rect[@class='mapgen-inset-frame']") is not None
