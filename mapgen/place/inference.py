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
