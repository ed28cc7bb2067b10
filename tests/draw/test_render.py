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


# -- the reporter's words stay ----------------------------------------------------------------------

def _page(html: str) -> tuple[dict, list[dict]]:
    """A page's config and the names its offline map carries."""
    from mapgen.draw import contract

    config = json.loads(re.search(r"mapgen\.start\(\w+, (\{.*\})\);", html)[1])
    labels = json.loads(re.search(rf'id="{contract.LABELS_ID}">(.*?)</script>', html, re.S)[1])
    return config, labels


def test_the_legend_and_popups_show_the_category_as_written_kindred_words_share_a_style(tmp_path):
    from tests.read.test_kept_tables import KEPT

    html = mapgen.map_html(mapgen.render_map(mapgen.locate(mapgen.load_incidents(KEPT / "ap_style.csv"))))
    config, _ = _page(html)
    styles = {style["key"]: style for style in config["categories"]}
    assert {key: style["label"] for key, style in styles.items()} == {"Arson": "Arson", "Fire": "Fire", "Gunfire": "Gunfire",
                                                                      "Vandalism": "Vandalism"}
    assert (styles["Fire"]["colour"], styles["Fire"]["shape"]) == (styles["Arson"]["colour"], styles["Arson"]["shape"]) == ("#D55E00", "triangle")
    assert styles["Gunfire"]["shape"] == "cross" and "Shooting" not in html and "Vandalism / graffiti" not in html
    data = json.loads(re.search(r'id="mapgen-incidents">(.*?)</script>', html, re.S)[1])
    assert [feature["properties"]["category"] for feature in data["features"]] == ["Gunfire", "Vandalism", "Fire", "Arson"]


def test_a_word_of_no_known_kind_keeps_a_style_of_its_own():
    from mapgen.draw.categories import kind_of

    assert [kind_of(word) for word in ("Gunfire", "Incendie", "shot and Tasered", "Riots/Protests", "Brandanschlag", "Kidnapping")] == [
        "shooting", "arson", "shooting", "protest", "arson", ""]


def test_the_map_names_an_incident_with_the_place_as_the_table_writes_it(tmp_path):
    table = mapgen.incidents_from_frame(pd.DataFrame([
        {"date": "2025-04-16", "category": "Incendie", "place": "Bouches-du-Rhône", "country": "FR"},  # placed at Marseille, its prefecture
        {"date": "2025-04-16", "category": "Incendie", "place": "Tarascon prison", "country": "FR"},
    ]))
    located = mapgen.locate(table.incidents, places=SEED_PLACES)
    assert located["latitude"].round(2).tolist()[0] == 43.3  # drawn at Marseille, which the map must not name as the place
    _, labels = _page(mapgen.map_html(mapgen.render_map(located)))
    named = {label["name"] for label in labels if label["always"]}
    assert named == {"Bouches-du-Rhône", "Tarascon prison"}


def test_validate_says_how_each_category_is_styled(run):
    from tests.read.test_kept_tables import KEPT

    result = run("validate", KEPT / "france_nature_lien.csv")
    assert result.exit_code == 0, result.output
    assert "category 'Incendie' (2 row(s)): triangle, #D55E00, the style of arson" in result.stdout
    assert "category 'Tags' (1 row(s)): diamond, #882255, the style of vandalism" in result.stdout
