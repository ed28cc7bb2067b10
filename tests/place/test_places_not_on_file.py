"""A place the gazetteer lacks, in a table row that names its area: placed at that area, with the
reason and a radius that holds it; never where the row contradicts itself, and never for a word of
an article. The tables are of our own words; the towns and areas are GeoNames' own."""

from __future__ import annotations

import pandas as pd

import mapgen
from mapgen.place import Locator
from mapgen.place.gazetteer import OfflineGazetteer
from mapgen.place.places import PlacesTable
from tests.helpers import km_from


def test_a_village_not_on_file_is_placed_at_the_region_the_row_names(locator):
    placement = locator.place("Zorblinghamsk", "Oregon", "US")
    assert placement.placed and placement.precision == "region" and placement.matched_name == "Oregon"
    assert "no place called 'Zorblinghamsk' in Oregon (US-OR)" in placement.note and "check it" in placement.note
    # the radius reaches the state's far corners from its point, not only its towns
    assert km_from(placement, (42.05, -124.28)) < placement.radius_km  # Brookings, by the Californian line
    assert km_from(placement, (45.99, -116.92)) < placement.radius_km  # the Idaho corner


def test_a_region_named_in_the_place_text_serves_as_well(locator):
    placement = locator.place("Zorblinghamsk, Kenya", "Turkana", "")
    assert placement.placed and placement.precision == "region" and "Turkana" in placement.matched_name


def test_a_name_that_is_a_town_elsewhere_in_the_country_stays_unplaced(locator):
    # Valence is in the Drôme: the name or the department is wrong, and the row cannot say which
    placement = locator.place("Valence", "Isère", "")
    assert not placement.placed and "no place called 'Valence' in Isère (FR-38)" in placement.note


def test_an_unknown_word_of_an_article_is_not_placed_at_its_region(cache_folder):
    gazetteer = OfflineGazetteer()
    assert gazetteer.candidates("Zorblinghamsk", region="Oregon") == []
    found = gazetteer.resolve("Zorblinghamsk", region="Oregon", area_for_unknown=True).candidates
    assert [c.precision for c in found] == ["region"]


def test_a_region_that_cannot_be_read_does_not_hide_the_county_column(locator):
    # 'Western Region' is no area of Kenya's; the county column still says where the row is
    placement = locator.place("Zorblinghamsk", "Western Region", "KE", county="Turkana")
    assert placement.placed and "Turkana" in placement.matched_name
    assert "check it" in placement.note


def test_a_region_that_cannot_be_read_does_not_hide_a_district_named_in_the_place_text(locator):
    # Nepal's development regions were dissolved in 2015; the district after the comma is still read
    placement = locator.place("Zorblinghamsk, Kalikot", "Mid Western", "NP")
    assert placement.placed and placement.precision == "region" and placement.matched_name == "Kalikot"
    assert "region 'Mid Western' not understood" in placement.note and "check it" in placement.note
    # a name that is a town elsewhere in Nepal is not moved into the district
    assert not locator.place("Pokhara, Kalikot", "Mid Western", "NP").placed


def test_a_street_beside_a_town_that_is_an_area_only_abroad_is_in_that_town(locator):
    # Camden is a town in England and a county in New South Wales
    placement = locator.place("Zorbling Street, Camden", "", "GB")
    assert placement.placed and placement.matched_name == "Camden Town"
    assert "no Zorbling Street on file" in placement.note


def test_a_police_uk_street_table_is_read_as_streets_of_their_local_authorities(tmp_path, cache_folder):
    table = tmp_path / "street.csv"
    pd.DataFrame({
        "Crime ID": ["a1", "a2", "a3"],
        "Month": ["2020-01", "2020-01", "2020-02"],
        "Reported by": ["City of London Police"] * 3,
        "Location": ["On or near Zorbling Street", "On or near Parking Area", "No Location"],
        "LSOA name": ["City of London 001C", "Islington 023D", ""],
        "Crime type": ["Burglary", "Vehicle crime", "Drugs"],
    }).to_csv(table, index=False)
    read = mapgen.read_incidents(table)
    incidents = read.incidents
    assert list(incidents["place"][:2]) == ["Zorbling Street, City of London", "Parking Area, Islington"]
    assert list(read.written.cells["Location"]) == ["On or near Zorbling Street", "On or near Parking Area", "No Location"]  # as written
    assert set(incidents["country"]) == {"GB"}
    located = mapgen.locate(incidents, locator=Locator(places=PlacesTable.empty()))
    assert list(located["matched_name"][:2]) == ["City of London", "Islington"]
    assert located["latitude"][:2].between(51.4, 51.6).all()
    assert located["latitude"].isna().iat[2] and located["location_note"].iat[2]  # no place: said, not dropped


def test_a_far_small_namesake_does_not_stop_a_row_of_its_own_area(cache_folder):
    # GDELT's "White House", District of Columbia: White House, Tennessee is 900 km away, and
    # Fallston, Maryland, near, was only once called so: the row is placed in the District
    table_row = Locator(places=PlacesTable.empty()).place("White House", "District of Columbia", "US")
    assert table_row.placed and table_row.precision == "region" and "check it" in table_row.note
    # a row drafted from an article is not: a reporter's place is more often a town named loosely
    drafted = Locator(places=PlacesTable.empty(), drafted=True).place("White House", "District of Columbia", "US")
    assert not drafted.placed
