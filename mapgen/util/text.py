"""Folding names for matching: accents, case, punctuation and "St" set aside."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+")
_SAINT = re.compile(r"\bst\b")
_SAINTE = re.compile(r"\bste\b")
_NOT_LATIN = re.compile("[^\x00-\u024f\u1e00-\u1eff]")
# The words before a place that say an incident was only near it ("near", "north of", "près de"),
# at the end of the text before the place: an article and a place text read them alike.
NEAR_BEFORE = re.compile(r"(?:\b(?:near|outside|close to|north|south|east|west|north-east|north-west|south-east|south-west)(?:\s+of)?|"
                         r"\b(?:près|à proximité|non loin|aux abords|aux portes|au nord|au sud|à l['’]est|à l['’]ouest|au nord-est|"
                         r"au nord-ouest|au sud-est|au sud-ouest)\s+(?:de|d['’]|du|des)|\bbanlieue\s+(?:de|d['’]))\s*(?:la\s+|le\s+|l['’])?$",
                         re.IGNORECASE)


# A distance, and perhaps a compass bearing, before a town: "59 km WNW of Petrolia", "12 miles north
# of Bend", "30 kilometers from Ippy" (USGS's and the conflict data's way of placing a point off a town).
OFFSET_BEFORE = re.compile(r"\b(?P<distance>\d+(?:[.,]\d+)?)\s*(?P<unit>km|kms|kilomet(?:er|re)s?|mi|miles?)\s+"
                           r"(?:(?P<bearing>[NSEW]{1,3}|(?:north|south)(?:[- ]?(?:east|west))?|east|west)\s+)?(?:of|from)\s*(?:the\s+)?$",
                           re.IGNORECASE)
COMPASS = {"n": 0.0, "nne": 22.5, "ne": 45.0, "ene": 67.5, "e": 90.0, "ese": 112.5, "se": 135.0, "sse": 157.5, "s": 180.0,
           "ssw": 202.5, "sw": 225.0, "wsw": 247.5, "w": 270.0, "wnw": 292.5, "nw": 315.0, "nnw": 337.5,
           "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0, "southwest": 225.0, "west": 270.0,
           "northwest": 315.0}


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """Fold a name for matching, remembering recent answers: see fold()."""
    return fold(text)


def fold(text: str) -> str:
    """A name folded for matching: no accents, lower case, hyphens and apostrophes as spaces,
    "St"/"Ste" as "saint"/"sainte". Unmemoised, for one pass over a whole gazetteer."""
    if text.isascii():
        plain = text.lower()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        plain = plain.replace("œ", "oe").replace("Œ", "oe").replace("ß", "ss").lower()
    plain = _NON_WORD.sub(" ", plain)
    if "st" in plain:
        plain = _SAINT.sub("saint", plain)
        plain = _SAINTE.sub("sainte", plain)
    return " ".join(plain.split())


def is_latin(text: str) -> bool:
    """Whether a name is written in the Latin alphabet (the only one reporters of our tables use)."""
    return _NOT_LATIN.search(text) is None
