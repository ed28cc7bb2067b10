"""Qualifiers as data writes them: each form honoured, each unreadable one refused with its reason,
never a namesake in another state or country. Positions are GeoNames' own (cities500)."""

from __future__ import annotations

import pandas as pd
import pytest
from geopy.distance import great_circle

import mapgen

# (place, region column, country column) -> (GeoNames name, country, admin1, latitude, longitude)
HONOURED = [
    (("Shelton", "WA", ""), ("Shelton", "US", "WA", 47.21509, -123.10071)),  # not Shelton, Connecticut
    (("Knoxville, PA", "", ""), ("Knoxville", "US", "PA", 41.95702, -77.43888)),  # not Knoxville, Tennessee
    (("Syracuse, UT", "", ""), ("Syracuse", "US", "UT", 41.08939, -112.06467)),  # not Syracuse, New York
    (("Wyoming", "MI", ""), ("Wyoming", "US", "MI", 42.91336, -85.70531)),  # not the state of Wyoming
    (("Douglas, GA", "", ""), ("Douglas", "US", "GA", 31.50881, -82.84987)),
    (("Springfield IL", "", ""), ("Springfield", "US", "IL", 39.80172, -89.64371)),  # "City ST"
    (("Paris, Texas", "", ""), ("Paris", "US", "TX", 33.66094, -95.55551)),  # "City, State"
    (("Portland", "US-ME", ""), ("Portland", "US", "ME", 43.66147, -70.25533)),  # ISO 3166-2
    (("Perth, Scotland", "", ""), ("Perth", "GB", "SCT", 56.39522, -3.43139)),  # a UK nation, not Australia
    (("Perth (Scotland)", "", ""), ("Perth", "GB", "SCT", 56.39522, -3.43139)),  # "City (Region)"
    (("London", "ON", ""), ("London", "CA", "08", 42.98339, -81.23304)),  # a province code, not England
    (("Frankfurt (Oder)", "", ""), ("Frankfurt (Oder)", "DE", "11", 52.34714, 14.55062)),  # brackets of the name
    (("Munich", "Bayern", ""), ("Munich", "DE", "02", 48.13743, 11.57549)),  # a Land by its own name
    (("Valence", "26", ""), ("Valence", "FR", "84", 44.92560, 4.90956)),  # a French department number
    (("Toulon", "Var (83)", ""), ("Toulon", "FR", "93", 43.12442, 5.92836)),
    (("Tarascon", "FR-13", ""), ("Tarascon", "FR", "93", 43.80583, 4.66028)),  # not Tarascon-sur-Ariège
]


@pytest.mark.parametrize(("query", "truth"), HONOURED, ids=[" / ".join(p for p in q if p) for q, _ in HONOURED])
def test_a_qualifier_is_honoured(locator, query, truth):
    placement = locator.place(*query)
    name, _, _, latitude, longitude = truth
    assert placement.placed, placement.note
    assert great_circle((placement.latitude, placement.longitude), (latitude, longitude)).km < 2, placement
    assert placement.matched_name == name


def test_the_note_says_how_a_qualifier_was_read(locator):
    placement = locator.place("Shelton", "WA", "")
    assert placement.note == "region 'WA' = Washington (US-WA)"


@pytest.mark.parametrize(("query", "reason"), [
    (("Agen", "XY", ""), "region 'XY' not understood"),
    (("Shelton", "Atlantis", ""), "region 'Atlantis' not understood"),
    (("Valence", "Isère", ""), "no place called 'Valence' in Isère (FR-38)"),  # Valence is in the Drôme
    (("Whitehaven, TN", "", ""), "no place called 'Whitehaven' in"),
    (("Franklin County", "", ""), "is the name of"),  # 24 states have one
    (("Toulon", "Texas", "FR"), "not in country FR"),
])
def test_a_qualifier_that_cannot_be_satisfied_leaves_the_row_unplaced_with_the_reason(locator, query, reason):
    placement = locator.place(*query)
    assert not placement.placed
    assert reason in placement.note


@pytest.mark.parametrize(("query", "truth"), [
    (("Franklin County, MO", "", ""), (38.41, -91.07)),
    (("Evangeline Parish, LA", "", ""), (30.72, -92.40)),
])
def test_a_county_is_placed_inside_it_with_region_precision(locator, query, truth):
    placement = locator.place(*query)
    assert placement.precision == "region"
    assert great_circle((placement.latitude, placement.longitude), truth).km < 25


def test_a_misspelling_inside_a_state_is_found_and_said(locator):
    placement = locator.place("Joilet, IL", "", "")
    assert placement.matched_name == "fuzzy: Joliet"
    assert "check it" in placement.note
    assert great_circle((placement.latitude, placement.longitude), (41.52519, -88.0834)).km < 2


def test_an_unqualified_homonym_is_placed_with_a_note_to_check(locator):
    placement = locator.place("Perth", "", "")
    assert placement.placed and "places are called Perth" in placement.note and "to be sure" in placement.note


def test_the_build_summary_lists_unplaced_and_doubtful_rows(run, tmp_path):
    table = tmp_path / "us.csv"
    pd.DataFrame({
        "date": ["2025-04-16"] * 4,
        "category": ["arson"] * 4,
        "place": ["Shelton", "Agen", "Joilet, IL", "Perth"],
        "region": ["WA", "XY", "", ""],
    }).to_csv(table, index=False)
    result = run("build", table, "-o", tmp_path / "map.html")
    assert result.exit_code == 0, result.output
    assert "4 read = 3 placed + 1 not placed + 0 rejected" in result.stdout
    assert "not placed: id 3 (row 3): region 'XY' not understood" in result.stdout
    assert "check: id 4 (row 4): 'Joilet, IL' placed at fuzzy: Joliet" in result.stdout
    assert "check: id 5 (row 5): 'Perth' placed at Perth" in result.stdout


def test_located_rows_carry_the_note(locator):
    table = mapgen.incidents_from_frame(pd.DataFrame({"date": ["2025-04-16"] * 2, "category": ["arson"] * 2,
                                                      "place": ["Knoxville, PA", "Agen"], "region": ["", "XY"]}))
    located = mapgen.locate(table.incidents, locator=locator)
    assert list(located["location_note"]) == ["region 'PA' = Pennsylvania (US-PA)", located["location_note"].iloc[1]]
    assert located["latitude"].isna().tolist() == [False, True]
    assert located["location_note"].iloc[1].startswith("region 'XY' not understood")


@pytest.mark.parametrize(("text", "town", "kind", "note"), [
    ("Caen probation service car park", "Caen", "facility", "Caen named inside"),
    ("the Baumettes prison in Marseille", "Marseille", "facility", "Marseille named inside"),
    ("outside an officer's home near Marseille", "Marseille", "near", "'near Marseille': placed at Marseille's centre"),
    ("a village north of Lyon", "Lyon", "near", "'north of Lyon'"),
])
def test_a_place_inside_a_description_is_found_and_near_is_not_the_centre(locator, text, town, kind, note):
    placement = locator.place(text, "", "FR")
    assert placement.matched_name == town
    assert placement.geo_precision == 2  # ACLED: near a town, or a part of it
    assert note in placement.note
    if kind == "near":
        assert placement.radius_km > 15  # the town's own radius and the ring around it


def test_a_county_named_without_its_word_is_the_county_when_no_town_has_the_name(locator):
    # "Miami-Dade", Florida: the county, not Miami read out of the compound "Miami" + "Dade"
    placement = locator.place("Miami-Dade", "FL", "US")
    assert placement.precision == "region" and placement.matched_name == "Miami-Dade County"
    # a town of the name wins over its county: Orlando, not Orange County, for "Orlando"
    assert locator.place("Orlando", "FL", "US").precision == "town"


def test_a_bare_name_of_a_country_and_of_a_state_abroad_is_not_guessed(locator):
    placement = locator.place("Georgia", "", "")
    assert not placement.placed and "Georgia (US-GA)" in placement.note and "Georgia (GE)" in placement.note
    assert locator.place("Georgia", "", "US").matched_name == "Georgia"  # the table's country says which
    assert locator.place("Georgia", "", "GE").precision == "country"


def test_an_area_since_split_is_read_as_its_parts(locator):
    # Maguindanao was split into Maguindanao del Norte and del Sur (2022); Darfur into five states
    whole = locator.place("Maguindanao province", "", "PH")
    assert whole.precision == "region" and "del Norte" in whole.note and "del Sur" in whole.note
    north, south = locator.place("Maguindanao del Norte", "", "PH"), locator.place("Maguindanao del Sur", "", "PH")
    for part in (north, south):  # the radius holds both parts
        assert great_circle((whole.latitude, whole.longitude), (part.latitude, part.longitude)).km < whole.radius_km
    town = locator.place("Buram", "Darfur", "SD")
    assert town.precision == "town" and town.matched_name == "Burām"
    joined = locator.place("Kalinga-Apayao", "", "PH")  # two provinces named together: split in 1995
    assert joined.precision == "region" and "Kalinga and Apayao" in joined.note


def test_a_town_outside_the_parts_of_a_split_area_is_still_placed_once_in_the_country(locator):
    # Monkayo lay in the former Davao province; today it is in Davao de Oro, none of the "Davao del ..." parts
    placement = locator.place("Monkayo", "Davao province", "PH")
    assert placement.placed and placement.matched_name == "Monkayo" and "check it" in placement.note


def test_a_named_group_of_areas_is_read_as_all_of_them(locator):
    # conflict data's "Donets Basin Area" and "Mindanao island" (mapgen/data/named_areas.csv)
    donbas = locator.place("Donets Basin Area", "", "UA")
    assert donbas.precision == "region" and "Donetsk and Luhansk" in donbas.note and "made of" in donbas.note
    for town in ((48.0159, 37.8028), (48.5740, 39.3078)):  # Donetsk, Luhansk
        assert great_circle((donbas.latitude, donbas.longitude), town).km < donbas.radius_km
    mindanao = locator.place("Mindanao island", "", "PH")
    for town in ((6.9214, 122.0790), (7.0731, 125.6128)):  # Zamboanga, Davao
        assert great_circle((mindanao.latitude, mindanao.longitude), town).km < mindanao.radius_km
    assert not locator.place("Donets Basin Area", "", "RU").placed  # the group is Ukraine's


def test_a_country_written_without_its_and_is_the_country(locator):
    placement = locator.place("Bosnia-Herzegovina", "", "")
    assert placement.precision == "country" and placement.matched_name == "Bosnia and Herzegovina"


def test_a_summary_lists_the_first_rows_of_a_kind_and_counts_the_rest(run, tmp_path):
    # 30 rows with places that exist nowhere: the summary names 20, says how many more, and where
    # every row's reading is; the counts still balance.
    table = tmp_path / "many.csv"
    pd.DataFrame({"date": ["2025-04-15"] * 30, "category": ["arson"] * 30, "country": ["FR"] * 30,
                  "place": [f"Nulleplace-{n}" for n in range(30)]}).to_csv(table, index=False)
    result = run("build", table, "-o", tmp_path / "map.html")
    assert result.exit_code == 0, result.output
    assert "30 read = 0 placed + 30 not placed + 0 rejected" in result.stdout
    assert result.stdout.count("not placed: id") == 20 and "... and 10 more not placed" in result.stdout
    assert f"mapgen geocode {table} -o placed.csv" in result.stdout


def test_a_table_held_in_arrow_strings_is_placed_as_the_same_table_in_python_strings(locator):
    """A large table's text comes in Arrow strings (read in chunks): its rows are placed as the same
    cells in Python strings are, blanks and missing cells alike, its county read as a qualifier."""
    from mapgen.place import locate

    incidents = pd.DataFrame({
        "id": ["1", "2", "3", "4", "5"],
        "place": ["Agen", "Springfield", None, "Toulon", "Denver"],
        "region": ["", "Illinois", "Var", None, "CO"],
        "country": ["FR", "US", "FR", "FR", "US"],
        "county": ["", "", "", "", "El Paso"],
    })
    arrow = incidents.astype("string[pyarrow]")
    as_python, as_arrow = locate(incidents, locator=locator), locate(arrow, locator=locator)
    shown = ["latitude", "longitude", "location_precision", "uncertainty_km", "matched_name", "location_note"]
    assert as_arrow[shown].astype(object).equals(as_python[shown].astype(object))
    assert as_python["location_note"].str.contains("El Paso").iloc[4]  # the county was read, and said
