"""The page itself: reproducible bytes, categories, tiles, and data that cannot break out."""

from __future__ import annotations

import json
import re

import pandas as pd

import mapgen
from mapgen.draw.categories import KNOWN_CATEGORIES, category_styles
from tests.helpers import SEED_INCIDENTS, SEED_PLACES


def located_frame(rows):
    table = mapgen.incidents_from_frame(pd.DataFrame(rows))
    assert not table.rejected, table.problems()
    return mapgen.locate(table.incidents)


def test_the_same_input_gives_byte_identical_pages(run, tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    assert run("build", SEED_INCIDENTS, "-o", first, "--title", "T").exit_code == 0
    assert run("build", SEED_INCIDENTS, "-o", second, "--title", "T").exit_code == 0
    assert first.read_bytes() == second.read_bytes()
    assert not re.search(r"[0-9a-f]{32}", first.read_text(encoding="utf-8")[-20000:])  # no random folium ids


def test_known_categories_have_distinct_colours_and_shapes():
    styles = list(KNOWN_CATEGORIES.values())
    assert len({s.colour for s in styles}) == len(styles)
    assert len({s.shape for s in styles}) == len(styles)


def test_unknown_categories_get_their_own_style_not_an_error():
    styles = category_styles(["arson", "hunger strike", "sabotage", "kidnapping"] + [f"kind {i}" for i in range(12)])
    assert [s.key for s in styles][:1] == ["arson"]
    assert len({(s.colour, s.shape) for s in styles}) == len(styles)
    assert any(s.label == "Hunger strike" for s in styles)


def test_template_syntax_in_the_data_is_never_evaluated(tmp_path):
    description = "{% for x in range(3) %}loop{% endfor %} {{ 6 * 7 }}"
    located = located_frame([{"date": "2025-04-16", "category": "{{ 6 * 7 }}", "place": "Agen", "description": description}])
    html = mapgen.map_html(mapgen.render_map(located, title="{{ 6 * 7 }}", subtitle="{# comment #}"))
    data = json.loads(re.search(r'id="mapgen-incidents">(.*?)</script>', html, re.S)[1])
    assert data["features"][0]["properties"]["description"] == description
    assert "<h1>{{ 6 * 7 }}</h1>" in html and "{# comment #}" in html
    assert '"label": "{{ 6 * 7 }}"' in html  # the legend's label, as written
    assert "looplooploop" not in html


def test_embedded_data_cannot_close_its_script_element():
    located = located_frame([{"date": "2025-04-16", "category": "arson", "place": "Agen", "description": "</script><script>alert(1)</script> <!-- &amp;"}])
    html = mapgen.map_html(mapgen.render_map(located))
    data = re.search(r'<script type="application/geo\+json" id="mapgen-incidents">(.*?)</script>', html, re.S)[1]
    assert json.loads(data)["features"][0]["properties"]["description"].startswith("</script><script>alert(1)")
    assert "alert(1)</script>" not in html


def test_tiles_by_provider_name_with_their_attribution(tmp_path):
    located = mapgen.locate(mapgen.load_incidents(SEED_INCIDENTS), places=SEED_PLACES)
    html = mapgen.map_html(mapgen.render_map(located, tiles="OpenTopoMap"))
    assert "tile.opentopomap.org" in html and "OpenStreetMap" in html and "SRTM" in html
    none = mapgen.map_html(mapgen.render_map(located, tiles="none"))
    assert "L.tileLayer" not in none


def test_caption_names_sources_and_an_as_of_date_from_the_data():
    located = mapgen.locate(mapgen.load_incidents(SEED_INCIDENTS), places=SEED_PLACES)
    html = mapgen.map_html(mapgen.render_map(located, lang="en"))
    caption = re.search(r'<p class="mapgen-caption">(.*?)</p>', html)[1]
    assert "Tarascon prosecutor Laurent Gumbau via AFP" in caption
    assert caption.endswith("and 2 more. Data as of 16 April 2025.")
    assert "Data as of 1 May 2025." in mapgen.map_html(mapgen.render_map(located, as_of="2025-05-01", lang="en"))


def test_the_map_displays_inline_in_jupyter():
    located = mapgen.locate(mapgen.load_incidents(SEED_INCIDENTS), places=SEED_PLACES)
    html = mapgen.render_map(located)._repr_html_()
    assert "<iframe" in html and "mapgen-incidents" in html


def test_a_tile_provider_that_needs_a_key_says_so(run, tmp_path):
    result = run("build", "-o", tmp_path / "map.html", "--tiles", "CartoDB.Positron")
    assert result.exit_code == 2 and "--tiles-key" in result.stderr
    assert run("build", "-o", tmp_path / "map.html", "--tiles", "CartoDB.Positron", "--tiles-key", "k3y").exit_code == 0
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "basemaps.cartocdn.com" in html and "key=k3y" in html and "CARTO" in html
