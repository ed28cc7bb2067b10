"""Classes seen when the fresh held-out tables were scored (benchmarks/real_tables.py --fresh), each
on rows of our own words with real towns: a point written as a distance and a bearing off a town,
a compound whose only known part is a word of another place's name, and a table whose places
name no country or region at all."""

from __future__ import annotations

import pandas as pd
import pytest

import mapgen
from tests.helpers import km_from

BEND = (44.05817, -121.31531)  # GeoNames' Bend, Oregon


def test_a_distance_and_a_bearing_off_a_town_move_the_point_there(locator):
    placement = locator.place("12 miles north of Bend", "Oregon", "US")
    due_north = (BEND[0] + 19.31 / 111.2, BEND[1])
    assert km_from(placement, due_north) < 1.0
    assert placement.radius_km == pytest.approx(22 + 0.2 * 19.3, abs=0.2)
    assert "19.3 km" in placement.note and "bearing of 0 degrees" in placement.note


def test_a_sixteen_point_bearing_and_kilometres_are_read(locator):
    placement = locator.place("40 km WNW of Bend", "Oregon", "US")
    assert km_from(placement, BEND) == pytest.approx(40, abs=0.5)
    assert placement.longitude < BEND[1] and placement.latitude > BEND[0]  # west-north-west
    assert placement.radius_km == pytest.approx(30.0, abs=0.2)


def test_a_distance_with_no_bearing_widens_the_radius_round_the_town(locator):
    placement = locator.place("a farm 30 kilometres from Bend", "Oregon", "US")
    assert km_from(placement, BEND) < 1.0
    assert placement.radius_km >= 30 + 22
    assert "about 30 km from it" in placement.note


def test_a_compound_is_not_read_through_another_places_other_name(locator):
    # "Mid" is an alternate name of Mead, Washington: no district of Mead is meant.
    assert not locator.place("Mid-Atlantic Ridge").placed


def test_a_compound_known_by_one_part_alone_asks_to_be_checked_when_no_region_confirms_it(locator):
    placement = locator.place("Pacific-Antarctic Ridge")
    assert placement.placed and "check it" in placement.note
    # Inside a named area, a town and its district read as before, with no doubt raised.
    inside = locator.place("Aix-Luynes", "Bouches-du-Rhône", "FR")
    assert inside.matched_name == "Aix-en-Provence" and "check it" not in inside.note


MINNESOTA = ["Minneapolis", "Duluth", "Rochester", "Bloomington", "Mankato", "Moorhead", "Winona", "Owatonna", "Brainerd",
             "Bemidji", "Cambridge", "Princeton", "Albany", "Fairmont"]


def _located(locator, places: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({"date": ["2024-05-01"] * len(places), "category": ["shooting"] * len(places), "place": places})
    return mapgen.locate(mapgen.incidents_from_frame(frame).incidents, locator=locator)


def test_a_table_with_no_country_or_region_reads_its_names_where_nearly_all_have_a_namesake(locator):
    located = _located(locator, MINNESOTA).set_index("place")
    # Alone, Cambridge is England's (or Australia's) and Rochester New York's; in a table of
    # Minnesota towns they are Minnesota's, and the row says why, asking to check it.
    assert km_from(located.loc["Cambridge"], (45.57274, -93.22439)) < 5
    assert km_from(located.loc["Rochester"], (44.02163, -92.46990)) < 5
    assert "check it" in located.loc["Cambridge", "location_note"] and "US-MN" in located.loc["Cambridge", "location_note"]
    assert any("US-MN" in note for note in located.attrs["placement_notes"])
    # A town already in Minnesota is left as it was.
    assert "US-MN" not in str(located.loc["Mankato", "location_note"])


def test_a_table_spread_over_the_world_is_left_as_its_names_read(locator):
    places = ["Paris", "Tokyo", "Nairobi", "Lima", "Toronto", "Sydney", "Cairo", "Mumbai", "Berlin", "Santiago", "Jakarta", "Cambridge"]
    located = _located(locator, places)
    assert located.attrs["placement_notes"] == []
    assert not located["location_note"].fillna("").str.contains("where nearly all").any()


def test_a_place_written_from_the_largest_area_down_is_read_from_the_smallest_up(locator):
    placement = locator.place("ITALY:  CAMPANIA", "", "IT")
    assert placement.precision == "region" and placement.matched_name == "Campania"
    town = locator.place("FRANCE:  PROVENCE:  AIX-EN-PROVENCE", "", "FR")
    assert town.matched_name == "Aix-en-Provence"
    assert not locator.place("12:30 Main Street").placed or locator.place("12:30 Main Street").matched_name != "Main"


def test_an_area_written_with_its_word_is_the_area_not_a_town_in_a_part_of_its_name(locator):
    # "Bamingui-Bangoran province" is the prefecture, not the town of Bamingui in it, 110 km away.
    placement = locator.place("Bamingui-Bangoran province", "Bamingui-Bangoran province", "CF")
    assert placement.precision == "region" and placement.matched_name == "Bamingui-Bangoran"


def test_a_list_of_european_capitals_stays_in_europe_though_each_has_an_american_namesake(locator):
    capitals = ["Paris", "London", "Berlin", "Rome", "Athens", "Vienna", "Madrid", "Dublin", "Warsaw", "Moscow", "Amsterdam", "Brussels"]
    located = _located(locator, capitals).set_index("place")
    assert located.attrs["placement_notes"] == []
    assert km_from(located.loc["Paris"], (48.85341, 2.3488)) < 10 and km_from(located.loc["Rome"], (41.89193, 12.51133)) < 10


def test_the_word_after_an_area_says_its_level(locator):
    # Sinaloa is a state of Mexico and a municipality in it: "Sinaloa state" is the state.
    placement = locator.place("Sinaloa state", "Sinaloa state", "MX")
    assert placement.precision == "region" and "MX-SIN" in placement.note and "county" not in placement.note
    assert placement.radius_km > 150  # the state's land, not the municipality's 40 km
