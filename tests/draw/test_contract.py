"""The page's contract lives in mapgen/draw/contract.py: the page is given its names and uses no other."""

from __future__ import annotations

import json
import re

from mapgen.draw import contract
from tests.helpers import ROOT

STATIC = ROOT / "mapgen" / "draw" / "static"


def test_the_page_script_names_no_part_of_the_contract_itself():
    script = (STATIC / "mapgen.js").read_text(encoding="utf-8")
    names = [value for value in contract.CONTRACT.values() if isinstance(value, str)] + list(contract.HASH.values())
    for name in names:
        if name == contract.SNAPSHOT_CLASS:
            continue  # a class the stylesheet styles; the script never sets it
        assert not re.search(rf"[\"'.]{re.escape(name)}[\"']", script), f"mapgen.js names {name!r}: read it from config.contract"


def test_the_stylesheet_hides_the_controls_under_the_snapshot_class():
    assert f"body.{contract.SNAPSHOT_CLASS} .leaflet-control-zoom" in (STATIC / "mapgen.css").read_text(encoding="utf-8")


def test_the_page_is_given_every_config_key_and_the_contract(seed_map):
    html = seed_map.read_text(encoding="utf-8")
    config = json.loads(re.search(r"mapgen\.start\(\w+, (\{.*\})\);", html)[1])
    assert set(config) == {*contract.CONFIG_KEYS, contract.CONTRACT_KEY}
    assert config[contract.CONTRACT_KEY] == contract.CONTRACT
    for element in (contract.INCIDENTS_ID, contract.UNPLACED_ID, contract.BASEMAP_ID, contract.LABELS_ID):
        assert f'id="{element}"' in html


def test_a_config_with_a_key_the_contract_does_not_name_is_refused():
    values = dict.fromkeys(contract.CONFIG_KEYS)
    try:
        contract.page_config(**values, zoom=3)
    except ValueError as error:
        assert "zoom" in str(error)
    else:
        raise AssertionError("an unknown key reached the page")
