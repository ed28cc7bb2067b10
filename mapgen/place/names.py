"""Reading a place as a reporter writes it: setting facility words aside to find the town."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..util.text import is_latin, normalise

# Words that name a facility or a part of a town rather than the town itself, in English and
# French, folded (no accents, lower case). Longer phrases first so that they win over their parts.
FACILITY_PHRASES = (
    "centre penitentiaire",
    "centre de detention",
    "centre de semi liberte",
    "maison d arret",
    "maison centrale",
    "etablissement penitentiaire",
    "detention centre",
    "detention center",
    "remand prison",
    "high security prison",
    "correctional facility",
    "penitentiary",
    "prison",
    "jail",
    "gaol",
    "car park of",
    "car park",
    "parking of",
    "parking",
    "staff car park",
    "arrondissement",
    "district",
    "town centre",
    "city centre",
    "centre ville",
    "home of",
    "outside",
    "near",
    "pres de",
)
_LEADING_WORDS = {"the", "a", "an"}
_TRAILING_WORDS = {"the", "of", "in", "at", "de", "du", "des", "d"}
# A facility phrase takes the little words that tie it to the town with it: "maison d'arret de".
_FACILITY_PATTERN = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(FACILITY_PHRASES, key=len, reverse=True)) + r")\b"
    r"(?:\s+(?:de|du|des|d|of|the|at|in|a|l))*\b"
)
_ORDINAL = re.compile(r"\b\d+(?:e|er|eme|th|st|nd|rd)\b")


@lru_cache(maxsize=65536)
def split_place(text: str) -> tuple[tuple[tuple[str, str], ...], bool]:
    """Read a place as a reporter writes it: the candidate town names, most specific first, each
    with the text it came from (for compound_parts), and whether facility words were set aside
    ("Tarascon prison" -> [("tarascon", "Tarascon prison")], True)."""
    names: list[tuple[str, str]] = []
    facility = False
    for part in _SEGMENTS.split(text) if _SEGMENTS.search(text) else (text,):
        folded = normalise(part)
        name = _strip_folded(folded)
        if name != folded:
            facility = True
        if name:
            names.append((name, part))
    return tuple(names), facility


def compound_splits(part: str) -> list[tuple[str, str]]:
    """The ways to cut a compound such as "Saint-Étienne-La Talaudière" in two at a hyphen
    before a capital letter, as folded (first, second) pairs, the first cut first."""
    pieces = _COMPOUND_JOIN.split(part)
    splits = []
    for cut in range(1, len(pieces)):
        first, second = _strip_facility("-".join(pieces[:cut])), _strip_facility("-".join(pieces[cut:]))
        if first and second:
            splits.append((first, second))
    return splits


# A cheap first look: most names hold no facility word at all.
_FACILITY_HINT = re.compile(
    r"prison|centre|center|maison|etablissement|detention|jail|gaol|penitentiar|correctional|park|parking|arrondissement"
    r"|district|ville|home|outside|near|pres|\d|^(?:the|a|an) |(?: the| of| in| at| de| du| des| d)$"
)
_SEGMENTS = re.compile(r"[,;()/]| - ")


# Reporters join a town and the place in or near it with a hyphen before a capital letter
# ("Aix-Luynes", "Lille-Sequedin"); a commune's own name joins with lower-case words ("Aix-en-Provence").
_COMPOUND_JOIN = re.compile(r"-(?=[A-ZÀ-ÝŒ])")


def _strip_facility(part: str) -> str:
    return _strip_folded(normalise(part))


def _strip_folded(folded: str) -> str:
    if not folded:
        return ""
    if _FACILITY_HINT.search(folded) is None:
        return folded
    words = _ORDINAL.sub(" ", _FACILITY_PATTERN.sub(" ", folded)).split()
    while words and words[0] in _LEADING_WORDS:
        words.pop(0)
    while words and words[-1] in _TRAILING_WORDS:
        words.pop()
    return " ".join(words)


@lru_cache(maxsize=65536)
def has_facility_words(part: str) -> bool:
    """Whether a segment of a place text names a facility or a part of a town ("Eysses prison")."""
    folded = normalise(part)
    return _strip_folded(folded) != folded


# What tables write after a place's name to say what it is (UCDP's "Troitske village", "Sulu
# province"), folded. A town word leaves the town; an area word says the area itself is meant.
TOWN_WORDS = ("town", "village", "city", "municipality", "settlement", "hamlet", "barangay", "township", "neighborhood",
              "neighbourhood", "suburb")
AREA_WORDS = ("province", "oblast", "department", "departement", "region", "state", "district", "raion", "rayon", "governorate",
              "prefecture", "county", "parish", "territory", "capital territory", "federal city", "federal district", "republic",
              "autonomous region", "autonomous republic", "division", "zone", "u s state", "emirate", "kray", "krai")
_TYPE_WORD = re.compile(r"^(?:(?P<lead>" + "|".join(sorted((*TOWN_WORDS, *AREA_WORDS), key=len, reverse=True)) + r") of )?(?P<name>.+?)"
                        r"(?: (?P<tail>" + "|".join(sorted((*TOWN_WORDS, *AREA_WORDS), key=len, reverse=True)) + r"))?$")


def type_word(folded: str) -> tuple[str, str] | None:
    """A folded name without the word that says what it is, and that word ("sulu province" ->
    ("sulu", "province"); "city of manila" -> ("manila", "city")); None when it has no such word."""
    match = _TYPE_WORD.match(folded)
    if not match or not (match.group("lead") or match.group("tail")) or not match.group("name").strip():
        return None
    return match.group("name").strip(), match.group("lead") or match.group("tail")


# Letters of other alphabets drawn like Latin ones: a Cyrillic Е typed into "Еasley" (a keyboard
# switched mid-word, or text pasted from another source) makes a name no gazetteer holds.
_LOOKALIKES = str.maketrans({
    "А": "A", "В": "B", "С": "C", "Е": "E", "Н": "H", "І": "I", "Ј": "J", "К": "K", "М": "M", "О": "O", "Р": "P", "Ѕ": "S",
    "Т": "T", "Х": "X", "У": "Y", "а": "a", "с": "c", "е": "e", "і": "i", "ј": "j", "о": "o", "р": "p", "ѕ": "s", "х": "x",
    "у": "y", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X", "ο": "o",
})


def lookalike_letters(text: str) -> tuple[str, list[str]]:
    """A name written mostly in Latin letters with a few look-alikes of another alphabet, in
    Latin letters only, and the odd letters named ("Еasley" -> "Easley", ["'Е' (CYRILLIC CAPITAL
    LETTER IE)"]); the text unchanged, and [], when it holds none or is written in another alphabet."""
    if text.isascii() or is_latin(text):
        return text, []
    odd = [ch for ch in text if ch.isalpha() and not is_latin(ch)]
    latin = [ch for ch in text if ch.isalpha() and is_latin(ch)]
    if not odd or len(odd) >= len(latin):
        return text, []
    named = [f"{ch!r} ({unicodedata.name(ch, 'unnamed')})" for ch in dict.fromkeys(odd)]
    return text.translate(_LOOKALIKES), named
