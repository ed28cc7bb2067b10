"""The page's words come from its language's file: complete in every language, none written in the script."""

from __future__ import annotations

import json
import re
import string

import pandas as pd
import pytest

import mapgen
from mapgen.draw.i18n import languages, page_language, strings, written_day
from tests.helpers import ROOT

STATIC = ROOT / "mapgen" / "draw" / "static"
SCRIPT = (STATIC / "mapgen.js").read_text(encoding="utf-8")

# Words in the script's strings that are code, not interface: GeoJSON's types, DOM keys and events.
CODE_WORDS = {"Feature", "FeatureCollection", "Point", "MultiPolygon", "MultiLineString", "Enter", "Escape", "IMG", "NFD", "DOMContentLoaded"}
EVENT_WORDS = {"zoomend", "moveend", "popupopen", "popupclose", "noopener", "noreferrer"}


def leaves(tree: dict, prefix: str = "") -> dict[str, object]:
    """Every text of a language by its dotted key; a plural is one leaf (its forms and its number)."""
    found = {}
    for key, value in tree.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict) and "plural" not in value and key != "dayOfMonth" and key != "columns":
            found.update(leaves(value, path + "."))
        else:
            found[path] = value
    return found


def blanks(value) -> set[str]:
    texts = [v for k, v in value.items() if k != "plural"] if isinstance(value, dict) else [value]
    return {name for text in texts if isinstance(text, str) for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", [lang for lang in languages() if lang != "en"])
def test_every_english_text_is_translated_with_the_same_blanks(lang):
    english, other = leaves(strings("en")), leaves(strings(lang))
    assert set(english) - set(other) == set(), f"{lang}.json lacks these keys"
    assert set(other) - set(english) == set(), f"{lang}.json has keys English does not"
    for key, value in english.items():
        if key in ("code", "language", "countries", "dates.dayOfMonth"):
            continue
        assert other[key], key
        assert blanks(other[key]) == blanks(value), key  # a translation fills the same blanks, no more, no fewer
        if isinstance(value, dict) and "plural" in value:
            assert value["plural"] in blanks(value) and other[key]["plural"] in blanks(value), key
            assert {"one", "other"} <= set(other[key]), key
    assert len(strings(lang)["dates"]["months"]) == 12
    assert strings("en")["columns"].keys() == strings(lang)["columns"].keys()


def test_english_and_french_are_there():
    assert {"en", "fr"} <= set(languages())


def test_every_text_the_script_asks_for_exists_in_english():
    english = leaves(strings("en"))
    sections = {key.rsplit(".", 1)[0] for key in english} | {key.rsplit(".", 2)[0] for key in english if key.count(".") > 1}
    tops = "|".join(key for key, value in strings("en").items() if isinstance(value, dict))
    asked = re.findall(rf"""["']((?:{tops})\.[\w.]*)["']""", SCRIPT)  # every literal that is a key: t("popup.when"), ["…", "map.zoomIn"]
    assert len(asked) > 60
    for key in asked:
        if key.endswith("."):  # a key completed in code: "precision." + the incident's precision
            assert key[:-1] in sections or key[:-1] in english, key
        else:
            assert key in english, key


def script_strings(script: str) -> list[str]:
    """The string literals of the script, comments left out."""
    script = re.sub(r"/\*.*?\*/", "", script, flags=re.S)
    script = re.sub(r"^\s*//.*$", "", script, flags=re.M)
    script = re.sub(r"\s//\s.*$", "", script, flags=re.M)
    script = re.sub(r"/\[[^\]\n]*\]/[gimsuy]*", "", script)  # a regular expression's class may hold quote marks
    script = script.replace('"use strict"', "")
    return [a or b for a, b in re.findall(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'', script)]


def interface_words(literal: str) -> list[str]:
    """The words of a literal that a reader would read: outside markup, neither code nor identifiers."""
    text = re.sub(r"<[^>]*>", " ", literal)
    text = re.sub(r"[\w-]+=\S*", " ", text)
    words = [word for word in re.split(r"\s+", text) if re.fullmatch(r"[^\W\d_]{2,}", word)]
    capitalised = [w for w in words if w[0].isupper() and w not in CODE_WORDS]
    plain = [w for w in words if w.islower() and w not in EVENT_WORDS]
    return capitalised + (plain if len(plain) >= 2 else [])


def test_no_interface_text_is_written_in_the_script():
    found = {literal for literal in script_strings(SCRIPT) if interface_words(literal)}
    assert found == set(), f"mapgen.js writes these itself; put them in i18n/en.json: {sorted(found)}"


def test_the_check_finds_interface_text_when_there_is_some():
    assert interface_words("Legend") and interface_words("dashed ring: approximate position")
    assert interface_words("▶ Play") and interface_words("Show more (")
    assert not interface_words("mapgen-legend leaflet-bar") and not interface_words("zoomend moveend")
    assert not interface_words('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">')
    assert interface_words(script_strings('x = "Full screen"; // a comment\n')[0])


def located_in(countries: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"country": countries, "latitude": 45.0, "longitude": 5.0})


def test_the_language_follows_the_country_that_dominates_the_data():
    assert page_language(None, located_in(["FR"] * 6)) == "fr"
    assert page_language(None, located_in(["FR"] * 4 + ["BE"])) == "fr"
    assert page_language(None, located_in(["SN", "SN", "ML"])) == "fr"  # Senegal: French
    assert page_language(None, located_in(["FR", "DE", "ES", "IT"])) == "en"  # none dominates
    assert page_language(None, located_in(["DE"] * 5)) == "en"  # no German translation
    assert page_language(None, pd.DataFrame({"latitude": [45.0]})) == "en"  # no country column
    assert page_language("en", located_in(["FR"] * 6)) == "en"  # asked for wins


def test_a_day_is_written_the_language_way():
    assert written_day("2025-04-15", strings("fr")) == "15 avril 2025"
    assert written_day("2025-05-01", strings("fr")) == "1er mai 2025"
    assert written_day("2025-05-01", strings("en")) == "1 May 2025"


def test_the_page_says_its_language_and_writes_french_for_french_data(seed_located):
    html = mapgen.map_html(mapgen.render_map(seed_located))
    assert '<html lang="fr">' in html
    assert "Données à jour au 16 avril 2025." in html and 'aria-label="Liste des incidents"' in html
    config = json.loads(re.search(r"mapgen\.start\(\w+, (\{.*\})\);", html)[1])
    assert config["lang"] == "fr" and config["text"]["legend"]["heading"] == "Légende"
    assert '<html lang="en">' in mapgen.map_html(mapgen.render_map(seed_located, lang="en"))


def test_an_unknown_language_is_refused_with_the_ones_there_are(run, tmp_path):
    result = run("build", "-o", tmp_path / "map.html", "--lang", "xx")
    assert result.exit_code == 2
    assert "--lang 'xx'" in result.stderr and "en, fr" in result.stderr
    assert not (tmp_path / "map.html").exists()
    assert run("build", "-o", tmp_path / "map.html", "--lang", "en-GB").exit_code == 0
    assert '<html lang="en">' in (tmp_path / "map.html").read_text(encoding="utf-8")
