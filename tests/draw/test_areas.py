"""--by-region in Python: which area each incident counts for, the outlines carried, the classes."""

from __future__ import annotations

import numpy as np
import pandas as pd

import mapgen
from mapgen.draw.areas import OUTSIDE, WIDER, _inside, area_layer, count_classes
from mapgen.draw.basemap import unpack
from tests.helpers import ROOT

SEED_AREAS = {  # the seed incidents' departments, as the prefectures and prosecutors name them
    "agen-enap-2025-04-13": "Lot-et-Garonne",
    "nanterre-2025-04-14": "Hauts-de-Seine",
    "villenoy-2025-04-15": "Seine-et-Marne",
    "toulon-2025-04-15": "Var",
    "tarascon-2025-04-16": "Bouches-du-Rhône",
    "aix-luynes-union-home-2025-04-15": "Bouches-du-Rhône",  # placed only at the department: counted there
}


def areas_by_id(located: pd.DataFrame, bounds=None) -> tuple[dict, dict, dict]:
    placed = located.dropna(subset=["latitude", "longitude"])
    config, data = area_layer(placed, bounds)
    names = [feature["properties"]["name"] for feature in data["features"]]
    found = {incident: (names[i] if i >= 0 else i) for incident, i in zip(placed["id"], data["areas"])}
    return config, data, found


def test_each_seed_incident_counts_for_its_department(seed_located):
    config, data, found = areas_by_id(seed_located)
    assert config["level"] == "department"
    assert found == SEED_AREAS
    # Only the departments with incidents are carried, with Natural Earth's outline, under the reference table's name.
    assert sorted(f["properties"]["code"] for f in data["features"]) == ["FR-13", "FR-47", "FR-77", "FR-83", "FR-92"]
    assert config["classes"] == [{"from": 1, "to": 1, "colour": "#ffffb2"}, {"from": 2, "to": 2, "colour": "#bd0026"}]
    bouches_du_rhone = [np.array(ring) for ring in unpack(data)["features"][0]["geometry"]["coordinates"][0]]
    towns = np.array([[5.3698, 43.2965], [4.6603, 43.8058], [4.3601, 43.8367], [5.9280, 43.1242]])  # Marseille, Tarascon, Nîmes, Toulon
    assert _inside(towns, bouches_du_rhone).tolist() == [True, True, False, False]


def frame(rows: list[dict]) -> pd.DataFrame:
    table = mapgen.incidents_from_frame(pd.DataFrame(rows))
    assert not table.rejected, table.problems()
    return mapgen.locate(table.incidents)


def test_a_region_wider_than_a_department_is_counted_for_none_and_abroad_is_outside():
    located = frame([
        {"id": "paris", "date": "2025-04-15", "place": "Paris", "country": "FR"},
        {"id": "idf", "date": "2025-04-15", "place": "Île-de-France", "country": "FR"},  # placed at Paris, but no department
        {"id": "s77", "date": "2025-04-15", "place": "Seine-et-Marne", "country": "FR"},  # at Melun: its department
        {"id": "lyon", "date": "2025-04-15", "place": "Lyon", "country": "FR"},
        {"id": "geneva", "date": "2025-04-15", "place": "Geneva", "country": "CH"},
    ])
    _, _, found = areas_by_id(located)
    assert found == {"paris": "Paris", "idf": WIDER, "s77": "Seine-et-Marne", "lyon": "Rhône", "geneva": OUTSIDE}


def test_acled_region_precision_names_its_department():
    located = mapgen.locate(mapgen.load_incidents(ROOT / "tests" / "data" / "published" / "acled.csv"))
    _, _, found = areas_by_id(located)
    assert found == {"FRA15001": "Bouches-du-Rhône", "FRA15002": "Lot-et-Garonne", "FRA15003": "Seine-Saint-Denis"}


def test_without_a_dominant_country_the_areas_are_countries():
    located = frame([
        {"id": "a", "date": "2025-04-15", "place": "Berlin", "country": "DE"},
        {"id": "b", "date": "2025-04-15", "place": "Hamburg", "country": "DE"},
        {"id": "c", "date": "2025-04-15", "place": "Brussels", "country": "BE"},
        {"id": "d", "date": "2025-04-15", "place": "Bavaria", "country": "DE"},  # a state: counted for its country
        {"id": "e", "date": "2025-04-15", "place": "Marseille", "country": "FR"},  # a port on the coast
    ])
    config, data, found = areas_by_id(located)
    assert config["level"] == "country"
    assert found == {"a": "Germany", "b": "Germany", "c": "Belgium", "d": "Germany", "e": "France"}
    assert [c["from"] for c in config["classes"]] == [1, 3]


def test_american_incidents_count_for_their_states_even_with_no_country_column():
    located = mapgen.locate(mapgen.load_incidents(ROOT / "tests" / "data" / "published" / "wapo_police_shootings.csv"))
    config, data, found = areas_by_id(located)
    assert config["level"] == "state"  # the table names no country: the positions tell
    assert found == {"9001": "Washington", "9002": "Pennsylvania", "9003": "Utah", "9004": "Georgia", "9005": "Michigan"}
    assert sorted(f["properties"]["code"] for f in data["features"]) == ["13", "26", "42", "49", "53"]  # FIPS codes


def test_a_state_counts_its_own_incidents_and_a_county_counts_for_its_state():
    located = frame([
        {"id": "tx", "date": "2025-04-15", "place": "Texas", "country": "US"},  # placed at its centre, region precision
        {"id": "austin", "date": "2025-04-15", "place": "Austin", "region": "TX", "country": "US"},
        {"id": "franklin", "date": "2025-04-15", "place": "Franklin County, MO", "country": "US"},
        {"id": "toronto", "date": "2025-04-15", "place": "Toronto", "country": "CA"},
    ])
    _, _, found = areas_by_id(located)
    assert found == {"tx": "Texas", "austin": "Texas", "franklin": "Missouri", "toronto": OUTSIDE}


def test_classes_are_each_number_when_few_and_round_ranges_when_many():
    assert count_classes([3, 1, 1]) == [{"from": 1, "to": 1, "colour": "#ffffb2"}, {"from": 3, "to": 3, "colour": "#bd0026"}]
    many = count_classes([1, 1, 2, 3, 5, 8, 13, 40, 120, 7, 1, 2])
    assert [(c["from"], c["to"]) for c in many] == [(1, 1), (2, 2), (3, 6), (7, 12), (13, 120)]
    assert [c["colour"] for c in many] == ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]
    assert count_classes([]) == []
