"""The classes of error seen on real published tables, each on a small table of our own words with
real towns at their GeoNames positions: the right place, an honest radius, or a note to check."""

from __future__ import annotations

import pandas as pd
import pytest
from geopy.distance import great_circle

import mapgen
from tests.helpers import km_from


def _table(**columns) -> pd.DataFrame:
    rows = len(next(iter(columns.values())))
    frame = pd.DataFrame({"date": ["2024-03-02"] * rows, "category": ["shooting"] * rows, **columns})
    return mapgen.incidents_from_frame(frame).incidents


def test_the_name_itself_beats_a_larger_place_that_has_it_as_an_old_name(locator):
    newtown = locator.place("Newtown", "Connecticut")  # Hartford was once called Newtown
    assert newtown.matched_name == "Newtown"
    assert km_from(newtown, (41.41398, -73.30345)) < 1


def test_a_short_form_of_a_far_larger_place_still_finds_it(locator):
    aix = locator.place("Aix", "", "FR")
    assert aix.matched_name == "Aix-en-Provence"


def test_a_county_column_keeps_the_town_inside_the_county_or_says_it_disagrees(locator):
    inside = locator.place("Lebanon", "OR", "US", "Linn")  # Lebanon, Oregon lies in Linn County
    assert inside.matched_name == "Lebanon" and km_from(inside, (44.53651, -122.90703)) < 2
    elsewhere = locator.place("Denver", "CO", "US", "El Paso")  # Denver is not in El Paso County
    assert elsewhere.placed and "check it" in elsewhere.note and "El Paso" in elsewhere.note


def test_a_town_the_gazetteer_lacks_is_placed_in_the_rows_county(locator):
    placement = locator.place("Xyzzy Hollow", "KS", "US", "Saline")
    assert placement.precision == "region" and "Saline County" in placement.note and "check it" in placement.note
    assert km_from(placement, (38.78, -97.65)) < placement.radius_km  # the county around Salina


def test_the_county_column_reaches_the_place_room_through_a_build_table(locator):
    located = mapgen.locate(_table(city=["Denver", "Lebanon"], county=["El Paso", "Linn"], state=["CO", "OR"]), locator=locator)
    assert "check it" in located["location_note"].iloc[0]
    assert "check it" not in located["location_note"].iloc[1]


@pytest.mark.parametrize(("place", "point", "least_km"), [
    ("Phoenix", (33.44838, -112.07404), 25),  # 1.6 million people: incidents attributed to it lie 25+ km out
    ("Yellville", (36.22618, -92.68489), 15),  # a village's postal area is wider than its streets
])
def test_a_town_radius_holds_where_its_incidents_fall(locator, place, point, least_km):
    placement = locator.place(place, "AZ" if place == "Phoenix" else "AR", "US")
    assert km_from(placement, point) < 2
    assert placement.radius_km >= least_km


def test_a_state_named_with_its_country_is_the_state_with_a_radius_to_its_edges(locator):
    new_york = locator.place("New York, United States")
    assert new_york.precision == "region"
    assert km_from(new_york, (42.9538, -75.5268)) < new_york.radius_km  # GDELT's point for the state
    oklahoma = locator.place("Oklahoma, United States")
    assert oklahoma.precision == "region" and oklahoma.matched_name == "Oklahoma"


def test_a_country_radius_reaches_its_far_parts(locator):
    russia = locator.place("Russia")
    assert russia.precision == "country"
    assert km_from(russia, (60.0, 100.0)) < russia.radius_km  # the centre of Russia, far east of Moscow


def test_a_county_written_the_gva_way_is_the_county(locator):
    harris = locator.place("Harris (county)", "Texas")
    assert harris.precision == "region" and "Harris" in harris.matched_name
    assert km_from(harris, (29.7752, -95.3103)) < harris.radius_km  # the county's own centre


def test_namesakes_inside_the_state_named_are_said(locator):
    vesele = locator.place("Vesele", "Donetsk", "UA")  # several villages of that name in the oblast
    assert vesele.placed and "are called Vesele" in vesele.note and "check it" in vesele.note


def test_brackets_that_hold_another_name_of_the_place_are_an_alias(locator):
    petersburg = locator.place("Saint Petersburg (St Petersburg)", "Florida")
    assert km_from(petersburg, (27.77086, -82.67927)) < 2
    clarendon = locator.place("North Clarendon (Clarendon)", "Vermont")
    assert clarendon.placed and km_from(clarendon, (43.51618, -72.96983)) < 15


def test_a_table_with_no_country_takes_the_one_its_states_agree_on(locator):
    incidents = _table(city=["Salem", "Zion", "Trinidad", "Houston"], state=["IN", "IL", "CO", "TX"])
    located = mapgen.locate(incidents, locator=locator)
    truth = [(38.60561, -86.10109), (42.44613, -87.83285), (37.16946, -104.50054), (29.76328, -95.36327)]
    for (_, row), point in zip(located.iterrows(), truth):
        assert great_circle((row.latitude, row.longitude), point).km < 2, row.location_note
    assert located.attrs["placement_notes"] and "country US inferred" in located.attrs["placement_notes"][0]


def test_a_table_that_names_countries_is_not_given_another(locator):
    located = mapgen.locate(_table(city=["Salem"], state=["Tamil Nadu"], country=["IN"]), locator=locator)
    assert located.attrs["placement_notes"] == []
    assert great_circle((located.latitude.iloc[0], located.longitude.iloc[0]), (11.65117, 78.15867)).km < 2


@pytest.mark.parametrize(("place", "region", "country", "point"), [
    ("Qamishli", "Al-Hasakeh", "SY", (37.05215, 41.23142)),  # ACLED's spelling of Al-Hasakah governorate
    ("Troitske village", "Luhansk oblast", "UA", (49.91202, 38.28421)),  # UCDP writes what each name is
    ("Nalchik", "Kabardino Balkariya", "RU", (43.49806, 43.61889)),
])
def test_a_region_spelt_another_way_is_read_inside_its_country(locator, place, region, country, point):
    placement = locator.place(place, region, country)
    assert placement.placed, placement.note
    assert km_from(placement, point) < 2


def test_a_region_that_cannot_be_read_does_not_block_a_place_found_once_in_the_country(locator):
    placement = locator.place("Nepalgunj", "Mid-Western Development Region", "NP")  # Nepal's regions of before 2015
    assert placement.placed and "check it" in placement.note and "only" in placement.note


def test_a_region_of_another_country_still_contradicts(locator):
    assert not locator.place("Toulon", "Texas", "FR").placed


def test_a_name_with_a_letter_of_another_alphabet_is_read_and_the_letter_named(locator):
    placement = locator.place("\u0415asley", "SC", "US")  # a Cyrillic capital IE before "asley"
    assert placement.matched_name == "Easley" and km_from(placement, (34.82984, -82.60152)) < 2
    assert "CYRILLIC CAPITAL LETTER IE" in placement.note


@pytest.mark.parametrize(("place", "region", "point"), [
    ("La Santé prison, Paris", "Paris", (48.85341, 2.3488)),
    ("Eysses prison, Villeneuve-sur-Lot", "Lot-et-Garonne", (44.40854, 0.70415)),
])
def test_the_town_after_a_prison_is_the_place(locator, place, region, point):
    placement = locator.place(place, region, "FR")
    assert km_from(placement, point) < 2, placement.note


def test_a_village_takes_the_department_of_its_neighbours(cache_folder):
    from mapgen.place.gazetteer import OfflineGazetteer

    # Esse, a village of 500 people in Charente, is not in Lot-et-Garonne, and must not pass for it.
    assert OfflineGazetteer().candidates("Esse", region="Lot-et-Garonne") == []
    assert OfflineGazetteer().candidates("Esse", region="Charente")[0].name == "Esse"


@pytest.mark.parametrize("text", ["On or near Fleet Street", "On or near Aldgate"])
def test_streets_and_little_words_of_a_description_are_not_towns(locator, text):
    assert not locator.place(text).placed


def test_a_place_named_with_a_nearby_town_comes_with_a_note_when_they_lie_apart(locator):
    placement = locator.place("Tarascon, Valence", "", "FR")  # 150 km apart: which one is meant?
    assert placement.placed and "check it" in placement.note
