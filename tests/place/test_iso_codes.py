"""ISO 3166-2 codes and local names joined to the right GeoNames area. pycountry writes areas in
their own language and GeoNames in English; a join by spelling alone gave Lower Austria the code
and the name of Upper Austria, Bogotá those of Valle del Cauca, and Madagascar's capital region
the name of a province 300 km away. Each case below was wrong before the join weighed positions."""

from __future__ import annotations

import pytest

from mapgen.place.regions import pair_names

# (what a table writes as the region, its country) -> the GeoNames area it must be read as
READ_AS = [
    (("Niederösterreich", "AT"), "Lower Austria"),
    (("AT-3", ""), "Lower Austria"),
    (("Oberösterreich", "AT"), "Upper Austria"),
    (("CO-DC", ""), "Bogota D.C."),
    (("Valle del Cauca", "CO"), "Valle del Cauca Department"),
    (("CO-CAU", ""), "Cauca Department"),
    (("GR-K", ""), "North Aegean"),
    (("IS-5", ""), "Northwest"),
    (("MX-CMX", ""), "Mexico City"),
    (("Ciudad de México", "MX"), "Mexico City"),
    (("RU-MOW", ""), "Moscow"),
    (("RU-MOS", ""), "Moscow Oblast"),
    (("KZ-59", ""), "North Kazakhstan"),
    (("EG-JS", ""), "South Sinai"),
    (("ID-JT", ""), "Central Java"),  # a province, not the island group ID-JW
]


@pytest.mark.parametrize(("written", "area"), READ_AS, ids=[w for (w, _), _ in READ_AS])
def test_a_code_or_local_name_is_read_as_its_own_area(gazetteer, written, area):
    text, country = written
    regions = [r for r in gazetteer.regions(text, country or None) if r.kind == "state"]
    assert [r.name for r in regions] == [area]


def test_a_province_of_another_level_is_left_unread_rather_than_joined_to_a_neighbour(locator):
    # Madagascar's ISO codes are its six former provinces, GeoNames' areas its 22 regions: the
    # province of Antananarivo is none of them, so the town of that name is placed, not a region.
    placement = locator.place("Antananarivo", "Antananarivo", "MG")
    assert placement.placed and placement.precision == "town"
    assert abs(placement.latitude - -18.914) < 0.05 and abs(placement.longitude - 47.536) < 0.05


def test_a_country_name_that_is_also_one_of_its_states_is_the_country(locator):
    placement = locator.place("Mexico", "", "")
    assert placement.precision == "country"
    assert "country" in placement.note and "México" in placement.note
    # with the state named for what it is, the state
    assert locator.place("Toluca", "MX-MEX", "MX").placed


def test_positions_decide_between_two_areas_a_name_fits():
    # "Moscow" is the city's name and, in one source, another name of the oblast around it
    names = {"OBLAST": ["Moskovskaya oblast'", "Moscow"], "CITY": ["Moskva", "Moscow City"]}
    areas = {"47": "moscow oblast", "48": "moscow"}
    centres = {("OBLAST", "47"): 0.2, ("OBLAST", "48"): 0.7, ("CITY", "47"): 0.1, ("CITY", "48"): 0.3}
    pairs = pair_names(names, areas, lambda key, area: centres[(key, area)],
                       primary={"OBLAST": ["Moskovskaya oblast'"], "CITY": ["Moskva"]})
    assert pairs == {"OBLAST": "47", "CITY": "48"}


def test_a_name_inside_another_is_no_pair_when_the_point_lies_far_outside_it():
    far = pair_names({"CAU": ["Cauca"]}, {"29": "valle del cauca department"}, lambda key, area: 5.0)
    near = pair_names({"CAU": ["Cauca"]}, {"29": "valle del cauca department"}, lambda key, area: 0.5)
    assert far == {} and near == {"CAU": "29"}
