"""The offline gazetteer on real GeoNames entries with known positions, the usual traps among them."""

from __future__ import annotations

import csv
import json
from importlib import resources

import pytest
from geopy.distance import great_circle
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from mapgen.place.gazetteer import OfflineGazetteer

# (place, region, country) -> (name, admin1 or country, latitude, longitude) of the intended
# GeoNames entry.
TRAPS = [
    (("Tarascon prison", "Bouches-du-Rhône", None), ("Tarascon", "93", 43.80583, 4.66028)),
    (("Tarascon", None, None), ("Tarascon", "93", 43.80583, 4.66028)),
    (("Valence", None, None), ("Valence", "84", 44.9256, 4.90956)),
    (("Valence", "Drôme", None), ("Valence", "84", 44.9256, 4.90956)),
    (("Valence", "Tarn-et-Garonne", None), ("Valence", "76", 44.10823, 0.89101)),
    (("Brussels", None, "BE"), ("Brussels", "BRU", 50.85045, 4.34878)),
    (("Brussels", "Wisconsin", None), ("Brussels", "WI", 44.73611, -87.62093)),
    (("Paris", "Texas", "US"), ("Paris", "TX", 33.66094, -95.55551)),
    (("Paris", None, None), ("Paris", "11", 48.85341, 2.3488)),
    (("Aix-Luynes", None, None), ("Aix-en-Provence", "93", 43.5283, 5.44973)),
    (("Aix-Luynes prison", "Bouches-du-Rhône", "FR"), ("Aix-en-Provence", "93", 43.5283, 5.44973)),
    (("Toulon-La Farlède prison", None, None), ("La Farlède", "93", 43.16866, 6.04323)),
    (("Toulon", None, None), ("Toulon", "93", 43.12442, 5.92836)),
    (("Villepinte prison", None, None), ("Villepinte", "11", 48.96203, 2.53253)),
    (("maison d'arrêt de Villepinte", "Seine-Saint-Denis", None), ("Villepinte", "11", 48.96203, 2.53253)),
    (("Villepinte", "Aude", None), ("Villepinte", "76", 43.28216, 2.08702)),
    (("car park of the prison, Tarascon", None, "FR"), ("Tarascon", "93", 43.80583, 4.66028)),
    (("TARASCON", "bouches du rhone", None), ("Tarascon", "93", 43.80583, 4.66028)),
]


@pytest.mark.parametrize(("query", "expected"), TRAPS, ids=[" / ".join(filter(None, q)) for q, _ in TRAPS])
def test_homonyms_and_compounds_land_on_the_intended_place(gazetteer, query, expected):
    place, region, country = query
    name, admin1, latitude, longitude = expected
    best = gazetteer.candidates(place, region=region, country=country)[0]
    assert (best.name, best.admin1) == (name, admin1), best.reasons
    assert great_circle((best.latitude, best.longitude), (latitude, longitude)).km < 0.1
    assert best.precision == "town"


def test_it_is_a_geopy_geocoder_returning_locations(gazetteer):
    assert isinstance(gazetteer, Geocoder)
    location = gazetteer.geocode("Nanterre")
    assert isinstance(location, Location)
    assert location.address == "Nanterre" and location.raw["precision"] == "town"
    ranked = gazetteer.geocode("Valence", exactly_one=False)
    assert [loc.raw["admin1"] for loc in ranked[:2]] == ["84", "76"]
    assert gazetteer.geocode("Xyzzyville-sur-Rien") is None


@pytest.mark.parametrize("place", ["Xyzzyville", "Tarrascon-les-Bains", "Prison"])
def test_a_name_that_matches_nothing_stays_unplaced(gazetteer, place):
    assert gazetteer.candidates(place) == []
    assert gazetteer.candidates(place, country="FR") == []


def test_a_close_misspelling_is_a_fuzzy_match_only_inside_a_country(gazetteer):
    assert gazetteer.candidates("Tarrascon") == []
    best = gazetteer.candidates("Tarrascon", country="FR")[0]
    assert best.name == "Tarascon" and best.match == "fuzzy"
    assert "fuzzy" in best.reasons[0]


def _rows(name):
    with (resources.files("mapgen") / "data" / name).open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_every_french_department_is_a_region_at_its_prefecture(gazetteer):
    for row in _rows("fr_departments.csv"):
        best = gazetteer.candidates(row["department"])[0]
        seat = row["prefecture_also_known_as"] or row["prefecture"]
        if seat == row["department"]:  # Paris: the city is more precise than its department
            assert (best.name, best.precision) == ("Paris", "town")
            continue
        assert best.precision == "region", row["department"]
        assert seat in best.reasons[0], (row["department"], best.reasons)


def test_every_french_region_is_a_region_at_its_capital(gazetteer):
    for row in _rows("fr_regions.csv"):
        best = gazetteer.candidates(row["region"])[0]
        assert best.precision == "region" and row["capital"] in best.reasons[0], row["region"]
    marseille = gazetteer.candidates("Provence-Alpes-Côte d'Azur")[0]
    assert great_circle((marseille.latitude, marseille.longitude), (43.29695, 5.38107)).km < 1


def test_a_department_named_in_any_case_or_accent(gazetteer):
    best = gazetteer.candidates("seine et marne")[0]
    assert (best.name, best.precision) == ("Seine-et-Marne", "region")
    assert great_circle((best.latitude, best.longitude), (48.5457, 2.65356)).km < 0.1  # Melun


def test_admin1_regions_elsewhere_and_countries(gazetteer):
    wisconsin = gazetteer.candidates("Wisconsin")[0]
    assert (wisconsin.precision, wisconsin.country) == ("region", "US")
    assert 42 < wisconsin.latitude < 47 and -93 < wisconsin.longitude < -86
    belgium = gazetteer.candidates("Belgium")[0]
    assert belgium.precision == "country"
    assert great_circle((belgium.latitude, belgium.longitude), (50.85045, 4.34878)).km < 1


def test_index_is_built_once_and_a_damaged_one_is_rebuilt(tmp_path, capsys):
    source = tmp_path / "cities.json"
    source.write_text(json.dumps({
        "2973393": {"geonameid": 2973393, "name": "Tarascon", "latitude": 43.80583, "longitude": 4.66028, "countrycode": "FR",
                    "population": 14735, "admin1code": "93", "alternatenames": ["Tarascon", "Tarascó"]},
        "2973385": {"geonameid": 2973385, "name": "Tarascon-sur-Ariège", "latitude": 42.84545, "longitude": 1.60332, "countrycode": "FR",
                    "population": 3429, "admin1code": "76", "alternatenames": []},
    }), encoding="utf-8")
    index = tmp_path / "index.sqlite"
    assert OfflineGazetteer(index, source=source).geocode("Tarascon").raw["admin1"] == "93"
    built = index.stat().st_mtime_ns
    assert OfflineGazetteer(index, source=source).geocode("Tarascon-sur-Ariège").raw["admin1"] == "76"
    assert index.stat().st_mtime_ns == built  # opened, not built again

    index.write_bytes(b"this is not a database" * 100)
    assert OfflineGazetteer(index, source=source).geocode("Tarascon").raw["admin1"] == "93"
    assert "damaged" in capsys.readouterr().err
    assert (tmp_path / "index.corrupt").exists()


def test_an_index_damaged_past_its_header_is_set_aside_and_rebuilt_when_a_query_finds_it(tmp_path, capsys):
    """Bytes flipped deep in the file: the version check at opening passes, the damage shows in a look-up."""
    places = {str(n): {"geonameid": n, "name": f"Place {n}", "latitude": 40 + n / 1000, "longitude": n / 1000, "countrycode": "FR",
                       "population": n, "admin1code": "93", "alternatenames": [f"Alias {n}"]} for n in range(1, 3000)}
    places["2973393"] = {"geonameid": 2973393, "name": "Tarascon", "latitude": 43.80583, "longitude": 4.66028, "countrycode": "FR",
                         "population": 14735, "admin1code": "93", "alternatenames": []}
    source, index = tmp_path / "cities.json", tmp_path / "index.sqlite"
    source.write_text(json.dumps(places), encoding="utf-8")
    OfflineGazetteer(index, source=source).geocode("Tarascon")
    data = bytearray(index.read_bytes())
    start = len(data) // 3
    data[start:] = bytes((b ^ 0x5A) for b in data[start:])  # every byte of the last two thirds flipped
    index.write_bytes(bytes(data))
    capsys.readouterr()
    gazetteer = OfflineGazetteer(index, source=source)
    assert gazetteer.geocode("Tarascon").raw["admin1"] == "93"
    assert gazetteer.geocode("Place 2999").raw["population"] == 2999
    assert "damaged" in capsys.readouterr().err
    assert (tmp_path / "index.corrupt").exists()


def test_lookup_prints_ranked_candidates_with_reasons(run):
    result = run("lookup", "Valence")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1. Valence in Drôme (FR-26) 44.92560, 4.90956 [town, exact]")  # the department, not GeoNames' FR/84
    assert "population 63,864" in lines[1]
    assert lines[2].startswith("2. Valence in Tarn-et-Garonne (FR-82)")
    narrowed = run("lookup", "Valence", "--region", "Tarn-et-Garonne")
    first, second = narrowed.stdout.splitlines()[:2]
    assert first == "region 'Tarn-et-Garonne' = Tarn-et-Garonne (FR-82)"  # how the qualifier was read
    assert second.startswith("1. Valence in Tarn-et-Garonne (FR-82)") and "inside Tarn-et-Garonne" in narrowed.stdout
    missing = run("lookup", "Xyzzyville", "--country", "FR")
    assert missing.exit_code == 1 and "stay unplaced" in missing.stdout
