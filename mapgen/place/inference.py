"""The country of a table that names none: read from its rows' regions when they agree.

A police-shootings table writes "Salem" and "IN" and no country: IN is Indiana, or India. Alone, a
row cannot tell; the table can, when every region it names is an area of one country (TX, CA, IN
and FL are all US states; only some are anything else). That country is then the country of each
row that names none, and the build's summary says so once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

# The share of the rows with a region that one country must explain, and how far ahead of the
# next country it must be, for the table's country to be inferred.
AGREEMENT = 0.95
LEAD = 0.25
SHOWN_REGIONS = 5


@dataclass(frozen=True)
class TableCountry:
    """The country inferred for a table's rows, and the sentence that says why."""

    code: str
    note: str


def table_country(keys: pd.DataFrame, gazetteer) -> TableCountry | None:
    """The one country whose areas the rows' regions (the region column, or the qualifiers
    written in the place text) all name, for a table with no country given; else None."""
    if (keys["country"] != "").any():
        return None
    qualifiers = Counter()
    for (place, region), rows in keys.groupby(["place", "region"]).size().items():
        named = [region] if region else gazetteer.qualifiers_of(place)
        for qualifier in named:
            qualifiers[qualifier] += rows
    if not qualifiers:
        return None
    explained = Counter()
    for qualifier, rows in qualifiers.items():
        for country in {region.country for region in gazetteer.regions(qualifier)}:
            explained[country] += rows
    total = sum(qualifiers.values())
    ranked = explained.most_common(2)
    if not ranked:
        return None
    best, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if count < AGREEMENT * total or count - runner_up < LEAD * total:
        return None
    shown = ", ".join(q for q, _ in qualifiers.most_common(SHOWN_REGIONS))
    return TableCountry(best, f"country {best} inferred for the whole table: the regions of {count:,} of {total:,} rows"
                              f" ({shown}, ...) are areas of {best}, and the table names no country")


# A table that names no country and no region at all (a list of Minnesota towns in capitals): its
# places tell where it is when nearly every name has a namesake in one country, and in one of its
# areas. A name whose most populous namesake lies elsewhere ("Cambridge": England's) is then read
# there (Cambridge, Minnesota), with a note to check it.
PLACES_AGREEMENT = 0.8  # the share of the table's known names that must have a namesake in the country (then the area)
# ... and the share of the names whose own reading (the most populous namesake) already lies there:
# a list of European capitals has an American namesake for every name (Paris, Texas; Rome, Georgia),
# yet reads in Europe.
PLACES_ALREADY = 0.5
MIN_PLACES = 10  # distinct known names, at least, before their agreement says anything


@dataclass(frozen=True)
class TableArea:
    """Where a table's places agree to be: a country, and one of its areas (GeoNames' admin-1 code
    and the code a row's region can give; both "" when the names do not agree on one)."""

    country: str
    admin1: str
    region: str
    note: str

    def holds(self, country: str, admin1: str) -> bool:
        return country == self.country and (not self.admin1 or admin1 == self.admin1)

    def sentence(self, before: str) -> str:
        where = self.region or f"country {self.country}"
        return f"read in {where}, where nearly all of the table's places have a namesake; alone, the name points to {before} (check it)"


def table_area(namesakes: list[set[tuple[str, str]]], read: list[tuple[str, str]], area_code) -> TableArea | None:
    """The country (and area) in which nearly every one of a table's names has a namesake, and
    in which at least half of them are already read; namesakes: for each distinct known name, the
    (country, admin-1 code) of each place of that name; read: the (country, admin-1 code) each
    name's own reading gave; area_code(country, admin1): the code a region column can give, or ""."""
    if len(namesakes) < MIN_PLACES:
        return None
    countries = Counter(country for places in namesakes for country in {country for country, _ in places})
    country, count = countries.most_common(1)[0]
    if count < PLACES_AGREEMENT * len(namesakes) or sum(c == country for c, _ in read) < PLACES_ALREADY * len(namesakes):
        return None
    areas = Counter(admin1 for places in namesakes for admin1 in {a for c, a in places if c == country and a})
    admin1, region, inside = "", "", count
    if areas:
        best, held = areas.most_common(1)[0]
        already = sum(where == (country, best) for where in read)
        code = area_code(country, best) if held >= PLACES_AGREEMENT * len(namesakes) and already >= PLACES_ALREADY * len(namesakes) else ""
        if code:
            admin1, region, inside = best, code, held
    where = f"{region} ({inside:,} of {len(namesakes):,})" if region else f"country {country} ({count:,} of {len(namesakes):,})"
    return TableArea(country, admin1, region, f"the table names no country or region: nearly all of its place names have a"
                                              f" namesake in {where}, so each is read there (each such row says so)")
